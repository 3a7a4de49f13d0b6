/**
 * The body shared by the paged lists and the XML export (skola24.md §5, §6): `unitGuid`,
 * `schoolYear`, `changedSince`, `snapshotTime`, `fromDate`, `toDate`, `pageNumber`, `pageSize`,
 * validated into the codes of §7. Every problem found is reported, one validation error each.
 * JSON sends null for "none"; the XML form sends an empty value, which means the same.
 */
import type { DriftState } from '../common/index.js';
import { dayNumberOf } from '../world/index.js';
import type { Unit } from '../world/index.js';
import { MAX_DATE_SPAN_DAYS, SNAPSHOT_MAX_AGE_MS } from './constants.js';
import type { Directory } from './directory.js';
import { VALIDATION } from './envelope.js';
import type { ValidationError } from './envelope.js';
import { isIsoDate, parseStamp } from './wire-time.js';

export interface ListRequest {
  readonly unit: Unit;
  /** Exclusive lower bound on `lastChanged`; null = full snapshot of active records. */
  readonly changedSince: number | null;
  /** The snapshot to read as of; null on page 1 (the server fixes it). */
  readonly snapshot: number | null;
  readonly fromDate: string | null;
  readonly toDate: string | null;
  readonly pageNumber: number;
  readonly pageSize: number;
}

export interface RawListFields {
  readonly unitGuid?: unknown;
  readonly schoolYear?: unknown;
  readonly changedSince?: unknown;
  readonly snapshotTime?: unknown;
  readonly fromDate?: unknown;
  readonly toDate?: unknown;
  readonly pageNumber?: unknown;
  readonly pageSize?: unknown;
}

export interface ListRequestEnvironment {
  readonly directory: Directory;
  /** The tenant's units (the slice's roster units). */
  readonly units: readonly Unit[];
  readonly now: number;
  readonly maxPageSize: number;
  readonly drift: Pick<DriftState, 'has'>;
}

export type ParsedListRequest = { readonly ok: true; readonly request: ListRequest } | { readonly ok: false; readonly errors: readonly ValidationError[] };

/** null for absent, null and empty; the text otherwise; undefined for a non-text value. */
function text(value: unknown): string | null | undefined {
  if (value === undefined || value === null || value === '') return null;
  return typeof value === 'string' ? value.trim() : undefined;
}

function integer(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  const written = text(value);
  return typeof written === 'string' && /^-?\d{1,9}$/.test(written) ? Number(written) : null;
}

function guidEquals(sent: string, guid: string): boolean {
  return sent.toLowerCase() === guid.toLowerCase();
}

function parseStampField(value: unknown, label: 'changedSince' | 'snapshotTime', now: number, errors: ValidationError[]): number | null {
  const written = text(value);
  if (written === null) return null;
  const instant = typeof written === 'string' ? parseStamp(written) : null;
  if (instant === null || instant > now) {
    errors.push(VALIDATION.badStamp(label));
    return null;
  }
  return instant;
}

function parseDateField(value: unknown, label: 'fromDate' | 'toDate', errors: ValidationError[]): string | null {
  const written = text(value);
  if (written === null) return null;
  if (typeof written !== 'string' || !isIsoDate(written)) {
    errors.push(VALIDATION.dateRange(label));
    return null;
  }
  return written;
}

export function parseListRequest(raw: RawListFields, environment: ListRequestEnvironment): ParsedListRequest {
  const errors: ValidationError[] = [];
  const { directory, now } = environment;

  const unitGuid = text(raw.unitGuid);
  const unit = typeof unitGuid === 'string' ? environment.units.find((candidate) => guidEquals(unitGuid, directory.unitGuid(candidate.code))) : undefined;
  if (!unit) errors.push(VALIDATION.unitGuid());

  const schoolYear = text(raw.schoolYear);
  const schoolYearKnown = typeof schoolYear === 'string' && guidEquals(schoolYear, directory.schoolYearGuid());
  if ((schoolYear === null && environment.drift.has('mandatorySchoolYear')) || (schoolYear !== null && !schoolYearKnown)) errors.push(VALIDATION.schoolYear());

  const changedSince = parseStampField(raw.changedSince, 'changedSince', now, errors);
  const snapshot = parseStampField(raw.snapshotTime, 'snapshotTime', now, errors);
  if (snapshot !== null && now - snapshot > SNAPSHOT_MAX_AGE_MS) errors.push(VALIDATION.staleSnapshot());

  const fromDate = parseDateField(raw.fromDate, 'fromDate', errors);
  const toDate = parseDateField(raw.toDate, 'toDate', errors);
  if (fromDate !== null && toDate !== null && (fromDate > toDate || dayNumberOf(toDate) - dayNumberOf(fromDate) > MAX_DATE_SPAN_DAYS)) {
    errors.push(VALIDATION.dateRange('fromDate'));
  }

  const pageNumber = integer(raw.pageNumber);
  if (pageNumber === null || pageNumber < 1) errors.push(VALIDATION.pageNumber());
  const pageSize = integer(raw.pageSize);
  if (pageSize === null || pageSize < 1 || pageSize > environment.maxPageSize) errors.push(VALIDATION.pageSize(environment.maxPageSize));

  if (errors.length > 0 || !unit || pageNumber === null || pageSize === null) return { ok: false, errors };
  return { ok: true, request: { unit, changedSince, snapshot, fromDate, toDate, pageNumber, pageSize } };
}
