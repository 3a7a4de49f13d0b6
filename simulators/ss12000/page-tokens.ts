/**
 * Opaque page tokens (§2). A token is base64url JSON `{q, s, o}`, as in the file's example: `q`
 * names a query this process remembers (resource, customer, filters, its collection), `s` is the
 * query's snapshot and `o` the offset of the next page. The filters stay on the server, which is
 * why a follow-up request carries only `pageToken` (and `limit`). A token whose query is forgotten
 * (evicted, or the world was reset) or older than 24 h of simulated time is `PAGE_TOKEN_EXPIRED`.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Collection } from './collections.js';

export interface StoredQuery {
  readonly id: string;
  readonly resource: string;
  readonly customerId: string;
  readonly params: unknown;
  readonly snapshot: number;
  readonly limit: number;
  readonly collection: Collection;
}

/** A client pages a few queries at a time; a few hundred remembered queries is plenty. */
const MAX_REMEMBERED_QUERIES = 256;

export class QueryStore {
  private readonly queries = new Map<string, StoredQuery>();
  private sequence = 0;

  add(query: Omit<StoredQuery, 'id'>): StoredQuery {
    let id: string;
    do {
      this.sequence += 1;
      id = createHash('sha256').update(`${this.sequence}|${query.resource}|${query.customerId}|${query.snapshot}`).digest('hex').slice(0, 8);
    } while (this.queries.has(id));
    const stored: StoredQuery = { ...query, id };
    if (this.queries.size >= MAX_REMEMBERED_QUERIES) {
      const oldest = this.queries.keys().next();
      if (!oldest.done) this.queries.delete(oldest.value);
    }
    this.queries.set(id, stored);
    return stored;
  }

  get(id: string): StoredQuery | undefined {
    const query = this.queries.get(id);
    if (query) {
      // Least recently used goes first.
      this.queries.delete(id);
      this.queries.set(id, query);
    }
    return query;
  }

  delete(id: string): void {
    this.queries.delete(id);
  }
}

const pageTokenSchema = z.strictObject({ q: z.string().min(1), s: z.string().min(1), o: z.number().int().min(0) });
export type PageToken = z.infer<typeof pageTokenSchema>;

export function encodePageToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token), 'utf8').toString('base64url');
}

/** The token's content, or null when it is not one of ours. */
export function decodePageToken(text: string): PageToken | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const parsed = pageTokenSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
