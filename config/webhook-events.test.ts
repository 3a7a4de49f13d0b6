import { describe, expect, it } from 'vitest';
import { eventFilterProblem, eventMatchesFilter, WEBHOOK_EVENT_TYPES } from './webhook-events.js';

describe('webhook event filters', () => {
  it.each(['*', 'warning.*', 'csn.*', 'sync.*', 'csn.report', 'notify.invalid_absence'])('accepts %j', (filter) => {
    expect(eventFilterProblem(filter)).toBeUndefined();
  });

  it.each([
    ['warning.orall', 'unknown event type'],
    ['endpoint.disabled', 'unknown event type'],
    ['grades.*', 'matches no event type'],
    ['warning', 'unknown event type'],
  ])('refuses %j', (filter, reason) => {
    expect(eventFilterProblem(filter)).toContain(reason);
  });

  it('matches exact types, prefixes and everything', () => {
    expect(eventMatchesFilter('warning.oral', ['warning.*'])).toBe(true);
    expect(eventMatchesFilter('csn.report.suppressed', ['csn.*'])).toBe(true);
    expect(eventMatchesFilter('csn.report.suppressed', ['csn.report'])).toBe(false);
    expect(eventMatchesFilter('sync.failed', ['warning.*', 'csn.*'])).toBe(false);
    expect(WEBHOOK_EVENT_TYPES.every((type) => eventMatchesFilter(type, ['*']))).toBe(true);
  });
});
