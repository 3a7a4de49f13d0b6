/**
 * `POST /_control/events` for Skola24 (skola24.md §9):
 *
 * - `plannedAbsence {studentWorldKey, from, to?, reasonId?}`: a notice filed in Skola24. `from`/`to`
 *   as dates (`2026-03-10`) make whole days; as date-times (RFC 3339, or Stockholm local without
 *   offset) a part of a day. The tenant is the pupil's municipality.
 * - `registrationChange {registrationGuid, isValid?, deleted?}`: a teacher changes a registration
 *   (`isValid` null = undetermined) or withdraws it (`Deleted` = true in the next export).
 *
 * Both become world events, stamped after the last snapshot handed out, so the next run sees them.
 */
import { z } from 'zod';
import type { InjectedEventResult, SimulatorContext } from '../common/index.js';
import { WorldEventError, unitByCode, unitCodeSchema } from '../world/index.js';
import type { InjectedEventInput, MunicipalityKey, NoticeReason } from '../world/index.js';
import { isIsoDate, parseStamp } from './wire-time.js';

const REASON_BY_ID: Readonly<Record<string, NoticeReason>> = { '1': 'illness', '2': 'medical', '3': 'other' };

const reasonIdSchema = z
  .union([z.string(), z.number().int()])
  .transform(String)
  .refine((id) => id in REASON_BY_ID, { message: 'reasonId is one of "1", "2", "3"' });

export const skola24EventSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('plannedAbsence'),
    studentWorldKey: z.string().min(1),
    from: z.string().min(1),
    to: z.string().min(1).nullable().optional(),
    reasonId: reasonIdSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('registrationChange'),
    registrationGuid: z.string().min(1),
    isValid: z.boolean().nullable().optional(),
    deleted: z.boolean().optional(),
  }),
]);
export type Skola24Event = z.infer<typeof skola24EventSchema>;

const PUPIL_KEY = /^p:(U\d+):\d+$/;

function municipalityOfPupil(pupilKey: string): MunicipalityKey {
  const unit = unitCodeSchema.safeParse(PUPIL_KEY.exec(pupilKey)?.[1]);
  if (!unit.success) throw new WorldEventError('studentWorldKey is not a pupil key (p:U1:0)');
  return unitByCode(unit.data).municipality;
}

function instantOf(text: string): number {
  const instant = parseStamp(text);
  if (instant === null) throw new WorldEventError('from and to are dates (yyyy-MM-dd) or date-times');
  return instant;
}

function plannedAbsence(context: SimulatorContext, event: Extract<Skola24Event, { kind: 'plannedAbsence' }>): InjectedEventInput {
  const slice = context.slice(municipalityOfPupil(event.studentWorldKey));
  const reason = REASON_BY_ID[event.reasonId ?? '1'] ?? 'illness';
  const base = { kind: 'notice' as const, slice, pupilKey: event.studentWorldKey, reason };
  if (isIsoDate(event.from) && (event.to === undefined || event.to === null || isIsoDate(event.to))) {
    return { ...base, allDay: true, firstDate: event.from, lastDate: event.to ?? event.from };
  }
  if (event.to === undefined || event.to === null) throw new WorldEventError('a part-day planned absence needs both from and to');
  const start = instantOf(event.from);
  const end = instantOf(event.to);
  if (end <= start) throw new WorldEventError('to must be after from');
  return { ...base, allDay: false, start, end };
}

/** The world event for one tenant; the GUID says nothing about its tenant, so each is tried in turn. */
function registrationChange(tenant: MunicipalityKey, context: SimulatorContext, event: Extract<Skola24Event, { kind: 'registrationChange' }>): InjectedEventInput {
  const validity = event.isValid === undefined ? undefined : event.isValid === null ? 'undetermined' : event.isValid ? 'valid' : 'invalid';
  return {
    kind: 'recordChange',
    slice: context.slice(tenant),
    stream: 'registrations',
    id: event.registrationGuid,
    ...(validity ? { validity } : {}),
    ...(event.deleted === undefined ? {} : { deleted: event.deleted }),
  };
}

function injectRegistrationChange(context: SimulatorContext, event: Extract<Skola24Event, { kind: 'registrationChange' }>): InjectedEventResult {
  for (const tenant of context.tenants) {
    try {
      return { id: context.world.injectEvent(registrationChange(tenant, context, event)).id };
    } catch (error) {
      if (!(error instanceof WorldEventError)) throw error;
    }
  }
  throw new WorldEventError('no registration with that registrationGuid');
}

export function injectSkola24Event(context: SimulatorContext, body: unknown): InjectedEventResult {
  const event = skola24EventSchema.parse(body);
  if (event.kind === 'registrationChange') return injectRegistrationChange(context, event);
  return { id: context.world.injectEvent(plannedAbsence(context, event)).id };
}
