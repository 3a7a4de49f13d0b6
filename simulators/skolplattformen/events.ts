/**
 * `POST /_control/events` kinds of platform file §6: `sms` (an SMS as the gateway receives it),
 * `notice` (a notice through any channel) and `relationEnd` (a guardian entry leaves `CHILDREN`).
 */
import { z } from 'zod';
import { ControlError } from '../common/index.js';
import type { InjectedEventResult } from '../common/index.js';
import { WorldEventError, instantToLocal, isoDateOf, localDayNumberOf, localToInstant } from '../world/index.js';
import { SLICE } from './schools.js';
import type { SkolplattformenContext } from './state.js';

const channelSchema = z.enum(['SMS', 'App', 'Webb', 'Telefon']);
const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const instantSchema = z.iso.datetime({ offset: true });

export const skolplattformenEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sms'), from: z.string().min(1), body: z.string() }),
  z.strictObject({
    kind: z.literal('notice'),
    studentWorldKey: z.string().min(1),
    channel: channelSchema.default('App'),
    /** Whole days as `YYYY-MM-DD` (inclusive), or part of a day as RFC 3339 instants. */
    from: z.union([isoDateSchema, instantSchema]),
    to: z.union([isoDateSchema, instantSchema]),
  }),
  z.strictObject({ kind: z.literal('relationEnd'), guardianWorldKey: z.string().min(1), studentWorldKey: z.string().min(1) }),
]);

/** SMS notices cover part of a day between 08:00 and 17:00, in 10-minute steps. */
const SMS_FIRST_MINUTE = 8 * 60;
const SMS_LAST_MINUTE = 17 * 60;

export interface SmsBody {
  /** `YYMMDDXXXX`: a number to look the pupil up by, never an identity of its own. */
  readonly tenDigits: string;
  /** Minutes of the day, or null for the whole day. */
  readonly span: { readonly startMinute: number; readonly endMinute: number } | null;
}

/** `YYMMDD-XXXX` or `YYMMDD-XXXX HHmm-HHmm`, or null for a body the platform ignores. */
export function parseSmsBody(body: string): SmsBody | null {
  const match = /^(\d{6})-(\d{4})(?:\s+(\d{2})(\d{2})-(\d{2})(\d{2}))?$/.exec(body.trim());
  if (!match) return null;
  const [, birth, serial, startHours, startMinutes, endHours, endMinutes] = match;
  const tenDigits = `${birth}${serial}`;
  if (startHours === undefined) return { tenDigits, span: null };
  const startMinute = Number(startHours) * 60 + Number(startMinutes);
  const endMinute = Number(endHours) * 60 + Number(endMinutes);
  const inSteps = startMinute % 10 === 0 && endMinute % 10 === 0;
  if (!inSteps || startMinute < SMS_FIRST_MINUTE || endMinute > SMS_LAST_MINUTE || startMinute >= endMinute) return null;
  return { tenDigits, span: { startMinute, endMinute } };
}

function hhmm(instant: number): string {
  return instantToLocal(instant).time.slice(0, 5).replace(':', '');
}

/** The SMS a guardian would have sent for this pupil and span. */
function smsTextFor(context: SkolplattformenContext, pupilKey: string, span: { start: number; end: number } | null): string {
  const record = context.world.pupilRecord(SLICE, pupilKey);
  if (!record || record.data.kind !== 'pupil') throw new WorldEventError('the pupil is not in this slice');
  const ten = record.data.civicNo.slice(-10);
  const number = `${ten.slice(0, 6)}-${ten.slice(6)}`;
  return span ? `${number} ${hhmm(span.start)}-${hhmm(span.end)}` : number;
}

function injectSms(context: SkolplattformenContext, from: string, body: string): InjectedEventResult {
  const parsed = parseSmsBody(body);
  if (!parsed) throw new ControlError(422, 'the platform ignored the SMS: its body is not a notice for 08:00-17:00');
  const pupilKey = context.world.findPupilByCivicNo(SLICE, parsed.tenDigits);
  if (pupilKey === null) throw new ControlError(422, 'the platform ignored the SMS: its number is no pupil of the school');
  // The notice is for the day the SMS arrives: when the world will stamp it.
  const latest = context.snapshots.latest();
  const arrival = Math.max(context.clock.now(), latest === null ? -Infinity : latest + 1000);
  const day = localDayNumberOf(arrival);
  const date = isoDateOf(day);
  const result = context.world.injectEvent({
    kind: 'notice',
    slice: SLICE,
    pupilKey,
    allDay: parsed.span === null,
    firstDate: date,
    lastDate: date,
    ...(parsed.span ? { start: localToInstant(day, parsed.span.startMinute), end: localToInstant(day, parsed.span.endMinute) } : {}),
    channel: 'SMS',
    smsText: body.trim(),
  });
  context.state.smsSenders.set(String(result.id), from);
  return { id: String(result.id) };
}

export function injectSkolplattformenEvent(context: SkolplattformenContext, body: unknown): InjectedEventResult {
  const event = skolplattformenEventSchema.parse(body);
  switch (event.kind) {
    case 'sms':
      return injectSms(context, event.from, event.body);
    case 'notice': {
      const wholeDays = isoDateSchema.safeParse(event.from).success && isoDateSchema.safeParse(event.to).success;
      const partOfDay = instantSchema.safeParse(event.from).success && instantSchema.safeParse(event.to).success;
      if (!wholeDays && !partOfDay) throw new ControlError(400, 'from and to must both be dates or both be RFC 3339 instants');
      const span = partOfDay ? { start: Date.parse(event.from), end: Date.parse(event.to) } : null;
      if (span ? span.start >= span.end : event.from > event.to) throw new ControlError(400, 'from must not be after to');
      const result = context.world.injectEvent({
        kind: 'notice',
        slice: SLICE,
        pupilKey: event.studentWorldKey,
        allDay: wholeDays,
        ...(span ? { start: span.start, end: span.end } : { firstDate: event.from, lastDate: event.to }),
        channel: event.channel,
        smsText: event.channel === 'SMS' ? smsTextFor(context, event.studentWorldKey, span) : null,
      });
      return { id: String(result.id) };
    }
    case 'relationEnd': {
      const result = context.world.injectEvent({ kind: 'relationEnd', slice: SLICE, guardianKey: event.guardianWorldKey, pupilKey: event.studentWorldKey });
      return { id: String(result.id) };
    }
  }
}
