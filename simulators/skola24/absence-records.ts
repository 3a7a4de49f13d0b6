/**
 * Absence records as Skola24's JSON writes them (skola24.md §5): planned absences (guardian and
 * pupil notices, and Skolplattformen's forwarded copies), leave applications, the absence-reason
 * list and the active school year.
 */
import { SCHOOL_YEAR_FROM, SCHOOL_YEAR_NAME, SCHOOL_YEAR_TO, codes, dayNumberOf, isoWeek } from '../world/index.js';
import type { LeaveRow, NoticeReason, NoticeRow, SliceRecord } from '../world/index.js';
import type { Directory } from './directory.js';
import type { JsonRecord } from './roster-records.js';
import { dateAsLocalMidnight, formatDotNetStamp, formatLocalDateTime } from './wire-time.js';

const REASONS: readonly NoticeReason[] = ['illness', 'medical', 'other'];

function reasonGuid(directory: Directory, reason: NoticeReason): string {
  return directory.world.ids.named(directory.slice, 'absenceReason', codes.skola24.reasonId(reason));
}

/** The Frånvaroanledningar (simulator: "1" Sjukdom, "2" Läkar-/tandläkarbesök, "3" Annat). */
export function renderAbsenceReasons(directory: Directory): JsonRecord[] {
  return REASONS.map((reason) => ({
    reasonGuid: reasonGuid(directory, reason),
    reasonId: codes.skola24.reasonId(reason),
    reasonDescription: codes.skola24.reasonDescription(reason),
    isActive: true,
  }));
}

export function renderActiveSchoolYear(directory: Directory): JsonRecord {
  return { guid: directory.schoolYearGuid(), name: SCHOOL_YEAR_NAME, from: SCHOOL_YEAR_FROM, to: SCHOOL_YEAR_TO };
}

/**
 * A planned absence. Whole days print `dateTimeFrom`/`dateTimeTo` at 00:00 of the first day and
 * of the day after the last; a single day has `dateTo: null`. An ongoing absence (not yet ended
 * by the guardian) has `dateTimeTo: null` and, since its last day is not known yet, `dateTo: null`.
 */
export function renderPlannedAbsence(record: SliceRecord<NoticeRow>, directory: Directory): JsonRecord {
  const notice = record.data;
  const ongoing = notice.end === null;
  const multiDay = notice.lastDate !== notice.firstDate;
  const reporterRole = codes.skola24.creatorRole(notice.reporterRole);
  return {
    absenceId: String(record.id),
    studentPersonGuid: directory.pupilGuid(notice.pupilKey),
    unitGuid: directory.unitGuid(notice.unit),
    week: isoWeek(dayNumberOf(notice.firstDate)).week,
    dateFrom: dateAsLocalMidnight(notice.firstDate),
    dateTo: multiDay && !ongoing ? dateAsLocalMidnight(notice.lastDate) : null,
    dateTimeFrom: formatLocalDateTime(notice.start),
    dateTimeTo: notice.end === null ? null : formatLocalDateTime(notice.end),
    fullDayAbsence: notice.allDay,
    isFullDayAbsence: notice.allDay,
    reason: null,
    reasonId: codes.skola24.reasonId(notice.reason),
    reasonGuid: reasonGuid(directory, notice.reason),
    reasonDescription: codes.skola24.reasonDescription(notice.reason),
    comment: notice.comment,
    showComment: notice.comment !== null,
    reporter: directory.nameOf(notice.reporterKey),
    absenceCreatorPersonGuid: directory.personGuid(notice.reporterKey),
    absenceCreatorRole: reporterRole,
    absenceCreationTime: formatLocalDateTime(notice.createdAt),
    // A forwarded copy belongs to the integration that wrote it: nobody edits it in Skola24.
    readOnly: notice.reporterRole === 'system',
    isActive: !record.deleted,
    needsAcknowledge: false,
    hasAbsenceStartAcknowledge: false,
    hasAbsenceEndAcknowledge: false,
    lastChanged: formatDotNetStamp(record.lastChanged),
  };
}

function localOrNull(instant: number | null): string | null {
  return instant === null ? null : formatLocalDateTime(instant);
}

/** A leave application; `approvedDateFrom`/`approvedDateTo` are set only when partly approved (status 4). */
export function renderLeaveApplication(record: SliceRecord<LeaveRow>, directory: Directory): JsonRecord {
  const leave = record.data;
  const status = codes.skola24.leaveStatus(leave.status);
  const partly = leave.status === 'partiallyApproved';
  return {
    leaveApplicationGuid: String(record.id),
    studentPersonGuid: directory.pupilGuid(leave.pupilKey),
    unitGuid: directory.unitGuid(leave.unit),
    dateFrom: dateAsLocalMidnight(leave.fromDate),
    dateTo: dateAsLocalMidnight(leave.toDate),
    approvedDateFrom: partly && leave.approvedFromDate !== null ? dateAsLocalMidnight(leave.approvedFromDate) : null,
    approvedDateTo: partly && leave.approvedToDate !== null ? dateAsLocalMidnight(leave.approvedToDate) : null,
    reasonDescription: leave.reasonText,
    comment: leave.comment,
    applicantPersonGuid: directory.personGuid(leave.applicantKey),
    applicantName: directory.nameOf(leave.applicantKey),
    applicantRole: leave.applicantRole === 'student' ? 'Student' : 'Guardian',
    applicationTime: formatLocalDateTime(leave.appliedAt),
    status: status.status,
    statusDescription: status.description,
    guardianApprovals: leave.approvals.map((approval) => ({
      personGuid: directory.personGuid(approval.guardianKey),
      name: directory.nameOf(approval.guardianKey),
      approved: approval.approved,
      time: localOrNull(approval.at),
    })),
    decidedByName: leave.decidedByKey === null ? null : directory.nameOf(leave.decidedByKey),
    decisionTime: localOrNull(leave.decidedAt),
    decisionComment: leave.decisionComment,
    lastChanged: formatDotNetStamp(record.lastChanged),
    isActive: !record.deleted,
  };
}
