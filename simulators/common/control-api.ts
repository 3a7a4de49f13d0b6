/**
 * The control API every simulator serves under `/_control` (platforms README §4.1): JSON, no
 * auth, loopback only, never faulted and never in the request log.
 */
import express from 'express';
import type { ErrorRequestHandler, Request, Response, Router } from 'express';
import { z } from 'zod';
import { WorldClockError, WorldEventError, municipalityKeySchema } from '../world/index.js';
import type { SimulatorRuntime } from './runtime.js';
import { ControlError } from './definition.js';
import type { SimulatorDefinition } from './definition.js';
import { driftBodySchema } from './drift.js';
import { faultProfileSchema } from './fault-profile.js';
import { knobsBodySchema } from './knobs.js';
import { loopbackOnly } from './loopback.js';

const resetBodySchema = z.strictObject({
  seed: z.union([z.string().min(1), z.number().int()]),
  students: z.number().int().min(120),
  now: z.iso.datetime({ offset: true }).optional(),
});
const clockBodySchema = z.strictObject({ now: z.iso.datetime({ offset: true }) });
const advanceBodySchema = z.strictObject({ minutes: z.number().finite() });
const expireBodySchema = z.strictObject({ username: z.string().min(1).optional() });

/** Parses a control body (an absent body is `{}`); a bad one is a 400 through the error handler. */
function parse<Schema extends z.ZodType>(schema: Schema, request: Request): z.output<Schema> {
  return schema.parse(request.body ?? {});
}

function noContent(response: Response): void {
  response.status(204).end();
}

export function controlRouter<State>(definition: SimulatorDefinition<State>, runtime: SimulatorRuntime<State>): Router {
  const router = express.Router();
  router.use(loopbackOnly, express.json({ limit: '1mb' }));

  router.get('/health', (_request, response) => {
    const { world } = runtime;
    response.json({ platform: runtime.platform, seed: world.seed, students: world.students, now: new Date(world.now()).toISOString(), worldHash: world.hash });
  });

  router.post('/reset', (request, response) => {
    runtime.reset(parse(resetBodySchema, request));
    noContent(response);
  });

  router.put('/clock', (request, response) => {
    const { now } = parse(clockBodySchema, request);
    runtime.world.setNow(now);
    noContent(response);
  });

  router.post('/clock/advance', (request, response) => {
    const { minutes } = parse(advanceBodySchema, request);
    if (minutes < 0) throw new WorldClockError('the clock cannot move backwards');
    runtime.world.advanceMinutes(minutes);
    noContent(response);
  });

  router.get('/faults', (_request, response) => {
    response.json(runtime.faults.profile());
  });

  router.put('/faults', (request, response) => {
    runtime.faults.replace(parse(faultProfileSchema, request));
    noContent(response);
  });

  router.get('/drift', (_request, response) => {
    response.json(runtime.drift.toJSON());
  });

  router.put('/drift', (request, response) => {
    const unknown = runtime.drift.replace(parse(driftBodySchema, request));
    if (unknown.length > 0) throw new ControlError(400, `unknown drift toggles: ${unknown.join(', ')} (known: ${runtime.drift.known.join(', ')})`);
    noContent(response);
  });

  router.post('/sessions/expire', (request, response) => {
    runtime.expireSessions(parse(expireBodySchema, request));
    noContent(response);
  });

  router.get('/config', (_request, response) => {
    response.json(runtime.knobs.toJSON());
  });

  router.put('/config', (request, response) => {
    const unknown = runtime.knobs.replace(parse(knobsBodySchema, request));
    if (unknown.length > 0) throw new ControlError(400, `unknown knobs: ${unknown.join(', ')} (known: ${runtime.knobs.known.join(', ')})`);
    noContent(response);
  });

  router.get('/requests', (_request, response) => {
    response.json(runtime.requestLog.summary());
  });

  router.delete('/requests', (_request, response) => {
    runtime.requestLog.clear();
    noContent(response);
  });

  router.get('/world', (request, response) => {
    const requested = typeof request.query.tenant === 'string' ? request.query.tenant : runtime.tenants[0];
    const tenant = municipalityKeySchema.safeParse(requested);
    if (!tenant.success || !runtime.tenants.includes(tenant.data)) throw new ControlError(404, `this simulator hosts tenants ${runtime.tenants.join(', ')}`);
    const slice = runtime.slice(tenant.data);
    response.json(definition.groundTruth ? definition.groundTruth(runtime, slice) : runtime.world.groundTruth(slice));
  });

  router.post('/events', (request, response) => {
    if (!definition.injectEvent) throw new ControlError(404, `${runtime.platform} has no injectable events`);
    const result = definition.injectEvent(runtime, request.body ?? {});
    response.status(201).json({ id: result.id });
  });

  router.use((_request, response) => {
    response.status(404).json({ error: 'no such control endpoint' });
  });
  router.use(controlErrors);
  return router;
}

/** Maps control failures to statuses; messages name fields, never values from the world. */
const controlErrors: ErrorRequestHandler = (error: unknown, _request, response, _next) => {
  if (error instanceof z.ZodError) {
    response.status(400).json({ error: 'invalid body', issues: z.prettifyError(error) });
  } else if (error instanceof ControlError) {
    response.status(error.status).json({ error: error.message });
  } else if (error instanceof WorldClockError) {
    response.status(409).json({ error: error.message });
  } else if (error instanceof WorldEventError) {
    response.status(400).json({ error: error.message });
  } else if (typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'entity.parse.failed') {
    response.status(400).json({ error: 'body is not valid JSON' });
  } else {
    response.status(500).json({ error: error instanceof Error ? error.message : 'control request failed' });
  }
};
