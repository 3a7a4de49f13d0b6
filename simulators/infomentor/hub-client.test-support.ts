/**
 * A plain HTTP client for the InfoMentor contract tests: a cookie jar, no automatic redirects,
 * and the seven-step login written out, so every test sees the wire exactly as a connector does.
 */
import { createSimulator } from '../common/index.js';
import type { SimulatorContext } from '../common/index.js';
import { simulator } from './index.js';
import type { InfoMentorState } from './state.js';

export const SJOSTAD = { username: 'skolbrygga@sjostad', password: 'Sim-lösen-sjostad' } as const;
export const TALLMO = 20417;
export const LARKANG = 20419;

export interface RunningInfoMentor {
  readonly url: string;
  readonly context: SimulatorContext<InfoMentorState>;
  control(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

export async function startInfoMentor(seed = 'skolbrygga', now?: string): Promise<RunningInfoMentor> {
  const created = createSimulator(simulator, { seed, students: 120, ...(now ? { now } : {}) });
  const server = await created.listen();
  return {
    url: server.url,
    context: created.context,
    close: () => server.close(),
    control: (method, path, body) =>
      fetch(`${server.url}/_control${path}`, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) }),
  };
}

export interface SendOptions {
  readonly json?: unknown;
  readonly form?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
}

export class HubClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  async send(method: string, path: string, options: SendOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json; charset=UTF-8';
      headers['x-requested-with'] = 'XMLHttpRequest';
      headers.accept = 'application/json, text/javascript, */*; q=0.01';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded; charset=UTF-8';
      body = new URLSearchParams(options.form).toString();
    }
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, redirect: 'manual', ...(body === undefined ? {} : { body }) });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const separator = pair.indexOf('=');
      this.cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
    return response;
  }

  /** A hub data call: POST with a JSON body. */
  post(path: string, json: unknown = {}): Promise<Response> {
    return this.send('POST', path, { json });
  }
}

/** The value of a hidden input. */
export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name.replaceAll('$', '\\$')}"[^>]*value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no field ${name} in the page`);
  return (match[1] ?? '').replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

/** `homeData` as a connector takes it: the text between the assignment and `; IMHome.home.init(`. */
export function homeDataOf(html: string): unknown {
  const start = html.indexOf('IMHome.home.homeData = ');
  const end = html.indexOf('; IMHome.home.init(', start);
  if (start < 0 || end < 0) throw new Error('no homeData in the page');
  return JSON.parse(html.slice(start + 'IMHome.home.homeData = '.length, end));
}

export interface LoginSteps {
  readonly responses: readonly Response[];
  readonly bodies: readonly string[];
}

/** Steps 1–7 of infomentor.md §2; every response and body is returned for the tests to inspect. */
export async function login(client: HubClient, credentials: { username: string; password: string } = SJOSTAD, options: { skipStep5?: boolean } = {}): Promise<LoginSteps> {
  const responses: Response[] = [];
  const bodies: string[] = [];
  const step = async (response: Promise<Response>): Promise<string> => {
    const answered = await response;
    const body = await answered.text();
    responses.push(answered);
    bodies.push(body);
    return body;
  };
  await step(client.send('GET', '/'));
  const loginUrl = responses[0]?.headers.get('location') ?? '';
  const relay = await step(client.send('GET', loginUrl));
  const loginPage = await step(client.send('POST', '/swedish/production/mentor/', { form: { oauth_token: hiddenField(relay, 'oauth_token') } }));
  const afterLogin = await step(
    client.send('POST', '/swedish/production/mentor/', {
      form: {
        __EVENTTARGET: 'login_ascx$btnLogin',
        __EVENTARGUMENT: '',
        __VIEWSTATE: hiddenField(loginPage, '__VIEWSTATE'),
        __VIEWSTATEGENERATOR: hiddenField(loginPage, '__VIEWSTATEGENERATOR'),
        __EVENTVALIDATION: hiddenField(loginPage, '__EVENTVALIDATION'),
        'login_ascx$txtNotandanafn': credentials.username,
        'login_ascx$txtLykilord': credentials.password,
      },
    }),
  );
  if (afterLogin.includes('login_ascx_lblError') || options.skipStep5) return { responses, bodies };
  await step(client.send('POST', '/swedish/production/mentor/', { form: { oauth_token: hiddenField(afterLogin, 'oauth_token') } }));
  await step(client.send('GET', responses[4]?.headers.get('location') ?? ''));
  await step(client.send('POST', `/authentication/authentication/isauthenticated/?_=${Date.now()}`));
  return { responses, bodies };
}

export interface PagedObject {
  page: number;
  pageSize: number;
  totalItems: number;
  more: boolean;
  listUrl: string;
  itemUrl: string;
  establishmentId: number;
  changedSince: string | null;
  changedUntil: string;
  items: Record<string, unknown>[];
}

export interface ListBody {
  page?: number;
  pageSize?: number;
  changedSince?: string | null;
  changedUntil?: string | null;
  fromDate?: string | null;
  toDate?: string | null;
}

export async function listPage(client: HubClient, path: string, body: ListBody = {}): Promise<PagedObject> {
  const response = await client.post(path, { page: 1, pageSize: 200, changedSince: null, changedUntil: null, fromDate: null, toDate: null, ...body });
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  return (await response.json()) as PagedObject;
}

/** Every page of a list from page 1 until `more: false`, with the snapshot of page 1. */
export async function listAll(client: HubClient, path: string, body: ListBody = {}): Promise<{ items: Record<string, unknown>[]; changedUntil: string; pages: number }> {
  const first = await listPage(client, path, { ...body, page: 1 });
  const items = [...first.items];
  let page = first;
  while (page.more) {
    page = await listPage(client, path, { ...body, page: page.page + 1, changedUntil: first.changedUntil });
    items.push(...page.items);
  }
  return { items, changedUntil: first.changedUntil, pages: page.page };
}

export const PATHS = {
  pupils: '/ClassList/classlist/GetPupilList',
  parents: '/ClassList/classlist/GetParentList',
  attendance: '/attendance/attendance/GetEstablishmentAttendanceList',
  leave: '/attendance/attendance/GetEstablishmentLeaveRequestList',
  appData: '/attendance/attendance/appData',
  switchTo: (establishmentId: number): string => `/Account/EstablishmentSwitcher/SwitchEstablishment/${establishmentId}`,
} as const;
