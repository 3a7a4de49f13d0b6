/**
 * The SS 12000 2.1 source simulator (`platforms/ss12000.md`): a municipal student register that
 * publishes organisations, persons, groups and — for U5 — activities, calendar events,
 * attendances, absences and aggregated attendance, for customers 9901 (Sjöstad) and 9902 (Åbro).
 */
import { defineSimulator } from '../common/index.js';
import { DRIFT_TOGGLES, KNOB_DEFAULTS, SS12000_DEFAULT_PORT, TOKEN_LIFETIME_SECONDS, TOKEN_PATH } from './constants.js';
import { faultErrorResponse } from './errors.js';
import { injectSs12000Event } from './events.js';
import { ss12000GroundTruth } from './ground-truth.js';
import { mountRoutes } from './routes.js';
import { createSs12000State } from './state.js';
import type { Ss12000State } from './state.js';

export const simulator = defineSimulator<Ss12000State>({
  platform: 'ss12000',
  defaultPort: SS12000_DEFAULT_PORT,
  // Tokens live 60 minutes from issue (§1); no idle timeout of their own.
  sessions: { absoluteTtlSeconds: TOKEN_LIFETIME_SECONDS },
  knobs: { ...KNOB_DEFAULTS },
  driftToggles: [...DRIFT_TOGGLES],
  authRoutes: [TOKEN_PATH],
  createState: createSs12000State,
  mount: mountRoutes,
  errorResponse: (status) => faultErrorResponse(status),
  injectEvent: injectSs12000Event,
  groundTruth: ss12000GroundTruth,
});
