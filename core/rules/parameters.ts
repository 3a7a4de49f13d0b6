/**
 * The parameters of the rule packs, with their defaults (rules/README.md §2.11, §3.1, §4.1).
 *
 * Every schema is strict: an unknown parameter name is an error, so a typo in a municipality's
 * configuration or in a rule scenario file is reported instead of silently falling back to the
 * default. Parsing `{}` yields the complete default parameter set, so the engine never has to know
 * the defaults itself. Bounds are deliberately wide — they reject nonsense (negative minutes, a
 * 0-day window), not local policy.
 */
import { z } from 'zod';

export const RULE_PACK_IDS = ['stockholm-gy', 'skollagen'] as const;
export const RulePackIdSchema = z.enum(RULE_PACK_IDS);
export type RulePackId = z.infer<typeof RulePackIdSchema>;

/** Days in each month of a common year: a school year cannot start on 29 February every year. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** `MM-DD`, a day that exists in every year. */
export const MonthDaySchema = z
  .string()
  .regex(/^\d{2}-\d{2}$/, { error: 'must be MM-DD, e.g. "07-01"' })
  .refine(
    (value) => {
      const month = Number(value.slice(0, 2));
      const day = Number(value.slice(3, 5));
      const daysInMonth = DAYS_IN_MONTH[month - 1];
      return daysInMonth !== undefined && day >= 1 && day <= daysInMonth;
    },
    { error: 'is not a day that exists in every year' },
  );

const wholeNumber = (min: number, max: number) => z.number().int().min(min).max(max);

/** The common parameters both packs accept (§2.11). */
const commonParameterShape = {
  /** A late arrival is 1–N minutes; longer lateness becomes invalid minutes. */
  lateArrivalMaxMinutes: wholeNumber(0, 180).default(15),
  /** Reporter records count when made by the end of the absence date plus this many days. */
  reportDeadlineDaysAfter: wholeNumber(0, 60).default(0),
  /** Where ladders, late counts and investigation arming reset; CSN state carries over. */
  schoolYearStart: MonthDaySchema.default('07-01'),
};

export const CommonRuleParametersSchema = z.strictObject(commonParameterShape);
export type CommonRuleParameters = z.infer<typeof CommonRuleParametersSchema>;

/** `stockholm-gy` (§3.1). */
export const StockholmGyParametersSchema = z
  .strictObject({
    ...commonParameterShape,
    oralMinInvalidMinutes: wholeNumber(1, 100_000).default(240),
    oralMinOccasions: wholeNumber(1, 366).default(3),
    oralWindowDays: wholeNumber(1, 366).default(30),
    continuationGraceSchoolDays: wholeNumber(0, 60).default(1),
    writtenLateArrivals: wholeNumber(1, 1000).default(3),
    lateCountsTowardOral: z.boolean().default(false),
    regainCleanSchoolDays: wholeNumber(1, 200).default(20),
    studiehjalpEndAge: wholeNumber(16, 25).default(20),
    hemkommunNotice: z.enum(['auto', 'off']).default('auto'),
  })
  .superRefine((parameters, ctx) => {
    // An occasion is a distinct school date inside the window: more occasions than days can never be met.
    if (parameters.oralMinOccasions > parameters.oralWindowDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['oralMinOccasions'],
        message: `cannot exceed oralWindowDays (${parameters.oralWindowDays}): an occasion is a distinct date in the window`,
      });
    }
  });
export type StockholmGyParameters = z.infer<typeof StockholmGyParametersSchema>;

/** The resolved categories the investigation share counts (§4.1, §2.1). */
export const InvestigationCategorySchema = z.enum(['invalid', 'valid', 'reported', 'late']);

/** `skollagen` (§4.1). */
export const SkollagenParametersSchema = z.strictObject({
  ...commonParameterShape,
  notifyGuardiansUnderAge: wholeNumber(1, 25).default(18),
  notifyAdultStudent: z.boolean().default(true),
  notifyIncludesLate: z.boolean().default(false),
  lastLessonMayWait: z.boolean().default(true),
  investigationSharePercent: wholeNumber(1, 100).default(10),
  investigationWindowDays: wholeNumber(1, 366).default(30),
  investigationMinScheduledMinutes: wholeNumber(0, 1_000_000).default(1200),
  investigationConsecutiveFullDays: wholeNumber(1, 366).default(5),
  investigationCountsCategories: z
    .array(InvestigationCategorySchema)
    .min(1)
    .refine((categories) => new Set(categories).size === categories.length, { error: 'lists a category twice' })
    .default(['invalid', 'valid', 'reported', 'late']),
  investigationRearmDays: wholeNumber(0, 366).default(30),
});
export type SkollagenParameters = z.infer<typeof SkollagenParametersSchema>;

/** Each pack's parameter schema, keyed by pack id. */
export const RULE_PACK_PARAMETER_SCHEMAS = {
  'stockholm-gy': StockholmGyParametersSchema,
  skollagen: SkollagenParametersSchema,
} as const satisfies Record<RulePackId, z.ZodType>;

export type RulePackParameters = { [P in RulePackId]: z.infer<(typeof RULE_PACK_PARAMETER_SCHEMAS)[P]> };

/**
 * Overrides per pack, as a rule scenario's `parameters` (§7.1) and the configuration carry them:
 * an unknown pack or parameter name is an error.
 */
export const RuleParameterOverridesSchema = z.strictObject({
  'stockholm-gy': StockholmGyParametersSchema.optional(),
  skollagen: SkollagenParametersSchema.optional(),
});

/** The complete default parameter set of a pack. */
export function defaultRuleParameters<P extends RulePackId>(pack: P): RulePackParameters[P] {
  return RULE_PACK_PARAMETER_SCHEMAS[pack].parse({}) as RulePackParameters[P];
}
