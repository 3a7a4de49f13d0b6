/**
 * The body every paged list shares (infomentor.md §5, §6): `{page, pageSize, changedSince,
 * changedUntil, fromDate, toDate}`, as JSON or form-encoded (older clients), checked into a list
 * request or the platform's refused-request object.
 */
import { z } from 'zod';
import { isIsoDate, parseTimestamp } from './dates.js';
import { refusal } from './wire.js';
import type { Refusal } from './wire.js';

const fieldSchema = z.union([z.string(), z.number(), z.null()]).optional();
const listBodySchema = z.object({
  page: fieldSchema,
  pageSize: fieldSchema,
  changedSince: fieldSchema,
  changedUntil: fieldSchema,
  fromDate: fieldSchema,
  toDate: fieldSchema,
});

export interface ListRequest {
  /** 1-based. */
  readonly page: number;
  readonly pageSize: number;
  /** Exclusive lower bound on `lastChanged`; null = backfill (every row not deleted). */
  readonly changedSince: number | null;
  /** The snapshot; null on page 1 = the server's now. */
  readonly changedUntil: number | null;
  readonly fromDate: string | null;
  readonly toDate: string | null;
}

export interface ListLimits {
  readonly maxPageSize: number;
  /** Simulated now: a `changedUntil` after it is refused. */
  readonly now: number;
  /** Resolves a local cursor text this server handed out (drift `jsonDateIso`). */
  readonly issuedCursor: (text: string) => number | undefined;
}

function text(value: string | number | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = String(value).trim();
  return trimmed === '' ? null : trimmed;
}

function integer(value: string | number | null | undefined, fallback: number): number | null {
  const written = text(value);
  if (written === null) return fallback;
  return /^-?\d+$/.test(written) ? Number(written) : null;
}

export function parseListRequest(body: unknown, limits: ListLimits): ListRequest | Refusal {
  const parsed = listBodySchema.safeParse(body ?? {});
  const fields = parsed.success ? parsed.data : {};

  const page = integer(fields.page, 1);
  if (page === null || page < 1) return refusal('InvalidPage', 'page måste vara ett heltal från 1');
  const pageSize = integer(fields.pageSize, limits.maxPageSize);
  if (pageSize === null || pageSize < 1 || pageSize > limits.maxPageSize) return refusal('InvalidPageSize', `pageSize måste vara 1–${limits.maxPageSize}`);

  const sinceText = text(fields.changedSince);
  const changedSince = sinceText === null ? null : parseTimestamp(sinceText, limits.issuedCursor);
  if (sinceText !== null && changedSince === null) return refusal('InvalidChangedSince', 'changedSince ska skickas tillbaka som servern angav den');

  const untilText = text(fields.changedUntil);
  const changedUntil = untilText === null ? null : parseTimestamp(untilText, limits.issuedCursor);
  if (untilText !== null && changedUntil === null) return refusal('InvalidChangedUntil', 'changedUntil ska skickas tillbaka som servern angav den');
  if (changedUntil !== null && changedUntil > limits.now) return refusal('InvalidChangedUntil', 'changedUntil ligger efter serverns tid');
  // Later pages must name the snapshot of page 1, or paging could skip or repeat rows.
  if (changedUntil === null && page > 1) return refusal('InvalidChangedUntil', 'changedUntil från sida 1 krävs för sida 2 och senare');

  const fromDate = text(fields.fromDate);
  const toDate = text(fields.toDate);
  for (const [name, value] of [['fromDate', fromDate], ['toDate', toDate]] as const) {
    if (value !== null && !isIsoDate(value)) return refusal('InvalidDate', `${name} måste vara ÅÅÅÅ-MM-DD`);
  }
  return { page, pageSize, changedSince, changedUntil, fromDate, toDate };
}

export function isRefusal(result: ListRequest | Refusal): result is Refusal {
  return 'success' in result;
}
