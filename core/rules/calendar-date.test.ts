import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  civilOf,
  dayNumberOf,
  dayOf,
  formatDate,
  isoWeekday,
  parseDate,
  parseMonthDay,
} from './calendar-date.js';

describe('day numbers', () => {
  it('anchors 1970-01-01 at 0 and counts leap days', () => {
    expect(dayNumberOf(1970, 1, 1)).toBe(0);
    expect(dayNumberOf(2000, 3, 1) - dayNumberOf(2000, 2, 28)).toBe(2);
    expect(dayNumberOf(1900, 3, 1) - dayNumberOf(1900, 2, 28)).toBe(1);
    expect(dayOf('2026-01-01') - dayOf('2025-01-01')).toBe(365);
    expect(dayOf('2025-01-01') - dayOf('2024-01-01')).toBe(366);
  });

  it('round-trips every date through its day number', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        const day = n as ReturnType<typeof dayOf>;
        const text = formatDate(day);
        expect(parseDate(text)).toBe(day);
        const { year, month, day: dom } = civilOf(day);
        expect(dayNumberOf(year, month, dom)).toBe(day);
      }),
    );
  });

  it('rejects dates that do not exist', () => {
    for (const text of ['2025-02-29', '2025-13-01', '2025-04-31', '2025-9-01', '20250901', '2025-09-01T00:00']) {
      expect(parseDate(text)).toBeNull();
    }
    expect(parseDate('2024-02-29')).not.toBeNull();
    expect(() => dayOf('2025-02-29')).toThrow(RangeError);
  });
});

describe('weekdays', () => {
  it('numbers ISO weekdays from Monday = 1', () => {
    expect(isoWeekday(dayOf('1970-01-01'))).toBe(4);
    expect(isoWeekday(dayOf('2025-09-08'))).toBe(1);
    expect(isoWeekday(dayOf('2025-09-14'))).toBe(7);
    expect(isoWeekday(dayOf('1969-12-29'))).toBe(1);
  });
});

describe('addMonthsClamped', () => {
  it('keeps the day of the month, or takes the last day when the month is shorter', () => {
    const plus = (date: string, months: number): string => formatDate(addMonthsClamped(dayOf(date), months));
    expect(plus('2025-09-02', 2)).toBe('2025-11-02');
    expect(plus('2025-12-10', 2)).toBe('2026-02-10');
    expect(plus('2025-12-31', 2)).toBe('2026-02-28');
    expect(plus('2023-12-31', 2)).toBe('2024-02-29');
    expect(plus('2025-08-31', 1)).toBe('2025-09-30');
    expect(plus('2025-03-31', -1)).toBe('2025-02-28');
  });

  it('adds calendar days across month and year ends', () => {
    expect(formatDate(addDays(dayOf('2025-12-25'), 15))).toBe('2026-01-09');
    expect(formatDate(addDays(dayOf('2025-09-08'), -29))).toBe('2025-08-10');
  });

  it('reads MM-DD', () => {
    expect(parseMonthDay('07-01')).toEqual({ month: 7, day: 1 });
  });
});
