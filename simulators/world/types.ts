/**
 * The world's entities, platform-neutral. Instants are epoch ms; days are day numbers (see
 * stockholm-time.ts); `YYYY-MM-DD` strings only where a platform prints a date.
 */
import type { CivicNoType } from './civic-numbers.js';
import type { MunicipalityKey, SchoolType, UnitCode } from './units.js';

export const SCENARIO_KEYS = ['X1', 'X2', 'X3', 'X4', 'X5', 'X6', 'X7', 'X8', 'X9', 'X10', 'X11', 'X12'] as const;
export type ScenarioKey = (typeof SCENARIO_KEYS)[number];

export type SecurityMarking = 'Ingen' | 'Skyddad folkbokföring' | 'Sekretessmarkering';
/** X9: how a platform's civic number is wrong. */
export type CivicDefect = 'badCheckDigit' | 'impossibleDate' | 'tenDigit';
export type Sex = 'Man' | 'Kvinna';

export interface CivicIdentity {
  /** 12 characters, no separator, as held at the start of the year (a temporary number has letters). */
  readonly initial: string;
  readonly initialType: CivicNoType;
  /** X8: the personnummer that replaces a samordningsnummer, and when. */
  readonly change: { readonly value: string; readonly at: number } | null;
  /** X9: the number every platform shows is wrong in this way. */
  readonly defect: CivicDefect | null;
}

export interface Contact {
  readonly email: string;
  readonly mobile: string;
  readonly address: string;
}

export interface Enrolment {
  readonly key: string;
  readonly pupilKey: string;
  readonly unit: UnitCode;
  readonly schoolType: SchoolType;
  /** Årskurs: 0 förskoleklass, 1–9 grundskola, 1–3 gymnasium. */
  readonly schoolYear: number;
  /** 0–12, the world's single scale (10–12 = gymnasium 1–3). */
  readonly yearGroup: number;
  readonly classKey: string | null;
  readonly className: string | null;
  /** Index of the class within its year group (63 for U3's course group). */
  readonly classIndex: number;
  readonly startDate: string;
  /** Final end date; platforms learn it at `endKnownAt`. */
  readonly endDate: string | null;
  /** When the enrolment appears on the platforms. */
  readonly createdAt: number;
  readonly endKnownAt: number | null;
}

/** Vårdnadshavare, god man, familjehem, kontaktperson. */
export type RelationKind = 'custodian' | 'trustee' | 'fosterParent' | 'contact';

export interface Relation {
  readonly key: string;
  readonly guardianKey: string;
  readonly pupilKey: string;
  readonly kind: RelationKind;
  readonly validFrom: string;
  /** The day before the 18th birthday, once the platforms know it (`endKnownAt`). */
  readonly validTo: string | null;
  readonly endKnownAt: number | null;
}

export interface PupilSkeleton {
  readonly key: string;
  readonly municipality: MunicipalityKey;
  readonly unit: UnitCode;
  readonly index: number;
  /** Index among special pupils of the unit, or null for a regular pupil. */
  readonly specialIndex: number | null;
  readonly yearGroup: number;
  readonly classIndex: number;
  readonly cohortYear: number;
  /** Unique within the cohort year across both municipalities (civic numbers derive from it). */
  readonly cohortSlot: number;
  /** Unique among pupils: used for ordered ids. */
  readonly position: number;
}

export interface Pupil extends PupilSkeleton {
  readonly givenName: string;
  readonly familyName: string;
  readonly sex: Sex;
  readonly birthDate: string;
  readonly civic: CivicIdentity;
  readonly securityMarking: SecurityMarking;
  /** Null for protected persons. */
  readonly contact: Contact | null;
  readonly attendsFritids: boolean;
  readonly enrolments: readonly Enrolment[];
  readonly familyKey: string;
  readonly relations: readonly Relation[];
  /** Day number of the 18th birthday. */
  readonly eighteenthBirthday: number;
  readonly adultAtStart: boolean;
  /** SchoolSoft: keeps guardians' access after 18. */
  readonly consentsGuardianAccess: boolean;
  /** Known only to the municipal register (SS 12000), never to the school platforms. */
  readonly registerOnly: boolean;
  /** When the pupil's first platform record was created. */
  readonly createdAt: number;
  /** The summer's roster update that touches every existing record. */
  readonly rolloverAt: number;
  readonly scenarios: readonly ScenarioKey[];
}

export interface Guardian {
  readonly key: string;
  readonly familyKey: string;
  readonly ordinal: number;
  readonly givenName: string;
  readonly familyName: string;
  readonly sex: Sex;
  readonly birthDate: string;
  readonly civic: CivicIdentity;
  readonly securityMarking: SecurityMarking;
  readonly contact: Contact | null;
  /** Position for ordered ids. */
  readonly position: number;
  readonly municipalities: readonly MunicipalityKey[];
  readonly scenarios: readonly ScenarioKey[];
}

export interface Family {
  readonly key: string;
  /** Children in (unit ordinal, index) order; the first is the anchor. */
  readonly pupilKeys: readonly string[];
  readonly guardianCount: number;
  readonly familyName: string;
  readonly securityMarking: SecurityMarking;
  readonly newlyArrived: boolean;
}

export interface Staff {
  readonly key: string;
  readonly unit: UnitCode;
  readonly givenName: string;
  readonly familyName: string;
  /** Teacher signature as timetables print it (`LHO`). */
  readonly signature: string;
}

export interface LessonOccurrence {
  readonly key: string;
  /** The recurring schedule slot (group, weekday, slot). */
  readonly recurringKey: string;
  readonly groupKey: string;
  readonly groupName: string;
  /** Structural number of the group (platform-ids.ts `groupPosition`). */
  readonly groupPosition: number;
  readonly unit: UnitCode;
  readonly day: number;
  readonly slot: number;
  readonly weekday: number;
  readonly start: number;
  readonly end: number;
  readonly minutes: number;
  readonly subjectCode: string;
  readonly subjectName: string;
  readonly teacherKey: string;
  readonly teacherSignature: string;
  /** When the teacher reported the lesson; null = never reported (2 %). */
  readonly reportedAt: number | null;
}

export type NoticeReason = 'illness' | 'medical' | 'other';
export type NoticeChannel = 'SMS' | 'App' | 'Webb' | 'Telefon';
export type ReporterRole = 'guardian' | 'student' | 'staff' | 'system';

export interface NoticeState {
  /** Null while an ongoing absence is open. */
  readonly end: number | null;
  readonly cancelled: boolean;
}

export interface Versioned<S> {
  readonly at: number;
  readonly state: S;
}

/** A guardian's or pupil's absence notice, as filed (before any platform copies it). */
export interface WorldNotice {
  readonly key: string;
  readonly pupilKey: string;
  readonly unit: UnitCode;
  readonly firstDay: number;
  readonly lastDay: number;
  readonly allDay: boolean;
  readonly partOfDay: 'morning' | 'afternoon' | null;
  readonly start: number;
  /** Lessons of the first day the notice covers (SchoolSoft `lessonIds`). */
  readonly lessons: readonly LessonOccurrence[];
  readonly reason: NoticeReason;
  readonly comment: string | null;
  readonly channel: NoticeChannel;
  /** SMS body as sent (`130512-9825 0800-1200`), only for SMS notices. */
  readonly smsText: string | null;
  readonly reporterKey: string;
  readonly reporterRole: ReporterRole;
  readonly createdAt: number;
  /** Platform copies: Skolplattformen → Skola24 (X1), InfoMentor → SS 12000. */
  readonly forwardDelayMs: number | null;
  readonly mirrorDelayMs: number | null;
  readonly versions: readonly Versioned<NoticeState>[];
}

export type RegistrationType = 'absent' | 'late' | 'leftEarly' | 'otherActivity' | 'leave' | 'present';
export type Validity = 'valid' | 'invalid' | 'undetermined';

/** The notice that justifies a registration (platforms link it by their own id). */
export interface NoticeLink {
  readonly key: string;
  readonly createdAt: number;
  readonly day: number;
  readonly ordinal: number;
  /** Skolplattformen forwarded it to Skola24 (X1); Skola24's registrations link the copy. */
  readonly forwarded: boolean;
}

export interface LeaveLink {
  readonly key: string;
  readonly appliedAt: number;
  readonly monthIndex: number;
}

export interface RegistrationState {
  readonly type: RegistrationType;
  readonly validity: Validity;
  /** Minutes absent (late: minutes late). */
  readonly minutes: number;
  readonly notice: NoticeLink | null;
  readonly leave: LeaveLink | null;
  readonly comment: string | null;
  /** SS 12000 attendance injected with explicit buckets. */
  readonly buckets: AttendanceBuckets | null;
}

export interface AttendanceBuckets {
  readonly valid: number;
  readonly invalid: number;
  readonly other: number;
}

/** A teacher's registration of one pupil in one lesson; `present` after a deletion. */
export interface WorldRegistration {
  readonly key: string;
  readonly pupilKey: string;
  readonly unit: UnitCode;
  readonly lesson: LessonOccurrence;
  readonly reporterKey: string;
  readonly versions: readonly Versioned<RegistrationState>[];
}

export type LeaveStatus =
  | 'submitted'
  | 'awaitingGuardian'
  | 'underReview'
  | 'approved'
  | 'partiallyApproved'
  | 'rejected'
  | 'rejectedByGuardian'
  | 'withdrawn';

export type LeaveReason = 'vacation' | 'family' | 'other';

export interface GuardianApproval {
  readonly guardianKey: string;
  readonly approved: boolean | null;
  readonly at: number | null;
}

export interface LeaveState {
  readonly status: LeaveStatus;
  readonly approvals: readonly GuardianApproval[];
  readonly approvedFromDay: number | null;
  readonly approvedToDay: number | null;
  readonly decidedAt: number | null;
  readonly decidedByKey: string | null;
  readonly decisionComment: string | null;
}

export interface LeaveApplication {
  readonly key: string;
  readonly pupilKey: string;
  readonly unit: UnitCode;
  /** 0 = August 2025 … 9 = May 2026 (one application per pupil and month at most). */
  readonly monthIndex: number;
  readonly fromDay: number;
  readonly toDay: number;
  readonly reason: LeaveReason;
  readonly reasonText: string;
  readonly comment: string | null;
  readonly applicantKey: string;
  readonly applicantRole: 'guardian' | 'student';
  readonly appliedAt: number;
  readonly versions: readonly Versioned<LeaveState>[];
}

export interface DayOutcome {
  readonly notices: readonly WorldNotice[];
  readonly registrations: readonly WorldRegistration[];
}
