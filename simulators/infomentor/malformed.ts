/**
 * Malformed records (fault `malformedRecordRate`, infomentor.md §8). The file lists the
 * malformable fields — `ssn`, `minutes` (`"tio"`), `pupilSourceId` (two parts), `shortDate`,
 * `lastChanged`, `absenceKind` — and the fault profile the kinds. A kind lands on a field it
 * makes sense for: `badCivicNo` only on `ssn`, `badDate` on `shortDate`/`lastChanged`,
 * `unknownEnum` only on `absenceKind`; `missingRequired` and `wrongType` on any. The decision is
 * the framework's (seed, record id, profile), so a refetch shows the same defect, and the ground
 * truth lists exactly what the wire carries.
 */
import type { Malformation, SimulatorContext } from '../common/index.js';
import type { MalformedKind, SliceRecord, Slice, StreamName } from '../world/index.js';
import type { TimestampStyle } from './dates.js';

export const MALFORMABLE_FIELDS = ['ssn', 'minutes', 'pupilSourceId', 'shortDate', 'lastChanged', 'absenceKind'] as const;
export type MalformableField = (typeof MALFORMABLE_FIELDS)[number];

const FIELDS_FOR_KIND: Readonly<Record<MalformedKind, readonly MalformableField[]>> = {
  missingRequired: MALFORMABLE_FIELDS,
  wrongType: MALFORMABLE_FIELDS,
  badCivicNo: ['ssn'],
  badDate: ['shortDate', 'lastChanged'],
  unknownEnum: ['absenceKind'],
};

/** An `absenceKind` no client knows: mapped by the unknown-code rule, never quarantined. */
export const UNKNOWN_ABSENCE_KIND = 'RemoteLearning';

/** The malformable fields a record carries, by its kind (the same for every version of it). */
export function malformableFieldsOf(record: SliceRecord): MalformableField[] {
  const data = record.data;
  switch (data.kind) {
    case 'pupil':
    case 'guardian':
      return ['ssn', 'lastChanged'];
    case 'notice': {
      const session = !data.allDay && data.partOfDay === null;
      return [...(session ? (['minutes'] as const) : []), 'pupilSourceId', 'shortDate', 'lastChanged', 'absenceKind'];
    }
    case 'registration':
      return [...(data.lesson ? (['minutes'] as const) : []), 'pupilSourceId', 'shortDate', 'lastChanged', 'absenceKind'];
    case 'leave':
      return ['pupilSourceId', 'lastChanged'];
    case 'group':
      return [];
  }
}

/** The defect of this record on the wire, or null. */
export function defectOf(context: SimulatorContext<unknown>, record: SliceRecord): Malformation | null {
  const fields = malformableFieldsOf(record);
  const decision = context.faults.malformationFor(record.id, fields);
  if (!decision) return null;
  const fitting = fields.filter((field) => FIELDS_FOR_KIND[decision.kind].includes(field));
  if (fitting.length === 0) return null;
  if (fitting.includes(decision.field as MalformableField)) return decision;
  // The drawn field does not fit the kind: take a fitting one, still a function of the decision alone.
  const index = Math.max(0, fields.indexOf(decision.field as MalformableField)) % fitting.length;
  return { kind: decision.kind, field: fitting[index] ?? fitting[0] ?? decision.field };
}

function badCheckDigit(civicNo: string): string {
  const last = Number(civicNo.at(-1) ?? 0);
  return `${civicNo.slice(0, -1)}${(last + 1) % 10}`;
}

/** Puts the defect into a rendered item (plain shape, before drift renames or reorders anything). */
export function applyDefect(item: Record<string, unknown>, defect: Malformation, style: TimestampStyle): void {
  const field = defect.field;
  const value = item[field];
  switch (defect.kind) {
    case 'missingRequired':
      delete item[field];
      return;
    case 'wrongType':
      if (field === 'minutes') item[field] = 'tio';
      else if (field === 'pupilSourceId') item[field] = String(value).split('|').slice(0, 2).join('|');
      else if (field === 'shortDate') item[field] = Number(String(value).replaceAll('-', ''));
      else if (field === 'lastChanged') item[field] = Number(/-?\d+/.exec(String(value))?.[0] ?? 0);
      else if (field === 'ssn') item[field] = Number(value);
      else item[field] = 3;
      return;
    case 'badCivicNo':
      item[field] = badCheckDigit(String(value));
      return;
    case 'badDate':
      if (field === 'shortDate') item[field] = '2026-02-30';
      else item[field] = style === 'dotnet' ? '/Date(NaN)/' : '2026-02-30T08:31:07';
      return;
    case 'unknownEnum':
      item[field] = UNKNOWN_ABSENCE_KIND;
      return;
  }
}

type RecordType = 'pupils' | 'guardians' | 'absences' | 'leaveApplications';

const STREAM_RECORD_TYPES: readonly (readonly [StreamName, RecordType])[] = [
  ['pupils', 'pupils'],
  ['guardians', 'guardians'],
  ['notices', 'absences'],
  ['registrations', 'absences'],
  ['leaveApplications', 'leaveApplications'],
];

export interface MalformedEntry {
  readonly platform: 'infomentor';
  readonly recordType: RecordType;
  readonly id: string;
  readonly kind: MalformedKind;
  readonly field: MalformableField;
}

/**
 * The fault-profile defects a backfill of the slice meets now: one entry per record not deleted
 * at now whose defect the framework decides. Records already quarantined by the world (X9 and
 * what points at those pupils) are listed there and not again.
 */
export function malformedEntries(context: SimulatorContext<unknown>, slice: Slice, alreadyListed: ReadonlySet<string>): MalformedEntry[] {
  if ((context.faults.profile().malformedRecordRate ?? 0) <= 0) return [];
  const entries: MalformedEntry[] = [];
  for (const [stream, recordType] of STREAM_RECORD_TYPES) {
    for (const record of context.world.records(slice, stream)) {
      if (record.deleted) continue;
      const defect = defectOf(context, record);
      const id = String(record.id);
      if (!defect || alreadyListed.has(`${recordType}|${id}`)) continue;
      entries.push({ platform: 'infomentor', recordType, id, kind: defect.kind, field: defect.field as MalformableField });
    }
  }
  return entries;
}
