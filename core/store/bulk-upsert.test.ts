import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isSkolbryggaError } from '../errors.js';
import { bulkUpsert } from './bulk-upsert.js';
import type { BulkUpsertSpec } from './bulk-upsert.js';
import type { Db, Row } from './db.js';
import { createTestDatabase, DEFAULT_TEST_POSTGRES_URL, TEST_DRIVERS } from './testing.js';
import type { TestDatabase } from './testing.js';

const POSTGRES_URL = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : DEFAULT_TEST_POSTGRES_URL;

const TENANT = randomUUID();

const things: BulkUpsertSpec = {
  table: 'things',
  columns: [
    { name: 'tenant_id', type: 'uuid' },
    { name: 'id', type: 'uuid', onUpdate: 'keep' },
    { name: 'source_id', type: 'text' },
    { name: 'category', type: 'text' },
    { name: 'day', type: 'date' },
    { name: 'minutes', type: 'integer' },
    { name: 'tags', type: 'text[]' },
    { name: 'data', type: 'jsonb' },
    { name: 'content_hash', type: 'text' },
  ],
  conflictColumns: ['tenant_id', 'source_id'],
  hashColumn: 'content_hash',
  setOnUpdate: { modified_at: 'now()', version: 't.version + 1' },
  returning: ['id'],
};

interface Thing extends Row {
  tenant_id: string;
  id: string;
  source_id: string;
  category: string;
  day: string;
  minutes: number | null;
  tags: string[] | null;
  data: unknown;
  content_hash: string;
}

function thing(sourceId: string, category = 'invalid', extra: Partial<Thing> = {}): Thing {
  const base = { tenant_id: TENANT, id: randomUUID(), source_id: sourceId, category, day: '2025-09-01', minutes: 40, tags: ['a', 'b'], data: { note: sourceId, category } };
  return { ...base, content_hash: `${category}:${JSON.stringify(extra)}`, ...extra };
}

interface Physical extends Row {
  source_id: string;
  id: string;
  xmin: string;
  ctid: string;
  modified_at: Date;
  version: number;
}

/** The physical identity of each row: a write creates a new row version with a new xmin and ctid. */
async function physical(db: Db): Promise<Map<string, Physical>> {
  const rows = await db.query<Physical>('SELECT source_id, id, xmin::text AS xmin, ctid::text AS ctid, modified_at, version FROM things');
  return new Map(rows.map((row) => [row.source_id, row]));
}

describe.each(TEST_DRIVERS)('bulkUpsert on %s', (driver) => {
  let test: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    test = await createTestDatabase({ driver, postgresUrl: POSTGRES_URL, migrate: false });
    db = test.db;
    await db.exec(`
      CREATE TABLE things (
        tenant_id uuid NOT NULL, id uuid NOT NULL, source_id text NOT NULL, category text NOT NULL,
        day date NOT NULL, minutes integer, tags text[], data jsonb NOT NULL, content_hash text NOT NULL,
        modified_at timestamptz NOT NULL DEFAULT now(), version integer NOT NULL DEFAULT 1,
        status text NOT NULL DEFAULT 'active',
        PRIMARY KEY (tenant_id, id), UNIQUE (tenant_id, source_id));
      CREATE UNIQUE INDEX things_active_category ON things (tenant_id, category) WHERE status = 'active' AND category LIKE 'solo%';`);
  });
  beforeEach(async () => {
    await db.query('DELETE FROM things');
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('adds, updates and leaves unchanged rows, and says which', async () => {
    const first = await bulkUpsert<Thing>(db, things, [thing('r1'), thing('r2'), thing('r3')]);
    expect(first.counts).toEqual({ added: 3, updated: 0, unchanged: 0 });
    const ids = new Map(first.added.map((row) => [row.source_id, row.id]));

    // r1 reclassified, r2 unchanged (with a freshly minted id that must be ignored), r4 new.
    const second = await bulkUpsert<Thing>(db, things, [thing('r1', 'valid'), thing('r2'), thing('r3'), thing('r4')]);
    expect(second.counts).toEqual({ added: 1, updated: 1, unchanged: 2 });
    expect(second.added.map((row) => row.source_id)).toEqual(['r4']);
    expect(second.updated).toEqual([{ tenant_id: TENANT, source_id: 'r1', id: ids.get('r1') }]);
    expect(second.unchanged.map((row) => row.source_id).sort()).toEqual(['r2', 'r3']);

    const stored = await db.query<Thing & { version: number }>("SELECT * FROM things WHERE source_id = 'r1'");
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: ids.get('r1'), category: 'valid', version: 2, data: { note: 'r1', category: 'valid' } });
  });

  it('does not write unchanged rows at all (same xmin, ctid and modified_at)', async () => {
    await bulkUpsert(db, things, [thing('a'), thing('b'), thing('c')]);
    const before = await physical(db);

    const result = await bulkUpsert(db, things, [thing('a'), thing('b', 'valid'), thing('c')]);
    expect(result.counts).toEqual({ added: 0, updated: 1, unchanged: 2 });
    const after = await physical(db);

    for (const key of ['a', 'c']) {
      expect(after.get(key)).toEqual(before.get(key));
    }
    expect(after.get('b')?.xmin).not.toBe(before.get('b')?.xmin);
    expect(after.get('b')?.id).toBe(before.get('b')?.id);
    expect(after.get('b')?.version).toBe(2);
    expect(after.get('b')!.modified_at.getTime()).toBeGreaterThanOrEqual(before.get('b')!.modified_at.getTime());
  });

  it('writes a large batch in one statement and re-upserts it without writing', async () => {
    // 9 000 rows × 9 columns would be 81 000 parameters row by row; PostgreSQL allows 65 535.
    const rows = Array.from({ length: 9000 }, (_, index) => thing(`bulk-${index}`));
    const first = await bulkUpsert(db, things, rows);
    expect(first.counts).toEqual({ added: 9000, updated: 0, unchanged: 0 });

    const before = await db.query<{ fingerprint: string }>("SELECT string_agg(xmin::text || ctid::text, ',' ORDER BY source_id) AS fingerprint FROM things");
    const again = await bulkUpsert(db, things, rows.map((row) => ({ ...row, id: randomUUID() })));
    expect(again.counts).toEqual({ added: 0, updated: 0, unchanged: 9000 });
    const after = await db.query<{ fingerprint: string }>("SELECT string_agg(xmin::text || ctid::text, ',' ORDER BY source_id) AS fingerprint FROM things");
    expect(after).toEqual(before);

    const changed = rows.map((row, index) => (index % 1000 === 0 ? thing(row.source_id, 'valid') : row));
    expect((await bulkUpsert(db, things, changed)).counts).toEqual({ added: 0, updated: 9, unchanged: 8991 });
  });

  it('round-trips dates, nulls, arrays and json exactly', async () => {
    const row = thing('types', 'invalid', { day: '2024-02-29', minutes: null, tags: ['with "quotes"', 'comma,inside', ''], data: { nested: [1, { x: null }], text: 'åäö' } });
    const empty = thing('empty-tags', 'invalid', { tags: [] });
    const none = thing('no-tags', 'invalid', { tags: null });
    await bulkUpsert(db, things, [row, empty, none]);
    const stored = await db.query<Thing>('SELECT source_id, day, minutes, tags, data FROM things ORDER BY source_id');
    expect(stored).toEqual([
      { source_id: 'empty-tags', day: '2025-09-01', minutes: 40, tags: [], data: empty.data },
      { source_id: 'no-tags', day: '2025-09-01', minutes: 40, tags: null, data: none.data },
      { source_id: 'types', day: '2024-02-29', minutes: null, tags: row.tags, data: row.data },
    ]);
  });

  it('keeps the last of duplicate keys in one batch', async () => {
    const result = await bulkUpsert<Thing>(db, things, [thing('dup', 'invalid'), thing('dup', 'valid')]);
    expect(result.counts).toEqual({ added: 1, updated: 0, unchanged: 0 });
    expect(await db.query('SELECT category FROM things')).toEqual([{ category: 'valid' }]);
  });

  it('returns the stored rows of unchanged keys when asked', async () => {
    const { added } = await bulkUpsert<Thing>(db, things, [thing('u1'), thing('u2')]);
    const result = await bulkUpsert<Thing>(db, { ...things, selectUnchanged: true }, [thing('u1'), thing('u2', 'valid')]);
    expect(result.unchanged).toEqual([{ tenant_id: TENANT, source_id: 'u1', id: added.find((row) => row.source_id === 'u1')?.id }]);
  });

  it('rewrites an unchanged hash when alsoUpdateWhen says so', async () => {
    await bulkUpsert(db, things, [thing('z')]);
    await db.query("UPDATE things SET status = 'deleted'");
    const spec = { ...things, columns: [...things.columns, { name: 'status', type: 'text' as const }], alsoUpdateWhen: "t.status <> 'active'" };
    const result = await bulkUpsert(db, spec, [{ ...thing('z'), status: 'active' }]);
    expect(result.counts.updated).toBe(1);
    expect(await db.query('SELECT status FROM things')).toEqual([{ status: 'active' }]);
  });

  it('targets a partial unique index with conflictWhere', async () => {
    const solo: BulkUpsertSpec = {
      ...things,
      conflictColumns: ['tenant_id', 'category'],
      conflictWhere: "status = 'active' AND category LIKE 'solo%'",
      selectUnchanged: true,
    };
    const first = await bulkUpsert<Thing>(db, solo, [thing('s1', 'solo-1')]);
    const second = await bulkUpsert<Thing>(db, solo, [thing('s2', 'solo-1', { minutes: 5 }), thing('s3', 'solo-2')]);
    expect(second.updated).toEqual([{ tenant_id: TENANT, category: 'solo-1', id: first.added[0]?.id }]);
    expect(second.added.map((row) => row.category)).toEqual(['solo-2']);
    const third = await bulkUpsert<Thing>(db, solo, [thing('s2', 'solo-1', { minutes: 5 })]);
    expect(third.unchanged).toEqual([{ tenant_id: TENANT, category: 'solo-1', id: first.added[0]?.id }]);
  });

  it('refuses identifiers that are not plain names, before any SQL runs', async () => {
    const bad = [
      { ...things, table: 'things; DROP TABLE things' },
      { ...things, columns: [...things.columns, { name: 'x"y', type: 'text' as const }] },
      { ...things, conflictColumns: ['nope'] },
      { ...things, returning: ['id, pg_sleep(1)'] },
      { ...things, setOnUpdate: { 'a b': 'now()' } },
    ];
    for (const spec of bad) {
      await expect(bulkUpsert(db, spec, [thing('x')])).rejects.toSatisfy((error) => isSkolbryggaError(error, 'SKB_INTERNAL'));
    }
    expect(await db.query('SELECT count(*) AS n FROM things')).toEqual([{ n: 0 }]);
  });

  it('does nothing for an empty batch', async () => {
    expect(await bulkUpsert(db, things, [])).toEqual({ added: [], updated: [], unchanged: [], counts: { added: 0, updated: 0, unchanged: 0 } });
  });
});
