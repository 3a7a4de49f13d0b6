/**
 * What happens to a platform request around the platform's own handler: the request log entry
 * (route template, status, duration, bytes), drift `movedPermanently`, and the faults of the
 * profile — latency, 429 bursts, 5xx, connection reset (platforms README §4). The gate runs after
 * routing, because faults and the log are keyed by the matched route TEMPLATE, and before the
 * handler, so a 5xx or 429 has no effect.
 */
import { METHODS } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { SimulatorRuntime } from './runtime.js';
import type { SimulatorDefinition } from './definition.js';
import { routeMatches } from './fault-profile.js';
import type { RateLimitRefusal } from './faults.js';
import { UNMATCHED_ROUTE } from './request-log.js';
import { ResponseTap } from './response-tap.js';

interface PlatformLocals {
  tap?: ResponseTap;
  route?: string;
  gated?: boolean;
}

function localsOf(response: Response): PlatformLocals {
  return response.locals as PlatformLocals;
}

/** First middleware of every platform request: taps the response and logs it when it closes. */
export function requestLogger<State>(runtime: SimulatorRuntime<State>): RequestHandler {
  return (request, response, next) => {
    const started = performance.now();
    const locals = localsOf(response);
    locals.tap = new ResponseTap(response);
    response.once('close', () => {
      runtime.requestLog.record({
        method: request.method,
        route: locals.route ?? UNMATCHED_ROUTE,
        status: response.statusCode,
        durationMs: performance.now() - started,
        bytes: locals.tap?.bytes ?? 0,
      });
    });
    next();
  };
}

function pathText(path: unknown): string {
  if (typeof path === 'string') return path;
  if (path instanceof RegExp) return path.source;
  return Array.isArray(path) ? path.map(pathText).join('|') : '';
}

function templateOf(request: Request): string {
  const route = request.route as { path?: unknown } | undefined;
  return `${request.baseUrl}${pathText(route?.path)}`;
}

function sendPlatformError<State>(definition: SimulatorDefinition<State>, runtime: SimulatorRuntime<State>, status: number, request: Request, response: Response): void {
  const answer = definition.errorResponse(status, runtime, request);
  response.status(status);
  for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value);
  response.setHeader('Content-Type', answer.contentType);
  response.send(answer.body);
}

function retryAfterHeader(refusal: RateLimitRefusal, response: Response): string | null {
  if (refusal.format === 'none') return null;
  if (refusal.format === 'seconds') return String(refusal.retryAfterSeconds);
  // The response's own (simulated) Date plus the remaining seconds, so Retry-After − Date is the wait.
  const date = Date.parse(String(response.getHeader('Date')));
  return new Date(date + refusal.retryAfterSeconds * 1000).toUTCString();
}

export interface GateOptions {
  /** Origin that drift `movedPermanently` points to. */
  readonly movedToOrigin: string;
}

/** The per-route gate inserted before every platform handler. */
export function faultGate<State>(definition: SimulatorDefinition<State>, runtime: SimulatorRuntime<State>, options: GateOptions): RequestHandler {
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    const locals = localsOf(response);
    // A handler that falls through to a second route must not be faulted twice.
    if (locals.gated) return next();
    locals.gated = true;
    const template = templateOf(request);
    locals.route = template;

    if (runtime.drift.has('movedPermanently') && !routeMatches(definition.authRoutes ?? [], template)) {
      response.redirect(301, `${options.movedToOrigin}${request.originalUrl}`);
      return;
    }

    const decision = runtime.faults.decide(template);
    if (!decision) return next();
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);

    const refusal = runtime.faults.admit();
    if (refusal) {
      const header = retryAfterHeader(refusal, response);
      if (header !== null) response.setHeader('Retry-After', header);
      return sendPlatformError(definition, runtime, 429, request, response);
    }
    if (decision.serverErrorStatus !== null) return sendPlatformError(definition, runtime, decision.serverErrorStatus, request, response);
    if (decision.connectionReset) locals.tap?.truncate();
    next();
  };
}

/** Every verb a Route can register, plus `all`. */
const ROUTE_METHODS = [...METHODS.map((method) => method.toLowerCase()), 'all'];

type Register = (...handlers: unknown[]) => unknown;

/**
 * An express Router whose routes put `gate` in front of the platform's handlers, so a definition
 * writes ordinary express routes (`router.post('/api/get/…', handler)`) and the framework still
 * sees every matched template. Express's `router.get/post/…` all create their route through
 * `router.route(path)`, so wrapping that one method covers both styles. `router.use` is left
 * alone: body parsers and other middleware are not platform requests of their own.
 */
export function gatedRouter(gate: RequestHandler): Router {
  const router = express.Router();
  const createRoute = router.route.bind(router);
  (router as { route: Router['route'] }).route = (path: Parameters<Router['route']>[0]) => {
    const route = createRoute(path);
    const verbs = route as unknown as Record<string, Register | undefined>;
    for (const method of ROUTE_METHODS) {
      const register = verbs[method]?.bind(route);
      if (register) verbs[method] = (...handlers: unknown[]) => register(gate, ...handlers);
    }
    return route;
  };
  return router;
}
