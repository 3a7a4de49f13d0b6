import { networkInterfaces } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimulator } from './simulator.js';
import { fakePlatform, loginHeaders, startFake } from './fake-platform.test-support.js';
import type { RunningFake } from './fake-platform.test-support.js';
import { isLoopbackAddress } from './loopback.js';

const DEFAULT_NOW_UTC = '2026-03-10T01:00:00.000Z';

let fake: RunningFake;

beforeEach(async () => {
  fake = await startFake();
});

afterEach(async () => {
  await fake.close();
});

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function now(): Promise<string> {
  return (await json<{ now: string }>(await fake.control('GET', '/health'))).now;
}

describe('GET /_control/health', () => {
  it('reports platform, seed, students, simulated now and the world hash', async () => {
    const response = await fake.control('GET', '/health');
    expect(response.status).toBe(200);
    const health = await json<Record<string, unknown>>(response);
    expect(health).toEqual({ platform: 'skola24', seed: 'fake-seed', students: 120, now: DEFAULT_NOW_UTC, worldHash: fake.context.world.hash });
    expect(health.worldHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('carries a Date header in simulated time, on control and platform responses alike', async () => {
    const control = await fake.control('GET', '/health');
    const platform = await fetch(`${fake.url}/api/items/7`);
    const missing = await fetch(`${fake.url}/no/such/path`);
    for (const response of [control, platform, missing]) expect(response.headers.get('date')).toBe('Tue, 10 Mar 2026 01:00:00 GMT');
  });
});

describe('clock', () => {
  it('moves forward with PUT and refuses to move backwards with 409', async () => {
    expect((await fake.control('PUT', '/clock', { now: '2026-03-11T02:00:00+01:00' })).status).toBe(204);
    expect(await now()).toBe('2026-03-11T01:00:00.000Z');
    expect((await fake.control('PUT', '/clock', { now: '2026-03-11T02:00:00+01:00' })).status).toBe(204);
    const backwards = await fake.control('PUT', '/clock', { now: '2026-03-10T02:00:00+01:00' });
    expect(backwards.status).toBe(409);
    expect(await now()).toBe('2026-03-11T01:00:00.000Z');
    const response = await fetch(`${fake.url}/api/items/1`);
    expect(response.headers.get('date')).toBe('Wed, 11 Mar 2026 01:00:00 GMT');
  });

  it('advances by minutes; a negative advance is 409 and a bad body 400', async () => {
    expect((await fake.control('POST', '/clock/advance', { minutes: 1440 })).status).toBe(204);
    expect(await now()).toBe('2026-03-11T01:00:00.000Z');
    expect((await fake.control('POST', '/clock/advance', { minutes: -1 })).status).toBe(409);
    expect((await fake.control('POST', '/clock/advance', { minutes: 'ten' })).status).toBe(400);
    expect((await fake.control('PUT', '/clock', { now: 'yesterday' })).status).toBe(400);
  });
});

describe('POST /_control/reset', () => {
  it('regenerates the world and clears sessions, faults, drift, the request log and platform state, keeping knobs', async () => {
    const headers = await loginHeaders(fake.url);
    await fetch(`${fake.url}/api/mutate`, { method: 'POST' });
    await fake.control('PUT', '/faults', { latencyMs: { min: 0, max: 1 } });
    await fake.control('PUT', '/drift', { extraFields: true });
    await fake.control('PUT', '/config', { loginMinDelayMs: 0 });
    await fake.control('POST', '/clock/advance', { minutes: 60 });
    const before = await json<{ worldHash: string }>(await fake.control('GET', '/health'));

    expect((await fake.control('POST', '/reset', { seed: 'other-seed', students: 150 })).status).toBe(204);

    const health = await json<{ seed: string; students: number; now: string; worldHash: string }>(await fake.control('GET', '/health'));
    expect(health).toMatchObject({ seed: 'other-seed', students: 150, now: DEFAULT_NOW_UTC });
    expect(health.worldHash).not.toBe(before.worldHash);
    expect(await json(await fake.control('GET', '/faults'))).toEqual({});
    expect(await json(await fake.control('GET', '/drift'))).toEqual({});
    expect(await json(await fake.control('GET', '/requests'))).toEqual({ total: 0, byRoute: [] });
    expect((await fetch(`${fake.url}/api/items`, { headers })).status).toBe(401);
    expect(fake.context.state.mutations).toBe(0);
    expect(await json<Record<string, number>>(await fake.control('GET', '/config'))).toMatchObject({ loginMinDelayMs: 0 });
  });

  it('accepts a numeric seed and an explicit now; refuses a world below 120 pupils', async () => {
    expect((await fake.control('POST', '/reset', { seed: 42, students: 120, now: '2025-10-26T02:30:00+01:00' })).status).toBe(204);
    expect(await json(await fake.control('GET', '/health'))).toMatchObject({ seed: '42', now: '2025-10-26T01:30:00.000Z' });
    expect((await fake.control('POST', '/reset', { seed: 'x', students: 10 })).status).toBe(400);
  });
});

describe('faults', () => {
  it('GET returns what PUT stored; {} clears', async () => {
    const profile = { routes: ['/api/*'], serverErrorRate: 0.05, rateLimit: { everyRequests: 40, retryAfterSeconds: 2, retryAfterFormat: 'http-date' }, sessionTtlSeconds: 30 };
    expect((await fake.control('PUT', '/faults', profile)).status).toBe(204);
    expect(await json(await fake.control('GET', '/faults'))).toEqual(profile);
    expect((await fake.control('PUT', '/faults', {})).status).toBe(204);
    expect(await json(await fake.control('GET', '/faults'))).toEqual({});
  });

  it('refuses an invalid profile with 400 and keeps the old one', async () => {
    await fake.control('PUT', '/faults', { serverErrorRate: 0.5 });
    for (const bad of [{ serverErrorRate: 2 }, { latencyMs: { min: 10, max: 5 } }, { serverErorRate: 0.1 }, { malformedKinds: ['weird'] }, { serverErrorStatuses: [404] }]) {
      const response = await fake.control('PUT', '/faults', bad);
      expect(response.status).toBe(400);
      expect(await json(response)).toHaveProperty('issues');
    }
    expect(await json(await fake.control('GET', '/faults'))).toEqual({ serverErrorRate: 0.5 });
  });

  it('never faults or logs the control API itself', async () => {
    await fake.control('PUT', '/faults', { serverErrorRate: 1, connectionResetRate: 1 });
    for (let index = 0; index < 5; index++) expect((await fake.control('GET', '/health')).status).toBe(200);
    expect(await json(await fake.control('GET', '/requests'))).toEqual({ total: 0, byRoute: [] });
  });
});

describe('PUT /_control/drift', () => {
  it('replaces the set of toggles with common and platform names; false switches off', async () => {
    expect((await fake.control('PUT', '/drift', { extraFields: true, xmlBom: true })).status).toBe(204);
    expect(await json(await fake.control('GET', '/drift'))).toEqual({ extraFields: true, xmlBom: true });
    expect((await fake.control('PUT', '/drift', { reorderFields: true, xmlBom: false })).status).toBe(204);
    expect(await json(await fake.control('GET', '/drift'))).toEqual({ reorderFields: true });
    expect(fake.context.drift.has('extraFields')).toBe(false);
    expect(fake.context.drift.has('reorderFields')).toBe(true);
  });

  it('refuses an unknown toggle with 400', async () => {
    const response = await fake.control('PUT', '/drift', { nsPrefix: true });
    expect(response.status).toBe(400);
    expect((await json<{ error: string }>(response)).error).toContain('nsPrefix');
  });
});

describe('POST /_control/sessions/expire', () => {
  it('kills every session with {} and calls the platform hook', async () => {
    const first = await loginHeaders(fake.url, 'skolbrygga@sjostad');
    const second = await loginHeaders(fake.url, 'skolbrygga@abro');
    expect((await fake.control('POST', '/sessions/expire', {})).status).toBe(204);
    expect((await fetch(`${fake.url}/api/items`, { headers: first })).status).toBe(401);
    expect((await fetch(`${fake.url}/api/items`, { headers: second })).status).toBe(401);
    expect(fake.context.state.expired).toEqual(['*']);
  });

  it('kills only one username with {username}', async () => {
    const sjostad = await loginHeaders(fake.url, 'skolbrygga@sjostad');
    const abro = await loginHeaders(fake.url, 'skolbrygga@abro');
    const named = fake.context.sessionStore<{ tenant: string }>('refreshTokens', { absoluteTtlSeconds: 8 * 3600 });
    const token = named.create('skolbrygga@abro', { tenant: 'abro' });
    expect((await fake.control('POST', '/sessions/expire', { username: 'skolbrygga@abro' })).status).toBe(204);
    expect((await fetch(`${fake.url}/api/items`, { headers: sjostad })).status).toBe(200);
    expect((await fetch(`${fake.url}/api/items`, { headers: abro })).status).toBe(401);
    expect(named.get(token.id)).toBeNull();
    expect(fake.context.state.expired).toEqual(['skolbrygga@abro']);
  });
});

describe('config', () => {
  it('starts from the platform defaults, replaces the set on PUT and restores defaults with {}', async () => {
    expect(await json(await fake.control('GET', '/config'))).toEqual({ loginMinDelayMs: 2000, staleSelectionRate: 0 });
    expect((await fake.control('PUT', '/config', { loginMinDelayMs: 0, rateLimitPerMinute: 120 })).status).toBe(204);
    expect(fake.context.knobs.get('loginMinDelayMs')).toBe(0);
    expect(fake.context.knobs.get('rateLimitPerMinute')).toBe(120);
    expect((await fake.control('PUT', '/config', { staleSelectionRate: 0.2 })).status).toBe(204);
    expect(await json(await fake.control('GET', '/config'))).toEqual({ loginMinDelayMs: 2000, staleSelectionRate: 0.2 });
    expect((await fake.control('PUT', '/config', {})).status).toBe(204);
    expect(fake.context.knobs.get('staleSelectionRate')).toBe(0);
  });

  it('refuses unknown knobs and non-numbers with 400', async () => {
    expect((await fake.control('PUT', '/config', { wrongSchoolRate: 0.2 })).status).toBe(400);
    expect((await fake.control('PUT', '/config', { loginMinDelayMs: 'fast' })).status).toBe(400);
    expect(fake.context.knobs.get('loginMinDelayMs')).toBe(2000);
  });
});

describe('requests', () => {
  it('counts platform requests by method, route template and status, with bytes and durations', async () => {
    await fetch(`${fake.url}/api/items/1`);
    await fetch(`${fake.url}/api/items/2?secret=never-logged`);
    await fetch(`${fake.url}/api/items`);
    await fetch(`${fake.url}/no/such/path`);
    await fetch(`${fake.url}/api/mutate`, { method: 'POST' });
    const log = await json<{ total: number; byRoute: { method: string; route: string; status: number; count: number; bytes: number; durationMsTotal: number }[] }>(
      await fake.control('GET', '/requests'),
    );
    expect(log.total).toBe(5);
    expect(log.byRoute.map(({ method, route, status, count }) => ({ method, route, status, count }))).toEqual([
      { method: 'GET', route: '(unmatched)', status: 404, count: 1 },
      { method: 'GET', route: '/api/items', status: 401, count: 1 },
      { method: 'GET', route: '/api/items/:id', status: 200, count: 2 },
      { method: 'POST', route: '/api/mutate', status: 200, count: 1 },
    ]);
    const byId = log.byRoute.find((entry) => entry.route === '/api/items/:id');
    expect(byId?.bytes).toBe(Buffer.byteLength('{"id":"1"}') + Buffer.byteLength('{"id":"2"}'));
    expect(byId?.durationMsTotal).toBeGreaterThan(0);
    expect(JSON.stringify(log)).not.toContain('never-logged');

    expect((await fake.control('DELETE', '/requests')).status).toBe(204);
    expect(await json(await fake.control('GET', '/requests'))).toEqual({ total: 0, byRoute: [] });
  });

  it('logs routes registered through router.route() by template too', async () => {
    await fetch(`${fake.url}/stream`);
    const log = await json<{ byRoute: { route: string; bytes: number }[] }>(await fake.control('GET', '/requests'));
    expect(log.byRoute).toMatchObject([{ route: '/stream', bytes: Array.from({ length: 10 }, (_, index) => `chunk ${index}\n`).join('').length }]);
  });
});

describe('GET /_control/world', () => {
  it("returns the slice's ground truth for the requested tenant, and 404 for a tenant the platform does not host", async () => {
    const response = await fake.control('GET', '/world?tenant=abro');
    expect(response.status).toBe(200);
    const truth = await json<{ slice: unknown; persons: unknown[]; episodes: unknown[]; malformed: unknown[] }>(response);
    expect(truth.slice).toEqual({ platform: 'skola24', tenant: 'abro' });
    expect(truth.persons.length).toBeGreaterThan(0);
    expect(Array.isArray(truth.episodes)).toBe(true);
    expect(Array.isArray(truth.malformed)).toBe(true);
    expect((await fake.control('GET', '/world?tenant=stockholm')).status).toBe(404);
  });
});

describe('POST /_control/events', () => {
  it('answers 201 {id}; the event is stamped after the last snapshot handed out', async () => {
    const headers = await loginHeaders(fake.url);
    await fetch(`${fake.url}/api/items`, { headers });
    expect(fake.context.snapshots.latest()).toBe(Date.parse(DEFAULT_NOW_UTC));
    const response = await fake.control('POST', '/events', { kind: 'ping' });
    expect(response.status).toBe(201);
    const stamp = Date.parse(DEFAULT_NOW_UTC) + 1000;
    expect(await json(response)).toEqual({ id: `ping-${stamp}` });
    expect(await now()).toBe(new Date(stamp).toISOString());
  });

  it('answers 400 for an invalid event and the ControlError status for a refused one', async () => {
    expect((await fake.control('POST', '/events', { kind: 'unknown' })).status).toBe(400);
    expect((await fake.control('POST', '/events', { kind: 'refused' })).status).toBe(409);
  });

  it('answers 404 on a platform without events', async () => {
    const simulator = createSimulator({ ...fakePlatform, injectEvent: undefined }, { seed: 's', students: 120 });
    const server = await simulator.listen();
    try {
      const response = await fetch(`${server.url}/_control/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":"ping"}' });
      expect(response.status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('control API edges', () => {
  it('answers 404 JSON for an unknown control path and 400 for a body that is not JSON', async () => {
    const unknown = await fake.control('GET', '/nothing');
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toEqual({ error: 'no such control endpoint' });
    const broken = await fetch(`${fake.url}/_control/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(broken.status).toBe(400);
  });

  it('recognises loopback peers only', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('10.0.0.7')).toBe(false);
    expect(isLoopbackAddress('::ffff:192.168.1.2')).toBe(false);
    expect(isLoopbackAddress(undefined)).toBe(false);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal)?.address;

  it.skipIf(external === undefined)('hides the control API from a non-loopback peer while serving the platform', async () => {
    const simulator = createSimulator(fakePlatform, { seed: 's', students: 120 });
    const server = await simulator.listen(0, '0.0.0.0');
    try {
      const base = `http://${external}:${server.port}`;
      expect((await fetch(`${base}/_control/health`)).status).toBe(404);
      expect((await fetch(`${base}/api/items/1`)).status).toBe(200);
      expect((await fetch(`${server.url}/_control/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
