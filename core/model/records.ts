/**
 * The entity types side by side: each type's schemas by name, and the union of source records
 * that connectors and `skolbrygga normalize` emit, told apart by `entityType` (DESIGN §10).
 */
import { z } from 'zod';
import { AbsenceRecordSchema, SourceAbsenceRecordSchema } from './absence.js';
import type { EntityType } from './entity-types.js';
import { LeaveApplicationSchema, SourceLeaveApplicationSchema } from './leave.js';
import { OrganisationSchema, SourceOrganisationSchema } from './organisation.js';
import { GuardianRelationSchema, PersonSchema, SourceGuardianRelationSchema, SourcePersonSchema } from './person.js';
import {
  EnrolmentSchema,
  GroupMembershipSchema,
  GroupSchema,
  SourceEnrolmentSchema,
  SourceGroupMembershipSchema,
  SourceGroupSchema,
} from './roster.js';

/** The canonical form of each entity type, for code that picks a schema by name (the store). */
export const CANONICAL_SCHEMAS = {
  Organisation: OrganisationSchema,
  Person: PersonSchema,
  GuardianRelation: GuardianRelationSchema,
  Enrolment: EnrolmentSchema,
  Group: GroupSchema,
  GroupMembership: GroupMembershipSchema,
  AbsenceRecord: AbsenceRecordSchema,
  LeaveApplication: LeaveApplicationSchema,
} as const satisfies Record<EntityType, z.ZodType>;

/** The source form of each entity type. */
export const SOURCE_SCHEMAS = {
  Organisation: SourceOrganisationSchema,
  Person: SourcePersonSchema,
  GuardianRelation: SourceGuardianRelationSchema,
  Enrolment: SourceEnrolmentSchema,
  Group: SourceGroupSchema,
  GroupMembership: SourceGroupMembershipSchema,
  AbsenceRecord: SourceAbsenceRecordSchema,
  LeaveApplication: SourceLeaveApplicationSchema,
} as const satisfies Record<EntityType, z.ZodType>;

export const SourceRecordSchema = z.discriminatedUnion('entityType', [
  SourceOrganisationSchema,
  SourcePersonSchema,
  SourceGuardianRelationSchema,
  SourceEnrolmentSchema,
  SourceGroupSchema,
  SourceGroupMembershipSchema,
  SourceAbsenceRecordSchema,
  SourceLeaveApplicationSchema,
]);
export type SourceRecord = z.infer<typeof SourceRecordSchema>;

/** A canonical record of one of the entity types. */
export type CanonicalRecord = z.infer<(typeof CANONICAL_SCHEMAS)[EntityType]>;
