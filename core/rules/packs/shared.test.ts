import { describe, expect, it } from 'vitest';
import { ageOn } from '../../identity/index.js';
import { addDays, dayOf, formatDate } from '../calendar-date.js';
import { StudentSchema } from '../format/scenario-v1.js';
import { student } from '../testing.js';
import { dayTurning, evidenceOf, isUnderAge } from './shared.js';

const born = (birthDate: string) => StudentSchema.parse(student({ birthDate }));

describe('ages (§2.7)', () => {
  it('comes of age at the start of the birthday', () => {
    const s = born('2007-09-17');
    expect(formatDate(dayTurning(s, 18))).toBe('2025-09-17');
    expect(isUnderAge(s, dayOf('2025-09-16'), 18)).toBe(true);
    expect(isUnderAge(s, dayOf('2025-09-17'), 18)).toBe(false);
  });

  it('has the birthday of 29 February on 28 February in common years', () => {
    const leapling = born('2008-02-29');
    expect(formatDate(dayTurning(leapling, 18))).toBe('2026-02-28');
    expect(formatDate(dayTurning(leapling, 16))).toBe('2024-02-29');
  });

  it('agrees with core/identity’s ageOn on every day around the birthdays', () => {
    for (const birthDate of ['2008-02-29', '2007-12-31', '2009-01-01', '2006-03-01']) {
      const s = born(birthDate);
      for (let day = dayOf('2023-01-01'); day <= dayOf('2027-12-31'); day = addDays(day, 1)) {
        for (const age of [16, 18, 20]) expect(isUnderAge(s, day, age)).toBe(ageOn(birthDate, formatDate(day)) < age);
      }
    }
  });
});

describe('evidenceOf', () => {
  it('is the sorted union of the occurrences’ evidence', () => {
    const occurrence = (evidence: string[]) => ({ date: dayOf('2025-09-01'), name: null, start: 0, category: 'invalid' as const, minutes: 60, fullDay: false, evidence });
    expect(evidenceOf([occurrence(['PB:b', 'PA:a']), occurrence(['PA:a', 'PC:c'])])).toEqual(['PA:a', 'PB:b', 'PC:c']);
    expect(evidenceOf([occurrence(['PA:a'])])).toEqual(['PA:a']);
    expect(evidenceOf([])).toEqual([]);
  });
});
