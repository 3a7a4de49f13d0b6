/**
 * Every date format the five platform files use, read as Europe/Stockholm where no zone is given
 * (platforms/README §2), and returned as canonical values: instants as RFC 3339 UTC strings
 * (`2026-03-09T07:31:07.000Z`), dates as `YYYY-MM-DD`.
 *
 * The Stockholm offset comes from core's arithmetic EU summer-time rule (core/rules/stockholm-time),
 * the same one the rule engine uses, so a connector and the engine never disagree about an hour.
 * A local time in the repeated autumn hour is its FIRST occurrence (Skolplattformen's file says so
 * explicitly; no file says otherwise). A local time in the skipped spring hour does not exist and
 * is an error: a platform that writes one has written a defect, which the record's quarantine names.
 *
 * Errors never echo the input: a malformed value can be anything, including personal data.
 */
import type { DayNumber } from '../../core/rules/calendar-date.js';
import { addDays, civilOf, dayNumberOf, daysInMonth, formatDate, isoWeekday } from '../../core/rules/calendar-date.js';
import { instantOfLocal, stockholmOffsetAt } from '../../core/rules/stockholm-time.js';

export class DateFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DateFormatError';
  }
}

const SECONDS_PER_DAY = 86_400;

/** An RFC 3339 UTC instant with milliseconds. */
export type Instant = string;

function toInstant(epochMs: number): Instant {
  if (!Number.isFinite(epochMs)) throw new DateFormatError('instant out of range');
  const date = new Date(epochMs);
  if (Number.isNaN(date.getTime())) throw new DateFormatError('instant out of range');
  return date.toISOString();
}

function dayOrThrow(year: number, month: number, day: number, format: string): DayNumber {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new DateFormatError(`not a real calendar date (${format})`);
  }
  return dayNumberOf(year, month, day);
}

function checkClock(hour: number, minute: number, second: number, format: string): void {
  if (hour > 23 || minute > 59 || second > 59) throw new DateFormatError(`not a real time of day (${format})`);
}

/** Milliseconds from a fraction written with any number of digits (truncated, never rounded up). */
function fractionMs(digits: string | undefined): number {
  if (!digits) return 0;
  return Number(digits.padEnd(3, '0').slice(0, 3));
}

/**
 * The instant of a Stockholm wall-clock time: the first occurrence in the repeated autumn hour; a
 * time in the skipped spring hour throws.
 */
export function stockholmLocalToEpochMs(day: DayNumber, hour: number, minute: number, second = 0, ms = 0): number {
  const minuteOfDay = hour * 60 + minute;
  const instant = instantOfLocal(day, minuteOfDay);
  const local = instant + stockholmOffsetAt(instant);
  if (local !== day * SECONDS_PER_DAY + minuteOfDay * 60) {
    throw new DateFormatError('local time does not exist in Europe/Stockholm (skipped by the spring DST change)');
  }
  return (instant + second) * 1000 + ms;
}

/** The Stockholm local date of an instant. */
export function stockholmDateOf(instant: Instant): string {
  const epochMs = Date.parse(instant);
  if (Number.isNaN(epochMs)) throw new DateFormatError('not an instant');
  const seconds = Math.floor(epochMs / 1000);
  return formatDate(Math.floor((seconds + stockholmOffsetAt(seconds)) / SECONDS_PER_DAY) as DayNumber);
}

const OFFSET_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

function parseWithOffset(text: string, maxFractionDigits: number, format: string): Instant {
  const match = OFFSET_DATE_TIME.exec(text);
  if (!match) throw new DateFormatError(`expected ${format}`);
  const [, y, mo, d, h, mi, s, fraction, zone] = match as unknown as [string, string, string, string, string, string, string, string | undefined, string];
  if (fraction !== undefined && fraction.length > maxFractionDigits) throw new DateFormatError(`expected ${format}`);
  checkClock(Number(h), Number(mi), Number(s), format);
  const day = dayOrThrow(Number(y), Number(mo), Number(d), format);
  let offsetSeconds = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const offsetHours = Number(zone.slice(1, 3));
    const offsetMinutes = Number(zone.slice(4, 6));
    if (offsetHours > 23 || offsetMinutes > 59) throw new DateFormatError(`expected ${format}`);
    offsetSeconds = (zone.startsWith('-') ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  }
  const seconds = day * SECONDS_PER_DAY + Number(h) * 3600 + Number(mi) * 60 + Number(s) - offsetSeconds;
  return toInstant(seconds * 1000 + fractionMs(fraction));
}

/** Skola24: `yyyy-MM-ddTHH:mm:ss.fffffffzzz` — 0–7 fraction digits and an offset (or `Z`). */
export function parseDotNetDateTime(text: string): Instant {
  return parseWithOffset(text, 7, '.NET date-time with offset');
}

/** SS 12000: RFC 3339 `date-time` (offset required, any fraction). */
export function parseRfc3339(text: string): Instant {
  return parseWithOffset(text, 9, 'RFC 3339 date-time');
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/;

/** Skola24 lesson times, Skolplattformen, InfoMentor `jsonDateIso`: `yyyy-MM-ddTHH:mm:ss[.f…]` without zone, Stockholm. */
export function parseLocalDateTime(text: string): Instant {
  const match = LOCAL_DATE_TIME.exec(text);
  if (!match) throw new DateFormatError('expected local date-time yyyy-MM-ddTHH:mm:ss');
  return localInstant(match, 'local date-time');
}

const SPACED_SECONDS = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/** SchoolSoft `changed` / `creDate`: `yyyy-MM-dd HH:mm:ss.S`, Stockholm. */
export function parseLocalTimestamp(text: string): Instant {
  const match = SPACED_SECONDS.exec(text);
  if (!match) throw new DateFormatError('expected yyyy-MM-dd HH:mm:ss.S');
  return localInstant(match, 'yyyy-MM-dd HH:mm:ss.S');
}

const SPACED_MINUTES = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

/** Skolplattformen: `YYYY-MM-DD HH:mm`, Stockholm. */
export function parseLocalDateMinute(text: string): Instant {
  const match = SPACED_MINUTES.exec(text);
  if (!match) throw new DateFormatError('expected YYYY-MM-DD HH:mm');
  return localInstant(match, 'YYYY-MM-DD HH:mm');
}

function localInstant(match: RegExpExecArray, format: string): Instant {
  const [, y, mo, d, h, mi, s = '0', fraction] = match as unknown as [string, string, string, string, string, string, string | undefined, string | undefined];
  checkClock(Number(h), Number(mi), Number(s), format);
  const day = dayOrThrow(Number(y), Number(mo), Number(d), format);
  return toInstant(stockholmLocalToEpochMs(day, Number(h), Number(mi), Number(s), fractionMs(fraction)));
}

const JSON_DATE = /^\\?\/Date\((-?\d+)(?:[+-]\d{4})?\)\\?\/$/;

/**
 * InfoMentor, Skolplattformen: `/Date(1773041467000)/`, also as the raw-JSON `\/Date(…)\/` and with
 * a `+0100` suffix. The milliseconds are UTC; the suffix only says how .NET would display them.
 */
export function parseJsonDate(text: string): Instant {
  const match = JSON_DATE.exec(text);
  if (!match) throw new DateFormatError('expected /Date(ms)/');
  return toInstant(Number(match[1]));
}

/** SchoolSoft window bounds and leave dates: epoch milliseconds, as a number or a digit string. */
export function parseEpochMs(value: number | string): Instant {
  if (typeof value === 'string' && !/^-?\d+$/.test(value)) throw new DateFormatError('expected epoch milliseconds');
  const ms = Number(value);
  if (!Number.isSafeInteger(ms)) throw new DateFormatError('expected epoch milliseconds');
  return toInstant(ms);
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → the same text, once it is known to be a real date. */
export function parseLocalDate(text: string): string {
  return formatDate(dayOfText(text));
}

function dayOfText(text: string): DayNumber {
  const match = DATE_ONLY.exec(text);
  if (!match) throw new DateFormatError('expected YYYY-MM-DD');
  return dayOrThrow(Number(match[1]), Number(match[2]), Number(match[3]), 'YYYY-MM-DD');
}

const TIME_ONLY = /^(\d{2}):(\d{2})$/;

/** `HH:mm` → minutes after local midnight. */
export function parseLocalTime(text: string): number {
  const match = TIME_ONLY.exec(text);
  if (!match) throw new DateFormatError('expected HH:mm');
  checkClock(Number(match[1]), Number(match[2]), 0, 'HH:mm');
  return Number(match[1]) * 60 + Number(match[2]);
}

/** A `YYYY-MM-DD` date and an `HH:mm` time (InfoMentor `shortDate` + `time`, SchoolSoft lessons) → instant. */
export function instantAtLocal(date: string, time: string): Instant {
  const minutes = parseLocalTime(time);
  return toInstant(stockholmLocalToEpochMs(dayOfText(date), Math.floor(minutes / 60), minutes % 60));
}

/** Local midnight starting `date` (Stockholm). */
export function startOfLocalDate(date: string): Instant {
  return toInstant(stockholmLocalToEpochMs(dayOfText(date), 0, 0));
}

/** The date of ISO week `week`, weekday `dayId` (0 = Monday … 6 = Sunday) in ISO week-year `isoYear`. */
export function isoWeekDate(isoYear: number, week: number, dayId: number): string {
  if (!Number.isInteger(week) || week < 1 || week > isoWeeksIn(isoYear)) throw new DateFormatError('ISO week out of range');
  if (!Number.isInteger(dayId) || dayId < 0 || dayId > 6) throw new DateFormatError('dayId out of range (0 = Monday … 6 = Sunday)');
  return formatDate(addDays(mondayOfIsoWeek1(isoYear), (week - 1) * 7 + dayId));
}

function mondayOfIsoWeek1(isoYear: number): DayNumber {
  // Week 1 is the week with 4 January in it.
  const jan4 = dayNumberOf(isoYear, 1, 4);
  return addDays(jan4, -(isoWeekday(jan4) - 1));
}

function isoWeeksIn(isoYear: number): number {
  return (mondayOfIsoWeek1(isoYear + 1) - mondayOfIsoWeek1(isoYear)) / 7;
}

/**
 * An ISO week without a year, resolved against a reference date: the candidate (previous, same or
 * next ISO week-year) nearest to it. Use for a week that came with a page whose date is known.
 */
export function resolveIsoWeek(week: number, dayId: number, referenceDate: string): string {
  const reference = dayOfText(referenceDate);
  const { year } = civilOf(reference);
  let best: { date: string; distance: number } | null = null;
  for (const candidateYear of [year - 1, year, year + 1]) {
    if (week > isoWeeksIn(candidateYear)) continue;
    const date = isoWeekDate(candidateYear, week, dayId);
    const distance = Math.abs(dayOfText(date) - reference);
    if (best === null || distance < best.distance) best = { date, distance };
  }
  if (best === null) throw new DateFormatError('ISO week out of range');
  return best.date;
}

/**
 * SchoolSoft (schoolsoft.md "Week to date"): in school year `"2025/2026"` a week ≥ 27 is in the
 * first year's ISO week-year, a lower week in the second's.
 */
export function schoolYearWeekDate(schoolYear: string, week: number, dayId: number): string {
  const match = /^(\d{4})\/(\d{4})$/.exec(schoolYear);
  if (!match || Number(match[2]) !== Number(match[1]) + 1) throw new DateFormatError('expected school year YYYY/YYYY');
  return isoWeekDate(week >= 27 ? Number(match[1]) : Number(match[2]), week, dayId);
}

const SWEDISH_MONTHS = [
  'januari', 'februari', 'mars', 'april', 'maj', 'juni',
  'juli', 'augusti', 'september', 'oktober', 'november', 'december',
];
const SWEDISH_WEEKDAYS = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'];

const SWEDISH_LONG = /^(?:([a-zåäö]+) )?(\d{1,2}) ([a-zåäö]+) (\d{4})(?: (\d{2}):(\d{2}))?$/;

function matchSwedish(text: string): { day: DayNumber; time: [number, number] | null } {
  const match = SWEDISH_LONG.exec(text.trim().toLowerCase().normalize('NFC'));
  if (!match) throw new DateFormatError('expected a Swedish long date');
  const [, weekday, d, monthName, y, h, mi] = match as unknown as [string, string | undefined, string, string, string, string | undefined, string | undefined];
  const month = SWEDISH_MONTHS.indexOf(monthName) + 1;
  if (month === 0) throw new DateFormatError('unknown Swedish month name');
  const day = dayOrThrow(Number(y), month, Number(d), 'Swedish long date');
  if (weekday !== undefined && SWEDISH_WEEKDAYS.indexOf(weekday) !== isoWeekday(day) - 1) {
    throw new DateFormatError('weekday does not match the date');
  }
  return { day, time: h === undefined || mi === undefined ? null : [Number(h), Number(mi)] };
}

/** InfoMentor `longDate`: `tisdag 10 mars 2026` (weekday optional, and checked when present) → `2026-03-10`. */
export function parseSwedishLongDate(text: string): string {
  const { day, time } = matchSwedish(text);
  if (time !== null) throw new DateFormatError('expected a Swedish long date without time');
  return formatDate(day);
}

/** Skolplattformen display dates: `9 mars 2026 08:00` → instant (Stockholm). */
export function parseSwedishLongDateTime(text: string): Instant {
  const { day, time } = matchSwedish(text);
  if (time === null) throw new DateFormatError('expected a Swedish long date with HH:mm');
  checkClock(time[0], time[1], 0, 'Swedish long date-time');
  return toInstant(stockholmLocalToEpochMs(day, time[0], time[1]));
}

export interface TimeSpan {
  readonly startTime: Instant;
  readonly endTime: Instant;
  readonly allDay: boolean;
}

/** platforms/README §2: whole days A..B (inclusive) → A 00:00 to (B + 1) 00:00 local, `allDay`. */
export function wholeDaySpan(fromDate: string, toDate: string = fromDate): TimeSpan {
  const from = dayOfText(fromDate);
  const to = dayOfText(toDate);
  if (to < from) throw new DateFormatError('whole-day span ends before it starts');
  return {
    startTime: toInstant(stockholmLocalToEpochMs(from, 0, 0)),
    endTime: toInstant(stockholmLocalToEpochMs(addDays(to, 1), 0, 0)),
    allDay: true,
  };
}

/** platforms/README §2: morning 00:00–12:00, afternoon 12:00–24:00 local. Not `allDay`. */
export function halfDaySpan(date: string, half: 'morning' | 'afternoon'): TimeSpan {
  const day = dayOfText(date);
  return half === 'morning'
    ? { startTime: toInstant(stockholmLocalToEpochMs(day, 0, 0)), endTime: toInstant(stockholmLocalToEpochMs(day, 12, 0)), allDay: false }
    : { startTime: toInstant(stockholmLocalToEpochMs(day, 12, 0)), endTime: toInstant(stockholmLocalToEpochMs(addDays(day, 1), 0, 0)), allDay: false };
}
