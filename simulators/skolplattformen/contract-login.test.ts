/**
 * Contract: login (platform file §2), session, XSRF and death (§3), the platform's error bodies,
 * and drift that touches every call (SPF-01–SPF-05, SPF-15, COM-11).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { BASE, Browser, formEncode, hiddenFields, startHarness } from './harness.test-support.js';
import type { Harness } from './harness.test-support.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});
afterEach(async () => {
  await harness.control('PUT', '/faults', {});
  await harness.control('PUT', '/drift', {});
  await harness.control('PUT', '/config', {});
});

const LOGIN_LOCATION = '/siteminderagent/forms/login.fcc?TARGET=-SM-%2fskolpersonal%2finloggad2%2fhem';

describe('SiteMinder login, step by step', () => {
  it('1: /hem without a session redirects to login.fcc with the SiteMinder TARGET', async () => {
    const response = await new Browser(harness.url).request(`${BASE}/hem`);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(LOGIN_LOCATION);
  });

  it('2: the login form is ISO-8859-1 with every hidden field', async () => {
    const response = await new Browser(harness.url).request(LOGIN_LOCATION);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=ISO-8859-1');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.includes(Buffer.from([0xf6]))).toBe(true); // "Lösenord" in Latin-1
    expect(bytes.includes(Buffer.from([0xc3, 0xb6]))).toBe(false);
    const html = bytes.toString('latin1');
    expect(html).toContain('action="/siteminderagent/forms/login.fcc"');
    expect(html).toMatch(/name="user"/);
    expect(html).toMatch(/type="password" id="password" name="password"/);
    const hidden = hiddenFields(html);
    expect(hidden).toMatchObject({ SMENC: 'ISO-8859-1', SMLOCALE: 'US-EN', target: '-SM-/skolpersonal/inloggad2/hem', smauthreason: '0', postpreservationdata: '' });
    expect(hidden.smagentname).toMatch(/^\$SM\$.+/);
  });

  it('3 (SPF-01): the password posted as Latin-1 bytes logs in and sets SMSESSION', async () => {
    const browser = new Browser(harness.url);
    const body = formEncode({ user: 'skolbrygga@sjostad', password: 'Sim-lösen-sjostad' }, 'latin1').toString();
    expect(body).toContain('Sim-l%F6sen-sjostad');
    const response = await browser.postLoginForm(LOGIN_LOCATION);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${BASE}/hem`);
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('SMSESSION='));
    expect(cookie).toMatch(/^SMSESSION=[^;]+; path=\/; HttpOnly$/);
  });

  it('3 (SPF-01): the same password posted as UTF-8 is refused with SMAUTHREASON=7 and no session', async () => {
    const browser = new Browser(harness.url);
    const response = await browser.postLoginForm(LOGIN_LOCATION, { charset: 'utf8' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${LOGIN_LOCATION}&SMAUTHREASON=7`);
    expect(response.headers.getSetCookie().some((line) => line.startsWith('SMSESSION='))).toBe(false);
    expect((await browser.request(`${BASE}/hem`)).status).toBe(302);
    const again = await browser.request(`${LOGIN_LOCATION}&SMAUTHREASON=7`);
    expect(hiddenFields(Buffer.from(await again.arrayBuffer()).toString('latin1')).smauthreason).toBe('7');
  });

  it('refuses an unknown account (Åbro has no Skolplattformen) and a form without its agent name', async () => {
    const abro = await new Browser(harness.url).postLoginForm(LOGIN_LOCATION, { username: 'skolbrygga@abro', password: 'Sim-lösen-abro' });
    expect(abro.headers.get('location')).toMatch(/SMAUTHREASON=7$/);
    const bare = await new Browser(harness.url).request('/siteminderagent/forms/login.fcc', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: formEncode({ user: 'skolbrygga@sjostad', password: 'Sim-lösen-sjostad', SMENC: 'ISO-8859-1', target: '-SM-/skolpersonal/inloggad2/hem' }, 'latin1'),
    });
    expect(bare.headers.get('location')).toMatch(/SMAUTHREASON=7$/);
  });

  it('4: /hem hands out the anti-forgery token as hidden input and cookie', async () => {
    const browser = new Browser(harness.url);
    await browser.postLoginForm(LOGIN_LOCATION);
    const response = await browser.request(`${BASE}/hem`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toMatch(/<input name="__RequestVerificationToken" type="hidden" value="CfDJ8[A-Za-z0-9_-]+">/);
    expect(response.headers.getSetCookie().some((line) => /^__RequestVerificationToken=CfDJ8[^;]+; path=\//.test(line))).toBe(true);
  });

  it('5 (SPF-04): getuserdata is camelCase outside the envelope, and says isAuthenticated: false once the session is gone', async () => {
    const browser = new Browser(harness.url);
    await browser.login();
    const live = await browser.request('/skolpersonal/base/getuserdata');
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toMatch(/^application\/json/);
    const user = (await live.json()) as Record<string, unknown>;
    expect(Object.keys(user)).toEqual(['socialSecurityNumber', 'isAuthenticated', 'userFirstName', 'userLastName', 'userEmail', 'notificationId']);
    expect(user).toMatchObject({ socialSecurityNumber: null, isAuthenticated: true, userFirstName: 'Skolbrygga', userLastName: 'Integration', userEmail: 'skolbrygga@sjostad.example' });
    expect(user.notificationId).toMatch(/^[0-9a-f]{64}$/);

    expect((await harness.control('POST', '/sessions/expire', {})).status).toBe(204);
    const dead = await browser.request('/skolpersonal/base/getuserdata');
    expect(dead.status).toBe(200);
    expect(await dead.json()).toMatchObject({ isAuthenticated: false });
  });

  it('a login started by a data call returns to that call', async () => {
    const browser = new Browser(harness.url);
    const start = await browser.request(`${BASE}/GetStudents?rowLimit=5`);
    expect(start.headers.get('location')).toBe('/siteminderagent/forms/login.fcc?TARGET=-SM-%2fskolpersonal%2finloggad2%2fGetStudents%3frowLimit%3d5');
    const post = await browser.postLoginForm(start.headers.get('location') ?? '');
    expect(post.headers.get('location')).toBe(`${BASE}/GetStudents?rowLimit=5`);
  });
});

describe('session, XSRF and death', () => {
  it('SPF-03: a missing or stale x-xsrf-token is Success: false; a fresh /hem token works', async () => {
    const browser = new Browser(harness.url);
    await browser.login();
    const token = browser.xsrf;
    expect(await browser.envelope('/GetSchools', { headers: { 'x-xsrf-token': '' } })).toEqual({ Success: false, Error: 'Ogiltig eller saknad XSRF-token', Data: null });
    expect((await browser.envelope('/GetSchools')).Success).toBe(true);
    await browser.loadHome(); // a new pair: the old request token is stale now
    expect(await browser.envelope('/GetSchools', { headers: { 'x-xsrf-token': token ?? '' } })).toEqual({ Success: false, Error: 'Ogiltig eller saknad XSRF-token', Data: null });
    expect((await browser.envelope('/GetSchools')).Success).toBe(true);
  });

  it('SPF-03: the token needs its cookie, and goes stale after xsrfTokenTtlSeconds while the session lives', async () => {
    const browser = new Browser(harness.url);
    await browser.login();
    const cookie = browser.cookies.get('__RequestVerificationToken') ?? '';
    browser.cookies.delete('__RequestVerificationToken');
    expect((await browser.envelope('/GetSchools')).Error).toBe('Ogiltig eller saknad XSRF-token');
    browser.cookies.set('__RequestVerificationToken', cookie);
    expect((await harness.control('PUT', '/config', { xsrfTokenTtlSeconds: 0.2 })).status).toBe(204);
    await sleep(300);
    expect((await browser.envelope('/GetSchools')).Error).toBe('Ogiltig eller saknad XSRF-token');
    await browser.loadHome();
    expect((await browser.envelope('/GetSchools')).Success).toBe(true);
  });

  it('SPF-02: after a forced expiry every /inloggad2 call answers 302 to login.fcc, never JSON', async () => {
    const browser = new Browser(harness.url);
    await browser.signInAndSelect();
    expect((await harness.control('POST', '/sessions/expire', { username: 'skolbrygga@sjostad' })).status).toBe(204);
    for (const [method, path] of [
      ['GET', '/GetSchools'],
      ['POST', '/SelectSchool'],
      ['GET', '/GetStudents?rowLimit=10'],
      ['GET', '/GetGuardians?rowLimit=10'],
      ['GET', '/Franvaro/GetAnmalningar?rowLimit=10'],
      ['GET', '/hem'],
    ] as const) {
      const response = await browser.api(path, { method, ...(method === 'POST' ? { json: { id: 'x' } } : {}) });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toMatch(/^\/siteminderagent\/forms\/login\.fcc\?TARGET=-SM-%2fskolpersonal%2finloggad2%2f/);
      expect(response.headers.get('content-type') ?? '').not.toMatch(/json/);
    }
    await browser.login();
    expect((await browser.envelope('/GetSchools')).Success).toBe(true);
  });

  it('sessions die after the idle lifetime (fault sessionTtlSeconds)', async () => {
    await harness.control('PUT', '/faults', { sessionTtlSeconds: 0.2 });
    const browser = new Browser(harness.url);
    await browser.login();
    expect((await browser.envelope('/GetSchools')).Success).toBe(true);
    await sleep(300);
    expect((await browser.api('/GetSchools')).status).toBe(302);
  });

  it('SPF-05: Success: false carries a Swedish message and Data: null, never an empty page', async () => {
    const browser = new Browser(harness.url);
    await browser.login();
    expect(await browser.envelope('/GetStudents?rowLimit=10')).toEqual({ Success: false, Error: 'Ingen skola är vald', Data: null });
    expect(await browser.envelope('/SelectSchool', { method: 'POST', json: { id: '00000000-0000-0000-0000-000000000000' } })).toEqual({
      Success: false,
      Error: 'Skolan finns inte eller du saknar behörighet till den',
      Data: null,
    });
  });
});

describe('drift that touches every call', () => {
  it('SPF-15: requireTopologyHeaders answers every JSON call with Success: false "Bad request", headers or not', async () => {
    const browser = new Browser(harness.url);
    await browser.signInAndSelect();
    expect((await harness.control('PUT', '/drift', { requireTopologyHeaders: true })).status).toBe(204);
    const topology = { 'topology-key': 'k', 'topology-short-key': 's', 'topology-base64-iterations': '3' };
    for (const path of ['/GetSchools', '/GetStudents?rowLimit=10', '/Franvaro/GetAnmalningar?rowLimit=10']) {
      expect(await browser.envelope(path)).toEqual({ Success: false, Error: 'Bad request', Data: null });
      expect(await browser.envelope(path, { headers: topology })).toEqual({ Success: false, Error: 'Bad request', Data: null });
    }
    expect((await browser.loadHome()).status).toBe(200);
  });

  it('COM-11: movedPermanently sends data calls to another origin and leaves the login host alone', async () => {
    const browser = new Browser(harness.url);
    await browser.signInAndSelect();
    await harness.control('PUT', '/drift', { movedPermanently: true });
    const moved = await browser.api('/GetStudents?rowLimit=10');
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('https://moved.simulator.invalid/skolpersonal/inloggad2/GetStudents?rowLimit=10');
    expect((await browser.request(LOGIN_LOCATION)).status).toBe(200);
  });
});

describe("the platform's own error bodies", () => {
  it('an injected 5xx is an IIS HTML page', async () => {
    const browser = new Browser(harness.url);
    await browser.signInAndSelect();
    await harness.control('PUT', '/faults', { serverErrorRate: 1, serverErrorStatuses: [503] });
    const response = await browser.api('/GetStudents?rowLimit=10');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('server')).toBe('Microsoft-IIS/10.0');
    expect(await response.text()).toContain('<h2>503 - Service Unavailable.</h2>');
  });

  it('an injected 429 is an IIS HTML page with Retry-After', async () => {
    const browser = new Browser(harness.url);
    await browser.signInAndSelect();
    await harness.control('PUT', '/faults', { rateLimit: { everyRequests: 1, retryAfterSeconds: 5, retryAfterFormat: 'seconds' } });
    expect((await browser.api('/GetSchools')).status).toBe(200);
    const limited = await browser.api('/GetSchools');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^[1-5]$/);
    expect(await limited.text()).toContain('429 - Too Many Requests');
  });

  it('an unknown application path is an IIS 404 page', async () => {
    const response = await fetch(`${harness.url}${BASE}/GetNothing`, { redirect: 'manual' });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('404 - Not Found');
  });

  it('every response carries the simulated Date', async () => {
    const response = await fetch(`${harness.url}${BASE}/hem`, { redirect: 'manual' });
    expect(response.headers.get('date')).toBe('Tue, 10 Mar 2026 01:00:00 GMT');
  });
});
