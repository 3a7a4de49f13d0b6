/** S2 of §4.3: the investigation recommendation's thresholds at their edges, arming and evidence. */
import { describe, expect, it } from 'vitest';
import type { RecordDraft, ScenarioDraft } from '../../testing.js';
import { DEFAULT_STUDENT, FIVE_LESSONS, at, eventsOfType, fullDay, late, lessons, report, scenario } from '../../testing.js';

const ALL = ['P1', 'P2', 'P3', 'P4', 'P5'];

const recommendations = (records: RecordDraft[], run: string, extra: Partial<ScenarioDraft> = {}) =>
  eventsOfType(scenario({ pack: 'skollagen', records, runs: [run], ...extra }), 'investigation.recommended');

describe('share of scheduled time', () => {
  // G40's first half: two reported days and one invalid lesson.
  const g40 = [
    report('dd1', '2025-09-15', ALL, at('2025-09-15', '07:10')),
    report('dd2', '2025-09-16', ALL, at('2025-09-16', '07:05')),
    lessons('dd3', '2025-09-26', ['P1'], 'invalid'),
  ];

  it('fires at exactly 10 % (660 of 6 600 minutes) and not below (G40)', () => {
    expect(recommendations(g40, '2025-09-25')).toEqual([]);
    expect(recommendations(g40, '2025-09-26')).toEqual([
      expect.objectContaining({
        id: `skollagen:investigation.recommended:${DEFAULT_STUDENT}:2025/26:1`,
        triggerDate: '2025-09-26',
        recipient: 'rektor',
        evidence: ['PA:dd3', 'PB:dd1', 'PB:dd2'],
        details: expect.objectContaining({
          schoolYear: '2025/26',
          ordinal: 1,
          reason: 'share',
          absentMinutes: 660,
          scheduledMinutes: 6600,
          consecutiveFullDays: 0,
          windowStart: '2025-08-28',
          windowEnd: '2025-09-26',
        }),
      }),
    ]);
    const short = [...g40.slice(0, 2), lessons('dd3', '2025-09-26', ['P1'], 'invalid', { minutes: 59 })];
    expect(recommendations(short, '2025-09-26')).toEqual([]);
  });

  it('needs investigationMinScheduledMinutes of scheduled time in the window', () => {
    const firstDay = [lessons('x', '2025-08-18', ALL, 'invalid')];
    // 300 scheduled minutes a day from 18 Aug: 1 200 on 21 Aug.
    expect(recommendations(firstDay, '2025-08-20')).toEqual([]);
    expect(recommendations(firstDay, '2025-08-21')[0]?.triggerDate).toBe('2025-08-21');
    const stricter = { parameters: { skollagen: { investigationMinScheduledMinutes: 1201 } } };
    expect(recommendations(firstDay, '2025-08-22', stricter)[0]?.triggerDate).toBe('2025-08-22');
  });

  it('counts only investigationCountsCategories', () => {
    const valid = [lessons('v', '2025-09-15', ALL, 'valid'), lessons('w', '2025-09-16', ALL, 'valid'), lessons('x', '2025-09-17', ['P1'], 'valid')];
    expect(recommendations(valid, '2025-09-30')).toHaveLength(1);
    expect(recommendations(valid, '2025-09-30', { parameters: { skollagen: { investigationCountsCategories: ['invalid'] } } })).toEqual([]);
  });

  it('counts late arrivals with their late minutes', () => {
    // 3 days of 300 minutes from 18 Aug: 1 200 scheduled on 21 Aug; 120 late minutes is exactly 10 %.
    const lates = ['2025-08-18', '2025-08-19', '2025-08-20', '2025-08-21'].flatMap((date, d) =>
      ['P1', 'P2', 'P3'].map((lesson, l) => late(`t${d}${l}`, date, lesson, 10)),
    );
    expect(recommendations(lates, '2025-08-21')[0]?.details).toMatchObject({ absentMinutes: 120, scheduledMinutes: 1200, reason: 'share' });
    expect(recommendations(lates.slice(1), '2025-08-21')).toEqual([]);
  });

  it('cannot run without a timetable', () => {
    const days = ['2025-09-15', '2025-09-16', '2025-09-17'].map((d, i) => fullDay(`f${i}`, d, 'valid', { minutes: 300 }));
    expect(recommendations(days, '2025-09-30', { timetable: null })).toEqual([]);
  });
});

describe('consecutive full days', () => {
  const noTimetable = { timetable: null };

  it('counts five school days across a break without a timetable (G39)', () => {
    const days = ['2025-10-22', '2025-10-23', '2025-10-24', '2025-11-03', '2025-11-04'].map((d, i) => fullDay(`ee${i + 1}`, d, 'valid', { platform: 'PB' }));
    expect(recommendations(days, '2025-11-03', noTimetable)).toEqual([]);
    expect(recommendations(days, '2025-11-04', noTimetable)).toEqual([
      expect.objectContaining({
        triggerDate: '2025-11-04',
        evidence: ['PB:ee1', 'PB:ee2', 'PB:ee3', 'PB:ee4', 'PB:ee5'],
        details: expect.objectContaining({
          reason: 'consecutive',
          absentMinutes: null,
          scheduledMinutes: null,
          consecutiveFullDays: 5,
          windowStart: '2025-10-06',
          windowEnd: '2025-11-04',
        }),
      }),
    ]);
  });

  it('is interrupted by a school day without a full-day record', () => {
    const days = ['2025-09-08', '2025-09-09', '2025-09-11', '2025-09-12', '2025-09-15'].map((d, i) => fullDay(`f${i}`, d, 'valid'));
    expect(recommendations(days, '2025-09-19', noTimetable)).toEqual([]);
    const three = { timetable: null, parameters: { skollagen: { investigationConsecutiveFullDays: 3 } } };
    expect(recommendations(days, '2025-09-19', three)[0]?.triggerDate).toBe('2025-09-15');
  });

  it('lets a school day with nothing scheduled neither count nor interrupt', () => {
    const noWednesday: Partial<ScenarioDraft> = {
      timetable: { weekly: [{ schoolUnit: 'A', weekdays: [1, 2, 4, 5], lessons: FIVE_LESSONS }], extra: [] },
      // The share rule would fire first (§4.3 note); raise it to see the run itself.
      parameters: { skollagen: { investigationSharePercent: 100 } },
    };
    const days = ['2025-09-08', '2025-09-09', '2025-09-11', '2025-09-12', '2025-09-15'].map((d, i) => fullDay(`f${i}`, d, 'valid'));
    expect(recommendations(days, '2025-09-19', noWednesday)).toEqual([
      expect.objectContaining({ triggerDate: '2025-09-15', details: expect.objectContaining({ reason: 'consecutive', consecutiveFullDays: 5 }) }),
    ]);
  });

  it('is tripped first by the share rule with the defaults', () => {
    const days = ['2025-09-08', '2025-09-09', '2025-09-10'].map((d, i) => fullDay(`f${i}`, d, 'valid'));
    expect(recommendations(days, '2025-09-19')[0]?.details.reason).toBe('share');
  });
});

describe('arming', () => {
  const oneDay = { timetable: null, parameters: { skollagen: { investigationConsecutiveFullDays: 1 } } };

  it('re-arms once the condition has been false for investigationRearmDays calendar days (t + 31)', () => {
    const at30 = recommendations([fullDay('a', '2025-09-01', 'valid'), fullDay('b', '2025-10-01', 'valid')], '2025-10-10', oneDay);
    expect(at30.map((e) => e.triggerDate)).toEqual(['2025-09-01']);
    const at31 = recommendations([fullDay('a', '2025-09-01', 'valid'), fullDay('b', '2025-10-02', 'valid')], '2025-10-10', oneDay);
    expect(at31.map((e) => `${e.details.ordinal}@${e.triggerDate}`)).toEqual(['1@2025-09-01', '2@2025-10-02']);
  });

  it('does not repeat while the condition stays true, and re-arms with a new numbering each school year', () => {
    const records = [
      fullDay('a', '2026-06-10', 'valid'),
      fullDay('b', '2026-06-11', 'valid'),
      fullDay('c', '2026-08-17', 'valid'),
    ];
    const found = recommendations(records, '2026-08-20', oneDay);
    expect(found.map((e) => e.id.replace(`:${DEFAULT_STUDENT}`, ''))).toEqual([
      'skollagen:investigation.recommended:2025/26:1',
      'skollagen:investigation.recommended:2026/27:1',
    ]);
  });
});
