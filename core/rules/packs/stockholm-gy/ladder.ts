/**
 * Rule pack `stockholm-gy` (rules §3): the Stockholm gymnasium ladder — oral warning, written
 * warning, CSN report, regained allowance — replayed school day by school day.
 *
 * Per day d, in this order (§3.3): a new school year resets the ladder (L6); L4 counts the clean
 * streak while the allowance is withdrawn; then the one rule of L1–L3 that matches the ladder.
 */
import type { DayNumber } from '../../calendar-date.js';
import { formatDate } from '../../calendar-date.js';
import type { EventOfType, EventType, Recipient, RuleEvent } from '../../events.js';
import { createEvent } from '../../events.js';
import type { StockholmGyParameters } from '../../parameters.js';
import type { ResolvedOccurrence } from '../../resolution.js';
import type { Timeline } from '../../timeline.js';
import { isInvalidAbsence, isLateArrival } from '../../timeline.js';
import { addresseesOf, evidenceOf, isUnderAge, letterRecipient, minutesOf } from '../shared.js';
import { csnReportDetails, studiehjalpEndOf } from './studiehjalp.js';

const PACK = 'stockholm-gy';
const NONE: readonly ResolvedOccurrence[] = [];
/** A letter goes to the guardians below this age (§2.7, A8); not a parameter of this pack. */
const ADULT_AGE = 18;
/** `hemkommun.notice` concerns students under 20 (15 kap. 15 §, F8). */
const HEMKOMMUN_NOTICE_UNDER_AGE = 20;

/**
 * What the replay knows from before its start (§2.6 lookback), read from the frozen events of the
 * previous state. Decision: the spec starts the replay with CSN `ACTIVE`, but the CSN state is
 * never reset by the calendar (§3.2) and reports are numbered over the whole history (§2.6), so
 * the numbering continues after the last frozen report, and a frozen report without its resume
 * keeps the allowance withdrawn, its clean streak counted afresh from the replay's first day.
 */
export interface CsnHistory {
  readonly lastOrdinal: number;
  readonly withdrawn: boolean;
}

export const NO_CSN_HISTORY: CsnHistory = { lastOrdinal: 0, withdrawn: false };

/** The occurrences of day i that `keep` selects; most days have none, so no array is made for them. */
function occurrencesOn(timeline: Timeline, i: number, keep: (occurrence: ResolvedOccurrence) => boolean): readonly ResolvedOccurrence[] {
  const all = timeline.occurrences[i];
  return all && all.length > 0 ? all.filter(keep) : NONE;
}

/** Minutes and whether any occurrence of day i is selected by `keep`, without building a list. */
function tally(timeline: Timeline, i: number, keep: (occurrence: ResolvedOccurrence) => boolean): { minutes: number; any: boolean } {
  const all = timeline.occurrences[i];
  let minutes = 0;
  let any = false;
  if (all) {
    for (const occurrence of all) {
      if (keep(occurrence)) {
        minutes += occurrence.minutes;
        any = true;
      }
    }
  }
  return { minutes, any };
}

/** With `lateCountsTowardOral`, L1 also counts late arrivals with their minutes. */
function isInvalidOrLate(occurrence: ResolvedOccurrence): boolean {
  return isInvalidAbsence(occurrence) || (isLateArrival(occurrence) && occurrence.minutes > 0);
}

type Ladder =
  | { readonly step: 'none' }
  | { readonly step: 'oral'; readonly since: number; readonly lates: ResolvedOccurrence[] }
  | { readonly step: 'written'; readonly since: number };

type Csn =
  | { readonly state: 'active' }
  | {
      readonly state: 'withdrawn';
      /** Day index of the report; -1 when withdrawn before the replay started. */
      readonly since: number;
      readonly ordinal: number;
      streak: number;
      streakStart: DayNumber | null;
    };

export function evaluateStockholmGy(
  timeline: Timeline,
  parameters: StockholmGyParameters,
  history: CsnHistory = NO_CSN_HISTORY,
): RuleEvent[] {
  const student = timeline.subject.student;
  if (student.schoolType !== 'GY') return [];
  const { days } = timeline;
  const events: RuleEvent[] = [];
  const subject = timeline.subject.key;
  /** Records an event of this pack; `key` ends its identity (§2.6): the school year or the ordinal. */
  const emit = <T extends EventType>(
    type: T,
    key: string | number,
    day: DayNumber,
    recipient: Recipient,
    evidence: string[],
    details: EventOfType<T>['details'],
    addressees?: RuleEvent['addressees'],
  ): void => {
    events.push(
      createEvent({
        id: `${PACK}:${type}:${subject}:${key}`,
        pack: PACK,
        type,
        triggerDate: formatDate(day),
        subject,
        protectedIdentity: timeline.protectedIdentity,
        recipient,
        evidence,
        details,
        addressees,
      }),
    );
  };

  const countsForOral = parameters.lateCountsTowardOral ? isInvalidOrLate : isInvalidAbsence;
  const invalidOn = (i: number) => occurrencesOn(timeline, i, isInvalidAbsence);
  const oralCountedOn = (i: number) => occurrencesOn(timeline, i, countsForOral);

  const { replay } = timeline;
  const windows = replay.windowsOf(parameters.oralWindowDays);
  // The L1 window as running sums: its start never moves back (§2.5).
  let windowFrom = 0;
  let windowMinutes = 0;
  let windowOccasions = 0;

  const isCountingDay = (i: number, since: number): boolean => i - since > parameters.continuationGraceSchoolDays;
  const studiehjalpEnd = studiehjalpEndOf(student.birthDate, parameters.studiehjalpEndAge);
  const hemkommunApplies = parameters.hemkommunNotice === 'auto' && timeline.primaryHuvudman !== student.homeMunicipality;

  let ladder: Ladder = { step: 'none' };
  let csn: Csn = history.withdrawn
    ? { state: 'withdrawn', since: -1, ordinal: history.lastOrdinal, streak: 0, streakStart: null }
    : { state: 'active' };
  let lastOrdinal = history.lastOrdinal;
  let suppressedThisYear = false;

  for (let i = 0; i < days.length; i += 1) {
    const day = days[i] as DayNumber;
    const hasInvalid = tally(timeline, i, isInvalidAbsence).any;
    const entering = tally(timeline, i, countsForOral);
    windowMinutes += entering.minutes;
    windowOccasions += entering.any ? 1 : 0;
    const from = windows.fromIndex[i] ?? i;
    for (; windowFrom < from; windowFrom += 1) {
      const leaving = tally(timeline, windowFrom, countsForOral);
      windowMinutes -= leaving.minutes;
      windowOccasions -= leaving.any ? 1 : 0;
    }
    if (replay.opensSchoolYear(i)) {
      ladder = { step: 'none' }; // L6: the ladder and the late count reset; the CSN state carries over
      suppressedThisYear = false;
    }

    // L4: clean streak while withdrawn. Only invalid absence breaks it (A12).
    if (csn.state === 'withdrawn' && i > csn.since) {
      if (hasInvalid) {
        csn.streak = 0;
        csn.streakStart = null;
      } else {
        csn.streak += 1;
        csn.streakStart ??= day;
        if (csn.streak >= parameters.regainCleanSchoolDays) {
          emit('csn.resume', csn.ordinal, day, 'csnReporter', [], { ordinal: csn.ordinal, cleanSince: formatDate(csn.streakStart) });
          csn = { state: 'active' };
        }
      }
    }

    if (ladder.step === 'none') {
      // L1: the rolling window, clipped to the school year (A3).
      const occasions = windowOccasions;
      const minutes = windowMinutes;
      if (occasions >= parameters.oralMinOccasions && minutes >= parameters.oralMinInvalidMinutes) {
        const windowOccurrences: ResolvedOccurrence[] = [];
        for (let k = from; k <= i; k += 1) windowOccurrences.push(...oralCountedOn(k));
        const schoolYear = replay.schoolYearOf(i);
        emit('warning.oral', schoolYear, day, 'mentor', evidenceOf(windowOccurrences), {
          schoolYear,
          windowStart: formatDate(windows.fromDay[i] ?? day),
          windowEnd: formatDate(day),
          occasions,
          invalidMinutes: minutes,
        });
        ladder = { step: 'oral', since: i, lates: [] };
      }
    } else if (ladder.step === 'oral') {
      // L2: "continues to skip" — only on counting days after the oral trigger (A5).
      if (isCountingDay(i, ladder.since)) {
        let reason: 'lesson' | 'lateArrivals' | null = null;
        let evidence: string[] = [];
        if (hasInvalid) {
          reason = 'lesson';
          evidence = evidenceOf(invalidOn(i));
        } else {
          ladder.lates.push(...occurrencesOn(timeline, i, isLateArrival));
          if (ladder.lates.length >= parameters.writtenLateArrivals) {
            reason = 'lateArrivals';
            evidence = evidenceOf(ladder.lates.slice(0, parameters.writtenLateArrivals));
          }
        }
        if (reason) {
          const recipient = letterRecipient(student, day, ADULT_AGE);
          const schoolYear = replay.schoolYearOf(i);
          const details = { schoolYear, reason, validUntil: formatDate(replay.years.endOf(day)) };
          emit('warning.written', schoolYear, day, recipient, evidence, details, recipient === 'guardians' ? addresseesOf(student) : undefined);
          ladder = { step: 'written', since: i };
        }
      }
    } else if (isCountingDay(i, ladder.since) && hasInvalid && csn.state === 'active') {
      // L3 (and L5: after a regain the written warning still stands).
      const evidence = evidenceOf(invalidOn(i));
      if (day > studiehjalpEnd) {
        if (!suppressedThisYear) {
          const schoolYear = replay.schoolYearOf(i);
          const details = { schoolYear, reason: 'STUDIEMEDEL_AGE', studiehjalpEndedOn: formatDate(studiehjalpEnd) } as const;
          emit('csn.report.suppressed', schoolYear, day, 'csnReporter', evidence, details);
          suppressedThisYear = true;
        }
      } else {
        lastOrdinal += 1;
        const invalidDates: DayNumber[] = [];
        let invalidMinutes = 0;
        for (let k = from; k <= i; k += 1) {
          const dayInvalid = invalidOn(k);
          if (dayInvalid.length > 0) invalidDates.push(days[k] as DayNumber);
          invalidMinutes += minutesOf(dayInvalid);
        }
        const details = csnReportDetails(lastOrdinal, { invalidDates, invalidMinutes }, day, student.birthDate);
        emit('csn.report', lastOrdinal, day, 'csnReporter', evidence, details);
        if (hemkommunApplies && isUnderAge(student, day, HEMKOMMUN_NOTICE_UNDER_AGE)) {
          emit('hemkommun.notice', lastOrdinal, day, 'homeMunicipality', evidence, { ordinal: lastOrdinal });
        }
        csn = { state: 'withdrawn', since: i, ordinal: lastOrdinal, streak: 0, streakStart: null };
      }
    }
  }
  return events;
}

