/** Organisation (model §1.3): huvudman, school units and everything between, as in SS 12000. */
import type { z } from 'zod';
import { OrganisationTypeSchema, SchoolTypeSchema } from './enums.js';
import { defineEntity, optionalRef } from './two-forms.js';
import { DateSchema, NonEmptyStringSchema } from './value-objects.js';

const organisation = defineEntity('Organisation', {
  displayName: NonEmptyStringSchema,
  organisationType: OrganisationTypeSchema,
  organisationCode: NonEmptyStringSchema.nullish(),
  /** Organisationsnummer of the huvudman or company. */
  organisationNumber: NonEmptyStringSchema.nullish(),
  parentOrganisation: optionalRef(),
  /** Skolverket's skolenhetskod: the primary cross-platform match key for schools. */
  schoolUnitCode: NonEmptyStringSchema.regex(/^\d{8}$/, 'expected an 8-digit skolenhetskod').nullish(),
  schoolTypes: SchoolTypeSchema.array().nullish(),
  municipalityCode: NonEmptyStringSchema.regex(/^\d{4}$/, 'expected a 4-digit municipality code').nullish(),
  email: NonEmptyStringSchema.nullish(),
  phoneNumber: NonEmptyStringSchema.nullish(),
  url: NonEmptyStringSchema.nullish(),
  startDate: DateSchema.nullish(),
  endDate: DateSchema.nullish(),
});

/** A school unit without its skolenhetskod cannot be matched across platforms. */
function requireSchoolUnitCode(
  record: { organisationType: string; schoolUnitCode?: string | null | undefined },
  ctx: z.RefinementCtx,
): void {
  if (record.organisationType === 'Skolenhet' && record.schoolUnitCode == null) {
    ctx.addIssue({
      code: 'custom',
      path: ['schoolUnitCode'],
      message: 'schoolUnitCode is required when organisationType is Skolenhet',
    });
  }
}

export const OrganisationSchema = organisation.canonical.superRefine(requireSchoolUnitCode);
export type Organisation = z.infer<typeof OrganisationSchema>;

export const SourceOrganisationSchema = organisation.source.superRefine(requireSchoolUnitCode);
export type SourceOrganisation = z.infer<typeof SourceOrganisationSchema>;
