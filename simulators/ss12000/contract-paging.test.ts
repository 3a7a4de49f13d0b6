/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- contract tests read wire JSON loosely, field by field, as the test config already allows for assignment and member access */
/**
 * SS 12000 contract, paging and cursors (ss12000.md §1–§2, §5): `{data, pageToken}`, `limit`
 * 1–1000 (default 500), follow-up pages with `pageToken` alone (SS12-02), `PAGE_TOKEN_EXPIRED`
 * (SS12-04), pages over one snapshot while the clock moves, and `meta.modified.after` as an
 * exclusive cursor over three nights (SS12-03).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSs12000 } from './contract.test-support.js';
import type { ListBody, Row, Ss12000Harness } from './contract.test-support.js';
import { decodePageToken } from './page-tokens.js';

let sim: Ss12000Harness;

beforeAll(async () => {
  sim = await startSs12000({ seed: 'ss12000-paging', students: 120, now: '2026-03-02T02:00:00+01:00' });
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  await sim.control('PUT', '/config', {});
});

const maxModified = (records: readonly Row[], previous: string): string =>
  records.reduce((latest, record) => (Date.parse(record.meta.modified) > Date.parse(latest) ? String(record.meta.modified) : latest), previous);

describe('limit and pageToken', () => {
  it('pages with limit, each follow-up sending only pageToken; nothing repeats or is missing', async () => {
    const everything = (await sim.get<ListBody<Row>>('/persons', { limit: 1000 })).body;
    expect(everything.pageToken).toBeNull();
    const paged = await sim.all('/persons', { limit: 37 });
    expect(paged.pages).toBe(Math.ceil(everything.data.length / 37));
    expect(paged.data.map((person) => person.id)).toEqual(everything.data.map((person) => person.id));
    // Ordered by (meta.modified, id).
    const keys = paged.data.map((person) => [Date.parse(person.meta.modified), person.id] as const);
    for (let index = 1; index < keys.length; index++) {
      const [previousTime, previousId] = keys[index - 1] ?? [0, ''];
      const [time, id] = keys[index] ?? [0, ''];
      expect(time > previousTime || (time === previousTime && id > previousId)).toBe(true);
    }
  });

  it('the page token is opaque base64url JSON {q, s, o}: query, snapshot, offset', async () => {
    const first = await sim.get<ListBody<Row>>('/persons', { limit: 10 });
    const token = decodePageToken(String(first.body.pageToken));
    expect(token).toEqual({ q: expect.any(String), s: '2026-03-02T02:00:00+01:00', o: 10 });
  });

  it('without limit at most 500 records and a pageToken', async () => {
    const first = await sim.get<ListBody<Row>>('/persons');
    expect(first.body.data.length).toBeLessThanOrEqual(500);
    const total = (await sim.all('/persons', { limit: 1000 })).data.length;
    if (total > 500) expect(first.body.pageToken).not.toBeNull();
    else expect(first.body.pageToken).toBeNull();
  });

  it('a follow-up may change limit', async () => {
    const first = await sim.get<ListBody<Row>>('/persons', { limit: 5 });
    const second = await sim.get<ListBody<Row>>('/persons', { pageToken: String(first.body.pageToken), limit: 20 });
    expect(second.status).toBe(200);
    expect(second.body.data).toHaveLength(20);
    expect(decodePageToken(String(second.body.pageToken))?.o).toBe(25);
  });

  it('400 PAGE_TOKEN_WITH_FILTER when anything but limit comes with pageToken (SS12-02)', async () => {
    const first = await sim.get<ListBody<Row>>('/persons', { 'relationship.entity.type': 'enrolment', limit: 5 });
    const response = await sim.get('/persons', { pageToken: String(first.body.pageToken), 'relationship.entity.type': 'enrolment' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 'PAGE_TOKEN_WITH_FILTER', message: expect.any(String) });
    const expanded = await sim.get('/persons', { pageToken: String(first.body.pageToken), expandReferenceNames: true });
    expect(expanded.body).toMatchObject({ code: 'PAGE_TOKEN_WITH_FILTER' });
  });

  it('400 BAD_REQUEST for limit outside 1–1000, a foreign token, or a token of another resource', async () => {
    for (const limit of ['0', '1001', 'ten', '2.5']) {
      const response = await sim.get('/persons', { limit });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'BAD_REQUEST' });
    }
    expect((await sim.get('/persons', { pageToken: 'not-a-token' })).body).toMatchObject({ code: 'BAD_REQUEST' });
    const persons = await sim.get<ListBody<Row>>('/persons', { limit: 5 });
    expect((await sim.get('/groups', { pageToken: String(persons.body.pageToken) })).body).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('the maxPageSize knob caps a page', async () => {
    await sim.control('PUT', '/config', { maxPageSize: 7 });
    const capped = await sim.get<ListBody<Row>>('/persons', { limit: 100 });
    expect(capped.body.data).toHaveLength(7);
    expect(capped.body.pageToken).not.toBeNull();
  });

  it('400 PAGE_TOKEN_EXPIRED after 24 h of simulated time, and after a reset; the query restarts (SS12-04)', async () => {
    const expiring = await startSs12000({ seed: 'ss12000-paging', students: 120, now: '2026-03-02T02:00:00+01:00' });
    try {
      const first = await expiring.get<ListBody<Row>>('/persons', { limit: 10 });
      await expiring.control('POST', '/clock/advance', { minutes: 24 * 60 });
      // Exactly 24 h old: still alive.
      expect((await expiring.get('/persons', { pageToken: String(first.body.pageToken) })).status).toBe(200);
      await expiring.control('POST', '/clock/advance', { minutes: 1 });
      const expired = await expiring.get('/persons', { pageToken: String(first.body.pageToken) });
      expect(expired.status).toBe(400);
      expect(expired.body).toEqual({ code: 'PAGE_TOKEN_EXPIRED', message: expect.any(String) });
      const restarted = await expiring.all('/persons', { limit: 10 });
      expect(restarted.data.length).toBeGreaterThan(10);

      const again = await expiring.get<ListBody<Row>>('/persons', { limit: 10 });
      await expiring.control('POST', '/reset', { seed: 'ss12000-paging', students: 120, now: '2026-03-04T02:00:00+01:00' });
      const afterReset = await expiring.get('/persons', { pageToken: String(again.body.pageToken) });
      expect(afterReset.body).toMatchObject({ code: 'PAGE_TOKEN_EXPIRED' });
    } finally {
      await expiring.close();
    }
  });
});

describe('snapshots and incremental cursors', () => {
  it('pages of one query come from its first request, while the clock advances and events are injected', async () => {
    const moving = await startSs12000({ seed: 'ss12000-paging', students: 120, now: '2026-03-02T02:00:00+01:00' });
    try {
      const query = { organisation: '', limit: 50 };
      const lark = ((await moving.get('/organisations')).body.data as Row[]).find((unit) => unit.schoolUnitCode === '99010005') as Row;
      query.organisation = String(lark.id);
      const reference = (await moving.all('/attendances', { ...query, limit: 1000 })).data.map((row) => row.id);
      expect(reference.length).toBeGreaterThan(50);

      const pages: Row[] = [];
      let page = await moving.get<ListBody<Row>>('/attendances', query);
      pages.push(...page.body.data);
      // A school day passes (new registrations) and an absence is injected between pages.
      await moving.control('POST', '/clock/advance', { minutes: 24 * 60 });
      await moving.control('POST', '/events', { kind: 'absence', studentWorldKey: 'p:U5:0', start: '2026-03-03T08:00:00+01:00', end: '2026-03-03T16:00:00+01:00' });
      while (page.body.pageToken !== null) {
        page = await moving.get<ListBody<Row>>('/attendances', { pageToken: page.body.pageToken });
        pages.push(...page.body.data);
      }
      expect(pages.map((row) => row.id)).toEqual(reference);

      // The next incremental read from the largest meta.modified sees the new day.
      const cursor = maxModified(pages, '1970-01-01T00:00:00Z');
      const next = (await moving.all('/attendances', { ...query, 'meta.modified.after': cursor })).data;
      expect(next.length).toBeGreaterThan(0);
      for (const row of next) expect(Date.parse(row.meta.modified)).toBeGreaterThan(Date.parse(cursor));
      expect(next.some((row) => reference.includes(row.id) && !pages.some((seen) => seen.id === row.id && seen.meta.modified === row.meta.modified))).toBe(false);
    } finally {
      await moving.close();
    }
  });

  it('meta.modified.after is exclusive; many records in one second are neither lost nor repeated over three nights (SS12-03)', async () => {
    const nights = await startSs12000({ seed: 'ss12000-paging', students: 120, now: '2025-08-11T07:00:00+02:00' });
    try {
      // At the summer rollover every class group is created in the same second.
      const groups = (await nights.all('/groups', { limit: 3 })).data;
      const sameSecond = groups.filter((group) => group.meta.modified === groups[0]?.meta.modified);
      expect(sameSecond.length).toBeGreaterThan(6);
      expect(new Set(groups.map((group) => group.id)).size).toBe(groups.length);

      const seen = new Map<string, string>(groups.map((group) => [String(group.id), String(group.meta.modified)]));
      let cursor = maxModified(groups, '1970-01-01T00:00:00Z');
      const exactly = (await nights.get<ListBody<Row>>('/groups', { 'meta.modified.after': cursor })).body.data;
      expect(exactly).toEqual([]);

      for (const night of ['2025-10-01T02:00:00+02:00', '2026-01-20T02:00:00+01:00', '2026-03-10T02:00:00+01:00']) {
        await nights.control('PUT', '/clock', { now: night });
        const changed = (await nights.all('/persons', { 'meta.modified.after': cursor, limit: 3 })).data;
        const changedGroups = (await nights.all('/groups', { 'meta.modified.after': cursor, limit: 3 })).data;
        for (const record of [...changed, ...changedGroups]) {
          expect(Date.parse(record.meta.modified)).toBeGreaterThan(Date.parse(cursor));
          expect(seen.get(String(record.id))).not.toBe(record.meta.modified);
          seen.set(String(record.id), String(record.meta.modified));
        }
        cursor = maxModified([...changed, ...changedGroups], cursor);
      }
      // Three nights of increments end where one full read at the last night ends.
      const full = (await nights.all('/groups', { limit: 1000 })).data;
      for (const group of full) expect(seen.get(String(group.id))).toBe(group.meta.modified);
    } finally {
      await nights.close();
    }
  });

  it('meta.modified keeps milliseconds when a stamp has them, so the cursor is exact', async () => {
    const absences = (await sim.all('/absences', { limit: 1000 })).data;
    const precise = absences.filter((absence) => /\.\d{3}[+-]/.test(String(absence.meta.modified)));
    expect(precise.length).toBeGreaterThan(0);
    const record = precise[0] as Row;
    const after = (await sim.all('/absences', { 'meta.modified.after': record.meta.modified, limit: 1000 })).data;
    expect(after.some((absence) => absence.id === record.id)).toBe(false);
    const justBefore = new Date(Date.parse(record.meta.modified) - 1).toISOString();
    const from = (await sim.all('/absences', { 'meta.modified.after': justBefore, limit: 1000 })).data;
    expect(from.some((absence) => absence.id === record.id)).toBe(true);
  });

  it('refuses a date-time without offset, or with a bare + (decoded as a space)', async () => {
    for (const after of ['2026-03-01T02:00:00', '2026-03-01T02:00:00 01:00', 'yesterday']) {
      const response = await sim.get('/persons', { 'meta.modified.after': after });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('meta.modified.after') });
    }
  });
});
