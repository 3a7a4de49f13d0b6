/**
 * Embedded PostgreSQL (PGlite, WASM) in this process. It has one connection, so every statement
 * and every transaction goes through one FIFO mutex: two concurrent transactions run one after the
 * other and can never interleave their statements.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { SkolbryggaError } from '../errors.js';
import type { Row, SqlParam } from './db.js';
import { toDbError } from './db-errors.js';
import { Mutex } from './mutex.js';
import type { Driver, Session } from './transactional-db.js';
import { pgliteParsers } from './type-parsers.js';

export const PGLITE_MEMORY = 'memory://';

export interface PgliteDriverOptions {
  /** A directory (created if missing) or `memory://`. */
  dataDir: string;
}

function toPgliteParams(params: readonly SqlParam[]): unknown[] {
  return params.map((param) => (param instanceof Date ? param.toISOString() : param));
}

export async function createPgliteDriver(options: PgliteDriverOptions): Promise<Driver> {
  const inMemory = options.dataDir === PGLITE_MEMORY;
  let pglite: PGlite;
  try {
    if (!inMemory) mkdirSync(options.dataDir, { recursive: true });
    pglite = await PGlite.create(inMemory ? PGLITE_MEMORY : options.dataDir, { parsers: pgliteParsers });
  } catch (error) {
    // Whatever went wrong (a locked or corrupt data dir, no disk), there is no database to use.
    throw new SkolbryggaError('SKB_DB_UNAVAILABLE', 'the embedded database could not be opened', {
      context: { ...toDbError(error, 'open').context, inMemory },
    });
  }
  const mutex = new Mutex();

  const session: Session = {
    async query<T extends Row>(sql: string, params: readonly SqlParam[]): Promise<T[]> {
      try {
        const result = await pglite.query<T>(sql, toPgliteParams(params));
        return result.rows;
      } catch (error) {
        throw toDbError(error, 'query');
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        await pglite.exec(sql);
      } catch (error) {
        throw toDbError(error, 'exec');
      }
    },
  };

  return {
    kind: 'pglite',
    query: (sql, params) => mutex.run(() => session.query(sql, params)),
    exec: (sql) => mutex.run(() => session.exec(sql)),
    withSession: (fn) => mutex.run(() => fn(session)),
    close: () => mutex.run(() => pglite.close()),
  };
}
