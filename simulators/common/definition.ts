/**
 * The two sides of the framework's API (README.md in this folder): the `SimulatorDefinition` a
 * platform supplies, and the `SimulatorContext` its routes get back. The framework owns the
 * server, the simulated clock, the control API, faults, drift, sessions and the request log; a
 * definition owns only its wire format.
 */
import type { Request, Router } from 'express';
import type { GroundTruth, MunicipalityKey, PlatformKey, Slice, World } from '../world/index.js';
import type { DriftState } from './drift.js';
import type { FaultState } from './faults.js';
import type { Knobs, MinuteRateLimiter } from './knobs.js';
import type { RequestLog } from './request-log.js';
import type { SessionLifetimes, SessionStore } from './sessions.js';

export interface SimulatedClock {
  /** Simulated now, epoch ms. Business time: record stamps, cursors, the `Date` header. */
  now(): number;
  /** Simulated now as RFC 3339 with the Stockholm offset (whole seconds). */
  stockholm(): string;
  /** Simulated now as an HTTP-date (the `Date` header's format). */
  httpDate(): string;
}

/** The latest snapshot time or window end this platform handed out (README §4.1, `/_control/events`). */
export interface SnapshotTracker {
  /** Call when a response hands out a cursor the world's `query` did not set (a window end, a `changedUntil`). */
  note(instant: number): void;
  latest(): number | null;
}

export interface SimulatorContext<State = unknown> {
  readonly platform: PlatformKey;
  /** The current world; a reset replaces it, so read it per request. */
  readonly world: World;
  readonly seed: string;
  readonly students: number;
  /** Tenants this platform hosts (Skola24 and SchoolSoft: both municipalities). */
  readonly tenants: readonly MunicipalityKey[];
  slice(tenant: MunicipalityKey): Slice;
  readonly clock: SimulatedClock;
  readonly faults: FaultState;
  readonly drift: DriftState;
  /** The default session store, with the definition's lifetimes. */
  readonly sessions: SessionStore;
  /**
   * A named store (created on first use, the same object afterwards), e.g. refresh tokens with
   * their own lifetimes. `sessionStore<MyData>('default')` is `sessions`, typed. Every store is
   * cleared on reset and emptied by `POST /_control/sessions/expire`.
   */
  sessionStore<Data>(name: string, lifetimes?: SessionLifetimes): SessionStore<Data>;
  readonly knobs: Knobs;
  /** Per-key requests-per-minute limit driven by the `rateLimitPerMinute` knob. */
  readonly rateLimiter: MinuteRateLimiter;
  readonly snapshots: SnapshotTracker;
  readonly requestLog: RequestLog;
  /** Platform state from `createState`; a reset replaces it, so read it per request. */
  readonly state: State;
}

/** A platform's own error answer for fault-injected 5xx and 429 (each platform file says which). */
export interface ErrorResponse {
  readonly contentType: string;
  readonly body: string | Buffer;
  /** Extra headers, e.g. `cf-mitigated`; `Retry-After` is the framework's. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** `POST /_control/events` answers 201 with this id. */
export interface InjectedEventResult {
  readonly id: string | number;
}

/**
 * Methods rather than function-typed properties on purpose: method parameters are bivariant, so
 * every `SimulatorDefinition<State>` is also a `SimulatorDefinition<unknown>` for the registry.
 */
export interface SimulatorDefinition<State = unknown> {
  readonly platform: PlatformKey;
  /** 7301–7305 (platforms README §4); `skolbrygga simulate` uses it when `--port` is absent. */
  readonly defaultPort: number;
  /** Lifetimes of `context.sessions` (and of named stores that give none); platform defaults. */
  readonly sessions: SessionLifetimes;
  /** Knobs of `PUT /_control/config` with their defaults (the common three are always accepted). */
  readonly knobs?: Readonly<Record<string, number>>;
  /** Drift toggles of this platform beyond `extraFields`, `reorderFields`, `movedPermanently`. */
  readonly driftToggles?: readonly string[];
  /**
   * Globs over route templates that are login or token routes, not data requests: drift
   * `movedPermanently` leaves them alone (README COM-11 speaks of data requests).
   */
  readonly authRoutes?: readonly string[];

  /** Fresh platform state (refresh-token families, subscriptions, …); made again on every reset. */
  createState(): State;
  /**
   * Registers the platform's routes. Register every route with `router.get/post/put/patch/delete/all`
   * (or `router.route(path).get…`) directly on this router: that is where the framework inserts
   * faults, drift `movedPermanently` and the route template for the request log. Read
   * `context.world` and `context.state` per request; both are replaced on reset.
   */
  mount(router: Router, context: SimulatorContext<State>): void;
  /** The platform's body for a fault-injected `status` (500/502/503/…, or 429). */
  errorResponse(status: number, context: SimulatorContext<State>, request: Request): ErrorResponse;
  /**
   * `POST /_control/events`: translate the platform's event (its file's "Events") into
   * `context.world.injectEvent(...)`. Throw a ZodError, WorldEventError or ControlError for a
   * bad event (→ 400 / the ControlError's status). Absent → 404.
   */
  injectEvent?(context: SimulatorContext<State>, body: unknown): InjectedEventResult;
  /** Extra work for `POST /_control/sessions/expire` beyond clearing every session store. */
  expireSessions?(context: SimulatorContext<State>, filter: { readonly username?: string }): void;
  /** `GET /_control/world`; default `context.world.groundTruth(slice)`. */
  groundTruth?(context: SimulatorContext<State>, slice: Slice): GroundTruth | Record<string, unknown>;
}

/** Identity function that lets TypeScript infer `State` from `createState`. */
export function defineSimulator<State>(definition: SimulatorDefinition<State>): SimulatorDefinition<State> {
  return definition;
}

/** An error a definition throws from a control hook to answer with `status` and `{error: message}`. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}
