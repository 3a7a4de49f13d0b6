/**
 * The record sets behind SchoolSoft's lists (schoolsoft.md §4, §5):
 *
 * - rosters (`students`, `parents`) are full snapshots **sorted by id**: new ids are always higher
 *   and no row is removed during a school year (tombstones stay with `deleted: true`), so paging
 *   by page number never skips or repeats a row even when the clock moves between pages;
 * - change windows `[fromMs, toMs)` select rows by `changed`, each as it was at the window's end,
 *   ordered by (`changed`, `id`).
 *
 * Both are cached per state so that page n does not recompute pages 0…n−1.
 */
import type { SimulatorContext } from '../common/index.js';
import type { MunicipalityKey, SliceRecord, StreamName } from '../world/index.js';
import type { SchoolSoftState, WindowRows } from './state.js';
import type { School } from './tenancy.js';

type Context = SimulatorContext<SchoolSoftState>;

export const MAX_WINDOW_DAYS = 400;
const MS_PER_DAY = 86_400_000;

function byId(left: SliceRecord, right: SliceRecord): number {
  return Number(left.id) - Number(right.id);
}

/** The school's pupils or guardians as of now, tombstones included, sorted by id. */
export function rosterSnapshot(context: Context, tenant: MunicipalityKey, school: School, stream: 'pupils' | 'guardians'): readonly SliceRecord[] {
  const now = context.clock.now();
  const key = `${tenant}|${school.orgId}|${stream}|${now}`;
  const cached = context.state.rosters.get(key);
  if (cached) return cached;
  // `after: -1` keeps tombstones: a roster row never disappears during the year.
  const records = [...context.world.query(context.slice(tenant), stream, { after: -1, units: school.unit.code })].sort(byId);
  context.state.rosters.set(key, records);
  return records;
}

export type WindowProblem = 'notANumber' | 'inTheFuture' | 'empty' | 'tooLong';

export interface WindowBounds {
  readonly fromMs: number;
  readonly toMs: number;
}

function epochMs(text: string): number | null {
  if (!/^-?\d{1,16}$/.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

/** Checks `{fromMs}/{toMs}` (§5): numbers, `toMs` not after now, `fromMs < toMs`, at most 400 days. */
export function parseWindow(fromText: string, toText: string, now: number): WindowBounds | WindowProblem {
  const fromMs = epochMs(fromText);
  const toMs = epochMs(toText);
  if (fromMs === null || toMs === null) return 'notANumber';
  if (toMs > now) return 'inTheFuture';
  if (fromMs >= toMs) return 'empty';
  if (toMs - fromMs > MAX_WINDOW_DAYS * MS_PER_DAY) return 'tooLong';
  return { fromMs, toMs };
}

/**
 * Rows of the stream changed in `[fromMs, toMs)`, each as of the window's end. The world's query
 * takes `(after, until]`; with whole-millisecond stamps that is `(fromMs − 1, toMs − 1]`.
 */
export function changeWindow(context: Context, tenant: MunicipalityKey, school: School, stream: StreamName, window: WindowBounds): WindowRows {
  const key = `${tenant}|${school.orgId}|${stream}|${window.fromMs}|${window.toMs}`;
  const cached = context.state.windows.get(key);
  if (cached) return cached;
  const after = window.fromMs - 1;
  const until = window.toMs - 1;
  const query = context.world.query(context.slice(tenant), stream, { after, until, units: school.unit.code });
  // The window end is the cursor handed out: an injected event is stamped after it.
  context.snapshots.note(window.toMs);
  context.state.windows.set(key, query);
  return query;
}
