/**
 * Calendar arithmetic on plain local dates. The engine works on day numbers (days since
 * 1970-01-01 in the proleptic Gregorian calendar) because every rule compares, subtracts and
 * indexes dates millions of times per run; `YYYY-MM-DD` strings appear only at the edges.
 * Nothing here touches `Date`: a machine's time zone must never move a school day.
 */

/** Days since 1970-01-01. A branded number so a minute count is never passed as a date. */
export type DayNumber = number & { readonly __dayNumber: true };

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Howard Hinnant's days_from_civil: exact for every Gregorian date, integer arithmetic only. */
export function dayNumberOf(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return (era * 146097 + dayOfEra - 719468) as DayNumber;
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The inverse of `dayNumberOf` (civil_from_days). */
export function civilOf(dayNumber: DayNumber): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** The number written by `length` ASCII digits of `text` from `at`, or -1 if any is not a digit. */
export function digitsAt(text: string, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** `YYYY-MM-DD` of a real date → its day number; anything else → null. */
export function parseDate(text: string): DayNumber | null {
  return text.length === 10 ? parseDateAt(text, 0) : null;
}

/**
 * The real date written `YYYY-MM-DD` at `at` in `text` → its day number; anything else → null.
 * Read by character codes, without substrings: this runs for every record of every input.
 */
export function parseDateAt(text: string, at: number): DayNumber | null {
  if (text.length < at + 10 || text.charCodeAt(at + 4) !== 45 || text.charCodeAt(at + 7) !== 45) return null;
  const year = digitsAt(text, at, 4);
  const month = digitsAt(text, at + 5, 2);
  const day = digitsAt(text, at + 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return dayNumberOf(year, month, day);
}

/** `parseDate` for values already validated by the input schema. */
export function dayOf(text: string): DayNumber {
  const day = parseDate(text);
  if (day === null) throw new RangeError('not a real calendar date written YYYY-MM-DD');
  return day;
}

const pad2 = (value: number): string => (value < 10 ? `0${value}` : String(value));

const formatted = new Map<number, string>();
/** Entries kept at most: a nightly run touches a few years of dates, far fewer than this. */
const FORMATTED_LIMIT = 100_000;

/** `YYYY-MM-DD` of a day number. Memoised: every event carries several dates, mostly the same few hundred. */
export function formatDate(dayNumber: DayNumber): string {
  let text = formatted.get(dayNumber);
  if (text === undefined) {
    const { year, month, day } = civilOf(dayNumber);
    text = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
    if (formatted.size >= FORMATTED_LIMIT) formatted.clear();
    formatted.set(dayNumber, text);
  }
  return text;
}

export function addDays(dayNumber: DayNumber, days: number): DayNumber {
  return (dayNumber + days) as DayNumber;
}

/** ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(dayNumber: DayNumber): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/**
 * The same day of the month `months` later, or that month's last day when it has none
 * (31 Aug + 1 month = 30 Sep); this is how `underlagDueBy` counts "two calendar months" (§3.3).
 */
export function addMonthsClamped(dayNumber: DayNumber, months: number): DayNumber {
  const { year, month, day } = civilOf(dayNumber);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return dayNumberOf(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** A `MM-DD` that exists in every year (validated by the parameter schema). */
export interface MonthDay {
  readonly month: number;
  readonly day: number;
}

export function parseMonthDay(text: string): MonthDay {
  return { month: Number(text.slice(0, 2)), day: Number(text.slice(3, 5)) };
}
