// One test per repository: what tenant A writes, tenant B cannot read, find, count or change —
// not even when it asks by A's ids or natural keys.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exampleActivity,
  exampleCalendarEvent,
  exampleDuty,
  exampleEnrolment,
  exampleGroup,
  exampleGroupMembership,
  exampleGuardianRelation,
  exampleLeaveApplication,
  exampleLessonAttendance,
  exampleOrganisation,
  examplePerson,
  exampleRegistration,
} from '../../model/examples.js';
import { createStore } from '../store.js';
import type { Store } from '../store.js';
import { createTestDatabase, createTestSealer, DEFAULT_TEST_POSTGRES_URL, TEST_DRIVERS } from '../testing.js';
import type { TestDatabase } from '../testing.js';
import type { CanonicalEntity, EntityRepository } from './canonical-entities.js';

const POSTGRES_URL = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : DEFAULT_TEST_POSTGRES_URL;

type EntityCase = [string, (store: Store) => EntityRepository<CanonicalEntity>, () => CanonicalEntity];

/** One row of the table below, with the repository's own types checked before they are erased. */
function entityCase<E extends CanonicalEntity>(name: string, pick: (store: Store) => EntityRepository<E>, example: () => E): EntityCase {
  return [name, pick as unknown as EntityCase[1], example];
}

const ENTITY_CASES: EntityCase[] = [
  entityCase('organisations', (s) => s.organisations, exampleOrganisation),
  entityCase('guardianRelations', (s) => s.guardianRelations, exampleGuardianRelation),
  entityCase('enrolments', (s) => s.enrolments, exampleEnrolment),
  entityCase('groups', (s) => s.groups, exampleGroup),
  entityCase('groupMemberships', (s) => s.groupMemberships, exampleGroupMembership),
  entityCase('activities', (s) => s.activities, exampleActivity),
  entityCase('calendarEvents', (s) => s.calendarEvents, exampleCalendarEvent),
  entityCase('duties', (s) => s.duties, exampleDuty),
  entityCase('lessonAttendances', (s) => s.lessonAttendances, exampleLessonAttendance),
];

describe.each(TEST_DRIVERS)('tenant isolation on %s', (driver) => {
  let test: TestDatabase;
  let store: Store;
  let a: string;
  let b: string;

  beforeAll(async () => {
    test = await createTestDatabase({ driver, postgresUrl: POSTGRES_URL });
    store = createStore(test.db, { sealer: createTestSealer() });
    a = (await store.tenants.ensure('tenant-a', 'A')).id;
    b = (await store.tenants.ensure('tenant-b', 'B')).id;
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('tenants', async () => {
    expect((await store.tenants.get(a))?.key).toBe('tenant-a');
    expect((await store.tenants.get(b))?.key).toBe('tenant-b');
    expect(await store.tenants.get(randomUUID())).toBeUndefined();
  });

  it.each(ENTITY_CASES)('%s', async (_name, repositoryOf, example) => {
    const repository = repositoryOf(store);
    const onlyA = { ...example(), id: randomUUID(), tenantId: a };
    await repository.upsert(a, [onlyA]);
    expect(await repository.get(b, onlyA.id)).toBeUndefined();
    expect(await repository.getMany(b, [onlyA.id])).toEqual([]);
    expect(await repository.markDeleted(b, [onlyA.id])).toEqual([]);
    expect((await repository.get(a, onlyA.id))?.status).toBe('active');

    // The same id in both tenants is two rows: each tenant reads and tombstones only its own.
    const shared = { ...example(), id: randomUUID(), tenantId: a };
    await repository.markDeleted(a, [onlyA.id]); // frees the example's natural key among active rows
    await repository.upsert(a, [shared]);
    expect((await repository.upsert(b, [{ ...shared, tenantId: b }])).added).toEqual([shared.id]);
    expect((await repository.get(b, shared.id))?.tenantId).toBe(b);
    expect((await repository.list(b)).every((entity) => entity.tenantId === b)).toBe(true);
    expect(await repository.markDeleted(b, [shared.id])).toEqual([shared.id]);
    expect((await repository.get(a, shared.id))?.status).toBe('active');
  });

  it('persons', async () => {
    const hash = randomUUID();
    const ofA = { ...examplePerson(), id: randomUUID(), tenantId: a, civicNoHash: hash };
    const ofB = { ...examplePerson(), id: randomUUID(), tenantId: b, civicNoHash: hash };
    // The same civic number in two municipalities is two persons: resolution is per tenant.
    expect((await store.persons.upsert(a, [ofA])).added).toEqual([ofA.id]);
    expect((await store.persons.upsert(b, [ofB])).added).toEqual([ofB.id]);
    expect([...(await store.persons.findByCivicNoHashes(b, [hash])).values()].map((p) => p.id)).toEqual([ofB.id]);
    expect(await store.persons.get(b, ofA.id)).toBeUndefined();
  });

  it('absenceRecords', async () => {
    const record = exampleRegistration();
    const ofA = { ...record, id: randomUUID(), tenantId: a, studentId: randomUUID() };
    const ofB = { ...record, id: randomUUID(), tenantId: b, studentId: ofA.studentId };
    // One source key in two tenants: two rows, neither overwriting the other.
    expect((await store.absenceRecords.upsert(a, [ofA])).added).toEqual([ofA.id]);
    expect((await store.absenceRecords.upsert(b, [ofB])).added).toEqual([ofB.id]);
    expect((await store.absenceRecords.getBySources(b, [record.source])).map((r) => r.id)).toEqual([ofB.id]);
    expect((await store.absenceRecords.listForStudents(b, [ofA.studentId])).map((r) => r.id)).toEqual([ofB.id]);
    expect(await store.absenceRecords.get(b, ofA.id)).toBeUndefined();
  });

  it('leaveApplications', async () => {
    const application = exampleLeaveApplication();
    const ofA = { ...application, id: randomUUID(), tenantId: a };
    const ofB = { ...application, id: randomUUID(), tenantId: b };
    await store.leaveApplications.upsert(a, [ofA]);
    await store.leaveApplications.upsert(b, [ofB]);
    expect((await store.leaveApplications.getBySources(b, [application.source])).map((l) => l.id)).toEqual([ofB.id]);
    expect(await store.leaveApplications.get(b, ofA.id)).toBeUndefined();
  });

  it('sourceLinks', async () => {
    const source = { sourceSystem: 'skola24' as const, sourceInstance: 'shared', sourceEntityType: 'student', sourceId: 'iso-1' };
    const link = (canonicalId: string) => ({ source, canonicalType: 'Person' as const, canonicalId, contentHash: 'c'.repeat(64), mapperVersion: '1' });
    const runA = (await store.syncRuns.create(a, { mode: 'full', trigger: 'schedule' })).id;
    const runB = (await store.syncRuns.create(b, { mode: 'full', trigger: 'schedule' })).id;
    const [idA, idB] = [randomUUID(), randomUUID()];
    await store.sourceLinks.upsert(a, runA, [link(idA)]);
    await store.sourceLinks.upsert(b, runB, [link(idB)]);
    expect([...(await store.sourceLinks.resolve(b, [source])).values()].map((r) => r.canonicalId)).toEqual([idB]);
    expect(await store.sourceLinks.listForCanonical(b, 'Person', idA)).toEqual([]);
    // B's full run saw nothing: only B's link goes missing, and A's deletion leaves B's alone.
    const stream = { sourceSystem: source.sourceSystem, sourceInstance: source.sourceInstance, sourceEntityType: source.sourceEntityType };
    expect((await store.sourceLinks.markUnseenMissing(b, runB, stream)).map((m) => m.canonicalId)).toEqual([idB]);
    expect((await store.sourceLinks.resolve(a, [source])).values().next().value?.presence).toBe('present');
    await store.sourceLinks.markDeleted(a, runA, [source]);
    expect((await store.sourceLinks.resolve(b, [source])).values().next().value?.presence).toBe('missing');
    expect(await store.sourceLinks.withAllLinksDeleted(b, 'Person', [idA])).toEqual([]);
  });

  it('syncRuns', async () => {
    const run = await store.syncRuns.create(a, { mode: 'incremental', trigger: 'api' });
    expect(await store.syncRuns.get(b, run.id)).toBeUndefined();
    expect((await store.syncRuns.listRecent(b)).map((r) => r.id)).not.toContain(run.id);
    await expect(store.syncRuns.start(b, run.id)).rejects.toThrow();
    await store.syncRuns.startStream(a, run.id, 'skola24', 'persons');
    await expect(store.syncRuns.addStreamCounts(b, run.id, 'skola24', 'persons', { added: 1 })).rejects.toThrow();
    expect(await store.syncRuns.listStreams(b, run.id)).toEqual([]);
    // A stream row cannot point at another tenant's run.
    await expect(store.syncRuns.startStream(b, run.id, 'skola24', 'persons')).rejects.toThrow();
  });

  it('checkpoints', async () => {
    const key = { platform: 'skola24', sourceInstance: 'shared', stream: 'absences' };
    await store.checkpoints.save(a, key, { page: 7 }, null);
    expect(await store.checkpoints.load(b, key)).toBeUndefined();
    expect(await store.checkpoints.list(b)).toEqual([]);
    await store.checkpoints.clear(b, key);
    expect((await store.checkpoints.load(a, key))?.cursor).toEqual({ page: 7 });
  });

  it('quarantine', async () => {
    await store.quarantine.add(a, null, [{ platform: 'skola24', stream: 'persons', sourceId: 'q1', field: 'civicNo', message: 'invalid' }]);
    expect(await store.quarantine.list(b)).toEqual([]);
    expect(await store.quarantine.countOpen(b)).toBe(0);
    expect(await store.quarantine.resolve(b, 'skola24', 'persons', ['q1'])).toBe(0);
    expect(await store.quarantine.countOpen(a)).toBe(1);
  });

  it('holds', async () => {
    const run = await store.syncRuns.create(a, { mode: 'full', trigger: 'schedule' });
    const tripped = [{ platform: 'p', stream: 's', kind: 'change' as const, count: 1, total: 2, share: 0.5, limit: 0.2 }];
    const hold = await store.holds.create(a, { runId: run.id, reason: 'maxChangeShare', tripped });
    expect(await store.holds.get(b, hold.id)).toBeUndefined();
    expect(await store.holds.listPending(b)).toEqual([]);
    await expect(store.holds.decide(b, hold.id, 'approved', 'x')).rejects.toThrow();
    expect((await store.holds.get(a, hold.id))?.status).toBe('pending');
    // A hold cannot name another tenant's run.
    await expect(store.holds.create(b, { runId: run.id, reason: 'maxChangeShare', tripped })).rejects.toThrow();
  });

  it('decisions', async () => {
    const write = {
      pack: 'skollagen', eventId: 'skollagen:notify.invalid_absence:sk_1:2025-09-09', eventType: 'notify.invalid_absence',
      subjectKeyHash: 'sk_1', studentId: null, triggerDate: '2025-09-09', status: 'issued' as const, recipient: 'guardians',
      details: {}, evidenceRecordIds: [], protectedIdentity: false, contentHash: 'x',
    };
    expect((await store.decisions.upsert(a, null, [write])).added).toHaveLength(1);
    // Same event id in B is B's own decision, not an update of A's.
    expect((await store.decisions.upsert(b, null, [{ ...write, contentHash: 'y' }])).added).toHaveLength(1);
    expect((await store.decisions.get(a, write.pack, write.eventId))?.contentHash).toBe('x');
    expect((await store.decisions.list(b)).map((d) => d.contentHash)).toEqual(['y']);
    expect((await store.decisions.listForSubjects(b, write.pack, ['sk_1'])).map((d) => d.contentHash)).toEqual(['y']);
  });

  it('webhookEndpoints', async () => {
    const endpoint = await store.webhookEndpoints.upsert(a, { name: 'hook', url: 'https://a.example/h', secretRefs: ['S'] });
    expect(await store.webhookEndpoints.get(b, endpoint.id)).toBeUndefined();
    expect(await store.webhookEndpoints.list(b)).toEqual([]);
    await store.webhookEndpoints.disable(b, endpoint.id, 'x');
    expect((await store.webhookEndpoints.get(a, endpoint.id))?.enabled).toBe(true);
  });

  it('outbox', async () => {
    const endpoint = await store.webhookEndpoints.upsert(a, { name: 'outbox-hook', url: 'https://a.example/o', secretRefs: ['S'] });
    const [message] = await store.outbox.enqueue(a, [{ endpointId: endpoint.id, type: 'sync.completed', payload: {} }]);
    expect(await store.outbox.get(b, message!)).toBeUndefined();
    expect(await store.outbox.listPending(b)).toEqual([]);
    expect(await store.outbox.claim(b, message!)).toBe(false);
    await store.outbox.markDelivered(b, message!);
    expect((await store.outbox.get(a, message!))?.state).toBe('pending');
    // B cannot queue a message for A's endpoint.
    await expect(store.outbox.enqueue(b, [{ endpointId: endpoint.id, type: 'x', payload: {} }])).rejects.toThrow();
  });

  it('deliveries', async () => {
    const endpoint = await store.webhookEndpoints.upsert(a, { name: 'delivery-hook', url: 'https://a.example/d', secretRefs: ['S'] });
    const [message] = await store.outbox.enqueue(a, [{ endpointId: endpoint.id, type: 'sync.completed', payload: {} }]);
    await store.deliveries.record(a, { messageId: message!, endpointId: endpoint.id, attempt: 1, statusCode: 200, durationMs: 5, error: null });
    expect(await store.deliveries.listForMessage(b, message!)).toEqual([]);
    expect(await store.deliveries.listForEndpoint(b, endpoint.id)).toEqual([]);
    await expect(
      store.deliveries.record(b, { messageId: message!, endpointId: endpoint.id, attempt: 2, statusCode: 200, durationMs: 5, error: null }),
    ).rejects.toThrow();
  });

  it('deletionLog', async () => {
    await store.deletionLog.append(a, [{ entityType: 'Person', entityId: randomUUID(), reason: 'manual' }]);
    expect(await store.deletionLog.listSince(b, null)).toEqual([]);
    expect(await store.deletionLog.listSince(a, null)).toHaveLength(1);
  });

  it('auditLog', async () => {
    await store.auditLog.append(a, { actor: 'apikey:a', action: 'webhook.replay' });
    expect(await store.auditLog.list(b)).toEqual([]);
    expect(await store.auditLog.list(null)).toEqual([]);
  });

  it('apiKeys', async () => {
    const key = await store.apiKeys.create({ name: 'a-only', keyHash: 'k'.repeat(64), keyPrefix: 'skb_k', role: 'operator', tenantIds: [a] });
    expect((await store.apiKeys.listForTenant(b)).map((k) => k.id)).not.toContain(key.id);
    expect((await store.apiKeys.listForTenant(a)).map((k) => k.id)).toContain(key.id);
  });
});
