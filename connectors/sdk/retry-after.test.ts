import { describe, expect, it } from 'vitest';
import { backoffMs } from './backoff.js';
import { retryAfterMs } from './retry-after.js';

const DATE = 'Tue, 10 Mar 2026 01:00:00 GMT';

describe('retryAfterMs', () => {
  it('reads seconds and caps them', () => {
    expect(retryAfterMs({ retryAfter: '2', date: DATE, maxSeconds: 120 })).toBe(2_000);
    expect(retryAfterMs({ retryAfter: '0', date: undefined, maxSeconds: 120 })).toBe(0);
    expect(retryAfterMs({ retryAfter: '3600', date: DATE, maxSeconds: 120 })).toBe(120_000);
  });

  it('measures an HTTP-date from the response Date header', () => {
    expect(retryAfterMs({ retryAfter: 'Tue, 10 Mar 2026 01:00:02 GMT', date: DATE, maxSeconds: 120 })).toBe(2_000);
    // Already passed by the server's clock: no wait.
    expect(retryAfterMs({ retryAfter: 'Tue, 10 Mar 2026 00:59:00 GMT', date: DATE, maxSeconds: 120 })).toBe(0);
  });

  it('falls back to 60 s (capped) when the header is missing, unreadable or has no Date to compare with', () => {
    expect(retryAfterMs({ retryAfter: undefined, date: DATE, maxSeconds: 120 })).toBe(60_000);
    expect(retryAfterMs({ retryAfter: 'soon', date: DATE, maxSeconds: 120 })).toBe(60_000);
    expect(retryAfterMs({ retryAfter: 'Tue, 10 Mar 2026 01:00:02 GMT', date: undefined, maxSeconds: 120 })).toBe(60_000);
    expect(retryAfterMs({ retryAfter: undefined, date: DATE, maxSeconds: 10 })).toBe(10_000);
  });
});

describe('backoffMs', () => {
  it('draws uniformly below min(cap, base · 2^attempt)', () => {
    const policy = { baseMs: 100, capMs: 1_000 };
    expect(backoffMs(0, policy, () => 0.999)).toBe(99);
    expect(backoffMs(3, policy, () => 0.5)).toBe(400);
    expect(backoffMs(10, policy, () => 0.5)).toBe(500);
    expect(backoffMs(2, policy, () => 0)).toBe(0);
  });
});
