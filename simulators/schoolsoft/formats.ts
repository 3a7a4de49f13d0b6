/**
 * SchoolSoft's date, time and identity formats (schoolsoft.md §3, §4, §5): `yyyy-MM-dd HH:mm:ss.S`
 * local timestamps, epoch-ms local midnights, `HH:mm` lesson times, ISO week without a year plus
 * `dayId` (0 = Monday), `socialNumber` with `-`, Spring's UTC error timestamp.
 */
import { dayNumberOf, instantToLocal, isoDateOf, isoWeek, isoWeekday, startOfLocalDay } from '../world/index.js';

/** `2026-03-09 06:52:40.0`: Stockholm local time, whole seconds, the fraction always `.0`. */
export function localTimestamp(instant: number): string {
  const local = instantToLocal(instant);
  return `${local.date} ${local.time}.0`;
}

/** Spring Boot's error `timestamp`: UTC with milliseconds and `+00:00`. */
export function springTimestamp(instant: number): string {
  return new Date(instant).toISOString().replace('Z', '+00:00');
}

/** Epoch ms of the Stockholm midnight that starts `YYYY-MM-DD` (leave dates, enrolment dates). */
export function localMidnightMs(isoDate: string): number {
  return startOfLocalDay(dayNumberOf(isoDate));
}

/** `HH:mm` of an instant in Stockholm. */
export function localClock(instant: number): string {
  return instantToLocal(instant).time.slice(0, 5);
}

/** The school-local date of an instant. */
export function localDateOf(instant: number): string {
  return instantToLocal(instant).date;
}

/** ISO week (without its year) and `dayId` 0 = Monday … 6 = Sunday of a date. */
export function weekAndDayId(isoDate: string): { week: number; dayId: number } {
  const day = dayNumberOf(isoDate);
  return { week: isoWeek(day).week, dayId: isoWeekday(day) - 1 };
}

/**
 * The date of (`schoolYear`, `week`, `dayId`), §5: the first year of `2025/2026` for weeks ≥ 27,
 * the second otherwise. Null when the school year name or the week is not one.
 */
export function dateOfWeekDay(schoolYear: string, week: number, dayId: number): string | null {
  const years = /^(\d{4})\/(\d{4})$/.exec(schoolYear);
  if (!years || week < 1 || week > 53 || dayId < 0 || dayId > 6) return null;
  const year = Number(week >= 27 ? years[1] : years[2]);
  const januaryFourth = Date.UTC(year, 0, 4) / 86_400_000;
  const mondayOfWeekOne = januaryFourth - (isoWeekday(januaryFourth) - 1);
  const day = mondayOfWeekOne + (week - 1) * 7 + dayId;
  // Week 53 exists only in some years: a date that falls into the next ISO year is not this week.
  if (isoWeek(day).week !== week) return null;
  return isoDateOf(day);
}

/**
 * `socialNumber` as SchoolSoft prints it: 12 digits as `YYYYMMDD-NNNN`; an X9 10-digit number
 * keeps its short form as `YYMMDD-NNNN`.
 */
export function socialNumber(civicNo: string): string {
  return `${civicNo.slice(0, -4)}-${civicNo.slice(-4)}`;
}

function asciiLetters(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** Login name as SchoolSoft forms it: `elias.lind`, diacritics folded (`Åsa Öberg` → `asa.oberg`). */
export function username(givenName: string, familyName: string): string {
  return `${asciiLetters(givenName)}.${asciiLetters(familyName)}`;
}

/** Subject code as timetables print it: `MA` → `Ma`. */
export function subjectShortName(subjectCode: string): string {
  return subjectCode.slice(0, 1).toUpperCase() + subjectCode.slice(1).toLowerCase();
}

/** Whole calendar days from `fromDate` to `toDate`, both included (leave `days`). */
export function inclusiveDays(fromDate: string, toDate: string): number {
  return dayNumberOf(toDate) - dayNumberOf(fromDate) + 1;
}
