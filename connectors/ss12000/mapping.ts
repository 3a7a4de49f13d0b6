/**
 * SS 12000 payloads → source records (platforms/ss12000.md §7). Persons are referenced by their
 * platform id; the source instance is the customer id. Raw codes stay in `sourceCategoryCode`.
 */
import { parseCivicNo } from '../../core/identity/index.js';
import { PhoneNumberTypeSchema } from '../../core/model/index.js';
import type { PersonPhoneNumber, SourceRecord, SourceRef } from '../../core/model/index.js';
import { atField, MappingFieldError, parseRfc3339, stockholmDateOf } from '../sdk/index.js';
import type { WireAbsence, WireGroup, WireOrganisation, WirePerson } from './wire.js';

export const PLATFORM = 'ss12000' as const;

export interface MappingContext {
  readonly customerId: string;
  /** `YYYY-MM-DD` the civic numbers are judged against (the server's date of the run). */
  readonly referenceDate: string;
}

export function sourceRef(context: MappingContext, sourceEntityType: string, sourceId: string): SourceRef {
  return { sourceSystem: PLATFORM, sourceInstance: context.customerId, sourceEntityType, sourceId };
}

const personRef = (context: MappingContext, id: string): SourceRef => sourceRef(context, 'Person', id);
const organisationRef = (context: MappingContext, id: string): SourceRef => sourceRef(context, 'Organisation', id);

export function mapOrganisation(context: MappingContext, raw: WireOrganisation): SourceRecord {
  return {
    entityType: 'Organisation',
    source: organisationRef(context, raw.id),
    status: 'active',
    displayName: raw.displayName,
    organisationType: raw.organisationType,
    organisationCode: raw.organisationCode ?? null,
    schoolUnitCode: raw.schoolUnitCode ?? null,
    schoolTypes: raw.schoolTypes ?? null,
    municipalityCode: raw.municipalityCode ?? null,
    parentOrganisationRef: raw.parentOrganisation ? organisationRef(context, raw.parentOrganisation.id) : null,
    startDate: raw.startDate ?? null,
    endDate: raw.endDate ?? null,
  };
}

/** Reads `civicNo.value` through core/identity; an invalid one blames the field, never echoes it. */
function civicNoOf(context: MappingContext, raw: WirePerson) {
  if (!raw.civicNo) return null;
  const value = raw.civicNo.value;
  return atField('civicNo.value', () => {
    const parsed = parseCivicNo(value, { referenceDate: context.referenceDate, allowTemporary: true, require12Digits: true });
    if (!parsed.ok) throw new MappingFieldError('civicNo.value', `invalid civic number (${parsed.reason})`);
    return { civicNo: { value: parsed.value.normalized, nationality: raw.civicNo?.nationality ?? 'SE' }, civicNoType: parsed.value.kind };
  });
}

/**
 * The canonical model types phone numbers `Hem`/`Arbete` only; a number of another type is dropped
 * rather than sinking the whole person into quarantine (contact data is optional, identity is not).
 */
function phoneNumbersOf(phones: NonNullable<WirePerson['phoneNumbers']>): PersonPhoneNumber[] {
  const kept: PersonPhoneNumber[] = [];
  for (const phone of phones) {
    const type = PhoneNumberTypeSchema.safeParse(phone.type);
    if (type.success && phone.value !== '') kept.push({ value: phone.value, type: type.data, mobile: phone.mobile ?? true });
  }
  return kept;
}

export function mapPerson(context: MappingContext, raw: WirePerson): SourceRecord {
  const civic = civicNoOf(context, raw);
  return {
    entityType: 'Person',
    source: personRef(context, raw.id),
    status: 'active',
    givenName: raw.givenName,
    middleName: raw.middleName ?? null,
    familyName: raw.familyName,
    civicNo: civic?.civicNo ?? null,
    civicNoType: civic?.civicNoType ?? null,
    birthDate: raw.birthDate ?? null,
    sex: raw.sex ?? null,
    // Absent stays unknown (null): policy treats it as protected.
    securityMarking: raw.securityMarking ?? null,
    personStatus: raw.personStatus ?? null,
    emails: raw.emails ?? null,
    phoneNumbers: raw.phoneNumbers ? phoneNumbersOf(raw.phoneNumbers) : null,
  };
}

/** One Enrolment per `enrolments[]` entry, identified by pupil, unit, school type and start. */
export function mapEnrolments(context: MappingContext, raw: WirePerson): SourceRecord[] {
  return (raw.enrolments ?? []).map((enrolment) => ({
    entityType: 'Enrolment',
    source: sourceRef(context, 'Enrolment', `${raw.id}#${enrolment.enroledAt.id}#${enrolment.schoolType}#${enrolment.startDate}`),
    status: 'active',
    personRef: personRef(context, raw.id),
    enroledAtRef: organisationRef(context, enrolment.enroledAt.id),
    schoolType: enrolment.schoolType,
    schoolYear: enrolment.schoolYear ?? null,
    startDate: enrolment.startDate,
    endDate: enrolment.endDate ?? null,
    cancelled: enrolment.cancelled ?? null,
    educationCode: enrolment.educationCode ?? null,
  }));
}

/** One GuardianRelation per `responsibles[]` entry on the pupil, `relationType` 1:1. */
export function mapGuardianRelations(context: MappingContext, raw: WirePerson): SourceRecord[] {
  return (raw.responsibles ?? []).map((responsible) => ({
    entityType: 'GuardianRelation',
    source: sourceRef(context, 'GuardianRelation', `${raw.id}#${responsible.person.id}`),
    status: 'active',
    studentRef: personRef(context, raw.id),
    guardianRef: personRef(context, responsible.person.id),
    relationType: responsible.relationType,
  }));
}

/** A `Klass` group and one GroupMembership per inline membership. */
export function mapGroup(context: MappingContext, raw: WireGroup): SourceRecord[] {
  const groupRef = sourceRef(context, 'Group', raw.id);
  const group: SourceRecord = {
    entityType: 'Group',
    source: groupRef,
    status: 'active',
    displayName: raw.displayName,
    groupType: raw.groupType,
    schoolType: raw.schoolType ?? null,
    organisationRef: raw.organisation ? organisationRef(context, raw.organisation.id) : null,
    startDate: raw.startDate,
    endDate: raw.endDate ?? null,
  };
  const memberships = (raw.groupMemberships ?? []).map((membership): SourceRecord => ({
    entityType: 'GroupMembership',
    source: sourceRef(context, 'GroupMembership', `${raw.id}#${membership.person.id}`),
    status: 'active',
    groupRef,
    personRef: personRef(context, membership.person.id),
    startDate: membership.startDate ?? null,
    endDate: membership.endDate ?? null,
  }));
  return [group, ...memberships];
}

const ABSENCE_TYPES: Readonly<Record<string, { category: 'reported' | 'leave'; validity: 'undetermined' | 'valid' }>> = {
  'Anmäld frånvaro': { category: 'reported', validity: 'undetermined' },
  'Beviljad ledighet': { category: 'leave', validity: 'valid' },
};
/** An unknown `type` is still a notice: reported, undetermined, raw value kept (SS12-06). */
const UNKNOWN_ABSENCE_TYPE = { category: 'reported', validity: 'undetermined' } as const;

export function mapAbsence(context: MappingContext, raw: WireAbsence): SourceRecord {
  const { category, validity } = ABSENCE_TYPES[raw.type] ?? UNKNOWN_ABSENCE_TYPE;
  const startTime = atField('startTime', () => parseRfc3339(raw.startTime));
  const endTime = atField('endTime', () => parseRfc3339(raw.endTime));
  const reportedAt = atField('meta.created', () => parseRfc3339(raw.meta.created ?? raw.meta.modified));
  // The page names the reporter but not the pupil's guardians: only "the pupil themself" is certain here.
  const reportedByRole = raw.registeredBy ? (raw.registeredBy.id === raw.student.id ? 'student' : 'unknown') : 'unknown';
  return {
    entityType: 'AbsenceRecord',
    source: sourceRef(context, 'Absence', raw.id),
    status: 'active',
    studentRef: personRef(context, raw.student.id),
    organisationRef: raw.organisation ? organisationRef(context, raw.organisation.id) : null,
    recordKind: 'notice',
    category,
    validity,
    date: stockholmDateOf(startTime),
    // Whole days are published as the school day (08:00–16:00): allDay is not guessed.
    startTime,
    endTime,
    reportedAt,
    reportedByRef: raw.registeredBy ? personRef(context, raw.registeredBy.id) : null,
    reportedByRole,
    sourceCategoryCode: raw.type,
  };
}
