/**
 * `POST /_control/events` kinds of InfoMentor (infomentor.md §8): a guardian's `notice` for today
 * or tomorrow (whole day, or the given sessions) and a teacher's lesson `registration`, translated
 * into the world's events. The world stamps them after the last `changedUntil` handed out, so the
 * next incremental read shows them.
 */
import { z } from 'zod';
import type { InjectedEventResult, SimulatorContext } from '../common/index.js';
import { WorldEventError, dayNumberOf, isoDateOf, localDayNumberOf, localToInstant, unitByCode, unitCodeSchema } from '../world/index.js';
import type { InjectedEventInput, MunicipalityKey, RegistrationType, Validity } from '../world/index.js';
import { isIsoDate } from './dates.js';
import type { InfoMentorState } from './state.js';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm');

const noticeEventSchema = z.strictObject({
  kind: z.literal('notice'),
  pupilWorldKey: z.string().min(1),
  day: z.enum(['today', 'tomorrow']),
  /** Absent: the whole day. */
  sessions: z.array(z.strictObject({ time: clockTime, endTime: clockTime })).min(1).optional(),
  /** The guardian's reason: 1 Sjuk (default), 2 Läkarbesök, 8 Övrigt. */
  reasonId: z.union([z.literal(1), z.literal(2), z.literal(8)]).default(1),
  comment: z.string().nullable().default(null),
});

const registrationEventSchema = z.strictObject({
  kind: z.literal('registration'),
  pupilWorldKey: z.string().min(1),
  date: z.string().refine(isIsoDate, 'YYYY-MM-DD'),
  /** The lesson's start, `HH:mm`. */
  time: clockTime,
  reasonId: z.number().int().min(1).max(8),
  minutes: z.number().int().min(0).optional(),
});

export const infoMentorEventSchema = z.discriminatedUnion('kind', [noticeEventSchema, registrationEventSchema]);

/** The world's registration type and validity behind each reason of a staff row (appData `reasons`). */
const REGISTRATION_BY_REASON: Readonly<Record<number, { type: RegistrationType; validity: Validity }>> = {
  1: { type: 'absent', validity: 'valid' },
  2: { type: 'absent', validity: 'valid' },
  3: { type: 'leave', validity: 'valid' },
  4: { type: 'late', validity: 'invalid' },
  5: { type: 'absent', validity: 'invalid' },
  6: { type: 'leftEarly', validity: 'invalid' },
  7: { type: 'otherActivity', validity: 'valid' },
  8: { type: 'absent', validity: 'undetermined' },
};

const NOTICE_REASON = { 1: 'illness', 2: 'medical', 8: 'other' } as const;

/** A pupil's municipality, from the home unit in its world key (`p:U2:0`). */
function tenantOfPupil(context: SimulatorContext<InfoMentorState>, pupilKey: string): MunicipalityKey {
  const unit = unitCodeSchema.safeParse(/^p:(U\d+):\d+$/.exec(pupilKey)?.[1]);
  if (!unit.success) throw new WorldEventError('unknown pupil');
  const tenant = unitByCode(unit.data).municipality;
  if (!context.tenants.includes(tenant)) throw new WorldEventError('the pupil is in a municipality this platform does not host');
  return tenant;
}

function minuteOfDay(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

function worldEvent(context: SimulatorContext<InfoMentorState>, body: unknown): InjectedEventInput {
  const event = infoMentorEventSchema.parse(body);
  const slice = context.slice(tenantOfPupil(context, event.pupilWorldKey));
  if (event.kind === 'registration') {
    const { type, validity } = REGISTRATION_BY_REASON[event.reasonId] ?? { type: 'absent', validity: 'undetermined' };
    return { kind: 'registration', slice, pupilKey: event.pupilWorldKey, date: event.date, startTime: event.time, type, validity, ...(event.minutes === undefined ? {} : { minutes: event.minutes }) };
  }
  // Guardians file for today or tomorrow only (infomentor.md §5).
  const day = localDayNumberOf(context.clock.now()) + (event.day === 'tomorrow' ? 1 : 0);
  const date = isoDateOf(day);
  const common = { kind: 'notice' as const, slice, pupilKey: event.pupilWorldKey, firstDate: date, lastDate: date, reason: NOTICE_REASON[event.reasonId], comment: event.comment };
  if (!event.sessions) return { ...common, allDay: true };
  const starts = event.sessions.map((session) => minuteOfDay(session.time));
  const ends = event.sessions.map((session) => minuteOfDay(session.endTime));
  const start = Math.min(...starts);
  const end = Math.max(...ends);
  if (end <= start) throw new WorldEventError('a session ends after it starts');
  return { ...common, allDay: false, start: localToInstant(dayNumberOf(date), start), end: localToInstant(dayNumberOf(date), end) };
}

export function injectInfoMentorEvent(context: SimulatorContext<InfoMentorState>, body: unknown): InjectedEventResult {
  return { id: context.world.injectEvent(worldEvent(context, body)).id };
}
