/**
 * `rowLimit`/`startRow` paging over a `ChangedUntil` snapshot (platform file §4). Invented:
 * the paging and the snapshot. Rows are those with `changedSince < Modified ≤ ChangedUntil`,
 * each as it was at `ChangedUntil`; without `changedSince`, every row not removed or cancelled.
 * The server reads `ChangedUntil` back from the string it prints, on page 1 too, so the cursor a
 * client holds is exactly the snapshot it got.
 */
import type { Request } from 'express';
import { FAILURE } from './envelope.js';
import { formatLocalTimestamp, isCalendarDate, parseLocalTimestamp } from './wire-dates.js';

export const MAX_ROW_LIMIT = 500;

export interface PagingRequest {
  readonly rowLimit: number;
  readonly startRow: number;
  /** Exclusive lower bound (epoch ms), or null for a backfill. */
  readonly changedSince: number | null;
  /** The snapshot a later page sends back, or null on page 1. */
  readonly changedUntil: number | null;
  /** Notices only: inclusive filter on the notice's first day. */
  readonly fromDate: string | null;
  readonly toDate: string | null;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** A query parameter by name, case-insensitively as ASP.NET binds them; the first of a repeated one. */
function parameter(request: Request, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.query)) {
    if (key.toLowerCase() !== wanted) continue;
    const first: unknown = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first : undefined;
  }
  return undefined;
}

function integer(text: string | undefined, min: number, max: number): number | null {
  if (text === undefined || !/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

export function parsePaging(request: Request, withDateFilters: boolean): Parsed<PagingRequest> {
  const fail = (name: string): Parsed<PagingRequest> => ({ ok: false, message: FAILURE.badParameter(name) });
  const rowLimit = integer(parameter(request, 'rowLimit'), 1, MAX_ROW_LIMIT);
  if (rowLimit === null) return fail('rowLimit');
  const startRowText = parameter(request, 'startRow');
  const startRow = startRowText === undefined || startRowText === '' ? 0 : integer(startRowText, 0, Number.MAX_SAFE_INTEGER);
  if (startRow === null) return fail('startRow');
  const stamps: Record<'changedSince' | 'changedUntil', number | null> = { changedSince: null, changedUntil: null };
  for (const name of ['changedSince', 'changedUntil'] as const) {
    const text = parameter(request, name);
    if (text === undefined || text === '') continue;
    const instant = parseLocalTimestamp(text);
    if (instant === null) return fail(name);
    stamps[name] = instant;
  }
  const dates: Record<'fromDate' | 'toDate', string | null> = { fromDate: null, toDate: null };
  if (withDateFilters) {
    for (const name of ['fromDate', 'toDate'] as const) {
      const text = parameter(request, name);
      if (text === undefined || text === '') continue;
      if (!isCalendarDate(text)) return fail(name);
      dates[name] = text;
    }
  }
  return { ok: true, value: { rowLimit, startRow, ...stamps, ...dates } };
}

export interface SnapshotWindow {
  readonly after: number | null;
  readonly until: number;
}

/** The window a page reads: `ChangedUntil` is the echoed one, or now as printed and read back. */
export function snapshotWindow(paging: PagingRequest, now: number): Parsed<SnapshotWindow> {
  const until = paging.changedUntil ?? parseLocalTimestamp(formatLocalTimestamp(now)) ?? now;
  if (until > now) return { ok: false, message: FAILURE.snapshotInFuture };
  return { ok: true, value: { after: paging.changedSince, until } };
}
