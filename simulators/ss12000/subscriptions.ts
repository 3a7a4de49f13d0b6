/**
 * Subscriptions (§6): `POST /subscriptions` `{name, target, resourceTypes}` → `201` with `id` and
 * `expires` (now + 30 days, a client value is ignored); `resourceTypes` are objects
 * `{resource}` or, as the standard's own example writes them, plain strings. `PATCH` (no body)
 * renews `expires`, `DELETE` ends it; an expired subscription is gone.
 */
import { z } from 'zod';
import { OBJECT_TYPES, SUBSCRIPTION_LIFETIME_MS } from './constants.js';
import { ApiError, badRequest } from './errors.js';
import type { JsonRecord } from './presentation.js';
import type { Scope, Subscription } from './state.js';
import { rfc3339 } from './wire-time.js';

const objectType = z.enum(OBJECT_TYPES);
const createSubscriptionSchema = z.object({
  name: z.string().min(1),
  target: z.url({ protocol: /^https?$/ }),
  resourceTypes: z.array(z.union([z.object({ resource: objectType }), objectType])).min(1),
});

export function renderSubscription(subscription: Subscription): JsonRecord {
  return {
    id: subscription.id,
    expires: rfc3339(subscription.expires),
    name: subscription.name,
    target: subscription.target,
    resourceTypes: subscription.resourceTypes.map((resource) => ({ resource })),
  };
}

/** The customer's subscriptions that have not expired, oldest first. */
export function liveSubscriptions(scope: Pick<Scope, 'state' | 'tenant' | 'world'>): Subscription[] {
  const now = scope.world.now();
  return [...scope.state.subscriptions.values()].filter((subscription) => subscription.tenant === scope.tenant && subscription.expires > now);
}

export function findSubscription(scope: Scope, id: string): Subscription {
  const subscription = liveSubscriptions(scope).find((candidate) => candidate.id === id.toLowerCase());
  if (!subscription) throw new ApiError('NOT_FOUND', 'No such subscription');
  return subscription;
}

export function createSubscription(scope: Scope, body: unknown): Subscription {
  const parsed = createSubscriptionSchema.safeParse(body);
  if (!parsed.success) throw badRequest(`The subscription is invalid: ${parsed.error.issues.map((issue) => issue.path.join('.') || 'body').join(', ')}`);
  const { state, world, slice } = scope;
  state.subscriptionCount += 1;
  const subscription: Subscription = {
    // Deterministic for the same sequence of calls on the same world.
    id: world.ids.named(slice, 'subscription', String(state.subscriptionCount)),
    tenant: scope.tenant,
    name: parsed.data.name,
    target: parsed.data.target,
    resourceTypes: [...new Set(parsed.data.resourceTypes.map((type) => (typeof type === 'string' ? type : type.resource)))],
    expires: world.now() + SUBSCRIPTION_LIFETIME_MS,
  };
  state.subscriptions.set(subscription.id, subscription);
  return subscription;
}

export function renewSubscription(scope: Scope, id: string): Subscription {
  const subscription = findSubscription(scope, id);
  subscription.expires = scope.world.now() + SUBSCRIPTION_LIFETIME_MS;
  return subscription;
}

export function deleteSubscription(scope: Scope, id: string): void {
  scope.state.subscriptions.delete(findSubscription(scope, id).id);
}
