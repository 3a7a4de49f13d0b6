/**
 * What a paged list is made of: entries in (meta.modified, id) order, as of one snapshot. Lists
 * over the world stream their records from `ChangeQuery.after(cursor)` (keyset), so a later page
 * resumes right after the previous page's last record without recomputing the earlier ones;
 * small lists (organisations, sorted or aggregated results) are materialised arrays.
 */
import { compareRecords } from '../world/index.js';
import type { RecordCursor, SliceRecord } from '../world/index.js';

export interface Entry<Payload = unknown> {
  readonly lastChanged: number;
  readonly createdAt: number;
  readonly id: string;
  /** World key (or another unique key): the last tie-break of the order. */
  readonly key: string;
  readonly payload: Payload;
}

export type EntrySource = (cursor: RecordCursor | null) => Iterable<Entry>;

export function entryOf<Row extends SliceRecord>(record: Row): Entry<Row> {
  return { lastChanged: record.lastChanged, createdAt: record.createdAt, id: String(record.id), key: record.key, payload: record };
}

export function cursorOf(entry: Entry): RecordCursor {
  return { lastChanged: entry.lastChanged, id: entry.id, key: entry.key };
}

/** A sorted array as a source (static lists: organisations, staff, activities, calendar events). */
export function arraySource(entries: readonly Entry[]): EntrySource {
  const sorted = [...entries].sort(compareRecords);
  return function* fromCursor(cursor) {
    for (const entry of sorted) if (cursor === null || compareRecords(entry, cursor) > 0) yield entry;
  };
}

/** Several ordered sources as one ordered source. */
export function mergedSource(sources: readonly EntrySource[]): EntrySource {
  if (sources.length === 1 && sources[0]) return sources[0];
  return function* merge(cursor) {
    const heads = sources.map((source) => {
      const iterator = source(cursor)[Symbol.iterator]();
      return { iterator, next: iterator.next() };
    });
    for (;;) {
      let best: (typeof heads)[number] | null = null;
      for (const head of heads) {
        if (head.next.done) continue;
        if (!best || compareRecords(head.next.value, best.next.value as Entry) < 0) best = head;
      }
      if (!best || best.next.done) return;
      yield best.next.value;
      best.next = best.iterator.next();
    }
  };
}

export function filteredSource(source: EntrySource, keep: (entry: Entry) => boolean): EntrySource {
  return function* filter(cursor) {
    for (const entry of source(cursor)) if (keep(entry)) yield entry;
  };
}

/** One query's result, pageable by offset; keeps the cursor at the end of every page it served. */
export interface Collection {
  slice(offset: number, count: number): Entry[];
}

export class StreamCollection implements Collection {
  private readonly cursorsAtOffset = new Map<number, RecordCursor>();

  constructor(private readonly source: EntrySource) {}

  slice(offset: number, count: number): Entry[] {
    // Resume from the nearest offset a previous page ended at (sequential paging always finds its own).
    let start = 0;
    let cursor: RecordCursor | null = null;
    for (const [known, knownCursor] of this.cursorsAtOffset) {
      if (known <= offset && known > start) {
        start = known;
        cursor = knownCursor;
      }
    }
    const result: Entry[] = [];
    let position = start;
    for (const entry of this.source(cursor)) {
      if (position >= offset) result.push(entry);
      position += 1;
      if (result.length >= count) break;
    }
    // A page is read with one entry more than it shows (to know whether more follow), so the
    // next page starts at the second-to-last entry's end: remember both.
    result.slice(-2).forEach((entry, index, tail) => this.cursorsAtOffset.set(offset + result.length - tail.length + index + 1, cursorOf(entry)));
    return result;
  }
}

export class ArrayCollection implements Collection {
  constructor(private readonly entries: readonly Entry[]) {}

  slice(offset: number, count: number): Entry[] {
    return this.entries.slice(offset, offset + count);
  }

  get size(): number {
    return this.entries.length;
  }
}
