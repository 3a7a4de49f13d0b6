import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { CookieJar } from './cookie-jar.js';
import {
  AuthExpired,
  PlatformMoved,
  PlatformUnavailable,
  RateLimited,
  RequestBudgetExceeded,
  ResponseTooLarge,
  TruncatedResponse,
} from './errors.js';
import type { HttpClientOptions, HttpResponse } from './http-client.js';
import { HttpClient, bodyText, loginLocationMatcher, parseJsonBody } from './http-client.js';
import { RequestBudget } from './request-budget.js';
import { createLogger } from '../../core/log.js';
import { Writable } from 'node:stream';

const BASE = 'http://platform.test:7301';
const ELSEWHERE = 'http://moved.test:7399';
const DATE = 'Tue, 10 Mar 2026 01:00:00 GMT';

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

function client(extra: Partial<HttpClientOptions> = {}): { http: HttpClient; waits: number[] } {
  const waits: number[] = [];
  const http = new HttpClient({
    platform: 'skola24',
    baseUrl: BASE,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    backoff: { baseMs: 100, capMs: 1_000 },
    ...extra,
  });
  return { http, waits };
}

const getStudents = { method: 'GET', route: '/api/students', url: '/api/students', stream: 'persons' } as const;

describe('retries', () => {
  it('retries 500, 502 and 503 with full-jitter backoff, then returns the page', async () => {
    nock(BASE).get('/api/students').reply(500).get('/api/students').reply(502).get('/api/students').reply(503);
    nock(BASE).get('/api/students').reply(200, { data: [1, 2, 3] });
    const { http, waits } = client();
    await expect(http.requestParsed(getStudents, parseJsonBody)).resolves.toEqual({ data: [1, 2, 3] });
    // random 0.5 × min(cap, base · 2^n): 50, 100, 200.
    expect(waits).toEqual([50, 100, 200]);
    expect(http.requestCount).toBe(4);
  });

  it('gives up after the retry budget with PlatformUnavailable carrying context', async () => {
    nock(BASE).get('/api/students').times(3).reply(503);
    const { http } = client({ maxAttempts: 3 });
    const error = await http.request(getStudents).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformUnavailable);
    expect((error as PlatformUnavailable).context).toMatchObject({ platform: 'skola24', stream: 'persons', route: '/api/students', attempts: 3 });
    expect(nock.isDone()).toBe(true);
  });

  it('retries a socket destroyed before the response and one destroyed mid-body (real sockets)', async () => {
    // nock cannot drop a connection the way a platform does, so this test uses a loopback server.
    let served = 0;
    const server = createServer((_request, response) => {
      served += 1;
      if (served === 1) {
        response.socket?.destroy();
      } else if (served === 2) {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '64' });
        response.write('{"data":[1,2,');
        setTimeout(() => response.socket?.destroy(), 10);
      } else {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end('{"data":[1,2,3]}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    nock.enableNetConnect('127.0.0.1');
    try {
      const { port } = server.address() as AddressInfo;
      const parsed: string[] = [];
      const { http, waits } = client({ baseUrl: `http://127.0.0.1:${port}` });
      const result = await http.requestParsed(getStudents, (response) => {
        parsed.push(bodyText(response));
        return parseJsonBody(response);
      });
      expect(result).toEqual({ data: [1, 2, 3] });
      expect(parsed).toEqual(['{"data":[1,2,3]}']);
      expect(waits).toHaveLength(2);
      expect(served).toBe(3);
    } finally {
      nock.disableNetConnect();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('retries a body stream that breaks off in the middle', async () => {
    nock(BASE)
      .get('/api/students')
      .reply(200, () => {
        const stream = new Readable({ read() {} });
        stream.push('{"data":[1,2,');
        setTimeout(() => stream.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })), 5);
        return stream;
      })
      .get('/api/students')
      .reply(200, { data: [1, 2, 3] });
    const { http, waits } = client();
    await expect(http.requestParsed(getStudents, parseJsonBody)).resolves.toEqual({ data: [1, 2, 3] });
    expect(waits).toHaveLength(1);
  });

  it('never parses a body shorter than its Content-Length', async () => {
    const parsed: string[] = [];
    nock(BASE)
      .get('/api/students').reply(200, '{"data":[1]}', { 'Content-Length': '40' })
      .get('/api/students').reply(200, '{"data":[1,2,3]}');
    const { http } = client();
    const result = await http.requestParsed(getStudents, (response) => {
      parsed.push(bodyText(response));
      return parseJsonBody(response);
    });
    expect(result).toEqual({ data: [1, 2, 3] });
    expect(parsed).toEqual(['{"data":[1,2,3]}']);
  });

  it('treats an unparseable body as truncated and fails with TruncatedResponse after the budget', async () => {
    nock(BASE).get('/api/students').times(2).reply(200, '{"data":[1,2', { 'Content-Type': 'application/json' });
    const { http } = client({ maxAttempts: 2 });
    await expect(http.requestParsed(getStudents, parseJsonBody)).rejects.toBeInstanceOf(TruncatedResponse);
  });

  it('decompresses gzip itself after checking the compressed length', async () => {
    const body = gzipSync(JSON.stringify({ data: ['x'] }));
    nock(BASE).get('/api/students').reply(200, body, { 'Content-Encoding': 'gzip', 'Content-Length': String(body.length) });
    const { http } = client();
    await expect(http.requestParsed(getStudents, parseJsonBody)).resolves.toEqual({ data: ['x'] });
  });
});

describe('429', () => {
  it('waits Retry-After seconds, without counting a failure or logging in again', async () => {
    let logins = 0;
    nock(BASE)
      .get('/api/students').reply(429, '', { 'Retry-After': '2', Date: DATE })
      .get('/api/students').reply(429, '', { 'Retry-After': '3', Date: DATE })
      .get('/api/students').reply(200, { data: [] });
    const { http, waits } = client({
      maxAttempts: 1,
      login: () => {
        logins += 1;
        return Promise.resolve();
      },
    });
    await expect(http.requestParsed(getStudents, parseJsonBody)).resolves.toEqual({ data: [] });
    expect(waits).toEqual([2_000, 3_000]);
    expect(logins).toBe(0);
  });

  it('measures an HTTP-date against the response Date header, not the local clock', async () => {
    // Simulated time is months away from the wall clock; only the difference of the two headers counts.
    nock(BASE)
      .get('/api/students').reply(429, '', { 'Retry-After': 'Tue, 10 Mar 2026 01:00:07 GMT', Date: DATE })
      .get('/api/students').reply(200, { data: [] });
    const { http, waits } = client();
    await http.requestParsed(getStudents, parseJsonBody);
    expect(waits).toEqual([7_000]);
  });

  it('waits 60 s when Retry-After is missing, capped by maxRetryAfterSeconds', async () => {
    nock(BASE).get('/api/students').reply(429).get('/api/students').reply(200, {});
    const first = client();
    await first.http.request(getStudents);
    expect(first.waits).toEqual([60_000]);

    nock(BASE).get('/api/students').reply(429).get('/api/students').reply(429, '', { 'Retry-After': '600' }).get('/api/students').reply(200, {});
    const capped = client({ maxRetryAfterSeconds: 5 });
    await capped.http.request(getStudents);
    expect(capped.waits).toEqual([5_000, 5_000]);
  });

  it('stops with RateLimited when the platform never lets up', async () => {
    nock(BASE).get('/api/students').times(3).reply(429, '', { 'Retry-After': '1' });
    const { http } = client({ maxRateLimitWaits: 2 });
    await expect(http.request(getStudents)).rejects.toBeInstanceOf(RateLimited);
  });
});

describe('sessions and redirects', () => {
  const deadWhenRefreshNeeded = (response: HttpResponse): boolean =>
    response.status === 200 && bodyText(response).includes('"needSessionRefresh":true');

  it('logs in once on the death signal and replays the request', async () => {
    let logins = 0;
    nock(BASE)
      .post('/api/students').reply(200, { data: null, needSessionRefresh: true })
      .post('/api/students').reply(200, { data: [1], needSessionRefresh: false });
    const { http } = client({
      isSessionDead: deadWhenRefreshNeeded,
      login: () => {
        logins += 1;
        return Promise.resolve();
      },
    });
    const result = await http.requestParsed({ ...getStudents, method: 'POST', body: { pageNumber: 1 } }, parseJsonBody);
    expect(result).toEqual({ data: [1], needSessionRefresh: false });
    expect(logins).toBe(1);
  });

  it('fails with AuthExpired when the session dies again right after the new login', async () => {
    let logins = 0;
    nock(BASE).post('/api/students').times(2).reply(200, { data: null, needSessionRefresh: true });
    const { http } = client({
      isSessionDead: deadWhenRefreshNeeded,
      login: () => {
        logins += 1;
        return Promise.resolve();
      },
    });
    await expect(http.request({ ...getStudents, method: 'POST', body: {} })).rejects.toBeInstanceOf(AuthExpired);
    expect(logins).toBe(1);
    expect(nock.isDone()).toBe(true);
  });

  it('reads a redirect to the login path as session death', async () => {
    let logins = 0;
    nock(BASE)
      .get('/skolpersonal/inloggad2/students').reply(302, '', { Location: '/siteminderagent/forms/login.fcc?TARGET=x' })
      .get('/skolpersonal/inloggad2/students').reply(200, { Success: true });
    const { http } = client({
      isLoginLocation: loginLocationMatcher(['/siteminderagent/forms/login.fcc']),
      login: () => {
        logins += 1;
        return Promise.resolve();
      },
    });
    const response = await http.request({ method: 'GET', route: '/skolpersonal/inloggad2/students', url: '/skolpersonal/inloggad2/students' });
    expect(response.status).toBe(200);
    expect(logins).toBe(1);
  });

  it('fails a redirect to another origin with PlatformMoved and sends nothing there', async () => {
    nock(BASE).get('/api/students').reply(301, '', { Location: `${ELSEWHERE}/api/students?token=abc` });
    const elsewhere = nock(ELSEWHERE).get(/.*/).reply(200, {});
    const jar = new CookieJar();
    jar.store(`${BASE}/`, 'ASP.NET_SessionId=s3cr3t; Path=/');
    const { http } = client({ cookieJar: jar, isLoginLocation: loginLocationMatcher(['/login']) });
    const error = await http.request(getStudents).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformMoved);
    expect((error as PlatformMoved).location).toBe(`${ELSEWHERE}/api/students`);
    expect(elsewhere.isDone()).toBe(false);
    expect(http.requestCount).toBe(1);
  });

  it('hands a redirect back untouched to a login flow that asks for it', async () => {
    nock(BASE).post('/login').reply(302, '', { Location: '/home', 'Set-Cookie': 'IMHome=abc; Path=/; HttpOnly' });
    const jar = new CookieJar();
    const { http } = client({ cookieJar: jar });
    const response = await http.request({ method: 'POST', route: '/login', url: '/login', body: 'a=b', redirects: 'return', authenticated: false });
    expect(response.status).toBe(302);
    expect(response.headers['location']).toBe('/home');
    expect(jar.headerFor(`${BASE}/api/x`)).toBe('IMHome=abc');
  });

  it('sends the jar cookies back to the same host only', async () => {
    const jar = new CookieJar();
    jar.store(`${BASE}/`, 'SMSESSION=zz; Path=/');
    const scope = nock(BASE, { reqheaders: { cookie: 'SMSESSION=zz' } }).get('/api/students').reply(200, {});
    const { http } = client({ cookieJar: jar });
    await http.request(getStudents);
    expect(scope.isDone()).toBe(true);
  });
});

describe('limits', () => {
  it('refuses a response over the size limit with ResponseTooLarge, without retrying', async () => {
    nock(BASE).get('/api/students').reply(200, 'x'.repeat(2_000));
    const { http, waits } = client({ maxResponseBytes: 1_000 });
    await expect(http.request(getStudents)).rejects.toBeInstanceOf(ResponseTooLarge);
    expect(waits).toEqual([]);
  });

  it('stops before the request that would exceed the budget, counting retries', async () => {
    nock(BASE).get('/api/students').reply(503).get('/api/students').reply(200, {});
    const budget = new RequestBudget(2);
    const { http } = client({ budget });
    await http.request(getStudents);
    const error = await http.request(getStudents).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestBudgetExceeded);
    expect((error as RequestBudgetExceeded).context).toMatchObject({ platform: 'skola24', route: '/api/students', budget: 2 });
    expect(budget.used).toBe(2);
  });

  it('applies the per-request timeout and retries it', async () => {
    nock(BASE).get('/api/students').delay(200).reply(200, {}).get('/api/students').reply(200, { ok: true });
    const { http, waits } = client({ timeoutMs: 50 });
    await expect(http.requestParsed(getStudents, parseJsonBody)).resolves.toEqual({ ok: true });
    expect(waits).toHaveLength(1);
  });
});

describe('logging', () => {
  it('logs route template, status and duration, never the query, the body or the cookie', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    nock(BASE).get('/api/students').query(true).reply(503, 'personalIdentityNumber 20130512-9825').get('/api/students').query(true).reply(200, { secretBody: 'x' });
    const jar = new CookieJar();
    jar.store(`${BASE}/`, 'SMSESSION=cookie-value');
    const { http } = client({ cookieJar: jar, logger: createLogger({ level: 'debug', destination }) });
    await http.request({ ...getStudents, params: { client_secret: 'sim-secret-k', page: 2 } });
    const log = lines.join('');
    expect(log).toContain('"route":"/api/students"');
    expect(log).toContain('"status":200');
    expect(log).toContain('"durationMs"');
    for (const leak of ['sim-secret-k', 'client_secret', '9825', 'secretBody', 'cookie-value']) expect(log).not.toContain(leak);
  });
});
