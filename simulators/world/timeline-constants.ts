/** Fixed instants of the world's timeline. */
import { dayNumberOf, localToInstant } from './stockholm-time.js';

/** The summer roster update (classes promoted, groups and schedules created): 2025-08-11 07:00. */
export const ROLLOVER_AT = localToInstant(dayNumberOf('2025-08-11'), 7 * 60);
/** Nothing happens after the school year's end. */
export const TIMELINE_END = localToInstant(dayNumberOf('2026-07-01'), 0);
/** The default clock (platforms README §3): a Tuesday night, Monday 2026-03-09 the last school day. */
export const DEFAULT_NOW = Date.parse('2026-03-10T02:00:00+01:00');
