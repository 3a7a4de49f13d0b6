/**
 * The one school calendar of the world (platforms README §3): school year 2025/26, the same for
 * every unit. A school day is a weekday between the first and last day that is neither a break
 * nor a day without teaching.
 */
import { dayNumberOf, isoDateOf, isoWeekday } from './stockholm-time.js';

export const SCHOOL_YEAR_NAME = '2025/2026';
export const FIRST_SCHOOL_DAY = '2025-08-18';
export const LAST_SCHOOL_DAY = '2026-06-12';
/** The school year as the platforms list it (Skola24 `active/school/years`). */
export const SCHOOL_YEAR_FROM = '2025-07-01';
export const SCHOOL_YEAR_TO = '2026-06-30';

export interface DateRange {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

export const BREAKS: readonly DateRange[] = [
  { from: '2025-10-27', to: '2025-10-31', label: 'höstlov (v. 44)' },
  { from: '2025-12-20', to: '2026-01-07', label: 'jullov (v. 52–1)' },
  { from: '2026-02-23', to: '2026-02-27', label: 'sportlov (v. 9)' },
  { from: '2026-04-06', to: '2026-04-10', label: 'påsklov (v. 15)' },
];

export const DAYS_WITHOUT_TEACHING: readonly string[] = ['2026-04-03', '2026-05-01', '2026-05-14', '2026-05-15'];

const firstDay = dayNumberOf(FIRST_SCHOOL_DAY);
const lastDay = dayNumberOf(LAST_SCHOOL_DAY);

function buildSchoolDays(): readonly number[] {
  const closed = new Set<number>(DAYS_WITHOUT_TEACHING.map(dayNumberOf));
  for (const range of BREAKS) {
    for (let day = dayNumberOf(range.from); day <= dayNumberOf(range.to); day++) closed.add(day);
  }
  const days: number[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    if (isoWeekday(day) <= 5 && !closed.has(day)) days.push(day);
  }
  return days;
}

/** Every school day of 2025/26 as a day number, ascending. */
export const SCHOOL_DAYS: readonly number[] = buildSchoolDays();
const schoolDaySet = new Set(SCHOOL_DAYS);

export function isSchoolDay(dayNumber: number): boolean {
  return schoolDaySet.has(dayNumber);
}

export const FIRST_SCHOOL_DAY_NUMBER = firstDay;
export const LAST_SCHOOL_DAY_NUMBER = lastDay;

/** Index of the first school day ≥ `dayNumber` in SCHOOL_DAYS (SCHOOL_DAYS.length if none). */
export function schoolDayIndexAtOrAfter(dayNumber: number): number {
  let low = 0;
  let high = SCHOOL_DAYS.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((SCHOOL_DAYS[mid] ?? Infinity) < dayNumber) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** School days d with from ≤ d ≤ to. */
export function schoolDaysBetween(fromDay: number, toDay: number): number[] {
  const result: number[] = [];
  for (let index = schoolDayIndexAtOrAfter(fromDay); index < SCHOOL_DAYS.length; index++) {
    const day = SCHOOL_DAYS[index] ?? Infinity;
    if (day > toDay) break;
    result.push(day);
  }
  return result;
}

/** The school day after `dayNumber`, or null past the end of the year. */
export function nextSchoolDay(dayNumber: number): number | null {
  return SCHOOL_DAYS[schoolDayIndexAtOrAfter(dayNumber + 1)] ?? null;
}

/** The calendar in the shape rule packs read (`config/examples`, rules README §7). */
export function calendarDescription(): {
  schoolYear: string;
  firstDay: string;
  lastDay: string;
  breaks: readonly DateRange[];
  daysWithoutTeaching: readonly string[];
  schoolDays: string[];
} {
  return {
    schoolYear: SCHOOL_YEAR_NAME,
    firstDay: FIRST_SCHOOL_DAY,
    lastDay: LAST_SCHOOL_DAY,
    breaks: BREAKS,
    daysWithoutTeaching: DAYS_WITHOUT_TEACHING,
    schoolDays: SCHOOL_DAYS.map(isoDateOf),
  };
}
