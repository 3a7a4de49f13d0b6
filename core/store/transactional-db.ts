/**
 * Transactions, savepoints and the "outer Db joins the running transaction" rule, written once for
 * both drivers. A driver only supplies statements on any connection and an exclusive session.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { SkolbryggaError } from '../errors.js';
import type { Db, DbDriverKind, Row, SqlParam } from './db.js';
import { toDbError } from './db-errors.js';
import { Mutex } from './mutex.js';

/** One connection held exclusively, e.g. for the length of a transaction. */
export interface Session {
  query<T extends Row>(sql: string, params: readonly SqlParam[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

export interface Driver extends Session {
  readonly kind: DbDriverKind;
  /** Runs `fn` with a connection no one else uses until `fn` settles. */
  withSession<T>(fn: (session: Session) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** One transaction or savepoint level. */
class Scope {
  finished = false;
  /** Savepoints opened from this level run one at a time: interleaved savepoints would undo each other. */
  readonly children = new Mutex();

  constructor(
    readonly session: Session,
    readonly depth: number,
  ) {}
}

/**
 * Cleanup after a failure: if it fails too (the connection is gone with the transaction), the
 * caller's original error says more than this one, so that is the one rethrown.
 */
async function bestEffort(cleanup: () => Promise<void>): Promise<void> {
  try {
    await cleanup();
  } catch (cleanupError) {
    void cleanupError;
  }
}

export function createDb(driver: Driver): Db {
  const activeScope = new AsyncLocalStorage<Scope>();
  let closed = false;

  function assertOpen(): void {
    if (closed) throw new SkolbryggaError('SKB_DB_UNAVAILABLE', 'the database handle is closed');
  }

  async function inScope<T>(scope: Scope, fn: (tx: Db) => Promise<T>): Promise<T> {
    return activeScope.run(scope, () => fn(scopedDb(scope)));
  }

  async function openSavepoint<T>(parent: Scope, fn: (tx: Db) => Promise<T>): Promise<T> {
    return parent.children.run(async () => {
      const scope = new Scope(parent.session, parent.depth + 1);
      const name = `skb_sp_${scope.depth}`;
      await parent.session.exec(`SAVEPOINT ${name}`);
      try {
        const result = await inScope(scope, fn);
        await parent.session.exec(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        await bestEffort(() => parent.session.exec(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`));
        throw error;
      } finally {
        scope.finished = true;
      }
    });
  }

  async function openTransaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return driver.withSession(async (session) => {
      const scope = new Scope(session, 0);
      await session.exec('BEGIN');
      try {
        const result = await inScope(scope, fn);
        await session.exec('COMMIT');
        return result;
      } catch (error) {
        await bestEffort(() => session.exec('ROLLBACK'));
        throw error;
      } finally {
        scope.finished = true;
      }
    });
  }

  function assertLive(scope: Scope): void {
    if (scope.finished) {
      throw new SkolbryggaError('SKB_DB_QUERY', 'statement issued on a transaction that has already ended');
    }
  }

  function scopedDb(scope: Scope): Db {
    return {
      driver: driver.kind,
      async query<T extends Row = Row>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
        assertLive(scope);
        return scope.session.query<T>(sql, params);
      },
      async exec(sql: string): Promise<void> {
        assertLive(scope);
        await scope.session.exec(sql);
      },
      async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
        assertLive(scope);
        // A handle captured from an outer level but called from inside a deeper savepoint must nest
        // under the deepest level: the outer level's savepoint queue is held by that savepoint.
        const current = joinedScope();
        const parent = current && current.session === scope.session && current.depth > scope.depth ? current : scope;
        return openSavepoint(parent, fn);
      },
      close(): Promise<void> {
        return Promise.reject(new SkolbryggaError('SKB_INTERNAL', 'close the outer Db, not a transaction'));
      },
    };
  }

  /** The transaction this async context runs in, if it belongs to this Db and is still open. */
  function joinedScope(): Scope | undefined {
    const scope = activeScope.getStore();
    return scope !== undefined && !scope.finished ? scope : undefined;
  }

  return {
    driver: driver.kind,
    async query<T extends Row = Row>(sql: string, params: readonly SqlParam[] = []): Promise<T[]> {
      assertOpen();
      const scope = joinedScope();
      return scope ? scope.session.query<T>(sql, params) : driver.query<T>(sql, params);
    },
    async exec(sql: string): Promise<void> {
      assertOpen();
      const scope = joinedScope();
      await (scope ? scope.session.exec(sql) : driver.exec(sql));
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      assertOpen();
      const scope = joinedScope();
      return scope ? openSavepoint(scope, fn) : openTransaction(fn);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      try {
        await driver.close();
      } catch (error) {
        throw toDbError(error, 'close');
      }
    },
  };
}
