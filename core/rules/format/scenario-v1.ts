/**
 * Rule scenario format v1 (rules/README.md §7): the input of `skolbrygga rules eval` and the
 * shape the engine consumes. Every object is strict, so a misspelt field is an error instead of a
 * silently ignored one. This module checks each value on its own; the cross-references (a record's
 * school unit exists, a lesson is scheduled on its date, …) are checked in validate-scenario.ts.
 *
 * Messages never echo a value: a civic number must not reach stderr or a log.
 */
import { z } from 'zod';
import { decodeNormalizedCivicNo } from '../../identity/index.js';
import { parseDate } from '../calendar-date.js';
import { RuleParameterOverridesSchema, RulePackIdSchema } from '../parameters.js';
import { parseInstant, parseLocalTime } from '../stockholm-time.js';

export const SCENARIO_FORMAT = 'skolbrygga.rule-scenario/v1';

export const IsoDateSchema = z
  .string()
  .refine((value) => parseDate(value) !== null, { error: 'must be a real date written YYYY-MM-DD' });

export const InstantSchema = z.string().refine((value) => parseInstant(value) !== null, {
  error: 'must be an RFC 3339 instant with an explicit offset, e.g. 2025-09-16T20:00:00+02:00',
});

export const LocalTimeSchema = z
  .string()
  .refine((value) => parseLocalTime(value) !== null, { error: 'must be a local time written HH:MM' });

function isCivicNumber(value: string): boolean {
  if (!/^\d{12}$/.test(value)) return false;
  try {
    decodeNormalizedCivicNo(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * A personnummer or samordningsnummer in its 12-digit form (§6): check digit, birth number and
 * date part are checked. A scenario has no "date received", so rule 6 of §6.1 (not born after the
 * reference date) is not applied here.
 */
export const CivicNumberSchema = z.string().refine(isCivicNumber, {
  error: 'must be a valid personnummer or samordningsnummer written as 12 digits',
});

export const MunicipalityCodeSchema = z.string().regex(/^\d{4}$/, { error: 'must be a four-digit municipality code' });

export const IsoWeekdaySchema = z.number().int().min(1).max(7);

export const ProtectionSchema = z.enum(['none', 'sekretessmarkering', 'skyddadFolkbokforing']);
export type Protection = z.infer<typeof ProtectionSchema>;

const DateRangeSchema = z
  .strictObject({ from: IsoDateSchema, to: IsoDateSchema, label: z.string().optional() })
  .refine((range) => range.from <= range.to, { error: '"to" is before "from"', path: ['to'] });

export const SchoolYearSchema = z.strictObject({
  id: z.string().regex(/^\d{4}\/\d{2}$/, { error: 'must be written like "2025/26"' }),
  terms: z.array(DateRangeSchema.refine((range) => range.label === undefined, { error: 'a term has no label' })),
  nonSchoolDays: z.array(DateRangeSchema).default([]),
});

export const CalendarSchema = z.strictObject({
  id: z.string().optional(),
  timeZone: z.literal('Europe/Stockholm', { error: 'must be "Europe/Stockholm"' }),
  teachingWeekdays: z.array(IsoWeekdaySchema),
  schoolYears: z.array(SchoolYearSchema),
});
export type Calendar = z.infer<typeof CalendarSchema>;

export const SchoolUnitSchema = z.strictObject({
  /** Null for an independent (non-municipal) huvudman. */
  huvudmanMunicipality: MunicipalityCodeSchema.nullable(),
  calendar: CalendarSchema.optional(),
});
export type SchoolUnit = z.infer<typeof SchoolUnitSchema>;

const TimedLessonSchema = z
  .strictObject({ id: z.string().min(1), start: LocalTimeSchema, end: LocalTimeSchema })
  .refine((lesson) => lesson.end > lesson.start, { error: 'end must be after start', path: ['end'] });

export const WeeklyPatternSchema = z.strictObject({
  schoolUnit: z.string().min(1),
  weekdays: z.array(IsoWeekdaySchema),
  lessons: z.array(TimedLessonSchema),
});
export type WeeklyPattern = z.infer<typeof WeeklyPatternSchema>;

export const ExtraOccurrenceSchema = z
  .strictObject({ schoolUnit: z.string().min(1), id: z.string().min(1), start: InstantSchema, end: InstantSchema })
  .refine((extra) => (parseInstant(extra.end) ?? 0) > (parseInstant(extra.start) ?? 0), {
    error: 'end must be after start',
    path: ['end'],
  });
export type ExtraOccurrence = z.infer<typeof ExtraOccurrenceSchema>;

export const TimetableSchema = z.strictObject({
  weekly: z.array(WeeklyPatternSchema).default([]),
  extra: z.array(ExtraOccurrenceSchema).default([]),
});
export type Timetable = z.infer<typeof TimetableSchema>;

export const ChannelSchema = z.enum(['sms', 'email', 'push']);

export const GuardianSchema = z.strictObject({
  subject: CivicNumberSchema,
  protection: ProtectionSchema.default('none'),
  receivesNotices: z.boolean(),
  channels: z.array(ChannelSchema),
});
export type Guardian = z.infer<typeof GuardianSchema>;

export const EnrolmentSchema = z.strictObject({ schoolUnit: z.string().min(1), primary: z.boolean() });

export const IdentityLinkSchema = z.strictObject({ previousSubject: CivicNumberSchema, syncedOn: IsoDateSchema });

export const SchoolTypeSchema = z.enum(['GY', 'GR']);

export const StudentSchema = z.strictObject({
  subject: CivicNumberSchema,
  birthDate: IsoDateSchema,
  protection: ProtectionSchema.default('none'),
  schoolType: SchoolTypeSchema,
  homeMunicipality: MunicipalityCodeSchema,
  enrolments: z.array(EnrolmentSchema).min(1),
  guardians: z.array(GuardianSchema).default([]),
  identityLinks: z.array(IdentityLinkSchema).default([]),
});
export type Student = z.infer<typeof StudentSchema>;

export const RecordCategorySchema = z.enum(['invalid', 'valid', 'reported', 'late']);
export type RecordCategory = z.infer<typeof RecordCategorySchema>;

export const AuthoritySchema = z.enum(['school', 'reporter']);
export const ActivitySchema = z.enum(['lesson', 'fritidshem']);

/**
 * One version of one record. The four shapes of §7.5 (lessons, interval, full day, day minutes)
 * share one object; which fields may go together is checked in validate-scenario.ts, where the
 * error can name the record.
 */
export const RecordVersionSchema = z.strictObject({
  id: z.string().min(1),
  platform: z.string().min(1),
  sourceRecordId: z.string().min(1),
  version: z.number().int().min(1),
  updatedAt: InstantSchema,
  syncedOn: IsoDateSchema,
  subject: CivicNumberSchema,
  schoolUnit: z.string().min(1),
  date: IsoDateSchema.optional(),
  lessons: z.array(z.string().min(1)).min(1).optional(),
  start: InstantSchema.optional(),
  end: InstantSchema.optional(),
  fullDay: z.boolean().optional(),
  minutes: z.number().int().min(0).optional(),
  category: RecordCategorySchema,
  authority: AuthoritySchema,
  reportedAt: InstantSchema.optional(),
  decision: z.boolean().default(false),
  activity: ActivitySchema.default('lesson'),
});
export type RecordVersion = z.infer<typeof RecordVersionSchema>;

export const ScenarioSchema = z.strictObject({
  format: z.literal(SCENARIO_FORMAT, { error: `must be "${SCENARIO_FORMAT}"` }),
  id: z.string().optional(),
  description: z.string().optional(),
  pack: z.union([RulePackIdSchema, z.array(RulePackIdSchema).min(1)], {
    error: `must be one of ${RulePackIdSchema.options.map((id) => `"${id}"`).join(', ')}, or a non-empty array of them`,
  }),
  parameters: RuleParameterOverridesSchema.default({}),
  calendar: CalendarSchema,
  schoolUnits: z.record(z.string().min(1), SchoolUnitSchema),
  timetable: TimetableSchema.nullable(),
  students: z.array(StudentSchema).min(1),
  records: z.array(RecordVersionSchema),
  runs: z.array(IsoDateSchema).min(1),
});
export type Scenario = z.infer<typeof ScenarioSchema>;
