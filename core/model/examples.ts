/**
 * One valid record of every entity in both forms, built from the example cast of
 * shared/platforms/README.md §3.3 (synthetic people: Leo Sund at Lärkängsskolan, his father Per).
 * Each call returns a fresh object, so a test may change one field and expect exactly one issue.
 */
import type { AbsenceRecord, SourceAbsenceRecord } from './absence.js';
import type { LeaveApplication, SourceLeaveApplication } from './leave.js';
import type {
  Activity,
  CalendarEvent,
  Duty,
  LessonAttendance,
  SourceActivity,
  SourceCalendarEvent,
  SourceDuty,
  SourceLessonAttendance,
} from './lesson.js';
import type { Organisation, SourceOrganisation } from './organisation.js';
import type { GuardianRelation, Person, SourceGuardianRelation, SourcePerson } from './person.js';
import type { DeletionLogEntry, SourceLink, SyncCursor } from './provenance.js';
import type {
  Enrolment,
  Group,
  GroupMembership,
  SourceEnrolment,
  SourceGroup,
  SourceGroupMembership,
} from './roster.js';
import type { Meta, SourceRef } from './value-objects.js';

export const EXAMPLE_IDS = {
  tenant: '7d1c0a6e-3f42-4c57-9a53-0f3b8d1e2a10',
  school: '830e07bc-1e39-4f10-92bd-4acefaecbd38',
  huvudman: '5790f82e-c1d3-4cff-aa3a-f4d46b0a18e8',
  leo: '6bf46c69-7d2c-4f82-aeea-cbe226e87555',
  per: '13deef86-ab10-41d0-b646-e1f40a097c97',
  teacher: '10a3d6b2-aa05-411a-b271-5945795e8229',
  relation: 'b0f2d1c4-5e6a-4b7c-8d9e-0a1b2c3d4e5f',
  enrolment: 'c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b',
  classGroup: 'ca02135e-92b1-43f2-8ede-0d7ac3baea9e',
  membership: 'd2b3c4d5-e6f7-4a81-9bac-1d2e3f4a5b6c',
  activity: '57124242-5051-41cc-917f-9acae01f5057',
  calendarEvent: '7f26144b-9828-4fcd-99a5-4a7bb1fee08f',
  duty: 'e3c4d5e6-f7a8-4b92-8cbd-2e3f4a5b6c7d',
  lessonAttendance: '119a72d1-74c9-4f6a-8c01-1cdd9474031b',
  notice: '451abd81-f1d6-4ed6-97f5-e837d70820fe',
  registration: 'f4d5e6f7-a8b9-4ca3-9dce-3f4a5b6c7d8e',
  leaveApplication: 'a5e6f7a8-b9c0-4db4-8edf-4a5b6c7d8e9f',
  syncRun: 'b6f7a8b9-c0d1-4ec5-9fe0-5b6c7d8e9fa0',
  sourceLink: 'c7a8b9c0-d1e2-4fd6-8af1-6c7d8e9fa0b1',
  deletion: 'd8b9c0d1-e2f3-4ae7-9b02-7d8e9fa0b1c2',
} as const;

const meta = (): Meta => ({ created: '2026-03-09T06:31:12+01:00', modified: '2026-03-09T06:31:12+01:00' });
const canonicalBase = (id: string) => ({ id, tenantId: EXAMPLE_IDS.tenant, meta: meta(), status: 'active' as const });

/** A SourceRef into the SS 12000 customer `9901`. */
export const exampleSourceRef = (sourceEntityType: string, sourceId: string): SourceRef => ({
  sourceSystem: 'ss12000',
  sourceInstance: '9901',
  sourceEntityType,
  sourceId,
});

const leoRef = () => exampleSourceRef('Person', EXAMPLE_IDS.leo);
const perRef = () => exampleSourceRef('Person', EXAMPLE_IDS.per);
const schoolRef = () => exampleSourceRef('Organisation', EXAMPLE_IDS.school);

// ── Canonical ────────────────────────────────────────────────────────────────────────────────

export const exampleOrganisation = (): Organisation => ({
  ...canonicalBase(EXAMPLE_IDS.school),
  displayName: 'Lärkängsskolan',
  organisationType: 'Skolenhet',
  organisationCode: 'LARK',
  parentOrganisationId: EXAMPLE_IDS.huvudman,
  schoolUnitCode: '99010005',
  schoolTypes: ['FKLASS', 'GR'],
  municipalityCode: '9901',
  startDate: '2001-07-01',
});

export const examplePerson = (): Person => ({
  ...canonicalBase(EXAMPLE_IDS.leo),
  givenName: 'Leo',
  familyName: 'Sund',
  civicNo: { value: '201401229834', nationality: 'SE' },
  civicNoType: 'personnummer',
  civicNoHash: 'a3f1c2d4e5b6a7980c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b',
  birthDate: '2014-01-22',
  sex: 'Man',
  securityMarking: 'Ingen',
  protectedIdentity: false,
  personStatus: 'Aktiv',
  emails: [{ value: 'leo.sund@elev.sjostad.example', type: 'Skola elev' }],
  phoneNumbers: [{ value: '+46701234567', type: 'Hem', mobile: true }],
  roles: ['student'],
});

export const exampleGuardianRelation = (): GuardianRelation => ({
  ...canonicalBase(EXAMPLE_IDS.relation),
  studentId: EXAMPLE_IDS.leo,
  guardianId: EXAMPLE_IDS.per,
  relationType: 'Vårdnadshavare',
  isLegalGuardian: true,
  permissions: ['reportAbsence', 'applyForLeave'],
});

export const exampleEnrolment = (): Enrolment => ({
  ...canonicalBase(EXAMPLE_IDS.enrolment),
  personId: EXAMPLE_IDS.leo,
  enroledAtId: EXAMPLE_IDS.school,
  schoolType: 'GR',
  schoolYear: 5,
  startDate: '2020-08-17',
  endDate: null,
  cancelled: false,
  classGroupId: EXAMPLE_IDS.classGroup,
});

export const exampleGroup = (): Group => ({
  ...canonicalBase(EXAMPLE_IDS.classGroup),
  displayName: '5A',
  groupType: 'Klass',
  schoolType: 'GR',
  organisationId: EXAMPLE_IDS.school,
  startDate: '2025-08-18',
  endDate: '2026-06-12',
});

export const exampleGroupMembership = (): GroupMembership => ({
  ...canonicalBase(EXAMPLE_IDS.membership),
  groupId: EXAMPLE_IDS.classGroup,
  personId: EXAMPLE_IDS.leo,
  startDate: '2025-08-18',
  endDate: '2026-06-12',
});

export const exampleActivity = (): Activity => ({
  ...canonicalBase(EXAMPLE_IDS.activity),
  displayName: 'Matematik 5A',
  groupIds: [EXAMPLE_IDS.classGroup],
  subjectCode: 'GRGRMAT01',
  subjectName: 'Matematik',
  organisationId: EXAMPLE_IDS.school,
});

export const exampleCalendarEvent = (): CalendarEvent => ({
  ...canonicalBase(EXAMPLE_IDS.calendarEvent),
  activityId: EXAMPLE_IDS.activity,
  startTime: '2026-03-09T08:20:00+01:00',
  endTime: '2026-03-09T09:20:00+01:00',
  cancelled: false,
  teachingLengthStudent: 60,
  organisationId: EXAMPLE_IDS.school,
});

export const exampleDuty = (): Duty => ({
  ...canonicalBase(EXAMPLE_IDS.duty),
  personId: EXAMPLE_IDS.teacher,
  dutyAtId: EXAMPLE_IDS.school,
  dutyRole: 'Lärare',
  signature: 'LHO',
  startDate: '2019-08-01',
});

export const exampleLessonAttendance = (): LessonAttendance => ({
  ...canonicalBase(EXAMPLE_IDS.lessonAttendance),
  studentId: EXAMPLE_IDS.leo,
  calendarEventId: EXAMPLE_IDS.calendarEvent,
  attendanceMinutes: 0,
  validAbsenceMinutes: 60,
  invalidAbsenceMinutes: 0,
  otherAttendanceMinutes: 0,
  absenceReason: 'Sjuk',
  isReported: true,
  reportedTimestamp: '2026-03-09T09:24:00+01:00',
  reporterId: EXAMPLE_IDS.teacher,
});

/** Per's whole-school-day notice for Leo, mirrored into SS 12000 (`Anmäld frånvaro`). */
export const exampleNotice = (): AbsenceRecord => ({
  ...canonicalBase(EXAMPLE_IDS.notice),
  studentId: EXAMPLE_IDS.leo,
  organisationId: EXAMPLE_IDS.school,
  schoolType: 'GR',
  recordKind: 'notice',
  category: 'reported',
  validity: 'undetermined',
  date: '2026-03-09',
  startTime: '2026-03-09T08:00:00+01:00',
  endTime: '2026-03-09T16:00:00+01:00',
  reasonCategory: 'illness',
  reportedAt: '2026-03-09T06:31:12+01:00',
  reportedById: EXAMPLE_IDS.per,
  reportedByRole: 'guardian',
  source: exampleSourceRef('Absence', EXAMPLE_IDS.notice),
  sourceCategoryCode: 'Anmäld frånvaro',
});

/** The valid-minutes bucket of the teacher's Attendance row for the same morning. */
export const exampleRegistration = (): AbsenceRecord => ({
  ...canonicalBase(EXAMPLE_IDS.registration),
  studentId: EXAMPLE_IDS.leo,
  organisationId: EXAMPLE_IDS.school,
  recordKind: 'registration',
  category: 'valid',
  validity: 'valid',
  date: '2026-03-09',
  absenceMinutes: 60,
  scheduledMinutes: 60,
  calendarEventId: EXAMPLE_IDS.calendarEvent,
  activityId: EXAMPLE_IDS.activity,
  reasonText: 'Sjuk',
  reportedAt: '2026-03-09T09:24:00+01:00',
  reportedById: EXAMPLE_IDS.teacher,
  reportedByRole: 'staff',
  lessonReported: true,
  lessonReportedAt: '2026-03-09T09:24:00+01:00',
  relatedNoticeId: EXAMPLE_IDS.notice,
  source: exampleSourceRef('Attendance', `${EXAMPLE_IDS.lessonAttendance}#valid`),
  sourceCategoryCode: 'validAbsenceMinutes',
});

export const exampleLeaveApplication = (): LeaveApplication => ({
  ...canonicalBase(EXAMPLE_IDS.leaveApplication),
  studentId: EXAMPLE_IDS.leo,
  organisationId: EXAMPLE_IDS.school,
  requestedById: EXAMPLE_IDS.per,
  requestedByRole: 'guardian',
  requestedAt: '2026-02-20T19:02:00+01:00',
  startTime: '2026-03-16T00:00:00+01:00',
  endTime: '2026-03-18T00:00:00+01:00',
  reasonCategory: 'family',
  decisionStatus: 'partiallyApproved',
  approvedStartTime: '2026-03-16T00:00:00+01:00',
  approvedEndTime: '2026-03-17T00:00:00+01:00',
  decidedAt: '2026-02-23T10:00:00+01:00',
  decidedById: EXAMPLE_IDS.teacher,
  guardianConsents: [{ guardianId: EXAMPLE_IDS.per, decision: 'approved', at: '2026-02-20T19:02:00+01:00' }],
  resultingAbsenceIds: [EXAMPLE_IDS.notice],
  source: { sourceSystem: 'infomentor', sourceInstance: 'sjostad', sourceEntityType: 'leaveRequest', sourceId: '88121' },
});

export const exampleSourceLink = (): SourceLink => ({
  id: EXAMPLE_IDS.sourceLink,
  tenantId: EXAMPLE_IDS.tenant,
  canonicalType: 'Person',
  canonicalId: EXAMPLE_IDS.leo,
  ...exampleSourceRef('Person', EXAMPLE_IDS.leo),
  sourceModifiedAt: '2025-08-12T06:30:00+02:00',
  firstSeenAt: '2025-08-19T02:00:13+02:00',
  lastSeenAt: '2026-03-10T02:00:13+01:00',
  lastChangedAt: '2025-08-19T02:00:13+02:00',
  contentHash: '0c5b8a3bd9f1e2a4c6d8e0f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d4e6f8a0b2',
  mapperVersion: 'ss12000@1',
  lastSyncRunId: EXAMPLE_IDS.syncRun,
  presence: 'present',
});

export const exampleDeletionLogEntry = (): DeletionLogEntry => ({
  id: EXAMPLE_IDS.deletion,
  tenantId: EXAMPLE_IDS.tenant,
  entityType: 'AbsenceRecord',
  entityId: EXAMPLE_IDS.registration,
  deletedAt: '2026-03-10T02:00:14+01:00',
  reason: 'sourceDeleted',
  evidence: 'ss12000:deletedEntities',
});

export const exampleSyncCursor = (): SyncCursor => ({
  tenantId: EXAMPLE_IDS.tenant,
  sourceSystem: 'ss12000',
  sourceInstance: '9901',
  resourceType: 'absences',
  mode: 'incremental',
  startedAt: '2026-03-10T02:00:13+01:00',
  completedAt: '2026-03-10T02:00:41+01:00',
  cursorValue: '2026-03-09T06:31:12+01:00',
  deletedEntitiesCheckpoint: '2026-03-10T01:00:13Z',
});

// ── Source records ───────────────────────────────────────────────────────────────────────────

export const exampleSourceOrganisation = (): SourceOrganisation => ({
  entityType: 'Organisation',
  source: schoolRef(),
  status: 'active',
  displayName: 'Lärkängsskolan',
  organisationType: 'Skolenhet',
  parentOrganisationRef: exampleSourceRef('Organisation', EXAMPLE_IDS.huvudman),
  schoolUnitCode: '99010005',
  schoolTypes: ['FKLASS', 'GR'],
  municipalityCode: '9901',
});

export const exampleSourcePerson = (): SourcePerson => ({
  entityType: 'Person',
  source: leoRef(),
  status: 'active',
  givenName: 'Leo',
  familyName: 'Sund',
  civicNo: { value: '201401229834', nationality: 'SE' },
  securityMarking: 'Ingen',
  emails: [{ value: 'leo.sund@elev.sjostad.example', type: 'Skola elev' }],
});

export const exampleSourceGuardianRelation = (): SourceGuardianRelation => ({
  entityType: 'GuardianRelation',
  source: exampleSourceRef('Person.responsibles', `${EXAMPLE_IDS.leo}/${EXAMPLE_IDS.per}`),
  status: 'active',
  studentRef: leoRef(),
  guardianRef: perRef(),
  relationType: 'Vårdnadshavare',
});

export const exampleSourceEnrolment = (): SourceEnrolment => ({
  entityType: 'Enrolment',
  source: exampleSourceRef('Person.enrolments', `${EXAMPLE_IDS.leo}/${EXAMPLE_IDS.school}/2020-08-17`),
  status: 'active',
  personRef: leoRef(),
  enroledAtRef: schoolRef(),
  schoolType: 'GR',
  schoolYear: 5,
  startDate: '2020-08-17',
  cancelled: false,
});

/** A class named on a pupil page, which cannot date it: `startDate` is left to the pipeline. */
export const exampleSourceGroup = (): SourceGroup => ({
  entityType: 'Group',
  source: exampleSourceRef('Group', EXAMPLE_IDS.classGroup),
  status: 'active',
  displayName: '5A',
  groupType: 'Klass',
  organisationRef: schoolRef(),
  startDate: null,
});

export const exampleSourceGroupMembership = (): SourceGroupMembership => ({
  entityType: 'GroupMembership',
  source: exampleSourceRef('Group.groupMemberships', `${EXAMPLE_IDS.classGroup}/${EXAMPLE_IDS.leo}`),
  status: 'active',
  groupRef: exampleSourceRef('Group', EXAMPLE_IDS.classGroup),
  personRef: leoRef(),
  startDate: '2025-08-18',
});

export const exampleSourceActivity = (): SourceActivity => ({
  entityType: 'Activity',
  source: exampleSourceRef('Activity', EXAMPLE_IDS.activity),
  status: 'active',
  displayName: 'Matematik 5A',
  groupRefs: [exampleSourceRef('Group', EXAMPLE_IDS.classGroup)],
  organisationRef: schoolRef(),
});

export const exampleSourceCalendarEvent = (): SourceCalendarEvent => ({
  entityType: 'CalendarEvent',
  source: exampleSourceRef('CalendarEvent', EXAMPLE_IDS.calendarEvent),
  status: 'active',
  activityRef: exampleSourceRef('Activity', EXAMPLE_IDS.activity),
  startTime: '2026-03-09T08:20:00+01:00',
  endTime: '2026-03-09T09:20:00+01:00',
  teachingLengthStudent: 60,
});

export const exampleSourceDuty = (): SourceDuty => ({
  entityType: 'Duty',
  source: exampleSourceRef('Duty', EXAMPLE_IDS.duty),
  status: 'active',
  personRef: exampleSourceRef('Person', EXAMPLE_IDS.teacher),
  dutyAtRef: schoolRef(),
  dutyRole: 'Lärare',
  signature: 'LHO',
});

export const exampleSourceLessonAttendance = (): SourceLessonAttendance => ({
  entityType: 'LessonAttendance',
  source: exampleSourceRef('Attendance', EXAMPLE_IDS.lessonAttendance),
  status: 'active',
  studentRef: leoRef(),
  calendarEventRef: exampleSourceRef('CalendarEvent', EXAMPLE_IDS.calendarEvent),
  validAbsenceMinutes: 60,
  isReported: true,
  reporterRef: exampleSourceRef('Person', EXAMPLE_IDS.teacher),
});

export const exampleSourceNotice = (): SourceAbsenceRecord => ({
  entityType: 'AbsenceRecord',
  source: exampleSourceRef('Absence', EXAMPLE_IDS.notice),
  status: 'active',
  studentRef: leoRef(),
  organisationRef: schoolRef(),
  recordKind: 'notice',
  category: 'reported',
  validity: 'undetermined',
  date: '2026-03-09',
  startTime: '2026-03-09T08:00:00+01:00',
  endTime: '2026-03-09T16:00:00+01:00',
  reportedAt: '2026-03-09T06:31:12+01:00',
  reportedByRef: perRef(),
  reportedByRole: 'unknown',
  sourceCategoryCode: 'Anmäld frånvaro',
});

/** An SS 12000 Attendance bucket read without its calendar event: the date is the pipeline's to fill. */
export const exampleSourceRegistration = (): SourceAbsenceRecord => ({
  entityType: 'AbsenceRecord',
  source: exampleSourceRef('Attendance', `${EXAMPLE_IDS.lessonAttendance}#valid`),
  status: 'active',
  studentRef: leoRef(),
  recordKind: 'registration',
  category: 'valid',
  validity: 'valid',
  date: null,
  absenceMinutes: 60,
  calendarEventRef: exampleSourceRef('CalendarEvent', EXAMPLE_IDS.calendarEvent),
  reportedAt: '2026-03-09T09:24:00+01:00',
  reportedByRef: exampleSourceRef('Person', EXAMPLE_IDS.teacher),
  reportedByRole: 'staff',
  lessonReported: true,
  sourceCategoryCode: 'validAbsenceMinutes',
});

export const exampleSourceLeaveApplication = (): SourceLeaveApplication => ({
  entityType: 'LeaveApplication',
  source: { sourceSystem: 'infomentor', sourceInstance: 'sjostad', sourceEntityType: 'leaveRequest', sourceId: '88121' },
  status: 'active',
  studentRef: { sourceSystem: 'infomentor', sourceInstance: 'sjostad', sourceEntityType: 'pupil', sourceId: '3318211' },
  requestedByRole: 'guardian',
  requestedAt: '2026-02-20T19:02:00+01:00',
  startTime: '2026-03-16T00:00:00+01:00',
  endTime: '2026-03-18T00:00:00+01:00',
  decisionStatus: 'awaitingGuardianConsent',
  guardianConsents: [
    {
      guardianRef: { sourceSystem: 'infomentor', sourceInstance: 'sjostad', sourceEntityType: 'parent', sourceId: '77120' },
      decision: 'pending',
    },
  ],
});
