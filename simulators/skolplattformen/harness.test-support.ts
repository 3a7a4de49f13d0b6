/**
 * A small client for the contract tests: a cookie jar that never follows redirects (as the
 * connectors must not), the SiteMinder login step by step, and the control API.
 */
import { createSimulator } from '../common/index.js';
import type { SimulatorContext, SimulatorOptions } from '../common/index.js';
import { simulator } from './index.js';
import { SERVICE_ACCOUNT } from './siteminder.js';
import type { SkolplattformenState } from './state.js';

export const CONTRACT_SEED = 'spf-contract';
export const BASE = '/skolpersonal/inloggad2';

export interface Harness {
  readonly url: string;
  readonly context: SimulatorContext<SkolplattformenState>;
  control(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<SimulatorOptions> = {}): Promise<Harness> {
  const running = createSimulator(simulator, { seed: CONTRACT_SEED, students: 120, ...options });
  const server = await running.listen();
  return {
    url: server.url,
    context: running.context,
    close: () => server.close(),
    control: (method, path, body) =>
      fetch(`${server.url}/_control${path}`, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      }),
  };
}

/** Form encoding from the given charset's bytes: Latin-1 (`ö` → `%F6`) or UTF-8 (`%C3%B6`). */
export function formEncode(fields: Readonly<Record<string, string>>, charset: 'latin1' | 'utf8'): Buffer {
  const encode = (text: string): string =>
    [...Buffer.from(text, charset)].map((byte) => (/[A-Za-z0-9\-_.*]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  return Buffer.from(Object.entries(fields).map(([name, value]) => `${encode(name)}=${encode(value)}`).join('&'), 'ascii');
}

/** The hidden inputs of an HTML form. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1] ?? ''] = (match[2] ?? '').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }
  return fields;
}

export interface Envelope<Data = unknown> {
  Success: boolean;
  Error: string | null;
  Data: Data | null;
}

export interface Page<Row = Record<string, unknown>> {
  Rows: Row[];
  TotalRows: number;
  ChangedUntil: string;
}

export interface LoginOptions {
  readonly username?: string;
  readonly password?: string;
  readonly charset?: 'latin1' | 'utf8';
}

/** One client: its cookies and its anti-forgery token. */
export class Browser {
  readonly cookies = new Map<string, string>();
  xsrf: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request(path: string, init: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const separator = (pair ?? '').indexOf('=');
      this.cookies.set((pair ?? '').slice(0, separator), (pair ?? '').slice(separator + 1));
    }
    return response;
  }

  /** Steps 2 and 3: read the form, post it back. Returns the POST's response. */
  async postLoginForm(formPath: string, options: LoginOptions = {}): Promise<Response> {
    const form = await this.request(formPath);
    const hidden = hiddenFields(Buffer.from(await form.arrayBuffer()).toString('latin1'));
    const body = formEncode(
      { user: options.username ?? SERVICE_ACCOUNT.username, password: options.password ?? SERVICE_ACCOUNT.password, ...hidden },
      options.charset ?? 'latin1',
    );
    return this.request('/siteminderagent/forms/login.fcc', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  }

  /** Step 4: `/hem` and its token. */
  async loadHome(): Promise<Response> {
    const response = await this.request(`${BASE}/hem`);
    const html = await response.clone().text();
    this.xsrf = /name="__RequestVerificationToken" type="hidden" value="([^"]+)"/.exec(html)?.[1] ?? null;
    return response;
  }

  /** The whole login (steps 1–4); with a live session only step 4. */
  async login(options: LoginOptions = {}): Promise<void> {
    const start = await this.request(`${BASE}/hem`);
    if (start.status === 200) {
      await this.loadHome();
      return;
    }
    const post = await this.postLoginForm(start.headers.get('location') ?? '', options);
    if (post.headers.get('location') !== `${BASE}/hem`) throw new Error(`login refused: ${post.headers.get('location') ?? ''}`);
    await this.loadHome();
  }

  async api(path: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    return this.request(`${BASE}${path}`, {
      method: init.method ?? 'GET',
      headers: { ...(this.xsrf ? { 'x-xsrf-token': this.xsrf } : {}), ...(init.json === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
    });
  }

  async envelope<Data = unknown>(path: string, init: { method?: string; json?: unknown; headers?: Record<string, string> } = {}): Promise<Envelope<Data>> {
    const response = await this.api(path, init);
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    return (await response.json()) as Envelope<Data>;
  }

  async page<Row = Record<string, unknown>>(path: string): Promise<Page<Row>> {
    const answer = await this.envelope<Page<Row>>(path);
    if (!answer.Success || !answer.Data) throw new Error(`${path} failed: ${answer.Error ?? ''}`);
    return answer.Data;
  }

  /** Every page of a list over one snapshot, as a connector reads it. */
  async readAll<Row = Record<string, unknown>>(list: string, query: Record<string, string> = {}, rowLimit = 500, between?: (page: number) => Promise<void>): Promise<{ rows: Row[]; changedUntil: string; totalRows: number }> {
    const rows: Row[] = [];
    let changedUntil: string | null = null;
    let totalRows = 0;
    for (let page = 0; page === 0 || rows.length < totalRows; page++) {
      const parameters = new URLSearchParams({ ...query, rowLimit: String(rowLimit), startRow: String(rows.length), ...(changedUntil ? { changedUntil } : {}) });
      const data: Page<Row> = await this.page<Row>(`${list}?${parameters.toString()}`);
      rows.push(...data.Rows);
      changedUntil = data.ChangedUntil;
      totalRows = data.TotalRows;
      if (data.Rows.length === 0) break;
      await between?.(page);
    }
    return { rows, changedUntil: changedUntil ?? '', totalRows };
  }

  /** Logs in and selects the first school; returns its id. */
  async signInAndSelect(): Promise<string> {
    await this.login();
    const schools = await this.envelope<{ SchoolId: string }[]>('/GetSchools');
    const schoolId = schools.Data?.[0]?.SchoolId ?? '';
    await this.envelope('/SelectSchool', { method: 'POST', json: { id: schoolId } });
    return schoolId;
  }
}
