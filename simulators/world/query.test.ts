/** Change queries over day-anchored rows: injected changes to old rows, and how far a window sweeps. */
import { describe, expect, it } from 'vitest';
import { SCHOOL_DAYS } from './calendar.js';
import { ChangeQuery } from './query.js';
import type { AnchoredSource, LateChange, QueryWindow } from './query.js';
import type { RowTimeline, SliceRecord } from './rows.js';
import { localToInstant } from './stockholm-time.js';
import { all, at, noticeData, registrationData, slice } from './test-helpers.js';
import { createWorld } from './world.js';

const MINUTE = 60_000;

/** Reads the query page by page (in order, then again back to front) and checks both agree. */
function pagedIds(query: ChangeQuery, pageSize: number): SliceRecord[] {
  const pages = Math.ceil(query.count() / pageSize);
  const forward: SliceRecord[] = [];
  for (let index = 0; index < pages; index++) forward.push(...query.page(index, pageSize));
  const backward: SliceRecord[][] = [];
  for (let index = pages - 1; index >= 0; index--) backward.unshift(query.page(index, pageSize));
  expect(backward.flat()).toEqual(forward);
  return forward;
}

describe('an injected change to a row dated long before the window', () => {
  it('shows once in the incremental query after the previous snapshot, pages stably, and once in a backfill', () => {
    const world = createWorld({ seed: 'late-change', students: 150 });
    expect(world.now()).toBe(at('2026-03-10T02:00:00+01:00'));
    const skola24 = slice('skola24');

    const october = [...world.query(skola24, 'registrations', { fromDate: '2025-10-06', toDate: '2025-10-10' })];
    const target = october.find((record) => registrationData(record).validity === 'invalid');
    if (!target) throw new Error('the seed has no invalid October registration');
    expect(target.lastChanged).toBeLessThan(at('2025-11-01T00:00:00+01:00'));

    // The previous run's snapshot, then the change.
    const previous = world.query(skola24, 'registrations', { after: '2026-03-09T02:00:00+01:00' }).window.until;
    // Mid-afternoon, so the day's own registrations land on both sides of the change.
    world.setNow(at('2026-03-10T14:30:00+01:00'));
    const change = world.injectEvent({ kind: 'recordChange', slice: skola24, stream: 'registrations', id: target.id, validity: 'valid' });
    expect(change.at).toBeGreaterThan(previous);
    world.setNow(at('2026-03-10T18:00:00+01:00'));

    const incremental = world.query(skola24, 'registrations', { after: previous });
    const records = all(incremental);
    const hits = records.filter((record) => record.id === target.id);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.lastChanged).toBe(change.at);
    expect(hits[0] && registrationData(hits[0]).validity).toBe('valid');
    // The nightly's own rows are still there around it, in (lastChanged, id) order.
    expect(records.some((record) => record.lastChanged < change.at)).toBe(true);
    expect(records.some((record) => record.lastChanged > change.at)).toBe(true);
    expect(records.every((record) => record.lastChanged > previous && record.lastChanged <= incremental.window.until)).toBe(true);
    for (let index = 1; index < records.length; index++) expect(records[index]?.lastChanged).toBeGreaterThanOrEqual(records[index - 1]?.lastChanged ?? 0);

    // Paging by offset (in order, out of order) and by keyset give the same records, each once.
    expect(incremental.count()).toBe(records.length);
    for (const pageSize of [1, 3, 7]) expect(pagedIds(incremental, pageSize)).toEqual(records);
    const keyset: SliceRecord[] = [];
    let cursor: SliceRecord | null = null;
    for (;;) {
      const page: SliceRecord[] = [];
      for (const record of incremental.after(cursor)) {
        page.push(record);
        if (page.length === 4) break;
      }
      if (page.length === 0) break;
      keyset.push(...page);
      cursor = page[page.length - 1] ?? null;
    }
    expect(keyset).toEqual(records);
    expect(new Set(records.map((record) => record.key)).size).toBe(records.length);

    // The snapshot already handed out does not change; a window after the change omits it.
    expect(all(world.query(skola24, 'registrations', { after: '2026-03-09T02:00:00+01:00', until: previous })).some((record) => record.id === target.id)).toBe(false);
    expect(all(world.query(skola24, 'registrations', { after: change.at })).some((record) => record.id === target.id)).toBe(false);
    // A date filter still applies to the old row.
    expect(all(world.query(skola24, 'registrations', { after: previous, fromDate: '2026-01-01' })).some((record) => record.id === target.id)).toBe(false);
    expect(all(world.query(skola24, 'registrations', { after: previous, fromDate: '2025-10-01', toDate: '2025-10-31' })).filter((record) => record.id === target.id)).toHaveLength(1);

    const backfill = all(world.query(skola24, 'registrations')).filter((record) => record.id === target.id);
    expect(backfill).toHaveLength(1);
    expect(backfill[0]?.lastChanged).toBe(change.at);
    expect(backfill[0] && registrationData(backfill[0]).validity).toBe('valid');
  });

  it('brings an old notice cancelled by an event into the incremental query as its tombstone', () => {
    const world = createWorld({ seed: 'late-change', students: 150 });
    const schoolsoft = slice('schoolsoft');
    const target = [...world.query(schoolsoft, 'notices', { fromDate: '2025-10-06', toDate: '2025-10-17' })].find((record) => !record.deleted);
    if (!target) throw new Error('the seed has no October notice');
    const previous = world.query(schoolsoft, 'notices', { after: '2026-03-09T02:00:00+01:00' }).window.until;
    const change = world.injectEvent({ kind: 'recordChange', slice: schoolsoft, stream: 'notices', id: target.id, deleted: true });
    const hits = all(world.query(schoolsoft, 'notices', { after: previous })).filter((record) => record.id === target.id);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.deleted).toBe(true);
    expect(hits[0]?.lastChanged).toBe(change.at);
    expect(hits[0] && noticeData(hits[0]).cancelled).toBe(true);
    expect(all(world.query(schoolsoft, 'notices')).some((record) => record.id === target.id)).toBe(false);
  });
});

describe('the anchored sweep', () => {
  const DAY = SCHOOL_DAYS[40] ?? 0;
  const LATE_DAY = SCHOOL_DAYS[160] ?? 0;
  const changeAt = localToInstant(LATE_DAY, 10 * 60);

  /** One row per school day, made at 09:00 that day; the row of DAY changed once at `changeAt`. */
  function fakeSource(swept: number[], lateChanges: LateChange[]): AnchoredSource {
    return {
      kind: 'anchored',
      leadDays: 1,
      lagDays: 7,
      lateChanges: () => lateChanges,
      timelinesAt: (day): RowTimeline[] => {
        swept.push(day);
        const made = localToInstant(day, 9 * 60);
        const versions = [{ at: made, deleted: false, units: ['U1' as const], data: { kind: 'marker' } }];
        if (lateChanges.some((change) => change.day === day)) versions.push({ at: changeAt, deleted: false, units: ['U1'], data: { kind: 'marker' } });
        return [{ stream: 'registrations', key: `r:${day}`, id: day, pupilKey: null, createdAt: made, filterDay: day, versions } as unknown as RowTimeline];
      },
    };
  }

  const window = (after: number | null): QueryWindow => ({ after, until: changeAt + 5 * MINUTE, units: ['U1'], fromDay: null, toDay: null });

  it('sweeps the days near a nightly window plus the day of a late change, not the whole year', () => {
    const swept: number[] = [];
    const query = new ChangeQuery([fakeSource(swept, [{ day: DAY, at: changeAt }])], window(changeAt - 24 * 60 * MINUTE));
    const records = all(query);
    expect(records.map((record) => record.id)).toEqual([LATE_DAY, DAY]);
    expect(swept).toContain(DAY);
    expect(swept.length).toBeLessThan(12);
    expect(swept).toEqual([...swept].sort((left, right) => left - right));
  });

  it('skips a late change outside the window or before the cursor', () => {
    const swept: number[] = [];
    const outside = new ChangeQuery([fakeSource(swept, [{ day: DAY, at: changeAt }])], window(changeAt));
    expect(all(outside).map((record) => record.id)).not.toContain(DAY);
    expect(swept).not.toContain(DAY);

    const inside = new ChangeQuery([fakeSource([], [{ day: DAY, at: changeAt }])], window(changeAt - MINUTE));
    const [first] = all(inside);
    expect(first?.id).toBe(DAY);
    const afterIt: number[] = [];
    const resumed = new ChangeQuery([fakeSource(afterIt, [{ day: DAY, at: changeAt }])], window(changeAt - MINUTE));
    if (first) expect([...resumed.after({ lastChanged: first.lastChanged + 1, id: 0, key: '' })]).toEqual([]);
    expect(afterIt).not.toContain(DAY);
  });
});
