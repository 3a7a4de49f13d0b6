/**
 * `POST /_control/events`, platform-neutral. Each simulator translates its platform's event kinds
 * (platform files, "Events") into one of these and passes it to `world.injectEvent`:
 *
 * | platform event                                  | world event                                   |
 * | ----------------------------------------------- | --------------------------------------------- |
 * | Skola24 `plannedAbsence`, SchoolSoft `absenceReport`, InfoMentor `notice`, Skolplattformen `notice`/`sms`, SS 12000 `absence` | `notice` |
 * | InfoMentor `registration`, SS 12000 `attendance` for a new lesson row | `registration` |
 * | Skola24 `registrationChange`, SchoolSoft `lessonStatus`, SS 12000 `attendance` for an existing row | `recordChange` |
 * | Skolplattformen `relationEnd`                   | `relationEnd`                                 |
 * | SS 12000 `deletePerson`                         | `personDelete`                                |
 *
 * Every event is stamped at max(now, the platform's last snapshot + 1 s) and the clock moves to
 * the stamp, so the next run sees it and no earlier snapshot changes.
 */
import { z } from 'zod';
import { sliceSchema } from './units.js';

const instantSchema = z.union([z.number(), z.iso.datetime({ offset: true })]).transform((value) => (typeof value === 'number' ? value : Date.parse(value)));
const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const bucketsSchema = z.object({ valid: z.number().int().min(0), invalid: z.number().int().min(0), other: z.number().int().min(0) });
const registrationTypeSchema = z.enum(['absent', 'late', 'leftEarly', 'otherActivity', 'leave', 'present']);
const validitySchema = z.enum(['valid', 'invalid', 'undetermined']);

export const injectedEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('notice'),
    slice: sliceSchema,
    pupilKey: z.string(),
    /** Whole days: the first and last date; otherwise the span's instants. */
    allDay: z.boolean().default(false),
    firstDate: isoDateSchema.optional(),
    lastDate: isoDateSchema.optional(),
    start: instantSchema.optional(),
    end: instantSchema.optional(),
    partOfDay: z.enum(['morning', 'afternoon']).nullable().default(null),
    reason: z.enum(['illness', 'medical', 'other']).default('illness'),
    channel: z.enum(['SMS', 'App', 'Webb', 'Telefon']).default('App'),
    smsText: z.string().nullable().default(null),
    comment: z.string().nullable().default(null),
    reporterRole: z.enum(['guardian', 'student', 'staff']).optional(),
    /** SchoolSoft `lessonIds`: lesson slots of the day the notice covers. */
    slots: z.array(z.number().int().min(0).max(5)).optional(),
    /** `leave`: an approved leave shown as a notice (SS 12000 `Beviljad ledighet`), registered by staff. */
    origin: z.enum(['filed', 'leave']).default('filed'),
  }),
  z.object({
    kind: z.literal('registration'),
    slice: sliceSchema,
    pupilKey: z.string(),
    date: isoDateSchema,
    /** The lesson: by slot, or by its local start `HH:mm`. */
    slot: z.number().int().min(0).max(5).optional(),
    startTime: z.string().regex(/^\d{2}:\d{2}$/).optional(),
    type: registrationTypeSchema.default('absent'),
    validity: validitySchema.default('invalid'),
    minutes: z.number().int().min(0).optional(),
    buckets: bucketsSchema.optional(),
    comment: z.string().nullable().default(null),
  }),
  z.object({
    kind: z.literal('recordChange'),
    slice: sliceSchema,
    stream: z.enum(['notices', 'registrations']),
    id: z.union([z.string(), z.number()]),
    type: registrationTypeSchema.optional(),
    validity: validitySchema.optional(),
    minutes: z.number().int().min(0).optional(),
    buckets: bucketsSchema.optional(),
    deleted: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('relationEnd'), slice: sliceSchema, guardianKey: z.string(), pupilKey: z.string() }),
  z.object({ kind: z.literal('personDelete'), slice: sliceSchema, worldKey: z.string() }),
]);

export type InjectedEventInput = z.input<typeof injectedEventSchema>;
export type InjectedEvent = z.output<typeof injectedEventSchema>;

export interface InjectionResult {
  /** The platform id of the record created or changed (the guardian's id for `relationEnd`). */
  readonly id: string | number;
  /** The world key of that record. */
  readonly key: string;
  /** The stamp: when the event happened on the simulated clock. */
  readonly at: number;
}

export class WorldEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorldEventError';
  }
}
