/**
 * The canonical AbsenceRecords (model §1.9) a correct connector makes of a slice record, by the
 * mapping tables of the platform files. The ground truth counts episodes over these; connectors
 * can compare with them record by record.
 */
import type { LeaveRow, NoticeRow, RegistrationRow, SliceRecord } from './rows.js';
import { dayNumberOf, localDayNumberOf, startOfLocalDay } from './stockholm-time.js';
import type { Validity } from './types.js';
import type { PlatformKey } from './units.js';

export type AbsenceCategory = 'reported' | 'leave' | 'valid' | 'invalid' | 'lateArrival' | 'earlyDeparture' | 'otherSchoolActivity' | 'unspecified';

export interface CanonicalAbsence {
  /** The platform's source id, with `#valid`/`#invalid`/`#other`/`#leave` for derived records. */
  readonly recordId: string;
  readonly pupilKey: string;
  readonly recordKind: 'notice' | 'registration';
  readonly category: AbsenceCategory;
  readonly validity: Validity;
  readonly start: number;
  readonly end: number;
  readonly allDay: boolean;
}

function noticeAbsences(record: SliceRecord<NoticeRow>, asOf: number): CanonicalAbsence[] {
  const row = record.data;
  // An ongoing notice ends, for now, at midnight of the snapshot's date (Skola24 mapping).
  const end = row.end ?? startOfLocalDay(localDayNumberOf(asOf));
  if (end <= row.start) return [];
  const leave = row.origin === 'leave';
  return [
    {
      recordId: String(record.id),
      pupilKey: row.pupilKey,
      recordKind: 'notice',
      category: leave ? 'leave' : 'reported',
      validity: leave ? 'valid' : 'undetermined',
      start: row.start,
      end,
      allDay: row.allDay,
    },
  ];
}

function registrationAbsences(platform: PlatformKey, record: SliceRecord<RegistrationRow>): CanonicalAbsence[] {
  const row = record.data;
  const start = row.lesson?.start ?? startOfLocalDay(dayNumberOf(row.date));
  const end = row.lesson?.end ?? startOfLocalDay(dayNumberOf(row.date) + 1);
  const base = { pupilKey: row.pupilKey, recordKind: 'registration' as const, start, end, allDay: row.dayLevel };
  if (platform === 'ss12000') {
    const buckets = row.buckets;
    const absences: CanonicalAbsence[] = [];
    if (buckets.valid > 0) absences.push({ ...base, recordId: `${record.id}#valid`, category: 'valid', validity: 'valid' });
    if (buckets.invalid > 0) absences.push({ ...base, recordId: `${record.id}#invalid`, category: 'invalid', validity: 'invalid' });
    if (buckets.other > 0) absences.push({ ...base, recordId: `${record.id}#other`, category: 'otherSchoolActivity', validity: 'valid' });
    return absences;
  }
  const id = String(record.id);
  switch (row.type) {
    case 'present':
      return [];
    case 'late':
      return [{ ...base, recordId: id, category: 'lateArrival', validity: row.validity }];
    case 'leftEarly':
      return [{ ...base, recordId: id, category: 'earlyDeparture', validity: row.validity }];
    case 'otherActivity':
      return [{ ...base, recordId: id, category: 'otherSchoolActivity', validity: 'valid' }];
    case 'leave':
      return [{ ...base, recordId: id, category: 'valid', validity: 'valid' }];
    case 'absent': {
      const category = row.validity === 'valid' ? 'valid' : row.validity === 'invalid' ? 'invalid' : 'unspecified';
      return [{ ...base, recordId: id, category, validity: row.validity }];
    }
  }
}

/** An approved application's `leave` notice over the approved days (`{id}#leave`). */
function leaveAbsences(record: SliceRecord<LeaveRow>): CanonicalAbsence[] {
  const row = record.data;
  if ((row.status !== 'approved' && row.status !== 'partiallyApproved') || row.approvedFromDate === null || row.approvedToDate === null) return [];
  return [
    {
      recordId: `${record.id}#leave`,
      pupilKey: row.pupilKey,
      recordKind: 'notice',
      category: 'leave',
      validity: 'valid',
      start: startOfLocalDay(dayNumberOf(row.approvedFromDate)),
      end: startOfLocalDay(dayNumberOf(row.approvedToDate) + 1),
      allDay: true,
    },
  ];
}

/** Active canonical AbsenceRecords of one slice record as of `asOf` (none for a tombstone). */
export function canonicalAbsences(platform: PlatformKey, record: SliceRecord, asOf: number): CanonicalAbsence[] {
  if (record.deleted) return [];
  switch (record.data.kind) {
    case 'notice':
      return noticeAbsences(record as SliceRecord<NoticeRow>, asOf);
    case 'registration':
      return registrationAbsences(platform, record as SliceRecord<RegistrationRow>);
    case 'leave':
      return leaveAbsences(record as SliceRecord<LeaveRow>);
    default:
      return [];
  }
}
