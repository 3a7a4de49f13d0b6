/** The names of record types: what a source record says it is, and what a SourceLink points at. */
import { z } from 'zod';
import { EndPointSchema } from './enums.js';

/**
 * The entity types a connector (and `skolbrygga normalize`) emits as source records, in the
 * order of the streams that feed them (DESIGN §3, §10).
 */
export const ENTITY_TYPES = [
  'Organisation',
  'Person',
  'GuardianRelation',
  'Enrolment',
  'Group',
  'GroupMembership',
  'AbsenceRecord',
  'LeaveApplication',
] as const;

export const EntityTypeSchema = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof EntityTypeSchema>;

/**
 * SourceLink.canonicalType and DeletionLogEntry.entityType (model §1.11): the SS 12000
 * EndPointsEnum names, plus our first-class entities that SS 12000 only has inline or not at
 * all. LessonAttendance rows are SS 12000 `Attendance`.
 */
export const CanonicalTypeSchema = z.enum([
  ...EndPointSchema.options,
  'GuardianRelation',
  'Enrolment',
  'GroupMembership',
  'AbsenceRecord',
  'LeaveApplication',
]);
export type CanonicalType = z.infer<typeof CanonicalTypeSchema>;
