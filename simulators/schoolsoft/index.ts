/**
 * The SchoolSoft simulator (`shared/platforms/schoolsoft.md`): both tenants (`/sjostad`, `/abro`)
 * on one origin; client credentials in the query string → 15-minute JWT and rotating refresh
 * token; the Eva API with v1 bare arrays and v2 Spring `Page`s, Spring error JSON, change windows
 * `[fromMs, toMs)`; 401 (drift: 302 to `Login.jsp`) when a token dies.
 */
import { defineSimulator } from '../common/index.js';
import { encodeJson, requestPath, springError } from './spring.js';
import { injectSchoolSoftEvent } from './events.js';
import { schoolSoftGroundTruth } from './ground-truth.js';
import { DEFAULT_MAX_PAGE_SIZE, LOGIN_JSP_ROUTE, TOKEN_ROUTE, mountRoutes } from './routes.js';
import { createSchoolSoftState } from './state.js';
import { ACCESS_TOKEN_SECONDS, expireTokens } from './tokens.js';

export const SCHOOLSOFT_DRIFT_TOGGLES = ['redirectToLoginJsp', 'requireDeviceId', 'latin1Json', 'bareArrayLists'] as const;

export const simulator = defineSimulator({
  platform: 'schoolsoft',
  defaultPort: 7302,
  // Access tokens: 15 minutes from issue, no idle timer (a fault profile's `sessionTtlSeconds` adds one).
  sessions: { absoluteTtlSeconds: ACCESS_TOKEN_SECONDS },
  knobs: { maxPageSize: DEFAULT_MAX_PAGE_SIZE, rateLimitPerMinute: 600 },
  driftToggles: SCHOOLSOFT_DRIFT_TOGGLES,
  authRoutes: [TOKEN_ROUTE, LOGIN_JSP_ROUTE],
  createState: createSchoolSoftState,
  mount: mountRoutes,
  errorResponse(status, context, request) {
    const { contentType, bytes } = encodeJson(springError(status, status === 429 ? 'Too Many Requests' : 'Internal error', requestPath(request), context.clock.now()), context.drift);
    return { contentType, body: bytes };
  },
  injectEvent: injectSchoolSoftEvent,
  expireSessions(context, filter) {
    expireTokens(context.state, filter);
  },
  groundTruth: schoolSoftGroundTruth,
});
