/**
 * Every enumeration of the canonical model (model §1). SS 12000 2.1.0 values are kept verbatim
 * (Swedish, with their spaces and diacritics) so they can be served without translation; our
 * extensions are camelCase English.
 */
import { z } from 'zod';

// ── Provenance ───────────────────────────────────────────────────────────────────────────────

export const SourceSystemSchema = z.enum([
  'infomentor',
  'skola24',
  'schoolsoft',
  'skolplattformen',
  'ss12000',
  'oneroster',
  'edfi',
  'manual',
]);
export type SourceSystem = z.infer<typeof SourceSystemSchema>;

/** `deleted` is a tombstone (OneRoster `tobedeleted`); the row stays until retention purge. */
export const RecordStatusSchema = z.enum(['active', 'deleted']);
export type RecordStatus = z.infer<typeof RecordStatusSchema>;

/** SourceLink.presence: `missing` = absent from a full snapshot but not yet confirmed deleted. */
export const PresenceSchema = z.enum(['present', 'missing', 'deleted']);
export type Presence = z.infer<typeof PresenceSchema>;

export const DeletionReasonSchema = z.enum(['sourceDeleted', 'sourceMissing', 'merged', 'retentionPurge', 'manual']);
export type DeletionReason = z.infer<typeof DeletionReasonSchema>;

export const SyncModeSchema = z.enum(['full', 'incremental']);
export type SyncMode = z.infer<typeof SyncModeSchema>;

// ── SS 12000 2.1.0 ───────────────────────────────────────────────────────────────────────────

/** SS 12000 SchoolTypesEnum 2.1.0 (2.0's `KOMVUX` arrives as `VUX`: map it in the connector). */
export const SchoolTypeSchema = z.enum([
  'FS',
  'FKLASS',
  'FTH',
  'OPPFTH',
  'GR',
  'GRS',
  'TR',
  'SP',
  'SAM',
  'GY',
  'GYS',
  'VUX',
  'VUXSFI',
  'VUXGR',
  'VUXGY',
  'VUXSARGR',
  'VUXSARTR',
  'VUXSARGY',
  'SFI',
  'SARVUX',
  'SARVUXGR',
  'SARVUXGY',
  'KU',
  'YH',
  'FHS',
  'STF',
  'KKU',
  'HS',
  'ABU',
  'AU',
]);
export type SchoolType = z.infer<typeof SchoolTypeSchema>;

/** SS 12000 OrganisationTypeEnum 2.1.0 (2.0's `Stadsdel` arrives as `Förvaltning`). */
export const OrganisationTypeSchema = z.enum([
  'Huvudman',
  'Verksamhetsområde',
  'Förvaltning',
  'Rektorsområde',
  'Skola',
  'Skolenhet',
  'Varumärke',
  'Bolag',
  'Övrigt',
]);
export type OrganisationType = z.infer<typeof OrganisationTypeSchema>;

export const SecurityMarkingSchema = z.enum(['Ingen', 'Sekretessmarkering', 'Skyddad folkbokföring']);
export type SecurityMarking = z.infer<typeof SecurityMarkingSchema>;

export const SexSchema = z.enum(['Man', 'Kvinna', 'Okänt']);
export type Sex = z.infer<typeof SexSchema>;

export const PersonStatusSchema = z.enum(['Aktiv', 'Utvandrad', 'Avliden']);
export type PersonStatus = z.infer<typeof PersonStatusSchema>;

export const EmailTypeSchema = z.enum(['Privat', 'Skola elev', 'Skola personal', 'Arbete övrigt']);
export type EmailType = z.infer<typeof EmailTypeSchema>;

export const PhoneNumberTypeSchema = z.enum(['Hem', 'Arbete']);
export type PhoneNumberType = z.infer<typeof PhoneNumberTypeSchema>;

export const AddressTypeSchema = z.enum(['Folkbokföring', 'Särskild postadress', 'Tillfällig adress', 'Postadress']);
export type AddressType = z.infer<typeof AddressTypeSchema>;

/** SS 12000 RelationTypesEnum 2.1.0. */
export const RelationTypeSchema = z.enum(['Vårdnadshavare', 'Annan ansvarig', 'God man', 'Utsedd behörig']);
export type RelationType = z.infer<typeof RelationTypeSchema>;

/** SS 12000 GroupTypesEnum: classes are `Klass`, teaching groups `Undervisning`. */
export const GroupTypeSchema = z.enum([
  'Undervisning',
  'Klass',
  'Mentor',
  'Provgrupp',
  'Schema',
  'Avdelning',
  'Personalgrupp',
  'Övrigt',
]);
export type GroupType = z.infer<typeof GroupTypeSchema>;

export const DutyRoleSchema = z.enum([
  'Rektor',
  'Lärare',
  'Förskollärare',
  'Barnskötare',
  'Bibliotekarie',
  'Lärarassistent',
  'Fritidspedagog',
  'Annan personal',
  'Studie- och yrkesvägledare',
  'Förstelärare',
  'Kurator',
  'Skolsköterska',
  'Skolläkare',
  'Skolpsykolog',
  'Speciallärare/specialpedagog',
  'Skoladministratör',
  'Övrig arbetsledning',
  'Övrig pedagogisk personal',
  'Förskolechef',
]);
export type DutyRole = z.infer<typeof DutyRoleSchema>;

/** SS 12000 EndPointsEnum 2.1.0: the resource names used by subscriptions and `/deletedEntities`. */
export const EndPointSchema = z.enum([
  'Absence',
  'AttendanceEvent',
  'Attendance',
  'Grade',
  'CalendarEvent',
  'AttendanceSchedule',
  'Resource',
  'Room',
  'Activity',
  'Duty',
  'Placement',
  'StudyPlan',
  'Programme',
  'Syllabus',
  'SchoolUnitOffering',
  'Group',
  'Person',
  'Organisation',
]);
export type EndPoint = z.infer<typeof EndPointSchema>;

// ── Person extensions ────────────────────────────────────────────────────────────────────────

/** Derived from the civic number by core/identity: day ≥ 61 → samordningsnummer, letters → tillfalligt. */
export const CivicNoTypeSchema = z.enum(['personnummer', 'samordningsnummer', 'tillfalligt', 'utlandskt', 'okand']);
export type CivicNoType = z.infer<typeof CivicNoTypeSchema>;

/** Not an SS 12000 field: computed from Enrolment, GuardianRelation and Duty. */
export const PersonRoleSchema = z.enum(['student', 'guardian', 'staff']);
export type PersonRole = z.infer<typeof PersonRoleSchema>;

/** Platform-granted rights of a guardian over one pupil, where the platform tells. */
export const GuardianPermissionSchema = z.enum(['reportAbsence', 'applyForLeave', 'receiveNotices']);
export type GuardianPermission = z.infer<typeof GuardianPermissionSchema>;

// ── Absence ──────────────────────────────────────────────────────────────────────────────────

/** `notice` = reported over a period by guardian/pupil or granted leave; `registration` = staff outcome. */
export const RecordKindSchema = z.enum(['notice', 'registration']);
export type RecordKind = z.infer<typeof RecordKindSchema>;

export const AbsenceCategorySchema = z.enum([
  'reported',
  'leave',
  'valid',
  'invalid',
  'lateArrival',
  'earlyDeparture',
  'otherSchoolActivity',
  'unspecified',
]);
export type AbsenceCategory = z.infer<typeof AbsenceCategorySchema>;

/** Orthogonal to the category; the invariants between the two live in absence.ts. */
export const ValiditySchema = z.enum(['valid', 'invalid', 'undetermined']);
export type Validity = z.infer<typeof ValiditySchema>;

/** Coarse and non-sensitive on purpose: the free text stays in `reasonText`. */
export const ReasonCategorySchema = z.enum([
  'illness',
  'medicalAppointment',
  'leave',
  'schoolActivity',
  'other',
  'unknown',
]);
export type ReasonCategory = z.infer<typeof ReasonCategorySchema>;

export const ReportedByRoleSchema = z.enum(['guardian', 'student', 'staff', 'system', 'unknown']);
export type ReportedByRole = z.infer<typeof ReportedByRoleSchema>;

// ── Leave applications ───────────────────────────────────────────────────────────────────────

export const LeaveReasonCategorySchema = z.enum([
  'vacation',
  'family',
  'religious',
  'sportOrCulture',
  'medical',
  'other',
  'unknown',
]);
export type LeaveReasonCategory = z.infer<typeof LeaveReasonCategorySchema>;

export const RequestedByRoleSchema = z.enum(['guardian', 'student', 'staff', 'unknown']);
export type RequestedByRole = z.infer<typeof RequestedByRoleSchema>;

/** Modelled on SS 12000 AttendanceSchedule states (`Begärt`, `Godkänt`, `Nekat`) plus withdrawal. */
export const DecisionStatusSchema = z.enum([
  'submitted',
  'awaitingGuardianConsent',
  'underReview',
  'approved',
  'partiallyApproved',
  'rejected',
  'withdrawn',
  'cancelled',
]);
export type DecisionStatus = z.infer<typeof DecisionStatusSchema>;

export const ConsentDecisionSchema = z.enum(['approved', 'rejected', 'pending']);
export type ConsentDecision = z.infer<typeof ConsentDecisionSchema>;
