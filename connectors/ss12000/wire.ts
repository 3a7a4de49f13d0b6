/**
 * SS 12000 2.1 payloads as the simulator and real publishers send them (platforms/ss12000.md §2–§4).
 * Optional fields accept `null` as well as absence (drift `nullsForAbsent`, SS12-13); unknown
 * fields are tolerated (drift `extraFields`).
 */
import { z } from 'zod';
import {
  GroupTypeSchema,
  OrganisationTypeSchema,
  PersonEmailSchema,
  PersonStatusSchema,
  RelationTypeSchema,
  SchoolTypeSchema,
  SecurityMarkingSchema,
  SexSchema,
} from '../../core/model/index.js';

const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

export const WireRefSchema = z.looseObject({ id: z.uuid(), displayName: optional(z.string()) });
export const WirePersonRefSchema = WireRefSchema.extend({ securityMarking: optional(SecurityMarkingSchema) });

/** `meta.modified` is the incremental cursor: it must be an instant with an offset. */
export const WireMetaSchema = z.looseObject({
  created: optional(z.string()),
  modified: z.iso.datetime({ offset: true }),
});

export const WireOrganisationSchema = z.looseObject({
  id: z.uuid(),
  meta: WireMetaSchema,
  displayName: z.string().min(1),
  organisationType: OrganisationTypeSchema,
  organisationCode: optional(z.string()),
  schoolUnitCode: optional(z.string()),
  schoolTypes: optional(SchoolTypeSchema.array()),
  municipalityCode: optional(z.string()),
  parentOrganisation: optional(WireRefSchema),
  startDate: optional(z.iso.date()),
  endDate: optional(z.iso.date()),
});
export type WireOrganisation = z.infer<typeof WireOrganisationSchema>;

export const WireEnrolmentSchema = z.looseObject({
  enroledAt: WireRefSchema,
  schoolType: SchoolTypeSchema,
  schoolYear: optional(z.int()),
  startDate: z.iso.date(),
  endDate: optional(z.iso.date()),
  cancelled: optional(z.boolean()),
  educationCode: optional(z.string()),
});

export const WireResponsibleSchema = z.looseObject({
  person: WirePersonRefSchema,
  relationType: RelationTypeSchema,
});

export const WirePersonSchema = z.looseObject({
  id: z.uuid(),
  meta: WireMetaSchema,
  givenName: z.string(),
  middleName: optional(z.string()),
  familyName: z.string(),
  civicNo: optional(z.looseObject({ value: z.string(), nationality: optional(z.string()) })),
  birthDate: optional(z.iso.date()),
  sex: optional(SexSchema),
  securityMarking: optional(SecurityMarkingSchema),
  personStatus: optional(PersonStatusSchema),
  emails: optional(PersonEmailSchema.array()),
  /** Types outside the model's `Hem`/`Arbete` occur on the wire (e.g. SS 12000's `Mobil`): read loosely. */
  phoneNumbers: optional(z.looseObject({ value: z.string(), type: optional(z.string()), mobile: optional(z.boolean()) }).array()),
  enrolments: optional(WireEnrolmentSchema.array()),
  responsibles: optional(WireResponsibleSchema.array()),
});
export type WirePerson = z.infer<typeof WirePersonSchema>;

export const WireGroupMembershipSchema = z.looseObject({
  person: WirePersonRefSchema,
  startDate: optional(z.iso.date()),
  endDate: optional(z.iso.date()),
});

export const WireGroupSchema = z.looseObject({
  id: z.uuid(),
  meta: WireMetaSchema,
  displayName: z.string().min(1),
  groupType: GroupTypeSchema,
  schoolType: optional(SchoolTypeSchema),
  organisation: optional(WireRefSchema),
  startDate: z.iso.date(),
  endDate: optional(z.iso.date()),
  groupMemberships: optional(WireGroupMembershipSchema.array()),
});
export type WireGroup = z.infer<typeof WireGroupSchema>;

export const WireAbsenceSchema = z.looseObject({
  id: z.uuid(),
  meta: WireMetaSchema,
  startTime: z.iso.datetime({ offset: true }),
  endTime: z.iso.datetime({ offset: true }),
  /** Kept verbatim: an unknown value maps by the unknown-code rule, never quarantined (SS12-06). */
  type: z.string().min(1),
  student: WirePersonRefSchema,
  organisation: optional(WireRefSchema),
  registeredBy: optional(WirePersonRefSchema),
});
export type WireAbsence = z.infer<typeof WireAbsenceSchema>;

/** `{data, pageToken}`; the items are validated one by one so one bad record does not sink the page. */
export const WireListPageSchema = z.looseObject({
  data: z.array(z.unknown()),
  pageToken: optional(z.string().min(1)),
});
