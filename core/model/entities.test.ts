import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import * as examples from './examples.js';
import {
  AbsenceRecordSchema,
  ActivitySchema,
  CalendarEventSchema,
  CANONICAL_SCHEMAS,
  CanonicalTypeSchema,
  DeletionLogEntrySchema,
  DutySchema,
  ENTITY_TYPES,
  EnrolmentSchema,
  GroupMembershipSchema,
  GroupSchema,
  GuardianRelationSchema,
  LeaveApplicationSchema,
  LessonAttendanceSchema,
  OrganisationSchema,
  PersonRefSchema,
  PersonSchema,
  RefSchema,
  SOURCE_SCHEMAS,
  SourceActivitySchema,
  SourceAbsenceRecordSchema,
  SourceCalendarEventSchema,
  SourceDutySchema,
  SourceEnrolmentSchema,
  SourceGroupMembershipSchema,
  SourceGroupSchema,
  SourceGuardianRelationSchema,
  SourceLeaveApplicationSchema,
  SourceLessonAttendanceSchema,
  SourceLinkSchema,
  SourceOrganisationSchema,
  SourcePersonSchema,
  SourceRecordSchema,
  SyncCursorSchema,
} from './index.js';

function issuePaths(result: z.ZodSafeParseResult<unknown>): string[] {
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

const canonicalExamples: [string, z.ZodType, () => object][] = [
  ['Organisation', OrganisationSchema, examples.exampleOrganisation],
  ['Person', PersonSchema, examples.examplePerson],
  ['GuardianRelation', GuardianRelationSchema, examples.exampleGuardianRelation],
  ['Enrolment', EnrolmentSchema, examples.exampleEnrolment],
  ['Group', GroupSchema, examples.exampleGroup],
  ['GroupMembership', GroupMembershipSchema, examples.exampleGroupMembership],
  ['Activity', ActivitySchema, examples.exampleActivity],
  ['CalendarEvent', CalendarEventSchema, examples.exampleCalendarEvent],
  ['Duty', DutySchema, examples.exampleDuty],
  ['LessonAttendance', LessonAttendanceSchema, examples.exampleLessonAttendance],
  ['AbsenceRecord notice', AbsenceRecordSchema, examples.exampleNotice],
  ['AbsenceRecord registration', AbsenceRecordSchema, examples.exampleRegistration],
  ['LeaveApplication', LeaveApplicationSchema, examples.exampleLeaveApplication],
];

const sourceExamples: [string, z.ZodType, () => object][] = [
  ['Organisation', SourceOrganisationSchema, examples.exampleSourceOrganisation],
  ['Person', SourcePersonSchema, examples.exampleSourcePerson],
  ['GuardianRelation', SourceGuardianRelationSchema, examples.exampleSourceGuardianRelation],
  ['Enrolment', SourceEnrolmentSchema, examples.exampleSourceEnrolment],
  ['Group', SourceGroupSchema, examples.exampleSourceGroup],
  ['GroupMembership', SourceGroupMembershipSchema, examples.exampleSourceGroupMembership],
  ['Activity', SourceActivitySchema, examples.exampleSourceActivity],
  ['CalendarEvent', SourceCalendarEventSchema, examples.exampleSourceCalendarEvent],
  ['Duty', SourceDutySchema, examples.exampleSourceDuty],
  ['LessonAttendance', SourceLessonAttendanceSchema, examples.exampleSourceLessonAttendance],
  ['AbsenceRecord notice', SourceAbsenceRecordSchema, examples.exampleSourceNotice],
  ['AbsenceRecord registration', SourceAbsenceRecordSchema, examples.exampleSourceRegistration],
  ['LeaveApplication', SourceLeaveApplicationSchema, examples.exampleSourceLeaveApplication],
];

describe('valid examples', () => {
  it.each(canonicalExamples)('canonical %s parses unchanged', (_name, schema, example) => {
    const record = example();
    expect(issuePaths(schema.safeParse(record))).toEqual([]);
    expect(schema.parse(record)).toEqual(record);
  });

  it.each(sourceExamples)('source %s parses', (_name, schema, example) => {
    expect(issuePaths(schema.safeParse(example()))).toEqual([]);
  });

  it.each([
    ['SourceLink', SourceLinkSchema, examples.exampleSourceLink],
    ['DeletionLogEntry', DeletionLogEntrySchema, examples.exampleDeletionLogEntry],
    ['SyncCursor', SyncCursorSchema, examples.exampleSyncCursor],
  ] as const)('%s parses', (_name, schema, example) => {
    expect(issuePaths(schema.safeParse(example()))).toEqual([]);
  });
});

describe('strictness: each form rejects the other form\'s keys', () => {
  it.each(sourceExamples)('source %s rejects id, tenantId and meta', (_name, schema, example) => {
    for (const key of ['id', 'tenantId', 'meta']) {
      const issue = schema.safeParse({ ...example(), [key]: examples.EXAMPLE_IDS.tenant }).error?.issues[0];
      expect(issue?.code).toBe('unrecognized_keys');
      expect(issue && 'keys' in issue ? issue.keys : []).toEqual([key]);
    }
  });

  it.each(canonicalExamples)('canonical %s rejects entityType and unknown keys', (_name, schema, example) => {
    expect(schema.safeParse({ ...example(), entityType: 'Person' }).error?.issues[0]?.code).toBe('unrecognized_keys');
    expect(schema.safeParse({ ...example(), extra: 1 }).error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('rejects a SourceRef where a canonical record wants an id, and the reverse', () => {
    expect(issuePaths(GuardianRelationSchema.safeParse({ ...examples.exampleGuardianRelation(), studentId: 'leo' }))).toEqual([
      'studentId',
    ]);
    const relation = { ...examples.exampleSourceGuardianRelation(), studentId: examples.EXAMPLE_IDS.leo };
    expect(SourceGuardianRelationSchema.safeParse(relation).error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('keeps core-derived Person fields out of the source form', () => {
    for (const key of ['civicNoHash', 'protectedIdentity', 'roles']) {
      const issue = SourcePersonSchema.safeParse({ ...examples.exampleSourcePerson(), [key]: null }).error?.issues[0];
      expect(issue?.code).toBe('unrecognized_keys');
    }
  });

  it('rejects unknown keys inside value objects', () => {
    const person = { ...examples.examplePerson(), civicNo: { value: '201401229834', nationality: 'SE', type: 'x' } };
    expect(PersonSchema.safeParse(person).error?.issues[0]?.path).toEqual(['civicNo']);
  });
});

describe('SourceRecordSchema', () => {
  const unionExamples = sourceExamples.filter(([name]) => !['Activity', 'CalendarEvent', 'Duty', 'LessonAttendance'].includes(name));

  it.each(unionExamples)('parses a source %s by its entityType', (_name, schema, example) => {
    const record = example();
    expect(SourceRecordSchema.parse(record)).toEqual(schema.parse(record));
  });

  it('runs the entity\'s own refinements', () => {
    const badNotice = { ...examples.exampleSourceNotice(), validity: 'invalid' };
    expect(issuePaths(SourceRecordSchema.safeParse(badNotice))).toEqual(['validity']);
  });

  it('rejects an unknown or missing entityType', () => {
    expect(issuePaths(SourceRecordSchema.safeParse({ ...examples.exampleSourcePerson(), entityType: 'Activity' }))).toEqual([
      'entityType',
    ]);
    const { entityType: _entityType, ...untagged } = examples.exampleSourcePerson();
    expect(SourceRecordSchema.safeParse(untagged).success).toBe(false);
  });

  it('covers exactly ENTITY_TYPES, and every entity type is a CanonicalType', () => {
    expect(Object.keys(SOURCE_SCHEMAS)).toEqual([...ENTITY_TYPES]);
    expect(Object.keys(CANONICAL_SCHEMAS)).toEqual([...ENTITY_TYPES]);
    expect(unionExamples.map(([name]) => name.split(' ')[0])).toEqual(expect.arrayContaining([...ENTITY_TYPES]));
    for (const entityType of ENTITY_TYPES) expect(CanonicalTypeSchema.safeParse(entityType).success).toBe(true);
    expect(CanonicalTypeSchema.options).toEqual(expect.arrayContaining(['Organisation', 'Attendance', 'Absence', 'Duty']));
  });
});

describe('Organisation', () => {
  it('requires a skolenhetskod on a school unit, in both forms', () => {
    expect(issuePaths(OrganisationSchema.safeParse({ ...examples.exampleOrganisation(), schoolUnitCode: null }))).toEqual([
      'schoolUnitCode',
    ]);
    const { schoolUnitCode: _code, ...withoutCode } = examples.exampleSourceOrganisation();
    expect(issuePaths(SourceOrganisationSchema.safeParse(withoutCode))).toEqual(['schoolUnitCode']);
  });

  it('does not require one above the school unit', () => {
    const huvudman = { ...examples.exampleOrganisation(), organisationType: 'Huvudman', schoolUnitCode: null, schoolTypes: null };
    expect(issuePaths(OrganisationSchema.safeParse(huvudman))).toEqual([]);
  });

  it('checks code formats and SS 12000 2.1 enums', () => {
    const organisation = examples.exampleOrganisation();
    expect(issuePaths(OrganisationSchema.safeParse({ ...organisation, schoolUnitCode: '9901005' }))).toEqual(['schoolUnitCode']);
    expect(issuePaths(OrganisationSchema.safeParse({ ...organisation, municipalityCode: '180' }))).toEqual(['municipalityCode']);
    // 2.0 spellings must be mapped by the connector.
    expect(issuePaths(OrganisationSchema.safeParse({ ...organisation, schoolTypes: ['KOMVUX'] }))).toEqual(['schoolTypes.0']);
    expect(issuePaths(OrganisationSchema.safeParse({ ...organisation, organisationType: 'Stadsdel' }))).toEqual([
      'organisationType',
    ]);
  });
});

describe('Person', () => {
  const withCivicNo = (value: string) => ({ ...examples.examplePerson(), civicNo: { value, nationality: 'SE' } });

  it.each([
    ['a personnummer', '201401229834'],
    ['a samordningsnummer', '201211679855'],
    ['an SS 12000 temporary number', '20130101TF01'],
  ])('accepts %s', (_kind, value) => {
    expect(issuePaths(PersonSchema.safeParse(withCivicNo(value)))).toEqual([]);
  });

  it.each([
    ['10 digits', '1401229834'],
    ['a separator', '20140122-9834'],
    ['13 digits', '2014012298340'],
    ['lower-case letters', '20130101tf01'],
    ['letters in the date part', '2013AB01TF01'],
  ])('rejects a civic number with %s, naming the field', (_kind, value) => {
    expect(issuePaths(PersonSchema.safeParse(withCivicNo(value)))).toEqual(['civicNo.value']);
  });

  it('defaults civicNo nationality to SE, as SS 12000 does', () => {
    const parsed = SourcePersonSchema.parse({ ...examples.exampleSourcePerson(), civicNo: { value: '201401229834' } });
    expect(parsed.civicNo?.nationality).toBe('SE');
  });

  it('requires civicNoHash and civicNoType with a civic number, and neither without', () => {
    expect(issuePaths(PersonSchema.safeParse({ ...examples.examplePerson(), civicNoHash: null }))).toEqual(['civicNoHash']);
    expect(issuePaths(PersonSchema.safeParse({ ...examples.examplePerson(), civicNoType: undefined }))).toEqual(['civicNoType']);
    const anonymous = { ...examples.examplePerson(), civicNo: null, civicNoHash: null, civicNoType: null };
    expect(issuePaths(PersonSchema.safeParse(anonymous))).toEqual([]);
  });

  it.each(['Sekretessmarkering', 'Skyddad folkbokföring'])('requires protectedIdentity for %s', (securityMarking) => {
    const person = { ...examples.examplePerson(), securityMarking, protectedIdentity: false };
    expect(issuePaths(PersonSchema.safeParse(person))).toEqual(['protectedIdentity']);
    expect(issuePaths(PersonSchema.safeParse({ ...person, protectedIdentity: true }))).toEqual([]);
  });

  it('allows an unknown marking to be treated as protected or not, by policy', () => {
    for (const protectedIdentity of [true, false]) {
      const person = { ...examples.examplePerson(), securityMarking: null, protectedIdentity };
      expect(issuePaths(PersonSchema.safeParse(person))).toEqual([]);
    }
  });

  it('fills the SS 12000 default for a phone number\'s mobile flag', () => {
    const person = { ...examples.examplePerson(), phoneNumbers: [{ value: '+4687654321', type: 'Arbete' }] };
    expect(PersonSchema.parse(person).phoneNumbers?.[0]?.mobile).toBe(true);
  });

  it('rejects a birthDate that is not YYYY-MM-DD', () => {
    expect(issuePaths(PersonSchema.safeParse({ ...examples.examplePerson(), birthDate: '2014-1-22' }))).toEqual(['birthDate']);
  });
});

describe('GuardianRelation', () => {
  it('rejects a person as their own guardian, in both forms', () => {
    const canonical = { ...examples.exampleGuardianRelation(), guardianId: examples.EXAMPLE_IDS.leo };
    expect(issuePaths(GuardianRelationSchema.safeParse(canonical))).toEqual(['guardianId']);
    const source = examples.exampleSourceGuardianRelation();
    expect(issuePaths(SourceGuardianRelationSchema.safeParse({ ...source, guardianRef: source.studentRef }))).toEqual([
      'guardianRef',
    ]);
  });

  it('accepts the same source id in two different platform instances', () => {
    const source = examples.exampleSourceGuardianRelation();
    const guardianRef = { ...source.studentRef, sourceInstance: '9902' };
    expect(issuePaths(SourceGuardianRelationSchema.safeParse({ ...source, guardianRef }))).toEqual([]);
  });

  it('derives isLegalGuardian from the relation type', () => {
    const relation = examples.exampleGuardianRelation();
    expect(issuePaths(GuardianRelationSchema.safeParse({ ...relation, isLegalGuardian: false }))).toEqual(['isLegalGuardian']);
    const other = { ...relation, relationType: 'God man', isLegalGuardian: false };
    expect(issuePaths(GuardianRelationSchema.safeParse(other))).toEqual([]);
    expect(issuePaths(GuardianRelationSchema.safeParse({ ...other, isLegalGuardian: true }))).toEqual(['isLegalGuardian']);
  });
});

describe('Enrolment and Group', () => {
  it('bounds schoolYear to 0–10', () => {
    expect(issuePaths(EnrolmentSchema.safeParse({ ...examples.exampleEnrolment(), schoolYear: 11 }))).toEqual(['schoolYear']);
    expect(issuePaths(SourceEnrolmentSchema.safeParse({ ...examples.exampleSourceEnrolment(), schoolYear: -1 }))).toEqual([
      'schoolYear',
    ]);
  });

  it('requires a group startDate in the canonical form only', () => {
    expect(issuePaths(GroupSchema.safeParse({ ...examples.exampleGroup(), startDate: null }))).toEqual(['startDate']);
    expect(issuePaths(SourceGroupSchema.safeParse({ ...examples.exampleSourceGroup(), startDate: '2025-08-18' }))).toEqual([]);
  });
});

describe('LeaveApplication', () => {
  it('requires the requested and approved periods to run forwards, in both forms', () => {
    const canonical = examples.exampleLeaveApplication();
    expect(issuePaths(LeaveApplicationSchema.safeParse({ ...canonical, endTime: canonical.startTime }))).toEqual(['endTime']);
    const approvedBackwards = { ...canonical, approvedEndTime: '2026-03-15T00:00:00+01:00' };
    expect(issuePaths(LeaveApplicationSchema.safeParse(approvedBackwards))).toEqual(['approvedEndTime']);
    const source = examples.exampleSourceLeaveApplication();
    expect(issuePaths(SourceLeaveApplicationSchema.safeParse({ ...source, endTime: source.startTime }))).toEqual(['endTime']);
  });

  it('holds guardian consents with a reference in each form\'s style', () => {
    const canonical = examples.exampleLeaveApplication();
    const sourceStyleConsent = { guardianRef: examples.exampleSourceRef('Person', 'x'), decision: 'pending' };
    expect(LeaveApplicationSchema.safeParse({ ...canonical, guardianConsents: [sourceStyleConsent] }).success).toBe(false);
    expect(issuePaths(LeaveApplicationSchema.safeParse({ ...canonical, guardianConsents: [{ guardianId: 'x', decision: 'approved' }] }))).toEqual([
      'guardianConsents.0.guardianId',
    ]);
  });
});

describe('provenance records', () => {
  it('requires a sha256 hex content hash on a SourceLink', () => {
    expect(issuePaths(SourceLinkSchema.safeParse({ ...examples.exampleSourceLink(), contentHash: 'abc' }))).toEqual(['contentHash']);
  });

  it('accepts any canonical type, including SS 12000 endpoint names, and rejects others', () => {
    expect(issuePaths(SourceLinkSchema.safeParse({ ...examples.exampleSourceLink(), canonicalType: 'Attendance' }))).toEqual([]);
    expect(issuePaths(SourceLinkSchema.safeParse({ ...examples.exampleSourceLink(), canonicalType: 'Pupil' }))).toEqual([
      'canonicalType',
    ]);
  });

  it('requires mergedIntoId when a deletion is a merge', () => {
    const merge = { ...examples.exampleDeletionLogEntry(), entityType: 'Person', reason: 'merged' };
    expect(issuePaths(DeletionLogEntrySchema.safeParse(merge))).toEqual(['mergedIntoId']);
    expect(issuePaths(DeletionLogEntrySchema.safeParse({ ...merge, mergedIntoId: examples.EXAMPLE_IDS.leo }))).toEqual([]);
  });

  it('rejects a sync cursor mode other than full or incremental', () => {
    expect(issuePaths(SyncCursorSchema.safeParse({ ...examples.exampleSyncCursor(), mode: 'delta' }))).toEqual(['mode']);
  });
});

describe('references for serving', () => {
  it('parses SS 12000 object and person references', () => {
    expect(RefSchema.safeParse({ id: examples.EXAMPLE_IDS.school, displayName: 'Lärkängsskolan' }).success).toBe(true);
    expect(PersonRefSchema.safeParse({ id: examples.EXAMPLE_IDS.leo, securityMarking: 'Skyddad folkbokföring' }).success).toBe(true);
    expect(PersonRefSchema.safeParse({ id: examples.EXAMPLE_IDS.leo, securityMarking: 'Hemlig' }).success).toBe(false);
  });
});
