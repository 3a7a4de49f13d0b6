import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { requireStartBeforeEnd } from './intervals.js';

const Period = z.object({ from: z.string().nullish(), to: z.string().nullish() }).superRefine((period, ctx) => {
  requireStartBeforeEnd(ctx, period.from, period.to, { start: 'from', end: 'to' });
});

describe('requireStartBeforeEnd', () => {
  it('reports an empty or backwards period at the end field, naming both fields', () => {
    const result = Period.safeParse({ from: '2026-03-09T08:00:00+01:00', to: '2026-03-09T07:00:00Z' });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ code: 'custom', path: ['to'], message: 'to must be after from' }),
    ]);
  });

  it('accepts a period that runs forwards across offsets', () => {
    expect(Period.safeParse({ from: '2026-03-29T01:59:00+01:00', to: '2026-03-29T03:00:00+02:00' }).success).toBe(true);
  });

  it('leaves missing and unparsable values to other rules', () => {
    expect(Period.safeParse({ from: null, to: '2026-03-09T07:00:00Z' }).success).toBe(true);
    expect(Period.safeParse({ from: '2026-03-09T08:00:00+01:00' }).success).toBe(true);
    expect(Period.safeParse({ from: 'soon', to: 'later' }).success).toBe(true);
  });
});
