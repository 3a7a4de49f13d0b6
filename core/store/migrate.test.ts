import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSkolbryggaError } from '../errors.js';
import { checksumOf, loadMigrations, migrate } from './migrate.js';
import type { Migration } from './migrate.js';
import { openDb } from './open-db.js';
import { createTestDatabase, DEFAULT_TEST_POSTGRES_URL, TEST_DRIVERS } from './testing.js';
import type { TestDatabase } from './testing.js';

const POSTGRES_URL = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : DEFAULT_TEST_POSTGRES_URL;

const shipped = loadMigrations();

function migration(version: string, slug: string, sql: string): Migration {
  return { version, name: `${version}_${slug}.sql`, sql, checksum: checksumOf(sql) };
}

describe('loadMigrations', () => {
  it('reads the shipped files in version order with their checksums', () => {
    expect(shipped.length).toBeGreaterThan(0);
    expect(shipped[0]?.name).toBe('0001_initial.sql');
    expect(shipped.map((m) => m.version)).toEqual([...shipped.map((m) => m.version)].sort());
    for (const m of shipped) expect(m.checksum).toBe(checksumOf(m.sql));
  });

  it('does not let line endings change a checksum', () => {
    expect(checksumOf('a;\r\nb;\r\n')).toBe(checksumOf('a;\nb;\n'));
  });
});

describe.each(TEST_DRIVERS)('migrate on %s', (driver) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase({ driver, postgresUrl: POSTGRES_URL, migrate: false });
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('applies every migration once, concurrently started or not, and then nothing', async () => {
    // Two handles on the same database, as two processes starting at once would be.
    const other = driver === 'pg' ? await openDb({ url: test.url }) : test.db;
    try {
      const [first, second] = await Promise.all([migrate(test.db), migrate(other)]);
      expect([...first, ...second].sort()).toEqual(shipped.map((m) => m.name));
    } finally {
      if (other !== test.db) await other.close();
    }
    expect(await migrate(test.db)).toEqual([]);

    const recorded = await test.db.query<{ version: string; checksum: string }>(
      'SELECT version, checksum FROM schema_migrations ORDER BY version',
    );
    expect(recorded).toEqual(shipped.map((m) => ({ version: m.version, checksum: m.checksum })));
    const tables = await test.db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`,
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['tenants', 'persons', 'absence_records', 'source_links', 'sync_runs', 'outbox', 'decisions']),
    );
  });

  it('refuses to run when an applied file has changed', async () => {
    const [initial, ...rest] = shipped;
    const edited = { ...initial!, sql: `${initial!.sql}\n-- edited`, checksum: checksumOf(`${initial!.sql}\n-- edited`) };
    await expect(migrate(test.db, [edited, ...rest])).rejects.toSatisfy(
      (error) => isSkolbryggaError(error, 'SKB_MIGRATION') && error.context.version === '0001',
    );
  });

  it('rolls back a failing migration and does not record it', async () => {
    const broken = migration('9001', 'broken', 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;');
    await expect(migrate(test.db, [...shipped, broken])).rejects.toSatisfy(
      (error) => isSkolbryggaError(error, 'SKB_MIGRATION') && error.context.sqlState === '42P01',
    );
    const leftovers = await test.db.query(
      `SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'half_done'`,
    );
    expect(leftovers).toEqual([]);
    expect(await test.db.query(`SELECT 1 FROM schema_migrations WHERE version = '9001'`)).toEqual([]);
  });

  it('applies a later migration on top and leaves versions it does not know alone', async () => {
    const added = migration('9002', 'added', 'CREATE TABLE later_table (id int);');
    expect(await migrate(test.db, [...shipped, added])).toEqual(['9002_added.sql']);
    // An older release (without 9002) still starts against this database.
    expect(await migrate(test.db, shipped)).toEqual([]);
  });
});
