/** The shapes of the teaching index (timetable-index.ts), apart so the state can hold one without a cycle. */
import type { UnitCode } from '../world/index.js';

export interface ActivityInfo {
  readonly id: string;
  readonly unit: UnitCode;
  readonly groupKey: string;
  readonly groupName: string;
  readonly subjectCode: string;
  readonly subjectName: string;
  readonly minutesPlanned: number;
}

export interface EventLocation {
  readonly unit: UnitCode;
  readonly date: string;
  readonly lessonKey: string;
}

export interface TimetableIndex {
  /** Units whose lessons SS 12000 publishes (its registrations role). */
  readonly units: readonly UnitCode[];
  readonly activities: readonly ActivityInfo[];
  activity(id: string): ActivityInfo | undefined;
  /** The lesson behind a calendar event id, or undefined. */
  eventLocation(id: string): EventLocation | undefined;
}
