/**
 * Plain calendar dates (`YYYY-MM-DD`) as year/month/day numbers. Birth dates and reference dates
 * are days in the Swedish civil calendar, not instants: going through `Date` would let the
 * machine's timezone move them by a day, so nothing here touches `Date`.
 */
import { SkolbryggaError } from '../errors.js';

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `YYYY-MM-DD` of a real calendar date → its parts; anything else → null. */
export function parseIsoDate(text: string): CalendarDate | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isRealDate(year, month, day) ? { year, month, day } : null;
}

/** Like `parseIsoDate`, for dates the caller must get right (options, not source data). */
export function requireIsoDate(text: string, name: string): CalendarDate {
  const date = parseIsoDate(text);
  if (!date) {
    throw new SkolbryggaError('SKB_VALIDATION', `${name} must be a real calendar date written YYYY-MM-DD`, {
      context: { field: name },
    });
  }
  return date;
}

export function formatIsoDate(date: CalendarDate): string {
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Negative when `a` is earlier than `b`, 0 on the same day, positive when later. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
