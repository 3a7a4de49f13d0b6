/**
 * The fault state of one simulator: the current profile and the decisions it implies (platforms
 * README §4). Request-level decisions (latency, 5xx, connection reset) are a function of (seed,
 * request counter, profile); the counter restarts whenever the profile is replaced, so applying
 * the same profile to a fresh simulator replays the same faults. 429 bursts also depend on the wall
 * clock, because their windows are waits.
 */
import { malformedDecision } from '../world/index.js';
import type { MalformedKind } from '../world/index.js';
import { canonicalJson, uniformDraw } from './deterministic.js';
import { DEFAULT_SERVER_ERROR_STATUSES, routeMatches } from './fault-profile.js';
import type { FaultProfile, RetryAfterFormat } from './fault-profile.js';

/** What the profile decides for one platform request before it reaches its handler. */
export interface RequestFaultDecision {
  /** 1-based position of the request among those the profile covers since it was set. */
  readonly counter: number;
  readonly latencyMs: number;
  /** A 5xx to answer instead of running the handler, or null. */
  readonly serverErrorStatus: number | null;
  /** Send headers and about half the body, then destroy the socket. */
  readonly connectionReset: boolean;
}

export interface RateLimitRefusal {
  /** Whole seconds until the window closes (at least 1). */
  readonly retryAfterSeconds: number;
  readonly format: RetryAfterFormat;
}

export interface Malformation {
  readonly kind: MalformedKind;
  readonly field: string;
}

export class FaultState {
  private current: FaultProfile = {};
  private profileKey = canonicalJson({});
  private counter = 0;
  private servedInBurst = 0;
  private burstWindowEndsAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly seedOf: () => string,
    private readonly wallNow: () => number = Date.now,
  ) {}

  profile(): FaultProfile {
    return this.current;
  }

  /** Replaces the profile (`{}` clears it) and restarts the request counter and burst window. */
  replace(profile: FaultProfile): void {
    this.current = profile;
    this.profileKey = canonicalJson(profile);
    this.counter = 0;
    this.servedInBurst = 0;
    this.burstWindowEndsAt = Number.NEGATIVE_INFINITY;
  }

  /** The idle lifetime override for sessions and tokens, in wall-clock ms, or null. */
  sessionTtlMs(): number | null {
    return this.current.sessionTtlSeconds === undefined ? null : this.current.sessionTtlSeconds * 1000;
  }

  covers(routeTemplate: string): boolean {
    return routeMatches(this.current.routes, routeTemplate);
  }

  /** Decides the next request on `routeTemplate`; null when the profile does not cover the route. */
  decide(routeTemplate: string): RequestFaultDecision | null {
    if (!this.covers(routeTemplate)) return null;
    this.counter += 1;
    const counter = this.counter;
    const draw = (purpose: string): number => uniformDraw(this.seedOf(), this.profileKey, counter, purpose);
    const { latencyMs, serverErrorRate = 0, connectionResetRate = 0 } = this.current;
    const statuses = this.current.serverErrorStatuses ?? DEFAULT_SERVER_ERROR_STATUSES;
    const latency = latencyMs ? latencyMs.min + Math.floor(draw('latency') * (latencyMs.max - latencyMs.min + 1)) : 0;
    const serverError = draw('serverError') < serverErrorRate;
    return {
      counter,
      latencyMs: latency,
      serverErrorStatus: serverError ? (statuses[Math.floor(draw('serverErrorStatus') * statuses.length)] ?? 500) : null,
      connectionReset: !serverError && draw('connectionReset') < connectionResetRate,
    };
  }

  /**
   * The 429 burst check, made when the response is about to start (after any latency): after
   * every `everyRequests` admitted requests a window of `retryAfterSeconds` opens, and every
   * request inside it is refused. Refused requests do not count towards the next burst.
   */
  admit(): RateLimitRefusal | null {
    const limit = this.current.rateLimit;
    if (!limit) return null;
    const now = this.wallNow();
    if (now < this.burstWindowEndsAt) {
      return { retryAfterSeconds: Math.max(1, Math.ceil((this.burstWindowEndsAt - now) / 1000)), format: limit.retryAfterFormat };
    }
    this.servedInBurst += 1;
    if (this.servedInBurst % limit.everyRequests === 0) this.burstWindowEndsAt = now + limit.retryAfterSeconds * 1000;
    return null;
  }

  /**
   * The defect of a record in a list response, or null: a function of (seed, record id, profile)
   * only, so a refetched page carries the same defect. `fields` are the platform's malformable
   * fields this record has (its file lists them). Routes do not matter here: the ground truth
   * must be able to list every malformed record without knowing how it was fetched.
   */
  malformationFor(recordId: string | number, fields: readonly string[]): Malformation | null {
    return malformedDecision(this.seedOf(), recordId, this.current, fields);
  }
}
