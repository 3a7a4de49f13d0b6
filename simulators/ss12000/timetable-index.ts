/**
 * The customer's teaching as SS 12000 sees it (§3, U5 only): an Activity per (class, subject)
 * with the minutes planned over the school year, and a CalendarEvent per lesson occurrence.
 * The world computes lessons per unit and day; this index, built once per world and customer,
 * answers "which activities are there" and "where is the lesson behind this event id".
 */
import { SCHOOL_DAYS, isoDateOf } from '../world/index.js';
import type { LessonOccurrence } from '../world/index.js';
import type { Scope } from './state.js';
import type { ActivityInfo, EventLocation, TimetableIndex } from './timetable-types.js';

export type { ActivityInfo, EventLocation, TimetableIndex } from './timetable-types.js';

function buildIndex(scope: Scope): TimetableIndex {
  const { world, slice } = scope;
  const units = world.units(slice, 'registrations').map((unit) => unit.code);

  const activities = new Map<string, { info: Omit<ActivityInfo, 'minutesPlanned'>; minutes: number }>();
  const events = new Map<string, EventLocation>();
  for (const unit of units) {
    for (const day of SCHOOL_DAYS) {
      const date = isoDateOf(day);
      for (const lesson of world.lessonsOfUnit(unit, date)) {
        events.set(String(world.ids.lesson(slice, lesson)), { unit, date, lessonKey: lesson.key });
        const id = world.ids.activity(slice, lesson.groupKey, lesson.subjectCode);
        const known = activities.get(id);
        if (known) known.minutes += lesson.minutes;
        else
          activities.set(id, {
            info: { id, unit, groupKey: lesson.groupKey, groupName: lesson.groupName, subjectCode: lesson.subjectCode, subjectName: lesson.subjectName },
            minutes: lesson.minutes,
          });
      }
    }
  }
  const activityList = [...activities.values()].map(({ info, minutes }) => ({ ...info, minutesPlanned: minutes }));
  const activityById = new Map(activityList.map((activity) => [activity.id, activity]));
  return {
    units,
    activities: activityList,
    activity: (id) => activityById.get(id),
    eventLocation: (id) => events.get(id),
  };
}

export function timetableIndexOf(scope: Scope): TimetableIndex {
  let index = scope.state.timetables.get(scope.tenant);
  if (!index) {
    index = buildIndex(scope);
    scope.state.timetables.set(scope.tenant, index);
  }
  return index;
}

/** The lesson occurrence behind a calendar event id, or null. */
export function lessonOfEvent(scope: Scope, eventId: string): LessonOccurrence | null {
  const location = timetableIndexOf(scope).eventLocation(eventId);
  if (!location) return null;
  return scope.world.lessonsOfUnit(location.unit, location.date).find((lesson) => lesson.key === location.lessonKey) ?? null;
}
