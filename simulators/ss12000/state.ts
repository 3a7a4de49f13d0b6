/**
 * Per-world state of the SS 12000 simulator (made again on every reset, together with the world):
 * remembered paged queries, subscriptions, the timetable index of each customer, and the raw
 * `type` of injected absences that the world's notice vocabulary cannot express.
 */
import type { SimulatorContext } from '../common/index.js';
import type { MunicipalityKey, Slice, World } from '../world/index.js';
import type { ObjectType } from './constants.js';
import { QueryStore } from './page-tokens.js';
import type { TimetableIndex } from './timetable-types.js';

export interface Subscription {
  readonly id: string;
  readonly tenant: MunicipalityKey;
  readonly name: string;
  readonly target: string;
  readonly resourceTypes: readonly ObjectType[];
  /** Simulated instant; renewed by `PATCH`. */
  expires: number;
}

export interface Ss12000State {
  readonly queries: QueryStore;
  readonly subscriptions: Map<string, Subscription>;
  /** How many subscriptions were ever created: the deterministic part of a new subscription's id. */
  subscriptionCount: number;
  /** Per tenant: changes up to this simulated instant have been announced to subscribers. */
  readonly notifiedUpTo: Map<MunicipalityKey, number>;
  readonly timetables: Map<MunicipalityKey, TimetableIndex>;
  /** Absence id → `type` given to `POST /_control/events` when it is neither of the world's two. */
  readonly absenceTypes: Map<string, string>;
}

export function createSs12000State(): Ss12000State {
  return {
    queries: new QueryStore(),
    subscriptions: new Map(),
    subscriptionCount: 0,
    notifiedUpTo: new Map(),
    timetables: new Map(),
    absenceTypes: new Map(),
  };
}

export type Ss12000Context = SimulatorContext<Ss12000State>;

/** One authorised request: the customer it addresses and the world and state it reads. */
export interface Scope {
  readonly context: Ss12000Context;
  readonly tenant: MunicipalityKey;
  readonly customerId: string;
  readonly slice: Slice;
  readonly world: World;
  readonly state: Ss12000State;
}

export function scopeOf(context: Ss12000Context, tenant: MunicipalityKey, customerId: string): Scope {
  return { context, tenant, customerId, slice: context.slice(tenant), world: context.world, state: context.state };
}
