/**
 * SchoolSoft contract, authentication and sessions (schoolsoft.md §2; SCS-01…05, SCS-16, SCS-17,
 * COM-06, COM-11): the token endpoint step by step, refresh rotation and family revocation, the
 * grant limit, the 401 death signal and its `Login.jsp` drift, the per-token rate limit.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEVICE_ID, jwtPayload, startSchoolSoft } from './contract.test-support.js';
import type { SchoolSoftHarness } from './contract.test-support.js';
import { springErrorSchema } from './wire.js';

let harness: SchoolSoftHarness;

beforeAll(async () => {
  harness = await startSchoolSoft();
});

afterAll(async () => {
  await harness.close();
});

beforeEach(async () => {
  // A reset clears tokens, drift, faults and the grant limit; knobs stay, so restore them too.
  expect((await harness.control('POST', '/reset', { seed: 'skolbrygga', students: 120 })).status).toBe(204);
  expect((await harness.control('PUT', '/config', {})).status).toBe(204);
});

describe('grant (client credentials in the query string)', () => {
  it('answers {access_token, refresh_token}: an HS256 JWT of 15 minutes and an rt_ refresh token', async () => {
    const response = await harness.grant();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body)).toEqual(['access_token', 'refresh_token']);
    expect(body.refresh_token).toMatch(/^rt_[\w-]+$/);
    const [header, , signature] = (body.access_token ?? '').split('.');
    expect(header).toBe('eyJhbGciOiJIUzI1NiJ9');
    expect(signature).toMatch(/^[\w-]{43}$/);
    const payload = jwtPayload(body.access_token ?? '');
    expect(payload).toMatchObject({
      aud: 'https://schoolsoft.se/eva-backend',
      iss: 'https://sms.schoolsoft.se/sjostad',
      sub: 'integration:17',
      user_type: 'integration',
      login_method: 'client_credentials',
      client_id: 'skolbrygga-sjostad',
      org_ids: [4],
      // The default clock 2026-03-10T02:00+01:00 is the file's example instant.
      iat: 1773104400,
      exp: 1773105300,
    });
    expect(harness.dateOf(response) / 1000).toBe(payload.iat);
  });

  it('accepts the same names form-urlencoded in the body', async () => {
    const response = await fetch(`${harness.url}/abro/rest-api/login/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', deviceid: DEVICE_ID },
      body: 'clientId=skolbrygga-abro&grantType=client_credentials&clientSecret=sim-secret-abro',
    });
    expect(response.status).toBe(200);
    const payload = jwtPayload(((await response.json()) as { access_token: string }).access_token);
    expect(payload).toMatchObject({ iss: 'https://sms.schoolsoft.se/abro', client_id: 'skolbrygga-abro', org_ids: [2] });
  });

  it('refuses an unknown client or a wrong secret with 401 invalid_client, and another slug\'s client too', async () => {
    const wrongSecret = await fetch(`${harness.url}/sjostad/rest-api/login/token?clientId=skolbrygga-sjostad&grantType=client_credentials&clientSecret=nope`, { method: 'POST', headers: { deviceid: DEVICE_ID } });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toEqual({ error: 'invalid_client' });
    const otherTenant = await fetch(`${harness.url}/sjostad/rest-api/login/token?clientId=skolbrygga-abro&grantType=client_credentials&clientSecret=sim-secret-abro`, { method: 'POST', headers: { deviceid: DEVICE_ID } });
    expect(otherTenant.status).toBe(401);
    const unknownGrant = await fetch(`${harness.url}/sjostad/rest-api/login/token?clientId=skolbrygga-sjostad&grantType=password`, { method: 'POST' });
    expect(unknownGrant.status).toBe(400);
    expect(await unknownGrant.json()).toEqual({ error: 'unsupported_grant_type' });
  });

  it('SCS-01: drift requireDeviceId answers a grant without deviceid with a Spring 500, and one with it as usual', async () => {
    expect((await harness.control('PUT', '/drift', { requireDeviceId: true })).status).toBe(204);
    const without = await harness.grant('sjostad', {});
    expect(without.status).toBe(500);
    const error = springErrorSchema.parse(await without.json());
    expect(error).toMatchObject({ status: 500, error: 'Internal Server Error', path: '/sjostad/rest-api/login/token' });
    expect((await harness.grant()).status).toBe(200);
    // Without the drift the header is not needed.
    await harness.control('PUT', '/drift', {});
    expect((await harness.grant('sjostad', {})).status).toBe(200);
  });

  it('SCS-01: the request log keeps the route template, never the query string with the secret', async () => {
    await harness.grant();
    const log = await (await harness.control('GET', '/requests')).text();
    expect(log).toContain('/:slug/rest-api/login/token');
    expect(log).not.toContain('sim-secret');
    expect(log).not.toContain('clientSecret');
  });

  it('answers an unknown slug with a Spring 404', async () => {
    const response = await fetch(`${harness.url}/nowhere/rest-api/login/token?clientId=x&grantType=client_credentials&clientSecret=y`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(springErrorSchema.parse(await response.json()).status).toBe(404);
  });
});

describe('refresh (rotating, one use per token)', () => {
  it('SCS-02/03: a refresh gives a new pair; the old refresh token is dead, and reusing it revokes the family', async () => {
    const first = await harness.tokens();
    const refreshed = await harness.refresh(first.refresh_token);
    expect(refreshed.status).toBe(200);
    const second = (await refreshed.json()) as { access_token: string; refresh_token: string };
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await harness.eva('v1/schools', second.access_token)).status).toBe(200);

    const reuse = await harness.refresh(first.refresh_token);
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toEqual({ error: 'invalid_grant', error_description: 'Refresh token already used' });
    // The whole family is revoked: its current access token and its current refresh token.
    expect((await harness.eva('v1/schools', second.access_token)).status).toBe(401);
    const revoked = await harness.refresh(second.refresh_token);
    expect(revoked.status).toBe(400);
    expect(((await revoked.json()) as { error: string }).error).toBe('invalid_grant');
    // One new grant and the run goes on.
    const fresh = await harness.tokens();
    expect((await harness.eva('v1/schools', fresh.access_token)).status).toBe(200);
  });

  it('SCS-02: the refreshed token carries a new exp from the server clock', async () => {
    const first = await harness.tokens();
    await harness.control('POST', '/clock/advance', { minutes: 14 });
    const refreshed = await harness.refresh(first.refresh_token);
    const pair = (await refreshed.json()) as { access_token: string };
    const payload = jwtPayload(pair.access_token);
    expect(payload.iat).toBe(harness.dateOf(refreshed) / 1000);
    expect(payload.exp).toBe((payload.iat as number) + 900);
  });

  it('refuses an unknown refresh token with invalid_grant', async () => {
    const response = await harness.refresh('rt_unknown');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_grant', error_description: 'Refresh token is invalid or expired' });
  });

  it('SCS-04: the 11th grant of a client within an hour is 429 with Retry-After; refresh still works', async () => {
    let last: { refresh_token: string } | null = null;
    for (let grant = 0; grant < 10; grant++) last = await harness.tokens();
    const refused = await harness.grant();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(springErrorSchema.parse(await refused.json()).status).toBe(429);
    expect((await harness.refresh(last?.refresh_token ?? '')).status).toBe(200);
    // The limit is per client: Åbro's client may still grant.
    expect((await harness.grant('abro')).status).toBe(200);
  });
});

describe('session death on Eva calls', () => {
  it('answers a missing or unknown token with 401, WWW-Authenticate and a Spring body', async () => {
    for (const token of ['', 'not-a-token']) {
      const response = await fetch(`${harness.url}/sjostad/eva/api/v1/schools`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(springErrorSchema.parse(await response.json())).toMatchObject({ status: 401, error: 'Unauthorized', path: '/sjostad/eva/api/v1/schools' });
    }
  });

  it('COM-06: after POST /_control/sessions/expire the token is dead and so is its refresh token; a new grant works', async () => {
    const pair = await harness.tokens();
    expect((await harness.eva('v1/schools', pair.access_token)).status).toBe(200);
    expect((await harness.control('POST', '/sessions/expire', {})).status).toBe(204);
    const dead = await harness.eva('v2/school/4/students?page=0&size=10', pair.access_token);
    expect(dead.status).toBe(401);
    expect(dead.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect((await harness.refresh(pair.refresh_token)).status).toBe(400);
    const fresh = await harness.tokens();
    expect((await harness.eva('v2/school/4/students?page=0&size=10', fresh.access_token)).status).toBe(200);
  });

  it('expires only the named client\'s tokens with {username}', async () => {
    const sjostad = await harness.tokens('sjostad');
    const abro = await harness.tokens('abro');
    await harness.control('POST', '/sessions/expire', { username: 'skolbrygga-sjostad' });
    expect((await harness.eva('v1/schools', sjostad.access_token)).status).toBe(401);
    expect((await harness.eva('v1/schools', abro.access_token, 'abro')).status).toBe(200);
  });

  it('SCS-05: drift redirectToLoginJsp answers a dead token with 302 to /{slug}/jsp/Login.jsp, which nobody fetches', async () => {
    await harness.control('PUT', '/drift', { redirectToLoginJsp: true });
    const live = await harness.tokens();
    expect((await harness.eva('v1/schools', live.access_token)).status).toBe(200);
    await harness.control('POST', '/sessions/expire', {});
    const response = await harness.eva('v2/school/4/parents?page=0&size=5', live.access_token);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/sjostad/jsp/Login.jsp');
    expect(await response.text()).toBe('');
    const log = (await (await harness.control('GET', '/requests')).json()) as { byRoute: { route: string }[] };
    expect(log.byRoute.some((entry) => entry.route.includes('Login.jsp'))).toBe(false);
    // The page exists (a browser would land there), but only as HTML.
    const page = await fetch(`${harness.url}/sjostad/jsp/Login.jsp`);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('SCS-05: with a short session TTL the access token dies idle mid-stream; one refresh and the page replays', async () => {
    const pair = await harness.tokens();
    await harness.control('PUT', '/faults', { sessionTtlSeconds: 0.2 });
    expect((await harness.eva('v2/school/4/students?page=0&size=5', pair.access_token)).status).toBe(200);
    await sleep(300);
    expect((await harness.eva('v2/school/4/students?page=1&size=5', pair.access_token)).status).toBe(401);
    const refreshed = (await (await harness.refresh(pair.refresh_token)).json()) as { access_token: string };
    const replay = await harness.eva('v2/school/4/students?page=1&size=5', refreshed.access_token);
    expect(replay.status).toBe(200);
    expect(((await replay.json()) as { number: number }).number).toBe(1);
  });

  it('SCS-16: a token is good for its own slug only', async () => {
    const sjostad = await harness.tokens('sjostad');
    const onAbro = await harness.eva('v1/schools', sjostad.access_token, 'abro');
    expect(onAbro.status).toBe(401);
    const unknownSlug = await harness.eva('v1/schools', sjostad.access_token, 'nowhere' as 'abro');
    expect(unknownSlug.status).toBe(404);
  });
});

describe('rate limit and moves', () => {
  it('SCS-17: more requests per minute than the limit on one token get 429, Retry-After in seconds and a Spring body', async () => {
    await harness.control('PUT', '/config', { rateLimitPerMinute: 3 });
    const pair = await harness.tokens();
    const other = await harness.tokens();
    for (let request = 0; request < 3; request++) expect((await harness.eva('v1/schools', pair.access_token)).status).toBe(200);
    const refused = await harness.eva('v1/schools', pair.access_token);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(springErrorSchema.parse(await refused.json()).status).toBe(429);
    // The limit counts per token.
    expect((await harness.eva('v1/schools', other.access_token)).status).toBe(200);
  });

  it('has 600 requests per minute per token by default', async () => {
    expect(((await (await harness.control('GET', '/config')).json()) as Record<string, number>).rateLimitPerMinute).toBe(600);
  });

  it('COM-11: drift movedPermanently moves Eva calls (301 to another origin) but not the token endpoint', async () => {
    const pair = await harness.tokens();
    await harness.control('PUT', '/drift', { movedPermanently: true });
    const moved = await harness.eva('v1/schools', pair.access_token);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('https://moved.simulator.invalid/sjostad/eva/api/v1/schools');
    expect((await harness.grant()).status).toBe(200);
  });

  it('answers a verb the route does not take with a Spring 405', async () => {
    const pair = await harness.tokens();
    const response = await fetch(`${harness.url}/sjostad/eva/api/v1/schools`, { method: 'POST', headers: { authorization: `Bearer ${pair.access_token}` } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    expect(springErrorSchema.parse(await response.json()).status).toBe(405);
  });
});
