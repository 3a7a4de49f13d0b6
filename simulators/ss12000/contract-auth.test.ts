/**
 * SS 12000 contract (ss12000.md §1): the OAuth2 token, bearer checks, 401 death after a forced
 * expiry, 403 for another customer, the standard's Error body for every failure (faults too),
 * 404 for resources this source does not publish, and drift `movedPermanently`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ABRO, SJOSTAD, apiPath, requestToken, startSs12000 } from './contract.test-support.js';
import type { Ss12000Harness } from './contract.test-support.js';

let sim: Ss12000Harness;

beforeAll(async () => {
  sim = await startSs12000();
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  await sim.control('PUT', '/faults', {});
  await sim.control('PUT', '/drift', {});
});

function decodeJwtPart(token: string, index: number): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[index] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('POST /oauth2/token', () => {
  it('answers client credentials with a 60-minute bearer JWT bound to the customer', async () => {
    const response = await requestToken(sim.url, 'sjostad');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const token = String(body.access_token);
    expect(token).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/);
    expect(decodeJwtPart(token, 0)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwtPart(token, 1);
    expect(claims).toMatchObject({ sub: 'skolbrygga-sjostad', aud: SJOSTAD });
    // Token times are simulated time: the default clock is 2026-03-10T02:00:00+01:00.
    expect(claims.iat).toBe(Date.parse('2026-03-10T02:00:00+01:00') / 1000);
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
  });

  it('accepts HTTP Basic client authentication as well', async () => {
    const response = await fetch(`${sim.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('skolbrygga-abro:sim-secret-abro').toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    expect(response.status).toBe(200);
    const token = ((await response.json()) as { access_token: string }).access_token;
    expect(decodeJwtPart(token, 1)).toMatchObject({ aud: ABRO });
  });

  it('refuses a wrong secret with 401 invalid_client, other grants and bodies with 400', async () => {
    const wrongSecret = await fetch(`${sim.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=skolbrygga-sjostad&client_secret=sim-secret-abro',
    });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client' });

    const password = await fetch(`${sim.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&client_id=skolbrygga-sjostad&client_secret=sim-secret-sjostad',
    });
    expect(password.status).toBe(400);
    expect(await password.json()).toMatchObject({ error: 'unsupported_grant_type' });

    const json = await fetch(`${sim.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'skolbrygga-sjostad', client_secret: 'sim-secret-sjostad' }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('bearer tokens on the API', () => {
  it('401 UNAUTHORIZED without a token, as the standard Error object', async () => {
    const response = await sim.get('/organisations', {}, { token: null });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body).toEqual({ code: 'UNAUTHORIZED', message: expect.any(String) });
  });

  it('dies with 401 and WWW-Authenticate invalid_token after POST /_control/sessions/expire; a new token works', async () => {
    const token = await sim.token('sjostad');
    expect((await sim.get('/organisations', {}, { token })).status).toBe(200);

    expect((await sim.control('POST', '/sessions/expire', {})).status).toBe(204);
    const dead = await sim.get('/organisations', {}, { token });
    expect(dead.status).toBe(401);
    expect(dead.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(dead.body).toMatchObject({ code: 'UNAUTHORIZED' });

    const renewed = await sim.token('sjostad');
    expect(renewed).not.toBe(token);
    expect((await sim.get('/organisations', {}, { token: renewed })).status).toBe(200);
  });

  it('expires a token by client id only when asked for that client', async () => {
    const sjostad = await sim.token('sjostad');
    const abro = await sim.token('abro');
    await sim.control('POST', '/sessions/expire', { username: 'skolbrygga-abro' });
    expect((await sim.get('/organisations', {}, { token: sjostad })).status).toBe(200);
    expect((await sim.get('/organisations', {}, { customer: ABRO, token: abro })).status).toBe(401);
  });

  it('follows the fault profile sessionTtlSeconds (idle lifetime on the wall clock)', async () => {
    await sim.control('PUT', '/faults', { sessionTtlSeconds: 0.2 });
    const response = await requestToken(sim.url, 'sjostad');
    const { access_token: token, expires_in: expiresIn } = (await response.json()) as { access_token: string; expires_in: number };
    expect(expiresIn).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await sim.get('/organisations', {}, { token })).status).toBe(401);
  });

  it('403 FORBIDDEN when a token of one customer is used for another (SS12-01)', async () => {
    const sjostad = await sim.token('sjostad');
    const response = await sim.get('/persons', {}, { customer: ABRO, token: sjostad });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ code: 'FORBIDDEN', message: expect.any(String) });
    expect((await sim.get('/persons', {}, { customer: '1234', token: sjostad })).status).toBe(403);
  });
});

describe('errors and unpublished resources', () => {
  it.each(['/duties', '/placements', '/programmes', '/studyplans', '/syllabuses', '/schoolUnitOfferings', '/attendanceEvents', '/attendanceSchedule', '/grades', '/resources', '/rooms'])(
    '%s answers 404 NOT_FOUND',
    async (path) => {
      const response = await sim.get(path);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ code: 'NOT_FOUND', message: expect.any(String) });
    },
  );

  it('answers an unknown path outside the API with 404 NOT_FOUND too', async () => {
    const response = await fetch(`${sim.url}/nothing/here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('injected 5xx carry the Error body with code INTERNAL', async () => {
    await sim.control('PUT', '/faults', { serverErrorRate: 1, serverErrorStatuses: [503] });
    const response = await sim.get('/organisations');
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ code: 'INTERNAL', message: expect.any(String) });
  });

  it('injected 429 carry TOO_MANY_REQUESTS and Retry-After in seconds (SS12-17)', async () => {
    await sim.control('PUT', '/faults', { rateLimit: { everyRequests: 1, retryAfterSeconds: 7 } });
    expect((await sim.get('/organisations')).status).toBe(200);
    const limited = await sim.get('/organisations');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(6);
    expect(limited.body).toEqual({ code: 'TOO_MANY_REQUESTS', message: expect.any(String) });
  });

  it('applies the rateLimitPerMinute knob per token with 429 and Retry-After', async () => {
    await sim.control('PUT', '/config', { rateLimitPerMinute: 2 });
    try {
      const token = await sim.token('sjostad');
      expect((await sim.get('/organisations', {}, { token })).status).toBe(200);
      expect((await sim.get('/organisations', {}, { token })).status).toBe(200);
      const limited = await sim.get('/organisations', {}, { token });
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await sim.control('PUT', '/config', {});
    }
  });

  it('drift movedPermanently: 301 to another origin for data, the token endpoint stays', async () => {
    await sim.control('PUT', '/drift', { movedPermanently: true });
    const moved = await sim.get('/persons', { limit: 5 });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(`https://moved.simulator.invalid${apiPath(SJOSTAD, '/persons')}?limit=5`);
    expect((await requestToken(sim.url, 'sjostad')).status).toBe(200);
  });

  it('every response carries the simulated Date', async () => {
    const response = await sim.get('/organisations');
    expect(response.headers.get('date')).toBe(new Date('2026-03-10T02:00:00+01:00').toUTCString());
  });
});
