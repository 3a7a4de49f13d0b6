/**
 * Fault `malformedRecordRate` (platforms README §4): a record of a list response gets one defect in
 * a field skola24.md §9 lists as malformable — JSON `personalIdentityNumber`, `dateTimeFrom`,
 * `lastChanged`, `studentPersonGuid`; XML `LessonStart`, `AbsenceMinutes`, `Type`,
 * `StudentPersonGuid`. The framework draws the kind and the field independently; a kind the drawn
 * field cannot carry (a bad civic number in a date) moves to the first field of the record that
 * can, and a record with no such field stays intact. The same function decides what the ground
 * truth lists, so `/_control/world` names exactly the defects served.
 */
import { luhnCheckDigit } from '../world/index.js';
import type { Malformation, SimulatorContext } from '../common/index.js';
import type { MalformedKind, SliceRecord } from '../world/index.js';
import type { JsonRecord } from './roster-records.js';
import type { XmlElement } from './registration-element.js';

export type MalformableRecordKind = 'students' | 'guardians' | 'plannedAbsences' | 'leaveApplications' | 'registrations';

export const MALFORMABLE_FIELDS: Readonly<Record<MalformableRecordKind, readonly string[]>> = {
  students: ['personalIdentityNumber', 'lastChanged'],
  guardians: ['personalIdentityNumber', 'lastChanged'],
  plannedAbsences: ['dateTimeFrom', 'lastChanged', 'studentPersonGuid'],
  leaveApplications: ['lastChanged', 'studentPersonGuid'],
  registrations: ['LessonStart', 'AbsenceMinutes', 'Type', 'StudentPersonGuid'],
};

/** The ground truth's `recordType` of each kind of record. */
export const GROUND_TRUTH_RECORD_TYPE: Readonly<Record<MalformableRecordKind, 'pupils' | 'guardians' | 'absences' | 'leaveApplications'>> = {
  students: 'pupils',
  guardians: 'guardians',
  plannedAbsences: 'absences',
  leaveApplications: 'leaveApplications',
  registrations: 'absences',
};

const DATE_FIELDS = new Set(['lastChanged', 'dateTimeFrom', 'LessonStart']);

/** Which fields can carry each kind of defect. */
const CARRIES: Readonly<Record<MalformedKind, (field: string) => boolean>> = {
  missingRequired: () => true,
  // `Type` is an enum: an odd value there is an unknown code, not a wrong type.
  wrongType: (field) => field !== 'Type',
  badCivicNo: (field) => field === 'personalIdentityNumber',
  badDate: (field) => DATE_FIELDS.has(field),
  unknownEnum: (field) => field === 'Type',
};

/**
 * The defect this record is served with, or null. A record of an X9 pupil (a malformed civic
 * number: the world quarantines the pupil and everything pointing at it) gets none, so every
 * record has at most one reason to be quarantined and the ground truth lists it once.
 */
export function defectOf(context: Pick<SimulatorContext, 'faults' | 'world'>, kind: MalformableRecordKind, record: Pick<SliceRecord, 'id' | 'pupilKey'>): Malformation | null {
  if (record.pupilKey !== null && context.world.pupil(record.pupilKey).civic.defect !== null) return null;
  const fields = MALFORMABLE_FIELDS[kind];
  const drawn = context.faults.malformationFor(String(record.id), fields);
  if (!drawn) return null;
  const carries = CARRIES[drawn.kind];
  if (carries(drawn.field)) return drawn;
  const field = fields.find(carries);
  return field === undefined ? null : { kind: drawn.kind, field };
}

/** Whether a connector must quarantine the record (an unknown code is mapped, never quarantined: COM-07). */
export function isQuarantinable(defect: { readonly kind: MalformedKind }): boolean {
  return defect.kind !== 'unknownEnum';
}


/** The same number with a check digit that is certainly wrong, whatever was wrong with it before. */
function withWrongCheckDigit(formatted: string): string {
  const digits = formatted.replace(/\D/g, '');
  const tenDigits = digits.slice(-10);
  const wrong = (luhnCheckDigit(tenDigits.slice(0, 9)) + 5) % 10;
  return `${formatted.slice(0, -1)}${wrong}`;
}

/** `2026-03-09T08:20:00` → `2026-02-30T08:20:00`: the shape of a stamp, a day that does not exist. */
function withImpossibleDate(stamp: string): string {
  return stamp.replace(/^(\d{4})-\d{2}-\d{2}/, '$1-02-30');
}

/** A string field as a JSON number (`"20130512-9825"` → 201305129825). */
function asNumber(text: string): number {
  return Number(text.replace(/\D/g, '').slice(0, 15) || '0');
}

export function malformJsonRecord(record: JsonRecord, defect: Malformation): JsonRecord {
  const value = record[defect.field];
  if (defect.kind === 'missingRequired') {
    const rest = { ...record };
    delete rest[defect.field];
    return rest;
  }
  if (typeof value !== 'string') return record;
  switch (defect.kind) {
    case 'wrongType':
      return { ...record, [defect.field]: asNumber(value) };
    case 'badCivicNo':
      return { ...record, [defect.field]: withWrongCheckDigit(value) };
    case 'badDate':
      return { ...record, [defect.field]: withImpossibleDate(value) };
    case 'unknownEnum':
      return record;
  }
}

const XML_WRONG_TYPE: Readonly<Record<string, (value: string) => string>> = {
  LessonStart: (value) => value.replace(/\D/g, ''),
  AbsenceMinutes: () => 'tio',
  StudentPersonGuid: (value) => String(asNumber(value)),
};

/** A code Skola24 may add one day; the connector maps it by the unknown-code rule. */
const UNKNOWN_TYPE = 'Distansundervisning';

export function malformRegistrationElement(element: XmlElement, defect: Malformation): XmlElement {
  const value = element[defect.field];
  if (defect.kind === 'missingRequired') {
    const rest = { ...element };
    delete rest[defect.field];
    return rest;
  }
  if (typeof value !== 'string') return element;
  switch (defect.kind) {
    case 'wrongType':
      return { ...element, [defect.field]: (XML_WRONG_TYPE[defect.field] ?? ((text: string) => String(asNumber(text))))(value) };
    case 'badDate':
      return { ...element, [defect.field]: withImpossibleDate(value) };
    case 'unknownEnum':
      return { ...element, [defect.field]: UNKNOWN_TYPE };
    case 'badCivicNo':
      return element;
  }
}
