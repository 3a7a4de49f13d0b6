/**
 * The standard's list protocol (§2), shared by every `GET` list: the first request carries the
 * filters and `limit`; the answer is `{data, pageToken}`; every later page is requested with
 * **only** `pageToken` (and optionally `limit`) — anything else with it is `400
 * PAGE_TOKEN_WITH_FILTER`. All pages of one query come from the snapshot of its first request.
 */
import type { Collection, Entry } from './collections.js';
import { DEFAULT_LIMIT, MAX_LIMIT, MIN_LIMIT, PAGE_TOKEN_LIFETIME_MS } from './constants.js';
import { ApiError, badRequest } from './errors.js';
import { decodePageToken, encodePageToken } from './page-tokens.js';
import type { StoredQuery } from './page-tokens.js';
import type { QueryParams } from './query-params.js';
import type { Scope } from './state.js';
import { parseRfc3339, rfc3339 } from './wire-time.js';

export interface ListResource<Params> {
  /** The resource's path segment, e.g. `persons`; a page token only continues its own resource. */
  readonly name: string;
  /** The first request's filters; throws `400 BAD_REQUEST` for a bad one. Unknown names are ignored. */
  parse(params: QueryParams, scope: Scope): Params;
  collect(scope: Scope, params: Params, snapshot: number): Collection;
  /** The `data` of one page. */
  render(entries: readonly Entry[], scope: Scope, params: Params, snapshot: number): unknown;
  /** A drift toggle under which this resource ignores `limit` and `pageToken` and answers everything at once. */
  readonly unpagedUnder?: string;
}

export interface ListPage {
  readonly data: unknown;
  readonly pageToken: string | null;
}

function pageSize(scope: Scope, requested: number | undefined): number {
  const limit = requested ?? DEFAULT_LIMIT;
  const cap = scope.context.knobs.get('maxPageSize');
  return cap !== undefined && cap >= 1 ? Math.min(limit, Math.floor(cap)) : limit;
}

function continued(scope: Scope, params: QueryParams, resource: string): { query: StoredQuery; offset: number } {
  const others = params.names().filter((name) => name !== 'pageToken' && name !== 'limit');
  if (others.length > 0) throw new ApiError('PAGE_TOKEN_WITH_FILTER', `pageToken cannot be combined with other parameters than limit (got ${others.join(', ')})`);
  const token = decodePageToken(params.string('pageToken') ?? '');
  if (!token) throw badRequest('pageToken is not a token this server issued');
  const query = scope.state.queries.get(token.q);
  if (!query || parseRfc3339(token.s) !== query.snapshot) throw new ApiError('PAGE_TOKEN_EXPIRED', 'The page token has expired; restart the query from its filters');
  if (scope.world.now() - query.snapshot > PAGE_TOKEN_LIFETIME_MS) {
    scope.state.queries.delete(query.id);
    throw new ApiError('PAGE_TOKEN_EXPIRED', 'The page token has expired; restart the query from its filters');
  }
  if (query.resource !== resource || query.customerId !== scope.customerId) throw badRequest('pageToken belongs to another query');
  return { query, offset: token.o };
}

export function readListPage<Params>(resource: ListResource<Params>, scope: Scope, params: QueryParams): ListPage {
  const { context, world, state } = scope;
  const limit = params.integer('limit', MIN_LIMIT, MAX_LIMIT);

  if (resource.unpagedUnder !== undefined && context.drift.has(resource.unpagedUnder)) {
    const parsed = resource.parse(params, scope);
    const snapshot = world.now();
    context.snapshots.note(snapshot);
    const entries = resource.collect(scope, parsed, snapshot).slice(0, Number.POSITIVE_INFINITY);
    return { data: resource.render(entries, scope, parsed, snapshot), pageToken: null };
  }

  let query: StoredQuery;
  let offset = 0;
  if (params.has('pageToken')) {
    ({ query, offset } = continued(scope, params, resource.name));
  } else {
    const parsed = resource.parse(params, scope);
    const snapshot = world.now();
    query = state.queries.add({
      resource: resource.name,
      customerId: scope.customerId,
      params: parsed,
      snapshot,
      limit: limit ?? DEFAULT_LIMIT,
      collection: resource.collect(scope, parsed, snapshot),
    });
  }
  context.snapshots.note(query.snapshot);
  const size = pageSize(scope, limit ?? query.limit);
  // One entry more than the page shows says whether another page follows.
  const entries = query.collection.slice(offset, size + 1);
  const page = entries.slice(0, size);
  const more = entries.length > size;
  return {
    // The stored params were produced by this resource's own `parse`.
    data: resource.render(page, scope, query.params as Params, query.snapshot),
    pageToken: more ? encodePageToken({ q: query.id, s: rfc3339(query.snapshot), o: offset + page.length }) : null,
  };
}
