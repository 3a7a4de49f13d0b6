/**
 * The runtime behind a simulator's `SimulatorContext`: it owns the world (replaced on reset), the
 * simulated clock, faults, drift, session stores, knobs and the snapshot tracker. Everything except
 * `world` and `state` is one object for the simulator's whole life, so routes may hold on to it.
 */
import { createWorld, formatStockholm } from '../world/index.js';
import type { MunicipalityKey, PlatformKey, Slice, World, WorldOptions } from '../world/index.js';
import type { SimulatedClock, SimulatorContext, SimulatorDefinition, SnapshotTracker } from './definition.js';
import { COMMON_DRIFT_TOGGLES, DriftState } from './drift.js';
import { FaultState } from './faults.js';
import { Knobs, MinuteRateLimiter } from './knobs.js';
import { RequestLog } from './request-log.js';
import { SessionStore } from './sessions.js';
import type { SessionLifetimes } from './sessions.js';

export interface WorldInputs {
  readonly seed: string | number;
  readonly students: number;
  /** RFC 3339 or epoch ms; default the world's default clock (2026-03-10T02:00:00+01:00). */
  readonly now?: string | number;
}

const DEFAULT_STORE = 'default';

/** The mutable core behind a `SimulatorContext`; the control API resets it. */
export class SimulatorRuntime<State> implements SimulatorContext<State> {
  readonly platform: PlatformKey;
  readonly tenants: readonly MunicipalityKey[];
  readonly clock: SimulatedClock;
  readonly faults: FaultState;
  readonly drift: DriftState;
  readonly knobs: Knobs;
  readonly rateLimiter: MinuteRateLimiter;
  readonly snapshots: SnapshotTracker;
  readonly requestLog = new RequestLog();
  private readonly stores = new Map<string, SessionStore<unknown>>();
  private currentWorld: World;
  private currentState: State;

  constructor(
    private readonly definition: SimulatorDefinition<State>,
    inputs: WorldInputs,
  ) {
    this.platform = definition.platform;
    this.currentWorld = buildWorld(inputs);
    this.tenants = [...new Set(this.currentWorld.slices().filter((slice) => slice.platform === this.platform).map((slice) => slice.tenant))];
    this.clock = {
      now: () => this.currentWorld.now(),
      stockholm: () => formatStockholm(this.currentWorld.now()),
      httpDate: () => new Date(this.currentWorld.now()).toUTCString(),
    };
    this.faults = new FaultState(() => this.currentWorld.seed);
    this.drift = new DriftState([...COMMON_DRIFT_TOGGLES, ...(definition.driftToggles ?? [])]);
    this.knobs = new Knobs(definition.knobs ?? {});
    this.rateLimiter = new MinuteRateLimiter(() => this.knobs.get('rateLimitPerMinute'));
    this.snapshots = {
      note: (instant) => this.currentWorld.clock.noteSnapshot(this.platform, instant),
      latest: () => this.currentWorld.clock.lastSnapshot(this.platform),
    };
    this.currentState = definition.createState();
  }

  get world(): World {
    return this.currentWorld;
  }

  get state(): State {
    return this.currentState;
  }

  get seed(): string {
    return this.currentWorld.seed;
  }

  get students(): number {
    return this.currentWorld.students;
  }

  get sessions(): SessionStore {
    return this.sessionStore(DEFAULT_STORE);
  }

  slice(tenant: MunicipalityKey): Slice {
    return { platform: this.platform, tenant };
  }

  sessionStore<Data>(name: string, lifetimes?: SessionLifetimes): SessionStore<Data> {
    let store = this.stores.get(name);
    if (!store) {
      store = new SessionStore<unknown>({ ...(lifetimes ?? this.definition.sessions), idleOverrideMs: () => this.faults.sessionTtlMs() });
      this.stores.set(name, store);
    }
    // One store per name; its data type is the caller's promise, as with a Map of sessions.
    return store as SessionStore<Data>;
  }

  /** Forces sessions out in every store, then lets the platform do the rest (token families, …). */
  expireSessions(filter: { readonly username?: string }): void {
    for (const store of this.stores.values()) store.expire(filter);
    this.definition.expireSessions?.(this, filter);
  }

  /** `POST /_control/reset`: a new world; sessions, faults, drift, the request log and state start over. Knobs stay. */
  reset(inputs: WorldInputs): void {
    this.currentWorld = buildWorld(inputs);
    for (const store of this.stores.values()) store.clear();
    this.faults.replace({});
    this.drift.clear();
    this.rateLimiter.clear();
    this.requestLog.clear();
    this.currentState = this.definition.createState();
  }
}

function buildWorld(inputs: WorldInputs): World {
  const options: WorldOptions = { seed: inputs.seed, students: inputs.students, ...(inputs.now === undefined ? {} : { now: inputs.now }) };
  return createWorld(options);
}
