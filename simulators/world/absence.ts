/**
 * One pupil's absence on one school day — notices and lesson registrations with their whole
 * history (creation, corrections, deletions, cancellations) — as a pure function of
 * (seed, pupil, day). Rates per pupil and school day (platforms README §3.2): 4 % whole-day
 * illness (85 % with a notice, 70 % of those before 08:00), 1.5 % part-day notice, 3 % late
 * arrival, 1 % unreported lesson absence, 0.3 % early departure, 0.3 % other school activity.
 * Every event of day d happens within [d − 1 day, d + ANCHOR_LAG_DAYS]; queries rely on that.
 */
import { isSchoolDay } from './calendar.js';
import { buildNotice, buildRegistration, copyDelays, noticeKey, noticeLink, noticeReporter, registrationKey, registrationState } from './absence-builders.js';
import type { LeaveBook } from './leave.js';
import { rngFor } from './prng.js';
import type { Rng, WorldSeed } from './prng.js';
import { scriptedDay } from './scripts.js';
import { MS_PER_HOUR, MS_PER_MINUTE, localToInstant, startOfLocalDay } from './stockholm-time.js';
import type { Timetable } from './timetable.js';
import type {
  DayOutcome,
  LessonOccurrence,
  NoticeChannel,
  NoticeLink,
  Pupil,
  RegistrationState,
  Versioned,
  WorldNotice,
  WorldRegistration,
} from './types.js';
import { unitByCode } from './units.js';
import type { UnitCode } from './units.js';

/** No event of a day happens more than this many days after it (72 h corrections + 6 h reports + spells). */
export const ANCHOR_LAG_DAYS = 7;
/** …nor more than this many days before it (notices filed the evening before). */
export const ANCHOR_LEAD_DAYS = 1;

const RATES = {
  illness: 0.04,
  illnessNotice: 0.85,
  noticeBefore0800: 0.7,
  eveningBefore: 0.12,
  partDayNotice: 0.015,
  late: 0.03,
  unreportedAbsence: 0.01,
  earlyDeparture: 0.003,
  otherActivity: 0.003,
  cancelledNotice: 0.03,
  ongoingSpell: 0.08,
  correction: 0.05,
  deletion: 0.005,
} as const;

const EMPTY: DayOutcome = { notices: [], registrations: [] };

interface IllnessDraw {
  readonly withNotice: boolean;
  readonly createdAt: number;
  readonly cancelled: boolean;
  readonly spellLength: number;
  readonly rng: Rng;
}

function localTime(day: number, fromMinute: number, toMinute: number, rng: Rng): number {
  return localToInstant(day, rng.int(fromMinute, toMinute)) + rng.int(0, 59) * 1000;
}

function channelFor(rng: Rng, sameDay: boolean): NoticeChannel {
  if (!sameDay) return rng.chance(0.7) ? 'App' : 'Webb';
  return rng.weighted([['SMS', 45], ['App', 35], ['Webb', 15], ['Telefon', 5]] as const);
}

function unitsInOrder(lessons: readonly LessonOccurrence[]): UnitCode[] {
  return [...new Set(lessons.map((lesson) => lesson.unit))];
}

export class AbsenceModel {
  constructor(
    private readonly seed: WorldSeed,
    private readonly timetable: Timetable,
    private readonly leave: LeaveBook,
  ) {}

  dayOutcome(pupil: Pupil, day: number): DayOutcome {
    if (pupil.registerOnly || !isSchoolDay(day)) return EMPTY;
    const lessons = this.timetable.lessonsOfPupil(pupil, day);
    if (lessons.length === 0) return EMPTY;
    const scripted = scriptedDay(pupil, day, lessons);
    if (scripted) return scripted;

    const leave = this.leave.approvedLeaveOn(pupil, day);
    if (leave) {
      const registrations = lessons
        // InfoMentor marks approved leave with its own day rows (see rows-absence.ts), not per lesson.
        .filter((lesson) => unitByCode(lesson.unit).platforms.registrations !== 'infomentor' && lesson.reportedAt !== null)
        .map((lesson) =>
          buildRegistration(pupil, lesson, [
            { at: lesson.reportedAt ?? lesson.end, state: registrationState({ type: 'leave', validity: 'valid', minutes: lesson.minutes, leave: { key: leave.application.key, appliedAt: leave.application.appliedAt, monthIndex: leave.application.monthIndex } }) },
          ]),
        );
      return { notices: [], registrations };
    }

    const continued = this.spellCovering(pupil, day, lessons);
    if (continued) return continued;

    const illness = this.illness(pupil, day, lessons);
    if (illness) return this.illnessDay(pupil, day, lessons, illness);
    return this.ordinaryDay(pupil, day, lessons);
  }

  /** The illness draw of a day, from its own stream so that later days can look back at it. */
  private illness(pupil: Pupil, day: number, lessons: readonly LessonOccurrence[]): IllnessDraw | null {
    const rng = rngFor(this.seed, 'illness', `${pupil.key}|${day}`);
    if (!rng.chance(RATES.illness)) return null;
    const withNotice = rng.chance(RATES.illnessNotice);
    const early = rng.chance(RATES.noticeBefore0800);
    const eveningBefore = early && rng.chance(RATES.eveningBefore);
    const createdAt = eveningBefore
      ? localTime(day - 1, 18 * 60, 21 * 60 + 59, rng)
      : early
        ? localTime(day, 6 * 60, 7 * 60 + 59, rng)
        : localTime(day, 8 * 60, 13 * 60, rng);
    const firstStart = lessons[0]?.start ?? startOfLocalDay(day);
    // Only a notice filed well before school can be taken back; the rate is raised so that 3 % of all notices are.
    const cancelled = withNotice && createdAt < firstStart - 30 * MS_PER_MINUTE && rng.chance(RATES.cancelledNotice * 1.5);
    const home = unitByCode(lessons[0]?.unit ?? pupil.unit);
    const ownSkola24Notices = home.platforms.notices[0] === 'skola24' && unitsInOrder(lessons).length === 1;
    const spellLength = withNotice && !cancelled && ownSkola24Notices && rng.chance(RATES.ongoingSpell) ? rng.int(2, 3) : 1;
    return { withNotice, createdAt, cancelled, spellLength, rng };
  }

  /** Consecutive school days a spell starting on `day` lasts (stops at a weekend or break). */
  private spellDays(day: number, length: number): number[] {
    const days = [day];
    while (days.length < length && isSchoolDay(day + days.length)) days.push(day + days.length);
    return days;
  }

  private spellCovering(pupil: Pupil, day: number, lessons: readonly LessonOccurrence[]): DayOutcome | null {
    // Only pupils who file notices in Skola24 themselves, at one unit, have ongoing absences.
    if (unitByCode(pupil.unit).platforms.notices[0] !== 'skola24' || pupil.enrolments.length > 1) return null;
    for (let back = 1; back <= 2; back++) {
      const start = day - back;
      if (!isSchoolDay(start)) return null;
      const startLessons = this.timetable.lessonsOfPupil(pupil, start);
      const draw = startLessons.length > 0 ? this.illness(pupil, start, startLessons) : null;
      if (!draw) continue;
      const days = this.spellDays(start, draw.spellLength);
      if (!days.includes(day)) continue;
      const link: NoticeLink = { key: noticeKey(pupil.key, start, 0), createdAt: draw.createdAt, day: start, ordinal: 0, forwarded: false };
      return { notices: [], registrations: this.absentRegistrations(pupil, lessons, link) };
    }
    return null;
  }

  private illnessDay(pupil: Pupil, day: number, lessons: readonly LessonOccurrence[], draw: IllnessDraw): DayOutcome {
    const { rng } = draw;
    if (!draw.withNotice) return { notices: [], registrations: this.absentRegistrations(pupil, lessons, null) };
    const notices: WorldNotice[] = [];
    const reporter = noticeReporter(pupil, draw.createdAt, (count) => rng.int(0, count - 1));
    const sameDay = draw.createdAt >= startOfLocalDay(day);
    const channel = channelFor(rng, sameDay);
    const spell = this.spellDays(day, draw.spellLength);
    const lastDay = spell[spell.length - 1] ?? day;
    unitsInOrder(lessons).forEach((unit, ordinal) => {
      const unitLessons = lessons.filter((lesson) => lesson.unit === unit);
      const ongoing =
        spell.length > 1
          ? { restamps: spell.slice(1).map((following) => startOfLocalDay(following)), closedAt: localTime(lastDay, 15 * 60, 18 * 60, rng) }
          : null;
      notices.push(
        buildNotice({
          pupil,
          unit,
          day,
          ordinal,
          allDay: true,
          lastDay,
          lessons: unitLessons,
          reason: 'illness',
          comment: rng.chance(0.3) ? rng.pick(['Feber', 'Magsjuk', 'Förkyld', 'Huvudvärk']) : null,
          channel: channel === 'Telefon' ? 'Telefon' : channel,
          createdAt: draw.createdAt,
          reporter: channel === 'Telefon' ? { key: this.timetable.staff(unit)[0]?.key ?? reporter.key, role: 'staff' } : reporter,
          cancelledAt: draw.cancelled ? draw.createdAt + rng.int(5, 25) * MS_PER_MINUTE : null,
          ongoing,
          ...copyDelays(unit, () => rng.next()),
        }),
      );
    });
    if (draw.cancelled) return { notices, registrations: [] };
    const registrations: WorldRegistration[] = [];
    notices.forEach((notice, ordinal) => {
      const unitLessons = lessons.filter((lesson) => lesson.unit === notice.unit);
      registrations.push(...this.absentRegistrations(pupil, unitLessons, noticeLink(notice, ordinal)));
    });
    return { notices, registrations };
  }

  /**
   * Lessons registered absent. A notice filed before the teacher reported makes them valid; a
   * later notice corrects them from invalid to valid 5–60 minutes after it arrives (X11).
   */
  private absentRegistrations(pupil: Pupil, lessons: readonly LessonOccurrence[], notice: NoticeLink | null): WorldRegistration[] {
    const registrations: WorldRegistration[] = [];
    for (const lesson of lessons) {
      if (lesson.reportedAt === null) continue;
      const reportedAt = lesson.reportedAt;
      const versions: Versioned<RegistrationState>[] = [];
      if (notice && notice.createdAt <= reportedAt) {
        versions.push({ at: reportedAt, state: registrationState({ type: 'absent', validity: 'valid', minutes: lesson.minutes, notice }) });
      } else {
        versions.push({ at: reportedAt, state: registrationState({ type: 'absent', validity: 'invalid', minutes: lesson.minutes }) });
        if (notice) {
          const delay = rngFor(this.seed, 'lateNotice', registrationKey(pupil.key, lesson)).int(5, 60) * MS_PER_MINUTE;
          versions.push({ at: notice.createdAt + delay, state: registrationState({ type: 'absent', validity: 'valid', minutes: lesson.minutes, notice }) });
        }
      }
      registrations.push(this.withRandomChange(pupil, lesson, versions));
    }
    return registrations;
  }

  /** X11: 5 % of registrations change and 0.5 % are deleted, 1–72 h after the last version. */
  private withRandomChange(pupil: Pupil, lesson: LessonOccurrence, versions: Versioned<RegistrationState>[]): WorldRegistration {
    const rng = rngFor(this.seed, 'registrationChange', registrationKey(pupil.key, lesson));
    const last = versions[versions.length - 1];
    if (!last) return buildRegistration(pupil, lesson, versions);
    const draw = rng.next();
    const at = last.at + rng.int(1, 72) * MS_PER_HOUR + rng.int(0, 3599) * 1000;
    const state = last.state;
    if (draw < RATES.deletion) {
      versions.push({ at, state: registrationState({ type: 'present', validity: 'undetermined', minutes: 0 }) });
    } else if (draw < RATES.deletion + RATES.correction) {
      if (state.type === 'absent') {
        const nowValid = state.validity !== 'valid';
        versions.push({ at, state: { ...state, validity: nowValid ? 'valid' : 'invalid', comment: nowValid ? 'Giltig efter kontakt med vårdnadshavare' : 'Ändrad till ogiltig' } });
      } else if (state.type === 'late' || state.type === 'leftEarly') {
        versions.push({ at, state: { ...state, minutes: Math.max(1, state.minutes + rng.pick([-5, -3, 3, 5, 10])) } });
      }
    }
    return buildRegistration(pupil, lesson, versions);
  }

  private ordinaryDay(pupil: Pupil, day: number, lessons: readonly LessonOccurrence[]): DayOutcome {
    const rng = rngFor(this.seed, 'pupilDay', `${pupil.key}|${day}`);
    const used = new Set<number>();
    const notices: WorldNotice[] = [];
    const registrations: WorldRegistration[] = [];
    const free = (): number | null => {
      const open = lessons.map((_lesson, index) => index).filter((index) => !used.has(index));
      return open.length === 0 ? null : rng.pick(open);
    };

    if (rng.chance(RATES.partDayNotice)) {
      const first = rng.int(0, lessons.length - 1);
      const unit = lessons[first]?.unit ?? pupil.unit;
      const covered = lessons.slice(first, first + rng.int(1, 2)).filter((lesson) => lesson.unit === unit);
      covered.forEach((lesson) => used.add(lessons.indexOf(lesson)));
      const firstLesson = covered[0];
      if (firstLesson) notices.push(...this.partDayNotice(pupil, day, unit, covered, firstLesson, rng, registrations));
    }
    if (rng.chance(RATES.late)) {
      const index = free();
      const lesson = index === null ? undefined : lessons[index];
      if (lesson && index !== null) {
        used.add(index);
        const late = rng.int(1, 25);
        this.pushSingle(pupil, lesson, registrationState({ type: 'late', validity: 'invalid', minutes: late }), registrations);
      }
    }
    if (rng.chance(RATES.unreportedAbsence)) {
      const index = free();
      const lesson = index === null ? undefined : lessons[index];
      if (lesson && index !== null) {
        used.add(index);
        this.pushSingle(pupil, lesson, registrationState({ type: 'absent', validity: 'invalid', minutes: lesson.minutes }), registrations);
      }
    }
    if (rng.chance(RATES.earlyDeparture)) {
      const index = lessons.length - 1;
      const lesson = lessons[index];
      if (lesson && !used.has(index)) {
        used.add(index);
        this.pushSingle(pupil, lesson, registrationState({ type: 'leftEarly', validity: 'invalid', minutes: rng.int(10, 40) }), registrations);
      }
    }
    if (rng.chance(RATES.otherActivity)) {
      const index = free();
      const lesson = index === null ? undefined : lessons[index];
      if (lesson && index !== null) {
        used.add(index);
        this.pushSingle(pupil, lesson, registrationState({ type: 'otherActivity', validity: 'valid', minutes: lesson.minutes, comment: 'Studiebesök' }), registrations);
      }
    }
    return { notices, registrations };
  }

  private pushSingle(pupil: Pupil, lesson: LessonOccurrence, state: RegistrationState, into: WorldRegistration[]): void {
    if (lesson.reportedAt === null) return;
    into.push(this.withRandomChange(pupil, lesson, [{ at: lesson.reportedAt, state }]));
  }

  private partDayNotice(
    pupil: Pupil,
    day: number,
    unit: UnitCode,
    covered: readonly LessonOccurrence[],
    firstLesson: LessonOccurrence,
    rng: Rng,
    registrations: WorldRegistration[],
  ): WorldNotice[] {
    const eveningBefore = rng.chance(0.5);
    const latestMorning = Math.max(6 * 60, Math.floor((firstLesson.start - startOfLocalDay(day)) / MS_PER_MINUTE) - 30);
    const createdAt = eveningBefore ? localTime(day - 1, 18 * 60, 21 * 60 + 59, rng) : localTime(day, 6 * 60, latestMorning, rng);
    const cancelled = rng.chance(RATES.cancelledNotice);
    const reporter = noticeReporter(pupil, createdAt, (count) => rng.int(0, count - 1));
    const platforms = unitByCode(unit).platforms.notices;
    const lastLesson = covered[covered.length - 1] ?? firstLesson;
    const noonUtcOffset = startOfLocalDay(day) + 12 * MS_PER_HOUR;
    const halfDay = platforms[0] === 'infomentor' && lastLesson.end <= noonUtcOffset && rng.chance(0.4);
    // Skolplattformen's guardians type times in 10-minute steps; other platforms file per lesson.
    const tenMinutes = 10 * MS_PER_MINUTE;
    const typed = platforms[0] === 'skolplattformen';
    const notice = buildNotice({
      pupil,
      unit,
      day,
      ordinal: 0,
      ...(halfDay ? { partOfDay: 'morning' as const } : {}),
      lessons: covered,
      ...(typed ? { start: Math.floor(firstLesson.start / tenMinutes) * tenMinutes, end: Math.ceil(lastLesson.end / tenMinutes) * tenMinutes } : {}),
      reason: 'medical',
      comment: rng.pick(['Läkarbesök', 'Tandläkare', 'Ortodontist', null]),
      channel: channelFor(rng, !eveningBefore),
      createdAt,
      reporter,
      cancelledAt: cancelled ? createdAt + rng.int(10, 60) * MS_PER_MINUTE : null,
      ...copyDelays(unit, () => rng.next()),
    });
    if (!cancelled) registrations.push(...this.absentRegistrations(pupil, covered, noticeLink(notice, 0)));
    return [notice];
  }
}
