/**
 * Lesson context (model §1.8): only what absence needs. Activity, CalendarEvent and Duty are
 * minimal; LessonAttendance is the optional per-lesson projection in SS 12000 Attendance shape
 * (model §1.9). Their source forms exist for connectors that read them (SS 12000) but they are
 * not among the `normalize` streams, so they are not part of `SourceRecordSchema`.
 */
import { z } from 'zod';
import { DutyRoleSchema } from './enums.js';
import { defineEntity, optionalRef, ref, refList } from './two-forms.js';
import { DateSchema, DateTimeSchema, MinutesSchema, NonEmptyStringSchema } from './value-objects.js';

// ── Activity ─────────────────────────────────────────────────────────────────────────────────

const activity = defineEntity('Activity', {
  displayName: NonEmptyStringSchema,
  group: refList(),
  subjectCode: NonEmptyStringSchema.nullish(),
  subjectName: NonEmptyStringSchema.nullish(),
  organisation: optionalRef(),
});

export const ActivitySchema = activity.canonical;
export type Activity = z.infer<typeof ActivitySchema>;

export const SourceActivitySchema = activity.source;
export type SourceActivity = z.infer<typeof SourceActivitySchema>;

// ── CalendarEvent ────────────────────────────────────────────────────────────────────────────

const calendarEvent = defineEntity('CalendarEvent', {
  activity: ref(),
  startTime: DateTimeSchema,
  endTime: DateTimeSchema,
  cancelled: z.boolean().nullish(),
  /** Minutes the pupil is scheduled to attend: the denominator of attendance. */
  teachingLengthStudent: MinutesSchema.nullish(),
  organisation: optionalRef(),
});

export const CalendarEventSchema = calendarEvent.canonical;
export type CalendarEvent = z.infer<typeof CalendarEventSchema>;

export const SourceCalendarEventSchema = calendarEvent.source;
export type SourceCalendarEvent = z.infer<typeof SourceCalendarEventSchema>;

// ── Duty ─────────────────────────────────────────────────────────────────────────────────────

/** Lets us resolve "reported by teacher ABC" to a Person. */
const duty = defineEntity('Duty', {
  person: ref(),
  /** SS 12000 `dutyAt`: the Organisation the duty is at (named `…Id` like every reference). */
  dutyAt: ref(),
  dutyRole: DutyRoleSchema,
  signature: NonEmptyStringSchema.nullish(),
  startDate: DateSchema.nullish(),
  endDate: DateSchema.nullish(),
});

export const DutySchema = duty.canonical;
export type Duty = z.infer<typeof DutySchema>;

export const SourceDutySchema = duty.source;
export type SourceDuty = z.infer<typeof SourceDutySchema>;

// ── LessonAttendance ─────────────────────────────────────────────────────────────────────────

/** One row per (student, calendar event), as SS 12000 Attendance; what `/attendances` is served from. */
const lessonAttendance = defineEntity('LessonAttendance', {
  student: ref(),
  calendarEvent: ref(),
  attendanceMinutes: MinutesSchema.nullish(),
  validAbsenceMinutes: MinutesSchema.nullish(),
  invalidAbsenceMinutes: MinutesSchema.nullish(),
  otherAttendanceMinutes: MinutesSchema.nullish(),
  /** Free text from the platform: sensitive, like AbsenceRecord.reasonText. */
  absenceReason: z.string().nullish(),
  isReported: z.boolean().nullish(),
  reportedTimestamp: DateTimeSchema.nullish(),
  reporter: optionalRef(),
});

export const LessonAttendanceSchema = lessonAttendance.canonical;
export type LessonAttendance = z.infer<typeof LessonAttendanceSchema>;

export const SourceLessonAttendanceSchema = lessonAttendance.source;
export type SourceLessonAttendance = z.infer<typeof SourceLessonAttendanceSchema>;
