/**
 * `GET /deletedEntities?after=…&entities=…` (§4): ids of entities deleted after `after`
 * (exclusive; absent = ever), grouped under the standard's plural keys. Keys of requested types
 * are present, possibly empty; others are omitted (no `entities` = every type). The key for
 * activities is spelled `activitites`, as in the standard; drift `activitiesSpelledRight` fixes it.
 * Deletions here: persons (`deletePerson`), absences (cancelled notices) and attendances.
 */
import type { StreamName } from '../world/index.js';
import { ArrayCollection } from './collections.js';
import type { Entry } from './collections.js';
import { OBJECT_TYPES } from './constants.js';
import type { ObjectType } from './constants.js';
import type { ListResource } from './list-endpoint.js';
import type { QueryParams } from './query-params.js';
import type { Scope } from './state.js';

const KEYS: Readonly<Record<ObjectType, string>> = {
  Absence: 'absences',
  AttendanceEvent: 'attendanceEvents',
  Attendance: 'attendances',
  Grade: 'grades',
  CalendarEvent: 'calendarEvents',
  AttendanceSchedule: 'attendanceSchedules',
  Resource: 'resources',
  Room: 'rooms',
  Activity: 'activitites',
  Duty: 'duties',
  Placement: 'placements',
  StudyPlan: 'studyPlans',
  Programme: 'programmes',
  Syllabus: 'syllabuses',
  SchoolUnitOffering: 'schoolUnitOfferings',
  Group: 'groups',
  Person: 'persons',
  Organisation: 'organisations',
};

/** The world streams whose tombstones are deletions of each type (others are never deleted here). */
const STREAMS: Partial<Readonly<Record<ObjectType, readonly StreamName[]>>> = {
  Person: ['pupils', 'guardians'],
  Absence: ['notices'],
  Attendance: ['registrations'],
};

interface DeletedParams {
  /** Exclusive; absent = every deletion. */
  readonly after?: number;
  readonly types: readonly ObjectType[];
}

interface Deletion {
  readonly type: ObjectType;
}

function keyOf(type: ObjectType, scope: Scope): string {
  return type === 'Activity' && scope.context.drift.has('activitiesSpelledRight') ? 'activities' : KEYS[type];
}

export const deletedEntitiesResource: ListResource<DeletedParams> = {
  name: 'deletedEntities',
  parse(params: QueryParams): DeletedParams {
    const requested = params.manyOf('entities', OBJECT_TYPES);
    return {
      after: params.instant('after'),
      types: requested.length === 0 ? [...OBJECT_TYPES] : OBJECT_TYPES.filter((type) => requested.includes(type)),
    };
  },
  collect(scope, params, snapshot) {
    const entries: Entry<Deletion>[] = [];
    for (const type of params.types) {
      for (const stream of STREAMS[type] ?? []) {
        // `after: -1` lists tombstones too (a backfill query would leave them out).
        for (const record of scope.world.query(scope.slice, stream, { after: params.after ?? -1, until: snapshot })) {
          if (record.deleted) entries.push({ lastChanged: record.lastChanged, createdAt: record.createdAt, id: String(record.id), key: record.key, payload: { type } });
        }
      }
    }
    return new ArrayCollection(entries);
  },
  render(entries, scope, params) {
    const data: Record<string, string[]> = {};
    for (const type of params.types) data[keyOf(type, scope)] = [];
    for (const entry of entries) data[keyOf((entry.payload as Deletion).type, scope)]?.push(entry.id);
    return data;
  },
};
