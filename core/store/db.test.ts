import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSkolbryggaError } from '../errors.js';
import type { Db } from './db.js';
import { openDb, parseDbUrl } from './open-db.js';
import { createTestDatabase, DEFAULT_TEST_POSTGRES_URL, TEST_DRIVERS } from './testing.js';
import type { TestDatabase } from './testing.js';

const POSTGRES_URL = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : DEFAULT_TEST_POSTGRES_URL;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe.each(TEST_DRIVERS)('Db on %s', (driver) => {
  let test: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    test = await createTestDatabase({ driver, postgresUrl: POSTGRES_URL, migrate: false });
    db = test.db;
    await db.exec('CREATE TABLE items (seq serial PRIMARY KEY, label text NOT NULL UNIQUE, at date, n bigint)');
  });
  afterAll(async () => {
    await test?.dispose();
  });

  const labels = async (target: Db = db) =>
    (await target.query<{ label: string }>('SELECT label FROM items ORDER BY seq')).map((row) => row.label);

  it('returns rows with the same JavaScript shapes on both drivers', async () => {
    const [row] = await db.query(
      `SELECT $1::date AS day, count(*) AS total, $2::timestamptz AS at, '{"a":[1]}'::jsonb AS doc, 1.50::numeric AS amount,
              ARRAY['2025-01-01'::date] AS days`,
      ['2025-09-01', new Date('2025-09-01T06:30:00Z')],
    );
    expect(row).toEqual({
      day: '2025-09-01',
      total: 1,
      at: new Date('2025-09-01T06:30:00Z'),
      doc: { a: [1] },
      amount: '1.50',
      days: ['2025-01-01'],
    });
  });

  it('commits a transaction that resolves and returns its value', async () => {
    const value = await db.transaction(async (tx) => {
      await tx.query("INSERT INTO items (label) VALUES ('committed')");
      return 42;
    });
    expect(value).toBe(42);
    expect(await labels()).toContain('committed');
  });

  it('rolls back a transaction that throws and rethrows the error', async () => {
    const failure = new Error('boom');
    const error = await caught(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO items (label) VALUES ('rolled-back')");
        throw failure;
      }),
    );
    expect(error).toBe(failure);
    expect(await labels()).not.toContain('rolled-back');
  });

  it('nests with savepoints: an inner failure undoes only the inner work', async () => {
    await db.transaction(async (tx) => {
      await tx.query("INSERT INTO items (label) VALUES ('outer')");
      await expect(
        tx.transaction(async (inner) => {
          await inner.query("INSERT INTO items (label) VALUES ('inner')");
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await tx.transaction(async (inner) => {
        await inner.query("INSERT INTO items (label) VALUES ('inner-kept')");
        // A handle of the outer level, used inside a savepoint, nests instead of deadlocking.
        await tx.transaction((deeper) => deeper.query("INSERT INTO items (label) VALUES ('deeper')"));
      });
    });
    const all = await labels();
    expect(all).toEqual(expect.arrayContaining(['outer', 'inner-kept', 'deeper']));
    expect(all).not.toContain('inner');
  });

  it('lets the outer Db join a running transaction instead of deadlocking', async () => {
    const error = await caught(
      db.transaction(async () => {
        await db.query("INSERT INTO items (label) VALUES ('joined')");
        const seen = await db.transaction(() => labels(db));
        expect(seen).toContain('joined');
        throw new Error('undo');
      }),
    );
    expect(error).toEqual(new Error('undo'));
    expect(await labels()).not.toContain('joined');
  });

  it('refuses statements on a transaction that has ended', async () => {
    let leaked: Db | undefined;
    await db.transaction(async (tx) => {
      leaked = tx;
      await tx.query('SELECT 1');
    });
    const error = await caught(leaked!.query('SELECT 1'));
    expect(isSkolbryggaError(error, 'SKB_DB_QUERY')).toBe(true);
  });

  it('turns driver errors into SKB_DB_QUERY with the SQLSTATE and without parameter values', async () => {
    const secret = '199001011239';
    const error = await caught(db.query('SELECT $1::uuid', [secret]));
    expect(isSkolbryggaError(error, 'SKB_DB_QUERY')).toBe(true);
    if (!isSkolbryggaError(error)) throw error;
    expect(error.context.sqlState).toBe('22P02');
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(error.message).not.toContain(secret);
    expect(error.cause).toBeUndefined();

    const duplicate = await caught(db.query('INSERT INTO items (label) VALUES ($1), ($1)', [secret]));
    if (!isSkolbryggaError(duplicate)) throw duplicate;
    expect(duplicate.context).toMatchObject({ sqlState: '23505', constraint: 'items_label_key', table: 'items' });
    expect(JSON.stringify(duplicate)).not.toContain(secret);
  });

  it('runs multi-statement scripts with exec', async () => {
    await db.exec("INSERT INTO items (label) VALUES ('s1'); INSERT INTO items (label) VALUES ('s2');");
    expect(await labels()).toEqual(expect.arrayContaining(['s1', 's2']));
  });

  it('serialises concurrent transactions on PGlite; PostgreSQL isolates them', async () => {
    const events: string[] = [];
    const work = (name: string) =>
      db.transaction(async (tx) => {
        events.push(`${name}:begin`);
        await tx.query('INSERT INTO items (label) VALUES ($1)', [`${name}-1`]);
        await sleep(30);
        await tx.query('INSERT INTO items (label) VALUES ($1)', [`${name}-2`]);
        events.push(`${name}:end`);
      });
    await Promise.all([work('A'), work('B')]);
    if (driver === 'pglite') {
      expect([events.slice(0, 2), events.slice(2)]).toEqual(
        events[0] === 'A:begin' ? [['A:begin', 'A:end'], ['B:begin', 'B:end']] : [['B:begin', 'B:end'], ['A:begin', 'A:end']],
      );
    }
    const stored = await labels();
    expect(stored).toEqual(expect.arrayContaining(['A-1', 'A-2', 'B-1', 'B-2']));
    if (driver === 'pglite') {
      const order = stored.filter((label) => /^[AB]-/.test(label));
      expect(order[0]?.[0]).toBe(order[1]?.[0]);
    }
  });

  // Last: it closes the suite's database (dispose tolerates that).
  it('refuses use after close', async () => {
    await db.close();
    const error = await caught(db.query('SELECT 1'));
    expect(isSkolbryggaError(error, 'SKB_DB_UNAVAILABLE')).toBe(true);
  });
});

describe('openDb', () => {
  it('reports an unreachable PostgreSQL as SKB_DB_UNAVAILABLE without the URL', async () => {
    const url = 'postgres://someone:hunter2@127.0.0.1:1/nowhere';
    const error = await caught(openDb({ url }));
    expect(isSkolbryggaError(error, 'SKB_DB_UNAVAILABLE')).toBe(true);
    expect(JSON.stringify(error)).not.toContain('hunter2');
  });

  it('creates a missing PGlite data directory and keeps the data across opens', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'skb-pglite-')), 'nested', 'db');
    try {
      const first = await openDb({ url: `pglite:${dir}` });
      await first.exec("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here');");
      await first.close();
      const second = await openDb({ url: `pglite:${dir}` });
      expect(await second.query('SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
      await second.close();
    } finally {
      await rm(path.dirname(path.dirname(dir)), { recursive: true, force: true });
    }
  });

  it('picks the driver from the URL', () => {
    expect(parseDbUrl('postgres://h/db')).toEqual({ kind: 'pg', connectionString: 'postgres://h/db' });
    expect(parseDbUrl('postgresql://h/db').kind).toBe('pg');
    expect(parseDbUrl('memory://')).toEqual({ kind: 'pglite', dataDir: 'memory://' });
    expect(parseDbUrl('pglite:some/dir')).toMatchObject({ kind: 'pglite' });
    expect(parseDbUrl('pglite:some/dir')).toEqual(parseDbUrl('pglite:./some/dir'));
    expect(parseDbUrl(undefined)).toEqual(parseDbUrl('pglite:./.skolbrygga/db'));
    expect(() => parseDbUrl('mysql://secret@h/db')).toThrow(/must start with/);
  });
});
