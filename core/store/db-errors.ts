/**
 * Turns whatever a driver throws into a catalog error. What the driver attaches is not safe to keep:
 * PGlite puts the statement's parameters on its error, PostgreSQL's `detail` repeats key values
 * ("Key (civic_no_hash)=(…) already exists") and data-exception messages quote the offending input.
 * So the original error is not kept as `cause`; the SQLSTATE and the names of the constraint, table
 * and column (schema facts, never data) go into the context instead.
 */
import { SkolbryggaError, isSkolbryggaError } from '../errors.js';

/** Connection-level failures: the database is down, restarting, full or unreachable. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '53000']);
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH',
]);
const SQLSTATE = /^[0-9A-Z]{5}$/;

interface DriverErrorShape {
  message?: unknown;
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Class 22 (data exception) messages quote the rejected value: keep the sentence, drop the value. */
function safeMessage(message: string, sqlState: string | undefined): string {
  if (sqlState?.startsWith('22')) return message.replace(/"[^"]*"/g, '"…"').replace(/:\s.*$/s, '');
  return message;
}

export function isUnavailable(code: string | undefined, message: string): boolean {
  // pg reports a dropped connection or an exhausted pool without a code.
  if (code === undefined) {
    return /connection terminated|connection.*(closed|ended)|not connected|not queryable|timeout exceeded when trying to connect/i.test(message);
  }
  return code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_ERRNOS.has(code);
}

/** `operation` names what was attempted (`query`, `connect`, `commit` …), never the SQL text. */
export function toDbError(error: unknown, operation: string): SkolbryggaError {
  if (isSkolbryggaError(error)) return error;
  const shape: DriverErrorShape = typeof error === 'object' && error !== null ? error : {};
  const rawMessage = stringField(shape.message) ?? String(error);
  const code = stringField(shape.code);
  const sqlState = code !== undefined && SQLSTATE.test(code) ? code : undefined;
  const unavailable = isUnavailable(code, rawMessage);
  return new SkolbryggaError(
    unavailable ? 'SKB_DB_UNAVAILABLE' : 'SKB_DB_QUERY',
    safeMessage(rawMessage, sqlState),
    {
      context: {
        operation,
        sqlState: sqlState ?? null,
        errno: sqlState === undefined ? (code ?? null) : null,
        constraint: stringField(shape.constraint) ?? null,
        table: stringField(shape.table) ?? null,
        column: stringField(shape.column) ?? null,
      },
    },
  );
}

/** The SQLSTATE a store error carries, for callers that branch on e.g. unique violations (23505). */
export function sqlStateOf(error: unknown): string | undefined {
  if (!isSkolbryggaError(error)) return undefined;
  const value = error.context.sqlState;
  return typeof value === 'string' ? value : undefined;
}
