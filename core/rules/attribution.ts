/**
 * Time attribution (rules §2.2, §2.4): which scheduled occurrence each record speaks about, and
 * with how many minutes. Records are grouped by occurrence, never summed: two platforms
 * exporting the same lesson land in the same slot (§2.3).
 *
 * Without a timetable each school date is one day-level slot; interval records are split at
 * local midnight and each part goes to its own date.
 */
import type { DayNumber } from './calendar-date.js';
import { addDays, dayOf } from './calendar-date.js';
import type { RecordCategory, RecordVersion } from './format/scenario-v1.js';
import type { EpochSeconds } from './stockholm-time.js';
import { localDayOf, parseInstant, startOfLocalDay } from './stockholm-time.js';
import type { CompiledTimetable, Occurrence } from './timetable.js';

export type RecordShape =
  | { readonly kind: 'lessons'; readonly date: DayNumber; readonly lessons: readonly string[]; readonly minutes: number | null }
  | { readonly kind: 'interval'; readonly start: EpochSeconds; readonly end: EpochSeconds }
  | { readonly kind: 'fullDay'; readonly date: DayNumber; readonly minutes: number | null }
  | { readonly kind: 'dayMinutes'; readonly date: DayNumber; readonly minutes: number };

/** A record version with its instants parsed once. */
export interface PreparedRecord {
  /** `platform:sourceRecordId`: what evidence refers to. */
  readonly id: string;
  readonly version: number;
  /** The first run date that sees this version. */
  readonly syncedOn: string;
  readonly subject: string;
  readonly fritidshem: boolean;
  readonly category: RecordCategory;
  readonly bySchool: boolean;
  readonly decision: boolean;
  /**
   * `updatedAt` and `reportedAt` (reporter records only) as written. They are parsed only where
   * records compete for one occurrence (§2.2 rules 1–2): most occurrences have a single record.
   */
  readonly updatedAt: string;
  readonly reportedAt: string | null;
  readonly schoolUnit: string;
  readonly shape: RecordShape;
}

function shapeOf(record: RecordVersion): RecordShape {
  if (record.lessons) {
    return { kind: 'lessons', date: dayOf(record.date ?? ''), lessons: record.lessons, minutes: record.minutes ?? null };
  }
  if (record.start !== undefined && record.end !== undefined) {
    return { kind: 'interval', start: parseInstant(record.start) ?? 0, end: parseInstant(record.end) ?? 0 };
  }
  const date = dayOf(record.date ?? '');
  if (record.fullDay) return { kind: 'fullDay', date, minutes: record.minutes ?? null };
  return { kind: 'dayMinutes', date, minutes: record.minutes ?? 0 };
}

/** Parses a (validated) record version once; every run and pack reads the result. */
export function prepareRecord(record: RecordVersion): PreparedRecord {
  return {
    id: record.id,
    version: record.version,
    syncedOn: record.syncedOn,
    subject: record.subject,
    fritidshem: record.activity === 'fritidshem',
    category: record.category,
    bySchool: record.authority === 'school',
    decision: record.decision,
    updatedAt: record.updatedAt,
    reportedAt: record.reportedAt ?? null,
    schoolUnit: record.schoolUnit,
    shape: shapeOf(record),
  };
}

export interface Contribution {
  readonly record: PreparedRecord;
  /** The minutes this record gives the slot; null when unknown (a full day without minutes and no timetable). */
  readonly minutes: number | null;
  /** An interval record's overlap with the slot: several intervals count as their union, not their sum. */
  readonly span: readonly [EpochSeconds, EpochSeconds] | null;
  readonly fullDay: boolean;
}

/** One scheduled occurrence (or, without a timetable, one date) and what the records say about it. */
export interface Slot {
  readonly date: DayNumber;
  /** Null for a day-level slot. */
  readonly occurrence: Occurrence | null;
  readonly contributions: Contribution[];
}

export interface AttributionScope {
  readonly timetable: CompiledTimetable | null;
  /**
   * The units the student is enrolled at. Decision: the timetable of a scenario is shared by all
   * its students, so a student's occurrences are those of their own units, and a record about a
   * unit the student is not enrolled at has no occurrence to speak about.
   */
  readonly schoolUnits: readonly string[];
}

/**
 * Groups records into slots, one per occurrence (or, without a timetable, per date). Occurrence
 * objects are unique per unit and date (the timetable caches them), so they are the keys.
 */
export function attribute(records: readonly PreparedRecord[], scope: AttributionScope): Map<Occurrence | number, Slot> {
  const slots = new Map<Occurrence | number, Slot>();
  const add = (date: DayNumber, occurrence: Occurrence | null, contribution: Contribution): void => {
    const key = occurrence ?? date;
    const slot = slots.get(key);
    if (slot) slot.contributions.push(contribution);
    else slots.set(key, { date, occurrence, contributions: [contribution] });
  };
  for (const record of records) {
    if (!scope.schoolUnits.includes(record.schoolUnit)) continue;
    if (scope.timetable) attributeToOccurrences(record, scope.timetable, add);
    else attributeToDays(record, add);
  }
  return slots;
}

type Add = (date: DayNumber, occurrence: Occurrence | null, contribution: Contribution) => void;

function attributeToOccurrences(record: PreparedRecord, timetable: CompiledTimetable, add: Add): void {
  const shape = record.shape;
  switch (shape.kind) {
    case 'lessons':
      for (const lessonId of shape.lessons) {
        const occurrence = timetable.find(record.schoolUnit, shape.date, lessonId);
        if (occurrence) {
          add(shape.date, occurrence, { record, minutes: shape.minutes ?? occurrence.length, span: null, fullDay: false });
        }
      }
      return;
    case 'fullDay':
      // With a timetable a full-day record covers each occurrence of the day in full; its
      // optional minutes only matter without a timetable.
      for (const occurrence of timetable.occurrencesOn(record.schoolUnit, shape.date)) {
        add(shape.date, occurrence, { record, minutes: occurrence.length, span: null, fullDay: true });
      }
      return;
    case 'interval': {
      // An extra occurrence may start the evening before the interval's first local date.
      const last = localDayOf(shape.end - 1e-6);
      for (let day = addDays(localDayOf(shape.start), -1); day <= last; day = addDays(day, 1)) {
        for (const occurrence of timetable.occurrencesOn(record.schoolUnit, day)) {
          const from = Math.max(shape.start, occurrence.start);
          const to = Math.min(shape.end, occurrence.end);
          if (to > from) add(day, occurrence, { record, minutes: null, span: [from, to], fullDay: false });
        }
      }
      return;
    }
    case 'dayMinutes':
      // Invalid input with a timetable (§7.5); the validator reports it.
      return;
  }
}

/**
 * Without a timetable a school date is one unit for the student, whichever unit a record names:
 * records of two units about one day are one absence day, resolved like duplicates (§2.3).
 */
function attributeToDays(record: PreparedRecord, add: Add): void {
  const shape = record.shape;
  switch (shape.kind) {
    case 'dayMinutes':
      add(shape.date, null, { record, minutes: shape.minutes, span: null, fullDay: false });
      return;
    case 'fullDay':
      add(shape.date, null, { record, minutes: shape.minutes, span: null, fullDay: true });
      return;
    case 'interval': {
      const last = localDayOf(shape.end - 1e-6);
      for (let day = localDayOf(shape.start); day <= last; day = addDays(day, 1)) {
        const dayStart = startOfLocalDay(day);
        const dayEnd = startOfLocalDay(addDays(day, 1));
        const from = Math.max(shape.start, dayStart);
        const to = Math.min(shape.end, dayEnd);
        if (to > from) add(day, null, { record, minutes: null, span: [from, to], fullDay: false });
      }
      return;
    }
    case 'lessons':
      // Invalid input without a timetable (§2.4); the validator reports it.
      return;
  }
}

/** Length in whole minutes of the union of some spans. */
export function unionMinutes(spans: readonly (readonly [EpochSeconds, EpochSeconds])[]): number {
  if (spans.length === 0) return 0;
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [from, to] = sorted[0] as readonly [number, number];
  for (const [start, end] of sorted.slice(1)) {
    if (start > to) {
      total += to - from;
      from = start;
      to = end;
    } else if (end > to) {
      to = end;
    }
  }
  total += to - from;
  return Math.floor(total / 60 + 1e-9);
}
