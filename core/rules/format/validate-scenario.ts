/**
 * The cross-field rules of scenario format v1 (§7.2–7.5) that a per-value schema cannot check:
 * references between units, students and records, record shapes, and lessons that must be
 * scheduled on their date. Each problem names its JSON path and, for records, the record id —
 * never a civic number.
 */
import { dayOf } from '../calendar-date.js';
import type { PreparedInput } from '../prepared-input.js';
import { parseInstant } from '../stockholm-time.js';
import type { RecordVersion, Scenario } from './scenario-v1.js';

export interface InputIssue {
  /** JSON path, e.g. `records[3].lessons[0]`; empty for the document itself. */
  readonly path: string;
  readonly message: string;
}

/** `['records', 3, 'lessons', 0]` → `records[3].lessons[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$-]*$/.test(part)) text += text ? `.${part}` : part;
    else text += `[${JSON.stringify(String(part))}]`;
  }
  return text;
}

type Report = (path: readonly PropertyKey[], message: string) => void;

export function validateScenario(scenario: Scenario, prepared: PreparedInput): InputIssue[] {
  const issues: InputIssue[] = [];
  const report: Report = (path, message) => issues.push({ path: formatPath(path), message });
  checkUnits(scenario, report);
  checkTimetable(scenario, prepared, report);
  const subjects = checkStudents(scenario, report);
  checkRecords(scenario, prepared, subjects, report);
  checkRuns(scenario, report);
  return issues;
}

function checkUnits(scenario: Scenario, report: Report): void {
  const known = (unit: string): boolean => Object.hasOwn(scenario.schoolUnits, unit);
  scenario.students.forEach((student, s) =>
    student.enrolments.forEach((enrolment, e) => {
      if (!known(enrolment.schoolUnit)) {
        report(['students', s, 'enrolments', e, 'schoolUnit'], `school unit ${enrolment.schoolUnit} is not in schoolUnits`);
      }
    }),
  );
  scenario.timetable?.weekly.forEach((pattern, p) => {
    if (!known(pattern.schoolUnit)) {
      report(['timetable', 'weekly', p, 'schoolUnit'], `school unit ${pattern.schoolUnit} is not in schoolUnits`);
    }
  });
  scenario.timetable?.extra.forEach((extra, x) => {
    if (!known(extra.schoolUnit)) {
      report(['timetable', 'extra', x, 'schoolUnit'], `school unit ${extra.schoolUnit} is not in schoolUnits`);
    }
  });
  scenario.records.forEach((record, r) => {
    if (!known(record.schoolUnit)) {
      report(['records', r, 'schoolUnit'], `record ${record.id}: school unit ${record.schoolUnit} is not in schoolUnits`);
    }
  });
}

function checkTimetable(scenario: Scenario, prepared: PreparedInput, report: Report): void {
  const timetable = scenario.timetable;
  if (!timetable || !prepared.timetable) return;
  timetable.weekly.forEach((pattern, p) => {
    const seen = new Set<string>();
    pattern.lessons.forEach((lesson, l) => {
      if (seen.has(lesson.id)) report(['timetable', 'weekly', p, 'lessons', l, 'id'], `lesson id ${lesson.id} appears twice in this pattern`);
      seen.add(lesson.id);
    });
  });
  // Two patterns (or a pattern and an extra) naming the same lesson on one date would make
  // records ambiguous: the name `<unit>/<id>` must be unique on every date.
  const units = new Set([...timetable.weekly.map((p) => p.schoolUnit), ...timetable.extra.map((x) => x.schoolUnit)]);
  for (const unit of units) {
    if (!Object.hasOwn(scenario.schoolUnits, unit)) continue;
    const weekdaysByLesson = new Map<string, number>();
    let weeklyClash = false;
    for (const pattern of timetable.weekly.filter((p) => p.schoolUnit === unit)) {
      for (const lesson of pattern.lessons) {
        for (const weekday of new Set(pattern.weekdays)) {
          const key = `${lesson.id}|${weekday}`;
          weekdaysByLesson.set(key, (weekdaysByLesson.get(key) ?? 0) + 1);
          if ((weekdaysByLesson.get(key) ?? 0) > 1) weeklyClash = true;
        }
      }
    }
    if (weeklyClash) {
      const index = timetable.weekly.findIndex((p) => p.schoolUnit === unit);
      report(['timetable', 'weekly', index], `two weekly patterns of ${unit} schedule the same lesson id on one weekday`);
    }
    for (const date of prepared.timetable.extraDates(unit)) {
      for (const name of prepared.timetable.duplicateNamesOn(unit, date)) {
        const index = timetable.extra.findIndex((x) => `${x.schoolUnit}/${x.id}` === name);
        report(['timetable', 'extra', index], `occurrence ${name} is scheduled twice on one date`);
      }
    }
  }
}

/** Checks students and returns every subject key a record may name. */
function checkStudents(scenario: Scenario, report: Report): Set<string> {
  const subjects = new Set<string>();
  scenario.students.forEach((student, s) => {
    if (subjects.has(student.subject)) report(['students', s, 'subject'], 'the subject appears in two students');
    subjects.add(student.subject);
    const primaries = student.enrolments.filter((enrolment) => enrolment.primary).length;
    if (primaries > 1) report(['students', s, 'enrolments'], 'at most one enrolment may be primary');
    const units = new Set<string>();
    student.enrolments.forEach((enrolment, e) => {
      if (units.has(enrolment.schoolUnit)) report(['students', s, 'enrolments', e], `school unit ${enrolment.schoolUnit} is listed twice`);
      units.add(enrolment.schoolUnit);
    });
  });
  scenario.students.forEach((student, s) =>
    student.identityLinks.forEach((link, l) => {
      if (subjects.has(link.previousSubject)) {
        report(['students', s, 'identityLinks', l, 'previousSubject'], 'the previous subject is already a subject or another link');
      }
      subjects.add(link.previousSubject);
    }),
  );
  return subjects;
}

function checkRecords(scenario: Scenario, prepared: PreparedInput, subjects: Set<string>, report: Report): void {
  const versions = new Map<string, { version: number; updatedAt: number; index: number }[]>();
  scenario.records.forEach((record, r) => {
    const at = (...path: PropertyKey[]): PropertyKey[] => ['records', r, ...path];
    const fail = (path: PropertyKey[], message: string): void => report(path, `record ${record.id}: ${message}`);
    if (record.id !== `${record.platform}:${record.sourceRecordId}`) fail(at('id'), 'id must be platform + ":" + sourceRecordId');
    if (!subjects.has(record.subject)) fail(at('subject'), "subject is neither a student's subject nor one of its identity links");
    checkAuthority(record, at, fail);
    checkShape(record, scenario, prepared, at, fail);
    const list = versions.get(record.id) ?? [];
    versions.set(record.id, list);
    list.push({ version: record.version, updatedAt: parseInstant(record.updatedAt) ?? 0, index: r });
  });
  for (const [id, list] of versions) {
    list.sort((a, b) => a.version - b.version);
    for (let i = 1; i < list.length; i += 1) {
      const previous = list[i - 1];
      const current = list[i];
      if (!previous || !current) continue;
      if (previous.version === current.version) {
        report(['records', current.index, 'version'], `record ${id}: version ${current.version} appears twice`);
      } else if (current.updatedAt <= previous.updatedAt) {
        report(['records', current.index, 'updatedAt'], `record ${id}: version ${current.version} must be updated strictly later than version ${previous.version}`);
      }
    }
  }
}

type At = (...path: PropertyKey[]) => PropertyKey[];
type Fail = (path: PropertyKey[], message: string) => void;

function checkAuthority(record: RecordVersion, at: At, fail: Fail): void {
  if (record.authority === 'reporter') {
    if (record.category !== 'reported') fail(at('category'), 'a reporter record has category "reported"');
    if (record.reportedAt === undefined) fail(at('reportedAt'), 'a reporter record needs reportedAt');
    if (record.decision) fail(at('decision'), 'a reporter record is never a decision');
  } else if (record.reportedAt !== undefined) {
    fail(at('reportedAt'), 'only reporter records have reportedAt');
  }
}

function checkShape(record: RecordVersion, scenario: Scenario, prepared: PreparedInput, at: At, fail: Fail): void {
  const hasInterval = record.start !== undefined || record.end !== undefined;
  const fullDay = record.fullDay === true;
  if (record.lessons) {
    if (hasInterval) fail(at('start'), 'a lessons record has no start or end');
    if (fullDay) fail(at('fullDay'), 'a lessons record is not a full-day record');
    if (record.date === undefined) return fail(at('date'), 'a lessons record needs a date');
    if (record.minutes !== undefined && record.lessons.length !== 1) {
      fail(at('minutes'), 'minutes are allowed only with exactly one lesson');
    }
    if (record.category === 'late' && (record.minutes === undefined || record.lessons.length !== 1)) {
      fail(at('minutes'), 'a late record names one lesson and its minutes late');
    }
    if (!prepared.timetable) return fail(at('lessons'), 'a lessons record needs a timetable (timetable is null)');
    const date = dayOf(record.date);
    const seen = new Set<string>();
    record.lessons.forEach((lesson, l) => {
      if (seen.has(lesson)) fail(at('lessons', l), `lesson ${lesson} is listed twice`);
      seen.add(lesson);
      if (!prepared.timetable?.find(record.schoolUnit, date, lesson) && Object.hasOwn(scenario.schoolUnits, record.schoolUnit)) {
        fail(at('lessons', l), `lesson ${lesson} is not scheduled at ${record.schoolUnit} on ${record.date}`);
      }
    });
    return;
  }
  if (hasInterval) {
    if (record.date !== undefined) fail(at('date'), 'an interval record has no date');
    if (fullDay) fail(at('fullDay'), 'an interval record is not a full-day record');
    if (record.minutes !== undefined) fail(at('minutes'), 'an interval record has no minutes: they follow from the overlap');
    if (record.start === undefined) return fail(at('start'), 'an interval record needs start and end');
    if (record.end === undefined) return fail(at('end'), 'an interval record needs start and end');
    if ((parseInstant(record.end) ?? 0) <= (parseInstant(record.start) ?? 0)) fail(at('end'), 'end must be after start');
    if (record.category === 'late') fail(at('category'), 'a late record names one lesson or a day with minutes late');
    return;
  }
  if (record.date === undefined) return fail(at(), 'a record needs lessons, an interval (start, end), or a date');
  if (fullDay) {
    if (record.category === 'late') fail(at('category'), 'a late record names one lesson or a day with minutes late');
    return;
  }
  if (record.minutes === undefined) return fail(at(), 'a dated record needs lessons, fullDay: true or minutes');
  if (scenario.timetable !== null) fail(at('minutes'), 'a day-minutes record is allowed only when timetable is null');
}

function checkRuns(scenario: Scenario, report: Report): void {
  scenario.runs.forEach((run, i) => {
    const previous = scenario.runs[i - 1];
    if (previous !== undefined && run <= previous) report(['runs', i], 'runs must be strictly increasing');
  });
}
