import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { SessionStore } from './sessions.js';
import { loginHeaders, startFake } from './fake-platform.test-support.js';

function storeAt(start: number, options: ConstructorParameters<typeof SessionStore>[0] = {}) {
  const clock = { now: start };
  const store = new SessionStore<{ school: string }>({ ...options, wallNow: () => clock.now });
  return { clock, store };
}

describe('SessionStore', () => {
  it('slides the idle lifetime on every get and forgets a session idle too long', () => {
    const { clock, store } = storeAt(0, { idleTtlSeconds: 60 });
    const session = store.create('user', { school: 'U1' });
    clock.now = 59_000;
    expect(store.get(session.id)?.data).toEqual({ school: 'U1' });
    clock.now = 118_000;
    expect(store.get(session.id)).not.toBeNull();
    clock.now = 178_001;
    expect(store.get(session.id)).toBeNull();
    clock.now = 0;
    expect(store.get(session.id)).toBeNull();
  });

  it('does not slide on peek', () => {
    const { clock, store } = storeAt(0, { idleTtlSeconds: 10 });
    const session = store.create('user', { school: 'U1' });
    clock.now = 9_000;
    expect(store.peek(session.id)).not.toBeNull();
    clock.now = 10_000;
    expect(store.peek(session.id)).toBeNull();
  });

  it('ends a session at its absolute lifetime however busy it is', () => {
    const { clock, store } = storeAt(0, { idleTtlSeconds: 60, absoluteTtlSeconds: 100 });
    const session = store.create('user', { school: 'U1' });
    for (clock.now = 0; clock.now < 100_000; clock.now += 30_000) expect(store.get(session.id)).not.toBeNull();
    clock.now = 100_000;
    expect(store.get(session.id)).toBeNull();
  });

  it('lets the fault profile override the idle lifetime', () => {
    let override: number | null = 5_000;
    const { clock, store } = storeAt(0, { idleTtlSeconds: 3600, idleOverrideMs: () => override });
    const session = store.create('user', { school: 'U1' });
    clock.now = 5_000;
    expect(store.peek(session.id)).toBeNull();
    override = null;
    const next = store.create('user', { school: 'U1' });
    clock.now = 3_000_000;
    expect(store.peek(next.id)).not.toBeNull();
  });

  it('shows the expiry as simulated now plus remaining wall time', () => {
    const { clock, store } = storeAt(1_000, { idleTtlSeconds: 3600, absoluteTtlSeconds: 12 * 3600 });
    const session = store.create('user', { school: 'U1' });
    clock.now = 601_000;
    const simulatedNow = Date.parse('2026-03-10T02:00:00+01:00');
    expect(store.expiresAt(session, simulatedNow)).toBe(simulatedNow + 3_000_000);
    expect(store.absoluteRemainingMs(session)).toBe(12 * 3_600_000 - 600_000);
    expect(new SessionStore().expiresAt(new SessionStore().create('u', {}), simulatedNow)).toBeNull();
  });

  it('expires all sessions or those of one username', () => {
    const { store } = storeAt(0);
    const first = store.create('a', { school: 'U1' });
    const second = store.create('b', { school: 'U1' });
    const third = store.create('b', { school: 'U2' });
    expect(store.expire({ username: 'b' })).toBe(2);
    expect([store.get(first.id), store.get(second.id), store.get(third.id)].map((session) => session !== null)).toEqual([true, false, false]);
    expect(store.expire()).toBe(1);
    expect(store.size()).toBe(0);
  });

  it('issues unguessable distinct ids', () => {
    const { store } = storeAt(0);
    const ids = new Set(Array.from({ length: 100 }, () => store.create('u', { school: 'U1' }).id));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});

describe('session TTL over HTTP', () => {
  it('kills an idle session after the fault profile sessionTtlSeconds (wall clock), while the simulated clock stands still', async () => {
    const fake = await startFake();
    try {
      await fake.control('PUT', '/faults', { sessionTtlSeconds: 0.5 });
      const headers = await loginHeaders(fake.url);
      const alive = await fetch(`${fake.url}/api/items`, { headers });
      expect(alive.status).toBe(200);
      const { sessionExpires } = (await alive.json()) as { sessionExpires: string };
      const shown = Date.parse(sessionExpires) - Date.parse('2026-03-10T01:00:00Z');
      expect(shown).toBeGreaterThan(0);
      expect(shown).toBeLessThanOrEqual(500);
      await sleep(600);
      expect((await fetch(`${fake.url}/api/items`, { headers })).status).toBe(401);
    } finally {
      await fake.close();
    }
  });

  it('uses the platform default lifetime without a fault profile', async () => {
    const fake = await startFake();
    try {
      const headers = await loginHeaders(fake.url);
      const { sessionExpires } = (await (await fetch(`${fake.url}/api/items`, { headers })).json()) as { sessionExpires: string };
      const shown = Date.parse(sessionExpires) - Date.parse('2026-03-10T01:00:00Z');
      expect(shown).toBeGreaterThan(59_000);
      expect(shown).toBeLessThanOrEqual(60_000);
    } finally {
      await fake.close();
    }
  });
});
