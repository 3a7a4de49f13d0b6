/**
 * Absence records of a slice, made from the world's notices, registrations and leave:
 *
 * - a notice shows where the guardian filed it; Skolplattformen's are forwarded to Skola24 1–3
 *   minutes later under their own id, InfoMentor's (U5) are mirrored to SS 12000 as `Absence`
 *   over the school day 08:00–16:00 (X1);
 * - a registration shows in its unit's registration platform; a withdrawn one is a tombstone in
 *   Skola24 and InfoMentor and a return to plain attendance in SchoolSoft and SS 12000;
 * - an approved leave shows as SS 12000 `Beviljad ledighet` per day (U5) and as InfoMentor
 *   System day rows (U2), created two and one minutes after the decision.
 */
import { LAST_SCHOOL_DAY_NUMBER, isSchoolDay } from './calendar.js';
import type { InjectionStore, RecordPatch } from './injections.js';
import { stateAt } from './leave.js';
import type { PlatformId, PlatformIds } from './platform-ids.js';
import type { Roster } from './roster.js';
import type { LeaveRow, NoticeRow, RegistrationRow, RowTimeline, RowVersion } from './rows.js';
import { MS_PER_MINUTE, isoDateOf, localToInstant } from './stockholm-time.js';
import type {
  AttendanceBuckets,
  DayOutcome,
  LeaveApplication,
  LeaveLink,
  NoticeLink,
  Pupil,
  RegistrationState,
  WorldNotice,
  WorldRegistration,
} from './types.js';
import { unitByCode } from './units.js';
import type { PlatformKey, Slice, UnitCode } from './units.js';

const SCHOOL_DAY_START = 8 * 60;
const SCHOOL_DAY_END = 16 * 60;

/** SS 12000 minute buckets for a registration state (valid late minutes count as valid absence). */
export function attendanceBuckets(state: RegistrationState, lessonMinutes: number): AttendanceBuckets & { attendance: number } {
  let buckets: AttendanceBuckets = { valid: 0, invalid: 0, other: 0 };
  if (state.buckets) buckets = state.buckets;
  else if (state.type === 'otherActivity') buckets = { valid: 0, invalid: 0, other: state.minutes };
  else if (state.type === 'leave') buckets = { valid: state.minutes, invalid: 0, other: 0 };
  else if (state.type !== 'present') buckets = state.validity === 'valid' ? { valid: state.minutes, invalid: 0, other: 0 } : { valid: 0, invalid: state.minutes, other: 0 };
  return { ...buckets, attendance: Math.max(0, lessonMinutes - buckets.valid - buckets.invalid - buckets.other) };
}

/** Platforms where a withdrawn registration is a tombstone (elsewhere the row returns to "present"). */
function tombstonesWithdrawn(platform: PlatformKey): boolean {
  return platform === 'skola24' || platform === 'infomentor';
}

function applyRegistrationPatch(state: RegistrationState, patch: RecordPatch): RegistrationState {
  if (patch.deleted) return { ...state, type: 'present', validity: 'undetermined', minutes: 0, buckets: null };
  return {
    ...state,
    type: patch.type ?? state.type,
    validity: patch.validity ?? state.validity,
    minutes: patch.minutes ?? state.minutes,
    buckets: patch.buckets ?? state.buckets,
  };
}

/** Interleave a record's own versions with injected patches, in time order. */
export function patchedVersions<S>(versions: readonly { at: number; state: S }[], patches: readonly RecordPatch[], apply: (state: S, patch: RecordPatch) => S): { at: number; state: S }[] {
  if (patches.length === 0) return [...versions];
  const events = [...versions.map((version) => ({ at: version.at, version, patch: null as RecordPatch | null })), ...patches.map((patch) => ({ at: patch.at, version: null, patch }))];
  events.sort((left, right) => left.at - right.at);
  const result: { at: number; state: S }[] = [];
  let current: S | null = null;
  const applied: RecordPatch[] = [];
  for (const event of events) {
    if (event.version) {
      current = event.version.state;
      for (const patch of applied) current = apply(current, patch);
    } else if (event.patch) {
      applied.push(event.patch);
      if (current === null) continue;
      current = apply(current, event.patch);
    }
    if (current !== null) result.push({ at: event.at, state: current });
  }
  return result;
}

function ordinalOf(noticeKey: string): number {
  return Number(noticeKey.slice(noticeKey.lastIndexOf('|') + 1)) || 0;
}

export class AbsenceRows {
  constructor(
    private readonly roster: Roster,
    private readonly ids: PlatformIds,
    private readonly injections: InjectionStore,
  ) {}

  /** This slice's id of a notice a registration links to (null when the slice has no copy of it). */
  linkedNoticeId(slice: Slice, pupil: Pupil, link: NoticeLink, unit: UnitCode): PlatformId | null {
    const primary = unitByCode(unit).platforms.notices[0];
    if (primary === slice.platform) return this.ids.notice(slice, link.key, link.createdAt, pupil.position, link.day, link.ordinal);
    if (slice.platform === 'skola24' && primary === 'skolplattformen') return link.forwarded ? this.ids.notice(slice, `${link.key}~fwd`, 0, 0, 0, 0) : null;
    return null;
  }

  linkedLeaveId(slice: Slice, pupil: Pupil, link: LeaveLink): PlatformId {
    return this.ids.leave(slice, link.key, link.appliedAt, pupil.position, link.monthIndex);
  }

  noticeRows(slice: Slice, outcome: DayOutcome, units: readonly UnitCode[]): RowTimeline<NoticeRow>[] {
    const rows: RowTimeline<NoticeRow>[] = [];
    for (const notice of outcome.notices) {
      if (!units.includes(notice.unit)) continue;
      const row = this.noticeRow(slice, notice);
      if (row) rows.push(row);
    }
    return rows;
  }

  private noticeRow(slice: Slice, notice: WorldNotice): RowTimeline<NoticeRow> | null {
    const platforms = unitByCode(notice.unit).platforms.notices;
    const primary = platforms[0];
    let origin: NoticeRow['origin'];
    let shift: number;
    let key: string;
    if (primary === slice.platform) {
      origin = 'filed';
      shift = 0;
      key = notice.key;
    } else if (slice.platform === 'skola24' && primary === 'skolplattformen' && notice.forwardDelayMs !== null) {
      origin = 'forwarded';
      shift = notice.forwardDelayMs;
      key = `${notice.key}~fwd`;
    } else if (slice.platform === 'ss12000' && primary === 'infomentor' && notice.mirrorDelayMs !== null) {
      origin = 'mirrored';
      shift = notice.mirrorDelayMs;
      key = `${notice.key}~mirror`;
    } else {
      return null;
    }
    const pupil = this.roster.pupil(notice.pupilKey);
    const createdAt = notice.createdAt + shift;
    let start = notice.start;
    let allDay = notice.allDay;
    let partOfDay = notice.partOfDay;
    // SS 12000 publishes whole and half days as school hours, never as midnight to midnight.
    const schoolHours = origin === 'mirrored' && (notice.allDay || notice.partOfDay !== null);
    const lastEnd = localToInstant(notice.lastDay, notice.partOfDay === 'morning' ? 12 * 60 : SCHOOL_DAY_END);
    if (schoolHours) {
      start = localToInstant(notice.firstDay, notice.partOfDay === 'afternoon' ? 12 * 60 : SCHOOL_DAY_START);
      allDay = false;
      partOfDay = null;
    }
    const lessons = notice.lessons.map((lesson) => ({ lessonKey: lesson.key, lessonId: this.ids.lesson(slice, lesson, lesson.groupPosition), start: lesson.start, end: lesson.end }));
    const own = notice.versions.map((version) => ({ at: version.at + shift, state: version.state }));
    const patched = patchedVersions(own, this.injections.patches(slice, 'notices', key), (state, patch) => (patch.deleted ? { ...state, cancelled: true } : state));
    const versions: RowVersion<NoticeRow>[] = patched.map(({ at, state }) => ({
      at,
      deleted: state.cancelled,
      units: [notice.unit],
      data: {
        kind: 'notice',
        noticeKey: notice.key,
        origin,
        pupilKey: notice.pupilKey,
        unit: notice.unit,
        firstDate: isoDateOf(notice.firstDay),
        lastDate: isoDateOf(notice.lastDay),
        allDay,
        partOfDay,
        start,
        end: schoolHours ? lastEnd : state.end,
        lessons,
        reason: notice.reason,
        comment: notice.comment,
        channel: notice.channel,
        smsText: origin === 'filed' ? notice.smsText : null,
        reporterKey: notice.reporterKey,
        reporterRole: origin === 'forwarded' ? 'system' : notice.reporterRole,
        createdAt,
        cancelled: state.cancelled,
        leaveKey: null,
        leaveId: null,
        forwarded: origin === 'filed' && notice.forwardDelayMs !== null,
      },
    }));
    return {
      stream: 'notices',
      key,
      id: this.ids.notice(slice, key, createdAt, pupil.position, notice.firstDay, ordinalOf(notice.key)),
      pupilKey: notice.pupilKey,
      createdAt,
      filterDay: notice.firstDay,
      versions,
    };
  }

  registrationRows(slice: Slice, outcome: DayOutcome, units: readonly UnitCode[]): RowTimeline<RegistrationRow>[] {
    const rows: RowTimeline<RegistrationRow>[] = [];
    for (const registration of outcome.registrations) {
      if (!units.includes(registration.unit) || unitByCode(registration.unit).platforms.registrations !== slice.platform) continue;
      rows.push(this.registrationRow(slice, registration));
    }
    return rows;
  }

  private registrationRow(slice: Slice, registration: WorldRegistration): RowTimeline<RegistrationRow> {
    const pupil = this.roster.pupil(registration.pupilKey);
    const lesson = registration.lesson;
    const first = registration.versions[0];
    const createdAt = first?.at ?? lesson.end;
    const lessonId = this.ids.lesson(slice, lesson, lesson.groupPosition);
    const patched = patchedVersions(registration.versions, this.injections.patches(slice, 'registrations', registration.key), applyRegistrationPatch);
    const versions: RowVersion<RegistrationRow>[] = patched.map(({ at, state }) => ({
      at,
      deleted: state.type === 'present' && tombstonesWithdrawn(slice.platform),
      units: [registration.unit],
      data: {
        kind: 'registration',
        registrationKey: registration.key,
        pupilKey: registration.pupilKey,
        unit: registration.unit,
        date: isoDateOf(lesson.day),
        lesson,
        lessonId,
        dayLevel: false,
        type: state.type,
        validity: state.validity,
        minutes: state.minutes,
        comment: state.comment,
        noticeId: state.notice ? this.linkedNoticeId(slice, pupil, state.notice, registration.unit) : null,
        hasNotice: state.notice !== null,
        leaveKey: state.leave?.key ?? null,
        leaveId: state.leave ? this.linkedLeaveId(slice, pupil, state.leave) : null,
        reportedAt: createdAt,
        reporterKey: registration.reporterKey,
        reporterRole: 'staff',
        buckets: attendanceBuckets(state, lesson.minutes),
      },
    }));
    return {
      stream: 'registrations',
      key: registration.key,
      id: this.ids.registration(slice, registration.key, createdAt, pupil.position, lesson.slot),
      pupilKey: registration.pupilKey,
      createdAt,
      filterDay: lesson.day,
      versions,
    };
  }

  /** Leave applications held by this slice's platform. */
  leaveRows(slice: Slice, applications: readonly LeaveApplication[], units: readonly UnitCode[]): RowTimeline<LeaveRow>[] {
    const rows: RowTimeline<LeaveRow>[] = [];
    for (const application of applications) {
      if (!units.includes(application.unit) || unitByCode(application.unit).platforms.leave[0] !== slice.platform) continue;
      const pupil = this.roster.pupil(application.pupilKey);
      const versions: RowVersion<LeaveRow>[] = application.versions.map(({ at, state }) => ({
        at,
        deleted: false,
        units: [application.unit],
        data: {
          kind: 'leave',
          leaveKey: application.key,
          pupilKey: application.pupilKey,
          unit: application.unit,
          fromDate: isoDateOf(application.fromDay),
          toDate: isoDateOf(application.toDay),
          reason: application.reason,
          reasonText: application.reasonText,
          comment: application.comment,
          applicantKey: application.applicantKey,
          applicantRole: application.applicantRole,
          appliedAt: application.appliedAt,
          status: state.status,
          approvals: state.approvals,
          approvedFromDate: state.approvedFromDay === null ? null : isoDateOf(state.approvedFromDay),
          approvedToDate: state.approvedToDay === null ? null : isoDateOf(state.approvedToDay),
          decidedAt: state.decidedAt,
          decidedByKey: state.decidedByKey,
          decisionComment: state.decisionComment,
        },
      }));
      rows.push({
        stream: 'leaveApplications',
        key: application.key,
        id: this.ids.leave(slice, application.key, application.appliedAt, pupil.position, application.monthIndex),
        pupilKey: application.pupilKey,
        createdAt: application.appliedAt,
        filterDay: application.fromDay,
        versions,
      });
    }
    return rows;
  }

  /** Approved school days of an application once decided, with the decision. */
  private approvedDays(application: LeaveApplication): { days: number[]; decidedAt: number; decidedByKey: string | null } | null {
    const final = stateAt(application, Number.MAX_SAFE_INTEGER);
    if (!final || (final.status !== 'approved' && final.status !== 'partiallyApproved') || final.decidedAt === null) return null;
    const days: number[] = [];
    for (let day = final.approvedFromDay ?? 0; day <= (final.approvedToDay ?? -1) && day <= LAST_SCHOOL_DAY_NUMBER; day++) if (isSchoolDay(day)) days.push(day);
    return { days, decidedAt: final.decidedAt, decidedByKey: final.decidedByKey };
  }

  /** SS 12000 `Beviljad ledighet` per approved day, for units whose leave SS 12000 mirrors (U5). */
  leaveNoticeRows(slice: Slice, applications: readonly LeaveApplication[], units: readonly UnitCode[]): RowTimeline<NoticeRow>[] {
    const rows: RowTimeline<NoticeRow>[] = [];
    for (const application of applications) {
      const leavePlatforms = unitByCode(application.unit).platforms.leave;
      if (!units.includes(application.unit) || slice.platform !== 'ss12000' || leavePlatforms[0] === 'ss12000' || !leavePlatforms.includes('ss12000')) continue;
      const approved = this.approvedDays(application);
      if (!approved) continue;
      const pupil = this.roster.pupil(application.pupilKey);
      const createdAt = approved.decidedAt + 2 * MS_PER_MINUTE;
      for (const day of approved.days) {
        const key = `${application.key}~day:${isoDateOf(day)}`;
        const data: NoticeRow = {
          kind: 'notice',
          noticeKey: key,
          origin: 'leave',
          pupilKey: application.pupilKey,
          unit: application.unit,
          firstDate: isoDateOf(day),
          lastDate: isoDateOf(day),
          allDay: false,
          partOfDay: null,
          start: localToInstant(day, SCHOOL_DAY_START),
          end: localToInstant(day, SCHOOL_DAY_END),
          lessons: [],
          reason: 'other',
          comment: null,
          channel: 'Webb',
          smsText: null,
          reporterKey: approved.decidedByKey ?? application.applicantKey,
          reporterRole: 'staff',
          createdAt,
          cancelled: false,
          leaveKey: application.key,
          leaveId: null,
        };
        rows.push({
          stream: 'notices',
          key,
          id: this.ids.notice(slice, key, createdAt, pupil.position, day, 0),
          pupilKey: application.pupilKey,
          createdAt,
          filterDay: day,
          versions: [{ at: createdAt, deleted: false, units: [application.unit], data }],
        });
      }
    }
    return rows;
  }

  /** InfoMentor's System rows: one day registration per approved day, where InfoMentor registers lessons (U2). */
  systemLeaveRows(slice: Slice, applications: readonly LeaveApplication[], units: readonly UnitCode[]): RowTimeline<RegistrationRow>[] {
    const rows: RowTimeline<RegistrationRow>[] = [];
    for (const application of applications) {
      const unit = unitByCode(application.unit);
      if (!units.includes(application.unit) || slice.platform !== 'infomentor' || unit.platforms.registrations !== 'infomentor' || unit.platforms.leave[0] !== 'infomentor') continue;
      const approved = this.approvedDays(application);
      if (!approved) continue;
      const pupil = this.roster.pupil(application.pupilKey);
      const createdAt = approved.decidedAt + MS_PER_MINUTE;
      const leaveId = this.ids.leave(slice, application.key, application.appliedAt, pupil.position, application.monthIndex);
      approved.days.forEach((day, dayIndex) => {
        const key = `${application.key}~sys:${isoDateOf(day)}`;
        const data: RegistrationRow = {
          kind: 'registration',
          registrationKey: key,
          pupilKey: application.pupilKey,
          unit: application.unit,
          date: isoDateOf(day),
          lesson: null,
          lessonId: null,
          dayLevel: true,
          type: 'leave',
          validity: 'valid',
          minutes: 0,
          comment: null,
          noticeId: null,
          hasNotice: false,
          leaveKey: application.key,
          leaveId,
          reportedAt: createdAt,
          reporterKey: approved.decidedByKey ?? application.applicantKey,
          reporterRole: 'system',
          buckets: { valid: 0, invalid: 0, other: 0, attendance: 0 },
        };
        rows.push({
          stream: 'registrations',
          key,
          id: this.ids.systemLeaveRow(createdAt, pupil.position, dayIndex),
          pupilKey: application.pupilKey,
          createdAt,
          filterDay: day,
          versions: [{ at: createdAt, deleted: false, units: [application.unit], data }],
        });
      });
    }
    return rows;
  }
}
