import { describe, expect, it } from 'vitest';
import type { ScenarioDraft } from '../testing.js';
import { DEFAULT_STUDENT, at, late, lessons, report, scenario, dayMinutes } from '../testing.js';
import { parseScenario, parseScenarioText } from './parse-scenario.js';

/** A valid document (the draft as JSON would carry it), with `patch` applied. */
function document(patch: (draft: Record<string, unknown>) => void = () => {}): Record<string, unknown> {
  const draft = JSON.parse(JSON.stringify(scenario({ records: [lessons('a1', '2025-09-15', ['P1'], 'invalid')], runs: ['2025-09-19'] }))) as Record<string, unknown>;
  patch(draft);
  return draft;
}

function problems(input: unknown): string[] {
  const parsed = parseScenario(input);
  return parsed.ok ? [] : parsed.issues.map((issue) => `${issue.path}: ${issue.message}`);
}

const records = (draft: Record<string, unknown>): Record<string, unknown>[] => draft.records as Record<string, unknown>[];

describe('parseScenario', () => {
  it('accepts a valid scenario and prepares it', () => {
    const parsed = parseScenario(document());
    expect(parsed.ok).toBe(true);
  });

  it('reports unknown fields at any depth, each with its path', () => {
    expect(
      problems(
        document((d) => {
          d.extra = 1;
          records(d)[0]!.lesson = ['P1'];
          (d.calendar as Record<string, unknown>).timezone = 'x';
          ((d.students as Record<string, unknown>[])[0]!.guardians as Record<string, unknown>[])[1]!.phone = '070';
        }),
      ).sort(),
    ).toEqual([
      'calendar.timezone: unknown field',
      'extra: unknown field',
      'records[0].lesson: unknown field',
      'students[0].guardians[1].phone: unknown field',
    ]);
  });

  it('reports unknown packs and parameters', () => {
    expect(problems(document((d) => (d.parameters = { 'stockholm-gy': { oralMinutes: 240 }, oslo: {} }))).sort()).toEqual([
      'parameters.oslo: unknown field',
      'parameters.stockholm-gy.oralMinutes: unknown field',
    ]);
    expect(problems(document((d) => (d.pack = 'oslo')))).toHaveLength(1);
    expect(problems(document((d) => (d.parameters = { skollagen: { investigationSharePercent: 0 } })))[0]).toMatch(/^parameters\.skollagen\.investigationSharePercent: /);
  });

  it('reports missing fields and malformed values without echoing them', () => {
    const found = problems(
      document((d) => {
        delete d.runs;
        records(d)[0]!.subject = '200901072388';
        records(d)[0]!.updatedAt = '2025-09-15 16:00';
        (d.calendar as Record<string, unknown>).timeZone = 'Europe/Oslo';
      }),
    );
    expect(found).toEqual([
      'calendar.timeZone: must be "Europe/Stockholm"',
      'records[0].updatedAt: must be an RFC 3339 instant with an explicit offset, e.g. 2025-09-16T20:00:00+02:00',
      'records[0].subject: must be a valid personnummer or samordningsnummer written as 12 digits',
      'runs: required field is missing',
    ]);
    expect(found.join('\n')).not.toContain('200901072388');
  });

  it('checks that lessons are scheduled on their date', () => {
    expect(problems(document((d) => (records(d)[0]!.lessons = ['P1', 'P7'])))).toEqual([
      'records[0].lessons[1]: record PA:a1: lesson P7 is not scheduled at A on 2025-09-15',
    ]);
    expect(problems(document((d) => (records(d)[0]!.date = '2025-10-27')))).toEqual([
      'records[0].lessons[0]: record PA:a1: lesson P1 is not scheduled at A on 2025-10-27',
    ]);
  });

  it('checks record shapes and authorities', () => {
    const bad = (patch: (record: Record<string, unknown>) => void): string[] => problems(document((d) => patch(records(d)[0]!)));
    expect(bad((r) => (r.lessons = ['P1', 'P2'], r.minutes = 30))).toEqual(['records[0].minutes: record PA:a1: minutes are allowed only with exactly one lesson']);
    expect(bad((r) => (r.category = 'late'))).toEqual(['records[0].minutes: record PA:a1: a late record names one lesson and its minutes late']);
    expect(bad((r) => (r.authority = 'reporter'))).toEqual([
      'records[0].category: record PA:a1: a reporter record has category "reported"',
      'records[0].reportedAt: record PA:a1: a reporter record needs reportedAt',
    ]);
    expect(bad((r) => (r.reportedAt = at('2025-09-15', '07:00')))).toEqual(['records[0].reportedAt: record PA:a1: only reporter records have reportedAt']);
    expect(bad((r) => (delete r.lessons, r.minutes = 30))).toEqual(['records[0].minutes: record PA:a1: a day-minutes record is allowed only when timetable is null']);
    expect(bad((r) => (delete r.lessons, delete r.date, r.start = at('2025-09-15', '10:00'), r.end = at('2025-09-15', '09:00')))).toEqual([
      'records[0].end: record PA:a1: end must be after start',
    ]);
    expect(bad((r) => delete r.lessons)).toEqual(['records[0]: record PA:a1: a dated record needs lessons, fullDay: true or minutes']);
    expect(bad((r) => (r.id = 'PA:other'))).toEqual(['records[0].id: record PA:other: id must be platform + ":" + sourceRecordId']);
    expect(bad((r) => (r.subject = '200709172381'))).toEqual([
      "records[0].subject: record PA:a1: subject is neither a student's subject nor one of its identity links",
    ]);
    expect(bad((r) => (r.schoolUnit = 'Z'))).toEqual(['records[0].schoolUnit: record PA:a1: school unit Z is not in schoolUnits']);
  });

  it('needs a timetable for lessons records and none for day minutes', () => {
    expect(problems(document((d) => (d.timetable = null)))).toEqual([
      'records[0].lessons: record PA:a1: a lessons record needs a timetable (timetable is null)',
    ]);
    const noTimetable: Partial<ScenarioDraft> = { timetable: null, records: [dayMinutes('d', '2025-09-15', 30, 'invalid')], runs: ['2025-09-19'] };
    expect(problems(JSON.parse(JSON.stringify(scenario({ records: [], runs: [], ...noTimetable }))))).toEqual([]);
  });

  it('checks versions and runs', () => {
    const versions = document((d) => {
      const [first] = records(d);
      records(d).push({ ...first, version: 1 }, { ...first, version: 2, updatedAt: first!.updatedAt });
      d.runs = ['2025-09-19', '2025-09-19'];
    });
    expect(problems(versions)).toEqual([
      'records[1].version: record PA:a1: version 1 appears twice',
      'records[2].updatedAt: record PA:a1: version 2 must be updated strictly later than version 1',
      'runs[1]: runs must be strictly increasing',
    ]);
  });

  it('checks students and units', () => {
    const found = problems(
      document((d) => {
        const [student] = d.students as Record<string, unknown>[];
        student!.enrolments = [
          { schoolUnit: 'A', primary: true },
          { schoolUnit: 'B', primary: true },
        ];
        student!.identityLinks = [{ previousSubject: DEFAULT_STUDENT, syncedOn: '2025-09-01' }];
      }),
    );
    expect(found).toEqual([
      'students[0].enrolments[1].schoolUnit: school unit B is not in schoolUnits',
      'students[0].enrolments: at most one enrolment may be primary',
      'students[0].identityLinks[0].previousSubject: the previous subject is already a subject or another link',
    ]);
  });

  it('accepts the other record shapes', () => {
    const input = JSON.parse(
      JSON.stringify(
        scenario({
          records: [late('t', '2025-09-15', 'P1', 5), report('r', '2025-09-15', ['P2'], at('2025-09-15', '07:00'))],
          runs: ['2025-09-19'],
        }),
      ),
    );
    expect(problems(input)).toEqual([]);
  });
});

describe('parseScenarioText', () => {
  it('reports malformed JSON with its position only', () => {
    const parsed = parseScenarioText('{"format": "skolbrygga.rule-scenario/v1", "subject": 200901072389,}');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.issues).toHaveLength(1);
      expect(parsed.issues[0]?.message).toMatch(/^not valid JSON/);
      expect(parsed.issues[0]?.message).not.toContain('200901072389');
    }
  });
});

describe('type errors', () => {
  it('tells a wrong type from a missing field', () => {
    expect(problems(document((d) => (d.runs = '2025-09-19')))).toEqual(['runs: Invalid input: expected array, received string']);
    expect(problems(document((d) => (d.pack = 'oslo')))).toEqual([
      'pack: must be one of "stockholm-gy", "skollagen", or a non-empty array of them',
    ]);
    expect(problems(document((d) => delete d.pack))).toEqual(['pack: required field is missing']);
  });
});
