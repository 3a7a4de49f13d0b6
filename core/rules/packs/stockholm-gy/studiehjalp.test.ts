import { describe, expect, it } from 'vitest';
import { dayOf, formatDate } from '../../calendar-date.js';
import { csnReportDetails, studiebidragStartOf, studiehjalpEndOf } from './studiehjalp.js';

describe('studiebidrag start (F27)', () => {
  it('is September for 16th birthdays January–June', () => {
    expect(formatDate(studiebidragStartOf('2009-01-07'))).toBe('2025-09-01');
    expect(formatDate(studiebidragStartOf('2009-03-31'))).toBe('2025-09-01');
    expect(formatDate(studiebidragStartOf('2009-04-01'))).toBe('2025-09-01');
    expect(formatDate(studiebidragStartOf('2009-06-30'))).toBe('2025-09-01');
  });

  it('is October for July–September and January for October–December', () => {
    expect(formatDate(studiebidragStartOf('2009-07-01'))).toBe('2025-10-01');
    expect(formatDate(studiebidragStartOf('2009-09-30'))).toBe('2025-10-01');
    expect(formatDate(studiebidragStartOf('2009-10-01'))).toBe('2026-01-01');
    expect(formatDate(studiebidragStartOf('2009-12-31'))).toBe('2026-01-01');
  });
});

describe('studiehjälp end', () => {
  it('is 30 June of the year the student turns the end age', () => {
    expect(formatDate(studiehjalpEndOf('2005-09-10', 20))).toBe('2025-06-30');
    expect(formatDate(studiehjalpEndOf('2006-01-01', 20))).toBe('2026-06-30');
  });
});

describe('informational CSN fields', () => {
  it('counts from the first skolk day in the window', () => {
    const facts = csnReportDetails(
      1,
      { invalidDates: [dayOf('2025-09-02'), dayOf('2025-09-18')], invalidMinutes: 240 },
      dayOf('2025-09-18'),
      '2009-01-07',
    );
    expect(facts).toEqual({
      ordinal: 1,
      firstSkolkDate: '2025-09-02',
      invalidMinutes30d: 240,
      occasions30d: 2,
      csnGuidanceMet: true,
      earliestNormalSubmission: '2025-10-02',
      earliestExceptionalSubmission: '2025-09-17',
      underlagDueBy: '2025-11-02',
      studiebidragStarted: true,
    });
  });

  it('does not meet the guidance below 240 minutes or with one occasion', () => {
    const day = dayOf('2025-09-18');
    expect(csnReportDetails(1, { invalidDates: [day, day], invalidMinutes: 239 }, day, '2009-01-07').csnGuidanceMet).toBe(false);
    expect(csnReportDetails(1, { invalidDates: [day], invalidMinutes: 300 }, day, '2009-01-07').csnGuidanceMet).toBe(false);
  });

  it('says whether studiebidrag has started on the trigger date', () => {
    expect(csnReportDetails(1, { invalidDates: [dayOf('2025-08-29')], invalidMinutes: 60 }, dayOf('2025-08-29'), '2009-01-07').studiebidragStarted).toBe(false);
    expect(csnReportDetails(1, { invalidDates: [dayOf('2025-09-01')], invalidMinutes: 60 }, dayOf('2025-09-01'), '2009-01-07').studiebidragStarted).toBe(true);
  });
});
