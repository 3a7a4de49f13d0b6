/**
 * A running SchoolSoft simulator on an ephemeral loopback port and a plain HTTP client for the
 * contract tests: node `fetch` with `redirect: 'manual'`, so every 302 is seen as sent.
 */
import { createSimulator } from '../common/index.js';
import type { SimulatorContext, SimulatorOptions } from '../common/index.js';
import type { MunicipalityKey } from '../world/index.js';
import { simulator } from './index.js';
import type { SchoolSoftState } from './state.js';

export const DEVICE_ID = '3f1c2a9e-5b7d-4e21-9c4a-0d8e6f1b2a37';
export const ORG_ID: Readonly<Record<MunicipalityKey, number>> = { sjostad: 4, abro: 2 };
/** Monday 2026-03-09 00:00 in Stockholm: the example cast's day. */
export const MONDAY_0309 = Date.parse('2026-03-09T00:00:00+01:00');

export interface TokenPair {
  readonly access_token: string;
  readonly refresh_token: string;
}

export interface SchoolSoftHarness {
  readonly url: string;
  readonly context: SimulatorContext<SchoolSoftState>;
  control(method: string, path: string, body?: unknown): Promise<Response>;
  /** `POST /{slug}/rest-api/login/token` with the tenant's credentials in the query string. */
  grant(tenant?: MunicipalityKey, headers?: Record<string, string>): Promise<Response>;
  /** A fresh token pair (throws unless the grant succeeds). */
  tokens(tenant?: MunicipalityKey): Promise<TokenPair>;
  refresh(refreshToken: string, tenant?: MunicipalityKey): Promise<Response>;
  /** `GET /{slug}/eva/api/{path}` with the bearer token. */
  eva(path: string, token: string, tenant?: MunicipalityKey): Promise<Response>;
  /** The server's simulated now from a response's `Date` header. */
  dateOf(response: Response): number;
  close(): Promise<void>;
}

export async function startSchoolSoft(inputs: SimulatorOptions = { seed: 'skolbrygga', students: 120 }): Promise<SchoolSoftHarness> {
  const created = createSimulator(simulator, inputs);
  const server = await created.listen();
  const url = server.url;
  const tokenUrl = (tenant: MunicipalityKey, query: string): string => `${url}/${tenant}/rest-api/login/token?${query}`;
  const harness: SchoolSoftHarness = {
    url,
    context: created.context,
    control: (method, path, body) =>
      fetch(`${url}/_control${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) }),
    grant: (tenant = 'sjostad', headers = { deviceid: DEVICE_ID }) =>
      fetch(tokenUrl(tenant, `clientId=skolbrygga-${tenant}&grantType=client_credentials&clientSecret=sim-secret-${tenant}`), { method: 'POST', headers, redirect: 'manual' }),
    async tokens(tenant = 'sjostad') {
      const response = await harness.grant(tenant);
      if (response.status !== 200) throw new Error(`grant failed with ${response.status}`);
      return (await response.json()) as TokenPair;
    },
    refresh: (refreshToken, tenant = 'sjostad') =>
      fetch(tokenUrl(tenant, `clientId=skolbrygga-${tenant}&grantType=refresh_token&refreshToken=${encodeURIComponent(refreshToken)}`), {
        method: 'POST',
        headers: { deviceid: DEVICE_ID },
        redirect: 'manual',
      }),
    eva: (path, token, tenant = 'sjostad') =>
      fetch(`${url}/${tenant}/eva/api/${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json', deviceid: DEVICE_ID }, redirect: 'manual' }),
    dateOf: (response) => Date.parse(response.headers.get('date') ?? ''),
    close: () => server.close(),
  };
  return harness;
}

/** The JWT payload (never verified, as the connector reads it). */
export function jwtPayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Every page of a v2 list, `page=0,1,…` until `last: true`. */
export async function readAllPages<T>(harness: SchoolSoftHarness, path: string, token: string, size: number, between?: () => Promise<void>): Promise<T[]> {
  const rows: T[] = [];
  for (let number = 0; ; number++) {
    const separator = path.includes('?') ? '&' : '?';
    const response = await harness.eva(`${path}${separator}page=${number}&size=${size}`, token);
    if (response.status !== 200) throw new Error(`page ${number} of ${path} answered ${response.status}`);
    const body = (await response.json()) as { content: T[]; last: boolean };
    rows.push(...body.content);
    if (body.last) return rows;
    if (between) await between();
  }
}
