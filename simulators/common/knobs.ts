/**
 * Platform knobs of `PUT /_control/config` (platforms README §4.1 and each platform file): numbers
 * such as `loginMinDelayMs` or InfoMentor's `staleSelectionRate`. A `PUT` replaces the set, so a
 * knob it omits returns to the platform's default and `{}` restores every default.
 */
import { z } from 'zod';

/** Knobs every simulator accepts (a platform that does not use one just stores it). */
export const COMMON_KNOBS = ['loginMinDelayMs', 'maxPageSize', 'rateLimitPerMinute'] as const;

export const knobsBodySchema = z.record(z.string(), z.number().finite().min(0));

export class Knobs {
  private values: Map<string, number>;
  readonly known: readonly string[];

  constructor(private readonly defaults: Readonly<Record<string, number>>) {
    this.known = [...new Set([...COMMON_KNOBS, ...Object.keys(defaults)])];
    this.values = new Map(Object.entries(defaults));
  }

  /** The knob's value, or undefined for a common knob the platform has no default for and nobody set. */
  get(name: string): number | undefined {
    return this.values.get(name);
  }

  /** Replaces the set over the defaults; returns unknown names (nothing is changed then). */
  replace(knobs: Readonly<Record<string, number>>): string[] {
    const unknown = Object.keys(knobs).filter((name) => !this.known.includes(name));
    if (unknown.length > 0) return unknown;
    this.values = new Map(Object.entries({ ...this.defaults, ...knobs }));
    return [];
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries(this.values);
  }
}

/**
 * A per-key limit of requests per wall-clock minute (fixed windows), for platforms whose own rate
 * limit is a knob (`rateLimitPerMinute`: SchoolSoft per token, InfoMentor per session).
 */
export class MinuteRateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly limit: () => number | undefined,
    private readonly wallNow: () => number = Date.now,
  ) {}

  /** Counts a request; null if allowed, otherwise the whole seconds until the key's window resets. */
  hit(key: string): { retryAfterSeconds: number } | null {
    const limit = this.limit();
    if (limit === undefined || limit <= 0) return null;
    const now = this.wallNow();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= 60_000) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= limit) return null;
    return { retryAfterSeconds: Math.max(1, Math.ceil((window.startedAt + 60_000 - now) / 1000)) };
  }

  clear(): void {
    this.windows.clear();
  }
}
