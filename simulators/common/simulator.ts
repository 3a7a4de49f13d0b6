/**
 * `createSimulator(definition, { seed, students, now })`: one platform simulator on express 5 —
 * simulated `Date` on every response, the control API, and the platform's routes behind the
 * request log, drift and fault gate.
 */
import express from 'express';
import type { ErrorRequestHandler, Express } from 'express';
import { controlRouter } from './control-api.js';
import type { SimulatorContext, SimulatorDefinition } from './definition.js';
import { faultGate, gatedRouter, requestLogger } from './platform-pipeline.js';
import { SimulatorRuntime } from './runtime.js';
import type { WorldInputs } from './runtime.js';
import { serve } from './serve.js';
import type { RunningServer } from './serve.js';

/** Where drift `movedPermanently` sends clients: `.invalid` never resolves, so nothing can follow it anywhere. */
export const DEFAULT_MOVED_TO_ORIGIN = 'https://moved.simulator.invalid';

export interface SimulatorOptions extends WorldInputs {
  readonly movedToOrigin?: string;
}

export interface Simulator<State = unknown> {
  readonly app: Express;
  readonly context: SimulatorContext<State>;
  listen(port?: number, host?: string): Promise<RunningServer>;
}

/** A platform handler that throws is a simulator bug: answer it plainly so tests see it, never as a platform fault. */
const simulatorBug: ErrorRequestHandler = (error: unknown, _request, response, _next) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`simulator error: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.status(500).type('text/plain').send(`simulator error: ${message}`);
};

export function createSimulator<State>(definition: SimulatorDefinition<State>, options: SimulatorOptions): Simulator<State> {
  const runtime = new SimulatorRuntime(definition, options);
  const app = express();
  app.disable('x-powered-by');
  // No ETag: conditional 304s would make page bodies depend on what a client cached.
  app.set('etag', false);

  // Business time on the wire: every response's Date is simulated now (README §2, §4).
  app.use((_request, response, next) => {
    response.setHeader('Date', runtime.clock.httpDate());
    next();
  });
  app.use('/_control', controlRouter(definition, runtime));

  const router = gatedRouter(faultGate(definition, runtime, { movedToOrigin: options.movedToOrigin ?? DEFAULT_MOVED_TO_ORIGIN }));
  definition.mount(router, runtime);
  app.use(requestLogger(runtime), router);
  app.use((_request, response) => {
    response.status(404).type('text/plain').send('Not Found');
  });
  app.use(simulatorBug);

  return { app, context: runtime, listen: (port, host) => serve(app, port, host) };
}
