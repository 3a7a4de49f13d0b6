import { describe, expect, it } from 'vitest';
import { SCHOOL_DAYS, isSchoolDay, schoolDaysBetween } from './calendar.js';
import { dayNumberOf, isoDateOf, isoWeekday } from './stockholm-time.js';

describe('school calendar 2025/26', () => {
  it('runs from 2025-08-18 to 2026-06-12 on weekdays only', () => {
    expect(isoDateOf(SCHOOL_DAYS[0] ?? 0)).toBe('2025-08-18');
    expect(isoDateOf(SCHOOL_DAYS[SCHOOL_DAYS.length - 1] ?? 0)).toBe('2026-06-12');
    expect(SCHOOL_DAYS.every((day) => isoWeekday(day) <= 5)).toBe(true);
  });

  it('has no teaching in the breaks and on the four days without teaching', () => {
    for (const date of ['2025-10-27', '2025-10-31', '2025-12-22', '2026-01-07', '2026-02-23', '2026-04-06', '2026-04-10', '2026-04-03', '2026-05-01', '2026-05-14', '2026-05-15']) {
      expect(isSchoolDay(dayNumberOf(date)), date).toBe(false);
    }
    for (const date of ['2025-10-24', '2025-11-03', '2025-12-19', '2026-01-08', '2026-03-09', '2026-03-27', '2026-03-30', '2026-06-12']) {
      expect(isSchoolDay(dayNumberOf(date)), date).toBe(true);
    }
  });

  it('counts 183 school days', () => {
    expect(SCHOOL_DAYS).toHaveLength(183);
    expect(schoolDaysBetween(dayNumberOf('2026-03-09'), dayNumberOf('2026-03-15')).map(isoDateOf)).toEqual(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13']);
  });
});
