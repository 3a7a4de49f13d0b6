/**
 * Resolving one occurrence (rules §2.2): from every record attributed to it to one category,
 * one minute count and the evidence behind them.
 */
import type { DayNumber } from './calendar-date.js';
import { addDays } from './calendar-date.js';
import type { Contribution, Slot } from './attribution.js';
import { unionMinutes } from './attribution.js';
import type { RecordCategory } from './format/scenario-v1.js';
import type { EpochSeconds } from './stockholm-time.js';
import { localDayOf, parseInstant, startOfLocalDay } from './stockholm-time.js';

export interface ResolutionParameters {
  readonly lateArrivalMaxMinutes: number;
  readonly reportDeadlineDaysAfter: number;
}

export interface ResolvedOccurrence {
  /** The local date of the occurrence's start. */
  readonly date: DayNumber;
  /** `<schoolUnit>/<lesson id>`; null for a day-level slot (no timetable). */
  readonly name: string | null;
  /** For ordering occurrences of a day; local midnight for a day-level slot. */
  readonly start: EpochSeconds;
  /** After late conversion (rule 5). */
  readonly category: RecordCategory;
  /** Known minutes; 0 when only a full-day record without minutes speaks (no timetable). */
  readonly minutes: number;
  /** A full-day record gave the extent (used without a timetable). */
  readonly fullDay: boolean;
  /** Ids of the records carrying the resolved category (rule 8), sorted. */
  readonly evidence: readonly string[];
}

/** Tie-break of rule 1: the student-friendly category wins. */
const FRIENDLINESS: Readonly<Record<RecordCategory, number>> = { valid: 3, reported: 2, late: 1, invalid: 0 };

/** An instant the schema has validated, in epoch seconds. */
function instant(text: string): EpochSeconds {
  return parseInstant(text) ?? 0;
}

/**
 * Rule 1. Among equally new, equally friendly records a non-decision wins, for the same reason
 * as the category tie-break: a rejection must be unambiguous to count.
 */
function baseOf(school: readonly Contribution[]): { readonly base: Contribution; readonly baseUpdatedAt: EpochSeconds } {
  let base = school[0] as Contribution;
  let baseUpdatedAt = instant(base.record.updatedAt);
  for (const candidate of school) {
    const a = candidate.record;
    const b = base.record;
    const updatedAt = instant(a.updatedAt);
    if (
      updatedAt > baseUpdatedAt ||
      (updatedAt === baseUpdatedAt &&
        (FRIENDLINESS[a.category] > FRIENDLINESS[b.category] ||
          (FRIENDLINESS[a.category] === FRIENDLINESS[b.category] && !a.decision && b.decision)))
    ) {
      base = candidate;
      baseUpdatedAt = updatedAt;
    }
  }
  return { base, baseUpdatedAt };
}

/** Rule 2: a timely report turns invalid or late into reported, unless a later school decision rejected it. */
function coveredByReport(
  base: Contribution,
  baseUpdatedAt: EpochSeconds,
  reports: readonly Contribution[],
  date: DayNumber,
  deadlineDays: number,
): boolean {
  const deadline = addDays(date, deadlineDays);
  for (const report of reports) {
    if (report.record.reportedAt === null) continue;
    const reportedAt = instant(report.record.reportedAt);
    if (localDayOf(reportedAt) > deadline) continue;
    const rejected = base.record.decision && baseUpdatedAt > reportedAt;
    if (!rejected) return true;
  }
  return false;
}

/** Rule 4: the largest minutes any record gives, intervals as the union of their overlaps. */
function extentOf(contributions: readonly Contribution[]): { minutes: number; fullDay: boolean } {
  let minutes = 0;
  let fullDay = false;
  const spans: (readonly [number, number])[] = [];
  for (const contribution of contributions) {
    if (contribution.span) spans.push(contribution.span);
    else if (contribution.minutes !== null && contribution.minutes > minutes) minutes = contribution.minutes;
    if (contribution.fullDay) fullDay = true;
  }
  if (spans.length > 0) minutes = Math.max(minutes, unionMinutes(spans));
  return { minutes, fullDay };
}

/** Resolves a slot; null when no record is attributed to it. */
export function resolveSlot(slot: Slot, parameters: ResolutionParameters): ResolvedOccurrence | null {
  if (slot.contributions.length === 1) return resolveSingle(slot, slot.contributions[0] as Contribution, parameters);
  const school: Contribution[] = [];
  const reports: Contribution[] = [];
  for (const contribution of slot.contributions) (contribution.record.bySchool ? school : reports).push(contribution);
  if (school.length === 0 && reports.length === 0) return null;

  let category: RecordCategory;
  let measuredBy: readonly Contribution[];
  if (school.length === 0) {
    category = 'reported'; // rule 3
    measuredBy = reports;
  } else {
    const { base, baseUpdatedAt } = baseOf(school);
    category = base.record.category;
    // Rule 4 reads "the maximum of the school records' minutes". Decision: of the school records
    // that agree with the base. Where platforms disagree on the category, the newest
    // registration says what happened; an older "absent 60 min" must not turn a newer
    // "5 minutes late" into an hour of invalid absence (nor inflate a newer, shorter one).
    // Duplicates of one registration agree on the category, so "maximum, never the sum" holds.
    measuredBy = school.filter((contribution) => contribution.record.category === base.record.category);
    const deadlineDays = parameters.reportDeadlineDaysAfter;
    if ((category === 'invalid' || category === 'late') && coveredByReport(base, baseUpdatedAt, reports, slot.date, deadlineDays)) {
      category = 'reported';
    }
  }

  const extent = extentOf(measuredBy);
  const minutes = slot.occurrence ? Math.min(extent.minutes, slot.occurrence.length) : extent.minutes;

  const evidence = new Set<string>();
  for (const contribution of school) if (contribution.record.category === category) evidence.add(contribution.record.id);
  if (category === 'reported') for (const contribution of reports) evidence.add(contribution.record.id);

  // Rule 5: a late arrival over the limit is invalid absence of its minutes; its late records stay the evidence.
  if (category === 'late' && minutes > parameters.lateArrivalMaxMinutes) category = 'invalid';

  return {
    date: slot.date,
    name: slot.occurrence?.name ?? null,
    start: slot.occurrence?.start ?? startOfLocalDay(slot.date),
    category,
    minutes,
    fullDay: extent.fullDay,
    evidence: [...evidence].sort(),
  };
}

/** The common case of one record on an occurrence: the same rules, without the bookkeeping. */
function resolveSingle(slot: Slot, only: Contribution, parameters: ResolutionParameters): ResolvedOccurrence {
  const { record } = only;
  let category: RecordCategory = record.bySchool ? record.category : 'reported';
  const extent = only.span ? unionMinutes([only.span]) : (only.minutes ?? 0);
  const minutes = slot.occurrence ? Math.min(extent, slot.occurrence.length) : extent;
  if (category === 'late' && minutes > parameters.lateArrivalMaxMinutes) category = 'invalid';
  return {
    date: slot.date,
    name: slot.occurrence?.name ?? null,
    start: slot.occurrence?.start ?? startOfLocalDay(slot.date),
    category,
    minutes,
    fullDay: only.fullDay,
    evidence: [record.id],
  };
}
