/**
 * The InfoMentor Hub simulator (platforms/infomentor.md): a WebForms login with two `oauth_token`
 * hops to the `IMHome` cookie, the start page's `homeData`, the selected establishment as server
 * state, paged lists with `changedSince` and a server `changedUntil`, `/Date(ms)/` and Swedish
 * dates; sessions die as a 200 with an empty body (POST) or a 302 to the login (GET); 429 with
 * `Retry-After` and Cloudflare's challenge. One service account per hosted municipality.
 */
import express from 'express';
import type { ErrorRequestHandler } from 'express';
import { defineSimulator } from '../common/index.js';
import { injectInfoMentorEvent } from './events.js';
import { mountHub } from './hub.js';
import { PAGE_SIZE_LIMIT, mountLists } from './lists.js';
import { IS_AUTHENTICATED_PATH, mountLogin } from './login.js';
import { malformedEntries } from './malformed.js';
import { MENTOR_LOGIN_PATH, aspNetErrorPage } from './pages.js';
import { createInfoMentorState } from './state.js';
import type { InfoMentorState } from './state.js';

/** A body the parsers cannot read is answered as ASP.NET answers it; any other error stays a simulator bug. */
const unreadableBody: ErrorRequestHandler = (error: unknown, _request, response, next) => {
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  if (type !== 'entity.parse.failed' && type !== 'entity.too.large' && type !== 'charset.unsupported') return next(error);
  response.status(500).type('text/html; charset=utf-8').send(aspNetErrorPage(500));
};

export const simulator = defineSimulator<InfoMentorState>({
  platform: 'infomentor',
  defaultPort: 7303,
  // 20 minutes sliding (ASP.NET's default), 8 hours absolute (infomentor.md §4).
  sessions: { idleTtlSeconds: 20 * 60, absoluteTtlSeconds: 8 * 60 * 60 },
  knobs: { rateLimitPerMinute: 120, maxPageSize: PAGE_SIZE_LIMIT, staleSelectionRate: 0, cloudflareChallengeRate: 0, leaveRequestApp: 1 },
  driftToggles: ['bareArrayLists', 'attendance2025Shape', 'jsonDateIso'],
  authRoutes: ['/', '/Authentication/Authentication/*', MENTOR_LOGIN_PATH, IS_AUTHENTICATED_PATH],
  createState: createInfoMentorState,

  mount(router, context) {
    // JSON as the hub's scripts post it; form-encoded as older clients and the login forms post it.
    router.use(express.json(), express.urlencoded({ extended: false }));
    mountLogin(router, context);
    mountHub(router, context);
    mountLists(router, context);
    router.use(unreadableBody);
  },

  errorResponse(status) {
    // 429: `Retry-After` (set by the framework) and an empty body; 5xx: ASP.NET's error page.
    if (status === 429) return { contentType: 'text/plain; charset=utf-8', body: '' };
    return { contentType: 'text/html; charset=utf-8', body: aspNetErrorPage(status) };
  },

  injectEvent: injectInfoMentorEvent,

  groundTruth(context, slice) {
    const truth = context.world.groundTruth(slice);
    const listed = new Set(truth.malformed.map((entry) => `${entry.recordType}|${entry.id}`));
    const added = malformedEntries(context, slice, listed);
    if (added.length === 0) return truth;
    const order = (entry: { platform: string; recordType: string; id: string }): string => `${entry.platform}|${entry.recordType}|${entry.id}`;
    const malformed = [...truth.malformed, ...added].sort((left, right) => (order(left) < order(right) ? -1 : order(left) > order(right) ? 1 : 0));
    // An unknown enum is mapped by the unknown-code rule, not quarantined (platforms README COM-07).
    const quarantined = truth.totals.quarantined + added.filter((entry) => entry.kind !== 'unknownEnum').length;
    return { ...truth, malformed, totals: { ...truth.totals, quarantined } };
  },
});
