/** A `GetStudents` row (platform file §4) from a world pupil record. */
import type { EnrolmentView, PupilRow, SliceRecord } from '../world/index.js';
import { isoDateOf, localDayNumberOf } from '../world/index.js';
import { formatLocalTimestamp } from './wire-dates.js';
import { formCode, joinCodes, sortedCodes } from './schools.js';
import { guid, pupilIds, recordId } from './render-scope.js';
import type { RenderScope } from './render-scope.js';

/** The enrolment at the answering school that is current at the snapshot (or its latest one). */
function enrolmentAt(scope: RenderScope, pupil: PupilRow): EnrolmentView | null {
  const today = isoDateOf(localDayNumberOf(scope.until));
  const atSchool = pupil.enrolments.filter((enrolment) => enrolment.unit === scope.school.unit);
  return atSchool.find((enrolment) => enrolment.startDate <= today && (enrolment.endDate === null || enrolment.endDate >= today)) ?? atSchool[atSchool.length - 1] ?? null;
}

/** `Grade` is a string: `"F"` for förskoleklass, `"1"`–`"9"`. */
function grade(enrolment: EnrolmentView): string {
  return enrolment.schoolType === 'FKLASS' || enrolment.schoolYear === 0 ? 'F' : String(enrolment.schoolYear);
}

/** The pupil's forms: the enrolment's, plus `F` when the pupil attends fritidshem. */
function statusCodes(pupil: PupilRow, enrolment: EnrolmentView | null): string[] {
  const codes = enrolment ? [formCode(enrolment.schoolType)] : [];
  if (pupil.attendsFritids) codes.push('F');
  return sortedCodes(codes);
}

export function renderStudent(scope: RenderScope, record: SliceRecord<PupilRow>): Record<string, unknown> {
  const pupil = record.data;
  const enrolment = enrolmentAt(scope, pupil);
  const classKey = enrolment?.classKey ?? null;
  const { SDSId } = pupilIds(scope, pupil.pupilKey);
  return {
    Id: recordId(scope, record, 'student'),
    SDSId,
    Name: `${pupil.givenName} ${pupil.familyName} (elev)`,
    FIRSTNAME: pupil.givenName,
    LASTNAME: pupil.familyName,
    SOCIALNUMBER: pupil.civicNo,
    Status: joinCodes(statusCodes(pupil, enrolment), scope.context.drift),
    UserType: 'Student',
    SchoolId: scope.school.id,
    SchoolName: scope.school.name,
    Grade: enrolment ? grade(enrolment) : null,
    ClassName: enrolment?.className ?? null,
    ClassId: classKey === null ? null : guid(scope, 'group', classKey),
    Classes: classKey === null ? null : `VHsidan_${guid(scope, 'VHsidan', classKey)};Section_${guid(scope, 'Section', classKey)}`,
    ProtectedIdentity: pupil.protectedIdentity,
    StartDate: enrolment?.startDate ?? null,
    EndDate: enrolment?.endDate ?? null,
    Modified: formatLocalTimestamp(record.lastChanged),
    Removed: record.deleted,
  };
}
