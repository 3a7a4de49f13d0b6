/**
 * Absence records in SchoolSoft's shape (schoolsoft.md §4): lesson statuses (one row per pupil and
 * lesson occurrence), absence reports (frånvaroanmälan) and leave applications.
 */
import { SCHOOL_YEAR_NAME, codes } from '../world/index.js';
import type { LeaveRow, NoticeRow, RegistrationRow, SliceRecord } from '../world/index.js';
import { inclusiveDays, localClock, localMidnightMs, localTimestamp, subjectShortName, weekAndDayId } from './formats.js';
import { personRef, signedName } from './people.js';
import type { RenderScope } from './render-roster.js';
import type { LessonStatusOverride } from './state.js';
import type { AbsenceReport, LeaveApplication, LessonStatus } from './wire.js';

export interface LessonCodes {
  readonly lessonStatus: number;
  readonly lessonStatusStudent: number;
  readonly nrOfMinutesAbsent: number;
}

/**
 * The codes a lesson row shows: an injected override once its version is reached (the override
 * and the world's change share one stamp), otherwise the world's codes for SchoolSoft.
 */
export function lessonCodes(record: SliceRecord<RegistrationRow>, overrides: readonly LessonStatusOverride[] | undefined): LessonCodes {
  let override: LessonStatusOverride | undefined;
  for (const candidate of overrides ?? []) if (candidate.at <= record.lastChanged) override = candidate;
  if (override) return override;
  const world = codes.schoolsoft.lessonStatus(record.data);
  return { lessonStatus: world.lessonStatus, lessonStatusStudent: world.lessonStatusStudent, nrOfMinutesAbsent: world.minutes };
}

/**
 * Whether the status table (schoolsoft.md §6) makes a registration of these codes, rather than
 * none (plain attendance, a cancelled lesson, a pre-report before the teacher reported).
 */
export function makesRegistration(codesOfRow: LessonCodes): boolean {
  const { lessonStatus, lessonStatusStudent, nrOfMinutesAbsent } = codesOfRow;
  if (lessonStatus === 3) return false;
  if (lessonStatusStudent === 0) return false;
  if (lessonStatusStudent === 1) return nrOfMinutesAbsent > 0;
  if (lessonStatus === 1 && lessonStatusStudent === 4) return false;
  return true;
}

export function renderLessonStatus(scope: RenderScope, record: SliceRecord<RegistrationRow>, overrides: readonly LessonStatusOverride[] | undefined): LessonStatus {
  const row = record.data;
  const lesson = row.lesson;
  if (!lesson) throw new Error('a SchoolSoft lesson status needs its lesson');
  const status = lessonCodes(record, overrides);
  return {
    id: Number(record.id),
    studentId: Number(scope.world.ids.pupil(scope.slice, row.pupilKey)),
    schoolYear: SCHOOL_YEAR_NAME,
    ...weekAndDayId(row.date),
    lessonId: Number(row.lessonId),
    subject: subjectShortName(lesson.subjectCode),
    subjectName: lesson.subjectName,
    teachingGroup: `${lesson.subjectCode}_${lesson.groupName}`,
    startTime: localClock(lesson.start),
    endTime: localClock(lesson.end),
    length: lesson.minutes,
    lessonStatus: status.lessonStatus,
    lessonStatusStudent: status.lessonStatusStudent,
    hasAbsenceReportForLesson: row.hasNotice,
    comment: row.comment ?? '',
    nrOfMinutesAbsent: status.nrOfMinutesAbsent,
    reportedBy: lesson.teacherSignature,
    changed: localTimestamp(record.lastChanged),
    deleted: record.deleted,
  };
}

export function renderAbsenceReport(scope: RenderScope, record: SliceRecord<NoticeRow>): AbsenceReport {
  const row = record.data;
  const reporter = personRef(scope.world, scope.slice, row.reporterKey);
  return {
    reportId: Number(record.id),
    studentId: Number(scope.world.ids.pupil(scope.slice, row.pupilKey)),
    schoolYear: SCHOOL_YEAR_NAME,
    ...weekAndDayId(row.firstDate),
    fullDay: row.allDay,
    lessonIds: row.allDay ? [] : row.lessons.map((lesson) => Number(lesson.lessonId)),
    startTime: row.allDay ? null : localClock(row.start),
    endTime: row.allDay || row.end === null ? null : localClock(row.end),
    reportedByUserId: reporter.userId,
    reportedByUserType: reporter.userType,
    reportedBy: signedName(reporter),
    comment: row.comment ?? '',
    creDate: localTimestamp(row.createdAt),
    changed: localTimestamp(record.lastChanged),
    deleted: record.deleted,
  };
}

export function renderLeaveApplication(scope: RenderScope, record: SliceRecord<LeaveRow>): LeaveApplication {
  const row = record.data;
  const applicant = personRef(scope.world, scope.slice, row.applicantKey);
  const reason = codes.schoolsoft.leaveReason(row);
  const decider = row.decidedByKey === null ? null : personRef(scope.world, scope.slice, row.decidedByKey);
  return {
    id: Number(record.id),
    studentId: Number(scope.world.ids.pupil(scope.slice, row.pupilKey)),
    fromDate: localMidnightMs(row.fromDate),
    toDate: localMidnightMs(row.toDate),
    days: inclusiveDays(row.fromDate, row.toDate),
    reason: reason.codeValueId,
    reasonName: reason.name,
    // The applicant's own words; without them, the reason as they chose it.
    description: row.comment ?? row.reasonText,
    leisureSchool: scope.world.pupil(row.pupilKey).attendsFritids,
    status: codes.schoolsoft.leaveStatus(row),
    createdBy: applicant.userId,
    createdByName: signedName(applicant),
    creDate: localTimestamp(row.appliedAt),
    confirmations: row.approvals.map((approval) => {
      const parent = personRef(scope.world, scope.slice, approval.guardianKey);
      return { parentId: parent.userId, parentName: parent.fullName, confirmed: approval.approved, changed: approval.at === null ? null : localTimestamp(approval.at) };
    }),
    decidedBy: decider?.userId ?? null,
    decidedByName: decider?.fullName ?? null,
    decisionComment: row.decisionComment,
    changed: localTimestamp(record.lastChanged),
    deleted: record.deleted,
  };
}
