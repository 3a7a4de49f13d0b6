/**
 * The fake case system that receives skolbrygga's webhooks (platforms README §7.1): it verifies
 * the Standard Webhooks signature per endpoint, stores every delivery attempt, answers duplicates
 * of an accepted `webhook-id` with 204 (counted), and fails on command so retries, `Retry-After`
 * and endpoint disabling can be tested.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import express from 'express';
import type { ErrorRequestHandler, Express, Request, Response } from 'express';
import { z } from 'zod';
import { loopbackOnly } from '../common/loopback.js';
import { serve } from '../common/serve.js';
import type { RunningServer } from '../common/serve.js';
import { DEFAULT_TOLERANCE_SECONDS, isWebhookSecret, verifyWebhook } from './signature.js';
import type { VerificationFailure } from './signature.js';

/** `skolbrygga simulate --platform case-system` listens here unless told otherwise. */
export const CASE_SYSTEM_DEFAULT_PORT = 7306;

const secretSchema = z.string().refine(isWebhookSecret, { message: 'a secret is whsec_ followed by base64' });

export const endpointSecretsSchema = z.strictObject({
  secret: secretSchema,
  /** Further secrets accepted at the same time (rotation: the old and the new one). */
  secrets: z.array(secretSchema).optional(),
});
export type EndpointSecrets = z.infer<typeof endpointSecretsSchema>;

export const behaviourSchema = z.strictObject({
  /** The answer while failing (default 503 while down, 500 otherwise); a 2xx here is an accepted delivery. */
  status: z.number().int().min(200).max(599).optional(),
  /** `Retry-After` (seconds) on failed answers. */
  retryAfterSeconds: z.number().int().min(0).optional(),
  /** Wait before every answer, e.g. to trip the sender's timeout. */
  delayMs: z.number().int().min(0).max(600_000).optional(),
  /** Fail every delivery for this many wall-clock seconds from now. */
  downForSeconds: z.number().positive().optional(),
  /** Fail every n-th delivery (counted from this PUT). */
  failEvery: z.number().int().min(1).optional(),
});
export type Behaviour = z.infer<typeof behaviourSchema>;

export interface Delivery {
  readonly endpoint: string;
  readonly webhookId: string | null;
  /** The payload's `type`, when the body is JSON with one. */
  readonly type: string | null;
  readonly receivedAt: string;
  readonly verified: boolean;
  /** Why verification failed, or null. */
  readonly failure: VerificationFailure | 'unknownEndpoint' | null;
  /** 1 for the first arrival of this webhook-id at this endpoint, 2 for the next, … */
  readonly attempt: number;
  /** The status answered. */
  readonly status: number;
  /** An arrival after the same webhook-id was already accepted. */
  readonly duplicate: boolean;
  /** The parsed JSON body (null if not JSON), so suites can check what a case system receives. */
  readonly payload: unknown;
}

export interface CaseSystemOptions {
  readonly endpoints?: Readonly<Record<string, EndpointSecrets>>;
  readonly toleranceSeconds?: number;
  /** Wall clock in ms (tests). */
  readonly wallNow?: () => number;
}

export interface CaseSystem {
  readonly app: Express;
  deliveries(): readonly Delivery[];
  duplicates(): number;
  setEndpoint(name: string, secrets: EndpointSecrets): void;
  setBehaviour(behaviour: Behaviour): void;
  listen(port?: number, host?: string): Promise<RunningServer>;
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(' ') : value;
}

function parsePayload(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

class Receiver {
  private readonly endpoints = new Map<string, readonly string[]>();
  private behaviour: Behaviour = {};
  private behaviourSetAt = 0;
  private arrivalsSinceBehaviour = 0;
  readonly log: Delivery[] = [];
  private readonly accepted = new Set<string>();
  private readonly attempts = new Map<string, number>();
  duplicates = 0;

  constructor(
    private readonly wallNow: () => number,
    private readonly toleranceSeconds: number,
  ) {}

  setEndpoint(name: string, secrets: EndpointSecrets): void {
    this.endpoints.set(name, [secrets.secret, ...(secrets.secrets ?? [])]);
  }

  setBehaviour(behaviour: Behaviour): void {
    this.behaviour = behaviour;
    this.behaviourSetAt = this.wallNow();
    this.arrivalsSinceBehaviour = 0;
  }

  clearDeliveries(): void {
    this.log.length = 0;
    this.accepted.clear();
    this.attempts.clear();
    this.duplicates = 0;
  }

  /** The status the configured behaviour imposes on this arrival, or null to answer normally. */
  private imposedStatus(): number | null {
    const { status, downForSeconds, failEvery } = this.behaviour;
    this.arrivalsSinceBehaviour += 1;
    if (downForSeconds !== undefined && this.wallNow() < this.behaviourSetAt + downForSeconds * 1000) return status ?? 503;
    if (failEvery !== undefined) return this.arrivalsSinceBehaviour % failEvery === 0 ? (status ?? 500) : null;
    if (downForSeconds !== undefined) return null;
    return status ?? null;
  }

  async receive(request: Request, response: Response): Promise<void> {
    if (this.behaviour.delayMs) await sleep(this.behaviour.delayMs);
    const endpoint = String(request.params.endpoint);
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const webhookId = header(request, 'webhook-id') ?? null;
    const secrets = this.endpoints.get(endpoint);
    const verification = secrets
      ? verifyWebhook(
          { id: webhookId ?? undefined, timestamp: header(request, 'webhook-timestamp'), signature: header(request, 'webhook-signature') },
          body,
          secrets,
          Math.floor(this.wallNow() / 1000),
          this.toleranceSeconds,
        )
      : ({ verified: false, failure: 'unknownEndpoint' } as const);
    const attemptKey = `${endpoint}\u0000${webhookId ?? ''}`;
    const attempt = (this.attempts.get(attemptKey) ?? 0) + 1;
    this.attempts.set(attemptKey, attempt);

    const imposed = this.imposedStatus();
    let status = imposed ?? 204;
    let error: string | null = null;
    let duplicate = false;
    if (imposed !== null && imposed >= 300) {
      error = 'delivery refused';
    } else if (!verification.verified) {
      status = verification.failure === 'unknownEndpoint' ? 404 : 401;
      error = `signature not verified: ${verification.failure}`;
    } else if (this.accepted.has(attemptKey)) {
      duplicate = true;
      status = 204;
      this.duplicates += 1;
    } else {
      this.accepted.add(attemptKey);
    }

    const payload = parsePayload(body);
    const type = typeof (payload as { type?: unknown } | null)?.type === 'string' ? (payload as { type: string }).type : null;
    this.log.push({
      endpoint,
      webhookId,
      type,
      receivedAt: new Date(this.wallNow()).toISOString(),
      verified: verification.verified,
      failure: verification.verified ? null : verification.failure,
      attempt,
      status,
      duplicate,
      payload,
    });

    if (imposed !== null && error !== null && this.behaviour.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(this.behaviour.retryAfterSeconds));
    if (status === 204) response.status(204).end();
    else response.status(status).json(error === null ? { ok: true } : { error });
  }
}

const controlErrors: ErrorRequestHandler = (error: unknown, _request, response, _next) => {
  if (error instanceof z.ZodError) response.status(400).json({ error: 'invalid body', issues: z.prettifyError(error) });
  else response.status(400).json({ error: error instanceof Error ? error.message : 'bad request' });
};

export function createCaseSystem(options: CaseSystemOptions = {}): CaseSystem {
  const receiver = new Receiver(options.wallNow ?? Date.now, options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
  for (const [name, secrets] of Object.entries(options.endpoints ?? {})) receiver.setEndpoint(name, endpointSecretsSchema.parse(secrets));

  const app = express();
  app.disable('x-powered-by');
  // The signature covers the exact bytes, so the body is never parsed before verification.
  app.post('/hooks/:endpoint', express.raw({ type: () => true, limit: '5mb' }), (request, response) => receiver.receive(request, response));

  const control = express.Router();
  control.use(loopbackOnly, express.json());
  control.put('/endpoints/:endpoint', (request, response) => {
    receiver.setEndpoint(request.params.endpoint, endpointSecretsSchema.parse(request.body ?? {}));
    response.status(204).end();
  });
  control.put('/behaviour', (request, response) => {
    receiver.setBehaviour(behaviourSchema.parse(request.body ?? {}));
    response.status(204).end();
  });
  control.get('/deliveries', (_request, response) => {
    response.json({ deliveries: receiver.log, duplicates: receiver.duplicates });
  });
  control.delete('/deliveries', (_request, response) => {
    receiver.clearDeliveries();
    response.status(204).end();
  });
  control.get('/health', (_request, response) => {
    response.json({ ok: true });
  });
  control.use((_request, response) => {
    response.status(404).json({ error: 'no such control endpoint' });
  });
  control.use(controlErrors);
  app.use('/_control', control);

  return {
    app,
    deliveries: () => receiver.log,
    duplicates: () => receiver.duplicates,
    setEndpoint: (name, secrets) => receiver.setEndpoint(name, endpointSecretsSchema.parse(secrets)),
    setBehaviour: (behaviour) => receiver.setBehaviour(behaviourSchema.parse(behaviour)),
    listen: (port, host) => serve(app, port, host),
  };
}
