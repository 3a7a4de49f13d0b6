/**
 * `POST /_control/events` for SchoolSoft (schoolsoft.md §7):
 *
 * - `absenceReport {studentWorldKey, week, dayId, fullDay, lessonIds}` files a guardian's report
 *   for one day of 2025/2026 (the lessons by their SchoolSoft `lessonId`) → the new `reportId`;
 * - `lessonStatus {id, lessonStatusStudent, nrOfMinutesAbsent}` changes a lesson-status row →
 *   its `id`. An optional `lessonStatus` (1 not yet reported, 2 reported — the default, 3
 *   cancelled) reaches the rows of the status table the world never generates.
 *
 * The tenant is the pupil's (or the row's) own. The world keeps the canonical meaning of a change
 * (status table, §6), the simulator the exact codes (`state.lessonOverrides`).
 */
import { z } from 'zod';
import { ControlError } from '../common/index.js';
import type { InjectedEventResult, SimulatorContext } from '../common/index.js';
import { SCHOOL_YEAR_NAME, WorldEventError } from '../world/index.js';
import type { MunicipalityKey, Pupil, RegistrationRow, RegistrationType, SliceRecord, Validity } from '../world/index.js';
import { dateOfWeekDay } from './formats.js';
import type { SchoolSoftState } from './state.js';

type Context = SimulatorContext<SchoolSoftState>;

const absenceReportEventSchema = z.strictObject({
  kind: z.literal('absenceReport'),
  studentWorldKey: z.string().min(1),
  week: z.number().int().min(1).max(53),
  dayId: z.number().int().min(0).max(4),
  fullDay: z.boolean(),
  lessonIds: z.array(z.number().int().nonnegative()).default([]),
});

const lessonStatusEventSchema = z.strictObject({
  kind: z.literal('lessonStatus'),
  id: z.number().int().nonnegative(),
  lessonStatusStudent: z.number().int().nonnegative(),
  /** Default: the lesson's length for an absence, 0 for (plain or no) attendance. */
  nrOfMinutesAbsent: z.number().int().nonnegative().optional(),
  lessonStatus: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(2),
});

export const schoolSoftEventSchema = z.discriminatedUnion('kind', [absenceReportEventSchema, lessonStatusEventSchema]);

function pupilOrFail(context: Context, pupilKey: string): Pupil {
  try {
    return context.world.pupil(pupilKey);
  } catch {
    throw new WorldEventError('unknown pupil');
  }
}

function injectAbsenceReport(context: Context, event: z.output<typeof absenceReportEventSchema>): InjectedEventResult {
  const pupil = pupilOrFail(context, event.studentWorldKey);
  const tenant = pupil.municipality;
  if (!context.tenants.includes(tenant)) throw new WorldEventError('the pupil is not in SchoolSoft');
  const slice = context.slice(tenant);
  if (context.world.ids.pupil(slice, pupil.key) === null) throw new WorldEventError('the pupil is not in SchoolSoft');
  const date = dateOfWeekDay(SCHOOL_YEAR_NAME, event.week, event.dayId);
  if (date === null) throw new ControlError(400, `week ${event.week} has no day ${event.dayId} in ${SCHOOL_YEAR_NAME}`);
  let slots: number[] | undefined;
  if (!event.fullDay) {
    if (event.lessonIds.length === 0) throw new ControlError(400, 'a report that is not fullDay needs lessonIds');
    const units = context.world.units(slice).map((unit) => unit.code);
    const lessons = context.world.lessonsOfPupil(pupil.key, date).filter((lesson) => units.includes(lesson.unit));
    const slotOf = new Map(lessons.map((lesson) => [Number(context.world.ids.lesson(slice, lesson)), lesson.slot]));
    slots = event.lessonIds.map((lessonId) => {
      const slot = slotOf.get(lessonId);
      if (slot === undefined) throw new ControlError(400, `lessonId ${lessonId} is not a lesson of the pupil on ${date}`);
      return slot;
    });
  }
  const result = context.world.injectEvent({
    kind: 'notice',
    slice,
    pupilKey: pupil.key,
    allDay: event.fullDay,
    firstDate: date,
    lastDate: date,
    ...(slots ? { slots } : {}),
  });
  return { id: result.id };
}

/** The canonical meaning of a lesson row's codes, by the status table of schoolsoft.md §6. */
export function canonicalLessonChange(lessonStatus: number, lessonStatusStudent: number, minutes: number, hasReport: boolean): { type: RegistrationType; validity: Validity } {
  const none = { type: 'present', validity: 'undetermined' } as const;
  const reported = lessonStatus === 2;
  const reportedValidity: Validity = reported ? (hasReport ? 'valid' : 'invalid') : 'undetermined';
  if (lessonStatus === 3 || lessonStatusStudent === 0) return none;
  if (lessonStatusStudent === 1) return minutes > 0 ? { type: 'late', validity: reportedValidity } : none;
  switch (lessonStatusStudent) {
    case 2:
      return { type: 'absent', validity: reported ? 'invalid' : 'undetermined' };
    case 3:
      return { type: 'absent', validity: 'valid' };
    case 4:
      // Pre-reported before the teacher reported: the notice is in the reports feed only.
      return reported ? { type: 'absent', validity: 'valid' } : none;
    case 5:
      return { type: 'otherActivity', validity: 'valid' };
    case 6:
      return { type: 'leftEarly', validity: reportedValidity };
    case 750:
      return { type: 'leave', validity: 'valid' };
    default:
      return { type: 'absent', validity: 'undetermined' };
  }
}

function findLessonRow(context: Context, id: number): { tenant: MunicipalityKey; record: SliceRecord<RegistrationRow> } | null {
  for (const tenant of context.tenants) {
    const record = context.world.findById(context.slice(tenant), 'registrations', id);
    if (record && record.data.kind === 'registration') return { tenant, record: record as SliceRecord<RegistrationRow> };
  }
  return null;
}

function injectLessonStatus(context: Context, event: z.output<typeof lessonStatusEventSchema>): InjectedEventResult {
  const found = findLessonRow(context, event.id);
  if (!found) throw new WorldEventError('no lesson status with that id');
  const lessonMinutes = found.record.data.lesson?.minutes ?? 0;
  const minutes = event.nrOfMinutesAbsent ?? (event.lessonStatusStudent <= 1 ? 0 : lessonMinutes);
  const change = canonicalLessonChange(event.lessonStatus, event.lessonStatusStudent, minutes, found.record.data.hasNotice);
  const result = context.world.injectEvent({
    kind: 'recordChange',
    slice: context.slice(found.tenant),
    stream: 'registrations',
    id: event.id,
    type: change.type,
    validity: change.validity,
    minutes: change.type === 'present' ? 0 : minutes,
  });
  const key = String(event.id);
  const overrides = context.state.lessonOverrides.get(key) ?? [];
  overrides.push({ at: result.at, lessonStatus: event.lessonStatus, lessonStatusStudent: event.lessonStatusStudent, nrOfMinutesAbsent: minutes });
  context.state.lessonOverrides.set(key, overrides);
  return { id: result.id };
}

export function injectSchoolSoftEvent(context: Context, body: unknown): InjectedEventResult {
  const event = schoolSoftEventSchema.parse(body);
  return event.kind === 'absenceReport' ? injectAbsenceReport(context, event) : injectLessonStatus(context, event);
}
