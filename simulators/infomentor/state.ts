/**
 * What the InfoMentor simulator keeps between requests, made afresh on every reset: paged
 * queries per snapshot, the local cursors it handed out, and the counters behind its
 * deterministic Cloudflare and stale-selection draws.
 */
import type { MunicipalityKey } from '../world/index.js';
import { QueryCache } from './paged-query.js';

/** Server state of a hub session (`IMHome`): the account's municipality and the selected establishment. */
export interface HubSessionData {
  readonly tenant: MunicipalityKey;
  selectedEstablishmentId: number;
  /** Drift of knob `staleSelectionRate`: the next data response answers for this establishment once. */
  staleEstablishmentId: number | null;
}

export interface InfoMentorState {
  readonly queries: QueryCache;
  /** Local ISO cursors (drift `jsonDateIso`) handed out, by text: the repeated autumn hour names two instants. */
  readonly issuedLocalCursors: Map<string, number>;
  hubRequests: number;
  switches: number;
}

export function createInfoMentorState(): InfoMentorState {
  return { queries: new QueryCache(), issuedLocalCursors: new Map(), hubRequests: 0, switches: 0 };
}
