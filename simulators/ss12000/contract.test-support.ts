/**
 * A small client for the SS 12000 contract tests: starts the simulator on an ephemeral loopback
 * port and talks to it with plain `fetch` (redirects never followed), as a connector would.
 */
import { createSimulator } from '../common/index.js';
import type { SimulatorContext, SimulatorOptions } from '../common/index.js';
import { simulator } from './index.js';
import type { Ss12000State } from './state.js';

export const SJOSTAD = '9901';
export const ABRO = '9902';

export interface WireResponse<Body = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Body;
  readonly text: string;
}

/** A page of a list: `{data, pageToken}`. */
export interface ListBody<Item = Record<string, unknown>> {
  readonly data: Item[];
  readonly pageToken: string | null;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read wire JSON loosely, field by field
export type Row = Record<string, any>;

export interface Ss12000Harness {
  readonly url: string;
  readonly context: SimulatorContext<Ss12000State>;
  /** A bearer token for `skolbrygga-<tenant>`. */
  token(tenant?: 'sjostad' | 'abro'): Promise<string>;
  /** `GET` an API path of a customer with query parameters (arrays repeat the name). */
  get<Body = Row>(path: string, query?: Record<string, string | number | boolean | readonly string[]>, options?: { customer?: string; token?: string | null }): Promise<WireResponse<Body>>;
  send<Body = Row>(method: string, path: string, body?: unknown, options?: { customer?: string; token?: string | null; query?: Record<string, string> }): Promise<WireResponse<Body>>;
  /** Every page of a list query, following `pageToken` alone. */
  all(path: string, query?: Record<string, string | number | boolean | readonly string[]>, options?: { customer?: string }): Promise<{ data: Row[]; pages: number }>;
  control(method: string, path: string, body?: unknown): Promise<WireResponse<Row>>;
  close(): Promise<void>;
}

export function apiPath(customer: string, path: string): string {
  return `/ss12000v2-api/source/${customer}/v2.0${path}`;
}

export function queryString(query: Record<string, string | number | boolean | readonly string[]>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) for (const item of value as readonly string[]) params.append(name, item);
    else params.append(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function wire<Body>(response: Response): Promise<WireResponse<Body>> {
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: body as Body, text };
}

export async function requestToken(url: string, tenant: string): Promise<Response> {
  return fetch(`${url}/oauth2/token`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=client_credentials&client_id=skolbrygga-${tenant}&client_secret=sim-secret-${tenant}`,
  });
}

export async function startSs12000(options: SimulatorOptions = { seed: 'ss12000-contract', students: 120 }): Promise<Ss12000Harness> {
  const instance = createSimulator(simulator, options);
  const server = await instance.listen();
  const tokens = new Map<string, string>();
  const tokenOf = async (tenant: 'sjostad' | 'abro'): Promise<string> => {
    const known = tokens.get(tenant);
    if (known && instance.context.sessions.peek(known)) return known;
    const response = await requestToken(server.url, tenant);
    const { access_token: token } = (await response.json()) as { access_token: string };
    tokens.set(tenant, token);
    return token;
  };
  const authHeader = async (customer: string, token: string | null | undefined): Promise<Record<string, string>> => {
    if (token === null) return {};
    return { authorization: `Bearer ${token ?? (await tokenOf(customer === ABRO ? 'abro' : 'sjostad'))}` };
  };
  const harness: Ss12000Harness = {
    url: server.url,
    context: instance.context,
    token: (tenant = 'sjostad') => tokenOf(tenant),
    async get(path, query = {}, options = {}) {
      const customer = options.customer ?? SJOSTAD;
      const response = await fetch(`${server.url}${apiPath(customer, path)}${queryString(query)}`, { redirect: 'manual', headers: await authHeader(customer, options.token) });
      return wire(response);
    },
    async send(method, path, body, options = {}) {
      const customer = options.customer ?? SJOSTAD;
      const headers: Record<string, string> = { ...(await authHeader(customer, options.token)) };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${server.url}${apiPath(customer, path)}${queryString(options.query ?? {})}`, {
        method,
        redirect: 'manual',
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return wire(response);
    },
    async all(path, query = {}, options = {}) {
      const data: Row[] = [];
      let pages = 0;
      let next: WireResponse<ListBody<Row>> = await harness.get<ListBody<Row>>(path, query, options);
      for (;;) {
        if (next.status !== 200) throw new Error(`page ${pages} of ${path} answered ${next.status}: ${next.text}`);
        pages += 1;
        data.push(...next.body.data);
        if (next.body.pageToken === null) return { data, pages };
        next = await harness.get<ListBody<Row>>(path, { pageToken: next.body.pageToken }, options);
      }
    },
    async control(method, path, body) {
      const response = await fetch(`${server.url}/_control${path}`, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      return wire(response);
    },
    close: () => server.close(),
  };
  return harness;
}
