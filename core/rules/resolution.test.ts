/**
 * §2.2 (resolving an occurrence) and §2.4 (time attribution), observed through the timeline the
 * packs read: category, minutes and evidence of every resolved occurrence of a day.
 */
import { describe, expect, it } from 'vitest';
import { dayOf, formatDate } from './calendar-date.js';
import type { Scenario } from './format/scenario-v1.js';
import { PreparedInput } from './prepared-input.js';
import { SchoolYears } from './school-calendar.js';
import { subjectsAt } from './subjects.js';
import { at, fullDay, interval, lessons, late, report, scenario, dayMinutes } from './testing.js';
import { buildTimeline } from './timeline.js';

interface Seen {
  name: string | null;
  category: string;
  minutes: number;
  evidence: readonly string[];
  fullDay?: boolean;
}

function resolved(input: Scenario, date: string, run = date, parameters = { lateArrivalMaxMinutes: 15, reportDeadlineDaysAfter: 0 }): Seen[] {
  const prepared = new PreparedInput(input);
  const [subject] = subjectsAt(prepared, run);
  if (!subject) throw new Error('no subject');
  const timeline = buildTimeline(prepared, subject, run, new SchoolYears({ month: 7, day: 1 }), parameters);
  const index = timeline.days.findIndex((day) => formatDate(day) === date);
  return (timeline.occurrences[index] ?? []).map((o) => ({ name: o.name, category: o.category, minutes: o.minutes, evidence: o.evidence, ...(o.name === null ? { fullDay: o.fullDay } : {}) }));
}

const day = '2025-09-09';

describe('rule 1: the base is the newest school record', () => {
  it('takes the latest updatedAt', () => {
    const input = scenario({
      runs: [day],
      records: [
        lessons('old', day, ['P1'], 'valid', { updatedAt: at(day, '09:00') }),
        lessons('new', day, ['P1'], 'invalid', { updatedAt: at(day, '10:00') }),
      ],
    });
    expect(resolved(input, day)).toEqual([{ name: 'A/P1', category: 'invalid', minutes: 60, evidence: ['PA:new'] }]);
  });

  it('breaks a tie toward the student: valid > reported > late > invalid', () => {
    const same = { updatedAt: at(day, '10:00') };
    const input = scenario({
      runs: [day],
      records: [
        lessons('i', day, ['P1', 'P2'], 'invalid', same),
        late('l', day, 'P1', 5, same),
        lessons('v', day, ['P2'], 'valid', same),
      ],
    });
    expect(resolved(input, day).map((o) => o.category)).toEqual(['late', 'valid']);
  });
});

describe('rules 2 and 3: reports by guardians', () => {
  it('makes a timely reported occurrence "reported", with every report as evidence', () => {
    const input = scenario({
      runs: [day],
      records: [lessons('t', day, ['P1'], 'invalid'), report('r', day, ['P1'], at(day, '23:59'))],
    });
    expect(resolved(input, day)).toEqual([{ name: 'A/P1', category: 'reported', minutes: 60, evidence: ['PB:r'] }]);
  });

  it('ignores a report made after the absence date (efterhandsanmälan)', () => {
    const input = scenario({
      runs: ['2025-09-10'],
      records: [lessons('t', day, ['P1'], 'invalid'), report('r', day, ['P1'], at('2025-09-10', '00:00'))],
    });
    expect(resolved(input, day, '2025-09-10')[0]?.category).toBe('invalid');
  });

  it('accepts a report within reportDeadlineDaysAfter', () => {
    const input = scenario({
      runs: ['2025-09-10'],
      records: [lessons('t', day, ['P1'], 'invalid'), report('r', day, ['P1'], at('2025-09-10', '08:00'))],
    });
    expect(resolved(input, day, '2025-09-10', { lateArrivalMaxMinutes: 15, reportDeadlineDaysAfter: 1 })[0]?.category).toBe('reported');
  });

  it('covers a late arrival too', () => {
    const input = scenario({ runs: [day], records: [late('l', day, 'P1', 10), report('r', day, ['P1'], at(day, '07:00'))] });
    expect(resolved(input, day)[0]?.category).toBe('reported');
  });

  it('lets a later school decision reject the report, but not an earlier one', () => {
    const rejectedLater = scenario({
      runs: [day],
      records: [report('r', day, ['P1'], at(day, '07:00')), lessons('t', day, ['P1'], 'invalid', { decision: true, updatedAt: at(day, '12:00') })],
    });
    expect(resolved(rejectedLater, day)[0]).toMatchObject({ category: 'invalid', evidence: ['PA:t'] });
    const decidedBefore = scenario({
      runs: [day],
      records: [report('r', day, ['P1'], at(day, '13:00')), lessons('t', day, ['P1'], 'invalid', { decision: true, updatedAt: at(day, '12:00') })],
    });
    expect(resolved(decidedBefore, day)[0]?.category).toBe('reported');
  });

  it('needs only one qualifying report', () => {
    const input = scenario({
      runs: [day],
      records: [
        report('early', day, ['P1'], at(day, '07:00')),
        report('late', day, ['P1'], at(day, '14:00')),
        lessons('t', day, ['P1'], 'invalid', { decision: true, updatedAt: at(day, '12:00') }),
      ],
    });
    expect(resolved(input, day)[0]).toMatchObject({ category: 'reported', evidence: ['PB:early', 'PB:late'] });
  });

  it('makes an occurrence with only reports "reported", even when reported late', () => {
    const input = scenario({ runs: ['2025-09-12'], records: [report('r', day, ['P1', 'P2'], at('2025-09-12', '09:00'))] });
    expect(resolved(input, day, '2025-09-12').map((o) => o.category)).toEqual(['reported', 'reported']);
  });

  it('never turns valid into reported', () => {
    const input = scenario({ runs: [day], records: [lessons('v', day, ['P1'], 'valid'), report('r', day, ['P1'], at(day, '07:00'))] });
    expect(resolved(input, day)[0]).toMatchObject({ category: 'valid', evidence: ['PA:v'] });
  });
});

describe('rule 4: minutes', () => {
  it('takes the maximum of the school records, never the sum', () => {
    const input = scenario({
      runs: [day],
      records: [lessons('a', day, ['P1'], 'invalid', { minutes: 20 }), lessons('b', day, ['P1'], 'invalid', { platform: 'PB', minutes: 45 })],
    });
    expect(resolved(input, day)[0]).toMatchObject({ minutes: 45, evidence: ['PA:a', 'PB:b'] });
  });

  it('caps minutes at the occurrence length', () => {
    const input = scenario({ runs: [day], records: [lessons('a', day, ['P1'], 'invalid', { minutes: 90 })] });
    expect(resolved(input, day)[0]?.minutes).toBe(60);
  });

  it('counts overlapping intervals as their union', () => {
    const input = scenario({
      runs: [day],
      records: [
        interval('x', at(day, '08:30'), at(day, '09:00'), 'invalid'),
        interval('y', at(day, '08:45'), at(day, '09:10'), 'invalid', { platform: 'PB' }),
      ],
    });
    expect(resolved(input, day)).toEqual([{ name: 'A/P1', category: 'invalid', minutes: 40, evidence: ['PA:x', 'PB:y'] }]);
  });

  it('uses the reports’ minutes only when no school record exists', () => {
    const input = scenario({
      runs: [day],
      records: [{ ...report('r', day, ['P1'], at(day, '07:00')), minutes: 30 }],
    });
    expect(resolved(input, day)[0]?.minutes).toBe(30);
  });
});

describe('rule 5: late conversion', () => {
  it('keeps 15 minutes late a late arrival and makes 16 invalid, keeping the late record as evidence', () => {
    const input = scenario({ runs: [day], records: [late('a', day, 'P1', 15), late('b', day, 'P2', 16)] });
    expect(resolved(input, day)).toEqual([
      { name: 'A/P1', category: 'late', minutes: 15, evidence: ['PA:a'] },
      { name: 'A/P2', category: 'invalid', minutes: 16, evidence: ['PA:b'] },
    ]);
  });
});

describe('rule 7: fritidshem', () => {
  it('drops fritidshem records, judged by their latest version', () => {
    const input = scenario({
      runs: [day],
      records: [
        lessons('f', day, ['P1'], 'invalid', { version: 1 }),
        lessons('f', day, ['P1'], 'invalid', { version: 2, activity: 'fritidshem', updatedAt: at(day, '17:00') }),
      ],
    });
    expect(resolved(input, day)).toEqual([]);
  });
});

describe('§2.4 time attribution', () => {
  it('attributes an interval to each overlapped lesson with its overlap', () => {
    const input = scenario({ runs: [day], records: [interval('x', at(day, '09:00'), at(day, '11:30'), 'invalid')] });
    expect(resolved(input, day).map((o) => [o.name, o.minutes])).toEqual([
      ['A/P1', 30],
      ['A/P2', 60],
      ['A/P3', 30],
    ]);
  });

  it('gives an occurrence crossing midnight to its start date', () => {
    const input = scenario({
      runs: ['2025-09-17'],
      timetable: {
        weekly: [{ schoolUnit: 'A', weekdays: [1, 2, 3, 4, 5], lessons: [{ id: 'P1', start: '08:30', end: '09:30' }] }],
        extra: [{ schoolUnit: 'A', id: 'NIGHT', start: '2025-09-16T20:00:00+02:00', end: '2025-09-17T02:00:00+02:00' }],
      },
      records: [interval('n', '2025-09-16T20:00:00+02:00', '2025-09-17T02:00:00+02:00', 'invalid', { updatedAt: '2025-09-17T02:30:00+02:00' })],
    });
    expect(resolved(input, '2025-09-16', '2025-09-17')).toEqual([{ name: 'A/NIGHT', category: 'invalid', minutes: 360, evidence: ['PA:n'] }]);
    expect(resolved(input, '2025-09-17', '2025-09-17')).toEqual([]);
  });

  it('lets a multi-day interval touch only lessons on school days', () => {
    const input = scenario({
      runs: ['2025-11-04'],
      records: [interval('trip', at('2025-10-24', '00:00'), at('2025-11-04', '00:00'), 'invalid')],
    });
    expect(resolved(input, '2025-10-24', '2025-11-04').map((o) => o.minutes)).toEqual([60, 60, 60, 60, 60]);
    expect(resolved(input, '2025-11-03', '2025-11-04')).toHaveLength(5);
    expect(resolved(input, '2025-11-04', '2025-11-04')).toEqual([]);
  });

  it('covers every occurrence of a full-day record in full', () => {
    const input = scenario({ runs: [day], records: [fullDay('d', day, 'valid')] });
    expect(resolved(input, day).map((o) => o.minutes)).toEqual([60, 60, 60, 60, 60]);
  });

  it('without a timetable resolves one unit per date, splitting intervals at midnight', () => {
    const input = scenario({
      runs: ['2025-09-10'],
      timetable: null,
      records: [
        interval('x', at(day, '22:00'), at('2025-09-10', '01:30'), 'invalid'),
        dayMinutes('m', '2025-09-10', 30, 'invalid', { platform: 'PB' }),
        fullDay('f', '2025-09-08', 'invalid'),
      ],
    });
    expect(resolved(input, day, '2025-09-10')).toEqual([{ name: null, category: 'invalid', minutes: 120, evidence: ['PA:x'], fullDay: false }]);
    expect(resolved(input, '2025-09-10', '2025-09-10')).toEqual([
      { name: null, category: 'invalid', minutes: 90, evidence: ['PA:x', 'PB:m'], fullDay: false },
    ]);
    expect(resolved(input, '2025-09-08', '2025-09-10')).toEqual([{ name: null, category: 'invalid', minutes: 0, evidence: ['PA:f'], fullDay: true }]);
  });

  it('ignores records on dates that are not school days', () => {
    const input = scenario({ runs: ['2025-10-31'], timetable: null, records: [fullDay('f', '2025-10-28', 'invalid')] });
    expect(resolved(input, '2025-10-28', '2025-10-31')).toEqual([]);
  });
});

describe('§2.2 visibility', () => {
  it('uses the highest version synced on or before the run', () => {
    const input = scenario({
      runs: [day],
      records: [
        lessons('a', day, ['P1'], 'invalid'),
        lessons('a', day, ['P1'], 'valid', { version: 2, updatedAt: at('2025-09-10', '09:00') }),
      ],
    });
    expect(resolved(input, day, day)[0]?.category).toBe('invalid');
    expect(resolved(input, day, '2025-09-10')[0]?.category).toBe('valid');
    expect(formatDate(dayOf(day))).toBe(day);
  });
});

describe('rule 4 with disagreeing school records (decision D3)', () => {
  it('measures with the records that agree with the base, not an older disagreeing one', () => {
    const input = scenario({
      runs: [day],
      records: [
        lessons('absent', day, ['P1'], 'invalid', { updatedAt: at(day, '09:00') }),
        late('late', day, 'P1', 5, { platform: 'PB', updatedAt: at(day, '10:00') }),
      ],
    });
    expect(resolved(input, day)).toEqual([{ name: 'A/P1', category: 'late', minutes: 5, evidence: ['PB:late'] }]);
  });
});
