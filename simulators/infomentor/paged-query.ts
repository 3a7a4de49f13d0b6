/**
 * Page-number paging over one or more of the world's change queries as one list ordered by
 * (lastChanged, id): the attendance list merges notices and registrations. Every query is fixed
 * to one snapshot (`changedUntil`), so page n is the same whenever it is asked for (platforms
 * README §4, snapshot reads). A cursor is remembered at the end of every page served, so walking
 * the pages in order costs one page each.
 */
import { mergeByChange } from '../world/index.js';
import type { ChangeQuery, RecordCursor, SliceRecord } from '../world/index.js';

const CHECKPOINT_EVERY = 256;


function cursorOf(record: SliceRecord): RecordCursor {
  return { lastChanged: record.lastChanged, id: record.id, key: record.key };
}

export class PagedQuery {
  private readonly checkpoints = new Map<number, RecordCursor>();
  private total: number | null = null;

  constructor(private readonly parts: readonly ChangeQuery[]) {}

  count(): number {
    this.total ??= this.parts.reduce((sum, part) => sum + part.count(), 0);
    return this.total;
  }

  /** Records of 1-based `page` of `pageSize`. */
  page(page: number, pageSize: number): SliceRecord[] {
    const offset = (page - 1) * pageSize;
    if (offset >= this.count()) return [];
    let position = 0;
    let cursor: RecordCursor | null = null;
    for (const [known, knownCursor] of this.checkpoints) {
      if (known <= offset && known > position) {
        position = known;
        cursor = knownCursor;
      }
    }
    const records: SliceRecord[] = [];
    for (const record of mergeByChange(this.parts.map((part) => part.after(cursor)))) {
      if (position >= offset) records.push(record);
      position += 1;
      if (position % CHECKPOINT_EVERY === 0 || position === offset + pageSize) this.checkpoints.set(position, cursorOf(record));
      if (records.length >= pageSize) break;
    }
    return records;
  }
}

/** The few paged queries in use at once (one per stream, establishment and snapshot), least recently used out first. */
export class QueryCache {
  private readonly entries = new Map<string, PagedQuery>();

  constructor(private readonly capacity = 32) {}

  getOrCreate(key: string, create: () => PagedQuery): PagedQuery {
    let query = this.entries.get(key);
    if (query) {
      this.entries.delete(key);
    } else {
      query = create();
      if (this.entries.size >= this.capacity) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
    }
    this.entries.set(key, query);
    return query;
  }
}
