/**
 * How long a 429 asks us to wait. `Retry-After` is either whole seconds or an HTTP-date; an
 * HTTP-date is measured against the response's own `Date` header, because simulators (and
 * platforms with skewed clocks) run on a clock that is not ours.
 */

/** Seconds to wait when a 429 carries no usable `Retry-After`. */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;

export interface RetryAfterInput {
  readonly retryAfter: string | undefined;
  /** The response's `Date` header. */
  readonly date: string | undefined;
  /** Upper bound for any wait, from configuration. */
  readonly maxSeconds: number;
}

/** The wait in milliseconds, never negative and never above `maxSeconds`. */
export function retryAfterMs({ retryAfter, date, maxSeconds }: RetryAfterInput): number {
  const capMs = Math.max(0, maxSeconds) * 1000;
  const fallback = Math.min(DEFAULT_RETRY_AFTER_SECONDS * 1000, capMs);
  const value = retryAfter?.trim();
  if (!value) return fallback;
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, capMs);
  const retryAt = Date.parse(value);
  const responseAt = date === undefined ? Number.NaN : Date.parse(date);
  // Without the server's `Date` an HTTP-date cannot be turned into a wait without our own clock.
  if (Number.isNaN(retryAt) || Number.isNaN(responseAt)) return fallback;
  return Math.min(Math.max(0, retryAt - responseAt), capMs);
}
