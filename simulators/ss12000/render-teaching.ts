/**
 * Activity and CalendarEvent (§4, U5 only). Both are created with the schedule at the summer
 * rollover, when the class group is created, and never change afterwards; attendance is expand
 * data and does not move an event's `meta.modified` (§2).
 */
import { FIRST_SCHOOL_DAY, LAST_SCHOOL_DAY } from '../world/index.js';
import type { LessonOccurrence } from '../world/index.js';
import type { JsonRecord } from './presentation.js';
import { activityName } from './references.js';
import type { References } from './references.js';
import type { ActivityInfo } from './timetable-index.js';
import { meta, rfc3339 } from './wire-time.js';

export function renderActivity(activity: ActivityInfo, scheduledAt: number, refs: References): JsonRecord {
  return {
    id: activity.id,
    meta: meta(scheduledAt, scheduledAt),
    displayName: activityName(activity.subjectName, activity.groupName),
    activityType: 'Undervisning',
    calendarEventsRequired: true,
    groups: [refs.group(activity.groupKey, activity.groupName)],
    organisation: refs.unit(activity.unit),
    startDate: FIRST_SCHOOL_DAY,
    endDate: LAST_SCHOOL_DAY,
    minutesPlanned: activity.minutesPlanned,
  };
}

export function renderCalendarEvent(lesson: LessonOccurrence, id: string, scheduledAt: number, refs: References): JsonRecord {
  return {
    id,
    meta: meta(scheduledAt, scheduledAt),
    activity: refs.activity(lesson.groupKey, lesson.subjectCode, activityName(lesson.subjectName, lesson.groupName)),
    startTime: rfc3339(lesson.start),
    endTime: rfc3339(lesson.end),
    cancelled: false,
    teachingLengthStudent: lesson.minutes,
    teachingLengthTeacher: lesson.minutes,
  };
}
