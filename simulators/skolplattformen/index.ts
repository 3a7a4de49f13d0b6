/**
 * The Skolplattformen simulator (platforms/skolplattformen.md): Stockholm's staff surface for
 * Sjöstad — SiteMinder form login in ISO-8859-1, `x-xsrf-token` from `/hem`, a school selected
 * as server state, `{Success, Error, Data}` lists paged by `rowLimit`/`startRow` over a
 * `ChangedUntil` snapshot, and death as a 302 to `login.fcc`.
 */
import type { Router } from 'express';
import { defineSimulator } from '../common/index.js';
import { injectSkolplattformenEvent } from './events.js';
import { groundTruthWithFaults } from './ground-truth.js';
import { mountHome } from './home.js';
import { iisErrorPage } from './iis-error.js';
import { LOWERCASE_GUIDS_DRIFT } from './render-notice.js';
import { mountLists } from './routes-lists.js';
import { mountSchools } from './routes-schools.js';
import { LEADING_SPACE_DRIFT } from './schools.js';
import { TOPOLOGY_DRIFT, XSRF_TTL_KNOB } from './session-gate.js';
import { mountSiteMinder } from './siteminder.js';
import { createState } from './state.js';
import type { SkolplattformenState } from './state.js';
import { WRONG_SCHOOL_KNOB } from './wrong-school.js';

export { SERVICE_ACCOUNT } from './siteminder.js';
export type { SkolplattformenState } from './state.js';

export const SKOLPLATTFORMEN_DEFAULT_PORT = 7304;

/** Unknown paths of the application get IIS's 404 page, not the framework's plain one. */
function mountNotFound(router: Router): void {
  router.all('/skolpersonal/*splat', (_request, response) => {
    const page = iisErrorPage(404);
    response.status(404).set(page.headers).type(page.contentType).send(page.body);
  });
}

export const simulator = defineSimulator<SkolplattformenState>({
  platform: 'skolplattformen',
  defaultPort: SKOLPLATTFORMEN_DEFAULT_PORT,
  // SiteMinder: idle 30 min, at most 8 h (invented lifetimes, platform file §3).
  sessions: { idleTtlSeconds: 30 * 60, absoluteTtlSeconds: 8 * 60 * 60 },
  knobs: { [WRONG_SCHOOL_KNOB]: 0, [XSRF_TTL_KNOB]: 0 },
  driftToggles: [TOPOLOGY_DRIFT, LEADING_SPACE_DRIFT, LOWERCASE_GUIDS_DRIFT],
  // The login host did not move with the application (etjanst → etjanster).
  authRoutes: ['/siteminderagent/*'],
  createState,

  mount(router, context) {
    mountSiteMinder(router, context);
    mountHome(router, context);
    mountSchools(router, context);
    mountLists(router, context);
    mountNotFound(router);
  },

  errorResponse: (status) => iisErrorPage(status),
  injectEvent: injectSkolplattformenEvent,
  groundTruth: groundTruthWithFaults,
});
