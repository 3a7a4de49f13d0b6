/**
 * Validate-then-map for one page of raw platform records. A record that fails its payload schema,
 * its mapping or the source-record schema is quarantined with the field path that failed; the rest
 * of the page goes on (COM-07). A page that is not the platform's shape at all is a PageShapeError.
 */
import type { z } from 'zod';
import { scrubCivicNumbers } from '../../core/log.js';
import type { SourceRecord, SourceSystem } from '../../core/model/index.js';
import { SourceRecordSchema } from '../../core/model/index.js';
import type { QuarantineEntry, StreamName } from './contract.js';
import { PageShapeError } from './errors.js';

/** `['students', 3, 'personalIdentityNumber']` → `students[3].personalIdentityNumber`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Thrown by a mapper for a value it cannot map; the record is quarantined under `field`. */
export class MappingFieldError extends Error {
  readonly field: string;

  constructor(field: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'MappingFieldError';
    this.field = field;
  }
}

/** Runs `read` (a date parse, a civic-number normalisation…) and blames `field` if it throws. */
export function atField<T>(field: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof MappingFieldError) throw error;
    const message = error instanceof Error ? error.message : 'cannot be mapped';
    throw new MappingFieldError(field, message, { cause: error });
  }
}

export interface MapRecordsOptions<Raw> {
  readonly platform: SourceSystem;
  readonly stream: StreamName;
  readonly route?: string;
  /** The platform's payload schema for one record. */
  readonly schema: z.ZodType<Raw>;
  /** Reads the platform id from a record that may be invalid; `""` if there is none. */
  readonly sourceIdOf: (raw: unknown) => string;
  /** One raw record → the source records it yields (a registration may yield several, a tombstone one). */
  readonly map: (record: Raw) => SourceRecord | readonly SourceRecord[];
}

export interface MappedRecords {
  readonly records: SourceRecord[];
  readonly quarantined: QuarantineEntry[];
}

function describe(issues: readonly z.core.$ZodIssue[]): { field: string; message: string } {
  const [first] = issues;
  if (!first) return { field: '', message: 'invalid' };
  const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : '';
  return { field: fieldPath(first.path), message: `${first.message}${more}` };
}

export function mapRecords<Raw>(items: unknown, options: MapRecordsOptions<Raw>): MappedRecords {
  if (!Array.isArray(items)) {
    throw new PageShapeError(
      { platform: options.platform, stream: options.stream, route: options.route },
      'expected a list of records',
    );
  }
  const records: SourceRecord[] = [];
  const quarantined: QuarantineEntry[] = [];
  const quarantine = (raw: unknown, field: string, message: string): void => {
    quarantined.push({
      platform: options.platform,
      stream: options.stream,
      sourceId: safeSourceId(options.sourceIdOf, raw),
      field,
      // Messages come from schemas and parsers that do not echo values; scrubbing is the second net.
      message: scrubCivicNumbers(message),
    });
  };

  for (const raw of items as unknown[]) {
    const parsed = options.schema.safeParse(raw);
    if (!parsed.success) {
      const { field, message } = describe(parsed.error.issues);
      quarantine(raw, field, message);
      continue;
    }
    let mapped: readonly SourceRecord[];
    try {
      const result = options.map(parsed.data);
      mapped = Array.isArray(result) ? (result as readonly SourceRecord[]) : [result as SourceRecord];
    } catch (error) {
      if (!(error instanceof MappingFieldError)) throw error;
      quarantine(raw, error.field, error.message);
      continue;
    }
    const checked: SourceRecord[] = [];
    let failure: { field: string; message: string } | null = null;
    for (const record of mapped) {
      const valid = SourceRecordSchema.safeParse(record);
      if (valid.success) {
        checked.push(valid.data);
      } else {
        failure = describe(valid.error.issues);
        break;
      }
    }
    if (failure) {
      // The mapper produced a record the canonical schema refuses: the path names the canonical field.
      quarantine(raw, failure.field, `mapped record: ${failure.message}`);
      continue;
    }
    records.push(...checked);
  }
  return { records, quarantined };
}

function safeSourceId(sourceIdOf: (raw: unknown) => string, raw: unknown): string {
  try {
    return sourceIdOf(raw);
  } catch {
    return '';
  }
}

/** Validates a page envelope; anything that is not the platform's shape is a PageShapeError naming the path. */
export function parsePageShape<T>(
  schema: z.ZodType<T>,
  body: unknown,
  where: { platform: SourceSystem; stream?: StreamName; route?: string },
): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const { field, message } = describe(parsed.error.issues);
  throw new PageShapeError(where, field === '' ? message : `${field}: ${message}`);
}
