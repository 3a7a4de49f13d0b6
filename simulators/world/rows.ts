/**
 * What a simulator receives: **slice records**, one per record its platform holds, each in the
 * state it had at the query's snapshot. Data are platform-neutral (world keys, instants, the
 * world's vocabulary); each simulator formats them into its wire shape, and codes.ts maps the
 * vocabulary onto each platform's codes so that no simulator re-derives world logic.
 */
import type { CivicNoType } from './civic-numbers.js';
import type { PlatformId } from './platform-ids.js';
import type {
  AttendanceBuckets,
  CivicDefect,
  Contact,
  GuardianApproval,
  LeaveReason,
  LeaveStatus,
  LessonOccurrence,
  NoticeChannel,
  NoticeReason,
  RegistrationType,
  RelationKind,
  ReporterRole,
  SecurityMarking,
  Sex,
  Validity,
} from './types.js';
import type { SchoolType, UnitCode } from './units.js';

export const STREAM_NAMES = ['pupils', 'guardians', 'groups', 'notices', 'registrations', 'leaveApplications'] as const;
export type StreamName = (typeof STREAM_NAMES)[number];

export interface EnrolmentView {
  readonly enrolmentKey: string;
  readonly unit: UnitCode;
  readonly schoolType: SchoolType;
  readonly schoolYear: number;
  readonly classKey: string | null;
  readonly className: string | null;
  readonly startDate: string;
  /** Set once the platform knows the pupil leaves (X4). */
  readonly endDate: string | null;
}

export interface RelationView {
  readonly guardianKey: string;
  readonly pupilKey: string;
  readonly kind: RelationKind;
  readonly validFrom: string;
  /** The day before the 18th birthday once it has passed (X6), or the day an injected end took effect. */
  readonly validTo: string | null;
  /** The pupil is 18 or over at the snapshot. */
  readonly pupilIsOfAge: boolean;
  /** SchoolSoft `parentAllowedAccess`: custodians of minors, and of adults who consented (30 %). */
  readonly accessAllowed: boolean;
  /** Ended by an injected `relationEnd`: platforms that drop ended entries drop it. */
  readonly removed: boolean;
}

interface PersonRowBase {
  readonly givenName: string;
  readonly familyName: string;
  readonly sex: Sex;
  readonly birthDate: string;
  /** The number exactly as this platform holds it, no separator: 12 characters, or 10 for X9 `tenDigit`. */
  readonly civicNo: string;
  readonly civicNoType: CivicNoType;
  /** X9: why the number is malformed; null when it is valid. */
  readonly civicDefect: CivicDefect | null;
  readonly securityMarking: SecurityMarking;
  readonly protectedIdentity: boolean;
  /** Null for protected persons: platforms print no contact data for them. */
  readonly contact: Contact | null;
}

export interface PupilRow extends PersonRowBase {
  readonly kind: 'pupil';
  readonly pupilKey: string;
  readonly isOfAge: boolean;
  readonly eighteenthBirthday: string;
  readonly attendsFritids: boolean;
  /** Enrolments at this slice's units (SS 12000: every unit of the customer). */
  readonly enrolments: readonly EnrolmentView[];
  /** The pupil's guardians (SS 12000 `responsibles`). */
  readonly guardians: readonly RelationView[];
  readonly consentsGuardianAccess: boolean;
}

export interface GuardianRow extends PersonRowBase {
  readonly kind: 'guardian';
  readonly guardianKey: string;
  /** Relations to pupils this slice shows. */
  readonly children: readonly RelationView[];
}

export interface GroupMemberView {
  readonly pupilKey: string;
  readonly startDate: string;
  readonly endDate: string | null;
}

export interface GroupRow {
  readonly kind: 'group';
  readonly groupKey: string;
  readonly unit: UnitCode;
  readonly name: string;
  readonly groupType: 'Klass' | 'Undervisning';
  readonly schoolType: SchoolType;
  readonly startDate: string;
  readonly endDate: string;
  readonly members: readonly GroupMemberView[];
}

/** `filed`: the platform where the guardian filed it; `forwarded`/`mirrored`: X1 copies; `leave`: approved leave. */
export type NoticeOrigin = 'filed' | 'forwarded' | 'mirrored' | 'leave';

export interface NoticeRow {
  readonly kind: 'notice';
  readonly noticeKey: string;
  readonly origin: NoticeOrigin;
  readonly pupilKey: string;
  readonly unit: UnitCode;
  readonly firstDate: string;
  readonly lastDate: string;
  /** Whole days: `start` is the first day's midnight and `end` the midnight after the last day. */
  readonly allDay: boolean;
  readonly partOfDay: 'morning' | 'afternoon' | null;
  readonly start: number;
  /** Null while an ongoing absence is open (Skola24 `dateTimeTo: null`). */
  readonly end: number | null;
  /** Lessons of the first day the notice covers, with this platform's lesson ids. */
  readonly lessons: readonly { readonly lessonKey: string; readonly lessonId: PlatformId; readonly start: number; readonly end: number }[];
  readonly reason: NoticeReason;
  readonly comment: string | null;
  readonly channel: NoticeChannel;
  readonly smsText: string | null;
  readonly reporterKey: string;
  /** `system` for a forwarded copy (Skola24 `Integration`). */
  readonly reporterRole: ReporterRole;
  readonly createdAt: number;
  readonly cancelled: boolean;
  readonly leaveKey: string | null;
  /** This platform's id of the leave application behind an `origin: 'leave'` row. */
  readonly leaveId: PlatformId | null;
  /** A filed notice that has a forwarded copy in Skola24 (X1; Skolplattformen `ForwardedToSkola24`). Absent = false. */
  readonly forwarded?: boolean;
}

export interface RegistrationRow {
  readonly kind: 'registration';
  readonly registrationKey: string;
  readonly pupilKey: string;
  readonly unit: UnitCode;
  readonly date: string;
  /** Null for a day row (InfoMentor's System rows for approved leave). */
  readonly lesson: LessonOccurrence | null;
  readonly lessonId: PlatformId | null;
  /** Whole-day row: InfoMentor `halfDaysCount: 2`. */
  readonly dayLevel: boolean;
  /** `present` after the registration was withdrawn (X11 deletion). */
  readonly type: RegistrationType;
  readonly validity: Validity;
  readonly minutes: number;
  readonly comment: string | null;
  /** The justifying notice's id in this platform (Skola24 `PlannedAbsenceId`, InfoMentor `noticeId`). */
  readonly noticeId: PlatformId | null;
  readonly hasNotice: boolean;
  readonly leaveKey: string | null;
  readonly leaveId: PlatformId | null;
  /** First report of the lesson (SS 12000 `reportedTimestamp`). */
  readonly reportedAt: number;
  readonly reporterKey: string;
  readonly reporterRole: 'staff' | 'system';
  /** SS 12000 Attendance minute buckets. */
  readonly buckets: AttendanceBuckets & { readonly attendance: number };
}

export interface LeaveRow {
  readonly kind: 'leave';
  readonly leaveKey: string;
  readonly pupilKey: string;
  readonly unit: UnitCode;
  readonly fromDate: string;
  readonly toDate: string;
  readonly reason: LeaveReason;
  readonly reasonText: string;
  readonly comment: string | null;
  readonly applicantKey: string;
  readonly applicantRole: 'guardian' | 'student';
  readonly appliedAt: number;
  readonly status: LeaveStatus;
  readonly approvals: readonly GuardianApproval[];
  readonly approvedFromDate: string | null;
  readonly approvedToDate: string | null;
  readonly decidedAt: number | null;
  readonly decidedByKey: string | null;
  readonly decisionComment: string | null;
}

export type RowData = PupilRow | GuardianRow | GroupRow | NoticeRow | RegistrationRow | LeaveRow;

export interface RowVersion<D extends RowData = RowData> {
  readonly at: number;
  readonly deleted: boolean;
  /** Units the record belongs to in this version (a per-unit list shows it under each). */
  readonly units: readonly UnitCode[];
  readonly data: D;
}

/** A version whose data is built on first read: indexes need only `at`, `deleted` and `units`. */
export function lazyVersion<D extends RowData>(at: number, deleted: boolean, units: readonly UnitCode[], build: () => D): RowVersion<D> {
  let data: D | undefined;
  return {
    at,
    deleted,
    units,
    get data(): D {
      data ??= build();
      return data;
    },
  };
}

/** A record's whole history in one slice. */
export interface RowTimeline<D extends RowData = RowData> {
  readonly stream: StreamName;
  readonly key: string;
  readonly id: PlatformId;
  readonly pupilKey: string | null;
  readonly createdAt: number;
  /** The date `fromDate`/`toDate` filters look at (notice's first day, lesson date, leave start). */
  readonly filterDay: number | null;
  readonly versions: readonly RowVersion<D>[];
}

/** A record as of a snapshot: its latest version at or before it. */
export interface SliceRecord<D extends RowData = RowData> {
  readonly stream: StreamName;
  readonly key: string;
  readonly id: PlatformId;
  readonly pupilKey: string | null;
  readonly createdAt: number;
  readonly lastChanged: number;
  readonly deleted: boolean;
  readonly units: readonly UnitCode[];
  readonly filterDay: number | null;
  readonly data: D;
}

/** Order of every paged result: (lastChanged, id), numbers numerically. */
export function compareRecords(left: { lastChanged: number; id: PlatformId; key: string }, right: { lastChanged: number; id: PlatformId; key: string }): number {
  if (left.lastChanged !== right.lastChanged) return left.lastChanged - right.lastChanged;
  if (typeof left.id === 'number' && typeof right.id === 'number') {
    if (left.id !== right.id) return left.id - right.id;
  } else {
    const leftId = String(left.id);
    const rightId = String(right.id);
    if (leftId !== rightId) return leftId < rightId ? -1 : 1;
  }
  return left.key < right.key ? -1 : left.key > right.key ? 1 : 0;
}
