// The operational repositories: runs, checkpoints, quarantine, holds, decisions, webhooks, logs, keys.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSkolbryggaError } from '../../errors.js';
import { createStore } from '../store.js';
import type { Store } from '../store.js';
import { createTestDatabase, DEFAULT_TEST_POSTGRES_URL, TEST_DRIVERS } from '../testing.js';
import type { TestDatabase } from '../testing.js';
import type { DecisionWrite } from './decisions.js';

const POSTGRES_URL = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : DEFAULT_TEST_POSTGRES_URL;

const isError = (code: Parameters<typeof isSkolbryggaError>[1]) => (error: unknown) => isSkolbryggaError(error, code);

function decision(changes: Partial<DecisionWrite> = {}): DecisionWrite {
  return {
    pack: 'stockholm-gy',
    eventId: 'stockholm-gy:warning.oral:sk_abc:2025/26',
    eventType: 'warning.oral',
    subjectKeyHash: 'sk_abc',
    studentId: randomUUID(),
    triggerDate: '2025-09-15',
    status: 'issued',
    recipient: 'mentor',
    details: { schoolYear: '2025/26', occasions: 3 },
    evidenceRecordIds: ['r2', 'r1'],
    protectedIdentity: false,
    contentHash: 'h1',
    ...changes,
  };
}

describe.each(TEST_DRIVERS)('operational repositories on %s', (driver) => {
  let test: TestDatabase;
  let store: Store;
  let tenant: string;

  beforeAll(async () => {
    test = await createTestDatabase({ driver, postgresUrl: POSTGRES_URL });
    store = createStore(test.db);
    tenant = (await store.tenants.ensure('ops', 'Ops')).id;
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('ensures tenants by key without rewriting an unchanged one', async () => {
    const again = await store.tenants.ensure('ops', 'Ops');
    expect(again.id).toBe(tenant);
    expect((await store.tenants.ensure('ops', 'Ops kommun')).displayName).toBe('Ops kommun');
    expect((await store.tenants.getByKey('ops'))?.id).toBe(tenant);
    await expect(store.tenants.ensure('Not A Key!', 'x')).rejects.toSatisfy(isError('SKB_VALIDATION'));
  });

  it('runs a sync run through its states and sums stream counts page by page', async () => {
    const run = await store.syncRuns.create(tenant, { mode: 'full', trigger: 'manual', platform: 'skola24' });
    expect(run).toMatchObject({ status: 'queued', mode: 'full', platform: 'skola24', startedAt: null });
    await expect(store.syncRuns.finish(tenant, run.id, 'succeeded')).rejects.toSatisfy(isError('SKB_CONFLICT'));
    expect((await store.syncRuns.start(tenant, run.id)).status).toBe('running');

    await store.syncRuns.startStream(tenant, run.id, 'skola24', 'absences');
    await store.syncRuns.addStreamCounts(tenant, run.id, 'skola24', 'absences', { pages: 1, added: 10, unchanged: 5 });
    await store.syncRuns.addStreamCounts(tenant, run.id, 'skola24', 'absences', { pages: 1, updated: 2, quarantined: 1 });
    // A worker restarted mid-stream keeps the committed pages' counts.
    await store.syncRuns.startStream(tenant, run.id, 'skola24', 'absences');
    await store.syncRuns.finishStream(tenant, run.id, 'skola24', 'absences', 'failed', { code: 'SKB_X', message: 'page 3' });
    await expect(store.syncRuns.addStreamCounts(tenant, run.id, 'skola24', 'persons', { pages: 1 })).rejects.toSatisfy(isError('SKB_NOT_FOUND'));
    await expect(store.syncRuns.addStreamCounts(tenant, run.id, 'skola24', 'absences', { added: -1 })).rejects.toSatisfy(isError('SKB_VALIDATION'));

    expect(await store.syncRuns.listStreams(tenant, run.id)).toEqual([
      expect.objectContaining({ stream: 'absences', status: 'failed', pages: 2, added: 10, updated: 2, unchanged: 5, deleted: 0, quarantined: 1, error: { code: 'SKB_X', message: 'page 3' } }),
    ]);
    const held = await store.syncRuns.finish(tenant, run.id, 'held');
    expect(held.status).toBe('held');
    expect((await store.syncRuns.finish(tenant, run.id, 'discarded')).finishedAt).not.toBeNull();
    expect((await store.syncRuns.listRecent(tenant, { platform: 'skola24' })).map((r) => r.id)).toContain(run.id);
    await expect(store.syncRuns.start(tenant, randomUUID())).rejects.toSatisfy(isError('SKB_NOT_FOUND'));
  });

  it('saves, loads and clears checkpoints', async () => {
    const key = { platform: 'infomentor', sourceInstance: 'sjostad', stream: 'absences' };
    expect(await store.checkpoints.load(tenant, key)).toBeUndefined();
    await store.checkpoints.save(tenant, key, { page: 3, since: '2025-09-01' }, null);
    await store.checkpoints.save(tenant, key, { page: 4, since: '2025-09-01' }, null);
    expect(await store.checkpoints.load<{ page: number }>(tenant, key)).toMatchObject({ cursor: { page: 4 }, runId: null });
    expect(await store.checkpoints.list(tenant)).toHaveLength(1);
    await store.checkpoints.clear(tenant, key);
    expect(await store.checkpoints.load(tenant, key)).toBeUndefined();
  });

  it('keeps one quarantine entry per record and field, counting sightings', async () => {
    const entry = { platform: 'skola24', stream: 'absences', sourceId: 'A-1', field: 'studentRef', message: 'person quarantined' };
    await store.quarantine.add(tenant, null, [entry, { ...entry, field: 'date', message: 'expected a date' }]);
    await store.quarantine.add(tenant, null, [entry, entry]);
    const open = await store.quarantine.list(tenant, { platform: 'skola24' });
    expect(open.map((q) => [q.field, q.occurrences]).sort()).toEqual([['date', 1], ['studentRef', 2]]);
    expect(await store.quarantine.countOpen(tenant)).toBe(2);
    expect(await store.quarantine.resolve(tenant, 'skola24', 'absences', ['A-1'])).toBe(2);
    expect(await store.quarantine.countOpen(tenant)).toBe(0);
    expect(await store.quarantine.list(tenant, { includeResolved: true })).toHaveLength(2);
    await expect(store.quarantine.add(tenant, null, [{ ...entry, civicNo: '201401229834' } as never])).rejects.toThrow();
  });

  it('decides a hold once', async () => {
    const run = await store.syncRuns.create(tenant, { mode: 'full', trigger: 'schedule' });
    const hold = await store.holds.create(tenant, {
      runId: run.id,
      reason: 'maxDeleteShare',
      tripped: [{ platform: 'skola24', stream: 'persons', kind: 'delete', count: 40, total: 100, share: 0.4, limit: 0.1 }],
    });
    expect((await store.holds.listPending(tenant)).map((h) => h.id)).toEqual([hold.id]);
    expect(await store.holds.getForRun(tenant, run.id)).toEqual(hold);
    const approved = await store.holds.decide(tenant, hold.id, 'approved', 'apikey:ops');
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'apikey:ops' });
    await expect(store.holds.decide(tenant, hold.id, 'discarded', 'apikey:ops')).rejects.toSatisfy(isError('SKB_CONFLICT'));
    expect(await store.holds.listPending(tenant)).toEqual([]);
  });

  it('stores decisions, versioning changes and leaving unchanged ones alone', async () => {
    const issued = decision();
    expect(await store.decisions.upsert(tenant, null, [issued])).toEqual({ added: [issued.eventId], updated: [], unchanged: [] });
    expect(await store.decisions.upsert(tenant, null, [issued])).toEqual({ added: [], updated: [], unchanged: [issued.eventId] });
    const stored = await store.decisions.get(tenant, issued.pack, issued.eventId);
    expect(stored).toMatchObject({ version: 1, evidenceRecordIds: ['r1', 'r2'], details: issued.details, retractedAt: null });

    await store.decisions.upsert(tenant, null, [{ ...issued, status: 'amended', triggerDate: '2025-09-16', contentHash: 'h2' }]);
    await store.decisions.upsert(tenant, null, [{ ...issued, status: 'retracted', triggerDate: '2025-09-16', contentHash: 'h2' }]);
    const retracted = await store.decisions.get(tenant, issued.pack, issued.eventId);
    expect(retracted).toMatchObject({ version: 3, status: 'retracted', triggerDate: '2025-09-16' });
    expect(retracted?.retractedAt).not.toBeNull();
    expect(await store.decisions.list(tenant, { status: 'current' })).toEqual([]);
    expect(await store.decisions.listForSubjects(tenant, issued.pack, ['sk_abc'])).toHaveLength(1);
  });

  it('enqueues outbox messages per endpoint, delivers, retries and replays them', async () => {
    const endpoint = await store.webhookEndpoints.upsert(tenant, { name: 'case-system', url: 'https://cases.example/hook', secretRefs: ['HOOK_SECRET'] });
    expect(endpoint).toMatchObject({ enabled: true, eventTypes: [] });
    const [first, second] = await store.outbox.enqueue(tenant, [
      { endpointId: endpoint.id, type: 'warning.oral', payload: { eventId: 'e1' } },
      { endpointId: endpoint.id, type: 'sync.completed', payload: { runId: 'r' } },
    ]);
    expect((await store.outbox.get(tenant, first!))?.type).toBe('warning.oral');
    expect((await store.outbox.listPending(tenant)).map((m) => m.id)).toEqual([first, second]);

    expect(await store.outbox.claim(tenant, first!)).toBe(true);
    expect(await store.outbox.claim(tenant, first!)).toBe(false);
    await store.deliveries.record(tenant, { messageId: first!, endpointId: endpoint.id, attempt: 1, statusCode: 503, durationMs: 20, error: 'HTTP 503' });
    await store.outbox.markFailed(tenant, first!, 'HTTP 503', new Date(Date.now() + 60_000));
    expect((await store.outbox.listPending(tenant)).map((m) => m.id)).toEqual([second]);
    expect((await store.outbox.listPending(tenant, { now: new Date(Date.now() + 120_000) })).map((m) => m.id)).toContain(first);

    expect(await store.outbox.claim(tenant, second!)).toBe(true);
    await store.outbox.markDelivered(tenant, second!);
    await store.outbox.requeue(tenant, second!);
    expect((await store.outbox.get(tenant, second!))).toMatchObject({ state: 'pending', attempts: 1 });
    await store.outbox.markFailed(tenant, second!, 'gone', null);
    expect((await store.outbox.get(tenant, second!))?.state).toBe('dead');

    expect((await store.deliveries.listForMessage(tenant, first!)).map((d) => d.statusCode)).toEqual([503]);
    await store.webhookEndpoints.setFailingSince(tenant, endpoint.id, '2025-09-01T00:00:00.000Z');
    await store.webhookEndpoints.disable(tenant, endpoint.id, 'failing for 3 days');
    expect(await store.webhookEndpoints.list(tenant, { enabledOnly: true })).toEqual([]);
    await store.webhookEndpoints.enable(tenant, endpoint.id);
    expect((await store.webhookEndpoints.get(tenant, endpoint.id))).toMatchObject({ enabled: true, failingSince: null });
  });

  it('appends deletion-log and audit entries and lists them in order', async () => {
    const entity = randomUUID();
    await store.deletionLog.append(tenant, [
      { entityType: 'Person', entityId: entity, reason: 'sourceDeleted', evidence: 'ss12000:deletedEntities', deletedAt: '2025-09-01T10:00:00.000Z' },
      { entityType: 'Person', entityId: randomUUID(), reason: 'merged', mergedIntoId: entity, deletedAt: '2025-09-02T10:00:00.000Z' },
    ]);
    await expect(store.deletionLog.append(tenant, [{ entityType: 'Person', entityId: entity, reason: 'merged' }])).rejects.toThrow();
    const since = await store.deletionLog.listSince(tenant, '2025-09-01T10:00:00.000Z');
    expect(since.map((entry) => entry.reason)).toEqual(['merged']);
    expect(await store.deletionLog.listSince(tenant, null)).toHaveLength(2);

    await store.auditLog.append(tenant, { actor: 'apikey:1', action: 'hold.approve', target: 'hold:1' });
    await store.auditLog.append(null, { actor: 'system', action: 'apikey.create', details: { role: 'viewer' } });
    expect((await store.auditLog.list(tenant)).map((entry) => entry.action)).toEqual(['hold.approve']);
    expect((await store.auditLog.list(null)).map((entry) => entry.action)).toEqual(['apikey.create']);
  });

  it('finds API keys by hash until revoked, and by the tenants they may see', async () => {
    const scoped = await store.apiKeys.create({ name: 'viewer', keyHash: 'h'.repeat(64), keyPrefix: 'skb_v', role: 'viewer', tenantIds: [tenant] });
    const global = await store.apiKeys.create({ name: 'admin', keyHash: 'g'.repeat(64), keyPrefix: 'skb_a', role: 'admin', tenantIds: null });
    expect(scoped).not.toHaveProperty('keyHash');
    expect((await store.apiKeys.findActiveByHash('h'.repeat(64)))?.id).toBe(scoped.id);
    await store.apiKeys.touch(scoped.id);
    expect((await store.apiKeys.listForTenant(tenant)).map((key) => key.id).sort()).toEqual([scoped.id, global.id].sort());
    expect((await store.apiKeys.listForTenant(randomUUID())).map((key) => key.id)).toEqual([global.id]);
    await store.apiKeys.revoke(scoped.id);
    expect(await store.apiKeys.findActiveByHash('h'.repeat(64))).toBeUndefined();
  });

  it('commits a store transaction as a whole or not at all', async () => {
    const key = { platform: 'schoolsoft', sourceInstance: 'x', stream: 'persons' };
    await expect(
      store.transaction(async (tx) => {
        await tx.checkpoints.save(tenant, key, { page: 1 }, null);
        throw new Error('page failed');
      }),
    ).rejects.toThrow('page failed');
    expect(await store.checkpoints.load(tenant, key)).toBeUndefined();
    await store.transaction((tx) => tx.checkpoints.save(tenant, key, { page: 1 }, null));
    expect(await store.checkpoints.load(tenant, key)).toBeDefined();
  });
});
