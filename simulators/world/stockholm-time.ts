/**
 * Europe/Stockholm without a tz library: the EU rule (summer time from the last Sunday of March
 * 01:00 UTC to the last Sunday of October 01:00 UTC) has held since 1996 and is all the world
 * needs. The test checks it against Intl.DateTimeFormat, which ships the real tz data.
 *
 * Dates are day numbers (days since 1970-01-01) or `YYYY-MM-DD`; instants are epoch milliseconds.
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

const CET_OFFSET_MINUTES = 60;
const CEST_OFFSET_MINUTES = 120;

/** Epoch ms of the last Sunday of `month` (1-based) in `year`, 01:00 UTC: when the EU clocks change. */
function lastSundayAt0100Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month, 0));
  const sunday = lastDay.getUTCDate() - lastDay.getUTCDay();
  return Date.UTC(year, month - 1, sunday, 1);
}

const summerByYear = new Map<number, readonly [number, number]>();

/** Offset from UTC in minutes (60 or 120) that Stockholm shows at the instant. */
export function stockholmOffsetMinutes(instantMs: number): number {
  const year = new Date(instantMs).getUTCFullYear();
  let summer = summerByYear.get(year);
  if (!summer) {
    summer = [lastSundayAt0100Utc(year, 3), lastSundayAt0100Utc(year, 10)];
    summerByYear.set(year, summer);
  }
  return instantMs >= summer[0] && instantMs < summer[1] ? CEST_OFFSET_MINUTES : CET_OFFSET_MINUTES;
}

const dayNumbers = new Map<string, number>();
const isoDates = new Map<number, string>();

export function dayNumberOf(isoDate: string): number {
  let dayNumber = dayNumbers.get(isoDate);
  if (dayNumber === undefined) {
    const [year, month, day] = isoDate.split('-').map(Number);
    dayNumber = Date.UTC(year ?? NaN, (month ?? NaN) - 1, day ?? NaN) / MS_PER_DAY;
    // Dates are few (a school year and the birthdays around it); the memo stays small.
    if (dayNumbers.size < 100_000) dayNumbers.set(isoDate, dayNumber);
  }
  return dayNumber;
}

export function isoDateOf(dayNumber: number): string {
  let isoDate = isoDates.get(dayNumber);
  if (isoDate === undefined) {
    isoDate = new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoDates.size < 100_000) isoDates.set(dayNumber, isoDate);
  }
  return isoDate;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
export function isoWeekday(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** ISO 8601 week of a day number. */
export function isoWeek(dayNumber: number): { year: number; week: number } {
  const thursday = dayNumber - isoWeekday(dayNumber) + 4;
  const year = new Date(thursday * MS_PER_DAY).getUTCFullYear();
  const firstDay = Date.UTC(year, 0, 1) / MS_PER_DAY;
  return { year, week: Math.floor((thursday - firstDay) / 7) + 1 };
}

export type RepeatedHourChoice = 'earlier' | 'later';

/**
 * The instant of a Stockholm wall-clock time on a day. In the repeated autumn hour the earlier
 * instant (still summer time) is the default, as platforms that print local times resolve it;
 * a time inside the spring gap does not exist and moves forward by the gap (02:30 → 03:30).
 */
export function localToInstant(dayNumber: number, minuteOfDay: number, choice: RepeatedHourChoice = 'earlier'): number {
  const wallAsUtc = dayNumber * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE;
  const asSummer = wallAsUtc - CEST_OFFSET_MINUTES * MS_PER_MINUTE;
  const asWinter = wallAsUtc - CET_OFFSET_MINUTES * MS_PER_MINUTE;
  const summerFits = stockholmOffsetMinutes(asSummer) === CEST_OFFSET_MINUTES;
  const winterFits = stockholmOffsetMinutes(asWinter) === CET_OFFSET_MINUTES;
  if (summerFits && winterFits) return choice === 'earlier' ? asSummer : asWinter;
  if (summerFits) return asSummer;
  return asWinter;
}

/** Stockholm midnight that starts the day. */
export function startOfLocalDay(dayNumber: number): number {
  return localToInstant(dayNumber, 0);
}

export interface LocalDateTime {
  readonly dayNumber: number;
  readonly date: string;
  /** Minutes since local midnight, fractional seconds dropped. */
  readonly minuteOfDay: number;
  /** `HH:mm:ss` */
  readonly time: string;
  readonly offsetMinutes: number;
}

export function instantToLocal(instantMs: number): LocalDateTime {
  const offsetMinutes = stockholmOffsetMinutes(instantMs);
  const wall = instantMs + offsetMinutes * MS_PER_MINUTE;
  const dayNumber = Math.floor(wall / MS_PER_DAY);
  const msOfDay = wall - dayNumber * MS_PER_DAY;
  const iso = new Date(wall).toISOString();
  return {
    dayNumber,
    date: iso.slice(0, 10),
    minuteOfDay: Math.floor(msOfDay / MS_PER_MINUTE),
    time: iso.slice(11, 19),
    offsetMinutes,
  };
}

export function localDayNumberOf(instantMs: number): number {
  return instantToLocal(instantMs).dayNumber;
}

/** RFC 3339 with the Stockholm offset and whole seconds: `2026-03-09T08:20:00+01:00`. */
export function formatStockholm(instantMs: number): string {
  const local = instantToLocal(instantMs);
  const hours = String(local.offsetMinutes / 60).padStart(2, '0');
  return `${local.date}T${local.time}+${hours}:00`;
}

/** `HH:mm` of a minute of the day. */
export function formatMinuteOfDay(minuteOfDay: number): string {
  const hours = Math.floor(minuteOfDay / 60);
  return `${String(hours).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

/** Parses `HH:mm` to minutes since midnight. */
export function parseMinuteOfDay(text: string): number {
  const [hours, minutes] = text.split(':').map(Number);
  return (hours ?? NaN) * 60 + (minutes ?? NaN);
}
