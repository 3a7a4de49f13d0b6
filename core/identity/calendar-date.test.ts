import { describe, expect, it } from 'vitest';
import { compareDates, daysInMonth, formatIsoDate, isLeapYear, parseIsoDate } from './calendar-date.js';

describe('calendar dates', () => {
  it('knows the Gregorian leap years', () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2025, 9)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
  });

  it('parses only real YYYY-MM-DD dates', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-01', ' 2025-01-01', '2025-01-01T00:00']) {
      expect(parseIsoDate(bad)).toBeNull();
    }
  });

  it('formats with zero padding and orders dates', () => {
    expect(formatIsoDate({ year: 987, month: 3, day: 4 })).toBe('0987-03-04');
    expect(compareDates({ year: 2025, month: 1, day: 31 }, { year: 2025, month: 2, day: 1 })).toBeLessThan(0);
    expect(compareDates({ year: 2025, month: 2, day: 1 }, { year: 2025, month: 2, day: 1 })).toBe(0);
    expect(compareDates({ year: 2026, month: 1, day: 1 }, { year: 2025, month: 12, day: 31 })).toBeGreaterThan(0);
  });
});
