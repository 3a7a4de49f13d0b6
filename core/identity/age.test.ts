import { describe, expect, it } from 'vitest';
import { ageOn } from './age.js';

describe('ageOn', () => {
  it.each([
    ['2008-03-15', '2026-03-14', 17, 'the day before the 18th birthday'],
    ['2008-03-15', '2026-03-15', 18, 'from the start of the 18th birthday'],
    ['2008-03-15', '2026-12-31', 18, 'later that year'],
    ['2008-03-15', '2008-03-15', 0, 'on the day of birth'],
    ['2008-12-31', '2009-01-01', 0, 'across a year boundary before the first birthday'],
    ['2008-02-29', '2026-02-27', 17, 'leap-day birth, two days before the common-year birthday'],
    ['2008-02-29', '2026-02-28', 18, 'leap-day birth: 28 February in a common year'],
    ['2008-02-29', '2026-03-01', 18, 'leap-day birth, after the common-year birthday'],
    ['2008-02-29', '2028-02-28', 19, 'leap-day birth, the day before the birthday in a leap year'],
    ['2008-02-29', '2028-02-29', 20, 'leap-day birth, 29 February in a leap year'],
    ['2000-02-29', '2100-02-28', 100, '2100 is a common year (divisible by 100, not by 400)'],
    ['2000-02-29', '2100-02-27', 99, 'and the day before that birthday'],
    ['1910-01-01', '2025-09-01', 115, 'over a century'],
  ])('born %s, on %s → %i (%s)', (birthDate, date, expected) => {
    expect(ageOn(birthDate, date)).toBe(expected);
  });

  it('rejects a date before the birth date and dates that do not exist', () => {
    expect(() => ageOn('2008-03-15', '2008-03-14')).toThrow(/before the birth date/);
    expect(() => ageOn('2007-02-29', '2026-01-01')).toThrow(/birthDate/);
    expect(() => ageOn('2008-03-15', '2026-3-15')).toThrow(/date/);
  });
});
