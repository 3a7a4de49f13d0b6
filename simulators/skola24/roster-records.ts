/**
 * Roster records as Skola24's JSON writes them (skola24.md §5): units, students with their
 * `studentUnits`, guardians with their `children`. Keys in the file's order, camelCase.
 */
import { codes } from '../world/index.js';
import type { GuardianRow, PupilRow, SliceRecord, Unit } from '../world/index.js';
import type { Directory } from './directory.js';
import { formatDotNetStamp } from './wire-time.js';

export type JsonRecord = Record<string, unknown>;

/**
 * `19820214-9863` (12 digits with `-`, as the file shows). A number the platform holds in 10
 * digits (X9) keeps that length, `130512-9825`: the connector must see it is malformed.
 */
export function formatPersonalIdentityNumber(civicNo: string): string {
  const dash = civicNo.length === 12 ? 8 : civicNo.length === 10 ? 6 : -1;
  return dash < 0 ? civicNo : `${civicNo.slice(0, dash)}-${civicNo.slice(dash)}`;
}

export function renderUnit(unit: Unit, municipalityCode: string, directory: Directory): JsonRecord {
  return {
    unitGuid: directory.unitGuid(unit.code),
    unitId: unit.name,
    schoolUnitCode: unit.schoolUnitCode,
    schoolTypes: [...unit.schoolTypes],
    municipalityCode,
    isActive: true,
  };
}

export function renderStudent(record: SliceRecord<PupilRow>, directory: Directory): JsonRecord {
  const pupil = record.data;
  return {
    personGuid: String(record.id),
    firstName: pupil.givenName,
    lastName: pupil.familyName,
    personalIdentityNumber: formatPersonalIdentityNumber(pupil.civicNo),
    hasProtectedIdentity: pupil.protectedIdentity,
    isOfAge: pupil.isOfAge,
    studentUnits: pupil.enrolments.map((enrolment) => ({
      unitGuid: directory.unitGuid(enrolment.unit),
      schoolType: enrolment.schoolType,
      schoolYear: enrolment.schoolYear,
      classGroupGuid: directory.groupGuid(enrolment.unit, enrolment.classKey),
      className: enrolment.className,
      startDate: enrolment.startDate,
      endDate: enrolment.endDate,
    })),
    lastChanged: formatDotNetStamp(record.lastChanged),
    isActive: !record.deleted,
  };
}

/** A guardian as of `snapshot`; Skola24 keeps an ended relation listed with its `validTo`. */
export function renderGuardian(record: SliceRecord<GuardianRow>, directory: Directory, snapshot: number): JsonRecord {
  const guardian = record.data;
  return {
    personGuid: String(record.id),
    firstName: guardian.givenName,
    lastName: guardian.familyName,
    personalIdentityNumber: formatPersonalIdentityNumber(guardian.civicNo),
    hasProtectedIdentity: guardian.protectedIdentity,
    email: guardian.contact?.email ?? null,
    mobilePhone: guardian.contact?.mobile ?? null,
    children: codes.shownRelations('skola24', guardian.children, snapshot).map((relation) => ({
      studentPersonGuid: directory.pupilGuid(relation.pupilKey),
      relationId: codes.skola24.relationId(relation.kind),
      relationDescription: codes.skola24.relationDescription(relation.kind),
      validFrom: relation.validFrom,
      validTo: relation.validTo,
    })),
    lastChanged: formatDotNetStamp(record.lastChanged),
    isActive: !record.deleted,
  };
}
