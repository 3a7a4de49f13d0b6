/** PostgreSQL through a `pg` Pool. */
import pg from 'pg';
import type { Row, SqlParam } from './db.js';
import { toDbError } from './db-errors.js';
import type { Driver, Session } from './transactional-db.js';
import { pgTypeParsers } from './type-parsers.js';

export interface PgDriverOptions {
  connectionString: string;
  /** Pool size; default 10. */
  maxConnections?: number;
}

type Queryable = Pick<pg.PoolClient, 'query'>;

function toPgParams(params: readonly SqlParam[]): unknown[] {
  // Dates as ISO instants, so the server never reads them in the client's local timezone.
  return params.map((param) => (param instanceof Date ? param.toISOString() : param));
}

function sessionOf(client: Queryable): Session {
  return {
    async query<T extends Row>(sql: string, params: readonly SqlParam[]): Promise<T[]> {
      try {
        const result = await client.query<T>(sql, toPgParams(params));
        return result.rows ?? [];
      } catch (error) {
        throw toDbError(error, 'query');
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        // Without parameters `pg` uses the simple protocol, which accepts several statements.
        await client.query(sql);
      } catch (error) {
        throw toDbError(error, 'exec');
      }
    },
  };
}

export function createPgDriver(options: PgDriverOptions): Driver {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    types: pgTypeParsers,
  });
  // An idle client whose server went away emits 'error'; unhandled, that would end the process.
  // The pool drops the client, and the next query reports the outage as SKB_DB_UNAVAILABLE.
  pool.on('error', () => undefined);

  return {
    kind: 'pg',
    ...sessionOf(pool),
    async withSession<T>(fn: (session: Session) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw toDbError(error, 'connect');
      }
      let failed = false;
      try {
        return await fn(sessionOf(client));
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        // After a failure the connection's state is unknown (a ROLLBACK may not have gone through):
        // discard it rather than hand it to the next caller.
        client.release(failed);
      }
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
