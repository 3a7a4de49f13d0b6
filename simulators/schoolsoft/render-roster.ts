/**
 * Roster records in SchoolSoft's shape (schoolsoft.md §4): schools, the school year, leave
 * reasons, students with their `schools[]`, and parents with their `children[]`.
 */
import { FIRST_SCHOOL_DAY, LAST_SCHOOL_DAY, SCHOOL_YEAR_NAME, codes } from '../world/index.js';
import type { GuardianRow, LeaveRow, MunicipalityKey, PupilRow, Slice, SliceRecord, World } from '../world/index.js';
import { localDateOf, localMidnightMs, localTimestamp, socialNumber, username } from './formats.js';
import type { School as TenantSchool } from './tenancy.js';
import { municipalityCodeOf } from './tenancy.js';
import type { CodeValue, Parent, School, SchoolYear, Student } from './wire.js';

/** What a renderer needs: the world, the tenant's slice and the instant the list shows. */
export interface RenderScope {
  readonly world: World;
  readonly slice: Slice;
  readonly asOf: number;
}

export function renderSchool(school: TenantSchool, tenant: MunicipalityKey): School {
  return {
    orgId: school.orgId,
    name: school.unit.name,
    schoolUnitCode: school.unit.schoolUnitCode,
    // SchoolSoft lists school forms, not förskoleklass or fritidshem as their own.
    schoolTypes: school.unit.schoolTypes.filter((type) => type === 'GR' || type === 'GY'),
    municipalityCode: municipalityCodeOf(tenant),
    active: true,
  };
}

/** The one school year the world has; `current` while the clock is inside it (or before it ends). */
export function renderSchoolYear(world: World, slice: Slice): SchoolYear {
  const endDate = localMidnightMs(LAST_SCHOOL_DAY);
  return {
    schoolYearId: Number(world.ids.schoolYear(slice)),
    name: SCHOOL_YEAR_NAME,
    startDate: localMidnightMs(FIRST_SCHOOL_DAY),
    endDate,
    current: localDateOf(world.now()) <= LAST_SCHOOL_DAY,
  };
}

/**
 * Leave reasons (`codevalues/student-leave-reasons`): the world's reason codes for SchoolSoft,
 * `3` Resa, `4` Familjeangelägenhet and `5` Övrigt, so every `reason` a leave row carries resolves.
 */
export function leaveReasonCodeValues(): CodeValue[] {
  const reasons: readonly LeaveRow['reason'][] = ['vacation', 'family', 'other'];
  // The code table reads only `reason` of a leave row.
  return reasons.map((reason) => codes.schoolsoft.leaveReason({ reason } as LeaveRow));
}

export function renderStudent(scope: RenderScope, record: SliceRecord<PupilRow>): Student {
  const row = record.data;
  const today = localDateOf(scope.asOf);
  return {
    studentId: Number(record.id),
    guid: scope.world.ids.named(scope.slice, 'student', row.pupilKey),
    username: username(row.givenName, row.familyName),
    firstName: row.givenName,
    lastName: row.familyName,
    socialNumber: socialNumber(row.civicNo),
    isOfAge: row.isOfAge,
    protectedIdentity: row.protectedIdentity,
    schools: row.enrolments.map((enrolment) => ({
      orgId: Number(scope.world.ids.unit(scope.slice, enrolment.unit)),
      className: enrolment.className,
      schoolType: enrolment.schoolType,
      schoolYear: enrolment.schoolYear,
      startDate: localMidnightMs(enrolment.startDate),
      endDate: enrolment.endDate === null ? null : localMidnightMs(enrolment.endDate),
      studentActive: enrolment.startDate <= today && (enrolment.endDate === null || enrolment.endDate >= today),
    })),
    changed: localTimestamp(record.lastChanged),
    deleted: record.deleted,
  };
}

export function renderParent(scope: RenderScope, record: SliceRecord<GuardianRow>): Parent {
  const row = record.data;
  return {
    userId: Number(record.id),
    guid: scope.world.ids.named(scope.slice, 'parent', row.guardianKey),
    firstName: row.givenName,
    lastName: row.familyName,
    socialNumber: socialNumber(row.civicNo),
    email: row.contact?.email ?? null,
    // SchoolSoft stores mobile numbers as digits only.
    mobile: row.contact ? row.contact.mobile.replace(/\D/g, '') : null,
    protectedIdentity: row.protectedIdentity,
    children: codes.shownRelations('schoolsoft', row.children, scope.asOf).flatMap((relation) => {
      const studentId = scope.world.ids.pupil(scope.slice, relation.pupilKey);
      if (studentId === null) return [];
      return [{ studentId: Number(studentId), relation: codes.schoolsoft.relation(relation.kind) as Parent['children'][number]['relation'], parentAllowedAccess: relation.accessAllowed }];
    }),
    changed: localTimestamp(record.lastChanged),
    deleted: record.deleted,
  };
}
