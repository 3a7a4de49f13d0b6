import { request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FaultState } from './faults.js';
import { faultProfileSchema, globToRegExp, routeMatches } from './fault-profile.js';
import type { FaultProfileInput } from './fault-profile.js';
import { FAKE_ITEM_COUNT, loginHeaders, startFake } from './fake-platform.test-support.js';
import type { RunningFake } from './fake-platform.test-support.js';

let fake: RunningFake;

beforeEach(async () => {
  fake = await startFake();
});

afterEach(async () => {
  await fake.close();
});

async function setFaults(profile: FaultProfileInput): Promise<void> {
  const response = await fake.control('PUT', '/faults', profile);
  expect(response.status).toBe(204);
}

/** A raw GET that reports what arrived before the socket died. */
function rawGet(url: string): Promise<{ status: number; contentLength: number; received: number; failed: boolean }> {
  return new Promise((resolve) => {
    const request = httpRequest(url, { agent: false }, (response) => {
      let received = 0;
      let settled = false;
      const settle = (failed: boolean): void => {
        if (settled) return;
        settled = true;
        resolve({ status: response.statusCode ?? 0, contentLength: Number(response.headers['content-length']), received, failed });
      };
      response.on('data', (chunk: Buffer) => (received += chunk.length));
      response.on('end', () => settle(!response.complete));
      response.on('aborted', () => settle(true));
      response.on('error', () => settle(true));
      response.on('close', () => settle(!response.complete));
    });
    request.on('error', () => resolve({ status: 0, contentLength: 0, received: 0, failed: true }));
    request.end();
  });
}

describe('5xx', () => {
  it("answers with one of the statuses and the platform's own body, content type and headers", async () => {
    await setFaults({ serverErrorRate: 1, serverErrorStatuses: [503] });
    const response = await fetch(`${fake.url}/api/items/1`);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-fake-error')).toBe('yes');
    expect(await response.text()).toBe('<html><body><h1>Server Error</h1><p>503</p></body></html>');
  });

  it('spreads over every configured status', async () => {
    await setFaults({ serverErrorRate: 1, serverErrorStatuses: [500, 502] });
    const statuses = new Set<number>();
    for (let index = 0; index < 30; index++) statuses.add((await fetch(`${fake.url}/api/items/${index}`)).status);
    expect([...statuses].sort()).toEqual([500, 502]);
  });

  it('keeps the request from having any effect', async () => {
    await setFaults({ serverErrorRate: 1 });
    for (let index = 0; index < 3; index++) expect((await fetch(`${fake.url}/api/mutate`, { method: 'POST' })).status).toBeGreaterThanOrEqual(500);
    expect(fake.context.state.mutations).toBe(0);
    await setFaults({});
    expect(await (await fetch(`${fake.url}/api/mutate`, { method: 'POST' })).json()).toEqual({ mutations: 1 });
  });
});

describe('429 bursts', () => {
  it('opens a window after every N requests; Retry-After in seconds; the platform 429 body; served again after the wait', async () => {
    await setFaults({ rateLimit: { everyRequests: 3, retryAfterSeconds: 1, retryAfterFormat: 'seconds' } });
    for (let index = 0; index < 3; index++) expect((await fetch(`${fake.url}/api/items/${index}`)).status).toBe(200);
    const refused = await fetch(`${fake.url}/api/items/3`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toEqual({ error: 'too many requests' });
    expect((await fetch(`${fake.url}/api/items/3`)).status).toBe(429);
    await sleep(1050);
    for (let index = 0; index < 3; index++) expect((await fetch(`${fake.url}/api/items/${index}`)).status).toBe(200);
    expect((await fetch(`${fake.url}/api/items/9`)).status).toBe(429);
  });

  it('counts down the remaining seconds', async () => {
    await setFaults({ rateLimit: { everyRequests: 1, retryAfterSeconds: 30 } });
    await fetch(`${fake.url}/api/items/1`);
    const refused = await fetch(`${fake.url}/api/items/2`);
    expect(refused.status).toBe(429);
    const seconds = Number(refused.headers.get('retry-after'));
    expect(seconds).toBeGreaterThanOrEqual(29);
    expect(seconds).toBeLessThanOrEqual(30);
  });

  it("gives an HTTP-date equal to the response's simulated Date plus the remaining seconds", async () => {
    await setFaults({ rateLimit: { everyRequests: 1, retryAfterSeconds: 20, retryAfterFormat: 'http-date' } });
    await fetch(`${fake.url}/api/items/1`);
    const refused = await fetch(`${fake.url}/api/items/2`);
    expect(refused.status).toBe(429);
    const date = Date.parse(refused.headers.get('date') ?? '');
    const retryAt = Date.parse(refused.headers.get('retry-after') ?? '');
    expect(new Date(date).toISOString()).toBe('2026-03-10T01:00:00.000Z');
    expect([19_000, 20_000]).toContain(retryAt - date);
  });

  it("sends no Retry-After with format 'none'", async () => {
    await setFaults({ rateLimit: { everyRequests: 2, retryAfterSeconds: 5, retryAfterFormat: 'none' } });
    await fetch(`${fake.url}/api/items/1`);
    await fetch(`${fake.url}/api/items/2`);
    const refused = await fetch(`${fake.url}/api/items/3`);
    expect(refused.status).toBe(429);
    expect(refused.headers.has('retry-after')).toBe(false);
  });
});

describe('connection reset', () => {
  it('sends status and headers, then about half the announced body, then drops the socket (JSON)', async () => {
    const headers = await loginHeaders(fake.url);
    await setFaults({ connectionResetRate: 1, routes: ['/api/items'] });
    const response = await fetch(`${fake.url}/api/items`, { headers });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();

    const raw = await rawGet(`${fake.url}/xml/export`);
    expect(raw).toMatchObject({ status: 200, failed: false });
    await setFaults({ connectionResetRate: 1 });
    const truncated = await rawGet(`${fake.url}/xml/export`);
    expect(truncated.status).toBe(200);
    expect(truncated.failed).toBe(true);
    expect(truncated.contentLength).toBe(raw.received);
    expect(truncated.received).toBe(Math.floor(raw.received / 2));
  });

  it('truncates streamed bodies too and logs the bytes actually sent', async () => {
    await setFaults({ connectionResetRate: 1 });
    const truncated = await rawGet(`${fake.url}/stream`);
    const full = Array.from({ length: 10 }, (_, index) => `chunk ${index}\n`).join('').length;
    expect(truncated).toMatchObject({ status: 200, failed: true, contentLength: full, received: Math.floor(full / 2) });
    await sleep(20);
    const log = (await (await fake.control('GET', '/requests')).json()) as { byRoute: { route: string; bytes: number }[] };
    expect(log.byRoute.find((entry) => entry.route === '/stream')?.bytes).toBe(Math.floor(full / 2));
  });
});

describe('latency', () => {
  it('waits within [min, max] before the response starts', async () => {
    await setFaults({ latencyMs: { min: 60, max: 80 } });
    const started = performance.now();
    expect((await fetch(`${fake.url}/api/items/1`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(58);
  });

  it('draws every latency inside the bounds, reaching both ends', () => {
    const faults = new FaultState(() => 'seed');
    faults.replace(faultProfileSchema.parse({ latencyMs: { min: 5, max: 9 } }));
    const values = Array.from({ length: 500 }, () => faults.decide('/x')?.latencyMs ?? -1);
    expect(Math.min(...values)).toBe(5);
    expect(Math.max(...values)).toBe(9);
  });
});

describe('route globs', () => {
  it('faults only the routes whose template matches', async () => {
    await setFaults({ routes: ['/api/items/*'], serverErrorRate: 1 });
    expect((await fetch(`${fake.url}/api/items/1`)).status).toBeGreaterThanOrEqual(500);
    expect((await fetch(`${fake.url}/api/items`)).status).toBe(401);
    expect((await fetch(`${fake.url}/xml/export`)).status).toBe(200);
  });

  it('matches templates: * spans segments, ? one character, the rest literally', () => {
    expect(routeMatches(['/api/get/*'], '/api/get/integration/students')).toBe(true);
    expect(routeMatches(['/api/get/*'], '/api/post/x')).toBe(false);
    expect(routeMatches(['/:slug/eva/api/v2/*'], '/:slug/eva/api/v2/school/:orgId/students')).toBe(true);
    expect(routeMatches(['/v?/x'], '/v2/x')).toBe(true);
    expect(routeMatches(['/a.b'], '/aXb')).toBe(false);
    expect(routeMatches(undefined, '/anything')).toBe(true);
    expect(globToRegExp('/x/(y)').test('/x/(y)')).toBe(true);
  });
});

describe('determinism', () => {
  const profile = faultProfileSchema.parse({ serverErrorRate: 0.3, connectionResetRate: 0.2, latencyMs: { min: 0, max: 100 } });
  const run = (seed: string, count = 200) => {
    const faults = new FaultState(() => seed);
    faults.replace(profile);
    return Array.from({ length: count }, () => faults.decide('/api/x'));
  };

  it('decides the same for the same (seed, counter, profile) and differently for another seed', () => {
    expect(run('a')).toEqual(run('a'));
    expect(run('a')).not.toEqual(run('b'));
    const decisions = run('a');
    const errors = decisions.filter((decision) => decision?.serverErrorStatus !== null).length;
    expect(errors).toBeGreaterThan(30);
    expect(errors).toBeLessThan(90);
  });

  it('restarts the counter when the profile is replaced; key order does not matter', () => {
    const faults = new FaultState(() => 'a');
    faults.replace(profile);
    const first = Array.from({ length: 20 }, () => faults.decide('/api/x'));
    faults.replace(faultProfileSchema.parse({ latencyMs: { max: 100, min: 0 }, connectionResetRate: 0.2, serverErrorRate: 0.3 }));
    expect(Array.from({ length: 20 }, () => faults.decide('/api/x'))).toEqual(first);
  });

  it('gives two simulators with the same seed the same sequence of statuses', async () => {
    const other = await startFake();
    try {
      const statuses = async (target: RunningFake): Promise<number[]> => {
        await target.control('PUT', '/faults', { serverErrorRate: 0.5 });
        const result: number[] = [];
        for (let index = 0; index < 20; index++) result.push((await fetch(`${target.url}/api/items/${index}`)).status);
        return result;
      };
      const mine = await statuses(fake);
      expect(await statuses(other)).toEqual(mine);
      expect(new Set(mine).size).toBeGreaterThan(1);
    } finally {
      await other.close();
    }
  });
});

describe('malformed records', () => {
  it('marks a share of records, the same ones with the same defect on every refetch', async () => {
    const headers = await loginHeaders(fake.url);
    await setFaults({ malformedRecordRate: 0.5, malformedKinds: ['badCivicNo', 'badDate'] });
    const first = await (await fetch(`${fake.url}/api/items`, { headers })).text();
    const second = await (await fetch(`${fake.url}/api/items`, { headers })).text();
    const strip = (text: string) => text.replace(/"sessionExpires":"[^"]*"/, '');
    expect(strip(second)).toBe(strip(first));
    const items = (JSON.parse(first) as { items: Record<string, string>[] }).items;
    const broken = items.filter((item) => item.personalIdentityNumber === 'badCivicNo' || item.personalIdentityNumber === 'badDate' || item.lastChanged === 'badCivicNo' || item.lastChanged === 'badDate');
    expect(broken.length).toBeGreaterThan(5);
    expect(broken.length).toBeLessThan(FAKE_ITEM_COUNT - 5);
    expect(fake.context.faults.malformationFor('item-0', ['a'])).toEqual(fake.context.faults.malformationFor('item-0', ['a']));
  });

  it('marks nothing without a rate', () => {
    expect(fake.context.faults.malformationFor('item-0', ['personalIdentityNumber'])).toBeNull();
  });
});
