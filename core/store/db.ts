/**
 * The one database seam. Repositories, migrations and the pipeline talk to `Db`; two drivers
 * implement it with the same SQL: `pg` (PostgreSQL in production) and PGlite (embedded, the
 * zero-setup default and the fast test database).
 */

/** A value bound to a `$n` placeholder. Dates are sent as ISO instants; arrays as SQL arrays. */
export type SqlParam =
  | string
  | number
  | boolean
  | null
  | Date
  | readonly (string | number | boolean | null)[];

export type Row = Record<string, unknown>;

export interface Db {
  /**
   * Runs one statement with `$1…$n` parameters and returns its rows (none for DDL or a write
   * without RETURNING). Inside a `transaction` callback, calls on the outer Db join that
   * transaction (see `transaction`).
   */
  query<T extends Row = Row>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;

  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;

  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws (the error
   * is rethrown). `fn` gets a Db bound to the transaction; calling `transaction` on that Db opens
   * a savepoint, so nesting never deadlocks. Calls made on the *outer* Db from inside `fn`'s async
   * context also join the transaction: on PGlite, a single connection, they would otherwise wait
   * for the transaction to end — forever.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;

  /** Closes the pool or the embedded database. Further calls fail. */
  close(): Promise<void>;

  readonly driver: DbDriverKind;
}

export type DbDriverKind = 'pg' | 'pglite';
