/** Person (model §1.4) and GuardianRelation (model §1.5). */
import { z } from 'zod';
import {
  CivicNoTypeSchema,
  GuardianPermissionSchema,
  PersonRoleSchema,
  PersonStatusSchema,
  RelationTypeSchema,
  SecurityMarkingSchema,
  SexSchema,
} from './enums.js';
import type { SecurityMarking } from './enums.js';
import { defineEntity, derived, ref } from './two-forms.js';
import {
  CivicNoSchema,
  DateSchema,
  ExternalIdentifierSchema,
  NonEmptyStringSchema,
  PersonAddressSchema,
  PersonEmailSchema,
  PersonPhoneNumberSchema,
} from './value-objects.js';
import type { SourceRef } from './value-objects.js';

// ── Person ───────────────────────────────────────────────────────────────────────────────────

const person = defineEntity('Person', {
  givenName: z.string(),
  middleName: z.string().nullish(),
  familyName: z.string(),
  /** Encrypted at rest by the store; never logged. */
  civicNo: CivicNoSchema.nullish(),
  /** A connector may state it (it follows from the value); core/identity always does. */
  civicNoType: CivicNoTypeSchema.nullish(),
  /** HMAC-SHA256 of the normalised civic number under a tenant key: the matching key. */
  civicNoHash: derived(NonEmptyStringSchema.nullish()),
  birthDate: DateSchema.nullish(),
  sex: SexSchema.nullish(),
  /** null = no source has said; policy may treat that as protected. */
  securityMarking: SecurityMarkingSchema.nullish(),
  protectedIdentity: derived(z.boolean()),
  personStatus: PersonStatusSchema.nullish(),
  emails: PersonEmailSchema.array().nullish(),
  phoneNumbers: PersonPhoneNumberSchema.array().nullish(),
  addresses: PersonAddressSchema.array().nullish(),
  eduPersonPrincipalNames: NonEmptyStringSchema.array().nullish(),
  externalIdentifiers: ExternalIdentifierSchema.array().nullish(),
  roles: derived(PersonRoleSchema.array().nullish()),
});

const PROTECTING_MARKINGS: ReadonlySet<SecurityMarking> = new Set(['Sekretessmarkering', 'Skyddad folkbokföring']);

/** Derived fields must agree with what they are derived from; a protected person never reads as unprotected. */
function checkDerivedPersonFields(
  record: z.infer<typeof person.canonical>,
  ctx: z.RefinementCtx,
): void {
  if (record.civicNo != null) {
    if (record.civicNoHash == null) {
      ctx.addIssue({ code: 'custom', path: ['civicNoHash'], message: 'civicNoHash is required when civicNo is set' });
    }
    if (record.civicNoType == null) {
      ctx.addIssue({ code: 'custom', path: ['civicNoType'], message: 'civicNoType is required when civicNo is set' });
    }
  }
  if (record.securityMarking != null && PROTECTING_MARKINGS.has(record.securityMarking) && !record.protectedIdentity) {
    ctx.addIssue({
      code: 'custom',
      path: ['protectedIdentity'],
      // Generic on purpose: quarantine lines carry this message, and a marking is itself sensitive.
      message: 'protectedIdentity must be true when securityMarking marks the person as protected',
    });
  }
}

export const PersonSchema = person.canonical.superRefine(checkDerivedPersonFields);
export type Person = z.infer<typeof PersonSchema>;

export const SourcePersonSchema = person.source;
export type SourcePerson = z.infer<typeof SourcePersonSchema>;

// ── GuardianRelation ─────────────────────────────────────────────────────────────────────────

const guardianRelation = defineEntity('GuardianRelation', {
  /** The child. */
  student: ref(),
  guardian: ref(),
  relationType: RelationTypeSchema,
  isLegalGuardian: derived(z.boolean()),
  startDate: DateSchema.nullish(),
  endDate: DateSchema.nullish(),
  permissions: GuardianPermissionSchema.array().nullish(),
});

function sameSourceRef(a: SourceRef, b: SourceRef): boolean {
  return (
    a.sourceSystem === b.sourceSystem &&
    a.sourceInstance === b.sourceInstance &&
    a.sourceEntityType === b.sourceEntityType &&
    a.sourceId === b.sourceId
  );
}

const SELF_RELATION = 'a person cannot be their own guardian: guardian must differ from student';

export const GuardianRelationSchema = guardianRelation.canonical.superRefine((record, ctx) => {
  if (record.studentId === record.guardianId) {
    ctx.addIssue({ code: 'custom', path: ['guardianId'], message: SELF_RELATION });
  }
  if (record.isLegalGuardian !== (record.relationType === 'Vårdnadshavare')) {
    ctx.addIssue({
      code: 'custom',
      path: ['isLegalGuardian'],
      message: 'isLegalGuardian must be true exactly when relationType is Vårdnadshavare',
    });
  }
});
export type GuardianRelation = z.infer<typeof GuardianRelationSchema>;

export const SourceGuardianRelationSchema = guardianRelation.source.superRefine((record, ctx) => {
  if (sameSourceRef(record.studentRef, record.guardianRef)) {
    ctx.addIssue({ code: 'custom', path: ['guardianRef'], message: SELF_RELATION });
  }
});
export type SourceGuardianRelation = z.infer<typeof SourceGuardianRelationSchema>;
