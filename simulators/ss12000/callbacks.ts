/**
 * Subscription callbacks (§6). When the register changes — the simulated clock moves past world
 * events, or `POST /_control/events` injects one — every live subscription of the customer whose
 * resource types changed gets `POST target {"modifiedEntites": [...], "deletedEntities": bool}`
 * (the standard's spelling; drift `callbackSpelling` = `modifiedEntities` or `both`). A delivery
 * expects a 2xx; it is retried after 1, 5 and 25 s (wall clock) and then dropped.
 *
 * Clock moves are noticed by a wall-clock watcher that runs only while subscriptions exist.
 */
import type { MunicipalityKey, StreamName } from '../world/index.js';
import { CALLBACK_RETRY_DELAYS_MS } from './constants.js';
import type { ObjectType } from './constants.js';
import type { Ss12000Context, Subscription } from './state.js';
import { liveSubscriptions } from './subscriptions.js';

/** Resource types whose changes the register announces, and the world streams behind them. */
const WATCHED_STREAMS: Partial<Readonly<Record<ObjectType, readonly StreamName[]>>> = {
  Person: ['pupils', 'guardians'],
  Group: ['groups'],
  Absence: ['notices'],
  Attendance: ['registrations'],
};

const WATCH_INTERVAL_MS = 250;
const DELIVERY_TIMEOUT_MS = 10_000;

export interface ChangeSet {
  readonly modified: Set<ObjectType>;
  readonly deleted: Set<ObjectType>;
}

export function callbackBody(context: Ss12000Context, modified: readonly ObjectType[], deleted: boolean): Record<string, unknown> {
  const spelling = context.drift.value('callbackSpelling');
  if (spelling === undefined) return { modifiedEntites: modified, deletedEntities: deleted };
  if (spelling === 'both') return { modifiedEntites: modified, modifiedEntities: modified, deletedEntities: deleted };
  return { modifiedEntities: modified, deletedEntities: deleted };
}

async function post(target: string, body: Record<string, unknown>): Promise<boolean> {
  try {
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

function deliver(target: string, body: Record<string, unknown>, attempt = 0): void {
  void post(target, body).then((delivered) => {
    const delay = CALLBACK_RETRY_DELAYS_MS[attempt];
    if (delivered || delay === undefined) return;
    setTimeout(() => deliver(target, body, attempt + 1), delay).unref();
  });
}

export class CallbackDispatcher {
  private watcher: NodeJS.Timeout | null = null;

  constructor(private readonly context: Ss12000Context) {}

  /** The resource types that changed in (after, until] among `types`. */
  private changesBetween(tenant: MunicipalityKey, after: number, until: number, types: ReadonlySet<ObjectType>): ChangeSet {
    const changes: ChangeSet = { modified: new Set(), deleted: new Set() };
    const slice = this.context.slice(tenant);
    for (const type of types) {
      for (const stream of WATCHED_STREAMS[type] ?? []) {
        for (const record of this.context.world.query(slice, stream, { after, until })) {
          (record.deleted ? changes.deleted : changes.modified).add(type);
          if (changes.deleted.has(type) && changes.modified.has(type)) break;
        }
      }
    }
    return changes;
  }

  /** Announces what changed since the last announcement, plus `extra` (an injected event's type). */
  announce(tenant: MunicipalityKey, extra?: { readonly type: ObjectType; readonly deleted: boolean }): void {
    const { world, state } = this.context;
    const subscriptions = liveSubscriptions({ state, tenant, world });
    const now = world.now();
    const from = state.notifiedUpTo.get(tenant) ?? now;
    state.notifiedUpTo.set(tenant, now);
    if (subscriptions.length === 0) return;
    const types = new Set(subscriptions.flatMap((subscription) => subscription.resourceTypes));
    const changes = now > from ? this.changesBetween(tenant, from, now, types) : { modified: new Set<ObjectType>(), deleted: new Set<ObjectType>() };
    if (extra) (extra.deleted ? changes.deleted : changes.modified).add(extra.type);
    for (const subscription of subscriptions) this.notify(subscription, changes);
  }

  private notify(subscription: Subscription, changes: ChangeSet): void {
    const modified = subscription.resourceTypes.filter((type) => changes.modified.has(type));
    const deleted = subscription.resourceTypes.some((type) => changes.deleted.has(type));
    if (modified.length === 0 && !deleted) return;
    deliver(subscription.target, callbackBody(this.context, modified, deleted));
  }

  /** Starts watching the clock for the customer's changes (called when a subscription is created). */
  watch(tenant: MunicipalityKey): void {
    const { state, world } = this.context;
    // Changes nobody subscribed to are never announced: the first subscriber starts from now.
    if (liveSubscriptions({ state, tenant, world }).length <= 1) state.notifiedUpTo.set(tenant, world.now());
    if (this.watcher) return;
    this.watcher = setInterval(() => this.tick(), WATCH_INTERVAL_MS);
    this.watcher.unref();
  }

  private tick(): void {
    const { state, world, tenants } = this.context;
    let watching = false;
    for (const tenant of tenants) {
      if (liveSubscriptions({ state, tenant, world }).length === 0) continue;
      watching = true;
      const from = state.notifiedUpTo.get(tenant);
      if (from === undefined || world.now() > from) this.announce(tenant);
    }
    if (!watching && this.watcher) {
      clearInterval(this.watcher);
      this.watcher = null;
    }
  }
}

const dispatchers = new WeakMap<object, CallbackDispatcher>();

/** The one dispatcher of a simulator (its context lives as long as the simulator). */
export function dispatcherOf(context: Ss12000Context): CallbackDispatcher {
  let dispatcher = dispatchers.get(context);
  if (!dispatcher) {
    dispatcher = new CallbackDispatcher(context);
    dispatchers.set(context, dispatcher);
  }
  return dispatcher;
}
