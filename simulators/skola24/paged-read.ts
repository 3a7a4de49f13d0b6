/**
 * Page-number paging over a snapshot (skola24.md §5): page 1 fixes the snapshot at the server's
 * now; later pages send it back and read the same query, each record as it was at the snapshot,
 * ordered by (lastChanged, id). Pages therefore never shift, however the world moves on between them.
 */
import type { SimulatorContext } from '../common/index.js';
import type { MunicipalityKey, SliceRecord, StreamName } from '../world/index.js';
import type { ListRequest } from './list-request.js';
import type { Skola24State } from './state.js';

export interface Page {
  readonly records: readonly SliceRecord[];
  readonly totalCount: number;
  readonly hasMorePages: boolean;
  /** The snapshot to echo: as sent, or the server's now on page 1. */
  readonly snapshot: number;
}

/** `filterByDate`: `fromDate`/`toDate` select events by date; students and guardians ignore them. */
export function readPage(context: SimulatorContext<Skola24State>, tenant: MunicipalityKey, stream: StreamName, request: ListRequest, filterByDate: boolean): Page {
  const snapshot = request.snapshot ?? context.clock.now();
  const fromDate = filterByDate ? request.fromDate : null;
  const toDate = filterByDate ? request.toDate : null;
  const key = [tenant, stream, request.unit.code, request.changedSince ?? 'all', snapshot, fromDate ?? '', toDate ?? ''].join('|');
  const query = context.state.queries.getOrCreate(key, () =>
    context.world.query(context.slice(tenant), stream, { after: request.changedSince, until: snapshot, units: request.unit.code, fromDate, toDate }),
  );
  const totalCount = query.count();
  const records = query.page(request.pageNumber - 1, request.pageSize);
  return { records, totalCount, hasMorePages: request.pageNumber * request.pageSize < totalCount, snapshot };
}
