/**
 * `GET /aggregatedAttendance` (§3, §5): per pupil and activity, the minutes of the lessons in
 * [startDate, endDate] (both required, inclusive) that have taken place by the snapshot: offered
 * (the pupil was a member of the class that day), reported (the teacher reported the lesson), and
 * the registrations' buckets. attendance + valid + invalid + other = reported. No id, no meta.
 * Drift `noPagingAggregated` answers everything in one page, as PING PONG does.
 */
import { SCHOOL_DAYS, dayNumberOf, isoDateOf } from '../world/index.js';
import type { GroupRow, RegistrationRow, SchoolType, SliceRecord, UnitCode } from '../world/index.js';
import { ArrayCollection } from './collections.js';
import type { Entry } from './collections.js';
import { badRequest } from './errors.js';
import { unitsOfOrganisations } from './filters.js';
import type { ListResource } from './list-endpoint.js';
import { present } from './presentation.js';
import type { QueryParams } from './query-params.js';
import { References, activityName } from './references.js';
import type { Scope } from './state.js';
import { timetableIndexOf } from './timetable-index.js';

interface AggregatedParams {
  readonly startDate: string;
  readonly endDate: string;
  readonly organisation?: string;
  readonly students: readonly string[];
  readonly schoolTypes: readonly string[];
  readonly names: boolean;
}

interface Sums {
  readonly pupilKey: string;
  readonly groupKey: string;
  readonly groupName: string;
  readonly subjectCode: string;
  readonly subjectName: string;
  offered: number;
  reported: number;
  valid: number;
  invalid: number;
  other: number;
}

function aggregate(scope: Scope, params: AggregatedParams, snapshot: number): Map<string, Sums> {
  const { world, slice } = scope;
  const organisationUnits = unitsOfOrganisations(scope, params.organisation ? [params.organisation] : []);
  const units: UnitCode[] = timetableIndexOf(scope).units.filter((unit) => !organisationUnits || organisationUnits.includes(unit));
  const groups = new Map<string, GroupRow>();
  for (const record of world.query(slice, 'groups', { until: snapshot, units })) groups.set(record.key, (record as SliceRecord<GroupRow>).data);

  const sums = new Map<string, Sums>();
  const sumsOf = (pupilKey: string, lesson: { groupKey: string; groupName: string; subjectCode: string; subjectName: string }): Sums => {
    const key = `${pupilKey}|${lesson.groupKey}|${lesson.subjectCode}`;
    let entry = sums.get(key);
    if (!entry) {
      entry = { pupilKey, groupKey: lesson.groupKey, groupName: lesson.groupName, subjectCode: lesson.subjectCode, subjectName: lesson.subjectName, offered: 0, reported: 0, valid: 0, invalid: 0, other: 0 };
      sums.set(key, entry);
    }
    return entry;
  };

  const firstDay = dayNumberOf(params.startDate);
  const lastDay = dayNumberOf(params.endDate);
  for (const day of SCHOOL_DAYS) {
    if (day < firstDay || day > lastDay) continue;
    const date = isoDateOf(day);
    for (const unit of units) {
      for (const lesson of world.lessonsOfUnit(unit, date)) {
        const group = groups.get(lesson.groupKey);
        if (!group || lesson.start > snapshot) continue;
        const reported = lesson.reportedAt !== null && lesson.reportedAt <= snapshot;
        for (const member of group.members) {
          if (member.startDate > date || (member.endDate !== null && member.endDate < date)) continue;
          const entry = sumsOf(member.pupilKey, lesson);
          entry.offered += lesson.minutes;
          if (reported) entry.reported += lesson.minutes;
        }
      }
    }
  }
  const registrations = world.query(slice, 'registrations', { until: snapshot, units, fromDate: params.startDate, toDate: params.endDate });
  for (const record of registrations) {
    const registration = (record as SliceRecord<RegistrationRow>).data;
    if (record.deleted || !registration.lesson || registration.lesson.start > snapshot) continue;
    const entry = sumsOf(registration.pupilKey, registration.lesson);
    entry.valid += registration.buckets.valid;
    entry.invalid += registration.buckets.invalid;
    entry.other += registration.buckets.other;
  }
  // Keep only (pupil, activity) pairs matching the remaining filters.
  for (const [key, entry] of sums) {
    const group = groups.get(entry.groupKey);
    const schoolType: SchoolType | undefined = group?.schoolType;
    if (params.schoolTypes.length > 0 && (schoolType === undefined || !params.schoolTypes.includes(schoolType))) sums.delete(key);
  }
  return sums;
}

export const aggregatedAttendanceResource: ListResource<AggregatedParams> = {
  name: 'aggregatedAttendance',
  unpagedUnder: 'noPagingAggregated',
  parse(params: QueryParams): AggregatedParams {
    const startDate = params.date('startDate');
    const endDate = params.date('endDate');
    if (startDate === undefined || endDate === undefined) throw badRequest('Parameters startDate and endDate are both required');
    if (endDate < startDate) throw badRequest('Parameter endDate must not be before startDate');
    return {
      startDate,
      endDate,
      organisation: params.uuid('organisation'),
      students: params.uuids('student'),
      schoolTypes: params.strings('schoolType'),
      names: params.boolean('expandReferenceNames') ?? false,
    };
  },
  collect(scope, params, snapshot) {
    const refs = new References(scope, false);
    const entries: Entry<Sums>[] = [];
    for (const sums of aggregate(scope, params, snapshot).values()) {
      const studentId = refs.personId(sums.pupilKey);
      if (params.students.length > 0 && !params.students.includes(studentId)) continue;
      const activityId = refs.activityId(sums.groupKey, sums.subjectCode);
      entries.push({ lastChanged: 0, createdAt: 0, id: `${studentId}|${activityId}`, key: `${sums.pupilKey}|${activityId}`, payload: sums });
    }
    return new ArrayCollection(entries.sort((left, right) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0)));
  },
  render(entries, scope, params) {
    const refs = new References(scope, params.names);
    return entries.map((entry) => {
      const sums = entry.payload as Sums;
      const attendance = Math.max(0, sums.reported - sums.valid - sums.invalid - sums.other);
      return present(
        scope.context,
        entry.id,
        {
          activity: refs.activity(sums.groupKey, sums.subjectCode, activityName(sums.subjectName, sums.groupName)),
          student: refs.person(sums.pupilKey),
          startDate: params.startDate,
          endDate: params.endDate,
          attendanceSum: attendance,
          validAbsenceSum: sums.valid,
          invalidAbsenceSum: sums.invalid,
          otherAttendanceSum: sums.other,
          reportedSum: sums.reported,
          offeredSum: sums.offered,
        },
        null,
      );
    });
  },
};
