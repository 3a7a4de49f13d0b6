/**
 * What stands before every `/inloggad2` JSON call (platform file §3, §6): a live SiteMinder
 * session (else the 302 to `login.fcc`), the City's topology headers when that drift is on, and
 * the anti-forgery token from `/hem` in header and cookie.
 */
import type { Request, Response } from 'express';
import type { Session } from '../common/index.js';
import { cookieOf } from './cookies.js';
import { FAILURE, sendFailure } from './envelope.js';
import { SESSION_COOKIE, XSRF_COOKIE, XSRF_HEADER } from './paths.js';
import { redirectToLogin } from './siteminder.js';
import type { SkolplattformenContext, StaffSession } from './state.js';

export const TOPOLOGY_DRIFT = 'requireTopologyHeaders';
/** Knob (invented): wall-clock lifetime of an anti-forgery token in seconds; 0 = as long as its session. */
export const XSRF_TTL_KNOB = 'xsrfTokenTtlSeconds';

/** The live session of the request's SMSESSION cookie (its idle timer moved), or null. */
export function liveSession(context: SkolplattformenContext, request: Request): Session<StaffSession> | null {
  return context.sessionStore<StaffSession>('default').get(cookieOf(request, SESSION_COOKIE));
}

function xsrfIsValid(context: SkolplattformenContext, session: Session<StaffSession>, request: Request): boolean {
  const tokens = session.data.xsrf;
  if (!tokens) return false;
  const ttlSeconds = context.knobs.get(XSRF_TTL_KNOB) ?? 0;
  if (ttlSeconds > 0 && Date.now() - tokens.issuedAt > ttlSeconds * 1000) return false;
  return request.get(XSRF_HEADER) === tokens.requestToken && cookieOf(request, XSRF_COOKIE) === tokens.cookieToken;
}

/**
 * The session a JSON call may use, or null after answering the refusal itself. With
 * `requireTopologyHeaders` every call is refused: the header values come from a script the City
 * runs in the browser, so no client of this surface can produce valid ones.
 */
export function admitJsonCall(context: SkolplattformenContext, request: Request, response: Response): Session<StaffSession> | null {
  const session = liveSession(context, request);
  if (!session) {
    redirectToLogin(request, response);
    return null;
  }
  if (context.drift.has(TOPOLOGY_DRIFT)) {
    sendFailure(response, FAILURE.topology);
    return null;
  }
  if (!xsrfIsValid(context, session, request)) {
    sendFailure(response, FAILURE.xsrf);
    return null;
  }
  return session;
}
