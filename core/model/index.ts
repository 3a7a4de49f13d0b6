/**
 * The canonical model of skolbrygga (shared/model/README.md §1) as zod schemas. Every entity has
 * a canonical form (`PersonSchema` / `Person`) and a source form that connectors emit
 * (`SourcePersonSchema` / `SourcePerson`), both derived from one field description.
 */
export * from './enums.js';
export {
  CivicNoSchema,
  CivicNoValueSchema,
  DateSchema,
  DateTimeSchema,
  ExternalIdentifierSchema,
  IdSchema,
  MetaSchema,
  MinutesSchema,
  NonEmptyStringSchema,
  PersonAddressSchema,
  PersonEmailSchema,
  PersonPhoneNumberSchema,
  PersonRefSchema,
  RefSchema,
  Sha256HexSchema,
  SourceRefSchema,
} from './value-objects.js';
export type {
  CivicNo,
  ExternalIdentifier,
  Meta,
  PersonAddress,
  PersonEmail,
  PersonPhoneNumber,
  PersonRef,
  Ref,
  SourceRef,
} from './value-objects.js';

export { OrganisationSchema, SourceOrganisationSchema } from './organisation.js';
export type { Organisation, SourceOrganisation } from './organisation.js';
export {
  GuardianRelationSchema,
  PersonSchema,
  SourceGuardianRelationSchema,
  SourcePersonSchema,
} from './person.js';
export type { GuardianRelation, Person, SourceGuardianRelation, SourcePerson } from './person.js';
export {
  EnrolmentSchema,
  GroupMembershipSchema,
  GroupSchema,
  SourceEnrolmentSchema,
  SourceGroupMembershipSchema,
  SourceGroupSchema,
} from './roster.js';
export type {
  Enrolment,
  Group,
  GroupMembership,
  SourceEnrolment,
  SourceGroup,
  SourceGroupMembership,
} from './roster.js';
export {
  ActivitySchema,
  CalendarEventSchema,
  DutySchema,
  LessonAttendanceSchema,
  SourceActivitySchema,
  SourceCalendarEventSchema,
  SourceDutySchema,
  SourceLessonAttendanceSchema,
} from './lesson.js';
export type {
  Activity,
  CalendarEvent,
  Duty,
  LessonAttendance,
  SourceActivity,
  SourceCalendarEvent,
  SourceDuty,
  SourceLessonAttendance,
} from './lesson.js';
export { AbsenceRecordSchema, LessonSnapshotSchema, SourceAbsenceRecordSchema } from './absence.js';
export type { AbsenceRecord, LessonSnapshot, SourceAbsenceRecord } from './absence.js';
export {
  GuardianConsentSchema,
  LeaveApplicationSchema,
  SourceGuardianConsentSchema,
  SourceLeaveApplicationSchema,
} from './leave.js';
export type { GuardianConsent, LeaveApplication, SourceGuardianConsent, SourceLeaveApplication } from './leave.js';

export { CanonicalTypeSchema, ENTITY_TYPES, EntityTypeSchema } from './entity-types.js';
export type { CanonicalType, EntityType } from './entity-types.js';
export { CANONICAL_SCHEMAS, SOURCE_SCHEMAS, SourceRecordSchema } from './records.js';
export type { CanonicalRecord, SourceRecord } from './records.js';
export { DeletionLogEntrySchema, SourceLinkSchema, SyncCursorSchema } from './provenance.js';
export type { DeletionLogEntry, SourceLink, SyncCursor } from './provenance.js';

export { canonicalContent, contentHash, stableStringify } from './content-hash.js';
export { StreamNameSchema } from './streams.js';
export type { StreamName } from './streams.js';
