/** Picks the driver from the database URL. */
import path from 'node:path';
import { SkolbryggaError } from '../errors.js';
import type { Db } from './db.js';
import { createPgDriver } from './pg-driver.js';
import { PGLITE_MEMORY, createPgliteDriver } from './pglite-driver.js';
import { createDb } from './transactional-db.js';

/** Where the embedded database lives when nothing else is said. */
export const DEFAULT_PGLITE_DIR = './.skolbrygga/db';

export interface OpenDbOptions {
  /**
   * `postgres://…` / `postgresql://…` → PostgreSQL; `pglite:<dir>` → embedded, stored in `<dir>`
   * (relative to the working directory; `pglite:` alone → ./.skolbrygga/db); `memory://` →
   * embedded, in memory. Omitted → embedded in ./.skolbrygga/db.
   */
  url?: string;
  /** PostgreSQL pool size. */
  maxConnections?: number;
}

export type DbTarget =
  | { kind: 'pg'; connectionString: string }
  | { kind: 'pglite'; dataDir: string };

export function parseDbUrl(url: string | undefined): DbTarget {
  const value = url?.trim() ?? '';
  if (value === '') return { kind: 'pglite', dataDir: path.resolve(DEFAULT_PGLITE_DIR) };
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: 'pg', connectionString: value };
  if (value === PGLITE_MEMORY || value === 'pglite:memory://') return { kind: 'pglite', dataDir: PGLITE_MEMORY };
  if (value.startsWith('pglite:')) {
    const dir = value.slice('pglite:'.length);
    return { kind: 'pglite', dataDir: path.resolve(dir === '' ? DEFAULT_PGLITE_DIR : dir) };
  }
  // Only the scheme: a URL may carry a password.
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(value)?.[0] ?? '(none)';
  throw new SkolbryggaError(
    'SKB_CONFIG_INVALID',
    'database URL must start with postgres://, postgresql://, pglite: or be memory://',
    { context: { scheme } },
  );
}

export async function openDb(options: OpenDbOptions = {}): Promise<Db> {
  const target = parseDbUrl(options.url);
  if (target.kind === 'pg') {
    const db = createDb(createPgDriver({ connectionString: target.connectionString, maxConnections: options.maxConnections }));
    // A pool connects lazily; fail here, at start, rather than at the first nightly run.
    try {
      await db.query('SELECT 1');
    } catch (error) {
      await db.close().catch(() => undefined);
      throw error;
    }
    return db;
  }
  return createDb(await createPgliteDriver({ dataDir: target.dataDir }));
}
