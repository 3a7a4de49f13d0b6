/**
 * Rule events (rules §2.10, §8): their shape, identities, order and what counts as a change.
 * The normative fields are the ones a run compares (§2.6); everything else an event carries is
 * descriptive and never causes an amendment.
 */
import { z } from 'zod';
import { RulePackIdSchema } from './parameters.js';

export const EventTypeSchema = z.enum([
  'warning.oral',
  'warning.written',
  'csn.report',
  'csn.report.suppressed',
  'csn.resume',
  'hemkommun.notice',
  'notify.invalid_absence',
  'investigation.recommended',
]);
export type EventType = z.infer<typeof EventTypeSchema>;

export const RecipientSchema = z.enum(['mentor', 'guardians', 'student', 'csnReporter', 'rektor', 'homeMunicipality']);
export type Recipient = z.infer<typeof RecipientSchema>;

export const EventStatusSchema = z.enum(['issued', 'amended', 'retracted']);
export type EventStatus = z.infer<typeof EventStatusSchema>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Count = z.number().int().min(0);

export const OralWarningDetailsSchema = z.object({
  schoolYear: z.string(),
  windowStart: IsoDate,
  windowEnd: IsoDate,
  occasions: Count,
  invalidMinutes: Count,
});

export const WrittenWarningDetailsSchema = z.object({
  schoolYear: z.string(),
  reason: z.enum(['lesson', 'lateArrivals']),
  validUntil: IsoDate,
});

export const CsnReportDetailsSchema = z.object({
  ordinal: z.number().int().min(1),
  firstSkolkDate: IsoDate,
  invalidMinutes30d: Count,
  occasions30d: Count,
  csnGuidanceMet: z.boolean(),
  earliestNormalSubmission: IsoDate,
  earliestExceptionalSubmission: IsoDate,
  underlagDueBy: IsoDate,
  studiebidragStarted: z.boolean(),
});

export const CsnSuppressedDetailsSchema = z.object({
  schoolYear: z.string(),
  reason: z.literal('STUDIEMEDEL_AGE'),
  studiehjalpEndedOn: IsoDate,
});

export const CsnResumeDetailsSchema = z.object({ ordinal: z.number().int().min(1), cleanSince: IsoDate });

export const HemkommunNoticeDetailsSchema = z.object({ ordinal: z.number().int().min(1) });

export const InvalidAbsenceNoticeDetailsSchema = z.object({
  absenceDate: IsoDate,
  lessons: z.array(z.string()),
  minutes: Count,
  dueDate: IsoDate,
});

export const InvestigationDetailsSchema = z.object({
  schoolYear: z.string(),
  ordinal: z.number().int().min(1),
  reason: z.enum(['share', 'consecutive']),
  absentMinutes: Count.nullable(),
  scheduledMinutes: Count.nullable(),
  consecutiveFullDays: Count,
  windowStart: IsoDate,
  windowEnd: IsoDate,
  /** Descriptive: the share in percent, one decimal. */
  sharePercent: z.number().nullable().optional(),
});

/** A guardian to deliver a letter or notice to (descriptive; the delivery layer decides how). */
export const AddresseeSchema = z.object({ subject: z.string(), channels: z.array(z.string()) });

const common = {
  id: z.string(),
  pack: RulePackIdSchema,
  triggerDate: IsoDate,
  subject: z.string(),
  protectedIdentity: z.boolean(),
  recipient: RecipientSchema,
  evidence: z.array(z.string()),
  /** Descriptive: the guardians registered for notices, when the recipient is `guardians`. */
  addressees: z.array(AddresseeSchema).optional(),
};

export const RuleEventSchema = z.discriminatedUnion('type', [
  z.object({ ...common, type: z.literal('warning.oral'), details: OralWarningDetailsSchema }),
  z.object({ ...common, type: z.literal('warning.written'), details: WrittenWarningDetailsSchema }),
  z.object({ ...common, type: z.literal('csn.report'), details: CsnReportDetailsSchema }),
  z.object({ ...common, type: z.literal('csn.report.suppressed'), details: CsnSuppressedDetailsSchema }),
  z.object({ ...common, type: z.literal('csn.resume'), details: CsnResumeDetailsSchema }),
  z.object({ ...common, type: z.literal('hemkommun.notice'), details: HemkommunNoticeDetailsSchema }),
  z.object({ ...common, type: z.literal('notify.invalid_absence'), details: InvalidAbsenceNoticeDetailsSchema }),
  z.object({ ...common, type: z.literal('investigation.recommended'), details: InvestigationDetailsSchema }),
]);
/** A justified event, as one evaluation produces it (no status yet). */
export type RuleEvent = z.infer<typeof RuleEventSchema>;

/** An event with the status of its latest change (in a run's state) or of this change (in a delta). */
export type StatusedEvent = RuleEvent & { readonly status: EventStatus };

export type EventOfType<T extends EventType> = Extract<RuleEvent, { type: T }>;

/**
 * An event with its fields in one fixed order. Events are built here rather than with object
 * spreads: V8 (Node 20) builds `{ ...common, more }` an order of magnitude slower than a literal,
 * and a nightly run builds hundreds of thousands of events.
 */
export function createEvent<T extends EventType>(fields: {
  readonly id: string;
  readonly pack: RuleEvent['pack'];
  readonly type: T;
  readonly triggerDate: string;
  readonly subject: string;
  readonly protectedIdentity: boolean;
  readonly recipient: Recipient;
  readonly evidence: string[];
  readonly details: EventOfType<T>['details'];
  readonly addressees?: RuleEvent['addressees'];
}): EventOfType<T> {
  const event = {
    id: fields.id,
    pack: fields.pack,
    type: fields.type,
    triggerDate: fields.triggerDate,
    subject: fields.subject,
    protectedIdentity: fields.protectedIdentity,
    recipient: fields.recipient,
    evidence: fields.evidence,
    details: fields.details,
    addressees: fields.addressees,
  };
  // TypeScript cannot correlate `type` with `details` through a generic; the signature does.
  return event as unknown as EventOfType<T>;
}

/** The event with a status, fields in the same fixed order (see `createEvent`). */
export function withStatus(event: RuleEvent, status: EventStatus): StatusedEvent {
  const statused = {
    id: event.id,
    pack: event.pack,
    type: event.type,
    triggerDate: event.triggerDate,
    subject: event.subject,
    protectedIdentity: event.protectedIdentity,
    recipient: event.recipient,
    evidence: event.evidence,
    details: event.details,
    addressees: event.addressees,
    status,
  };
  return statused as StatusedEvent;
}

/** The details keys that are normative (§8); the others are descriptive. */
export const NORMATIVE_DETAIL_KEYS: Readonly<Record<EventType, readonly string[]>> = {
  'warning.oral': ['schoolYear', 'windowStart', 'windowEnd', 'occasions', 'invalidMinutes'],
  'warning.written': ['schoolYear', 'reason', 'validUntil'],
  'csn.report': [
    'ordinal',
    'firstSkolkDate',
    'invalidMinutes30d',
    'occasions30d',
    'csnGuidanceMet',
    'earliestNormalSubmission',
    'earliestExceptionalSubmission',
    'underlagDueBy',
    'studiebidragStarted',
  ],
  'csn.report.suppressed': ['schoolYear', 'reason', 'studiehjalpEndedOn'],
  'csn.resume': ['ordinal', 'cleanSince'],
  'hemkommun.notice': ['ordinal'],
  'notify.invalid_absence': ['absenceDate', 'lessons', 'minutes', 'dueDate'],
  'investigation.recommended': [
    'schoolYear',
    'ordinal',
    'reason',
    'absentMinutes',
    'scheduledMinutes',
    'consecutiveFullDays',
    'windowStart',
    'windowEnd',
  ],
};

/** Detail keys compared as sets rather than sequences (§8). */
const SET_VALUED_DETAILS = new Set(['lessons']);

/** A canonical string of the normative fields: equal strings ⇔ no amendment (§2.6). */
export function normativeKey(event: RuleEvent): string {
  const details = event.details as Readonly<Record<string, unknown>>;
  const normative = NORMATIVE_DETAIL_KEYS[event.type].map((key) => {
    const value = details[key];
    return SET_VALUED_DETAILS.has(key) && Array.isArray(value) ? [...new Set(value as string[])].sort() : value;
  });
  return JSON.stringify([
    event.pack,
    event.type,
    event.triggerDate,
    event.subject,
    event.protectedIdentity,
    event.recipient,
    [...new Set(event.evidence)].sort(),
    normative,
  ]);
}

/** The order of §8: trigger date, type, id, in plain string order. */
export function compareEvents(a: RuleEvent, b: RuleEvent): number {
  return compareStrings(a.triggerDate, b.triggerDate) || compareStrings(a.type, b.type) || compareStrings(a.id, b.id);
}

/**
 * Sorts events in the order of §8, in place. A run holds up to hundreds of thousands of events on
 * a few hundred dates: grouping by trigger date first leaves only small groups to sort.
 */
export function sortEvents<E extends RuleEvent>(events: E[]): E[] {
  const byDate = new Map<string, E[]>();
  for (const event of events) {
    const group = byDate.get(event.triggerDate);
    if (group) group.push(event);
    else byDate.set(event.triggerDate, [event]);
  }
  let index = 0;
  for (const date of [...byDate.keys()].sort()) {
    const group = byDate.get(date) as E[];
    if (group.length > 1) group.sort(compareEvents);
    for (const event of group) events[index++] = event;
  }
  return events;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
