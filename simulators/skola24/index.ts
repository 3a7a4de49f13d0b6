/**
 * The Skola24 simulator (platforms/skola24.md): one origin serving both tenants
 * (`sjostad.skola24.se`, `abro.skola24.se`) — the ASP.NET login with its bot check, the JSON
 * endpoints in their always-200 envelope behind `X-Scope` GUIDs, and the ASMX XML per-lesson
 * absence export. Plugged into the shared framework (../common/README.md).
 */
import express from 'express';
import type { ErrorRequestHandler } from 'express';
import { defineSimulator } from '../common/index.js';
import { KNOB_DEFAULTS } from './constants.js';
import { injectSkola24Event } from './events.js';
import { skola24GroundTruth } from './ground-truth.js';
import { HTML_CONTENT_TYPE, iisErrorPage } from './iis-pages.js';
import { mountJsonApi } from './json-api.js';
import { mountLessonAbsenceExport } from './lesson-absence-export.js';
import { mountLogin } from './login.js';
import { createSkola24State } from './state.js';
import type { Skola24State } from './state.js';

/**
 * A body the parsers cannot read reaches the handlers as no body at all, as ASP.NET's model
 * binding gives null: the JSON answer is then the envelope's own validation, never another status.
 */
const unreadableBodyAsNone: ErrorRequestHandler = (error: unknown, request, _response, next) => {
  const type = error !== null && typeof error === 'object' ? (error as { type?: unknown }).type : undefined;
  if (type !== 'entity.parse.failed' && type !== 'charset.unsupported' && type !== 'encoding.unsupported') {
    next(error);
    return;
  }
  request.body = undefined;
  next();
};

export const simulator = defineSimulator<Skola24State>({
  platform: 'skola24',
  defaultPort: 7301,
  // The 12 h absolute lifetime is the knob `sessionAbsoluteTtlSeconds` (session.ts).
  sessions: { idleTtlSeconds: 60 * 60 },
  knobs: KNOB_DEFAULTS,
  driftToggles: ['mandatorySchoolYear', 'validationErrorsInData', 'xmlBom', 'nsPrefix'],
  authRoutes: ['/', '/Applications/Authentication/*'],
  createState: createSkola24State,

  mount(router, context) {
    // `user/info` is posted with the body `null`, which strict JSON parsing refuses.
    router.use(express.json({ strict: false }), express.urlencoded({ extended: false }), unreadableBodyAsNone);
    mountLogin(router, context);
    mountJsonApi(router, context);
    mountLessonAbsenceExport(router, context);
    router.all('/*splat', (_request, response) => {
      response.status(404).setHeader('Content-Type', HTML_CONTENT_TYPE);
      response.send(iisErrorPage(404));
    });
  },

  // Fault-injected 5xx and 429 are IIS/ASP.NET HTML pages (skola24.md §3, §9).
  errorResponse: (status) => ({ contentType: HTML_CONTENT_TYPE, body: iisErrorPage(status) }),
  injectEvent: injectSkola24Event,
  groundTruth: skola24GroundTruth,
});
