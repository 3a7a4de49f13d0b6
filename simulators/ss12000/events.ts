/**
 * `POST /_control/events` kinds of §8, translated into world events:
 *
 * - `absence {studentWorldKey, type, start, end}` → a notice (U5); `Beviljad ledighet` is an
 *   approved leave registered by staff, any other `type` is kept verbatim (`Anmäld frånvaro`, or a
 *   value outside the standard's enum for SS12-06);
 * - `attendance {calendarEventId, studentWorldKey, valid, invalid, other}` → the pupil's row for
 *   that lesson with those minute buckets (created, or changed if it exists; all zero = attended);
 * - `deletePerson {worldKey}` → the person's deletion (announced by `/deletedEntities`).
 *
 * An optional `customerId` picks the register; by default it is the one the person belongs to.
 */
import { z } from 'zod';
import { ControlError } from '../common/index.js';
import type { InjectedEventResult } from '../common/index.js';
import { WorldEventError, instantToLocal, unitCodeSchema, unitByCode } from '../world/index.js';
import type { LessonOccurrence, MunicipalityKey } from '../world/index.js';
import { dispatcherOf } from './callbacks.js';
import { customerIdOf, tenantOfCustomer } from './constants.js';
import { scopeOf } from './state.js';
import type { Ss12000Context } from './state.js';
import { lessonOfEvent } from './timetable-index.js';

const LEAVE_TYPE = 'Beviljad ledighet';
const NOTICE_TYPE = 'Anmäld frånvaro';

const minutes = z.number().int().min(0).default(0);
const customerId = z.string().regex(/^\d{4}$/).optional();

const eventSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('absence'),
    customerId,
    studentWorldKey: z.string().startsWith('p:'),
    type: z.string().min(1).default(NOTICE_TYPE),
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
  }),
  z.strictObject({
    kind: z.literal('attendance'),
    customerId,
    calendarEventId: z.uuid(),
    studentWorldKey: z.string().startsWith('p:'),
    valid: minutes,
    invalid: minutes,
    other: minutes,
  }),
  z.strictObject({ kind: z.literal('deletePerson'), customerId, worldKey: z.string().regex(/^[pg]:/) }),
]);
type Ss12000Event = z.infer<typeof eventSchema>;

/** The register a world key belongs to: a pupil's home unit's, a guardian's first municipality's. */
function tenantOf(context: Ss12000Context, event: Ss12000Event): MunicipalityKey {
  if (event.customerId !== undefined) {
    const tenant = tenantOfCustomer(event.customerId, context.tenants);
    if (!tenant) throw new ControlError(400, 'unknown customerId');
    return tenant;
  }
  const key = event.kind === 'deletePerson' ? event.worldKey : event.studentWorldKey;
  if (key.startsWith('p:')) {
    const unit = unitCodeSchema.safeParse(key.split(':')[1]);
    if (!unit.success) throw new WorldEventError('unknown pupil');
    return unitByCode(unit.data).municipality;
  }
  const tenant = knownPerson(() => context.world.guardian(key).municipalities[0]);
  if (!tenant) throw new WorldEventError('unknown guardian');
  return tenant;
}

/** The world throws its own errors for keys it does not know; here they are bad events (400). */
function knownPerson<Value>(read: () => Value): Value {
  try {
    return read();
  } catch (error) {
    if (error instanceof WorldEventError) throw error;
    throw new WorldEventError('unknown person');
  }
}

/**
 * The id of a row an earlier injection created for the pupil and lesson, or null. The world's
 * `registration` event changes a generated row of the lesson itself, but would add a second row
 * next to an injected one.
 */
function injectedRowOf(context: Ss12000Context, tenant: MunicipalityKey, pupilKey: string, lesson: LessonOccurrence): string | number | null {
  const date = instantToLocal(lesson.start).date;
  for (const record of context.world.query(context.slice(tenant), 'registrations', { units: lesson.unit, fromDate: date, toDate: date })) {
    if (record.key.startsWith('inj:') && record.pupilKey === pupilKey && record.data.kind === 'registration' && record.data.lesson?.key === lesson.key) return record.id;
  }
  return null;
}

export function injectSs12000Event(context: Ss12000Context, body: unknown): InjectedEventResult {
  const event = eventSchema.parse(body);
  const tenant = tenantOf(context, event);
  const slice = context.slice(tenant);
  const dispatcher = dispatcherOf(context);
  switch (event.kind) {
    case 'absence': {
      const leave = event.type === LEAVE_TYPE;
      const result = context.world.injectEvent({
        kind: 'notice',
        slice,
        pupilKey: event.studentWorldKey,
        allDay: false,
        start: event.start,
        end: event.end,
        origin: leave ? 'leave' : 'filed',
      });
      if (!leave && event.type !== NOTICE_TYPE) context.state.absenceTypes.set(String(result.id), event.type);
      dispatcher.announce(tenant, { type: 'Absence', deleted: false });
      return { id: result.id };
    }
    case 'attendance': {
      const lesson = lessonOfEvent(scopeOf(context, tenant, customerIdOf(tenant)), event.calendarEventId.toLowerCase());
      if (!lesson) throw new WorldEventError('no calendar event with that id');
      const lessons = knownPerson(() => context.world.lessonsOfPupil(event.studentWorldKey, instantToLocal(lesson.start).date));
      if (!lessons.some((candidate) => candidate.key === lesson.key)) {
        throw new WorldEventError('the pupil does not attend that calendar event');
      }
      const absent = event.valid + event.invalid + event.other;
      const registration = {
        type: absent === 0 ? 'present' : event.valid === 0 && event.invalid === 0 ? 'otherActivity' : 'absent',
        validity: event.invalid > 0 ? 'invalid' : event.valid > 0 || event.other > 0 ? 'valid' : 'undetermined',
        minutes: absent,
        buckets: { valid: event.valid, invalid: event.invalid, other: event.other },
      } as const;
      // One row per pupil and lesson: a lesson that already has one is changed.
      const injected = injectedRowOf(context, tenant, event.studentWorldKey, lesson);
      const result =
        injected !== null
          ? context.world.injectEvent({ kind: 'recordChange', slice, stream: 'registrations', id: injected, ...registration })
        : context.world.injectEvent({ kind: 'registration', slice, pupilKey: event.studentWorldKey, date: instantToLocal(lesson.start).date, slot: lesson.slot, ...registration });
      dispatcher.announce(tenant, { type: 'Attendance', deleted: false });
      return { id: result.id };
    }
    case 'deletePerson': {
      const result = context.world.injectEvent({ kind: 'personDelete', slice, worldKey: event.worldKey });
      dispatcher.announce(tenant, { type: 'Person', deleted: true });
      return { id: result.id };
    }
  }
}
