/**
 * Test databases for suites that run both drivers. Each PostgreSQL test database is a fresh schema
 * (`t_<random>`) in the given server, reached through `search_path` in the connection URL, and
 * dropped afterwards: suites in parallel processes never see each other's tables. The caller passes
 * the server URL in (core never reads the environment).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createSecretSealer } from '../identity/index.js';
import type { Db, DbDriverKind } from './db.js';
import { migrate } from './migrate.js';
import { openDb } from './open-db.js';
import { PGLITE_MEMORY } from './pglite-driver.js';
import type { SecretSealer } from './repositories/sealer.js';

export interface TestDatabase {
  readonly db: Db;
  readonly driver: DbDriverKind;
  /** The URL that opens this same database again (e.g. a second process or pool). */
  readonly url: string;
  /** Closes the Db and drops the schema (PostgreSQL). */
  dispose(): Promise<void>;
}

export interface TestDatabaseOptions {
  driver: DbDriverKind;
  /** PostgreSQL server to create the schema in; required for `pg`. */
  postgresUrl?: string;
  /** Apply the migrations (default true). */
  migrate?: boolean;
}

/** `postgres://…` plus `options=-c search_path=<schema>`. */
export function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

async function adminQuery(postgresUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(options: TestDatabaseOptions): Promise<TestDatabase> {
  if (options.driver === 'pglite') {
    const db = await openDb({ url: PGLITE_MEMORY });
    if (options.migrate !== false) await migrate(db);
    return { db, driver: 'pglite', url: PGLITE_MEMORY, dispose: () => db.close() };
  }
  if (!options.postgresUrl) throw new Error('createTestDatabase: postgresUrl is required for the pg driver');
  const serverUrl = options.postgresUrl;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE SCHEMA ${schema}`);
  const url = withSearchPath(serverUrl, schema);
  const db = await openDb({ url, maxConnections: 4 });
  const dispose = async () => {
    await db.close();
    await adminQuery(serverUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  };
  if (options.migrate !== false) {
    try {
      await migrate(db);
    } catch (error) {
      await dispose();
      throw error;
    }
  }
  return { db, driver: 'pg', url, dispose };
}

/** Both drivers, for `describe.each`. */
export const TEST_DRIVERS: readonly DbDriverKind[] = ['pglite', 'pg'];

/** The PostgreSQL server tests use unless they are told otherwise (trust auth on this host). */
export const DEFAULT_TEST_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The production sealer (core/identity) under keys made up for this process, so store tests
 * exercise the real encryption, tenant binding and digests.
 */
export function createTestSealer(): SecretSealer {
  return createSecretSealer({ currentKeyId: 'test', keys: { test: randomBytes(32) }, hmacKey: randomBytes(32) });
}
