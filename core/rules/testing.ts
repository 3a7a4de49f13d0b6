/**
 * Test support: the fixtures of rules/README.md §5.1 (calendar TESTCAL, five 60-minute lessons a
 * day at unit A, the default student and guardians) and terse record builders, so a test states
 * only what it is about. Used by tests and the bench, never by the engine.
 */
import type { z } from 'zod';
import { addDays, dayOf, formatDate, isoWeekday } from './calendar-date.js';
import type { RunResult } from './engine.js';
import { RuleEngine } from './engine.js';
import type { StatusedEvent } from './events.js';
import type { RecordVersion, Scenario } from './format/scenario-v1.js';
import { ScenarioSchema } from './format/scenario-v1.js';
import type { RulePackId } from './parameters.js';

export type ScenarioDraft = z.input<typeof ScenarioSchema>;
export type RecordDraft = z.input<typeof ScenarioSchema>['records'][number];
export type StudentDraft = z.input<typeof ScenarioSchema>['students'][number];

export const DEFAULT_STUDENT = '200901072389';
export const GUARDIAN_1 = '198001139297';
export const GUARDIAN_2 = '197905209289';

export const TESTCAL = {
  id: 'TESTCAL',
  timeZone: 'Europe/Stockholm' as const,
  teachingWeekdays: [1, 2, 3, 4, 5],
  schoolYears: [
    {
      id: '2025/26',
      terms: [
        { from: '2025-08-18', to: '2025-12-19' },
        { from: '2026-01-08', to: '2026-06-11' },
      ],
      nonSchoolDays: [
        { from: '2025-10-27', to: '2025-10-31', label: 'autumn break' },
        { from: '2026-02-23', to: '2026-02-27', label: 'sports break' },
        { from: '2026-04-03', to: '2026-04-03', label: 'Good Friday' },
        { from: '2026-04-06', to: '2026-04-10', label: 'Easter break' },
        { from: '2026-05-01', to: '2026-05-01', label: 'May Day' },
        { from: '2026-05-14', to: '2026-05-14', label: 'Ascension Day' },
        { from: '2026-05-15', to: '2026-05-15', label: 'no teaching' },
      ],
    },
    {
      id: '2026/27',
      terms: [{ from: '2026-08-17', to: '2026-12-18' }],
      nonSchoolDays: [{ from: '2026-10-26', to: '2026-10-30', label: 'autumn break' }],
    },
  ],
};

export const FIVE_LESSONS = [
  { id: 'P1', start: '08:30', end: '09:30' },
  { id: 'P2', start: '09:45', end: '10:45' },
  { id: 'P3', start: '11:00', end: '12:00' },
  { id: 'P4', start: '13:00', end: '14:00' },
  { id: 'P5', start: '14:15', end: '15:15' },
];

export function student(overrides: Partial<StudentDraft> = {}): StudentDraft {
  return {
    subject: DEFAULT_STUDENT,
    birthDate: '2009-01-07',
    protection: 'none',
    schoolType: 'GY',
    homeMunicipality: '0180',
    enrolments: [{ schoolUnit: 'A', primary: true }],
    guardians: [
      { subject: GUARDIAN_1, protection: 'none', receivesNotices: true, channels: ['sms'] },
      { subject: GUARDIAN_2, protection: 'none', receivesNotices: true, channels: ['email', 'push'] },
    ],
    identityLinks: [],
    ...overrides,
  };
}

export function scenario(draft: Partial<ScenarioDraft> & Pick<ScenarioDraft, 'records' | 'runs'>): Scenario {
  return ScenarioSchema.parse({
    format: 'skolbrygga.rule-scenario/v1',
    pack: 'stockholm-gy',
    parameters: {},
    calendar: TESTCAL,
    schoolUnits: { A: { huvudmanMunicipality: '0180' } },
    timetable: { weekly: [{ schoolUnit: 'A', weekdays: [1, 2, 3, 4, 5], lessons: FIVE_LESSONS }], extra: [] },
    students: [student()],
    ...draft,
  });
}

interface RecordOptions {
  readonly platform?: string;
  readonly version?: number;
  readonly subject?: string;
  readonly schoolUnit?: string;
  /** Defaults to 16:00 on the absence date (§5.1 record times). */
  readonly updatedAt?: string;
  /** Defaults to the date of `updatedAt`. */
  readonly syncedOn?: string;
  readonly minutes?: number;
  readonly decision?: boolean;
  readonly activity?: 'lesson' | 'fritidshem';
}

function offsetOn(date: string): string {
  // TESTCAL's dates: summer time from the last Sunday of March to the last Sunday of October.
  const summer: Record<string, [string, string]> = {
    '2025': ['2025-03-30', '2025-10-26'],
    '2026': ['2026-03-29', '2026-10-25'],
    '2027': ['2027-03-28', '2027-10-31'],
  };
  const span = summer[date.slice(0, 4)];
  return span && date >= span[0] && date < span[1] ? '+02:00' : '+01:00';
}

/** A local instant on `date` at `time` (HH:MM) with the right Stockholm offset. */
export function at(date: string, time: string): string {
  return `${date}T${time}:00${offsetOn(date)}`;
}

function common(id: string, date: string, options: RecordOptions) {
  const platform = options.platform ?? 'PA';
  const updatedAt = options.updatedAt ?? at(date, '16:00');
  return {
    id: `${platform}:${id}`,
    platform,
    sourceRecordId: id,
    version: options.version ?? 1,
    updatedAt,
    syncedOn: options.syncedOn ?? updatedAt.slice(0, 10),
    subject: options.subject ?? DEFAULT_STUDENT,
    schoolUnit: options.schoolUnit ?? 'A',
    decision: options.decision ?? false,
    activity: options.activity ?? 'lesson',
  };
}

/** A school registration of named lessons. */
export function lessons(
  id: string,
  date: string,
  lessonIds: string[],
  category: RecordVersion['category'],
  options: RecordOptions = {},
): RecordDraft {
  return {
    ...common(id, date, options),
    date,
    lessons: lessonIds,
    ...(options.minutes === undefined ? {} : { minutes: options.minutes }),
    category,
    authority: 'school',
  };
}

/** An unexcused late arrival at one lesson. */
export function late(id: string, date: string, lesson: string, minutes: number, options: RecordOptions = {}): RecordDraft {
  return lessons(id, date, [lesson], 'late', { ...options, minutes });
}

/** A guardian's report of named lessons, made at `reportedAt` (synced that day). */
export function report(id: string, date: string, lessonIds: string[], reportedAt: string, options: RecordOptions = {}): RecordDraft {
  return {
    ...common(id, date, { platform: 'PB', updatedAt: reportedAt, ...options }),
    date,
    lessons: lessonIds,
    category: 'reported',
    authority: 'reporter',
    reportedAt,
  };
}

/** A school registration over an interval. */
export function interval(
  id: string,
  start: string,
  end: string,
  category: RecordVersion['category'],
  options: RecordOptions = {},
): RecordDraft {
  return { ...common(id, end.slice(0, 10), { updatedAt: end, ...options }), start, end, category, authority: 'school' };
}

/** A full-day school registration. */
export function fullDay(id: string, date: string, category: RecordVersion['category'], options: RecordOptions = {}): RecordDraft {
  return {
    ...common(id, date, options),
    date,
    fullDay: true,
    ...(options.minutes === undefined ? {} : { minutes: options.minutes }),
    category,
    authority: 'school',
  };
}

/** A day-minutes school registration (no-timetable inputs only). */
export function dayMinutes(id: string, date: string, minutes: number, category: RecordVersion['category'], options: RecordOptions = {}): RecordDraft {
  return { ...common(id, date, options), date, minutes, category, authority: 'school' };
}

/** Evaluates a scenario's runs with its own packs (or `packs`). */
export function evaluateScenario(input: Scenario, packs?: readonly RulePackId[]): RunResult[] {
  return new RuleEngine(input).evaluateRuns(input.runs, packs ?? [input.pack].flat());
}

/** The events in force after the last run. */
export function finalEvents(input: Scenario, packs?: readonly RulePackId[]): StatusedEvent[] {
  return evaluateScenario(input, packs).at(-1)?.events ?? [];
}

/** The events of one type after the last run. */
export function eventsOfType<T extends StatusedEvent['type']>(
  input: Scenario,
  type: T,
  packs?: readonly RulePackId[],
): Extract<StatusedEvent, { type: T }>[] {
  return finalEvents(input, packs).filter((event): event is Extract<StatusedEvent, { type: T }> => event.type === type);
}

/** Monday–Friday dates between two dates, inclusive (TESTCAL's breaks are not removed). */
export function weekdaysBetween(from: string, to: string): string[] {
  const result: string[] = [];
  for (let day = dayOf(from); day <= dayOf(to); day = addDays(day, 1)) {
    if (isoWeekday(day) <= 5) result.push(formatDate(day));
  }
  return result;
}
