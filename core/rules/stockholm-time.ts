/**
 * Instants and Europe/Stockholm local time (rules §2.4: every instant is converted to
 * Europe/Stockholm before anything else).
 *
 * The offset is computed from the EU summer-time rule (in force in Sweden since 1996): CEST,
 * UTC+2, from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October;
 * CET, UTC+1, otherwise. Doing it arithmetically keeps the engine free of `Intl`/ICU data and of
 * the machine's time zone, and makes DST behaviour testable to the second. Dates before 1996 are
 * outside any school data this engine sees and get the same rule.
 */
import type { DayNumber } from './calendar-date.js';
import { dayNumberOf, daysInMonth, digitsAt, isoWeekday, parseDateAt } from './calendar-date.js';

/** Seconds since 1970-01-01T00:00:00Z. */
export type EpochSeconds = number;

const SECONDS_PER_DAY = 86_400;
const CET = 3_600;
const CEST = 7_200;

const LOCAL_TIME = /^(\d{2}):(\d{2})$/;

/** An RFC 3339 instant with an explicit offset → epoch seconds; anything else → null. */
export function parseInstant(text: string): EpochSeconds | null {
  // `YYYY-MM-DDTHH:MM:SS`, then an optional fraction, then `Z` or `±HH:MM`. Read by character
  // codes: this runs for every record version of every input.
  const date = text.length >= 20 ? parseDateAt(text, 0) : null;
  if (date === null) return null;
  const t = text.charCodeAt(10);
  if ((t !== 84 && t !== 116) || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return null;
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  let at = 19;
  let fraction = 0;
  if (text.charCodeAt(at) === 46) {
    const start = at + 1;
    at = start;
    while (at < text.length && text.charCodeAt(at) >= 48 && text.charCodeAt(at) <= 57) at += 1;
    if (at === start) return null;
    fraction = Number(`0.${text.slice(start, at)}`);
  }
  const zone = text.charCodeAt(at);
  let offset: number;
  if ((zone === 90 || zone === 122) && at + 1 === text.length) {
    offset = 0;
  } else if ((zone === 43 || zone === 45) && at + 6 === text.length && text.charCodeAt(at + 3) === 58) {
    const offsetHours = digitsAt(text, at + 1, 2);
    const offsetMinutes = digitsAt(text, at + 4, 2);
    if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) return null;
    offset = (zone === 45 ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
  } else {
    return null;
  }
  return date * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offset + fraction;
}

/** `HH:MM` → minutes after local midnight; anything else → null. */
export function parseLocalTime(text: string): number | null {
  const match = LOCAL_TIME.exec(text);
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? hour * 60 + minute : null;
}

function lastSundayOf(year: number, month: number): DayNumber {
  const last = dayNumberOf(year, month, daysInMonth(year, month));
  return (last - (isoWeekday(last) % 7)) as DayNumber;
}

const summerTimeCache = new Map<number, readonly [EpochSeconds, EpochSeconds]>();

/** [start, end) of summer time in `year`, in UTC seconds. */
function summerTimeOf(year: number): readonly [EpochSeconds, EpochSeconds] {
  let span = summerTimeCache.get(year);
  if (!span) {
    span = [
      lastSundayOf(year, 3) * SECONDS_PER_DAY + 3600,
      lastSundayOf(year, 10) * SECONDS_PER_DAY + 3600,
    ] as const;
    summerTimeCache.set(year, span);
  }
  return span;
}

function utcYearOf(instant: EpochSeconds): number {
  // Any instant's UTC year is within one of the year of its day number / 365.2425.
  const day = Math.floor(instant / SECONDS_PER_DAY);
  let year = Math.floor(day / 365.2425) + 1970;
  if (dayNumberOf(year, 1, 1) > day) year -= 1;
  else if (dayNumberOf(year + 1, 1, 1) <= day) year += 1;
  return year;
}

/** The Stockholm UTC offset in seconds at an instant. */
export function stockholmOffsetAt(instant: EpochSeconds): number {
  const [start, end] = summerTimeOf(utcYearOf(instant));
  return instant >= start && instant < end ? CEST : CET;
}

/** Local wall-clock seconds since 1970-01-01T00:00 (Stockholm). */
function localSecondsOf(instant: EpochSeconds): number {
  return instant + stockholmOffsetAt(instant);
}

/** The Stockholm local date of an instant. */
export function localDayOf(instant: EpochSeconds): DayNumber {
  return Math.floor(localSecondsOf(instant) / SECONDS_PER_DAY) as DayNumber;
}

/**
 * The instant of a Stockholm wall-clock time. An ambiguous time (the repeated hour in October)
 * is its first occurrence; a time that does not exist (the skipped hour in March) is read with
 * the offset before the change, so 02:30 becomes 03:30 CEST — lessons are never scheduled there,
 * but the result must still be defined.
 */
export function instantOfLocal(day: DayNumber, minuteOfDay: number): EpochSeconds {
  const local = day * SECONDS_PER_DAY + minuteOfDay * 60;
  for (const offset of [CEST, CET]) {
    if (stockholmOffsetAt(local - offset) === offset) return local - offset;
  }
  return local - CET;
}

/** Local midnight starting `day` as an instant. */
export function startOfLocalDay(day: DayNumber): EpochSeconds {
  return instantOfLocal(day, 0);
}

/** Whole minutes in a span of seconds; a partial minute is not counted (minutes are never rounded up). */
export function wholeMinutes(seconds: number): number {
  return Math.floor(seconds / 60 + 1e-9);
}
