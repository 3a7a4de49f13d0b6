/**
 * `GET /activities` and `GET /calendarEvents` (§3, U5 only), and the rendering of calendar events
 * that `POST /calendarEvents/lookup` shares. `GET /calendarEvents` requires both
 * `startTime.onOrAfter` and `startTime.onOrBefore` (inclusive, "från och med" / "till och med");
 * `expand=attendance` embeds the event's Attendance rows as of the snapshot.
 */
import { SCHOOL_DAYS, compareRecords, isoDateOf, localDayNumberOf } from '../world/index.js';
import type { GroupRow, LessonOccurrence, RegistrationRow, SliceRecord, UnitCode } from '../world/index.js';
import { ArrayCollection } from './collections.js';
import type { Entry } from './collections.js';
import { badRequest } from './errors.js';
import { byModifiedDesc, byNumber, byText, metaMatches, parseMetaFilter, unitsOfOrganisations } from './filters.js';
import type { EntryOrder, MetaFilter } from './filters.js';
import type { ListResource } from './list-endpoint.js';
import { ATTENDANCE_FIELDS, present } from './presentation.js';
import type { JsonRecord } from './presentation.js';
import type { QueryParams } from './query-params.js';
import { References, activityName } from './references.js';
import { renderAttendance } from './render-absence.js';
import { renderActivity, renderCalendarEvent } from './render-teaching.js';
import type { Scope } from './state.js';
import { timetableIndexOf } from './timetable-index.js';
import type { ActivityInfo } from './timetable-index.js';

/** Class groups of the customer at the snapshot: their creation is when their schedule was made. */
function groupsAt(scope: Scope, snapshot: number): Map<string, SliceRecord<GroupRow>> {
  const groups = new Map<string, SliceRecord<GroupRow>>();
  for (const record of scope.world.query(scope.slice, 'groups', { until: snapshot })) groups.set(record.key, record as SliceRecord<GroupRow>);
  return groups;
}

/** A pupil's memberships by group key: `isMember(groupKey, date)`. */
function membershipOf(groups: Map<string, SliceRecord<GroupRow>>, pupilId: string, refs: References): (groupKey: string, date: string) => boolean {
  const spans = new Map<string, { startDate: string; endDate: string | null }[]>();
  for (const [groupKey, group] of groups) {
    for (const member of group.data.members) {
      if (refs.personId(member.pupilKey) !== pupilId) continue;
      spans.set(groupKey, [...(spans.get(groupKey) ?? []), { startDate: member.startDate, endDate: member.endDate }]);
    }
  }
  return (groupKey, date) => (spans.get(groupKey) ?? []).some((span) => span.startDate <= date && (span.endDate === null || span.endDate >= date));
}

// ── Activities ─────────────────────────────────────────────────────────────────────────────

const ACTIVITY_SORT_KEYS = ['ModifiedDesc', 'DisplayNameAsc'] as const;

interface ActivityParams {
  readonly meta: MetaFilter;
  readonly organisation?: string;
  readonly group?: string;
  readonly names: boolean;
  readonly sortkey?: (typeof ACTIVITY_SORT_KEYS)[number];
}

const ACTIVITY_ORDERS: Readonly<Record<(typeof ACTIVITY_SORT_KEYS)[number], EntryOrder>> = {
  ModifiedDesc: byModifiedDesc,
  DisplayNameAsc: byText((entry) => {
    const activity = entry.payload as ActivityInfo;
    return activityName(activity.subjectName, activity.groupName);
  }),
};

export const activitiesResource: ListResource<ActivityParams> = {
  name: 'activities',
  parse(params: QueryParams): ActivityParams {
    return {
      meta: parseMetaFilter(params),
      organisation: params.uuid('organisation'),
      group: params.uuid('group'),
      names: params.boolean('expandReferenceNames') ?? false,
      sortkey: params.oneOf('sortkey', ACTIVITY_SORT_KEYS),
    };
  },
  collect(scope, params, snapshot) {
    const units = unitsOfOrganisations(scope, params.organisation ? [params.organisation] : []);
    const groups = groupsAt(scope, snapshot);
    const refs = new References(scope, false);
    const entries: Entry<ActivityInfo>[] = [];
    for (const activity of timetableIndexOf(scope).activities) {
      const group = groups.get(activity.groupKey);
      if (!group || (units && !units.includes(activity.unit)) || (params.group && refs.groupId(activity.groupKey) !== params.group)) continue;
      const entry = { lastChanged: group.createdAt, createdAt: group.createdAt, id: activity.id, key: activity.id, payload: activity };
      if (metaMatches(params.meta, entry)) entries.push(entry);
    }
    return new ArrayCollection(entries.sort(params.sortkey ? ACTIVITY_ORDERS[params.sortkey] : compareRecords));
  },
  render(entries, scope, params) {
    const refs = new References(scope, params.names);
    return entries.map((entry) => present(scope.context, entry.id, renderActivity(entry.payload as ActivityInfo, entry.createdAt, refs), null));
  },
};

// ── Calendar events ────────────────────────────────────────────────────────────────────────

export const CALENDAR_EVENT_EXPANSIONS = ['activity', 'attendance'] as const;
export type CalendarEventExpansion = (typeof CALENDAR_EVENT_EXPANSIONS)[number];
const EVENT_SORT_KEYS = ['ModifiedDesc', 'StartTimeAsc', 'StartTimeDesc'] as const;

interface CalendarEventParams {
  readonly meta: MetaFilter;
  readonly startFrom: number;
  readonly startTo: number;
  readonly endFrom?: number;
  readonly endTo?: number;
  readonly activity?: string;
  readonly student?: string;
  readonly organisation?: string;
  readonly group?: string;
  readonly expand: readonly CalendarEventExpansion[];
  readonly names: boolean;
  readonly sortkey?: (typeof EVENT_SORT_KEYS)[number];
}

export interface EventPayload {
  readonly lesson: LessonOccurrence;
  readonly unit: UnitCode;
}

const startOf = (entry: Entry): number => (entry.payload as EventPayload).lesson.start;
const EVENT_ORDERS: Readonly<Record<(typeof EVENT_SORT_KEYS)[number], EntryOrder>> = {
  ModifiedDesc: byModifiedDesc,
  StartTimeAsc: byNumber(startOf),
  StartTimeDesc: byNumber(startOf, true),
};

/** The event entry of a lesson, or null when its group's schedule did not exist at the snapshot. */
export function eventEntry(scope: Scope, lesson: LessonOccurrence, groups: Map<string, SliceRecord<GroupRow>>): Entry<EventPayload> | null {
  const group = groups.get(lesson.groupKey);
  if (!group) return null;
  const id = String(scope.world.ids.lesson(scope.slice, lesson));
  return { lastChanged: group.createdAt, createdAt: group.createdAt, id, key: lesson.key, payload: { lesson, unit: lesson.unit } };
}

type AttendanceIndex = Map<string, SliceRecord<RegistrationRow>[]>;

/** Attendance rows (not withdrawn) of lessons in the units and dates at the snapshot, by calendar event id. */
function attendanceIndex(scope: Scope, units: readonly UnitCode[], fromDay: number, toDay: number, snapshot: number): AttendanceIndex {
  const byEvent: AttendanceIndex = new Map();
  if (units.length === 0 || fromDay > toDay) return byEvent;
  for (const record of scope.world.query(scope.slice, 'registrations', { until: snapshot, units, fromDate: isoDateOf(fromDay), toDate: isoDateOf(toDay) })) {
    const registration = record as SliceRecord<RegistrationRow>;
    if (registration.deleted) continue;
    const eventId = String(registration.data.lessonId);
    const list = byEvent.get(eventId) ?? [];
    list.push(registration);
    byEvent.set(eventId, list);
  }
  return byEvent;
}

/** The events' own span: what a lookup (which has no date filter) needs. */
function attendanceOfEvents(scope: Scope, events: readonly Entry<EventPayload>[], snapshot: number): AttendanceIndex {
  const days = events.map((event) => event.payload.lesson.day);
  const units = [...new Set(events.map((event) => event.payload.unit))];
  return attendanceIndex(scope, units, Math.min(...days), Math.max(...days), snapshot);
}

/**
 * A paged query's attendance, computed once for its whole date range: every page of one query
 * reads the same snapshot, and its stored params object is the same on every page.
 */
const queryAttendance = new WeakMap<CalendarEventParams, AttendanceIndex>();

export function renderCalendarEvents(
  entries: readonly Entry[],
  scope: Scope,
  options: { expand: readonly CalendarEventExpansion[]; names: boolean; attendance?: () => AttendanceIndex },
  snapshot: number,
): JsonRecord[] {
  const refs = new References(scope, options.names);
  const events = entries as readonly Entry<EventPayload>[];
  const attendance = options.expand.includes('attendance') && events.length > 0 ? (options.attendance?.() ?? attendanceOfEvents(scope, events, snapshot)) : null;
  const index = timetableIndexOf(scope);
  return events.map((entry) => {
    const { lesson } = entry.payload;
    const event = renderCalendarEvent(lesson, entry.id, entry.createdAt, refs);
    if (options.expand.length > 0) {
      const parts: JsonRecord = {};
      if (options.expand.includes('activity')) {
        const activity = index.activity(refs.activityId(lesson.groupKey, lesson.subjectCode));
        parts.activity = activity ? present(scope.context, activity.id, renderActivity(activity, entry.createdAt, refs), null) : undefined;
      }
      if (attendance) {
        parts.attendance = (attendance.get(entry.id) ?? []).map((record) =>
          present(scope.context, String(record.id), renderAttendance(record, refs), { recordType: 'absences', fields: ATTENDANCE_FIELDS }),
        );
      }
      event._embedded = parts;
    }
    return present(scope.context, entry.id, event, null);
  });
}

/** Units with calendar events, narrowed by the `organisation` filter. */
function eventUnits(scope: Scope, params: CalendarEventParams): UnitCode[] {
  const organisationUnits = unitsOfOrganisations(scope, params.organisation ? [params.organisation] : []);
  return timetableIndexOf(scope).units.filter((unit) => !organisationUnits || organisationUnits.includes(unit));
}

export const calendarEventsResource: ListResource<CalendarEventParams> = {
  name: 'calendarEvents',
  parse(params: QueryParams): CalendarEventParams {
    const startFrom = params.instant('startTime.onOrAfter');
    const startTo = params.instant('startTime.onOrBefore');
    if (startFrom === undefined || startTo === undefined) throw badRequest('Parameters startTime.onOrAfter and startTime.onOrBefore are both required');
    return {
      meta: parseMetaFilter(params),
      startFrom,
      startTo,
      endFrom: params.instant('endTime.onOrAfter'),
      endTo: params.instant('endTime.onOrBefore'),
      activity: params.uuid('activity'),
      student: params.uuid('student'),
      organisation: params.uuid('organisation'),
      group: params.uuid('group'),
      expand: params.manyOf('expand', CALENDAR_EVENT_EXPANSIONS),
      names: params.boolean('expandReferenceNames') ?? false,
      sortkey: params.oneOf('sortkey', EVENT_SORT_KEYS),
    };
  },
  collect(scope, params, snapshot) {
    const units = eventUnits(scope, params);
    const groups = groupsAt(scope, snapshot);
    const refs = new References(scope, false);
    const isMember = params.student ? membershipOf(groups, params.student, refs) : null;
    const firstDay = localDayNumberOf(params.startFrom);
    const lastDay = localDayNumberOf(params.startTo);
    const entries: Entry<EventPayload>[] = [];
    for (const day of SCHOOL_DAYS) {
      if (day < firstDay || day > lastDay) continue;
      const date = isoDateOf(day);
      for (const unit of units) {
        for (const lesson of scope.world.lessonsOfUnit(unit, date)) {
          if (lesson.start < params.startFrom || lesson.start > params.startTo) continue;
          if ((params.endFrom !== undefined && lesson.end < params.endFrom) || (params.endTo !== undefined && lesson.end > params.endTo)) continue;
          if (params.group && refs.groupId(lesson.groupKey) !== params.group) continue;
          if (params.activity && refs.activityId(lesson.groupKey, lesson.subjectCode) !== params.activity) continue;
          if (isMember && !isMember(lesson.groupKey, date)) continue;
          const entry = eventEntry(scope, lesson, groups);
          if (entry && metaMatches(params.meta, entry)) entries.push(entry);
        }
      }
    }
    return new ArrayCollection(entries.sort(params.sortkey ? EVENT_ORDERS[params.sortkey] : compareRecords));
  },
  render(entries, scope, params, snapshot) {
    const attendance = (): AttendanceIndex => {
      let index = queryAttendance.get(params);
      if (!index) {
        index = attendanceIndex(scope, eventUnits(scope, params), localDayNumberOf(params.startFrom), localDayNumberOf(params.startTo), snapshot);
        queryAttendance.set(params, index);
      }
      return index;
    };
    return renderCalendarEvents(entries, scope, { ...params, attendance }, snapshot);
  },
};
