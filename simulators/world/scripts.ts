/**
 * Scripted days: the cast's Monday 2026-03-09 exactly as the platform files' examples show it,
 * and the X12 pupils' registrations around the DST changes (including corrections made inside
 * the repeated hour of 2025-10-26, once in each pass).
 */
import { buildNotice, buildRegistration, copyDelays, noticeLink, noticeReporter, registrationState } from './absence-builders.js';
import { SPECIALS, X12_DATES } from './specials.js';
import { MS_PER_MINUTE, dayNumberOf, isoDateOf, localToInstant } from './stockholm-time.js';
import type { DayOutcome, LessonOccurrence, Pupil, RegistrationState, Versioned, WorldRegistration } from './types.js';

const at = (iso: string): number => Date.parse(iso);

function reportTime(lesson: LessonOccurrence): number {
  return lesson.reportedAt ?? lesson.end + 30 * MS_PER_MINUTE;
}

function single(pupil: Pupil, lesson: LessonOccurrence, state: RegistrationState, reportedAt = reportTime(lesson)): WorldRegistration {
  return buildRegistration(pupil, lesson, [{ at: reportedAt, state }]);
}

function guardianKey(pupil: Pupil, ordinal: number): string {
  return pupil.relations[ordinal]?.guardianKey ?? pupil.key;
}

type Script = (pupil: Pupil, lessons: readonly LessonOccurrence[]) => DayOutcome;

/** Saga Lind: Karin's SMS 08:00–12:00, forwarded to Skola24 at 06:54:02; late to Svenska at 12:40. */
const sagaMonday: Script = (pupil, lessons) => {
  const day = dayNumberOf('2026-03-09');
  const morning = lessons.filter((lesson) => lesson.slot <= 2);
  const notice = buildNotice({
    pupil, unit: 'U1', day, ordinal: 0, lessons: morning,
    start: localToInstant(day, 8 * 60), end: localToInstant(day, 12 * 60),
    reason: 'medical', comment: null, channel: 'SMS', createdAt: at('2026-03-09T06:52:40+01:00'),
    reporter: { key: guardianKey(pupil, 0), role: 'guardian' }, forwardDelayMs: 82_000,
  });
  const registrations = morning.map((lesson) =>
    single(pupil, lesson, registrationState({ type: 'absent', validity: 'valid', minutes: lesson.minutes, notice: noticeLink(notice, 0) })),
  );
  const svenska = lessons.find((lesson) => lesson.slot === 3);
  if (svenska) registrations.push(single(pupil, svenska, registrationState({ type: 'late', validity: 'invalid', minutes: 10, comment: 'Missade bussen & kom 12:50' })));
  return { notices: [notice], registrations };
};

/** Elias Lind: 12 minutes late to Matematik; Karin's report for Svenska 09:35–10:35 (Läkarbesök). */
const eliasMonday: Script = (pupil, lessons) => {
  const day = dayNumberOf('2026-03-09');
  const svenska = lessons.filter((lesson) => lesson.slot === 1);
  const notice = buildNotice({
    pupil, unit: 'U4', day, ordinal: 0, lessons: svenska, reason: 'medical', comment: 'Läkarbesök', channel: 'App',
    createdAt: at('2026-03-09T06:52:40+01:00'), reporter: { key: guardianKey(pupil, 0), role: 'guardian' },
  });
  const registrations: WorldRegistration[] = [];
  const matematik = lessons.find((lesson) => lesson.slot === 0);
  if (matematik) registrations.push(single(pupil, matematik, registrationState({ type: 'late', validity: 'invalid', minutes: 12 })));
  for (const lesson of svenska) {
    registrations.push(single(pupil, lesson, registrationState({ type: 'absent', validity: 'valid', minutes: lesson.minutes, notice: noticeLink(notice, 0), comment: 'Läkarbesök' })));
  }
  return { notices: [notice], registrations };
};

/** Leo Sund: ill all day; Per's notice in InfoMentor, mirrored to SS 12000 at 06:31:12. */
const leoMonday: Script = (pupil, lessons) => {
  const day = dayNumberOf('2026-03-09');
  const notice = buildNotice({
    pupil, unit: 'U5', day, ordinal: 0, allDay: true, lessons, reason: 'illness', comment: null, channel: 'App',
    createdAt: at('2026-03-09T06:29:40+01:00'), reporter: { key: guardianKey(pupil, 0), role: 'guardian' }, mirrorDelayMs: 92_000,
  });
  const registrations = lessons.map((lesson) =>
    single(pupil, lesson, registrationState({ type: 'absent', validity: 'valid', minutes: lesson.minutes, notice: noticeLink(notice, 0), comment: 'Sjuk' })),
  );
  return { notices: [notice], registrations };
};

/** Lukas Becker on Monday: 10 minutes late to Matematik, registered by Lena Holm. */
const lukasMonday: Script = (pupil, lessons) => {
  const matematik = lessons.find((lesson) => lesson.slot === 0);
  return { notices: [], registrations: matematik ? [single(pupil, matematik, registrationState({ type: 'late', validity: 'invalid', minutes: 10 }))] : [] };
};

/** Lukas Becker on Tuesday: Anna reported him ill (Feber) on Monday evening. */
const lukasTuesday: Script = (pupil, lessons) => {
  const day = dayNumberOf('2026-03-10');
  const notice = buildNotice({
    pupil, unit: 'U2', day, ordinal: 0, allDay: true, lessons, reason: 'illness', comment: 'Feber', channel: 'App',
    createdAt: at('2026-03-09T20:14:05+01:00'), reporter: { key: guardianKey(pupil, 0), role: 'guardian' },
  });
  const registrations = lessons.map((lesson) =>
    single(pupil, lesson, registrationState({ type: 'absent', validity: 'valid', minutes: lesson.minutes, notice: noticeLink(notice, 0) })),
  );
  return { notices: [notice], registrations };
};

/** X3: ill on a day with lessons at both schools; a notice in each school's platform. */
const illAtBothSchools: Script = (pupil, lessons) => {
  const day = lessons[0]?.day ?? 0;
  const createdAt = localToInstant(day, 6 * 60 + 40);
  const reporter = noticeReporter(pupil, createdAt, () => 0);
  const units = [...new Set(lessons.map((lesson) => lesson.unit))];
  const notices = units.map((unit, ordinal) =>
    buildNotice({ pupil, unit, day, ordinal, allDay: true, lessons: lessons.filter((lesson) => lesson.unit === unit), reason: 'illness', comment: null, channel: 'App', createdAt, reporter }),
  );
  const registrations = notices.flatMap((notice, ordinal) =>
    lessons
      .filter((lesson) => lesson.unit === notice.unit)
      .map((lesson) => single(pupil, lesson, registrationState({ type: 'absent', validity: 'valid', minutes: lesson.minutes, notice: noticeLink(notice, ordinal) }))),
  );
  return { notices, registrations };
};

const CAST_DAYS: Readonly<Record<string, Script>> = {
  'p:U4:1|2026-02-03': illAtBothSchools,
  'p:U4:2|2025-11-11': illAtBothSchools,
  'p:U1:0|2026-03-09': sagaMonday,
  'p:U4:0|2026-03-09': eliasMonday,
  'p:U5:0|2026-03-09': leoMonday,
  'p:U2:0|2026-03-09': lukasMonday,
  'p:U2:0|2026-03-10': lukasTuesday,
};

/** The wall-clock instant 02:20 on 2025-10-26 in the first (summer time) or second pass. */
const REPEATED_HOUR_NOTICE = { U1: at('2025-10-26T02:20:00+02:00'), U3: at('2025-10-26T02:20:00+01:00') } as const;

/**
 * X12: a late arrival in the first lesson of every X12 date. For the X12 pupils of U1 and U3,
 * 2025-10-24 is instead a sick day reported inside the repeated hour of the autumn change, which
 * corrects the day's registrations in that hour too.
 */
function dstDay(pupil: Pupil, day: number, lessons: readonly LessonOccurrence[]): DayOutcome {
  const noticeAt = pupil.unit === 'U1' || pupil.unit === 'U3' ? REPEATED_HOUR_NOTICE[pupil.unit] : null;
  if (noticeAt !== null && isoDateOf(day) === '2025-10-24') {
    const notice = buildNotice({
      pupil, unit: pupil.unit, day, ordinal: 0, allDay: true, lessons, reason: 'illness', comment: null, channel: 'App', createdAt: noticeAt,
      reporter: noticeReporter(pupil, noticeAt, () => 0), ...copyDelays(pupil.unit, () => 0.5),
    });
    const registrations = lessons.map((lesson) => {
      const versions: Versioned<RegistrationState>[] = [
        { at: reportTime(lesson), state: registrationState({ type: 'absent', validity: 'invalid', minutes: lesson.minutes }) },
        { at: noticeAt + 5 * MS_PER_MINUTE, state: registrationState({ type: 'absent', validity: 'valid', minutes: lesson.minutes, notice: noticeLink(notice, 0) }) },
      ];
      return buildRegistration(pupil, lesson, versions);
    });
    return { notices: [notice], registrations };
  }
  const first = lessons[0];
  return { notices: [], registrations: first ? [single(pupil, first, registrationState({ type: 'late', validity: 'invalid', minutes: 5 }))] : [] };
}

const X12_DAYS = new Set(X12_DATES.map(dayNumberOf));
/** Only special pupils have scripted days; a regular pupil returns at once. */
export function scriptedDay(pupil: Pupil, day: number, lessons: readonly LessonOccurrence[]): DayOutcome | null {
  if (pupil.specialIndex === null) return null;
  const date = isoDateOf(day);
  const cast = CAST_DAYS[`${pupil.key}|${date}`];
  if (cast) return cast(pupil, lessons);
  const special = pupil.specialIndex === null ? null : SPECIALS[pupil.unit][pupil.specialIndex];
  if (special?.dstRegistrations && X12_DAYS.has(day)) return dstDay(pupil, day, lessons);
  return null;
}
