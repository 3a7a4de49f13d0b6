/**
 * Versioned SQL migrations: `migrations/NNNN_name.sql`, applied in order, each in its own
 * transaction, recorded in `schema_migrations` with a checksum of the file.
 *
 * - Idempotent: applied files are skipped.
 * - An applied file whose content changed is an error: the database no longer matches the code's
 *   idea of it, and silently skipping would hide that.
 * - Concurrent `migrate` calls (several workers starting at once) serialise on a transaction-level
 *   advisory lock taken before anything is read, so each file is applied exactly once.
 * - Versions in the database that this code does not know (a newer release migrated it) are left
 *   alone: an older worker keeps running during a rolling upgrade.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SkolbryggaError } from '../errors.js';
import type { Db } from './db.js';

export interface Migration {
  /** `0001` */
  version: string;
  /** `0001_initial.sql` */
  name: string;
  sql: string;
  /** sha256 hex of the SQL with line endings normalised */
  checksum: string;
}

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;

/** The folder beside this module. Builds must copy the `.sql` files with the compiled code. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .map((name) => {
      const match = MIGRATION_FILE.exec(name);
      if (!match?.[1]) {
        throw new SkolbryggaError('SKB_MIGRATION', 'migration file name must look like 0001_name.sql', {
          context: { file: name },
        });
      }
      const sql = readFileSync(path.join(dir, name), 'utf8');
      return { version: match[1], name, sql, checksum: checksumOf(sql) };
    })
    .sort((a, b) => a.version.localeCompare(b.version));
  for (let index = 1; index < migrations.length; index += 1) {
    if (migrations[index]?.version === migrations[index - 1]?.version) {
      throw new SkolbryggaError('SKB_MIGRATION', 'two migration files share a version', {
        context: { version: migrations[index]?.version },
      });
    }
  }
  return migrations;
}

interface AppliedRow extends Record<string, unknown> {
  version: string;
  name: string;
  checksum: string;
}

const CREATE_LEDGER = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version     text PRIMARY KEY,
    name        text NOT NULL,
    checksum    text NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
  )`;

/**
 * One lock per schema, so test suites migrating their own schemas in parallel do not wait on one
 * another, while processes migrating the same schema do.
 */
const LOCK = `SELECT pg_advisory_xact_lock(hashtext('skolbrygga:migrate:' || current_schema()))`;

function verifyApplied(applied: readonly AppliedRow[], known: ReadonlyMap<string, Migration>): void {
  for (const row of applied) {
    const migration = known.get(row.version);
    if (migration && migration.checksum !== row.checksum) {
      throw new SkolbryggaError('SKB_MIGRATION', 'an applied migration file has changed since it was applied', {
        context: { version: row.version, file: migration.name },
      });
    }
  }
}

/** Applies pending migrations; returns the names of the files applied (empty when up to date). */
export async function migrate(db: Db, migrations: readonly Migration[] = loadMigrations()): Promise<string[]> {
  const known = new Map(migrations.map((migration) => [migration.version, migration]));
  const appliedNow: string[] = [];
  for (;;) {
    const next = await db.transaction(async (tx) => {
      await tx.query(LOCK);
      await tx.exec(CREATE_LEDGER);
      const applied = await tx.query<AppliedRow>('SELECT version, name, checksum FROM schema_migrations');
      verifyApplied(applied, known);
      const done = new Set(applied.map((row) => row.version));
      const pending = migrations.find((migration) => !done.has(migration.version));
      if (!pending) return undefined;
      try {
        await tx.exec(pending.sql);
      } catch (error) {
        throw new SkolbryggaError('SKB_MIGRATION', `${pending.name} failed`, {
          context: { version: pending.version, file: pending.name, sqlState: sqlState(error) },
          cause: error,
        });
      }
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        pending.version,
        pending.name,
        pending.checksum,
      ]);
      return pending.name;
    });
    if (next === undefined) return appliedNow;
    appliedNow.push(next);
  }
}

function sqlState(error: unknown): string | null {
  if (error instanceof SkolbryggaError && typeof error.context.sqlState === 'string') return error.context.sqlState;
  return null;
}
