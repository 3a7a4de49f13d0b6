/** What the Skolplattformen simulator keeps between requests; a reset makes it afresh. */
import type { SimulatorContext } from '../common/index.js';
import type { ChangeQuery } from '../world/index.js';

/** The anti-forgery pair `/hem` hands out: the hidden input's value and the cookie's. */
export interface XsrfTokens {
  readonly requestToken: string;
  readonly cookieToken: string;
  /** Wall clock, for the `xsrfTokenTtlSeconds` knob. */
  readonly issuedAt: number;
}

/** Per SMSESSION: the server-side selection and the current anti-forgery tokens. */
export interface StaffSession {
  schoolId: string | null;
  xsrf: XsrfTokens | null;
}

export interface SkolplattformenState {
  /** Snapshot queries, so paging one `ChangedUntil` does not recompute earlier pages. */
  readonly queries: Map<string, ChangeQuery>;
  /** List answers given since the reset: the counter behind the `wrongSchoolRate` decision. */
  listAnswers: number;
  /** Sender numbers of SMS injected through the control API, by notice id (`ChannelData.From`). */
  readonly smsSenders: Map<string, string>;
}

export function createState(): SkolplattformenState {
  return { queries: new Map(), listAnswers: 0, smsSenders: new Map() };
}

export const QUERY_CACHE_SIZE = 16;

/** Keeps a query per snapshot key, forgetting the oldest beyond the cache size. */
export function cachedQuery(state: SkolplattformenState, key: string, build: () => ChangeQuery): ChangeQuery {
  const cached = state.queries.get(key);
  if (cached) return cached;
  const query = build();
  state.queries.set(key, query);
  if (state.queries.size > QUERY_CACHE_SIZE) {
    const oldest = state.queries.keys().next();
    if (!oldest.done) state.queries.delete(oldest.value);
  }
  return query;
}

export type SkolplattformenContext = SimulatorContext<SkolplattformenState>;
