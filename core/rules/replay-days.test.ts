import { describe, expect, it } from 'vitest';
import { dayOf, formatDate } from './calendar-date.js';
import { CalendarSchema } from './format/scenario-v1.js';
import { replayDaysOf } from './replay-days.js';
import { SchoolCalendar, SchoolYears } from './school-calendar.js';
import { TESTCAL } from './testing.js';

const calendar = new SchoolCalendar(CalendarSchema.parse(TESTCAL));
const years = new SchoolYears({ month: 7, day: 1 });
const days = calendar.schoolDaysBetween(dayOf('2025-07-01'), dayOf('2026-09-30'));
const replay = replayDaysOf(days, years);
const indexOf = (date: string): number => days.indexOf(dayOf(date));

describe('ReplayDays', () => {
  it('is shared for the same days and school-year rule', () => {
    expect(calendar.schoolDaysBetween(dayOf('2025-07-01'), dayOf('2026-09-30'))).toBe(days);
    expect(replayDaysOf(days, years)).toBe(replay);
  });

  it('knows each day’s school year and where a new one opens', () => {
    expect(replay.schoolYearOf(indexOf('2025-08-18'))).toBe('2025/26');
    expect(replay.schoolYearOf(indexOf('2026-08-17'))).toBe('2026/27');
    expect(replay.opensSchoolYear(0)).toBe(false);
    expect(replay.opensSchoolYear(indexOf('2026-06-11'))).toBe(false);
    expect(replay.opensSchoolYear(indexOf('2026-08-17'))).toBe(true);
  });

  it('starts each rolling window at the first school day inside it, clipped to the school year', () => {
    const windows = replay.windowsOf(30);
    const i = indexOf('2025-09-08');
    expect(formatDate(windows.fromDay[i] ?? dayOf('1970-01-01'))).toBe('2025-08-10');
    expect(formatDate(days[windows.fromIndex[i] ?? 0] ?? dayOf('1970-01-01'))).toBe('2025-08-18');
    const j = indexOf('2026-08-20');
    expect(formatDate(windows.fromDay[j] ?? dayOf('1970-01-01'))).toBe('2026-07-22');
    expect(formatDate(days[windows.fromIndex[j] ?? 0] ?? dayOf('1970-01-01'))).toBe('2026-08-17');
    expect(replay.windowsOf(30)).toBe(windows);
  });
});
