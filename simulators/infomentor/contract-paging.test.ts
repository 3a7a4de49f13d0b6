/**
 * Paging and incremental reads of the InfoMentor simulator: snapshot pages while the world moves
 * on, cursors from the server, and `POST /_control/events` kinds showing in the next run
 * (platforms/infomentor.md §6, §8; platforms README §4; IM-08, COM-02).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HubClient, PATHS, listAll, listPage, login, startInfoMentor } from './hub-client.test-support.js';
import type { RunningInfoMentor } from './hub-client.test-support.js';

let sim: RunningInfoMentor;
let client: HubClient;

beforeAll(async () => {
  sim = await startInfoMentor();
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  await sim.control('POST', '/reset', { seed: 'skolbrygga', students: 120 });
  client = new HubClient(sim.url);
  await login(client);
});

function millisOf(timestamp: unknown): number {
  const match = /^\/Date\((\d+)\)\/$/.exec(String(timestamp));
  if (!match) throw new Error(`not a /Date(ms)/ timestamp: ${String(timestamp)}`);
  return Number(match[1]);
}

async function event(body: Record<string, unknown>): Promise<{ status: number; id?: number; error?: string }> {
  const response = await sim.control('POST', '/events', body);
  return { status: response.status, ...((await response.json()) as { id?: number; error?: string }) };
}

async function idOfPupil(name: string): Promise<string> {
  const pupil = (await listAll(client, PATHS.pupils)).items.find((item) => item.name === name);
  return String(pupil?.id);
}

describe('page-number paging over a snapshot (§6)', () => {
  it('never skips or repeats a row while the clock advances and events arrive between pages', async () => {
    const first = await listPage(client, PATHS.attendance, { pageSize: 37 });
    const seen: Record<string, unknown>[] = [...first.items];
    let page = first;
    let turn = 0;
    while (page.more) {
      // The world moves on between pages: a day passes and a registration is filed.
      await sim.control('POST', '/clock/advance', { minutes: 1440 });
      turn += 1;
      if (turn === 2) expect((await event({ kind: 'registration', pupilWorldKey: 'p:U2:0', date: '2026-03-11', time: '08:20', reasonId: 5 })).status).toBe(201);
      page = await listPage(client, PATHS.attendance, { page: page.page + 1, pageSize: 37, changedUntil: first.changedUntil });
      expect(page.changedUntil).toBe(first.changedUntil);
      expect(page.totalItems).toBe(first.totalItems);
      seen.push(...page.items);
    }
    expect(page.more).toBe(false);
    expect(seen).toHaveLength(first.totalItems);
    expect(new Set(seen.map((item) => item.id)).size).toBe(seen.length);
    // Ordered by (lastChanged, id), every row at or before the snapshot.
    const order = seen.map((item) => [millisOf(item.lastChanged), Number(item.id)] as const);
    for (let index = 1; index < order.length; index++) {
      const [previousAt = 0, previousId = 0] = order[index - 1] ?? [];
      const [at = 0, id = 0] = order[index] ?? [];
      expect(at > previousAt || (at === previousAt && id > previousId)).toBe(true);
    }
    expect(Math.max(...order.map(([at]) => at))).toBeLessThanOrEqual(millisOf(first.changedUntil));
    // The same snapshot read whole (page size 200) gives the same rows as the same records.
    const again = await listAll(client, PATHS.attendance, { changedUntil: first.changedUntil });
    expect(again.items).toEqual(seen);
  });

  it('answers a page past the end with no items and more:false', async () => {
    const first = await listPage(client, PATHS.leave, { pageSize: 5 });
    const beyond = await listPage(client, PATHS.leave, { page: 99, pageSize: 5, changedUntil: first.changedUntil });
    expect(beyond).toMatchObject({ page: 99, items: [], more: false, totalItems: first.totalItems });
  });
});

describe('incremental reads with changedSince and the server changedUntil (§6, COM-02)', () => {
  it('a night later returns exactly the rows changed in (changedSince, changedUntil]', async () => {
    const backfill = await listAll(client, PATHS.attendance);
    await sim.control('POST', '/clock/advance', { minutes: 1440 });
    const night = await listAll(client, PATHS.attendance, { changedSince: backfill.changedUntil });
    expect(millisOf(night.changedUntil) - millisOf(backfill.changedUntil)).toBe(24 * 3600 * 1000);
    expect(night.items.length).toBeGreaterThan(0);
    for (const item of night.items) {
      expect(millisOf(item.lastChanged)).toBeGreaterThan(millisOf(backfill.changedUntil));
      expect(millisOf(item.lastChanged)).toBeLessThanOrEqual(millisOf(night.changedUntil));
    }
    // Nothing changed since: an empty page, still a paged object with the new snapshot.
    const nothing = await listPage(client, PATHS.attendance, { changedSince: night.changedUntil });
    expect(nothing).toMatchObject({ totalItems: 0, more: false, items: [], changedSince: night.changedUntil });
    // The class lists follow the same cursor.
    const roster = await listPage(client, PATHS.pupils, { changedSince: night.changedUntil });
    expect(roster.totalItems).toBe(0);
  });

  it('shows a change made between two pages old in this run and new in the next (IM-08)', async () => {
    const lukas = await idOfPupil('Becker, Lukas');
    const before = await listPage(client, PATHS.attendance, { pageSize: 100, fromDate: '2026-03-09', toDate: '2026-03-12' });
    const injected = await event({ kind: 'registration', pupilWorldKey: 'p:U2:0', date: '2026-03-09', time: '08:20', reasonId: 1, minutes: 60 });
    expect(injected.status).toBe(201);
    // Same snapshot: the late arrival is still what it was.
    const replay = await listAll(client, PATHS.attendance, { changedUntil: before.changedUntil, fromDate: '2026-03-09', toDate: '2026-03-12' });
    const old = replay.items.find((item) => item.id === injected.id);
    expect(old).toMatchObject({ pupilSourceId: `20417|${lukas}|NEMANDI_SKOLI`, reasonId: 4, minutes: '10' });
    // Next run: the change, stamped after the snapshot handed out.
    const next = await listAll(client, PATHS.attendance, { changedSince: before.changedUntil });
    expect(next.items.map((item) => item.id)).toEqual([injected.id]);
    expect(next.items[0]).toMatchObject({ reasonId: 1, reason: 'Sjuk', absenceKind: 'Absence', isValidAbsence: true, minutes: '60', subject: 'Matematik' });
    expect(millisOf(next.items[0]?.lastChanged)).toBe(millisOf(before.changedUntil) + 1000);
  });
});

describe('POST /_control/events (§8)', () => {
  it("a notice for tomorrow shows in the next incremental read before its day, as a guardian's whole-day row", async () => {
    const lukas = await idOfPupil('Becker, Lukas');
    const run = await listAll(client, PATHS.attendance);
    const injected = await event({ kind: 'notice', pupilWorldKey: 'p:U2:0', day: 'tomorrow' });
    expect(injected.status).toBe(201);
    const next = await listAll(client, PATHS.attendance, { changedSince: run.changedUntil });
    expect(next.items).toHaveLength(1);
    expect(next.items[0]).toMatchObject({
      id: injected.id, pupilSourceId: `20417|${lukas}|NEMANDI_SKOLI`, shortDate: '2026-03-11', longDate: 'onsdag 11 mars 2026', time: null,
      reasonId: 1, registeredByName: 'Anna Becker', registeredByRole: 'Guardian', halfDaysCount: 2, partOfDay: 'WholeDay', isDeleted: false,
    });
  });

  it('a notice with sessions shows time, endTime and the minutes between them', async () => {
    const run = await listAll(client, PATHS.attendance);
    const injected = await event({ kind: 'notice', pupilWorldKey: 'p:U2:0', day: 'today', sessions: [{ time: '09:35', endTime: '10:35' }, { time: '10:50', endTime: '11:50' }], reasonId: 2, comment: 'Tandläkare' });
    expect(injected.status).toBe(201);
    const next = await listAll(client, PATHS.attendance, { changedSince: run.changedUntil });
    expect(next.items[0]).toMatchObject({ id: injected.id, shortDate: '2026-03-10', time: '09:35', endTime: '11:50', minutes: '135', reasonId: 2, reason: 'Läkarbesök', comment: 'Tandläkare', halfDaysCount: null, partOfDay: null });
  });

  it('a registration for a lesson without a row creates one; bad events are 400', async () => {
    const run = await listAll(client, PATHS.attendance);
    const injected = await event({ kind: 'registration', pupilWorldKey: 'p:U2:0', date: '2026-03-06', time: '09:35', reasonId: 6, minutes: 15 });
    expect(injected.status).toBe(201);
    const next = await listAll(client, PATHS.attendance, { changedSince: run.changedUntil });
    expect(next.items.map((item) => item.id)).toContain(injected.id);
    expect(next.items.find((item) => item.id === injected.id)).toMatchObject({ shortDate: '2026-03-06', time: '09:35', reasonId: 6, absenceKind: 'LeftEarly', minutes: '15', registeredByRole: 'Staff' });

    expect((await event({ kind: 'absence', pupilWorldKey: 'p:U2:0' })).status).toBe(400);
    expect((await event({ kind: 'notice', pupilWorldKey: 'p:U9:0', day: 'today' })).status).toBe(400);
    // Lärkängsskolan's lessons are registered in SS 12000, not here.
    expect((await event({ kind: 'registration', pupilWorldKey: 'p:U5:0', date: '2026-03-09', time: '08:20', reasonId: 5 })).status).toBe(400);
    // Åbro has no InfoMentor.
    expect((await event({ kind: 'notice', pupilWorldKey: 'p:U6:0', day: 'today' })).status).toBe(400);
  });
});
