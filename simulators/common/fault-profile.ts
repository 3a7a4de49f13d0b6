/**
 * The fault profile of `GET`/`PUT /_control/faults` (platforms README §4.1). Every field is
 * optional; `{}` means no faults. The schema is strict: a misspelt field would otherwise be a
 * fault that silently never happens.
 */
import { z } from 'zod';

export const MALFORMED_KINDS = ['missingRequired', 'wrongType', 'badCivicNo', 'unknownEnum', 'badDate'] as const;

export const DEFAULT_SERVER_ERROR_STATUSES: readonly number[] = [500, 502, 503];

const rate = z.number().min(0).max(1);

export const retryAfterFormatSchema = z.enum(['seconds', 'http-date', 'none']);
export type RetryAfterFormat = z.infer<typeof retryAfterFormatSchema>;

export const faultProfileSchema = z.strictObject({
  /** Globs over route templates (`*` matches any run of characters, `/` included); default all. */
  routes: z.array(z.string().min(1)).min(1).optional(),
  latencyMs: z
    .strictObject({ min: z.number().int().min(0), max: z.number().int().min(0) })
    .refine((latency) => latency.min <= latency.max, { message: 'latencyMs.min must not exceed latencyMs.max' })
    .optional(),
  serverErrorRate: rate.optional(),
  serverErrorStatuses: z.array(z.number().int().min(500).max(599)).min(1).optional(),
  rateLimit: z
    .strictObject({
      everyRequests: z.number().int().min(1),
      retryAfterSeconds: z.number().int().min(1),
      retryAfterFormat: retryAfterFormatSchema.default('seconds'),
    })
    .optional(),
  malformedRecordRate: rate.optional(),
  malformedKinds: z.array(z.enum(MALFORMED_KINDS)).min(1).optional(),
  connectionResetRate: rate.optional(),
  /** Idle lifetime of sessions and tokens in wall-clock seconds; fractions allowed (tests). */
  sessionTtlSeconds: z.number().positive().optional(),
});

export type FaultProfile = z.output<typeof faultProfileSchema>;
export type FaultProfileInput = z.input<typeof faultProfileSchema>;

/** Glob → RegExp: `*` is any run of characters (so `/api/get/*` covers every route below it), `?` one character. */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (const character of glob) {
    if (character === '*') pattern += '.*';
    else if (character === '?') pattern += '.';
    else pattern += character.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${pattern}$`);
}

/** Whether a route template falls under the profile's `routes` (no `routes` = every route). */
export function routeMatches(routes: readonly string[] | undefined, template: string): boolean {
  if (routes === undefined) return true;
  return routes.some((glob) => globToRegExp(glob).test(template));
}
