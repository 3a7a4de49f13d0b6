/**
 * Shared value objects of the canonical model (model §1.2) and the scalar formats every entity
 * uses. Objects are strict: an unknown key is a mapping bug to surface, not data to carry along.
 */
import { z } from 'zod';
import {
  AddressTypeSchema,
  EmailTypeSchema,
  PhoneNumberTypeSchema,
  SecurityMarkingSchema,
  SourceSystemSchema,
} from './enums.js';

// ── Scalars ──────────────────────────────────────────────────────────────────────────────────

/** A canonical id: an RFC 9562 UUID, minted once (or kept from an SS 12000 source). */
export const IdSchema = z.uuid();

/** A calendar date, `YYYY-MM-DD` (school-local where the field is a day). */
export const DateSchema = z.iso.date();

/** An instant, RFC 3339 with `Z` or a numeric offset; local times without a zone are rejected. */
export const DateTimeSchema = z.iso.datetime({ offset: true });

export const NonEmptyStringSchema = z.string().min(1);

/** Counted minutes: a whole number, never negative. */
export const MinutesSchema = z.int().nonnegative();

/** sha256 hex, as produced by `contentHash`. */
export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase sha256 hex digest');

// ── Model §1.2 ───────────────────────────────────────────────────────────────────────────────

export const MetaSchema = z.strictObject({
  created: DateTimeSchema,
  modified: DateTimeSchema,
});
export type Meta = z.infer<typeof MetaSchema>;

/** SS 12000 ObjectReference, used when serving; canonical records hold bare `…Id` uuids. */
export const RefSchema = z.strictObject({
  id: IdSchema,
  displayName: z.string().optional(),
});
export type Ref = z.infer<typeof RefSchema>;

/** SS 12000 PersonReference; `securityMarking` is always filled when serving. */
export const PersonRefSchema = z.strictObject({
  id: IdSchema,
  displayName: z.string().optional(),
  securityMarking: SecurityMarkingSchema.optional(),
});
export type PersonRef = z.infer<typeof PersonRefSchema>;

/**
 * One record in one platform instance. Together with the tenant, this is the natural key of
 * every source record (upsert is by it, so a reclassification updates the same row).
 */
export const SourceRefSchema = z.strictObject({
  sourceSystem: SourceSystemSchema,
  /** Distinguishes tenants of one platform: customer id, host name, municipality. */
  sourceInstance: NonEmptyStringSchema,
  /** The platform's own name for the kind of record (`pupil`, `plannedAbsence`, `Attendance`…). */
  sourceEntityType: NonEmptyStringSchema,
  /** The platform's id, with a `#suffix` for derived records (`#valid`, `#leave`…). */
  sourceId: NonEmptyStringSchema,
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

// ── Person contact and identity value objects (SS 12000 shapes) ──────────────────────────────

/**
 * SS 12000 `civicNo.value`: 12 characters, no separator. The two positions after the date part
 * may be letters for a temporary number (`20130101TF01`). Only the shape is checked here;
 * check digits and dates are core/identity's job.
 */
export const CivicNoValueSchema = z
  .string()
  .regex(/^\d{8}[0-9A-Z]{2}\d{2}$/, 'expected 12 characters: YYYYMMDD, two digits or capital letters, two digits');

export const CivicNoSchema = z.strictObject({
  value: CivicNoValueSchema,
  /** ISO 3166-1 alpha-2; SS 12000 defaults it to SE. */
  nationality: z
    .string()
    .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code')
    .default('SE'),
});
export type CivicNo = z.infer<typeof CivicNoSchema>;

export const PersonEmailSchema = z.strictObject({
  value: NonEmptyStringSchema,
  type: EmailTypeSchema,
});
export type PersonEmail = z.infer<typeof PersonEmailSchema>;

export const PersonPhoneNumberSchema = z.strictObject({
  value: NonEmptyStringSchema,
  type: PhoneNumberTypeSchema,
  /** SS 12000 defaults `mobile` to true. */
  mobile: z.boolean().default(true),
});
export type PersonPhoneNumber = z.infer<typeof PersonPhoneNumberSchema>;

/** SS 12000 Person address (county and municipality codes are integers there). */
export const PersonAddressSchema = z.strictObject({
  type: AddressTypeSchema.nullish(),
  streetAddress: z.string(),
  locality: z.string(),
  postalCode: z.string(),
  country: z.string(),
  countyCode: z.int().nullish(),
  municipalityCode: z.int().nullish(),
  realEstateDesignation: z.string().nullish(),
});
export type PersonAddress = z.infer<typeof PersonAddressSchema>;

export const ExternalIdentifierSchema = z.strictObject({
  value: NonEmptyStringSchema,
  /** A URI naming the identifier's namespace, e.g. `http://linkoping.se/AD`. */
  context: NonEmptyStringSchema,
  globallyUnique: z.boolean(),
});
export type ExternalIdentifier = z.infer<typeof ExternalIdentifierSchema>;
