/**
 * The ambiguity decisions A1–A19 of rules §3.4, each pinned by a scenario, plus the hemkommun
 * notice and the school-type scope of the pack.
 */
import { describe, expect, it } from 'vitest';
import type { RecordDraft } from '../../testing.js';
import {
  DEFAULT_STUDENT,
  FIVE_LESSONS,
  at,
  evaluateScenario,
  eventsOfType,
  finalEvents,
  interval,
  late,
  lessons,
  report,
  scenario,
  student,
} from '../../testing.js';

/** G10's history: oral 8 Sep (a1 a2 a3), written 15 Sep (g1). */
const ORAL_BY_8_SEP: RecordDraft[] = [
  lessons('a1', '2025-09-02', ['P1', 'P2'], 'invalid'),
  lessons('a2', '2025-09-05', ['P3'], 'invalid'),
  lessons('a3', '2025-09-08', ['P1', 'P2', 'P3'], 'invalid'),
];
const WRITTEN_15_SEP: RecordDraft[] = [...ORAL_BY_8_SEP, lessons('g1', '2025-09-15', ['P4'], 'invalid')];
const REPORT_18_SEP: RecordDraft[] = [...WRITTEN_15_SEP, lessons('j2', '2025-09-18', ['P1', 'P2'], 'invalid')];

/** G12's history: oral 20 Oct, written 23 Oct, CSN report 10 Nov. */
const REPORT_10_NOV: RecordDraft[] = [
  lessons('l1', '2025-10-13', ['P1', 'P2'], 'invalid'),
  lessons('l2', '2025-10-15', ['P3'], 'invalid'),
  lessons('l3', '2025-10-20', ['P1'], 'invalid'),
  lessons('l4', '2025-10-23', ['P2'], 'invalid'),
  lessons('l5', '2025-11-10', ['P1'], 'invalid'),
];

const types = (records: RecordDraft[], run: string, extra: Parameters<typeof scenario>[0] extends infer S ? Partial<S> : never = {}) =>
  finalEvents(scenario({ records, runs: [run], ...extra })).map((event) => `${event.type}@${event.triggerDate}`);

describe('A1 — an occasion is a school date with invalid minutes', () => {
  it('counts several lessons on one day as one occasion (G06)', () => {
    expect(types([lessons('f1', '2025-09-09', ['P1', 'P2', 'P3', 'P4', 'P5'], 'invalid'), lessons('f2', '2025-09-10', ['P1'], 'invalid')], '2025-09-19')).toEqual([]);
  });

  it('counts a multi-day record once per school date it touches, skipping the weekend (G27)', () => {
    const [oral] = eventsOfType(
      scenario({ runs: ['2025-09-12'], records: [interval('trip', at('2025-09-05', '14:00'), at('2025-09-09', '09:30'), 'invalid')] }),
      'warning.oral',
    );
    expect(oral).toMatchObject({ triggerDate: '2025-09-09', evidence: ['PA:trip'], details: { occasions: 3, invalidMinutes: 60 + 300 + 60 } });
  });

  it('counts an occurrence crossing midnight on its start date only (G26)', () => {
    const [oral] = eventsOfType(
      scenario({
        runs: ['2025-09-18'],
        timetable: {
          weekly: [{ schoolUnit: 'A', weekdays: [1, 2, 3, 4, 5], lessons: FIVE_LESSONS }],
          extra: [{ schoolUnit: 'A', id: 'NIGHT', start: '2025-09-16T20:00:00+02:00', end: '2025-09-17T02:00:00+02:00' }],
        },
        records: [
          lessons('b1', '2025-09-02', ['P1'], 'invalid'),
          lessons('b2', '2025-09-05', ['P1'], 'invalid'),
          interval('night', '2025-09-16T20:00:00+02:00', '2025-09-17T02:00:00+02:00', 'invalid', { updatedAt: '2025-09-17T02:30:00+02:00' }),
        ],
      }),
      'warning.oral',
    );
    expect(oral).toMatchObject({ triggerDate: '2025-09-16', details: { occasions: 3, invalidMinutes: 480 } });
  });

  it('makes any positive number of minutes an occasion (G04)', () => {
    const records = [lessons('d1', '2025-09-15', ['P1', 'P2', 'P3', 'P4'], 'invalid'), lessons('d2', '2025-09-16', ['P1'], 'invalid')];
    expect(types([...records, lessons('d3', '2025-09-25', ['P4'], 'invalid', { minutes: 1 })], '2025-09-26')).toEqual(['warning.oral@2025-09-25']);
    expect(types([...records, lessons('d3', '2025-09-25', ['P4'], 'invalid', { minutes: 0 })], '2025-09-26')).toEqual([]);
  });
});

describe('A2 — minutes are summed over distinct occurrences, ≥ 240 in integers', () => {
  it('fires at exactly 240 minutes and not at 239', () => {
    const base = [lessons('a', '2025-09-02', ['P1', 'P2'], 'invalid'), lessons('b', '2025-09-03', ['P1'], 'invalid')];
    expect(types([...base, lessons('c', '2025-09-04', ['P1'], 'invalid', { minutes: 60 })], '2025-09-05')).toEqual(['warning.oral@2025-09-04']);
    expect(types([...base, lessons('c', '2025-09-04', ['P1'], 'invalid', { minutes: 59 })], '2025-09-05')).toEqual([]);
  });

  it('drops a partial minute of an interval (3 h 59 min 30 s is not 4 hours)', () => {
    const base = [lessons('a', '2025-09-02', ['P1', 'P2'], 'invalid'), lessons('b', '2025-09-03', ['P1'], 'invalid')];
    const almost = { ...interval('c', '2025-09-04T08:30:00+02:00', '2025-09-04T09:29:30+02:00', 'invalid') };
    expect(types([...base, almost], '2025-09-05')).toEqual([]);
  });

  it('counts a lesson exported by two platforms once (G21)', () => {
    const twice = ['2025-09-02', '2025-09-05', '2025-09-08'].flatMap((date, i) => [
      lessons(`q${i}`, date, ['P1'], 'invalid'),
      lessons(`x${i}`, date, ['P1'], 'invalid', { platform: 'PB' }),
    ]);
    expect(types(twice, '2025-09-12')).toEqual([]);
  });
});

describe('A3 — a rolling 30-day window inside the school year', () => {
  it('lets old occasions drop out of the window (G05)', () => {
    const later = [lessons('e2', '2025-09-19', ['P1'], 'invalid'), lessons('e3', '2025-10-02', ['P2'], 'invalid')];
    // On 2 Oct the window is 3 Sep – 2 Oct: an absence on 2 Sep is out, one on 3 Sep is in.
    expect(types([lessons('e1', '2025-09-02', ['P1', 'P2', 'P3'], 'invalid'), ...later], '2025-10-03')).toEqual([]);
    expect(types([lessons('e1', '2025-09-03', ['P1', 'P2', 'P3'], 'invalid'), ...later], '2025-10-03')).toEqual(['warning.oral@2025-10-02']);
  });

  it('never reaches back over the start of the school year', () => {
    const records = ['2026-08-17', '2026-08-18', '2026-08-19', '2026-08-20', '2026-08-21'].map((date, i) =>
      lessons(`s${i}`, date, ['P1', 'P2'], 'invalid'),
    );
    const events = finalEvents(
      scenario({ records, runs: ['2026-08-21'], parameters: { 'stockholm-gy': { schoolYearStart: '08-20' } } }),
    );
    // 17–19 Aug complete an oral warning in 2025/26 (as configured); 20–21 Aug are only 2 occasions of 2026/27.
    expect(events.map((e) => `${e.type}@${e.triggerDate}:${(e.details as { schoolYear?: string }).schoolYear}`)).toEqual([
      'warning.oral@2026-08-19:2025/26',
    ]);
  });
});

describe('A4 — late arrivals and the oral warning', () => {
  const base = [lessons('a', '2025-09-02', ['P1', 'P2'], 'invalid'), lessons('b', '2025-09-03', ['P1', 'P2'], 'invalid')];

  it('does not count late arrivals of up to 15 minutes', () => {
    expect(types([...base, late('t', '2025-09-04', 'P1', 15)], '2025-09-05')).toEqual([]);
  });

  it('counts a lateness over 15 minutes as invalid minutes (G25)', () => {
    const [oral] = eventsOfType(scenario({ records: [...base, late('t', '2025-09-04', 'P1', 16)], runs: ['2025-09-05'] }), 'warning.oral');
    expect(oral).toMatchObject({ triggerDate: '2025-09-04', evidence: ['PA:a', 'PA:b', 'PA:t'], details: { invalidMinutes: 256 } });
  });

  it('counts late arrivals with their minutes when lateCountsTowardOral is on', () => {
    const [oral] = eventsOfType(
      scenario({
        records: [...base, late('t', '2025-09-04', 'P1', 5)],
        runs: ['2025-09-05'],
        parameters: { 'stockholm-gy': { lateCountsTowardOral: true } },
      }),
      'warning.oral',
    );
    expect(oral).toMatchObject({ triggerDate: '2025-09-04', details: { occasions: 3, invalidMinutes: 245 } });
  });
});

describe('A5 — "continues" starts after the grace day', () => {
  it('ignores the trigger day and the grace day (G09)', () => {
    const records = [
      ...ORAL_BY_8_SEP,
      lessons('i1', '2025-09-08', ['P5'], 'invalid'),
      lessons('i2', '2025-09-09', ['P1'], 'invalid'),
      lessons('i3', '2025-09-10', ['P2'], 'invalid'),
    ];
    expect(types(records, '2025-09-12')).toEqual(['warning.oral@2025-09-08', 'warning.written@2025-09-10']);
    expect(types(records.slice(0, 5), '2025-09-12')).toEqual(['warning.oral@2025-09-08']);
  });

  it('counts grace in school days, across a break', () => {
    const records = [
      lessons('o1', '2025-10-20', ['P1', 'P2'], 'invalid'),
      lessons('o2', '2025-10-22', ['P1'], 'invalid'),
      lessons('o3', '2025-10-24', ['P1'], 'invalid'),
      lessons('grace', '2025-11-03', ['P1'], 'invalid'),
      lessons('w', '2025-11-04', ['P1'], 'invalid'),
    ];
    expect(types(records, '2025-11-05')).toEqual(['warning.oral@2025-10-24', 'warning.written@2025-11-04']);
  });

  it('has no grace day when continuationGraceSchoolDays is 0', () => {
    const records = [...ORAL_BY_8_SEP, lessons('i2', '2025-09-09', ['P1'], 'invalid')];
    expect(types(records, '2025-09-12', { parameters: { 'stockholm-gy': { continuationGraceSchoolDays: 0 } } })).toEqual([
      'warning.oral@2025-09-08',
      'warning.written@2025-09-09',
    ]);
  });
});

describe('A6 — "one lesson" is any resolved invalid occurrence', () => {
  it('gives the written warning for a lateness over 15 minutes', () => {
    const [written] = eventsOfType(scenario({ records: [...ORAL_BY_8_SEP, late('t', '2025-09-10', 'P1', 20)], runs: ['2025-09-12'] }), 'warning.written');
    expect(written).toMatchObject({ triggerDate: '2025-09-10', evidence: ['PA:t'], details: { reason: 'lesson' } });
  });
});

describe('A7 — three late arrivals on counting days', () => {
  it('counts several on one day separately and needs no consecutive days (G08)', () => {
    const records = [
      ...ORAL_BY_8_SEP,
      late('grace', '2025-09-09', 'P1', 5),
      late('t1', '2025-09-10', 'P1', 5),
      late('t2', '2025-09-10', 'P3', 3),
      late('t3', '2025-09-15', 'P2', 10),
      late('t4', '2025-09-15', 'P4', 10),
    ];
    const [written] = eventsOfType(scenario({ records, runs: ['2025-09-19'] }), 'warning.written');
    expect(written).toMatchObject({ triggerDate: '2025-09-15', evidence: ['PA:t1', 'PA:t2', 'PA:t3'], details: { reason: 'lateArrivals' } });
  });

  it('needs writtenLateArrivals of them', () => {
    const records = [...ORAL_BY_8_SEP, late('t1', '2025-09-10', 'P1', 5), late('t2', '2025-09-11', 'P1', 5)];
    expect(types(records, '2025-09-19')).toEqual(['warning.oral@2025-09-08']);
    expect(types(records, '2025-09-19', { parameters: { 'stockholm-gy': { writtenLateArrivals: 2 } } })).toEqual([
      'warning.oral@2025-09-08',
      'warning.written@2025-09-11',
    ]);
  });
});

describe('A8 — guardians under 18, the student from the 18th birthday', () => {
  const turning18 = (birthDate: string) => scenario({
    records: WRITTEN_15_SEP.map((r) => ({ ...r, subject: '200709172381' })),
    runs: ['2025-09-19'],
    students: [student({ subject: '200709172381', birthDate })],
  });

  it('writes to the student on the 18th birthday and to the guardians the day before', () => {
    expect(eventsOfType(turning18('2007-09-15'), 'warning.written')[0]?.recipient).toBe('student');
    const before = eventsOfType(turning18('2007-09-16'), 'warning.written')[0];
    expect(before?.recipient).toBe('guardians');
    expect(before?.addressees).toEqual([
      { subject: '198001139297', channels: ['sms'] },
      { subject: '197905209289', channels: ['email', 'push'] },
    ]);
  });
});

describe('A9 — the written warning lasts until 30 June', () => {
  it('is valid until the end of its school year, and the ladder restarts after it (G17)', () => {
    const records = [
      lessons('p1', '2026-04-27', ['P1', 'P2'], 'invalid'),
      lessons('p2', '2026-04-29', ['P3'], 'invalid'),
      lessons('p3', '2026-05-04', ['P1'], 'invalid'),
      lessons('p4', '2026-05-07', ['P2'], 'invalid'),
      lessons('p6', '2026-08-20', ['P1'], 'invalid'),
    ];
    const events = finalEvents(scenario({ records, runs: ['2026-09-16'] }));
    expect(events.map((e) => e.type)).toEqual(['warning.oral', 'warning.written']);
    expect(eventsOfType(scenario({ records, runs: ['2026-09-16'] }), 'warning.written')[0]?.details.validUntil).toBe('2026-06-30');
  });
});

describe('A10 — the CSN report', () => {
  it('follows one invalid occurrence on a counting day after the written warning (G10)', () => {
    const records = [...REPORT_18_SEP, lessons('j1', '2025-09-16', ['P2'], 'invalid')];
    const [csn] = eventsOfType(scenario({ records, runs: ['2025-09-19'] }), 'csn.report');
    expect(csn).toMatchObject({
      id: `stockholm-gy:csn.report:${DEFAULT_STUDENT}:1`,
      triggerDate: '2025-09-18',
      recipient: 'csnReporter',
      evidence: ['PA:j2'],
      details: { ordinal: 1, firstSkolkDate: '2025-09-02', invalidMinutes30d: 600, occasions30d: 6, csnGuidanceMet: true },
    });
  });

  it('is never triggered by late arrivals of up to 15 minutes (G11), but by a longer one', () => {
    expect(types([...WRITTEN_15_SEP, late('t', '2025-09-17', 'P1', 15)], '2025-09-19')).not.toContain('csn.report@2025-09-17');
    expect(types([...WRITTEN_15_SEP, late('t', '2025-09-17', 'P1', 16)], '2025-09-19')).toContain('csn.report@2025-09-17');
  });
});

describe('A11 — stricter than CSN guidance', () => {
  it('still reports, with csnGuidanceMet false', () => {
    const records = [
      lessons('p1', '2026-04-27', ['P1', 'P2'], 'invalid'),
      lessons('p2', '2026-04-29', ['P3'], 'invalid'),
      lessons('p3', '2026-05-04', ['P1'], 'invalid'),
      lessons('p4', '2026-05-07', ['P2'], 'invalid'),
      lessons('p5', '2026-06-09', ['P4'], 'invalid'),
    ];
    const [csn] = eventsOfType(scenario({ records, runs: ['2026-06-30'] }), 'csn.report');
    expect(csn?.details).toMatchObject({ firstSkolkDate: '2026-06-09', invalidMinutes30d: 60, occasions30d: 1, csnGuidanceMet: false, underlagDueBy: '2026-08-09' });
  });
});

describe('A12/A13 — regaining after 20 clean school days', () => {
  it('counts school days only; breaks neither count nor break the streak (G12, G13)', () => {
    const [resume] = eventsOfType(scenario({ records: REPORT_10_NOV, runs: ['2025-12-08'] }), 'csn.resume');
    expect(resume).toMatchObject({ triggerDate: '2025-12-08', evidence: [], details: { ordinal: 1, cleanSince: '2025-11-11' } });
  });

  it('pauses over the Christmas break instead of regaining during it', () => {
    const records = [...REPORT_10_NOV, lessons('late-dec', '2025-12-05', ['P1'], 'invalid')];
    // New streak from 8 Dec: 8–19 Dec (10), 8 Jan – 21 Jan (10) → 20th clean day is 21 Jan.
    const [resume] = eventsOfType(scenario({ records, runs: ['2026-01-21'] }), 'csn.resume');
    expect(resume).toMatchObject({ triggerDate: '2026-01-21', details: { cleanSince: '2025-12-08' } });
    expect(eventsOfType(scenario({ records, runs: ['2026-01-20'] }), 'csn.resume')).toEqual([]);
  });

  it('is not broken by valid, reported or late absence', () => {
    const records = [
      ...REPORT_10_NOV,
      lessons('v', '2025-11-20', ['P1', 'P2', 'P3', 'P4', 'P5'], 'valid'),
      report('r', '2025-11-25', ['P1'], at('2025-11-25', '07:00')),
      late('t', '2025-12-02', 'P1', 10),
    ];
    expect(eventsOfType(scenario({ records, runs: ['2025-12-08'] }), 'csn.resume')[0]?.triggerDate).toBe('2025-12-08');
  });

  it('follows regainCleanSchoolDays', () => {
    const input = scenario({ records: REPORT_10_NOV, runs: ['2025-11-14'], parameters: { 'stockholm-gy': { regainCleanSchoolDays: 4 } } });
    expect(eventsOfType(input, 'csn.resume')[0]).toMatchObject({ triggerDate: '2025-11-14', details: { cleanSince: '2025-11-11' } });
  });
});

describe('A14 — more skipping while withdrawn', () => {
  it('gives no second report and restarts the streak (G14)', () => {
    const records = [...REPORT_10_NOV, lessons('n1', '2025-11-28', ['P3'], 'invalid')];
    const events = finalEvents(scenario({ records, runs: ['2026-01-14'] }));
    expect(events.filter((e) => e.type === 'csn.report')).toHaveLength(1);
    expect(eventsOfType(scenario({ records, runs: ['2026-01-14'] }), 'csn.resume')[0]).toMatchObject({
      triggerDate: '2026-01-14',
      details: { cleanSince: '2025-12-01' },
    });
  });
});

describe('A15 — after regaining', () => {
  it('reports again on the next invalid lesson, without new warnings (G16)', () => {
    const records = [...REPORT_10_NOV, lessons('o1', '2025-12-10', ['P1'], 'invalid')];
    const events = finalEvents(scenario({ records, runs: ['2025-12-12'] }));
    expect(events.map((e) => e.id.replace(`:${DEFAULT_STUDENT}`, ''))).toEqual([
      'stockholm-gy:warning.oral:2025/26',
      'stockholm-gy:warning.written:2025/26',
      'stockholm-gy:csn.report:1',
      'stockholm-gy:csn.resume:1',
      'stockholm-gy:csn.report:2',
    ]);
  });
});

describe('A16 — the school-year boundary', () => {
  it('resets the ladder but carries the CSN withdrawal and streak over the summer (G17)', () => {
    const records = [
      lessons('p1', '2026-04-27', ['P1', 'P2'], 'invalid'),
      lessons('p2', '2026-04-29', ['P3'], 'invalid'),
      lessons('p3', '2026-05-04', ['P1'], 'invalid'),
      lessons('p4', '2026-05-07', ['P2'], 'invalid'),
      lessons('p5', '2026-06-09', ['P4'], 'invalid'),
      lessons('p6', '2026-08-20', ['P1'], 'invalid'),
    ];
    const events = finalEvents(scenario({ records, runs: ['2026-09-17'] }));
    expect(events.map((e) => `${e.type}@${e.triggerDate}`)).toEqual([
      'warning.oral@2026-05-04',
      'warning.written@2026-05-07',
      'csn.report@2026-06-09',
      'csn.resume@2026-09-17',
    ]);
  });
});

describe('A17 — students outside studiehjälp', () => {
  it('suppresses the CSN step after 30 June of the year the student turns 20, once per school year (G31)', () => {
    const subject = '200509102380';
    const records = [...REPORT_18_SEP, lessons('j3', '2025-09-22', ['P1'], 'invalid')].map((r) => ({ ...r, subject }));
    const input = scenario({ records, runs: ['2025-09-23'], students: [student({ subject, birthDate: '2005-09-10', homeMunicipality: '0114' })] });
    const events = finalEvents(input);
    expect(events.map((e) => `${e.type}@${e.triggerDate}`)).toEqual([
      'warning.oral@2025-09-08',
      'warning.written@2025-09-15',
      'csn.report.suppressed@2025-09-18',
    ]);
    expect(events[2]).toMatchObject({
      id: `stockholm-gy:csn.report.suppressed:${subject}:2025/26`,
      recipient: 'csnReporter',
      evidence: ['PA:j2'],
      details: { schoolYear: '2025/26', reason: 'STUDIEMEDEL_AGE', studiehjalpEndedOn: '2025-06-30' },
    });
  });

  it('still reports before studiebidrag starts, saying so', () => {
    const records = [
      lessons('a', '2025-08-18', ['P1', 'P2'], 'invalid'),
      lessons('b', '2025-08-19', ['P1'], 'invalid'),
      lessons('c', '2025-08-20', ['P1'], 'invalid'),
      lessons('w', '2025-08-22', ['P1'], 'invalid'),
      lessons('r', '2025-08-26', ['P1'], 'invalid'),
    ];
    const [csn] = eventsOfType(scenario({ records, runs: ['2025-08-29'] }), 'csn.report');
    expect(csn).toMatchObject({ triggerDate: '2025-08-26', details: { studiebidragStarted: false } });
  });
});

describe('A18 — reclassification replays and diffs', () => {
  it('amends the oral warning and retracts the written one built on it (G19)', () => {
    const records = [
      ...WRITTEN_15_SEP,
      lessons('a2', '2025-09-05', ['P3'], 'valid', { version: 2, updatedAt: at('2025-09-17', '09:00') }),
    ];
    const [, second] = evaluateScenario(scenario({ records, runs: ['2025-09-16', '2025-09-17'] }));
    expect(second?.events).toHaveLength(1);
    expect(second?.events[0]).toMatchObject({
      type: 'warning.oral',
      status: 'amended',
      triggerDate: '2025-09-15',
      evidence: ['PA:a1', 'PA:a3', 'PA:g1'],
      details: { windowStart: '2025-08-17', windowEnd: '2025-09-15', occasions: 3, invalidMinutes: 360 },
    });
    expect(second?.delta.map((e) => `${e.type}:${e.status}`)).toEqual(['warning.oral:amended', 'warning.written:retracted']);
    expect(second?.delta[1]).toMatchObject({ recipient: 'guardians', evidence: ['PA:g1'], details: { reason: 'lesson' } });
  });

  it('back-dates a resume when a reclassification repairs the streak (G15)', () => {
    const records = [
      ...REPORT_10_NOV,
      lessons('n1', '2025-11-28', ['P3'], 'invalid'),
      lessons('n1', '2025-11-28', ['P3'], 'valid', { version: 2, updatedAt: at('2025-12-10', '09:00') }),
    ];
    const [before, after] = evaluateScenario(scenario({ records, runs: ['2025-12-09', '2025-12-10'] }));
    expect(before?.events.some((e) => e.type === 'csn.resume')).toBe(false);
    expect(after?.delta).toEqual([
      expect.objectContaining({ type: 'csn.resume', status: 'issued', triggerDate: '2025-12-08', details: { ordinal: 1, cleanSince: '2025-11-11' } }),
    ]);
  });

  it('retracts the CSN report when the written warning goes', () => {
    const records = [
      ...REPORT_18_SEP,
      lessons('g1', '2025-09-15', ['P4'], 'valid', { version: 2, updatedAt: at('2025-09-22', '09:00') }),
    ];
    const [, second] = evaluateScenario(scenario({ records, runs: ['2025-09-19', '2025-09-22'] }));
    // j2 (18 Sep) is now the first continuing lesson: written warning moves there, the report goes.
    expect(second?.delta.map((e) => `${e.type}:${e.status}@${e.triggerDate}`)).toEqual([
      'csn.report:retracted@2025-09-18',
      'warning.written:amended@2025-09-18',
    ]);
  });
});

describe('A19 — reported but not approved', () => {
  it('counts only after the school rejects the report (G24)', () => {
    const records = [
      ...ORAL_BY_8_SEP.slice(0, 2),
      lessons('a3', '2025-09-08', ['P1', 'P2', 'P3'], 'invalid'),
      report('s2', '2025-09-08', ['P1', 'P2', 'P3'], at('2025-09-08', '07:40')),
      lessons('a3', '2025-09-08', ['P1', 'P2', 'P3'], 'invalid', { version: 2, decision: true, updatedAt: at('2025-09-09', '09:00') }),
    ];
    const [first, second] = evaluateScenario(scenario({ records, runs: ['2025-09-08', '2025-09-09'] }));
    expect(first?.events).toEqual([]);
    expect(second?.delta).toEqual([expect.objectContaining({ type: 'warning.oral', status: 'issued', triggerDate: '2025-09-08', evidence: ['PA:a1', 'PA:a2', 'PA:a3'] })]);
  });
});

describe('hemkommun.notice', () => {
  const elsewhere = { students: [student({ homeMunicipality: '0114' })] };

  it('accompanies each CSN report when the huvudman is not the home municipality', () => {
    const events = finalEvents(scenario({ records: REPORT_18_SEP, runs: ['2025-09-19'], ...elsewhere }));
    expect(events.filter((e) => e.type === 'hemkommun.notice')).toEqual([
      expect.objectContaining({
        id: `stockholm-gy:hemkommun.notice:${DEFAULT_STUDENT}:1`,
        triggerDate: '2025-09-18',
        recipient: 'homeMunicipality',
        evidence: ['PA:j2'],
        details: { ordinal: 1 },
      }),
    ]);
  });

  it('is sent for an independent huvudman, and never when switched off', () => {
    const independent = { schoolUnits: { A: { huvudmanMunicipality: null } } };
    expect(eventsOfType(scenario({ records: REPORT_18_SEP, runs: ['2025-09-19'], ...independent }), 'hemkommun.notice')).toHaveLength(1);
    const off = { ...elsewhere, parameters: { 'stockholm-gy': { hemkommunNotice: 'off' as const } } };
    expect(eventsOfType(scenario({ records: REPORT_18_SEP, runs: ['2025-09-19'], ...off }), 'hemkommun.notice')).toEqual([]);
  });

  it('is not sent from the 20th birthday', () => {
    const subject = '200509102380';
    const input = scenario({
      records: REPORT_18_SEP.map((r) => ({ ...r, subject })),
      runs: ['2025-09-19'],
      students: [student({ subject, birthDate: '2005-09-10', homeMunicipality: '0114' })],
      parameters: { 'stockholm-gy': { studiehjalpEndAge: 21 } },
    });
    expect(eventsOfType(input, 'csn.report')).toHaveLength(1);
    expect(eventsOfType(input, 'hemkommun.notice')).toEqual([]);
  });
});

describe('scope', () => {
  it('produces nothing for compulsory-school pupils', () => {
    const subject = '201203042385';
    const input = scenario({
      records: REPORT_18_SEP.map((r) => ({ ...r, subject })),
      runs: ['2025-09-19'],
      students: [student({ subject, birthDate: '2012-03-04', schoolType: 'GR' })],
    });
    expect(finalEvents(input)).toEqual([]);
  });

  it('marks every event of a protected subject (G29)', () => {
    const subject = '200801182387';
    const input = scenario({
      records: REPORT_18_SEP.map((r) => ({ ...r, subject })),
      runs: ['2025-09-19'],
      students: [student({ subject, birthDate: '2008-01-18', protection: 'skyddadFolkbokforing' })],
    });
    const events = finalEvents(input);
    expect(events).toHaveLength(3);
    expect(events.every((e) => e.protectedIdentity)).toBe(true);
  });

  it('marks the events when only a guardian is protected', () => {
    const input = scenario({
      records: ORAL_BY_8_SEP,
      runs: ['2025-09-12'],
      students: [student({ guardians: [{ subject: '198001139297', protection: 'sekretessmarkering', receivesNotices: true, channels: ['sms'] }] })],
    });
    expect(finalEvents(input)[0]?.protectedIdentity).toBe(true);
  });
});
