/**
 * Sessions and tokens of a platform simulator. Lifetimes run on the WALL clock (platforms README
 * §4: waits and idle timers are wall-clock), while an expiry shown on the wire is simulated now +
 * the remaining wall-clock time (`expiresAt`). A dead session is simply gone: the platform answers
 * its own session-death signal when `get` returns null.
 */
import { randomBytes } from 'node:crypto';

export interface SessionLifetimes {
  /** Sliding idle lifetime; every `get` that finds the session alive moves it. Omit for none. */
  readonly idleTtlSeconds?: number;
  /** Lifetime from creation, never extended. Omit for none. */
  readonly absoluteTtlSeconds?: number;
}

export interface Session<Data> {
  /** Opaque random token: a cookie value, bearer token or refresh token. */
  readonly id: string;
  readonly username: string;
  readonly createdAt: number;
  lastUsedAt: number;
  /** Whatever the platform keeps per session (selected school, XSRF token, …). */
  data: Data;
}

export interface SessionStoreOptions extends SessionLifetimes {
  /** The fault profile's `sessionTtlSeconds` in ms, or null: overrides the idle lifetime. */
  readonly idleOverrideMs?: () => number | null;
  readonly wallNow?: () => number;
}

export class SessionStore<Data = Record<string, unknown>> {
  private readonly sessions = new Map<string, Session<Data>>();
  private readonly wallNow: () => number;

  constructor(private readonly options: SessionStoreOptions = {}) {
    this.wallNow = options.wallNow ?? Date.now;
  }

  create(username: string, data: Data, id: string = randomBytes(24).toString('base64url')): Session<Data> {
    const now = this.wallNow();
    const session: Session<Data> = { id, username, createdAt: now, lastUsedAt: now, data };
    this.sessions.set(id, session);
    return session;
  }

  /** The live session with this id, its idle timer moved; null if unknown, expired or forced out. */
  get(id: string | undefined | null): Session<Data> | null {
    const session = this.peek(id);
    if (session) session.lastUsedAt = this.wallNow();
    return session;
  }

  /** Like `get`, without moving the idle timer. */
  peek(id: string | undefined | null): Session<Data> | null {
    if (!id) return null;
    const session = this.sessions.get(id);
    if (!session) return null;
    if (this.remainingMs(session) <= 0) {
      this.sessions.delete(id);
      return null;
    }
    return session;
  }

  /** Wall-clock ms until the session dies if left idle (Infinity when it has no lifetime). */
  remainingMs(session: Session<Data>): number {
    const now = this.wallNow();
    const idleMs = this.options.idleOverrideMs?.() ?? (this.options.idleTtlSeconds === undefined ? null : this.options.idleTtlSeconds * 1000);
    const idleLeft = idleMs === null ? Number.POSITIVE_INFINITY : session.lastUsedAt + idleMs - now;
    const absoluteLeft = this.options.absoluteTtlSeconds === undefined ? Number.POSITIVE_INFINITY : session.createdAt + this.options.absoluteTtlSeconds * 1000 - now;
    return Math.min(idleLeft, absoluteLeft);
  }

  /** Wall-clock ms until the absolute lifetime ends (Infinity without one); e.g. Skola24's `needSessionRefresh`. */
  absoluteRemainingMs(session: Session<Data>): number {
    if (this.options.absoluteTtlSeconds === undefined) return Number.POSITIVE_INFINITY;
    return session.createdAt + this.options.absoluteTtlSeconds * 1000 - this.wallNow();
  }

  /** The expiry to show on the wire: simulated now + remaining wall-clock time (null if it never expires). */
  expiresAt(session: Session<Data>, simulatedNow: number): number | null {
    const remaining = this.remainingMs(session);
    return Number.isFinite(remaining) ? simulatedNow + Math.max(0, remaining) : null;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  /** Forces sessions out: all of them, or those of one username. Returns how many died. */
  expire(filter: { username?: string } = {}): number {
    let count = 0;
    for (const [id, session] of this.sessions) {
      if (filter.username === undefined || session.username === filter.username) {
        this.sessions.delete(id);
        count += 1;
      }
    }
    return count;
  }

  clear(): void {
    this.sessions.clear();
  }

  /** Live sessions (expired ones are dropped on the way). */
  size(): number {
    for (const id of [...this.sessions.keys()]) this.peek(id);
    return this.sessions.size;
  }
}
