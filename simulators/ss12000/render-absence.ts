/**
 * Absence (§4) and Attendance (§4) as the register publishes them for U5. An Absence is a notice
 * mirrored from InfoMentor (`Anmäld frånvaro`, a whole day as the school day 08:00–16:00) or an
 * approved leave day (`Beviljad ledighet`, registered by staff). An Attendance is a teacher's
 * lesson registration in minute buckets; a withdrawn registration returns to plain attendance.
 */
import { codes } from '../world/index.js';
import type { NoticeRow, RegistrationRow, SliceRecord } from '../world/index.js';
import type { JsonRecord } from './presentation.js';
import type { References } from './references.js';
import type { Ss12000State } from './state.js';
import { meta, rfc3339 } from './wire-time.js';

/** The absence's `type`: an injected raw value, else the world's two (`Anmäld frånvaro`, `Beviljad ledighet`). */
export function absenceType(record: SliceRecord<NoticeRow>, state: Ss12000State): string {
  return state.absenceTypes.get(String(record.id)) ?? codes.ss12000.absenceType(record.data);
}

export function renderAbsence(record: SliceRecord<NoticeRow>, refs: References, state: Ss12000State): JsonRecord {
  const notice = record.data;
  return {
    id: String(record.id),
    meta: meta(record.createdAt, record.lastChanged),
    startTime: rfc3339(notice.start),
    // Notices mirrored to SS 12000 always have an end; an open one (Skola24 only) would end at its start.
    endTime: rfc3339(notice.end ?? notice.start),
    type: absenceType(record, state),
    student: refs.person(notice.pupilKey),
    organisation: refs.unit(notice.unit),
    registeredBy: refs.person(notice.reporterKey),
  };
}

export function renderAttendance(record: SliceRecord<RegistrationRow>, refs: References): JsonRecord {
  const registration = record.data;
  const buckets = registration.buckets;
  return {
    id: String(record.id),
    meta: meta(record.createdAt, record.lastChanged),
    calendarEvent: { id: String(registration.lessonId) },
    student: refs.person(registration.pupilKey),
    reporter: refs.person(registration.reporterKey),
    isReported: true,
    attendanceMinutes: buckets.attendance,
    validAbsenceMinutes: buckets.valid,
    invalidAbsenceMinutes: buckets.invalid,
    otherAttendanceMinutes: buckets.other,
    absenceReason: codes.ss12000.absenceReason(registration) ?? undefined,
    reportedTimestamp: rfc3339(registration.reportedAt),
  };
}
