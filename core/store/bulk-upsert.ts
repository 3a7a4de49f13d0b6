/**
 * Set-based upsert, the hot path of every sync: one statement per batch, whatever its size.
 *
 *   INSERT INTO t (a, b, …) SELECT … FROM unnest($1::uuid[], $2::text[], …) AS s(a, b, …)
 *   ON CONFLICT (natural key) DO UPDATE SET b = EXCLUDED.b, …
 *     WHERE t.content_hash IS DISTINCT FROM EXCLUDED.content_hash
 *   RETURNING …, (xmax = 0) AS inserted
 *
 * One array parameter per column keeps the parameter count constant (PostgreSQL allows 65 535),
 * so batches of any size fit. The WHERE on the hash means an unchanged row gets no new version at
 * all — no write, no dead tuple, no `modified_at` bump — and is simply not returned; `xmax = 0`
 * tells a fresh insert from an update. Table and column names come from code and are validated.
 */
import { SkolbryggaError } from '../errors.js';
import type { Db, Row, SqlParam } from './db.js';
import { identifier } from './sql.js';

export type SqlColumnType =
  | 'uuid'
  | 'text'
  | 'jsonb'
  | 'timestamptz'
  | 'date'
  | 'integer'
  | 'bigint'
  | 'boolean'
  | 'text[]'
  | 'uuid[]';

export interface UpsertColumn {
  name: string;
  type: SqlColumnType;
  /**
   * `set` (default): a changed row takes the new value. `keep`: written on insert only — the id
   * minted for a new row, first-seen timestamps.
   */
  onUpdate?: 'set' | 'keep';
}

export interface BulkUpsertSpec {
  table: string;
  columns: readonly UpsertColumn[];
  /** The natural key: a unique constraint or unique index over exactly these columns. */
  conflictColumns: readonly string[];
  /**
   * The predicate of a partial unique index used as the conflict target
   * (e.g. `status = 'active' AND civic_no_hash IS NOT NULL`). SQL text: a constant from code only.
   */
  conflictWhere?: string;
  /** The column compared to decide whether a row changed. */
  hashColumn: string;
  /**
   * Further reasons to rewrite a row whose hash is unchanged, e.g. `t.presence <> 'present'`.
   * SQL text (a constant from code): `t` is the stored row, `EXCLUDED` the incoming one.
   */
  alsoUpdateWhen?: string;
  /**
   * Columns set by an expression when a row changes, e.g. `{ modified_at: 'now()' }` or
   * `{ version: 't.version + 1' }`. Keys are validated identifiers; values are SQL constants from code.
   */
  setOnUpdate?: Readonly<Record<string, string>>;
  /** Columns to return for added/updated (and, with `selectUnchanged`, unchanged) rows. */
  returning?: readonly string[];
  /** Also read the `returning` columns of the unchanged rows (one read-only query). */
  selectUnchanged?: boolean;
}

export interface BulkUpsertResult<R extends Row> {
  added: R[];
  updated: R[];
  /**
   * Rows that were already stored with the same hash: the input rows' conflict-key values, or the
   * stored rows' `returning` columns with `selectUnchanged`.
   */
  unchanged: R[];
  counts: { added: number; updated: number; unchanged: number };
}

/** Multidimensional arrays do not survive `unnest` (it flattens them): such columns travel as jsonb. */
const TRANSPORT: Record<SqlColumnType, { param: string; select: (ref: string) => string }> = {
  uuid: { param: 'uuid[]', select: (ref) => ref },
  text: { param: 'text[]', select: (ref) => ref },
  jsonb: { param: 'jsonb[]', select: (ref) => ref },
  timestamptz: { param: 'timestamptz[]', select: (ref) => ref },
  date: { param: 'date[]', select: (ref) => ref },
  integer: { param: 'integer[]', select: (ref) => ref },
  bigint: { param: 'bigint[]', select: (ref) => ref },
  boolean: { param: 'boolean[]', select: (ref) => ref },
  'text[]': {
    param: 'jsonb[]',
    select: (ref) => `CASE WHEN ${ref} IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(${ref}))::text[] END`,
  },
  'uuid[]': {
    param: 'jsonb[]',
    select: (ref) => `CASE WHEN ${ref} IS NULL THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(${ref}))::uuid[] END`,
  },
};

/** A scalar's text; anything else in a scalar column is a caller bug, refused rather than sent as "[object Object]". */
function scalarText(value: unknown, column: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  throw new SkolbryggaError('SKB_INTERNAL', 'bulk upsert: a scalar column got a non-scalar value', { context: { column } });
}

function toTransport(value: unknown, type: SqlColumnType, column: string): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'jsonb':
    case 'text[]':
    case 'uuid[]':
      // Serialised here so both drivers send the same text; `jsonb` is then parsed by the server.
      return JSON.stringify(value);
    case 'integer':
    case 'bigint':
      return typeof value === 'number' ? value : Number(scalarText(value, column));
    case 'boolean':
      return typeof value === 'boolean' ? value : scalarText(value, column) === 'true';
    default:
      return scalarText(value, column);
  }
}

/** A key that identifies a row by its conflict columns, stable across the round trip. */
function keyOf(row: Row, columns: readonly UpsertColumn[]): string {
  return JSON.stringify(
    columns.map((column) => {
      const value = row[column.name];
      if (value === null || value === undefined) return null;
      const text = scalarText(value, column.name);
      return column.type === 'uuid' ? text.toLowerCase() : text;
    }),
  );
}

interface Prepared {
  columns: readonly UpsertColumn[];
  conflict: readonly UpsertColumn[];
  returning: readonly string[];
}

function prepare(spec: BulkUpsertSpec): Prepared {
  identifier(spec.table);
  const byName = new Map(spec.columns.map((column) => [identifier(column.name), column]));
  if (byName.size !== spec.columns.length) {
    throw new SkolbryggaError('SKB_INTERNAL', 'bulk upsert: a column is listed twice', { context: { table: spec.table } });
  }
  const conflict = spec.conflictColumns.map((name) => {
    const column = byName.get(identifier(name));
    if (!column) throw new SkolbryggaError('SKB_INTERNAL', 'bulk upsert: conflict column not in columns', { context: { table: spec.table, column: name } });
    return column;
  });
  if (conflict.length === 0) throw new SkolbryggaError('SKB_INTERNAL', 'bulk upsert: no conflict columns', { context: { table: spec.table } });
  if (!byName.has(identifier(spec.hashColumn))) {
    throw new SkolbryggaError('SKB_INTERNAL', 'bulk upsert: hash column not in columns', { context: { table: spec.table } });
  }
  Object.keys(spec.setOnUpdate ?? {}).forEach((name) => {
    if (byName.has(identifier(name)) && byName.get(name)?.onUpdate !== 'keep') {
      throw new SkolbryggaError('SKB_INTERNAL', 'bulk upsert: a column is both copied and computed on update', {
        context: { table: spec.table, column: name },
      });
    }
  });
  // The conflict columns always come back: they are how returned rows are matched to input rows.
  const returning = [...new Set([...conflict.map((column) => column.name), ...(spec.returning ?? []).map(identifier)])];
  return { columns: spec.columns, conflict, returning };
}

/**
 * Keeps the last occurrence of each key. PostgreSQL refuses a statement that would update the
 * same row twice ("ON CONFLICT DO UPDATE command cannot affect row a second time").
 */
function lastPerKey<T extends Row>(rows: readonly T[], conflict: readonly UpsertColumn[]): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const row of rows) {
    const key = keyOf(row, conflict);
    byKey.delete(key);
    byKey.set(key, row);
  }
  return byKey;
}

function upsertSql(spec: BulkUpsertSpec, prepared: Prepared): string {
  const names = prepared.columns.map((column) => column.name);
  const source = prepared.columns.map((column, index) => `$${index + 1}::${TRANSPORT[column.type].param}`).join(', ');
  const select = prepared.columns.map((column) => TRANSPORT[column.type].select(`s.${column.name}`)).join(', ');
  const conflictNames = prepared.conflict.map((column) => column.name);
  const assignments = [
    ...prepared.columns
      .filter((column) => column.onUpdate !== 'keep' && !conflictNames.includes(column.name))
      .map((column) => `${column.name} = EXCLUDED.${column.name}`),
    ...Object.entries(spec.setOnUpdate ?? {}).map(([name, expression]) => `${name} = ${expression}`),
  ];
  if (assignments.length === 0) {
    throw new SkolbryggaError('SKB_INTERNAL', 'bulk upsert: nothing to update', { context: { table: spec.table } });
  }
  const target = `(${conflictNames.join(', ')})${spec.conflictWhere ? ` WHERE ${spec.conflictWhere}` : ''}`;
  return [
    `INSERT INTO ${spec.table} AS t (${names.join(', ')})`,
    `SELECT ${select} FROM unnest(${source}) AS s(${names.join(', ')})`,
    `ON CONFLICT ${target} DO UPDATE SET ${assignments.join(', ')}`,
    `WHERE t.${spec.hashColumn} IS DISTINCT FROM EXCLUDED.${spec.hashColumn}${spec.alsoUpdateWhen ? ` OR (${spec.alsoUpdateWhen})` : ''}`,
    `RETURNING ${prepared.returning.map((name) => `t.${name}`).join(', ')}, (t.xmax = 0) AS skb_inserted`,
  ].join('\n');
}

function columnArrays(rows: readonly Row[], columns: readonly UpsertColumn[]): SqlParam[] {
  return columns.map((column) => rows.map((row) => toTransport(row[column.name], column.type, column.name)));
}

async function selectStored<R extends Row>(db: Db, spec: BulkUpsertSpec, prepared: Prepared, keys: readonly Row[]): Promise<R[]> {
  const conflict = prepared.conflict;
  const source = conflict.map((column, index) => `$${index + 1}::${TRANSPORT[column.type].param}`).join(', ');
  // The key columns get their own names (k0, k1 …) so that `conflictWhere`, written with bare
  // column names, can only mean the table's columns.
  const keyNames = conflict.map((_, index) => `k${index}`);
  const sql = [
    `SELECT ${prepared.returning.map((name) => `t.${name}`).join(', ')} FROM ${spec.table} AS t`,
    `JOIN unnest(${source}) AS k(${keyNames.join(', ')})`,
    `ON ${conflict.map((column, index) => `t.${column.name} = k.${keyNames[index]}`).join(' AND ')}`,
    spec.conflictWhere ? `WHERE ${spec.conflictWhere}` : '',
  ].join('\n');
  return db.query<R>(sql, columnArrays(keys, conflict));
}

export async function bulkUpsert<R extends Row = Row>(
  db: Db,
  spec: BulkUpsertSpec,
  rows: readonly Row[],
): Promise<BulkUpsertResult<R>> {
  const prepared = prepare(spec);
  const unique = lastPerKey(rows, prepared.conflict);
  if (unique.size === 0) return { added: [], updated: [], unchanged: [], counts: { added: 0, updated: 0, unchanged: 0 } };
  const batch = [...unique.values()];

  const returned = await db.query<R & { skb_inserted: boolean }>(upsertSql(spec, prepared), columnArrays(batch, prepared.columns));

  const added: R[] = [];
  const updated: R[] = [];
  const written = new Set<string>();
  for (const { skb_inserted: inserted, ...row } of returned) {
    written.add(keyOf(row, prepared.conflict));
    (inserted ? added : updated).push(row as unknown as R);
  }
  const unchangedInput = batch.filter((row) => !written.has(keyOf(row, prepared.conflict)));
  const unchanged =
    spec.selectUnchanged && unchangedInput.length > 0
      ? await selectStored<R>(db, spec, prepared, unchangedInput)
      : unchangedInput.map((row) => Object.fromEntries(prepared.conflict.map((column) => [column.name, row[column.name]])) as R);

  return { added, updated, unchanged, counts: { added: added.length, updated: updated.length, unchanged: unchanged.length } };
}
