/**
 * Builders for notices and registrations, shared by the day model (absence.ts) and the scripted
 * days of the cast and X12 (scripts.ts), so both produce records of exactly one shape.
 */
import { civicNoAt, isOfAgeAt } from './roster.js';
import { formatMinuteOfDay, instantToLocal, startOfLocalDay } from './stockholm-time.js';
import type {
  LessonOccurrence,
  NoticeChannel,
  NoticeLink,
  NoticeReason,
  NoticeState,
  Pupil,
  RegistrationState,
  ReporterRole,
  Versioned,
  WorldNotice,
  WorldRegistration,
} from './types.js';
import { isoDateOf } from './stockholm-time.js';
import { unitByCode } from './units.js';
import type { UnitCode } from './units.js';

export interface NoticeSpec {
  readonly pupil: Pupil;
  readonly unit: UnitCode;
  readonly day: number;
  readonly ordinal: number;
  /** Whole day(s) from `day` to `lastDay` (default `day`). */
  readonly allDay?: boolean;
  readonly lastDay?: number;
  readonly partOfDay?: 'morning' | 'afternoon';
  /** Lessons the notice covers on its first day. */
  readonly lessons: readonly LessonOccurrence[];
  /** Explicit span for a part-day notice; default: the covered lessons' span. */
  readonly start?: number;
  readonly end?: number;
  readonly reason: NoticeReason;
  readonly comment: string | null;
  readonly channel: NoticeChannel;
  readonly createdAt: number;
  readonly reporter: { readonly key: string; readonly role: ReporterRole };
  readonly cancelledAt?: number | null;
  /** An open notice re-stamped at each following midnight and closed at `closedAt`. */
  readonly ongoing?: { readonly restamps: readonly number[]; readonly closedAt: number } | null;
  readonly forwardDelayMs?: number | null;
  readonly mirrorDelayMs?: number | null;
}

export function noticeKey(pupilKey: string, day: number, ordinal: number): string {
  return `n:${pupilKey}|${isoDateOf(day)}|${ordinal}`;
}

export function registrationKey(pupilKey: string, lesson: LessonOccurrence): string {
  return `r:${pupilKey}|${lesson.key}`;
}

function compactTime(instant: number): string {
  return formatMinuteOfDay(instantToLocal(instant).minuteOfDay).replace(':', '');
}

/** The SMS a guardian sends: `YYMMDD-NNNC` for the day, plus `HHmm-HHmm` for part of it. */
export function smsBody(pupil: Pupil, at: number, span: { start: number; end: number } | null): string {
  const civic = civicNoAt(pupil.civic, at).value;
  const number = `${civic.slice(2, 8)}-${civic.slice(8, 12)}`;
  return span ? `${number} ${compactTime(span.start)}-${compactTime(span.end)}` : number;
}

export function buildNotice(spec: NoticeSpec): WorldNotice {
  const lastDay = spec.lastDay ?? spec.day;
  const first = spec.lessons[0];
  const last = spec.lessons[spec.lessons.length - 1];
  let start: number;
  let end: number;
  if (spec.allDay) {
    start = startOfLocalDay(spec.day);
    end = startOfLocalDay(lastDay + 1);
  } else if (spec.partOfDay) {
    const midday = startOfLocalDay(spec.day) + 12 * 3_600_000;
    start = spec.partOfDay === 'morning' ? startOfLocalDay(spec.day) : midday;
    end = spec.partOfDay === 'morning' ? midday : startOfLocalDay(spec.day + 1);
  } else {
    start = spec.start ?? first?.start ?? startOfLocalDay(spec.day);
    end = spec.end ?? last?.end ?? startOfLocalDay(spec.day + 1);
  }
  const versions: Versioned<NoticeState>[] = [];
  if (spec.ongoing) {
    versions.push({ at: spec.createdAt, state: { end: null, cancelled: false } });
    for (const restamp of spec.ongoing.restamps) versions.push({ at: restamp, state: { end: null, cancelled: false } });
    versions.push({ at: spec.ongoing.closedAt, state: { end, cancelled: false } });
  } else {
    versions.push({ at: spec.createdAt, state: { end, cancelled: false } });
  }
  if (spec.cancelledAt !== undefined && spec.cancelledAt !== null) versions.push({ at: spec.cancelledAt, state: { end, cancelled: true } });
  const isSms = spec.channel === 'SMS';
  return {
    key: noticeKey(spec.pupil.key, spec.day, spec.ordinal),
    pupilKey: spec.pupil.key,
    unit: spec.unit,
    firstDay: spec.day,
    lastDay,
    allDay: spec.allDay ?? false,
    partOfDay: spec.partOfDay ?? null,
    start,
    lessons: spec.lessons,
    reason: spec.reason,
    comment: spec.comment,
    channel: spec.channel,
    smsText: isSms ? smsBody(spec.pupil, spec.createdAt, spec.allDay ? null : { start, end }) : null,
    reporterKey: spec.reporter.key,
    reporterRole: spec.reporter.role,
    createdAt: spec.createdAt,
    forwardDelayMs: spec.forwardDelayMs ?? null,
    mirrorDelayMs: spec.mirrorDelayMs ?? null,
    versions,
  };
}

/** The guardian who files a notice, or the pupil from 18 (X6) or without a guardian. */
export function noticeReporter(pupil: Pupil, at: number, pick: (count: number) => number): { key: string; role: ReporterRole } {
  const custodians = pupil.relations.filter((relation) => relation.kind === 'custodian' || relation.kind === 'trustee');
  if (isOfAgeAt(pupil, at) || custodians.length === 0) return { key: pupil.key, role: 'student' };
  const relation = custodians[pick(custodians.length)] ?? custodians[0];
  return { key: relation?.guardianKey ?? pupil.key, role: 'guardian' };
}

/** Forwarded and mirrored copies the unit's platforms make of a notice (X1). */
export function copyDelays(unit: UnitCode, draw: () => number): { forwardDelayMs: number | null; mirrorDelayMs: number | null } {
  const platforms = unitByCode(unit).platforms.notices;
  const forwards = platforms[0] === 'skolplattformen' && platforms.includes('skola24');
  const mirrors = platforms[0] === 'infomentor' && platforms.includes('ss12000');
  const forwardDraw = draw();
  const mirrorDraw = draw();
  return {
    // 95 % of Skolplattformen notices reach Skola24, 1–3 minutes later.
    forwardDelayMs: forwards && forwardDraw < 0.95 ? Math.round(60_000 + (forwardDraw / 0.95) * 120_000) : null,
    mirrorDelayMs: mirrors ? Math.round(30_000 + mirrorDraw * 270_000) : null,
  };
}

export function registrationState(partial: Partial<RegistrationState> & Pick<RegistrationState, 'type' | 'validity' | 'minutes'>): RegistrationState {
  return { notice: null, leave: null, comment: null, buckets: null, ...partial };
}

export function noticeLink(notice: WorldNotice, ordinal: number): NoticeLink {
  return { key: notice.key, createdAt: notice.createdAt, day: notice.firstDay, ordinal, forwarded: notice.forwardDelayMs !== null };
}

export function buildRegistration(pupil: Pupil, lesson: LessonOccurrence, versions: readonly Versioned<RegistrationState>[]): WorldRegistration {
  const sorted = [...versions].sort((left, right) => left.at - right.at);
  return { key: registrationKey(pupil.key, lesson), pupilKey: pupil.key, unit: lesson.unit, lesson, reporterKey: lesson.teacherKey, versions: sorted };
}
