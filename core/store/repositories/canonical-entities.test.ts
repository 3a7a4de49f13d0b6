import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSkolbryggaError } from '../../errors.js';
import {
  exampleActivity,
  exampleCalendarEvent,
  exampleDuty,
  exampleEnrolment,
  exampleGroup,
  exampleGroupMembership,
  exampleGuardianRelation,
  exampleLessonAttendance,
  exampleOrganisation,
  examplePerson,
  exampleRegistration,
} from '../../model/examples.js';
import { AbsenceRecordSchema, canonicalContent, PersonSchema } from '../../model/index.js';
import type { AbsenceRecord, Person } from '../../model/index.js';
import type { Db } from '../db.js';
import { createStore } from '../store.js';
import type { Store } from '../store.js';
import { createTestDatabase, createTestSealer, DEFAULT_TEST_POSTGRES_URL, TEST_DRIVERS } from '../testing.js';
import type { TestDatabase } from '../testing.js';
import type { CanonicalEntity, EntityRepository } from './canonical-entities.js';
import { sourceKey } from './canonical-entities.js';

const POSTGRES_URL = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : DEFAULT_TEST_POSTGRES_URL;

const CIVIC_NO = examplePerson().civicNo!.value;
const REASON = 'Sjuk';

function registration(tenantId: string, sourceId: string, changes: Partial<AbsenceRecord> = {}): AbsenceRecord {
  const record = exampleRegistration();
  return { ...record, id: randomUUID(), tenantId, source: { ...record.source, sourceId }, ...changes };
}

async function fingerprint(db: Db, table: string): Promise<string> {
  const [row] = await db.query<{ f: string }>(`SELECT string_agg(xmin::text || ctid::text, ',' ORDER BY id) AS f FROM ${table}`);
  return row?.f ?? '';
}

describe.each(TEST_DRIVERS)('canonical entity repositories on %s', (driver) => {
  let test: TestDatabase;
  let store: Store;
  let tenant: string;

  beforeAll(async () => {
    test = await createTestDatabase({ driver, postgresUrl: POSTGRES_URL });
    store = createStore(test.db, { sealer: createTestSealer() });
    tenant = (await store.tenants.ensure('entities', 'Entities')).id;
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('stores every id-keyed entity and reads back the same canonical object', async () => {
    const cases: [EntityRepository<CanonicalEntity>, CanonicalEntity][] = [
      [store.organisations, exampleOrganisation()],
      [store.guardianRelations, exampleGuardianRelation()],
      [store.enrolments, exampleEnrolment()],
      [store.groups, exampleGroup()],
      [store.groupMemberships, exampleGroupMembership()],
      [store.activities, exampleActivity()],
      [store.calendarEvents, exampleCalendarEvent()],
      [store.duties, exampleDuty()],
      [store.lessonAttendances, exampleLessonAttendance()],
    ] as unknown as [EntityRepository<CanonicalEntity>, CanonicalEntity][];
    for (const [repository, example] of cases) {
      const entity = { ...example, tenantId: tenant };
      expect(await repository.upsert(tenant, [entity])).toEqual({ added: [entity.id], updated: [], unchanged: [] });
      const stored = await repository.get(tenant, entity.id, { unseal: true });
      expect(canonicalContent(stored as unknown as Record<string, unknown>)).toEqual(canonicalContent(entity as unknown as Record<string, unknown>));
      expect(stored?.meta.created).toMatch(/Z$/);
      expect(await repository.upsert(tenant, [entity])).toEqual({ added: [], updated: [], unchanged: [entity.id] });
    }
  });

  it('keeps secrets out of data and out of the hash, encrypted in their own column', async () => {
    const person: Person = { ...examplePerson(), id: randomUUID(), tenantId: tenant, civicNoHash: randomUUID() };
    await store.persons.upsert(tenant, [person]);
    const [raw] = await test.db.query('SELECT * FROM persons WHERE id = $1', [person.id]);
    expect(JSON.stringify(raw)).not.toContain(CIVIC_NO);
    expect(raw).toMatchObject({ civic_no_hash: person.civicNoHash, birth_date: '2014-01-22', protected_identity: false });
    expect((raw as { data: object }).data).not.toHaveProperty('civicNo');

    const plain = await store.persons.get(tenant, person.id);
    expect(plain).not.toHaveProperty('civicNo');
    const unsealed = await store.persons.get(tenant, person.id, { unseal: true });
    expect(unsealed?.civicNo).toEqual(person.civicNo);
    expect(PersonSchema.parse(unsealed)).toBeTruthy();

    const record = registration(tenant, 'secret-1');
    await store.absenceRecords.upsert(tenant, [record]);
    const [rawRecord] = await test.db.query<{ data: object; reason_text_encrypted: string }>(
      'SELECT * FROM absence_records WHERE source_id = $1',
      ['secret-1'],
    );
    expect(rawRecord?.data).not.toHaveProperty('reasonText');
    expect(rawRecord?.reason_text_encrypted).not.toContain(REASON);
    // A new ciphertext for the same reason is no change; a new reason is.
    expect((await store.absenceRecords.upsert(tenant, [record])).unchanged).toHaveLength(1);
    expect((await store.absenceRecords.upsert(tenant, [{ ...record, reasonText: 'Tandläkare' }])).updated).toHaveLength(1);
  });

  it('refuses to store a secret without a sealer', async () => {
    const unsealed = createStore(test.db);
    const person: Person = { ...examplePerson(), id: randomUUID(), tenantId: tenant, civicNoHash: randomUUID() };
    await expect(unsealed.persons.upsert(tenant, [person])).rejects.toSatisfy((error) => isSkolbryggaError(error, 'SKB_CRYPTO'));
    const withoutSecrets: Person = { ...person, civicNo: null, civicNoHash: null };
    expect((await unsealed.persons.upsert(tenant, [withoutSecrets])).added).toEqual([person.id]);
  });

  it('resolves a person seen in a second platform to the stored one by civic-number hash', async () => {
    const hash = randomUUID();
    const first: Person = { ...examplePerson(), id: randomUUID(), tenantId: tenant, civicNoHash: hash };
    const second: Person = { ...first, id: randomUUID(), emails: [{ value: 'other@example.org', type: 'Privat' }] };

    const added = await store.persons.upsert(tenant, [first]);
    expect(added.added).toEqual([first.id]);
    const merged = await store.persons.upsert(tenant, [second]);
    expect(merged.updated).toEqual([first.id]);
    expect(merged.idByCivicNoHash.get(hash)).toBe(first.id);
    expect(await store.persons.get(tenant, second.id)).toBeUndefined();
    expect((await store.persons.get(tenant, first.id))?.emails).toEqual(second.emails);

    const again = await store.persons.upsert(tenant, [{ ...second, id: randomUUID() }]);
    expect(again).toMatchObject({ added: [], updated: [], unchanged: [first.id] });
    expect(again.idByCivicNoHash.get(hash)).toBe(first.id);
    expect([...(await store.persons.findByCivicNoHashes(tenant, [hash])).keys()]).toEqual([hash]);

    // Once tombstoned, the number is free for a new active person.
    await store.persons.markDeleted(tenant, [first.id]);
    const reborn = await store.persons.upsert(tenant, [{ ...first, id: randomUUID() }]);
    expect(reborn.added).toHaveLength(1);
    expect(reborn.added[0]).not.toBe(first.id);
  });

  it('updates the same absence row on a reclassification, keeping its id', async () => {
    const invalid = registration(tenant, 'reclass-1', { category: 'invalid', validity: 'invalid', reasonText: null });
    const first = await store.absenceRecords.upsert(tenant, [invalid]);
    expect(first.added).toEqual([invalid.id]);

    const valid = registration(tenant, 'reclass-1', { category: 'valid', validity: 'valid', reasonText: null });
    const second = await store.absenceRecords.upsert(tenant, [valid]);
    expect(second).toMatchObject({ added: [], updated: [invalid.id], unchanged: [] });
    expect(second.idBySource.get(sourceKey(valid.source))).toBe(invalid.id);

    const [stored] = await store.absenceRecords.getBySources(tenant, [valid.source]);
    expect(stored).toMatchObject({ id: invalid.id, category: 'valid', validity: 'valid' });
    expect(AbsenceRecordSchema.parse(stored)).toBeTruthy();
    const rows = await test.db.query("SELECT category FROM absence_records WHERE source_id = 'reclass-1'");
    expect(rows).toEqual([{ category: 'valid' }]);
  });

  it('writes 5 000 absence records in one batch and does not rewrite them unchanged', async () => {
    const student = randomUUID();
    const records = Array.from({ length: 5000 }, (_, index) =>
      registration(tenant, `bulk-${index}`, { studentId: student, date: `2026-03-${String((index % 28) + 1).padStart(2, '0')}` }),
    );
    const first = await store.absenceRecords.upsert(tenant, records);
    expect([first.added.length, first.updated.length, first.unchanged.length]).toEqual([5000, 0, 0]);
    const before = await fingerprint(test.db, 'absence_records');

    const again = await store.absenceRecords.upsert(tenant, records.map((record) => ({ ...record, id: randomUUID() })));
    expect([again.added.length, again.updated.length, again.unchanged.length]).toEqual([0, 0, 5000]);
    expect(new Set(again.idBySource.values())).toEqual(new Set(records.map((record) => record.id)));
    expect(await fingerprint(test.db, 'absence_records')).toBe(before);

    const march = await store.absenceRecords.listForStudents(tenant, [student], { from: '2026-03-01', to: '2026-03-07' });
    expect(march).toHaveLength(records.filter((record) => record.date <= '2026-03-07').length);
    expect(await store.absenceRecords.studentsModifiedSince(tenant, '2000-01-01T00:00:00Z')).toContain(student);
    expect(await store.absenceRecords.studentsModifiedSince(tenant, new Date(Date.now() + 60_000).toISOString())).toEqual([]);
  });

  it('lists by modification with a keyset cursor and tombstones once', async () => {
    const groups = Array.from({ length: 5 }, () => ({ ...exampleGroup(), id: randomUUID(), tenantId: tenant }));
    await store.groups.upsert(tenant, groups);
    const seen: string[] = [];
    let after: { modified: string; id: string } | undefined;
    // Bounded: a cursor that does not advance must fail the test, not hang it.
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await store.groups.list(tenant, { limit: 2, after });
      if (page.length === 0) break;
      seen.push(...page.map((group) => group.id));
      const last = page[page.length - 1]!;
      after = { modified: last.meta.modified, id: last.id };
    }
    expect(new Set(seen)).toEqual(new Set([exampleGroup().id, ...groups.map((group) => group.id)]));

    const target = groups[0]!.id;
    expect(await store.groups.markDeleted(tenant, [target])).toEqual([target]);
    expect(await store.groups.markDeleted(tenant, [target])).toEqual([]);
    expect((await store.groups.get(tenant, target))?.status).toBe('deleted');
    expect((await store.groups.list(tenant, { status: 'deleted' })).map((group) => group.id)).toEqual([target]);
  });

  it('refuses an object of another tenant and a tenant id that is not a uuid', async () => {
    const foreign = { ...exampleOrganisation(), tenantId: randomUUID() };
    await expect(store.organisations.upsert(tenant, [foreign])).rejects.toSatisfy((error) => isSkolbryggaError(error, 'SKB_VALIDATION'));
    await expect(store.organisations.get('not-a-uuid', foreign.id)).rejects.toSatisfy((error) => isSkolbryggaError(error, 'SKB_VALIDATION'));
  });
});
