/**
 * Skola24 contract, login and session (skola24.md §2, §4): the ASP.NET form step by step with its
 * bot check, the session cookie, `user/info`, the session-death signal in JSON and XML, and
 * `needSessionRefresh`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_PAGE_PATH, LOGIN_PATH, PORTAL_START_URL, SCOPES } from './constants.js';
import { TEST_LOGIN_DELAY_MS, cookieHeader, exportForm, listBody, parseLoginForm, startHarness, storeCookies } from './contract.test-support.js';
import type { CookieJar, Harness } from './contract.test-support.js';

const HOST = 'sjostad.skola24.se';
const LOGIN_URL_PATH = `${LOGIN_PATH}?host=${HOST}`;

let harness: Harness;
let unitGuid: string;

beforeAll(async () => {
  harness = await startHarness();
  unitGuid = String(harness.context.world.ids.unit({ platform: 'skola24', tenant: 'sjostad' }, 'U1'));
});
afterAll(async () => {
  await harness.close();
});

/** Steps 1 and 2: the cookie from `/` and the form. */
async function openForm(): Promise<{ jar: CookieJar; hidden: Record<string, string> }> {
  const jar: CookieJar = new Map();
  storeCookies(jar, await fetch(`${harness.url}/`, { redirect: 'manual' }));
  const page = await fetch(`${harness.url}${LOGIN_URL_PATH}`, { headers: { cookie: cookieHeader(jar) } });
  return { jar, hidden: parseLoginForm(await page.text()) };
}

function postForm(jar: CookieJar, fields: Record<string, string>): Promise<Response> {
  return fetch(`${harness.url}${LOGIN_URL_PATH}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams(fields).toString(),
  });
}

function credentials(hidden: Record<string, string>, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...hidden,
    __POST_ID: String(Number(hidden.__POST_ID) + 1),
    DomainDropDown: '9901',
    LoginUC$UserNameTB: 'skolbrygga@sjostad',
    LoginUC$PwdTB: 'Sim-lösen-sjostad',
    LoginUC$LoginButton: 'Logga in',
    ...overrides,
  };
}

describe('login (S24-01, S24-02)', () => {
  it('GET / answers 302 to the portal with an ASP.NET_SessionId cookie', async () => {
    const response = await fetch(`${harness.url}/`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('https://www.skola24.se/');
    expect(response.headers.getSetCookie().some((cookie) => /^ASP\.NET_SessionId=[^;]+; path=\/; HttpOnly/.test(cookie))).toBe(true);
  });

  it('serves the form with the hidden ASP.NET fields, an integer __POST_ID and the domain list', async () => {
    const jar: CookieJar = new Map();
    storeCookies(jar, await fetch(`${harness.url}/`, { redirect: 'manual' }));
    const page = await fetch(`${harness.url}${LOGIN_URL_PATH}`, { headers: { cookie: cookieHeader(jar) } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    const hidden = parseLoginForm(html);
    expect(Object.keys(hidden).sort()).toEqual(['__EVENTVALIDATION', '__POST_ID', '__VIEWSTATE', '__VIEWSTATEGENERATOR']);
    expect(hidden.__POST_ID).toMatch(/^\d+$/);
    expect(html).toContain('<select name="DomainDropDown" id="DomainDropDown">');
    expect(html).toMatch(/<option selected="selected" value="9901">sjostad\.skola24\.se<\/option>/);
    expect(html).toContain('value="9902">abro.skola24.se</option>');
    // The page reuses the cookie from step 1 rather than issuing another.
    expect(page.headers.getSetCookie()).toEqual([]);
  });

  it('logs in after the bot-check delay with __POST_ID + 1: 302 with .ASPXAUTH, Location not to be followed', async () => {
    const { jar, hidden } = await openForm();
    await sleep(TEST_LOGIN_DELAY_MS + 10);
    const response = await postForm(jar, credentials(hidden));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(PORTAL_START_URL);
    const auth = response.headers.getSetCookie().find((cookie) => cookie.startsWith('.ASPXAUTH='));
    expect(auth).toMatch(/^\.ASPXAUTH=[0-9A-F]+; path=\/; HttpOnly$/);
  });

  it('refuses a form posted faster than loginMinDelayMs (default 2000) as it refuses a bot', async () => {
    await harness.control('PUT', '/config', {});
    try {
      const { jar, hidden } = await openForm();
      const response = await postForm(jar, credentials(hidden));
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(ERROR_PAGE_PATH);
      expect(response.headers.getSetCookie()).toEqual([]);
    } finally {
      await harness.control('PUT', '/config', { loginMinDelayMs: TEST_LOGIN_DELAY_MS });
    }
  });

  it.each([
    ['__POST_ID not incremented', { __POST_ID: 'same' }],
    ['a bad password', { LoginUC$PwdTB: 'fel' }],
    ['another domain than the host', { DomainDropDown: '9902' }],
    ['a changed __VIEWSTATE', { __VIEWSTATE: 'AAAA' }],
  ])('refuses %s with 302 to DefaultErrorPage and no .ASPXAUTH', async (_case, overrides: Record<string, string>) => {
    const { jar, hidden } = await openForm();
    await sleep(TEST_LOGIN_DELAY_MS + 10);
    const fields = credentials(hidden, overrides);
    if (overrides.__POST_ID === 'same') fields.__POST_ID = hidden.__POST_ID ?? '';
    const response = await postForm(jar, fields);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(ERROR_PAGE_PATH);
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith('.ASPXAUTH='))).toBe(false);
  });

  it('accepts a form once: posting it again, even correctly, fails', async () => {
    const { jar, hidden } = await openForm();
    await sleep(TEST_LOGIN_DELAY_MS + 10);
    expect((await postForm(jar, credentials(hidden))).headers.get('location')).toBe(PORTAL_START_URL);
    expect((await postForm(jar, credentials(hidden))).headers.get('location')).toBe(ERROR_PAGE_PATH);
  });

  it('serves DefaultErrorPage.aspx as HTML', async () => {
    const response = await fetch(`${harness.url}${ERROR_PAGE_PATH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('the Åbro host logs in with Åbro credentials only', async () => {
    await expect(harness.login('abro')).resolves.toBeInstanceOf(Map);
    const jar: CookieJar = new Map();
    const page = await fetch(`${harness.url}${LOGIN_PATH}?host=abro.skola24.se`);
    storeCookies(jar, page);
    const hidden = parseLoginForm(await page.text());
    await sleep(TEST_LOGIN_DELAY_MS + 10);
    const response = await fetch(`${harness.url}${LOGIN_PATH}?host=abro.skola24.se`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(credentials(hidden, { DomainDropDown: '9902' })).toString(),
    });
    expect(response.headers.get('location')).toBe(ERROR_PAGE_PATH);
  });
});

describe('user/info (S24-03)', () => {
  it('answers the two account flags in the envelope', async () => {
    const jar = await harness.login();
    const { status, headers, envelope } = await harness.api('/api/get/user/info', null, { jar, scope: 'portal' });
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Object.keys(envelope)).toEqual(['error', 'data', 'exception', 'validation', 'sessionExpires', 'needSessionRefresh']);
    expect(envelope).toMatchObject({ error: null, exception: null, validation: [], needSessionRefresh: false });
    expect(envelope.data).toEqual({ userMustChangePassword: false, hasAcceptedAgreement: true });
  });

  it('shows an account that needs a human when the knobs say so', async () => {
    await harness.control('PUT', '/config', { loginMinDelayMs: TEST_LOGIN_DELAY_MS, userMustChangePassword: 1, hasAcceptedAgreement: 0 });
    try {
      const jar = await harness.login();
      const { envelope } = await harness.api('/api/get/user/info', null, { jar, scope: 'portal' });
      expect(envelope.data).toEqual({ userMustChangePassword: true, hasAcceptedAgreement: false });
    } finally {
      await harness.control('PUT', '/config', { loginMinDelayMs: TEST_LOGIN_DELAY_MS });
    }
  });
});

describe('session (S24-05, S24-06)', () => {
  it('a live session slides to simulated now + 60 min, written with seven fraction digits and an offset', async () => {
    const jar = await harness.login();
    const { envelope } = await harness.api('/api/get/user/info', null, { jar, scope: 'portal' });
    expect(envelope.sessionExpires).toMatch(/^2026-03-10T0[23]:\d{2}:\d{2}\.\d{7}\+01:00$/);
    const expires = Date.parse(envelope.sessionExpires?.replace(/(\.\d{3})\d{4}/, '$1') ?? '');
    expect(expires - harness.context.clock.now()).toBeGreaterThan(59 * 60_000);
    expect(expires - harness.context.clock.now()).toBeLessThanOrEqual(60 * 60_000);
  });

  it('without a cookie, or after a forced expiry, answers the death signal: validation code 1 in HTTP 200', async () => {
    const jar = await harness.login();
    const body = listBody(HOST, unitGuid);
    expect((await harness.api('/api/get/integration/students', body, { jar, scope: 'integration' })).envelope.validation).toEqual([]);
    expect((await harness.control('POST', '/sessions/expire', {})).status).toBe(204);
    const { status, envelope } = await harness.api('/api/get/integration/students', body, { jar, scope: 'integration' });
    expect(status).toBe(200);
    expect(envelope).toEqual({
      error: null,
      data: null,
      exception: null,
      validation: [{ code: 1, label: 'session', message: 'Sessionen har gått ut. Logga in igen.' }],
      sessionExpires: null,
      needSessionRefresh: true,
    });
    const noCookie = await harness.api('/api/get/integration/units', { hostName: HOST }, { jar: new Map(), scope: 'integration' });
    expect(noCookie.envelope.validation[0]?.code).toBe(1);
  });

  it('forced expiry by username leaves the other tenant’s session alive', async () => {
    const sjostad = await harness.login('sjostad');
    const abro = await harness.login('abro');
    await harness.control('POST', '/sessions/expire', { username: 'skolbrygga@sjostad' });
    expect((await harness.api('/api/get/user/info', null, { jar: sjostad, scope: 'portal' })).envelope.validation[0]?.code).toBe(1);
    expect((await harness.api('/api/get/user/info', null, { jar: abro, scope: 'portal' })).envelope.validation).toEqual([]);
  });

  it('the XML export says the same in XML: nil SessionExpires, NeedSessionRefresh true, one ValidationError, no result', async () => {
    const jar = await harness.login();
    await harness.control('POST', '/sessions/expire', {});
    const answer = await harness.exportXml(exportForm(HOST, unitGuid), { jar });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('text/xml; charset=utf-8');
    expect(answer.text).toContain('<SessionExpires xsi:nil="true" />');
    expect(answer.text).toContain('<NeedSessionRefresh>true</NeedSessionRefresh>');
    expect(answer.text).toContain(
      '<Validation>\r\n    <ValidationError>\r\n      <Code>1</Code>\r\n      <Label>session</Label>\r\n      <Message>Sessionen har gått ut. Logga in igen.</Message>\r\n    </ValidationError>\r\n  </Validation>',
    );
    for (const absent of ['<Unit', '<Page', '<SnapshotTime', '<Registrations']) expect(answer.text).not.toContain(absent);
  });

  it('an idle session dies after the fault profile’s sessionTtlSeconds', async () => {
    const jar = await harness.login();
    await harness.control('PUT', '/faults', { sessionTtlSeconds: 0.2 });
    try {
      await sleep(300);
      expect((await harness.api('/api/get/user/info', null, { jar, scope: 'portal' })).envelope.validation[0]?.code).toBe(1);
    } finally {
      await harness.control('PUT', '/faults', {});
    }
  });

  it('needSessionRefresh turns true in the last 15 minutes of the absolute lifetime, and the session dies at its end', async () => {
    const jar = await harness.login();
    expect((await harness.api('/api/get/user/info', null, { jar, scope: 'portal' })).envelope.needSessionRefresh).toBe(false);
    await harness.control('PUT', '/config', { loginMinDelayMs: TEST_LOGIN_DELAY_MS, sessionAbsoluteTtlSeconds: 600 });
    try {
      const refresh = await harness.api('/api/get/user/info', null, { jar, scope: 'portal' });
      expect(refresh.envelope).toMatchObject({ needSessionRefresh: true, validation: [] });
      expect(refresh.envelope.data).not.toBeNull();
      await harness.control('PUT', '/config', { loginMinDelayMs: TEST_LOGIN_DELAY_MS, sessionAbsoluteTtlSeconds: 0 });
      expect((await harness.api('/api/get/user/info', null, { jar, scope: 'portal' })).envelope.validation[0]?.code).toBe(1);
    } finally {
      await harness.control('PUT', '/config', { loginMinDelayMs: TEST_LOGIN_DELAY_MS });
    }
  });
});

describe('request conventions (§3)', () => {
  it('every /api call is POST: a GET gets IIS’s 405 page', async () => {
    const jar = await harness.login();
    const response = await fetch(`${harness.url}/api/get/integration/units`, { headers: { cookie: cookieHeader(jar), 'X-Scope': SCOPES.integration } });
    expect(response.status).toBe(405);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('405 - HTTP verb used to access this page is not allowed.');
  });

  it('a body that is not JSON is no body: the envelope answers (here: no hostName, validation 100)', async () => {
    const jar = await harness.login();
    const response = await fetch(`${harness.url}/api/get/integration/units`, {
      method: 'POST',
      headers: { cookie: cookieHeader(jar), 'X-Scope': SCOPES.integration, 'content-type': 'application/json' },
      body: '{"hostName": ',
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { validation: { code: number }[] }).validation.map((error) => error.code)).toEqual([100]);
  });

  it('an unknown /api path is IIS’s 404 page', async () => {
    const response = await fetch(`${harness.url}/api/get/nothing/here`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('404 - File or directory not found.');
    const elsewhere = await fetch(`${harness.url}/Applications/Nothing.aspx`);
    expect([elsewhere.status, elsewhere.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
  });
});
