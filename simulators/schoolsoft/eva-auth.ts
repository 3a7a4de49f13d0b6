/**
 * The gate of every Eva call (schoolsoft.md §2, §3): the slug must be hosted, the bearer token
 * alive and issued for that slug, and the token within 600 requests per minute. A dead token gets
 * the session-death signal — `401` with `WWW-Authenticate: Bearer error="invalid_token"` and a
 * Spring body, or with drift `redirectToLoginJsp` the web app's `302` to `/{slug}/jsp/Login.jsp`.
 */
import type { Request, Response } from 'express';
import type { SimulatorContext } from '../common/index.js';
import type { MunicipalityKey } from '../world/index.js';
import { sendNotFound, sendSpringError } from './spring.js';
import type { AccessTokenData, SchoolSoftState } from './state.js';
import { slugOf, tenantOfSlug } from './tenancy.js';

type Context = SimulatorContext<SchoolSoftState>;

export interface EvaCaller {
  readonly tenant: MunicipalityKey;
  readonly token: string;
}

function bearerToken(request: Request): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
}

export function loginJspPath(slug: string): string {
  return `/${slug}/jsp/Login.jsp`;
}

function sessionDeath(context: Context, request: Request, response: Response, tenant: MunicipalityKey, message: string): void {
  if (context.drift.has('redirectToLoginJsp')) {
    response.status(302).setHeader('Location', loginJspPath(slugOf(context, tenant)));
    response.end();
    return;
  }
  response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
  sendSpringError(response, request, 401, message, context.clock.now(), context.drift);
}

/** The caller of an Eva request, or null after the answer (404 slug, death signal, 429) was sent. */
export function authenticateEva(context: Context, request: Request, response: Response): EvaCaller | null {
  const tenant = tenantOfSlug(context, String(request.params.slug));
  if (!tenant) {
    sendNotFound(response, request, context.clock.now(), context.drift);
    return null;
  }
  const token = bearerToken(request);
  if (!token) {
    sessionDeath(context, request, response, tenant, 'Full authentication is required to access this resource');
    return null;
  }
  const session = context.sessionStore<AccessTokenData>('default').get(token);
  if (!session || session.data.tenant !== tenant) {
    sessionDeath(context, request, response, tenant, 'Invalid or expired access token');
    return null;
  }
  const refusal = context.rateLimiter.hit(token);
  if (refusal) {
    response.setHeader('Retry-After', String(refusal.retryAfterSeconds));
    sendSpringError(response, request, 429, `Rate limit exceeded: ${context.knobs.get('rateLimitPerMinute') ?? 0} requests per minute per token`, context.clock.now(), context.drift);
    return null;
  }
  return { tenant, token };
}
