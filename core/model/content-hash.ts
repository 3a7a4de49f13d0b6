/**
 * Content hashing for change detection. The store compares a record's hash with the stored one
 * and skips the write when nothing changed, so two serializations of the same content must be
 * byte-identical whatever the key order a platform or a mapper produced.
 */
import { createHash } from 'node:crypto';
import { SkolbryggaError } from '../errors.js';

/** Keys that never count as content: `meta` moves because content changed, never the reverse. */
const ALWAYS_VOLATILE = ['meta'] as const;

/**
 * JSON with object keys sorted (by UTF-16 code units), `undefined` (and functions) dropped from
 * objects and written as `null` in arrays, array order kept, `toJSON` honoured (so a Date is its
 * ISO string). Throws on cycles, bigints, Maps and Sets, which JSON would mangle silently.
 */
export function stableStringify(value: unknown): string {
  const text = serialize(value, new Set());
  // Only a bare undefined or function gets here; JSON.stringify returns undefined for it.
  return text ?? 'null';
}

function serialize(input: unknown, ancestors: Set<object>): string | undefined {
  const value: unknown = hasToJSON(input) ? input.toJSON() : input;
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw unserializable('a bigint');
    default:
      return serializeObject(value, ancestors);
  }
}

function serializeObject(value: object, ancestors: Set<object>): string {
  if (value instanceof Map || value instanceof Set) throw unserializable('a Map or Set');
  if (ancestors.has(value)) throw unserializable('a circular structure');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item: unknown) => serialize(item, ancestors) ?? 'null').join(',')}]`;
    }
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const text = serialize(record[key], ancestors);
      if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

function hasToJSON(value: unknown): value is { toJSON(): unknown } {
  return (
    typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function'
  );
}

function unserializable(what: string): SkolbryggaError {
  return new SkolbryggaError('SKB_INTERNAL', `stableStringify cannot serialize ${what}`);
}

/** sha256 hex of `stableStringify(value)`. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(stableStringify(value), 'utf8').digest('hex');
}

/**
 * The part of a record that counts as content: a copy without `meta` and without the top-level
 * `omitKeys` (source timestamps, derived fields that should not bump `meta.modified`), and with
 * null-valued object members dropped at every depth. Model fields are optional as "absent or
 * null" alike, and a platform that switches between the two (SS 12000 `nullsForAbsent`) must not
 * make every record look changed.
 */
export function canonicalContent(
  record: Readonly<Record<string, unknown>>,
  omitKeys: readonly string[] = [],
): Record<string, unknown> {
  const omitted = new Set<string>([...ALWAYS_VOLATILE, ...omitKeys]);
  const content: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!omitted.has(key) && value != null) content[key] = withoutNulls(value);
  }
  return content;
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member != null) copy[key] = withoutNulls(member);
  }
  return copy;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
