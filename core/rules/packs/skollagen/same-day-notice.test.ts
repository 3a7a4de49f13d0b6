/** S1 of §4.2: content, recipient and due date of the same-day notice, at its edges. */
import { describe, expect, it } from 'vitest';
import type { RecordDraft, ScenarioDraft } from '../../testing.js';
import {
  DEFAULT_STUDENT,
  FIVE_LESSONS,
  at,
  dayMinutes,
  evaluateScenario,
  eventsOfType,
  interval,
  late,
  lessons,
  report,
  scenario,
  student,
} from '../../testing.js';

const notices = (records: RecordDraft[], run: string, extra: Partial<ScenarioDraft> = {}) =>
  eventsOfType(scenario({ pack: 'skollagen', records, runs: [run], ...extra }), 'notify.invalid_absence');

describe('content', () => {
  it('lists the invalid lessons of the day in start order, without late arrivals by default (G35)', () => {
    const records = [lessons('p4', '2025-09-09', ['P4'], 'invalid'), lessons('p2', '2025-09-09', ['P2'], 'invalid'), late('t', '2025-09-09', 'P1', 5)];
    expect(notices(records, '2025-09-09')).toEqual([
      expect.objectContaining({
        id: `skollagen:notify.invalid_absence:${DEFAULT_STUDENT}:2025-09-09`,
        triggerDate: '2025-09-09',
        recipient: 'guardians',
        evidence: ['PA:p2', 'PA:p4'],
        details: { absenceDate: '2025-09-09', lessons: ['A/P2', 'A/P4'], minutes: 120, dueDate: '2025-09-09' },
      }),
    ]);
  });

  it('includes late arrivals with their minutes when notifyIncludesLate is on, and converted lates always', () => {
    const records = [late('t', '2025-09-09', 'P1', 5), late('u', '2025-09-10', 'P1', 16)];
    expect(notices(records, '2025-09-10').map((n) => n.details)).toEqual([
      { absenceDate: '2025-09-10', lessons: ['A/P1'], minutes: 16, dueDate: '2025-09-10' },
    ]);
    const withLates = notices(records, '2025-09-10', { parameters: { skollagen: { notifyIncludesLate: true } } });
    expect(withLates.map((n) => n.details.minutes)).toEqual([5, 16]);
  });

  it('ignores valid and reported absence', () => {
    const records = [lessons('v', '2025-09-09', ['P1'], 'valid'), lessons('t', '2025-09-09', ['P2'], 'invalid'), report('r', '2025-09-09', ['P2'], at('2025-09-09', '07:00'))];
    expect(notices(records, '2025-09-09')).toEqual([]);
  });

  it('lists no lessons without a timetable', () => {
    const [notice] = notices([dayMinutes('d', '2025-09-09', 45, 'invalid')], '2025-09-09', { timetable: null });
    expect(notice?.details).toEqual({ absenceDate: '2025-09-09', lessons: [], minutes: 45, dueDate: '2025-09-09' });
  });

  it('is one notice per day however many platforms and units report', () => {
    const records = [
      lessons('a', '2025-09-09', ['P1'], 'invalid'),
      lessons('b', '2025-09-09', ['P1'], 'invalid', { platform: 'PB' }),
      interval('c', at('2025-09-09', '13:00'), at('2025-09-09', '13:30'), 'invalid', { platform: 'PC' }),
    ];
    const [notice] = notices(records, '2025-09-09');
    expect(notice).toMatchObject({ evidence: ['PA:a', 'PB:b', 'PC:c'], details: { lessons: ['A/P1', 'A/P4'], minutes: 90 } });
  });
});

describe('recipient', () => {
  const subject = '200709172381';
  const adult = (birthDate: string, parameters: ScenarioDraft['parameters'] = {}) =>
    notices([lessons('a', '2025-09-17', ['P1'], 'invalid', { subject })], '2025-09-17', {
      students: [student({ subject, birthDate })],
      parameters,
    });

  it('goes to the guardians the day before the 18th birthday and to the student on it (G28)', () => {
    expect(adult('2007-09-18')[0]?.recipient).toBe('guardians');
    expect(adult('2007-09-18')[0]?.addressees).toHaveLength(2);
    expect(adult('2007-09-17')[0]?.recipient).toBe('student');
    expect(adult('2007-09-17')[0]?.addressees).toBeUndefined();
  });

  it('is not produced for an adult when notifyAdultStudent is off', () => {
    expect(adult('2007-09-17', { skollagen: { notifyAdultStudent: false } })).toEqual([]);
    expect(adult('2007-09-18', { skollagen: { notifyAdultStudent: false } })).toHaveLength(1);
  });

  it('follows notifyGuardiansUnderAge', () => {
    expect(adult('2007-09-17', { skollagen: { notifyGuardiansUnderAge: 20 } })[0]?.recipient).toBe('guardians');
  });

  it('treats a compulsory-school pupil the same and ignores fritidshem (G37)', () => {
    const pupil = '201203042385';
    const found = notices(
      [
        lessons('cc1', '2025-09-09', ['P3'], 'invalid', { subject: pupil }),
        interval('cc2', at('2025-09-09', '15:00'), at('2025-09-09', '17:00'), 'invalid', { subject: pupil, activity: 'fritidshem' }),
      ],
      '2025-09-09',
      { students: [student({ subject: pupil, birthDate: '2012-03-04', schoolType: 'GR' })] },
    );
    expect(found).toEqual([expect.objectContaining({ recipient: 'guardians', evidence: ['PA:cc1'], details: expect.objectContaining({ lessons: ['A/P3'] }) })]);
  });

  it('is still produced for a protected student, flagged (§2.9)', () => {
    const subject2 = '200801182387';
    const [notice] = notices([lessons('a', '2025-09-09', ['P1'], 'invalid', { subject: subject2 })], '2025-09-09', {
      students: [student({ subject: subject2, birthDate: '2008-01-18', protection: 'skyddadFolkbokforing' })],
    });
    expect(notice?.protectedIdentity).toBe(true);
  });
});

describe('due date (F4: the day’s last lesson may wait)', () => {
  it('is the next school day when only the last lesson was missed', () => {
    expect(notices([lessons('a', '2025-09-09', ['P5'], 'invalid')], '2025-09-09')[0]?.details.dueDate).toBe('2025-09-10');
    expect(notices([lessons('a', '2025-09-12', ['P5'], 'invalid')], '2025-09-12')[0]?.details.dueDate).toBe('2025-09-15');
    expect(notices([lessons('a', '2025-10-24', ['P5'], 'invalid')], '2025-10-24')[0]?.details.dueDate).toBe('2025-11-03');
  });

  it('is the same day when another lesson was missed too, or when lastLessonMayWait is off', () => {
    expect(notices([lessons('a', '2025-09-09', ['P4', 'P5'], 'invalid')], '2025-09-09')[0]?.details.dueDate).toBe('2025-09-09');
    const off = { parameters: { skollagen: { lastLessonMayWait: false } } };
    expect(notices([lessons('a', '2025-09-09', ['P5'], 'invalid')], '2025-09-09', off)[0]?.details.dueDate).toBe('2025-09-09');
  });

  it('looks for the last lesson across all units (G30)', () => {
    const twoUnits: Partial<ScenarioDraft> = {
      schoolUnits: { A: { huvudmanMunicipality: '0180' }, B: { huvudmanMunicipality: '0180' } },
      timetable: {
        weekly: [{ schoolUnit: 'A', weekdays: [1, 2, 3, 4, 5], lessons: FIVE_LESSONS }],
        extra: [{ schoolUnit: 'B', id: 'ML', start: '2025-09-04T15:30:00+02:00', end: '2025-09-04T16:30:00+02:00' }],
      },
      students: [student({ enrolments: [{ schoolUnit: 'A', primary: true }, { schoolUnit: 'B', primary: false }] })],
    };
    const pc = { platform: 'PC', schoolUnit: 'B' };
    expect(notices([lessons('a', '2025-09-04', ['P5'], 'invalid')], '2025-09-04', twoUnits)[0]?.details.dueDate).toBe('2025-09-04');
    expect(notices([lessons('b', '2025-09-04', ['ML'], 'invalid', pc)], '2025-09-04', twoUnits)[0]?.details).toEqual({
      absenceDate: '2025-09-04',
      lessons: ['B/ML'],
      minutes: 60,
      dueDate: '2025-09-05',
    });
    const both = notices([lessons('b', '2025-09-04', ['ML'], 'invalid', pc), lessons('a', '2025-09-04', ['P2'], 'invalid')], '2025-09-04', twoUnits);
    expect(both).toHaveLength(1);
    expect(both[0]?.details).toMatchObject({ lessons: ['A/P2', 'B/ML'], minutes: 120, dueDate: '2025-09-04' });
  });
});

describe('reclassification (G36)', () => {
  it('sends nothing when reclassified before the run, and a retraction after it', () => {
    const records = [
      lessons('bb1', '2025-09-10', ['P1'], 'invalid', { updatedAt: at('2025-09-10', '08:40') }),
      lessons('bb1', '2025-09-10', ['P1'], 'valid', { version: 2, updatedAt: at('2025-09-10', '14:00') }),
      lessons('bb2', '2025-09-11', ['P3'], 'invalid'),
      lessons('bb2', '2025-09-11', ['P3'], 'valid', { version: 2, updatedAt: at('2025-09-12', '09:00') }),
    ];
    const results = evaluateScenario(scenario({ pack: 'skollagen', records, runs: ['2025-09-10', '2025-09-11', '2025-09-12'] }));
    expect(results.map((r) => r.delta.map((e) => `${e.status}@${e.triggerDate}`))).toEqual([[], ['issued@2025-09-11'], ['retracted@2025-09-11']]);
    expect(results[2]?.events).toEqual([]);
  });
});
