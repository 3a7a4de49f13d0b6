/**
 * Rows of `GetEstablishmentAttendanceList` (infomentor.md §5): notices (`Guardian`/`Pupil`, or
 * `Staff` when the school took a phone call) and registrations (`Staff` per lesson, `System` per
 * day of approved leave) in one list, each repeating `absenceKind` and `isValidAbsence`.
 */
import { codes } from '../world/index.js';
import type { NoticeRow, RegistrationRow, SliceRecord } from '../world/index.js';
import { formatClock, swedishLongDate } from './dates.js';
import { displayName, personNameOf, pupilSourceIdOf, timestampOf } from './render-context.js';
import type { RenderContext } from './render-context.js';

export type Reason = (typeof codes.infomentor.reasons)[number];

export function reasonById(reasonId: number): Reason {
  const reason = codes.infomentor.reasons.find((candidate) => candidate.id === reasonId);
  if (!reason) throw new RangeError(`no InfoMentor reason ${reasonId}`);
  return reason;
}

/** What a `System` row shows as its author: the platform itself, not a person. */
const SYSTEM_NAME = 'System';

function registeredBy(render: RenderContext, worldKey: string, role: NoticeRow['reporterRole'], unit: NoticeRow['unit']): { registeredByName: string; registeredByRole: string } {
  const name = role === 'system' ? null : personNameOf(render, worldKey, unit);
  return { registeredByName: name ? displayName(name) : SYSTEM_NAME, registeredByRole: codes.infomentor.role(role) };
}

function minutesBetween(start: number, end: number): number {
  return Math.round((end - start) / 60_000);
}

function renderNotice(render: RenderContext, record: SliceRecord<NoticeRow>): Record<string, unknown> {
  const row = record.data;
  const reason = reasonById(codes.infomentor.noticeReason(row));
  const { partOfDay, halfDaysCount } = codes.infomentor.partOfDay(row);
  const session = halfDaysCount === null;
  const end = row.end;
  return {
    id: record.id,
    pupilSourceId: pupilSourceIdOf(render, row.unit, row.pupilKey),
    shortDate: row.firstDate,
    longDate: swedishLongDate(row.firstDate),
    time: session ? formatClock(row.start) : null,
    endTime: session && end !== null ? formatClock(end) : null,
    subject: null,
    reasonId: reason.id,
    reason: reason.name,
    absenceKind: reason.absenceKind,
    isValidAbsence: reason.isValidAbsence,
    comment: row.comment,
    ...registeredBy(render, row.reporterKey, row.reporterRole, row.unit),
    establishmentName: render.context.world.unit(row.unit).name,
    minutes: session && end !== null ? String(minutesBetween(row.start, end)) : null,
    halfDaysCount,
    partOfDay,
    noticeId: null,
    lastChanged: timestampOf(render, record.lastChanged),
    isDeleted: record.deleted,
  };
}

function renderRegistration(render: RenderContext, record: SliceRecord<RegistrationRow>): Record<string, unknown> {
  const row = record.data;
  const code = codes.infomentor.registration(row);
  const lesson = row.lesson;
  return {
    id: record.id,
    pupilSourceId: pupilSourceIdOf(render, row.unit, row.pupilKey),
    shortDate: row.date,
    longDate: swedishLongDate(row.date),
    time: lesson ? formatClock(lesson.start) : null,
    endTime: lesson ? formatClock(lesson.end) : null,
    subject: lesson?.subjectName ?? null,
    reasonId: code.reasonId,
    reason: reasonById(code.reasonId).name,
    absenceKind: code.absenceKind,
    isValidAbsence: code.isValidAbsence,
    comment: row.comment,
    ...registeredBy(render, lesson?.teacherKey ?? row.reporterKey, row.reporterRole, row.unit),
    establishmentName: render.context.world.unit(row.unit).name,
    // Lesson rows: minutes absent, as a string; day rows count half days instead.
    minutes: lesson ? String(row.minutes) : null,
    halfDaysCount: lesson ? null : 2,
    partOfDay: lesson ? null : 'WholeDay',
    noticeId: row.noticeId,
    lastChanged: timestampOf(render, record.lastChanged),
    isDeleted: record.deleted,
  };
}

export function renderAttendanceRow(render: RenderContext, record: SliceRecord): Record<string, unknown> {
  const data = record.data;
  if (data.kind === 'notice') return renderNotice(render, { ...record, data });
  if (data.kind === 'registration') return renderRegistration(render, { ...record, data });
  throw new TypeError(`not an attendance record: ${data.kind}`);
}

/** Drift `attendance2025Shape`: the names a 2025 public client reads, in the same places. */
const SHAPE_2025: Readonly<Record<string, string>> = { shortDate: 'dateString', subject: 'lessonName', reason: 'registrationTypeName', time: 'startTime' };

export function toAttendance2025Shape(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([key, value]) => [SHAPE_2025[key] ?? key, value]));
}
