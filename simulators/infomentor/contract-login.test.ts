/**
 * Login, session death, limits and error bodies of the InfoMentor simulator against its wire
 * contract (platforms/infomentor.md §2, §4, §8; IM-01, IM-02, IM-03, IM-06, IM-07).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HubClient, PATHS, SJOSTAD, hiddenField, login, startInfoMentor } from './hub-client.test-support.js';
import type { RunningInfoMentor } from './hub-client.test-support.js';

let sim: RunningInfoMentor;

beforeAll(async () => {
  sim = await startInfoMentor();
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  expect((await sim.control('POST', '/reset', { seed: 'skolbrygga', students: 120 })).status).toBe(204);
  expect((await sim.control('PUT', '/config', {})).status).toBe(204);
});

async function loggedIn(): Promise<HubClient> {
  const client = new HubClient(sim.url);
  await login(client);
  return client;
}

describe('login, step by step (§2, IM-01)', () => {
  it('runs the seven requests: two oauth_token hops, the WebForms post and LoginCallback set IMHome', async () => {
    const client = new HubClient(sim.url);
    const { responses, bodies } = await login(client);
    expect(responses.map((response) => response.status)).toEqual([302, 200, 200, 200, 302, 302, 200]);

    // 1. GET / without IMHome → the login page, coming back to /.
    expect(responses[0]?.headers.get('location')).toBe('/Authentication/Authentication/Login?ReturnUrl=%2F');
    // 2. the relay form with a request token, and a script that submits it.
    expect(responses[1]?.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(bodies[1]).toContain('<form method="post" action="/swedish/production/mentor/"><input type="hidden" name="oauth_token" value="');
    expect(bodies[1]).toContain('<script>');
    // 3. the WebForms page: hidden fields, Icelandic inputs, an ASP.NET session cookie.
    for (const field of ['__VIEWSTATE', '__VIEWSTATEGENERATOR', '__EVENTVALIDATION']) expect(hiddenField(bodies[2] ?? '', field)).not.toBe('');
    expect(bodies[2]).toContain('name="login_ascx$txtNotandanafn"');
    expect(bodies[2]).toContain('name="login_ascx$txtLykilord"');
    expect(responses[2]?.headers.get('set-cookie')).toMatch(/^ASP\.NET_SessionId=[^;]+; path=\//);
    // 4. success: a NEW oauth_token in #oauthForm that the client must post itself.
    expect(bodies[3]).toContain('<form id="oauthForm" method="post" action="/swedish/production/mentor/">');
    expect(hiddenField(bodies[3] ?? '', 'oauth_token')).not.toBe(hiddenField(bodies[1] ?? '', 'oauth_token'));
    expect(bodies[3]).not.toContain('login_ascx_lblError');
    // 5. → LoginCallback with token and verifier; 6. → / with IMHome.
    expect(responses[4]?.headers.get('location')).toMatch(/^\/Authentication\/Authentication\/LoginCallback\?oauth_token=[^&]+&oauth_verifier=[^&]+$/);
    expect(responses[5]?.headers.get('location')).toBe('/');
    expect(responses[5]?.headers.get('set-cookie')).toMatch(/^IMHome=[^;]+; path=\/; HttpOnly$/);
    // 7. isauthenticated → true as JSON.
    expect(responses[6]?.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(bodies[6]).toBe('true');

    const start = await client.send('GET', '/');
    expect(start.status).toBe(200);
    expect(await start.text()).toContain('IMHome.home.homeData = ');
    const summary = (await (await sim.control('GET', '/requests')).json()) as { total: number };
    expect(summary.total).toBe(8);
  });

  it('without the second oauth_token post there is no IMHome: every hub call is a 302 to the login', async () => {
    const client = new HubClient(sim.url);
    await login(client, SJOSTAD, { skipStep5: true });
    expect(client.cookies.has('IMHome')).toBe(false);
    for (const response of [await client.send('GET', '/'), await client.post(PATHS.appData), await client.post(PATHS.pupils, { page: 1, pageSize: 200 }), await client.send('GET', PATHS.switchTo(20419))]) {
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toMatch(/^\/Authentication\/Authentication\/Login\?ReturnUrl=/);
    }
    expect(await (await client.post('/authentication/authentication/isauthenticated/?_=1')).text()).toBe('false');
  });

  it('a wrong password answers 200 with the login page and login_ascx_lblError (IM-02)', async () => {
    const client = new HubClient(sim.url);
    const { responses, bodies } = await login(client, { username: SJOSTAD.username, password: 'Sim-losen-sjostad' });
    expect(responses).toHaveLength(4);
    expect(responses[3]?.status).toBe(200);
    expect(bodies[3]).toContain('<span id="login_ascx_lblError" class="error">Felaktigt användarnamn eller lösenord</span>');
    expect(bodies[3]).toContain('name="__VIEWSTATE"');
    expect(client.cookies.has('IMHome')).toBe(false);
  });

  it('takes the password with its ö as UTF-8, composed or decomposed, and refuses another municipality', async () => {
    const decomposed = new HubClient(sim.url);
    await login(decomposed, { username: SJOSTAD.username, password: SJOSTAD.password.normalize('NFD') });
    expect(decomposed.cookies.has('IMHome')).toBe(true);
    // InfoMentor hosts Sjöstad only (U2, U5): Åbro's account does not exist here.
    const abro = new HubClient(sim.url);
    const { bodies } = await login(abro, { username: 'skolbrygga@abro', password: 'Sim-lösen-abro' });
    expect(bodies[3]).toContain('login_ascx_lblError');
    expect((await sim.control('GET', '/world?tenant=abro')).status).toBe(404);
  });

  it('refuses a login post whose view state it did not issue with an ASP.NET error page', async () => {
    const client = new HubClient(sim.url);
    await client.send('GET', '/');
    const relay = await (await client.send('GET', '/Authentication/Authentication/Login?ReturnUrl=%2F')).text();
    await client.send('POST', '/swedish/production/mentor/', { form: { oauth_token: hiddenField(relay, 'oauth_token') } });
    const response = await client.send('POST', '/swedish/production/mentor/', {
      form: { __EVENTTARGET: 'login_ascx$btnLogin', __VIEWSTATE: 'forged', __EVENTVALIDATION: 'forged', 'login_ascx$txtNotandanafn': SJOSTAD.username, 'login_ascx$txtLykilord': SJOSTAD.password },
    });
    expect(response.status).toBe(500);
    expect(await response.text()).toContain("Server Error in '/' Application.");
  });
});

describe('session death (§4, IM-03, COM-06)', () => {
  it('after a forced expiry: data POST is 200 with an empty body, GET pages 302 to the login, isauthenticated false; a new login replays the page', async () => {
    const client = await loggedIn();
    const before = await client.post(PATHS.pupils, { page: 1, pageSize: 5 });
    const page = await before.text();
    expect(JSON.parse(page)).toMatchObject({ page: 1, pageSize: 5 });

    expect((await sim.control('POST', '/sessions/expire', {})).status).toBe(204);
    const dead = await client.post(PATHS.pupils, { page: 1, pageSize: 5 });
    expect(dead.status).toBe(200);
    expect(dead.headers.get('content-length')).toBe('0');
    expect(await dead.text()).toBe('');
    const deadAppData = await client.post(PATHS.appData);
    expect([deadAppData.status, await deadAppData.text()]).toEqual([200, '']);

    const start = await client.send('GET', '/');
    expect(start.status).toBe(302);
    expect(start.headers.get('location')).toBe('/Authentication/Authentication/Login?ReturnUrl=%2F');
    const switched = await client.send('GET', PATHS.switchTo(20419));
    expect(switched.status).toBe(302);
    expect(switched.headers.get('location')).toBe('/Authentication/Authentication/Login?ReturnUrl=%2FAccount%2FEstablishmentSwitcher%2FSwitchEstablishment%2F20419');
    expect(await (await client.post(`/authentication/authentication/isauthenticated/?_=${Date.now()}`)).text()).toBe('false');

    await login(client);
    expect(await (await client.post(`/authentication/authentication/isauthenticated/?_=${Date.now()}`)).text()).toBe('true');
    expect(await (await client.post(PATHS.pupils, { page: 1, pageSize: 5 })).text()).toBe(page);
  });

  it('expires only the named account with {username}, and sessions die idle after sessionTtlSeconds', async () => {
    const client = await loggedIn();
    expect((await sim.control('POST', '/sessions/expire', { username: 'skolbrygga@abro' })).status).toBe(204);
    expect((await client.post(PATHS.appData)).headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await sim.control('POST', '/sessions/expire', { username: 'skolbrygga@sjostad' })).status).toBe(204);
    expect(await (await client.post(PATHS.appData)).text()).toBe('');

    await login(client);
    expect((await sim.control('PUT', '/faults', { sessionTtlSeconds: 0.2 })).status).toBe(204);
    await sleep(400);
    const idle = await client.post(PATHS.appData);
    expect([idle.status, await idle.text()]).toEqual([200, '']);
  });
});

describe('limits (§4, IM-06, IM-07)', () => {
  it('answers the per-session rate limit with 429, Retry-After in seconds and an empty body', async () => {
    expect((await sim.control('PUT', '/config', { rateLimitPerMinute: 3 })).status).toBe(204);
    const client = await loggedIn();
    const statuses: number[] = [];
    let limited: Response | null = null;
    for (let index = 0; index < 4; index++) {
      const response = await client.post(PATHS.appData);
      statuses.push(response.status);
      if (response.status === 429) limited = response;
      else await response.text();
    }
    // Three hub requests fill the session's minute (the login itself is not counted); the fourth is refused.
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited?.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await limited?.text()).toBe('');
    // Another session has its own minute.
    const other = await loggedIn();
    expect((await other.post(PATHS.appData)).status).toBe(200);
  });

  it("answers Cloudflare's challenge with 403, cf-mitigated and the challenge page; the login itself is not challenged", async () => {
    expect((await sim.control('PUT', '/config', { cloudflareChallengeRate: 1 })).status).toBe(204);
    const client = await loggedIn();
    expect(client.cookies.has('IMHome')).toBe(true);
    const response = await client.post(PATHS.pupils, { page: 1, pageSize: 10 });
    expect(response.status).toBe(403);
    expect(response.headers.get('cf-mitigated')).toBe('challenge');
    expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8$/i);
    const body = await response.text();
    expect(body).toContain('<title>Just a moment...</title>');
    expect(body).toContain('https://challenges.cloudflare.com/');
    expect(await (await client.post(`/authentication/authentication/isauthenticated/?_=${Date.now()}`)).text()).toBe('true');
  });

  it('challenges a deterministic share of hub requests at a rate below 1', async () => {
    expect((await sim.control('PUT', '/config', { cloudflareChallengeRate: 0.3 })).status).toBe(204);
    const run = async (): Promise<number[]> => {
      const client = await loggedIn();
      const statuses: number[] = [];
      for (let index = 0; index < 30; index++) statuses.push((await client.post(PATHS.appData)).status);
      return statuses;
    };
    const first = await run();
    expect(first.filter((status) => status === 403).length).toBeGreaterThan(2);
    expect(first.filter((status) => status === 200).length).toBeGreaterThan(10);
    await sim.control('POST', '/reset', { seed: 'skolbrygga', students: 120 });
    expect(await run()).toEqual(first);
  });
});

describe("the platform's own error bodies for injected faults (§8)", () => {
  it('a 5xx is an ASP.NET error page; a 429 burst has Retry-After and an empty body', async () => {
    const client = await loggedIn();
    expect((await sim.control('PUT', '/faults', { serverErrorRate: 1, serverErrorStatuses: [503] })).status).toBe(204);
    const failed = await client.post(PATHS.pupils, { page: 1, pageSize: 10 });
    expect(failed.status).toBe(503);
    expect(failed.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await failed.text()).toContain("<H1>Server Error in '/' Application.");

    expect((await sim.control('PUT', '/faults', { rateLimit: { everyRequests: 1, retryAfterSeconds: 7 } })).status).toBe(204);
    expect((await client.post(PATHS.appData)).status).toBe(200);
    const limited = await client.post(PATHS.appData);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await limited.text()).toBe('');
  });

  it('drift movedPermanently moves data requests to another origin, never the login', async () => {
    const client = await loggedIn();
    expect((await sim.control('PUT', '/drift', { movedPermanently: true })).status).toBe(204);
    const moved = await client.post(PATHS.pupils, { page: 1, pageSize: 10 });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('https://moved.simulator.invalid/ClassList/classlist/GetPupilList');
    const again = new HubClient(sim.url);
    const { responses } = await login(again);
    expect(responses.map((response) => response.status)).toEqual([302, 200, 200, 200, 302, 302, 200]);
  });

  it('reads paths case-insensitively, as ASP.NET MVC does', async () => {
    const client = await loggedIn();
    const response = await client.post('/classlist/CLASSLIST/getpupillist', { page: 1, pageSize: 3 });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ page: 1, pageSize: 3, listUrl: '/ClassList/classlist/GetPupilList' });
  });
});
