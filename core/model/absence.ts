/**
 * AbsenceRecord (model §1.9): one absence fact from one source, either a notice over a period or
 * a registered outcome for one lesson or one day, plus the LessonSnapshot it carries when the
 * platform has no stable lesson ids (model §5.9). The invariants between kind, category,
 * validity, times and minutes hold in both forms, so a connector's mapping bug is quarantined
 * with the field named instead of reaching the rule packs.
 */
import { z } from 'zod';
import {
  AbsenceCategorySchema,
  ReasonCategorySchema,
  RecordKindSchema,
  ReportedByRoleSchema,
  SchoolTypeSchema,
  ValiditySchema,
} from './enums.js';
import type { AbsenceCategory, RecordKind, Validity } from './enums.js';
import { requireStartBeforeEnd } from './intervals.js';
import { defineEntity, knownLater, optionalRef, ref } from './two-forms.js';
import {
  DateSchema,
  DateTimeSchema,
  MinutesSchema,
  NonEmptyStringSchema,
  SourceRefSchema,
} from './value-objects.js';

/** The lesson as the platform described it, used when there is no CalendarEvent to point at. */
export const LessonSnapshotSchema = z.strictObject({
  sourceLessonId: NonEmptyStringSchema.nullish(),
  subjectCode: NonEmptyStringSchema.nullish(),
  subjectName: NonEmptyStringSchema.nullish(),
  startTime: DateTimeSchema.nullish(),
  endTime: DateTimeSchema.nullish(),
  teacherSignature: NonEmptyStringSchema.nullish(),
});
export type LessonSnapshot = z.infer<typeof LessonSnapshotSchema>;

const absenceRecord = defineEntity('AbsenceRecord', {
  student: ref(),
  /** The school unit concerned (SS 12000 `Absence.organisation`), when known. */
  organisation: optionalRef(),
  schoolType: SchoolTypeSchema.nullish(),
  recordKind: RecordKindSchema,
  category: AbsenceCategorySchema,
  validity: ValiditySchema,
  /** School-local date; the first day of a multi-day notice. An SS 12000 attendance page alone cannot tell it. */
  date: knownLater(DateSchema),
  startTime: DateTimeSchema.nullish(),
  endTime: DateTimeSchema.nullish(),
  /** The whole school day. */
  allDay: z.boolean().nullish(),
  /** Minutes absent, or minutes late for `lateArrival`. */
  absenceMinutes: MinutesSchema.nullish(),
  /** Minutes the pupil was expected (teachingLengthStudent or the lesson's length). */
  scheduledMinutes: MinutesSchema.nullish(),
  calendarEvent: optionalRef(),
  activity: optionalRef(),
  group: optionalRef(),
  lesson: LessonSnapshotSchema.nullish(),
  reasonCategory: ReasonCategorySchema.nullish(),
  /** Free text: potentially health data. Encrypted by the store, never logged or emitted by default. */
  reasonText: z.string().nullish(),
  /** When the notice was made or the registration saved at the source. */
  reportedAt: DateTimeSchema,
  reportedBy: optionalRef(),
  reportedByRole: ReportedByRoleSchema,
  /** The source says the lesson is finalised (SS 12000 `isReported`). */
  lessonReported: z.boolean().nullish(),
  lessonReportedAt: DateTimeSchema.nullish(),
  /** The notice that justifies this registration. */
  relatedNotice: optionalRef(),
  leaveApplication: optionalRef(),
  /** Kept in the canonical form too: an absence record is always one platform's fact. */
  source: SourceRefSchema,
  /** The raw code or label exactly as the platform gave it, so a mapping change can be replayed. */
  sourceCategoryCode: NonEmptyStringSchema,
  sourceReasonCode: NonEmptyStringSchema.nullish(),
});

// ── Invariants ───────────────────────────────────────────────────────────────────────────────

/** The fields the invariants read; identical in both forms. */
interface AbsenceFacts {
  recordKind: RecordKind;
  category: AbsenceCategory;
  validity: Validity;
  startTime?: string | null | undefined;
  endTime?: string | null | undefined;
  allDay?: boolean | null | undefined;
  absenceMinutes?: number | null | undefined;
  lesson?: LessonSnapshot | null | undefined;
}

/**
 * Validities each category allows. `reported` is normally undetermined until a registration
 * decides, but some platforms mark reported absence as valid themselves; it is never invalid.
 * `lateArrival`, `earlyDeparture`, `otherSchoolActivity` and `unspecified` carry whatever the
 * source gives.
 */
const ALLOWED_VALIDITY: Partial<Record<AbsenceCategory, readonly Validity[]>> = {
  valid: ['valid'],
  invalid: ['invalid'],
  leave: ['valid'],
  reported: ['undetermined', 'valid'],
};

const NOTICE_CATEGORIES: ReadonlySet<AbsenceCategory> = new Set(['reported', 'leave']);

/** Categories whose fact *is* a number of minutes (minutes late, minutes left early). */
const MINUTE_CATEGORIES: ReadonlySet<AbsenceCategory> = new Set(['lateArrival', 'earlyDeparture']);

/**
 * A registration is minute-based when its extent can only be told in minutes: it is not a whole
 * day, and it concerns a lesson, or is a late arrival/early departure, or has no period to
 * measure. A day or half-day registration given as `[startTime, endTime)` (InfoMentor's per-day
 * rows) is measured by its period instead.
 */
function isMinuteBased(record: AbsenceFacts, lessonLinked: boolean): boolean {
  if (record.recordKind !== 'registration' || record.allDay === true) return false;
  return (
    lessonLinked || MINUTE_CATEGORIES.has(record.category) || record.startTime == null || record.endTime == null
  );
}

function checkAbsenceInvariants(record: AbsenceFacts, lessonLinked: boolean, ctx: z.RefinementCtx): void {
  const allowed = ALLOWED_VALIDITY[record.category];
  if (allowed !== undefined && !allowed.includes(record.validity)) {
    ctx.addIssue({
      code: 'custom',
      path: ['validity'],
      message: `validity must be ${allowed.join(' or ')} when category is ${record.category}`,
    });
  }

  const isNotice = record.recordKind === 'notice';
  if (isNotice !== NOTICE_CATEGORIES.has(record.category)) {
    ctx.addIssue({
      code: 'custom',
      path: ['category'],
      message: isNotice
        ? `a notice must have category reported or leave, not ${record.category}`
        : `category ${record.category} is only for notices, not registrations`,
    });
  }

  if (isNotice) {
    for (const field of ['startTime', 'endTime'] as const) {
      if (record[field] == null) {
        ctx.addIssue({ code: 'custom', path: [field], message: `${field} is required for a notice` });
      }
    }
  }

  if (record.absenceMinutes == null && isMinuteBased(record, lessonLinked)) {
    ctx.addIssue({
      code: 'custom',
      path: ['absenceMinutes'],
      message:
        'absenceMinutes is required for a registration that is not allDay and concerns a lesson, ' +
        'is a late arrival or early departure, or has no startTime/endTime period',
    });
  }

  requireStartBeforeEnd(ctx, record.startTime, record.endTime, { start: 'startTime', end: 'endTime' });
}

export const AbsenceRecordSchema = absenceRecord.canonical.superRefine((record, ctx) => {
  checkAbsenceInvariants(record, record.calendarEventId != null || record.lesson != null, ctx);
});
export type AbsenceRecord = z.infer<typeof AbsenceRecordSchema>;

export const SourceAbsenceRecordSchema = absenceRecord.source.superRefine((record, ctx) => {
  checkAbsenceInvariants(record, record.calendarEventRef != null || record.lesson != null, ctx);
});
export type SourceAbsenceRecord = z.infer<typeof SourceAbsenceRecordSchema>;
