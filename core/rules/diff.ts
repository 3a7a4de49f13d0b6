/**
 * Comparing a run's justified events with the state emitted before (rules §2.6): new identity →
 * `issued`; same identity with a different normative field → `amended`; identity no longer
 * justified → `retracted`, listed once in the delta with the content it last had. Cascades need
 * no code here: the replay simply no longer produces the events built on a retracted one.
 */
import type { RuleEvent, StatusedEvent } from './events.js';
import { normativeKey, sortEvents, withStatus } from './events.js';

export interface RunDiff {
  /** The complete state after the run: every justified event with the status of its latest change. */
  readonly events: StatusedEvent[];
  /** The changes at this run. */
  readonly delta: StatusedEvent[];
}

/**
 * @param previous the state emitted by the previous run (empty at the first run)
 * @param current every event justified at this run
 * @param isFrozen events the replay no longer reaches (§2.6 lookback): kept as last emitted
 */
export function diffEvents(
  previous: readonly StatusedEvent[],
  current: readonly RuleEvent[],
  isFrozen: (event: StatusedEvent) => boolean = () => false,
): RunDiff {
  if (previous.length === 0) {
    // The first run: everything is issued, and the delta is the state.
    const events = sortEvents(current.map((event) => withStatus(event, 'issued')));
    return { events, delta: [...events] };
  }
  const unjustified = new Map(previous.map((event) => [event.id, event]));
  const events: StatusedEvent[] = [];
  const delta: StatusedEvent[] = [];
  for (const event of current) {
    const last = unjustified.get(event.id);
    unjustified.delete(event.id);
    if (!last) {
      const issued = withStatus(event, 'issued');
      events.push(issued);
      delta.push(issued);
    } else if (normativeKey(last) !== normativeKey(event)) {
      const amended = withStatus(event, 'amended');
      events.push(amended);
      delta.push(amended);
    } else {
      // Unchanged: keeps the status of its latest change; descriptive fields may be refreshed.
      events.push(withStatus(event, last.status));
    }
  }
  for (const last of unjustified.values()) {
    if (isFrozen(last)) events.push(last);
    else delta.push(withStatus(last, 'retracted'));
  }
  return { events: sortEvents(events), delta: sortEvents(delta) };
}
