/**
 * Snapshot-consistent change queries. A query selects the records of one slice stream whose
 * latest version at or before `until` is newer than `after` (or, with `after: null`, every record
 * not deleted at `until`), each as it was at `until`, ordered by (lastChanged, id). Paging over
 * the same query therefore never skips or repeats a record, however the world moves on.
 *
 * Memory stays flat: person-like records are indexed as (lastChanged, id, key) triples only and
 * rebuilt per page from their keys; day-anchored records (notices, registrations) stream in order
 * from a sweep over school days that holds only the few days a day's events can spread over. An
 * incremental window sweeps the days near it plus the days of rows injected changes touched in it.
 */
import { SCHOOL_DAYS, schoolDayIndexAtOrAfter } from './calendar.js';
import { compareRecords } from './rows.js';
import type { RowTimeline, RowVersion, SliceRecord } from './rows.js';
import { localDayNumberOf, startOfLocalDay } from './stockholm-time.js';
import type { UnitCode } from './units.js';

export interface QueryWindow {
  /** Exclusive lower bound on lastChanged; null = every record not deleted at `until`. */
  readonly after: number | null;
  /** The snapshot: inclusive upper bound; records show as they were then. */
  readonly until: number;
  readonly units: readonly UnitCode[];
  /** Inclusive day-number filter on the record's date (notice start, lesson date, leave start). */
  readonly fromDay: number | null;
  readonly toDay: number | null;
}

export interface RecordCursor {
  readonly lastChanged: number;
  readonly id: string | number;
  readonly key: string;
}

/** Records indexed by person (pupils, guardians, groups, leave): rebuilt from a group key. */
export interface EnumeratedSource {
  readonly kind: 'enumerated';
  groups(): Iterable<string>;
  timelines(group: string): readonly RowTimeline[];
}

/** A change stamped `at` to a row anchored on `day`, made after the day's own events (an injection). */
export interface LateChange {
  readonly day: number;
  readonly at: number;
}

/**
 * Records made by one school day's outcome; the day's own events lie within [day − lead, day + lag].
 * Only `lateChanges` can touch a row later, so a window sweeps the days near it plus theirs.
 */
export interface AnchoredSource {
  readonly kind: 'anchored';
  readonly leadDays: number;
  readonly lagDays: number;
  timelinesAt(day: number): readonly RowTimeline[];
  lateChanges(): readonly LateChange[];
}

export type TimelineSource = EnumeratedSource | AnchoredSource;

/** The version a window selects (latest at or before `until`, newer than `after`), or null. */
export function pickVersion(timeline: RowTimeline, window: QueryWindow): RowVersion | null {
  const day = timeline.filterDay;
  if (day !== null && ((window.fromDay !== null && day < window.fromDay) || (window.toDay !== null && day > window.toDay))) return null;
  let version: RowVersion | null = null;
  for (let index = timeline.versions.length - 1; index >= 0; index--) {
    const candidate = timeline.versions[index];
    if (candidate && candidate.at <= window.until) {
      version = candidate;
      break;
    }
  }
  if (!version) return null;
  if (window.after === null ? version.deleted : version.at <= window.after) return null;
  if (!version.units.some((unit) => window.units.includes(unit))) return null;
  return version;
}

export function selectVersion(timeline: RowTimeline, window: QueryWindow): SliceRecord | null {
  const version = pickVersion(timeline, window);
  if (!version) return null;
  return {
    stream: timeline.stream,
    key: timeline.key,
    id: timeline.id,
    pupilKey: timeline.pupilKey,
    createdAt: timeline.createdAt,
    lastChanged: version.at,
    deleted: version.deleted,
    units: version.units,
    filterDay: timeline.filterDay,
    data: version.data,
  };
}

function isAfter(record: SliceRecord, cursor: RecordCursor | null): boolean {
  return cursor === null || compareRecords(record, cursor) > 0;
}

class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly compare: (left: T, right: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.compare(items[index] as T, items[parent] as T) >= 0) break;
      [items[index], items[parent]] = [items[parent] as T, items[index] as T];
      index = parent;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let index = 0;
      for (;;) {
        const left = index * 2 + 1;
        const right = left + 1;
        let smallest = index;
        if (left < items.length && this.compare(items[left] as T, items[smallest] as T) < 0) smallest = left;
        if (right < items.length && this.compare(items[right] as T, items[smallest] as T) < 0) smallest = right;
        if (smallest === index) break;
        [items[index], items[smallest]] = [items[smallest] as T, items[index] as T];
        index = smallest;
      }
    }
    return top;
  }
}

/**
 * School days whose events can fall inside the window (and after the cursor), ascending: the
 * days near the window, plus the earlier days of rows changed late inside it.
 */
function anchorDays(source: AnchoredSource, window: QueryWindow, cursor: RecordCursor | null): number[] {
  let from = SCHOOL_DAYS[0] ?? 0;
  if (window.after !== null) from = Math.max(from, localDayNumberOf(window.after) - source.lagDays);
  if (cursor) from = Math.max(from, localDayNumberOf(cursor.lastChanged) - source.lagDays);
  if (window.fromDay !== null) from = Math.max(from, window.fromDay);
  let to = localDayNumberOf(window.until) + source.leadDays;
  if (window.toDay !== null) to = Math.min(to, window.toDay);
  const earlier = new Set<number>();
  for (const change of source.lateChanges()) {
    // A row's selected version is at least as new as its latest change up to `until`, so a
    // change outside (after, until] or before the cursor cannot bring its row in.
    if (change.at > window.until || (window.after !== null && change.at <= window.after)) continue;
    if (cursor && change.at < cursor.lastChanged) continue;
    if (change.day >= from || change.day > to || (window.fromDay !== null && change.day < window.fromDay)) continue;
    earlier.add(change.day);
  }
  const days = [...earlier].sort((left, right) => left - right);
  for (let index = schoolDayIndexAtOrAfter(from); index < SCHOOL_DAYS.length; index++) {
    const day = SCHOOL_DAYS[index] ?? Infinity;
    if (day > to) break;
    days.push(day);
  }
  return days;
}

function* sweep(source: AnchoredSource, window: QueryWindow, cursor: RecordCursor | null): Generator<SliceRecord> {
  const days = anchorDays(source, window, cursor);
  const heap = new MinHeap<SliceRecord>(compareRecords);
  for (let index = 0; index < days.length; index++) {
    const day = days[index] ?? 0;
    for (const timeline of source.timelinesAt(day)) {
      const record = selectVersion(timeline, window);
      if (record && isAfter(record, cursor)) heap.push(record);
    }
    const next = days[index + 1];
    // No later day can produce an event before its own start minus the lead (late changes
    // only come after a row's own events).
    const threshold = next === undefined ? Infinity : startOfLocalDay(next - source.leadDays);
    while (heap.size > 0 && (heap.peek()?.lastChanged ?? Infinity) < threshold) {
      const record = heap.pop();
      if (record) yield record;
    }
  }
  while (heap.size > 0) {
    const record = heap.pop();
    if (record) yield record;
  }
}

interface IndexEntry extends RecordCursor {
  readonly group: string;
}

class EnumeratedIndex {
  private entries: IndexEntry[] | null = null;

  constructor(
    private readonly source: EnumeratedSource,
    private readonly window: QueryWindow,
  ) {}

  private build(): IndexEntry[] {
    if (this.entries) return this.entries;
    const entries: IndexEntry[] = [];
    for (const group of this.source.groups()) {
      for (const timeline of this.source.timelines(group)) {
        // Only the order is needed here; the record's data is built when its page is read.
        const version = pickVersion(timeline, this.window);
        if (version) entries.push({ lastChanged: version.at, id: timeline.id, key: timeline.key, group });
      }
    }
    entries.sort(compareRecords);
    this.entries = entries;
    return entries;
  }

  *after(cursor: RecordCursor | null): Generator<SliceRecord> {
    const entries = this.build();
    let low = 0;
    let high = entries.length;
    while (cursor && low < high) {
      const mid = (low + high) >> 1;
      if (compareRecords(entries[mid] as IndexEntry, cursor) <= 0) low = mid + 1;
      else high = mid;
    }
    for (let index = cursor ? low : 0; index < entries.length; index++) {
      const entry = entries[index];
      if (!entry) continue;
      const timeline = this.source.timelines(entry.group).find((candidate) => candidate.key === entry.key);
      const record = timeline ? selectVersion(timeline, this.window) : null;
      if (record) yield record;
    }
  }
}

/** Merges record streams that are each in (lastChanged, id) order into one stream in that order. */
export function* mergeByChange(iterators: readonly Generator<SliceRecord>[]): Generator<SliceRecord> {
  const heads = iterators.map((iterator) => ({ iterator, next: iterator.next() }));
  for (;;) {
    let best: (typeof heads)[number] | null = null;
    for (const head of heads) {
      if (head.next.done) continue;
      if (!best || compareRecords(head.next.value, best.next.value as SliceRecord) < 0) best = head;
    }
    if (!best || best.next.done) return;
    yield best.next.value;
    best.next = best.iterator.next();
  }
}

const CHECKPOINT_EVERY = 256;

interface LiveIteration {
  readonly iterator: Generator<SliceRecord>;
  /** Index of the record the iterator yields next. */
  position: number;
  previous: RecordCursor | null;
}

/**
 * One query, pageable many times. It memoises the total and a cursor every 256 records, and
 * keeps its iteration open after a page, so a simulator that keeps the query for a snapshot
 * serves page n + 1 by continuing, and any page n without recomputing pages 1…n−1.
 */
export class ChangeQuery implements Iterable<SliceRecord> {
  private total: number | null = null;
  private readonly checkpoints = new Map<number, RecordCursor>();
  private live: LiveIteration | null = null;
  private readonly indexes: Map<EnumeratedSource, EnumeratedIndex> = new Map();

  constructor(
    private readonly sources: readonly TimelineSource[],
    readonly window: QueryWindow,
  ) {}

  private iterate(cursor: RecordCursor | null): Generator<SliceRecord> {
    return mergeByChange(
      this.sources.map((source) => {
        if (source.kind === 'anchored') return sweep(source, this.window, cursor);
        let index = this.indexes.get(source);
        if (!index) {
          index = new EnumeratedIndex(source, this.window);
          this.indexes.set(source, index);
        }
        return index.after(cursor);
      }),
    );
  }

  [Symbol.iterator](): Iterator<SliceRecord> {
    return this.iterate(null);
  }

  /** Records strictly after a cursor (keyset paging: pass the last record of the previous page). */
  after(cursor: RecordCursor | null): Generator<SliceRecord> {
    return this.iterate(cursor);
  }

  count(): number {
    if (this.total !== null) return this.total;
    let position = 0;
    let previous: RecordCursor | null = null;
    for (const record of this.iterate(null)) {
      if (position % CHECKPOINT_EVERY === 0 && previous) this.checkpoints.set(position, previous);
      previous = { lastChanged: record.lastChanged, id: record.id, key: record.key };
      position++;
    }
    this.total = position;
    return position;
  }

  /** Records [offset, offset + limit). */
  range(offset: number, limit: number): SliceRecord[] {
    // Pages are usually read in order: the next one continues the same iteration, so a
    // day-anchored stream is swept once however many pages it has.
    const live = this.live !== null && this.live.position === offset ? this.live : this.restartAt(offset);
    const result: SliceRecord[] = [];
    while (result.length < limit) {
      const next = live.iterator.next();
      if (next.done) break;
      const record = next.value;
      if (live.position % CHECKPOINT_EVERY === 0 && live.previous && live.position > 0) this.checkpoints.set(live.position, live.previous);
      if (live.position >= offset) result.push(record);
      live.previous = { lastChanged: record.lastChanged, id: record.id, key: record.key };
      live.position++;
    }
    this.live = live;
    return result;
  }

  /** An iteration positioned at or before `offset`, from the nearest checkpoint. */
  private restartAt(offset: number): LiveIteration {
    for (let checkpoint = Math.floor(offset / CHECKPOINT_EVERY) * CHECKPOINT_EVERY; checkpoint > 0; checkpoint -= CHECKPOINT_EVERY) {
      const known = this.checkpoints.get(checkpoint);
      if (known) return { iterator: this.iterate(known), position: checkpoint, previous: known };
    }
    return { iterator: this.iterate(null), position: 0, previous: null };
  }

  /** Page `pageIndex` (0-based) of `pageSize` records. */
  page(pageIndex: number, pageSize: number): SliceRecord[] {
    return this.range(pageIndex * pageSize, pageSize);
  }
}
