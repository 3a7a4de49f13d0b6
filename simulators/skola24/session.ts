/**
 * Skola24's session (skola24.md §4): the `.ASPXAUTH` cookie names a session with a sliding 60-minute
 * idle lifetime (the framework's store, on the wall clock) and an absolute lifetime (12 h, knob
 * `sessionAbsoluteTtlSeconds`). `needSessionRefresh` turns true in the last 15 minutes of the
 * absolute lifetime. A dead session is simply absent: the routes answer validation code 1.
 */
import type { Request } from 'express';
import type { Session, SessionStore, SimulatorContext } from '../common/index.js';
import type { MunicipalityKey } from '../world/index.js';
import { AUTH_COOKIE, KNOB_DEFAULTS, SESSION_REFRESH_MARGIN_MS } from './constants.js';
import { cookieOf } from './cookies.js';

export interface Skola24SessionData {
  readonly tenant: MunicipalityKey;
  /** The domain the session logged into; another `hostName` in a body is refused (§1). */
  readonly hostName: string;
}

/** What every envelope and XML document says about the caller's session. */
export interface SessionInfo {
  /** Simulated instant the session dies if left idle, or null when it is dead. */
  readonly expiresAt: number | null;
  readonly needsRefresh: boolean;
}

export const DEAD_SESSION: SessionInfo = { expiresAt: null, needsRefresh: true };

export interface LiveSession {
  readonly session: Session<Skola24SessionData>;
  readonly info: SessionInfo;
}

export function sessionStoreOf(context: SimulatorContext): SessionStore<Skola24SessionData> {
  return context.sessionStore<Skola24SessionData>('default');
}

function absoluteLifetimeMs(context: SimulatorContext): number {
  return (context.knobs.get('sessionAbsoluteTtlSeconds') ?? KNOB_DEFAULTS.sessionAbsoluteTtlSeconds) * 1000;
}

/**
 * The caller's live session (its idle timer moved, as every call does), or null when there is no
 * cookie, the cookie is unknown, or the idle or absolute lifetime has run out.
 */
export function liveSession(context: SimulatorContext, request: Request): LiveSession | null {
  const store = sessionStoreOf(context);
  const session = store.get(cookieOf(request, AUTH_COOKIE));
  if (!session) return null;
  const wallNow = Date.now();
  const absoluteRemainingMs = session.createdAt + absoluteLifetimeMs(context) - wallNow;
  if (absoluteRemainingMs <= 0) {
    store.delete(session.id);
    return null;
  }
  const remainingMs = Math.min(store.remainingMs(session), absoluteRemainingMs);
  // On the wire an expiry is simulated now plus the wall-clock time left (platforms README §4).
  return {
    session,
    info: { expiresAt: context.clock.now() + Math.max(0, remainingMs), needsRefresh: absoluteRemainingMs < SESSION_REFRESH_MARGIN_MS },
  };
}
