/**
 * What stands between a hub request and its answer (infomentor.md §2, §4), in this order:
 * no `IMHome` cookie at all → 302 to the login page (a client that skipped a login step);
 * Cloudflare's challenge (knob `cloudflareChallengeRate`); a dead session → the death signal
 * (data POST: 200 with an empty body; GET page: 302 to the login); the per-session rate limit
 * (`rateLimitPerMinute`, 429 + `Retry-After`, empty body).
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { uniformDraw } from '../common/deterministic.js';
import type { Session, SimulatorContext } from '../common/index.js';
import { cloudflareChallengePage } from './pages.js';
import type { HubSessionData, InfoMentorState } from './state.js';
import { redirectToLogin, sendDeadSessionBody } from './wire.js';

export const HUB_COOKIE = 'IMHome';

/** Cookies of a request (host-only, no attributes come back). */
export function cookiesOf(request: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator <= 0) continue;
    const name = part.slice(0, separator).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(separator + 1).trim());
  }
  return cookies;
}

/** The live hub session of the request, or null (absent, expired, forced out). */
export function liveHubSession(context: SimulatorContext<InfoMentorState>, request: Request): Session<HubSessionData> | null {
  return context.sessionStore<HubSessionData>('default').get(cookiesOf(request).get(HUB_COOKIE));
}

function challenged(context: SimulatorContext<InfoMentorState>): boolean {
  const rate = context.knobs.get('cloudflareChallengeRate') ?? 0;
  context.state.hubRequests += 1;
  return rate > 0 && uniformDraw(context.seed, 'cloudflare', rate, context.state.hubRequests) < rate;
}

function sendChallenge(response: Response): void {
  const rayId = `${randomBytes(8).toString('hex')}-ARN`;
  response
    .status(403)
    .set({ 'cf-mitigated': 'challenge', 'cf-ray': rayId, Server: 'cloudflare', 'Cache-Control': 'private, max-age=0, no-store, no-cache, must-revalidate' })
    .type('text/html; charset=UTF-8')
    .send(cloudflareChallengePage(rayId));
}

/** `data`: a JSON POST; `page`: a GET page (start page, establishment switch). */
export type HubRequestKind = 'data' | 'page';

/** The live session to answer with, or null when the gate has answered already. */
export function admitHubRequest(context: SimulatorContext<InfoMentorState>, request: Request, response: Response, kind: HubRequestKind): Session<HubSessionData> | null {
  const cookie = cookiesOf(request).get(HUB_COOKIE);
  if (cookie === undefined) {
    redirectToLogin(response, request.originalUrl);
    return null;
  }
  if (challenged(context)) {
    sendChallenge(response);
    return null;
  }
  const session = context.sessionStore<HubSessionData>('default').get(cookie);
  if (!session) {
    if (kind === 'data') sendDeadSessionBody(response);
    else redirectToLogin(response, request.originalUrl);
    return null;
  }
  const limited = context.rateLimiter.hit(session.id);
  if (limited) {
    response.status(429).setHeader('Retry-After', String(limited.retryAfterSeconds));
    response.setHeader('Content-Length', '0');
    response.end();
    return null;
  }
  return session;
}
