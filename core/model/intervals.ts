/** Checks shared by entities that carry a `[start, end)` period of instants. */
import type { z } from 'zod';

/**
 * Adds an issue at `endField` unless `start` is strictly before `end`. Compares instants, not
 * strings: `08:00+01:00` and `07:00Z` are the same moment. Silent when either side is missing
 * (presence is a separate rule) or unparsable (the field's own schema reports that).
 */
export function requireStartBeforeEnd(
  ctx: z.RefinementCtx,
  start: string | null | undefined,
  end: string | null | undefined,
  fields: { start: string; end: string },
): void {
  if (start == null || end == null) return;
  const startMs = Date.parse(start);
  const endMs = Date.parse(end);
  if (Number.isNaN(startMs) || Number.isNaN(endMs)) return;
  if (startMs >= endMs) {
    ctx.addIssue({ code: 'custom', path: [fields.end], message: `${fields.end} must be after ${fields.start}` });
  }
}
