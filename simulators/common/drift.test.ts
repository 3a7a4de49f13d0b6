import { describe, expect, it } from 'vitest';
import { DriftState, driftRecord, driftRecords } from './drift.js';
import { createSimulator } from './simulator.js';
import { fakePlatform, loginHeaders, startFake } from './fake-platform.test-support.js';

const record = { id: 'a', name: 'x', nested: { b: 1, a: 2 } };

function driftWith(toggles: Record<string, boolean>): DriftState {
  const drift = new DriftState(['extraFields', 'reorderFields', 'movedPermanently']);
  expect(drift.replace(toggles)).toEqual([]);
  return drift;
}

describe('driftRecord', () => {
  it('leaves a record alone with no toggles', () => {
    expect(Object.keys(driftRecord(record, driftWith({})))).toEqual(['id', 'name', 'nested']);
  });

  it('adds two unknown fields with extraFields, keeping every value', () => {
    const drifted = driftRecord(record, driftWith({ extraFields: true }));
    expect(drifted).toMatchObject(record);
    expect(Object.keys(drifted)).toEqual(['id', 'name', 'nested', 'simulatorExtraField', 'simulatorExtraObject']);
  });

  it('reverses the keys with reorderFields and leaves nested objects as they are', () => {
    const drifted = driftRecord(record, driftWith({ reorderFields: true }));
    expect(Object.keys(drifted)).toEqual(['nested', 'name', 'id']);
    expect(Object.keys(drifted.nested)).toEqual(['b', 'a']);
    expect(JSON.parse(JSON.stringify(drifted))).toEqual(record);
  });

  it("takes field names in the platform's casing and works on lists", () => {
    const drifted = driftRecords([record, record], driftWith({ extraFields: true, reorderFields: true }), { names: ['EXTRA_FIELD', 'ExtraObject'] });
    expect(Object.keys(drifted[1] ?? {})).toEqual(['ExtraObject', 'EXTRA_FIELD', 'nested', 'name', 'id']);
  });

  it('keeps variant values and refuses unknown names without changing anything', () => {
    const drift = new DriftState(['callbackSpelling']);
    expect(drift.replace({ callbackSpelling: 'both' })).toEqual([]);
    expect(drift.value('callbackSpelling')).toBe('both');
    expect(drift.replace({ nope: true })).toEqual(['nope']);
    expect(drift.has('callbackSpelling')).toBe(true);
  });
});

describe('drift over HTTP', () => {
  it('shows extraFields on the records a platform renders', async () => {
    const fake = await startFake();
    try {
      const headers = await loginHeaders(fake.url);
      await fake.control('PUT', '/drift', { extraFields: true });
      const { items } = (await (await fetch(`${fake.url}/api/items`, { headers })).json()) as { items: Record<string, unknown>[] };
      expect(items[0]).toHaveProperty('simulatorExtraField', 'drift');
    } finally {
      await fake.close();
    }
  });

  it('answers data requests with 301 to the same path on another origin, leaving login routes alone (movedPermanently)', async () => {
    const fake = await startFake();
    try {
      await fake.control('PUT', '/drift', { movedPermanently: true });
      const moved = await fetch(`${fake.url}/api/items/7?page=2`, { redirect: 'manual' });
      expect(moved.status).toBe(301);
      expect(moved.headers.get('location')).toBe('https://moved.simulator.invalid/api/items/7?page=2');
      const login = await fetch(`${fake.url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', redirect: 'manual' });
      expect(login.status).toBe(200);
      const log = (await (await fake.control('GET', '/requests')).json()) as { byRoute: { route: string; status: number }[] };
      expect(log.byRoute).toContainEqual(expect.objectContaining({ route: '/api/items/:id', status: 301 }));
    } finally {
      await fake.close();
    }
  });

  it('moves to a configured origin', async () => {
    const server = await createSimulator(fakePlatform, { seed: 's', students: 120, movedToOrigin: 'http://127.0.0.2:7399' }).listen();
    try {
      await fetch(`${server.url}/_control/drift`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"movedPermanently": true}' });
      const moved = await fetch(`${server.url}/xml/export`, { redirect: 'manual' });
      expect(moved.headers.get('location')).toBe('http://127.0.0.2:7399/xml/export');
    } finally {
      await server.close();
    }
  });
});
