/**
 * The last steps before a record goes on the wire, in this order: the fault profile's defect
 * (`malformedRecordRate`, on the malformable fields of §8), optional fields the source does not
 * have (omitted; drift `nullsForAbsent` writes `null`), then `extraFields` and `reorderFields`.
 *
 * Renderers write an absent optional field as `undefined`, so both spellings come from one place.
 */
import { driftRecord } from '../common/index.js';
import type { Malformation, SimulatorContext } from '../common/index.js';
import type { MalformedKind } from '../world/index.js';

export type JsonRecord = { [field: string]: unknown };

/** §8: the fields a defect may hit, by their path in the record. */
export type MalformableField = 'civicNo.value' | 'meta.modified' | 'startTime' | 'type' | 'validAbsenceMinutes' | 'student.id';

/** Ground-truth record types (`/_control/world` `malformed[].recordType`). */
export type MalformedRecordType = 'pupils' | 'guardians' | 'absences';

export interface Malformable {
  readonly recordType: MalformedRecordType;
  readonly fields: readonly MalformableField[];
}

export const PERSON_FIELDS: readonly MalformableField[] = ['civicNo.value', 'meta.modified'];
export const ABSENCE_FIELDS: readonly MalformableField[] = ['meta.modified', 'startTime', 'type', 'student.id'];
export const ATTENDANCE_FIELDS: readonly MalformableField[] = ['meta.modified', 'validAbsenceMinutes', 'student.id'];

/** Which fields each kind of defect can sensibly hit (a bad civic number needs a civic number). */
const FIELDS_OF_KIND: Readonly<Record<MalformedKind, readonly MalformableField[] | 'any'>> = {
  missingRequired: 'any',
  wrongType: 'any',
  badCivicNo: ['civicNo.value'],
  unknownEnum: ['type'],
  badDate: ['meta.modified', 'startTime'],
};

function fitsKind(kind: MalformedKind, field: MalformableField): boolean {
  const fields = FIELDS_OF_KIND[kind];
  return fields === 'any' || fields.includes(field);
}

/**
 * The defect of one record, or null. The framework draws the kind and then a field; when that
 * field cannot carry the kind, the field is drawn again among those that can (the same kind, by
 * construction of the draw), and a record with no such field gets no defect. Only (seed, id,
 * profile) decide, so every response and the ground truth agree.
 */
export function defectOf(context: SimulatorContext, id: string, fields: readonly MalformableField[]): (Malformation & { field: MalformableField }) | null {
  const first = context.faults.malformationFor(id, fields);
  if (!first) return null;
  const usable = fields.filter((field) => fitsKind(first.kind, field));
  const chosen = usable.includes(first.field as MalformableField) ? first : usable.length > 0 ? context.faults.malformationFor(id, usable) : null;
  if (!chosen || chosen.kind !== first.kind) return null;
  return { kind: chosen.kind, field: chosen.field as MalformableField };
}

function wrongTypeOf(field: MalformableField, value: unknown): unknown {
  if (field === 'validAbsenceMinutes') return String(value);
  if (field === 'meta.modified' || field === 'startTime') return typeof value === 'string' ? Date.parse(value) : 0;
  if (field === 'civicNo.value' && typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (field === 'student.id' && typeof value === 'string') return Number.parseInt(value.slice(0, 8), 16);
  return true;
}

/** Month 13 makes any date impossible, whatever the parser. */
function withMonth13(value: unknown, monthAt: number): unknown {
  return typeof value === 'string' && value.length > monthAt + 2 ? `${value.slice(0, monthAt)}13${value.slice(monthAt + 2)}` : value;
}

function defective(kind: MalformedKind, field: MalformableField, value: unknown): unknown {
  switch (kind) {
    case 'wrongType':
      return wrongTypeOf(field, value);
    case 'badCivicNo':
      return withMonth13(value, 4);
    case 'unknownEnum':
      return 'Ogiltig frånvaro';
    case 'badDate':
      return withMonth13(value, 5);
    case 'missingRequired':
      return undefined;
  }
}

function applyDefect(record: JsonRecord, defect: Malformation & { field: MalformableField }): void {
  const path = defect.field.split('.');
  const leaf = path.pop();
  let parent: JsonRecord = record;
  for (const step of path) {
    const next = parent[step];
    if (typeof next !== 'object' || next === null) return;
    parent = { ...(next as JsonRecord) };
    record[step] = parent;
  }
  if (leaf === undefined || !(leaf in parent)) return;
  if (defect.kind === 'missingRequired') delete parent[leaf];
  else parent[leaf] = defective(defect.kind, defect.field, parent[leaf]);
}

/** `undefined` (an optional field the source does not have) → omitted, or `null` under `nullsForAbsent`. */
function settleAbsent(value: unknown, asNull: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => settleAbsent(item, asNull));
  if (typeof value !== 'object' || value === null) return value;
  const settled: JsonRecord = {};
  for (const [field, item] of Object.entries(value)) {
    if (item === undefined) {
      if (asNull) settled[field] = null;
    } else {
      settled[field] = settleAbsent(item, asNull);
    }
  }
  return settled;
}

/** A rendered record as it goes on the wire. `malformable` null: the record is never malformed. */
export function present(context: SimulatorContext, id: string, record: JsonRecord, malformable: Malformable | null): JsonRecord {
  if (malformable) {
    const defect = defectOf(context, id, malformable.fields);
    if (defect) applyDefect(record, defect);
  }
  return driftRecord(settleAbsent(record, context.drift.has('nullsForAbsent')) as JsonRecord, context.drift);
}
