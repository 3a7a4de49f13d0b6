import { describe, expect, it } from 'vitest';
import { dayOf, formatDate } from './calendar-date.js';
import { CalendarSchema } from './format/scenario-v1.js';
import { SchoolCalendar, SchoolYears } from './school-calendar.js';
import { TESTCAL } from './testing.js';

const calendar = new SchoolCalendar(CalendarSchema.parse(TESTCAL));
const isSchoolDay = (date: string): boolean => calendar.isSchoolDay(dayOf(date));

describe('SchoolCalendar (TESTCAL)', () => {
  it('counts term weekdays that no break removes', () => {
    expect(isSchoolDay('2025-08-18')).toBe(true);
    expect(isSchoolDay('2025-08-15')).toBe(false); // before the term
    expect(isSchoolDay('2025-09-13')).toBe(false); // Saturday
    expect(isSchoolDay('2025-10-27')).toBe(false); // autumn break
    expect(isSchoolDay('2025-12-22')).toBe(false); // Christmas, outside both terms
    expect(isSchoolDay('2026-01-08')).toBe(true);
    expect(isSchoolDay('2026-05-14')).toBe(false); // Ascension Day
    expect(isSchoolDay('2026-06-12')).toBe(false); // summer
    expect(isSchoolDay('2024-09-02')).toBe(false); // no school year listed
  });

  it('lists school days in order and finds the next one across breaks', () => {
    expect(calendar.schoolDaysBetween(dayOf('2025-10-23'), dayOf('2025-11-04')).map(formatDate)).toEqual([
      '2025-10-23',
      '2025-10-24',
      '2025-11-03',
      '2025-11-04',
    ]);
    expect(formatDate(calendar.nextSchoolDayAfter(dayOf('2025-10-24')) ?? dayOf('1970-01-01'))).toBe('2025-11-03');
    expect(formatDate(calendar.nextSchoolDayAfter(dayOf('2025-12-19')) ?? dayOf('1970-01-01'))).toBe('2026-01-08');
    expect(calendar.nextSchoolDayAfter(dayOf('2026-12-18'))).toBeNull();
  });

  it('has 20 school days from 11 Nov to 8 Dec 2025', () => {
    expect(calendar.schoolDaysBetween(dayOf('2025-11-11'), dayOf('2025-12-08'))).toHaveLength(20);
  });

  it('picks "this term" for a date, or the latest term before it', () => {
    expect(formatDate(calendar.termOn(dayOf('2025-12-24'))?.from ?? dayOf('1970-01-01'))).toBe('2025-08-18');
    expect(formatDate(calendar.termOn(dayOf('2026-02-01'))?.from ?? dayOf('1970-01-01'))).toBe('2026-01-08');
    expect(formatDate(calendar.termOn(dayOf('2025-01-01'))?.from ?? dayOf('1970-01-01'))).toBe('2025-08-18');
  });
});

describe('SchoolYears', () => {
  const years = new SchoolYears({ month: 7, day: 1 });

  it('runs from 1 July to 30 June', () => {
    expect(years.labelOf(dayOf('2025-07-01'))).toBe('2025/26');
    expect(years.labelOf(dayOf('2025-06-30'))).toBe('2024/25');
    expect(years.labelOf(dayOf('2099-12-01'))).toBe('2099/00');
    expect(formatDate(years.startOf(dayOf('2026-03-01')))).toBe('2025-07-01');
    expect(formatDate(years.endOf(dayOf('2025-09-08')))).toBe('2026-06-30');
    expect(formatDate(years.previousStartOf(dayOf('2026-09-16')))).toBe('2025-07-01');
  });

  it('clips a rolling window to the start of the school year', () => {
    const window = (date: string, length: number): string => {
      const { from, to } = years.windowEndingOn(dayOf(date), length);
      return `${formatDate(from)}..${formatDate(to)}`;
    };
    expect(window('2025-09-08', 30)).toBe('2025-08-10..2025-09-08');
    expect(window('2025-07-10', 30)).toBe('2025-07-01..2025-07-10');
    expect(window('2025-07-30', 30)).toBe('2025-07-01..2025-07-30');
    expect(window('2025-07-31', 30)).toBe('2025-07-02..2025-07-31');
  });

  it('follows a configured school-year start', () => {
    const august = new SchoolYears({ month: 8, day: 1 });
    expect(august.labelOf(dayOf('2025-07-15'))).toBe('2024/25');
    expect(formatDate(august.endOf(dayOf('2025-07-15')))).toBe('2025-07-31');
  });
});
