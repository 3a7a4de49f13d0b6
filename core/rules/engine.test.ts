/** The engine as a whole: identity links, multiple enrolments, several students, runs and the lookback. */
import { describe, expect, it } from 'vitest';
import { dayOf } from './calendar-date.js';
import { RuleEngine } from './engine.js';
import { StudentSchema } from './format/scenario-v1.js';
import { primaryUnitOf } from './subjects.js';
import type { RecordDraft } from './testing.js';
import { DEFAULT_STUDENT, FIVE_LESSONS, TESTCAL, at, evaluateScenario, lessons, scenario, student } from './testing.js';

const SAMORDNINGSNUMMER = '200804752384';
const PERSONNUMMER = '200804152395';

describe('identity links (§2.8, G34)', () => {
  const records: RecordDraft[] = [
    lessons('gg1', '2025-09-02', ['P1', 'P2', 'P3'], 'invalid', { subject: SAMORDNINGSNUMMER }),
    lessons('gg2', '2025-09-03', ['P1'], 'invalid', { subject: SAMORDNINGSNUMMER }),
    lessons('gg3', '2025-09-04', ['P1'], 'invalid', { subject: SAMORDNINGSNUMMER }),
    lessons('gg4', '2025-09-08', ['P1'], 'invalid', { subject: PERSONNUMMER }),
  ];
  const input = scenario({
    records,
    runs: ['2025-09-09', '2025-09-10'],
    students: [
      student({ subject: PERSONNUMMER, birthDate: '2008-04-15', identityLinks: [{ previousSubject: SAMORDNINGSNUMMER, syncedOn: '2025-09-10' }] }),
    ],
  });

  it('keeps the previous number a subject of its own until the link is visible, then merges both histories', () => {
    const [before, after] = evaluateScenario(input);
    expect(before?.events.map((e) => e.id)).toEqual([`stockholm-gy:warning.oral:${SAMORDNINGSNUMMER}:2025/26`]);
    expect(after?.delta.map((e) => `${e.status}:${e.type}:${e.subject}`)).toEqual([
      `issued:warning.oral:${PERSONNUMMER}`,
      `retracted:warning.oral:${SAMORDNINGSNUMMER}`,
      `issued:warning.written:${PERSONNUMMER}`,
    ]);
    expect(after?.events).toEqual([
      expect.objectContaining({
        id: `stockholm-gy:warning.oral:${PERSONNUMMER}:2025/26`,
        triggerDate: '2025-09-04',
        evidence: ['PA:gg1', 'PA:gg2', 'PA:gg3'],
      }),
      expect.objectContaining({ id: `stockholm-gy:warning.written:${PERSONNUMMER}:2025/26`, triggerDate: '2025-09-08', evidence: ['PA:gg4'] }),
    ]);
  });
});

describe('multiple enrolments (§2.8)', () => {
  const units = {
    A: { huvudmanMunicipality: '0180' },
    B: {
      huvudmanMunicipality: '0180',
      calendar: {
        ...TESTCAL,
        schoolYears: [
          { ...TESTCAL.schoolYears[0]!, nonSchoolDays: [...TESTCAL.schoolYears[0]!.nonSchoolDays, { from: '2025-09-09', to: '2025-09-09' }] },
        ],
      },
    },
  };
  const timetable = {
    weekly: [
      { schoolUnit: 'A', weekdays: [1, 2, 3, 4, 5], lessons: FIVE_LESSONS.slice(0, 2) },
      { schoolUnit: 'B', weekdays: [1, 2, 3, 4, 5], lessons: FIVE_LESSONS.slice(2) },
    ],
    extra: [],
  };
  const records = [
    lessons('a1', '2025-09-02', ['P1', 'P2'], 'invalid'),
    lessons('b1', '2025-09-03', ['P3', 'P4'], 'invalid', { platform: 'PC', schoolUnit: 'B' }),
    lessons('a2', '2025-09-09', ['P1', 'P2'], 'invalid'),
    lessons('a3', '2025-09-10', ['P1'], 'invalid'),
  ];

  it('feeds one ladder from every unit; the primary unit’s calendar decides the school days', () => {
    const primaryA = scenario({
      records,
      runs: ['2025-09-12'],
      schoolUnits: units,
      timetable,
      students: [student({ enrolments: [{ schoolUnit: 'A', primary: true }, { schoolUnit: 'B', primary: false }] })],
    });
    expect(evaluateScenario(primaryA)[0]?.events).toEqual([
      expect.objectContaining({ type: 'warning.oral', triggerDate: '2025-09-09', evidence: ['PA:a1', 'PA:a2', 'PC:b1'] }),
    ]);
  });

  it('without a flag takes the unit with most scheduled minutes this term (B), whose calendar drops 9 Sep', () => {
    const unflagged = scenario({
      records,
      runs: ['2025-09-12'],
      schoolUnits: units,
      timetable,
      students: [student({ enrolments: [{ schoolUnit: 'A', primary: false }, { schoolUnit: 'B', primary: false }] })],
    });
    expect(evaluateScenario(unflagged)[0]?.events).toEqual([
      expect.objectContaining({ type: 'warning.oral', triggerDate: '2025-09-10', evidence: ['PA:a1', 'PA:a3', 'PC:b1'] }),
    ]);
  });

  it('breaks a tie on scheduled minutes by the lowest skolenhetskod', () => {
    const unflagged = StudentSchema.parse(student({ enrolments: [{ schoolUnit: 'B', primary: false }, { schoolUnit: 'A', primary: false }] }));
    expect(primaryUnitOf(unflagged, dayOf('2025-09-12'), () => 600)).toBe('A');
    expect(primaryUnitOf(unflagged, dayOf('2025-09-12'), (unit) => (unit === 'B' ? 601 : 600))).toBe('B');
    const flagged = StudentSchema.parse(student({ enrolments: [{ schoolUnit: 'B', primary: true }, { schoolUnit: 'A', primary: false }] }));
    expect(primaryUnitOf(flagged, dayOf('2025-09-12'), () => 0)).toBe('B');
  });

  it('ignores records of units the student is not enrolled at', () => {
    const onlyA = scenario({ records, runs: ['2025-09-12'], schoolUnits: units, timetable, students: [student()] });
    expect(evaluateScenario(onlyA)[0]?.events[0]).toMatchObject({ evidence: ['PA:a1', 'PA:a2', 'PA:a3'] });
  });
});

describe('several students', () => {
  it('evaluates each student on their own records', () => {
    const other = '200709172381';
    const input = scenario({
      records: [
        lessons('a1', '2025-09-02', ['P1', 'P2'], 'invalid'),
        lessons('a2', '2025-09-05', ['P3'], 'invalid'),
        lessons('a3', '2025-09-08', ['P1', 'P2', 'P3'], 'invalid'),
        lessons('b1', '2025-09-08', ['P1'], 'invalid', { subject: other }),
      ],
      runs: ['2025-09-12'],
      students: [student(), student({ subject: other, birthDate: '2007-09-17' })],
    });
    expect(evaluateScenario(input, ['stockholm-gy', 'skollagen'])[0]?.events.map((e) => `${e.type}:${e.subject}`)).toEqual([
      `notify.invalid_absence:${DEFAULT_STUDENT}`,
      `notify.invalid_absence:${DEFAULT_STUDENT}`,
      `notify.invalid_absence:${other}`,
      `notify.invalid_absence:${DEFAULT_STUDENT}`,
      `warning.oral:${DEFAULT_STUDENT}`,
    ]);
  });
});

describe('lookback (§2.6)', () => {
  const calendar = {
    ...TESTCAL,
    schoolYears: [...TESTCAL.schoolYears, { id: '2027/28', terms: [{ from: '2027-08-16', to: '2027-12-17' }], nonSchoolDays: [] }],
  };
  const records: RecordDraft[] = [
    lessons('p1', '2026-04-27', ['P1', 'P2'], 'invalid'),
    lessons('p2', '2026-04-29', ['P3'], 'invalid'),
    lessons('p3', '2026-05-04', ['P1'], 'invalid'),
    lessons('p4', '2026-05-07', ['P2'], 'invalid'),
    lessons('p5', '2026-06-09', ['P4'], 'invalid'),
    lessons('q1', '2027-08-16', ['P1', 'P2', 'P3'], 'invalid'),
    lessons('q2', '2027-08-17', ['P1'], 'invalid'),
    lessons('q3', '2027-08-18', ['P1'], 'invalid'),
    lessons('q4', '2027-08-20', ['P1'], 'invalid'),
    lessons('q5', '2027-08-24', ['P1'], 'invalid'),
  ];

  it('keeps events from before the replay as emitted and continues the CSN numbering and withdrawal', () => {
    const input = scenario({ records, runs: ['2026-06-30', '2027-08-31'], calendar });
    const [, second] = evaluateScenario(input);
    expect(second?.events.map((e) => `${e.status}:${e.id.replace(`:${DEFAULT_STUDENT}`, '')}@${e.triggerDate}`)).toEqual([
      'issued:stockholm-gy:warning.oral:2025/26@2026-05-04',
      'issued:stockholm-gy:warning.written:2025/26@2026-05-07',
      'issued:stockholm-gy:csn.report:1@2026-06-09',
      // The withdrawal carried into the replay (which starts 1 Jul 2026) ends after 20 clean school days.
      'issued:stockholm-gy:csn.resume:1@2026-09-11',
      'issued:stockholm-gy:warning.oral:2027/28@2027-08-18',
      'issued:stockholm-gy:warning.written:2027/28@2027-08-20',
      'issued:stockholm-gy:csn.report:2@2027-08-24',
    ]);
    expect(second?.delta.every((e) => e.triggerDate >= '2026-07-01')).toBe(true);
  });

  it('does not re-evaluate frozen events, even when their records change', () => {
    const changed = [...records, lessons('p5', '2026-06-09', ['P4'], 'valid', { version: 2, updatedAt: at('2027-08-30', '09:00') })];
    const [, second] = evaluateScenario(scenario({ records: changed, runs: ['2026-06-30', '2027-08-31'], calendar }));
    expect(second?.events.find((e) => e.type === 'csn.report' && e.details.ordinal === 1)?.status).toBe('issued');
  });
});

describe('RuleEngine', () => {
  it('resolves pack parameters from the input over the defaults', () => {
    const engine = new RuleEngine(scenario({ records: [], runs: ['2025-09-01'], parameters: { skollagen: { notifyAdultStudent: false } } }));
    expect(engine.parametersOf('skollagen').notifyAdultStudent).toBe(false);
    expect(engine.parametersOf('skollagen').investigationSharePercent).toBe(10);
    expect(engine.parametersOf('stockholm-gy').oralMinInvalidMinutes).toBe(240);
  });

  it('evaluates a single run with every event issued (--at)', () => {
    const input = scenario({
      records: [lessons('a1', '2025-09-02', ['P1', 'P2'], 'invalid'), lessons('a2', '2025-09-05', ['P3'], 'invalid'), lessons('a3', '2025-09-08', ['P1', 'P2', 'P3'], 'invalid')],
      runs: ['2025-09-08'],
    });
    const [result] = new RuleEngine(input).evaluateRuns(['2025-12-01'], ['stockholm-gy']);
    expect(result?.delta.map((e) => e.status)).toEqual(['issued']);
  });
});
