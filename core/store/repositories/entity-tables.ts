/**
 * Each canonical entity table described once: which object fields become filter columns, which
 * fields are secret, what the natural key is. The columns match migrations/0001_initial.sql.
 */
import type {
  AbsenceRecord,
  Activity,
  CalendarEvent,
  Duty,
  Enrolment,
  Group,
  GroupMembership,
  GuardianRelation,
  LeaveApplication,
  LessonAttendance,
  Organisation,
  Person,
} from '../../model/index.js';
import { SOURCE_COLUMNS } from './canonical-entities.js';
import type { EntityTableSpec } from './canonical-entities.js';

export const ORGANISATIONS: EntityTableSpec<Organisation> = {
  table: 'organisations',
  canonicalType: 'Organisation',
  keyedBy: 'id',
  columns: [
    { name: 'organisation_type', type: 'text', value: (o) => o.organisationType },
    { name: 'school_unit_code', type: 'text', value: (o) => o.schoolUnitCode },
    { name: 'parent_organisation_id', type: 'uuid', value: (o) => o.parentOrganisationId },
  ],
};

export const PERSONS: EntityTableSpec<Person> = {
  table: 'persons',
  canonicalType: 'Person',
  keyedBy: 'id',
  columns: [
    { name: 'civic_no_hash', type: 'text', value: (p) => p.civicNoHash },
    { name: 'civic_no_type', type: 'text', value: (p) => p.civicNoType },
    { name: 'birth_date', type: 'date', value: (p) => p.birthDate },
    { name: 'security_marking', type: 'text', value: (p) => p.securityMarking },
    { name: 'protected_identity', type: 'boolean', value: (p) => p.protectedIdentity },
    { name: 'person_status', type: 'text', value: (p) => p.personStatus },
  ],
  sealed: [{ field: 'civicNo', column: 'civic_no_encrypted', encoding: 'json' }],
};

export const GUARDIAN_RELATIONS: EntityTableSpec<GuardianRelation> = {
  table: 'guardian_relations',
  canonicalType: 'GuardianRelation',
  keyedBy: 'id',
  columns: [
    { name: 'student_id', type: 'uuid', value: (r) => r.studentId },
    { name: 'guardian_id', type: 'uuid', value: (r) => r.guardianId },
    { name: 'relation_type', type: 'text', value: (r) => r.relationType },
    { name: 'start_date', type: 'date', value: (r) => r.startDate },
    { name: 'end_date', type: 'date', value: (r) => r.endDate },
  ],
};

export const ENROLMENTS: EntityTableSpec<Enrolment> = {
  table: 'enrolments',
  canonicalType: 'Enrolment',
  keyedBy: 'id',
  columns: [
    { name: 'person_id', type: 'uuid', value: (e) => e.personId },
    { name: 'enroled_at_id', type: 'uuid', value: (e) => e.enroledAtId },
    { name: 'school_type', type: 'text', value: (e) => e.schoolType },
    { name: 'school_year', type: 'integer', value: (e) => e.schoolYear },
    { name: 'start_date', type: 'date', value: (e) => e.startDate },
    { name: 'end_date', type: 'date', value: (e) => e.endDate },
  ],
};

export const GROUPS: EntityTableSpec<Group> = {
  table: 'groups',
  canonicalType: 'Group',
  keyedBy: 'id',
  columns: [
    { name: 'group_type', type: 'text', value: (g) => g.groupType },
    { name: 'organisation_id', type: 'uuid', value: (g) => g.organisationId },
    { name: 'start_date', type: 'date', value: (g) => g.startDate },
    { name: 'end_date', type: 'date', value: (g) => g.endDate },
  ],
};

export const GROUP_MEMBERSHIPS: EntityTableSpec<GroupMembership> = {
  table: 'group_memberships',
  canonicalType: 'GroupMembership',
  keyedBy: 'id',
  columns: [
    { name: 'group_id', type: 'uuid', value: (m) => m.groupId },
    { name: 'person_id', type: 'uuid', value: (m) => m.personId },
    { name: 'start_date', type: 'date', value: (m) => m.startDate },
    { name: 'end_date', type: 'date', value: (m) => m.endDate },
  ],
};

export const ACTIVITIES: EntityTableSpec<Activity> = {
  table: 'activities',
  canonicalType: 'Activity',
  keyedBy: 'id',
  columns: [
    { name: 'organisation_id', type: 'uuid', value: (a) => a.organisationId },
    { name: 'subject_code', type: 'text', value: (a) => a.subjectCode },
    { name: 'group_ids', type: 'uuid[]', value: (a) => a.groupIds },
  ],
};

export const CALENDAR_EVENTS: EntityTableSpec<CalendarEvent> = {
  table: 'calendar_events',
  canonicalType: 'CalendarEvent',
  keyedBy: 'id',
  columns: [
    { name: 'activity_id', type: 'uuid', value: (c) => c.activityId },
    { name: 'organisation_id', type: 'uuid', value: (c) => c.organisationId },
    { name: 'start_time', type: 'timestamptz', value: (c) => c.startTime },
    { name: 'end_time', type: 'timestamptz', value: (c) => c.endTime },
    { name: 'cancelled', type: 'boolean', value: (c) => c.cancelled ?? false },
  ],
};

export const DUTIES: EntityTableSpec<Duty> = {
  table: 'duties',
  canonicalType: 'Duty',
  keyedBy: 'id',
  columns: [
    { name: 'person_id', type: 'uuid', value: (d) => d.personId },
    { name: 'duty_at_id', type: 'uuid', value: (d) => d.dutyAtId },
    { name: 'duty_role', type: 'text', value: (d) => d.dutyRole },
    { name: 'start_date', type: 'date', value: (d) => d.startDate },
    { name: 'end_date', type: 'date', value: (d) => d.endDate },
  ],
};

export const LESSON_ATTENDANCES: EntityTableSpec<LessonAttendance> = {
  table: 'lesson_attendances',
  canonicalType: 'Attendance',
  keyedBy: 'id',
  columns: [
    { name: 'student_id', type: 'uuid', value: (a) => a.studentId },
    { name: 'calendar_event_id', type: 'uuid', value: (a) => a.calendarEventId },
  ],
  sealed: [{ field: 'absenceReason', column: 'absence_reason_encrypted', encoding: 'text' }],
};

export const ABSENCE_RECORDS: EntityTableSpec<AbsenceRecord> = {
  table: 'absence_records',
  canonicalType: 'AbsenceRecord',
  keyedBy: 'source',
  columns: [
    ...SOURCE_COLUMNS,
    { name: 'student_id', type: 'uuid', value: (r) => r.studentId },
    { name: 'organisation_id', type: 'uuid', value: (r) => r.organisationId },
    { name: 'record_kind', type: 'text', value: (r) => r.recordKind },
    { name: 'category', type: 'text', value: (r) => r.category },
    { name: 'validity', type: 'text', value: (r) => r.validity },
    { name: 'date', type: 'date', value: (r) => r.date },
    { name: 'start_time', type: 'timestamptz', value: (r) => r.startTime },
    { name: 'end_time', type: 'timestamptz', value: (r) => r.endTime },
    { name: 'all_day', type: 'boolean', value: (r) => r.allDay },
    { name: 'absence_minutes', type: 'integer', value: (r) => r.absenceMinutes },
    { name: 'calendar_event_id', type: 'uuid', value: (r) => r.calendarEventId },
    { name: 'related_notice_id', type: 'uuid', value: (r) => r.relatedNoticeId },
    { name: 'leave_application_id', type: 'uuid', value: (r) => r.leaveApplicationId },
  ],
  sealed: [{ field: 'reasonText', column: 'reason_text_encrypted', encoding: 'text' }],
};

export const LEAVE_APPLICATIONS: EntityTableSpec<LeaveApplication> = {
  table: 'leave_applications',
  canonicalType: 'LeaveApplication',
  keyedBy: 'source',
  columns: [
    ...SOURCE_COLUMNS,
    { name: 'student_id', type: 'uuid', value: (l) => l.studentId },
    { name: 'organisation_id', type: 'uuid', value: (l) => l.organisationId },
    { name: 'decision_status', type: 'text', value: (l) => l.decisionStatus },
    { name: 'requested_at', type: 'timestamptz', value: (l) => l.requestedAt },
    { name: 'start_time', type: 'timestamptz', value: (l) => l.startTime },
    { name: 'end_time', type: 'timestamptz', value: (l) => l.endTime },
  ],
  sealed: [
    { field: 'reasonText', column: 'reason_text_encrypted', encoding: 'text' },
    { field: 'decisionComment', column: 'decision_comment_encrypted', encoding: 'text' },
  ],
};
