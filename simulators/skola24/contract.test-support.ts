/**
 * A harness for the Skola24 contract tests: the simulator on an ephemeral loopback port, a plain
 * HTTP client that never follows redirects and keeps cookies by hand, the login flow, and helpers
 * for the JSON envelope and the XML export. Imported by *.test.ts only.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createSimulator } from '../common/index.js';
import type { SimulatorContext, SimulatorOptions } from '../common/index.js';
import type { MunicipalityKey } from '../world/index.js';
import { LESSON_ABSENCE_EXPORT_PATH, LOGIN_PATH, SCOPES, tenantOf } from './constants.js';
import type { ScopeName } from './constants.js';
import { simulator } from './index.js';
import type { Skola24State } from './state.js';

export const TEST_LOGIN_DELAY_MS = 25;

export interface JsonEnvelope {
  readonly error: unknown;
  readonly data: Record<string, unknown> | null;
  readonly exception: { code: number; context: string; errorId: string; errorTime: string; message: string } | null;
  readonly validation: { code: number; label: string; message: string }[];
  readonly sessionExpires: string | null;
  readonly needSessionRefresh: boolean;
}

export interface XmlAnswer {
  readonly status: number;
  readonly contentType: string | null;
  readonly bytes: Buffer;
  readonly text: string;
}

/** Cookies as a client keeps them: name → value. */
export type CookieJar = Map<string, string>;

export function cookieHeader(jar: CookieJar): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

export function storeCookies(jar: CookieJar, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const separator = pair?.indexOf('=') ?? -1;
    if (pair && separator > 0) jar.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
  }
}

/** The hidden inputs and options of the login page. */
export function parseLoginForm(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" id="[^"]+" value="([^"]*)" \/>/g)) {
    fields[match[1] ?? ''] = (match[2] ?? '').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
  }
  return fields;
}

export interface Harness {
  readonly url: string;
  readonly context: SimulatorContext<Skola24State>;
  control(method: string, path: string, body?: unknown): Promise<Response>;
  /** The whole login flow for a tenant; returns the cookie jar with `.ASPXAUTH`. */
  login(tenant?: MunicipalityKey): Promise<CookieJar>;
  api(path: string, body: unknown, options: { jar: CookieJar; scope: string; method?: string }): Promise<{ status: number; headers: Headers; envelope: JsonEnvelope }>;
  exportXml(fields: Record<string, string>, options: { jar: CookieJar; scope?: string }): Promise<XmlAnswer>;
  close(): Promise<void>;
}

/** A scope's name (`integration`) stands for its GUID; anything else is sent as written. */
function scopeValue(scope: string): string {
  return scope in SCOPES ? SCOPES[scope as ScopeName] : scope;
}

export async function startHarness(options: SimulatorOptions = { seed: 'skola24-contract', students: 120 }): Promise<Harness> {
  const created = createSimulator(simulator, options);
  const server = await created.listen();
  const { url } = server;
  const control = (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${url}/_control${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
  await control('PUT', '/config', { loginMinDelayMs: TEST_LOGIN_DELAY_MS });

  const login = async (tenantKey: MunicipalityKey = 'sjostad'): Promise<CookieJar> => {
    const tenant = tenantOf(tenantKey);
    const jar: CookieJar = new Map();
    storeCookies(jar, await fetch(`${url}/`, { redirect: 'manual' }));
    const pageUrl = `${url}${LOGIN_PATH}?host=${tenant.hostName}`;
    const page = await fetch(pageUrl, { redirect: 'manual', headers: { cookie: cookieHeader(jar) } });
    storeCookies(jar, page);
    const hidden = parseLoginForm(await page.text());
    await sleep(TEST_LOGIN_DELAY_MS + 10);
    const form = new URLSearchParams({
      ...hidden,
      __POST_ID: String(Number(hidden.__POST_ID) + 1),
      DomainDropDown: tenant.municipalityCode,
      LoginUC$UserNameTB: tenant.username,
      LoginUC$PwdTB: tenant.password,
      LoginUC$LoginButton: 'Logga in',
    });
    const posted = await fetch(pageUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: form.toString(),
    });
    storeCookies(jar, posted);
    if (!jar.has('.ASPXAUTH')) throw new Error(`login failed: ${posted.status} ${posted.headers.get('location') ?? ''}`);
    return jar;
  };

  const api: Harness['api'] = async (path, body, { jar, scope, method = 'POST' }) => {
    const response = await fetch(`${url}${path}`, {
      method,
      redirect: 'manual',
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/json', 'X-Scope': scopeValue(scope) },
      ...(method === 'GET' ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const envelope = (response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : null) as JsonEnvelope;
    return { status: response.status, headers: response.headers, envelope };
  };

  const exportXml: Harness['exportXml'] = async (fields, { jar, scope = 'integration' }) => {
    const response = await fetch(`${url}${LESSON_ABSENCE_EXPORT_PATH}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded', 'X-Scope': scopeValue(scope) },
      body: new URLSearchParams(fields).toString(),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, contentType: response.headers.get('content-type'), bytes, text: bytes.toString('utf8') };
  };

  return { url, context: created.context, control, login, api, exportXml, close: () => server.close() };
}

/** The body of a paged list call with the file's defaults: page 1, no snapshot, everything. */
export function listBody(hostName: string, unitGuid: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { hostName, unitGuid, schoolYear: null, changedSince: null, snapshotTime: null, fromDate: null, toDate: null, pageNumber: 1, pageSize: 500, ...overrides };
}

/** The XML export's form with every field present (empty = null). */
export function exportForm(hostName: string, unitGuid: string, overrides: Record<string, string> = {}): Record<string, string> {
  return { hostName, unitGuid, schoolYear: '', changedSince: '', snapshotTime: '', fromDate: '', toDate: '', pageNumber: '1', pageSize: '1000', ...overrides };
}
