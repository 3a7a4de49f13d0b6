/** Enrolment (model §1.6), Group and GroupMembership (model §1.7). */
import { z } from 'zod';
import { GroupTypeSchema, SchoolTypeSchema } from './enums.js';
import { defineEntity, knownLater, optionalRef, ref } from './two-forms.js';
import { DateSchema, NonEmptyStringSchema } from './value-objects.js';

// ── Enrolment ────────────────────────────────────────────────────────────────────────────────

/**
 * `status` says whether the record exists; `startDate`/`endDate` say whether the enrolment is
 * current (OneRoster's rule). Dates are inclusive; a null `endDate` is open.
 */
const enrolment = defineEntity('Enrolment', {
  person: ref(),
  /** The school unit (an Organisation of type Skolenhet). */
  enroledAt: ref(),
  schoolType: SchoolTypeSchema,
  /** Årskurs. */
  schoolYear: z.int().min(0).max(10).nullish(),
  startDate: DateSchema,
  endDate: DateSchema.nullish(),
  cancelled: z.boolean().nullish(),
  /** Studievägskod (upper secondary). */
  educationCode: NonEmptyStringSchema.nullish(),
  programme: optionalRef(),
  /** Convenience copy of the current `Klass` membership; the membership is authoritative. */
  classGroup: optionalRef(),
});

export const EnrolmentSchema = enrolment.canonical;
export type Enrolment = z.infer<typeof EnrolmentSchema>;

export const SourceEnrolmentSchema = enrolment.source;
export type SourceEnrolment = z.infer<typeof SourceEnrolmentSchema>;

// ── Group ────────────────────────────────────────────────────────────────────────────────────

const group = defineEntity('Group', {
  displayName: NonEmptyStringSchema,
  groupType: GroupTypeSchema,
  schoolType: SchoolTypeSchema.nullish(),
  organisation: optionalRef(),
  /** Platforms that only name a pupil's class cannot date the group on that page. */
  startDate: knownLater(DateSchema),
  endDate: DateSchema.nullish(),
});

export const GroupSchema = group.canonical;
export type Group = z.infer<typeof GroupSchema>;

export const SourceGroupSchema = group.source;
export type SourceGroup = z.infer<typeof SourceGroupSchema>;

// ── GroupMembership ──────────────────────────────────────────────────────────────────────────

const groupMembership = defineEntity('GroupMembership', {
  group: ref(),
  person: ref(),
  startDate: DateSchema.nullish(),
  endDate: DateSchema.nullish(),
});

export const GroupMembershipSchema = groupMembership.canonical;
export type GroupMembership = z.infer<typeof GroupMembershipSchema>;

export const SourceGroupMembershipSchema = groupMembership.source;
export type SourceGroupMembership = z.infer<typeof SourceGroupMembershipSchema>;
