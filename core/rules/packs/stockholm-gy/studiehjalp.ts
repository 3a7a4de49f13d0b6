/**
 * Studiehjälp dates (F27) and the informational CSN fields of a `csn.report` (§3.3, F23, F25).
 * They never block an event; they tell the person sending the report what CSN expects.
 */
import type { DayNumber } from '../../calendar-date.js';
import { addDays, addMonthsClamped, civilOf, dayNumberOf, dayOf, formatDate } from '../../calendar-date.js';

/** CSN's own guidance (F21–F23): at least four hours in a month, on repeated occasions. Not a parameter: it is CSN's. */
export const CSN_GUIDANCE_MINUTES = 240;
export const CSN_GUIDANCE_OCCASIONS = 2;

/** 30 June of the year the student turns `endAge`: after it, studiemedel and no skolk reporting (F27). */
export function studiehjalpEndOf(birthDate: string, endAge: number): DayNumber {
  return dayNumberOf(civilOf(dayOf(birthDate)).year + endAge, 6, 30);
}

/**
 * The first day studiebidrag is paid: the first day of the calendar quarter after the 16th
 * birthday, moved to 1 September when that is 1 April or 1 July (birthdays January–June are
 * first paid in September, F27).
 */
export function studiebidragStartOf(birthDate: string): DayNumber {
  const { year, month } = civilOf(dayOf(birthDate));
  const sixteen = year + 16;
  const nextQuarterMonth = (Math.floor((month - 1) / 3) + 1) * 3 + 1;
  if (nextQuarterMonth > 12) return dayNumberOf(sixteen + 1, 1, 1);
  if (nextQuarterMonth === 4 || nextQuarterMonth === 7) return dayNumberOf(sixteen, 9, 1);
  return dayNumberOf(sixteen, nextQuarterMonth, 1);
}

export interface CsnWindowFacts {
  /** Dates with invalid minutes in the window, ascending, and their minutes. */
  readonly invalidDates: readonly DayNumber[];
  readonly invalidMinutes: number;
}

/** The details of `csn.report` #`ordinal` triggered on `day`, with the informational fields of §3.3. */
export function csnReportDetails(ordinal: number, window: CsnWindowFacts, day: DayNumber, birthDate: string) {
  const first = window.invalidDates[0] ?? day;
  const occasions = window.invalidDates.length;
  return {
    ordinal,
    firstSkolkDate: formatDate(first),
    invalidMinutes30d: window.invalidMinutes,
    occasions30d: occasions,
    csnGuidanceMet: window.invalidMinutes >= CSN_GUIDANCE_MINUTES && occasions >= CSN_GUIDANCE_OCCASIONS,
    earliestNormalSubmission: formatDate(addDays(first, 30)),
    earliestExceptionalSubmission: formatDate(addDays(first, 15)),
    underlagDueBy: formatDate(addMonthsClamped(first, 2)),
    studiebidragStarted: day >= studiebidragStartOf(birthDate),
  };
}
