/**
 * The webhook event types an endpoint can subscribe to (DESIGN §7): every rule event of
 * rules/README.md §2.10 and the sync events. `endpoint.disabled` is internal and not listed.
 */
import { EventTypeSchema } from '../core/rules/events.js';

export const WEBHOOK_EVENT_TYPES = [...EventTypeSchema.options, 'sync.completed', 'sync.failed', 'sync.held'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * An endpoint's event filter entry: an exact type, a prefix pattern such as `warning.*` or
 * `csn.*` (every type below that prefix), or `*` (all).
 */
export function eventFilterProblem(filter: string): string | undefined {
  if (filter === '*') return undefined;
  if (filter.endsWith('.*')) {
    const prefix = filter.slice(0, -1); // "warning."
    return WEBHOOK_EVENT_TYPES.some((type) => type.startsWith(prefix))
      ? undefined
      : `"${filter}" matches no event type (known: ${WEBHOOK_EVENT_TYPES.join(', ')})`;
  }
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(filter)
    ? undefined
    : `unknown event type "${filter}" (known: ${WEBHOOK_EVENT_TYPES.join(', ')}, or a pattern such as "warning.*")`;
}

/** Whether an event type passes an endpoint's filter. */
export function eventMatchesFilter(type: string, filters: readonly string[]): boolean {
  return filters.some((filter) => filter === '*' || filter === type || (filter.endsWith('.*') && type.startsWith(filter.slice(0, -1))));
}
