/**
 * Fault-profile defects in SchoolSoft records (schoolsoft.md §7, platforms README §4): a record of a
 * list response may get one defect in a malformable field — `socialNumber`, `week` (a string),
 * `dayId` (7), `changed`, `lessonStatusStudent`, `studentId`. Whether a record is malformed, and
 * how, is decided by `context.faults.malformationFor(id, fields)`; this module turns the decision
 * into a value in SchoolSoft's style, and the ground truth uses the same function.
 *
 * Every record kind passes the same field list on every version, so a row changed later keeps
 * its decision. A kind goes only where it means something: `badCivicNo` in `socialNumber`,
 * `unknownEnum` in `lessonStatusStudent` of a row that makes a registration (an unknown code maps
 * to `unspecified` instead of making a record out of plain attendance), `badDate` in `changed` or
 * `dayId`. When the drawn field cannot take the drawn kind, the first field of the record that can
 * takes it; when none can, the record stays intact.
 */
import type { FaultState, Malformation } from '../common/index.js';
import type { MalformedKind } from '../world/index.js';

export const RECORD_KINDS = ['students', 'parents', 'lessons', 'reports', 'leave'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The malformable fields each record kind has, in a fixed order. */
export const MALFORMABLE_FIELDS: Readonly<Record<RecordKind, readonly string[]>> = {
  students: ['socialNumber', 'changed', 'studentId'],
  parents: ['socialNumber', 'changed'],
  lessons: ['week', 'dayId', 'changed', 'lessonStatusStudent', 'studentId'],
  reports: ['week', 'dayId', 'changed', 'studentId'],
  leave: ['studentId', 'changed'],
};

/** The ground truth's `recordType` of each record kind. */
export const GROUND_TRUTH_RECORD_TYPE: Readonly<Record<RecordKind, 'pupils' | 'guardians' | 'absences' | 'leaveApplications'>> = {
  students: 'pupils',
  parents: 'guardians',
  lessons: 'absences',
  reports: 'absences',
  leave: 'leaveApplications',
};

export const UNKNOWN_LESSON_STATUS_STUDENT = 99;

function fits(kind: MalformedKind, field: string, unknownEnumAllowed: boolean): boolean {
  switch (kind) {
    case 'missingRequired':
    case 'wrongType':
      return true;
    case 'badCivicNo':
      return field === 'socialNumber';
    case 'unknownEnum':
      return field === 'lessonStatusStudent' && unknownEnumAllowed;
    case 'badDate':
      return field === 'changed' || field === 'dayId';
  }
}

export interface MalformationInput {
  readonly kind: RecordKind;
  readonly id: number;
  /** For lesson rows: whether the row makes a registration (see `makesRegistration`). */
  readonly makesRegistration?: boolean;
}

/** The defect this record gets under the current fault profile, or null. */
export function defectOf(faults: Pick<FaultState, 'malformationFor'>, input: MalformationInput): Malformation | null {
  const fields = MALFORMABLE_FIELDS[input.kind];
  const decision = faults.malformationFor(input.id, fields);
  if (!decision) return null;
  const unknownEnumAllowed = input.makesRegistration === true;
  if (fits(decision.kind, decision.field, unknownEnumAllowed)) return decision;
  const field = fields.find((candidate) => fits(decision.kind, candidate, unknownEnumAllowed));
  return field === undefined ? null : { kind: decision.kind, field };
}

function badCheckDigit(value: unknown): string {
  const text = String(value);
  const last = Number(text.slice(-1));
  return `${text.slice(0, -1)}${Number.isNaN(last) ? 0 : (last + 1) % 10}`;
}

/** `changed` with a month that does not exist, in the right format otherwise. */
function impossibleTimestamp(value: unknown): string {
  const text = String(value);
  return `${text.slice(0, 5)}13${text.slice(7)}`;
}

function wrongType(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    const digits = value.replace(/\D/g, '');
    // A civic number or timestamp sent as a number.
    return digits.length > 0 ? Number(digits) : 0;
  }
  return String(value);
}

/** Applies the defect to a rendered record in place of the field's value (a copy is returned). */
export function applyDefect<T extends object>(record: T, defect: Malformation): T {
  const copy = { ...record } as Record<string, unknown>;
  const value = copy[defect.field];
  switch (defect.kind) {
    case 'missingRequired':
      delete copy[defect.field];
      break;
    case 'wrongType':
      copy[defect.field] = wrongType(value);
      break;
    case 'badCivicNo':
      copy[defect.field] = badCheckDigit(value);
      break;
    case 'unknownEnum':
      copy[defect.field] = UNKNOWN_LESSON_STATUS_STUDENT;
      break;
    case 'badDate':
      copy[defect.field] = defect.field === 'dayId' ? 7 : impossibleTimestamp(value);
      break;
  }
  return copy as T;
}
