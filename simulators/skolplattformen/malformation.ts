/**
 * Fault-profile defects (`malformedRecordRate`) in Skolplattformen's style, on exactly the
 * malformable fields of platform file §6: `SOCIALNUMBER`, `StartDate`, `Modified` (the guardian
 * list spells it `MODIFIED`), `ChildId`, `Channel`.
 *
 * The framework draws a kind and a field independently; a kind that cannot live in the drawn
 * field (a bad civic number in `Channel`) moves to a field of the record where it can, chosen by
 * the drawn field's position, and a record with no such field stays intact. Both rules depend
 * only on (seed, record id, profile), so a refetch and the ground truth see the same defect.
 */
import type { FaultState, Malformation } from '../common/index.js';
import type { MalformedKind } from '../world/index.js';

export type MalformableRecordType = 'pupils' | 'guardians' | 'absences';

export const MALFORMABLE_FIELDS: Readonly<Record<MalformableRecordType, readonly string[]>> = {
  pupils: ['SOCIALNUMBER', 'StartDate', 'Modified'],
  guardians: ['SOCIALNUMBER', 'MODIFIED'],
  absences: ['StartDate', 'Modified', 'ChildId', 'Channel'],
};

const CIVIC_FIELDS = ['SOCIALNUMBER'];
const DATE_FIELDS = ['StartDate', 'Modified', 'MODIFIED'];
const ENUM_FIELDS = ['Channel'];

function fieldsFor(kind: MalformedKind): readonly string[] | null {
  if (kind === 'badCivicNo') return CIVIC_FIELDS;
  if (kind === 'badDate') return DATE_FIELDS;
  if (kind === 'unknownEnum') return ENUM_FIELDS;
  return null;
}

/** The defect of a rendered row, or null; `present` are its malformable fields that hold a value. */
export function defectFor(faults: Pick<FaultState, 'malformationFor'>, recordId: string, present: readonly string[]): Malformation | null {
  const drawn = faults.malformationFor(recordId, present);
  if (!drawn) return null;
  const allowed = fieldsFor(drawn.kind);
  if (allowed === null || allowed.includes(drawn.field)) return drawn;
  const candidates = present.filter((field) => allowed.includes(field));
  if (candidates.length === 0) return null;
  return { kind: drawn.kind, field: candidates[present.indexOf(drawn.field) % candidates.length] ?? drawn.field };
}

/** A value of the wrong JSON type in the platform's manner: numbers where strings belong. */
function wrongType(field: string, value: string): number {
  if (field === 'ChildId') return parseInt(value.slice(0, 8), 16);
  if (field === 'Channel') return ['SMS', 'App', 'Webb', 'Telefon'].indexOf(value) + 1;
  if (field === 'MODIFIED') return Number(/-?\d+/.exec(value)?.[0] ?? 0);
  return Number(value.replace(/\D/g, '') || 0);
}

/** An impossible date in the field's own format. */
function badDate(field: string, value: string): string {
  if (field === 'MODIFIED') return '/Date(NaN)/';
  return value.replace(/^(\d{4})-\d{2}-\d{2}/, '$1-02-30');
}

/** The same number with a wrong check digit. */
function badCivicNo(value: string): string {
  const last = Number(value.slice(-1));
  return `${value.slice(0, -1)}${(last + 3) % 10}`;
}

/** The row with its defect applied (a copy). */
export function applyDefect(row: Readonly<Record<string, unknown>>, defect: Malformation): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...row };
  const current = copy[defect.field];
  const value = typeof current === 'string' ? current : '';
  switch (defect.kind) {
    case 'missingRequired':
      delete copy[defect.field];
      break;
    case 'wrongType':
      copy[defect.field] = wrongType(defect.field, value);
      break;
    case 'badCivicNo':
      copy[defect.field] = badCivicNo(value);
      break;
    case 'badDate':
      copy[defect.field] = badDate(defect.field, value);
      break;
    case 'unknownEnum':
      copy[defect.field] = 'Fax';
      break;
  }
  return copy;
}

/** The malformable fields a rendered row holds a value in. */
export function presentFields(recordType: MalformableRecordType, row: Readonly<Record<string, unknown>>): string[] {
  return MALFORMABLE_FIELDS[recordType].filter((field) => row[field] !== null && row[field] !== undefined);
}

/** Renders-then-malforms one row: the defect (if any) and the row as the wire shows it. */
export function malformRow(
  faults: Pick<FaultState, 'malformationFor'>,
  recordType: MalformableRecordType,
  recordId: string,
  row: Record<string, unknown>,
): { row: Record<string, unknown>; defect: Malformation | null } {
  const defect = defectFor(faults, recordId, presentFields(recordType, row));
  return { row: defect ? applyDefect(row, defect) : row, defect };
}
