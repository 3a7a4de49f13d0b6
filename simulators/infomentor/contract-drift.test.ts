/**
 * Drift toggles and malformed records of the InfoMentor simulator (platforms/infomentor.md §8;
 * IM-09, IM-11, IM-15, COM-07, COM-08).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HubClient, LARKANG, PATHS, TALLMO, listAll, listPage, login, startInfoMentor } from './hub-client.test-support.js';
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

async function drift(toggles: Record<string, boolean>): Promise<void> {
  expect((await sim.control('PUT', '/drift', toggles)).status).toBe(204);
}

const MONDAY = { fromDate: '2026-03-09', toDate: '2026-03-09' } as const;

/** Lukas's late arrival on Monday (the file's first example row) in whichever shape the list has. */
function lateArrival(items: Record<string, unknown>[]): Record<string, unknown> | undefined {
  return items.find((item) => item.registeredByName === 'Lena Holm' && item.minutes === '10' && (item.time ?? item.startTime) === '08:20');
}

describe('bareArrayLists', () => {
  it('answers a list that fits one page as a bare array whose snapshot is the Date header; longer lists stay paged', async () => {
    const plain = await listPage(client, PATHS.leave);
    expect(plain.more).toBe(false);
    await drift({ bareArrayLists: true });
    const response = await client.post(PATHS.leave, { page: 1, pageSize: 200, changedSince: null, changedUntil: null });
    const bare: unknown = await response.json();
    expect(Array.isArray(bare)).toBe(true);
    expect(bare).toEqual(plain.items);
    const date = Date.parse(response.headers.get('date') ?? '');
    expect(`/Date(${date})/`).toBe(plain.changedUntil);
    // The Date header works as the next run's changedSince.
    expect(await (await client.post(PATHS.leave, { page: 1, pageSize: 200, changedSince: `/Date(${date})/` })).json()).toEqual([]);

    const paged = await listPage(client, PATHS.pupils, { pageSize: 5 });
    expect(paged).toMatchObject({ page: 1, more: true });
    expect(paged.items).toHaveLength(5);
  });
});

describe('attendance2025Shape', () => {
  it('renames shortDate, subject, reason and time in place and changes nothing else (IM-15)', async () => {
    const plain = lateArrival((await listPage(client, PATHS.attendance, MONDAY)).items);
    await drift({ attendance2025Shape: true });
    const shaped = lateArrival((await listPage(client, PATHS.attendance, MONDAY)).items);
    const renamed: Record<string, string> = { shortDate: 'dateString', subject: 'lessonName', reason: 'registrationTypeName', time: 'startTime' };
    expect(Object.keys(shaped ?? {})).toEqual(Object.keys(plain ?? {}).map((key) => renamed[key] ?? key));
    expect(shaped).toMatchObject({ dateString: '2026-03-09', lessonName: 'Matematik', registrationTypeName: 'Sen ankomst', startTime: '08:20', endTime: '09:20' });
    expect(Object.values(shaped ?? {})).toEqual(Object.values(plain ?? {}));
    // The class lists keep their shape.
    expect(Object.keys((await listPage(client, PATHS.pupils, { pageSize: 1 })).items[0] ?? {})).toContain('name');
  });
});

describe('jsonDateIso', () => {
  it('writes every timestamp as local ISO, takes it back as a cursor, and means the same instants (IM-09)', async () => {
    const plain = await listAll(client, PATHS.attendance, MONDAY);
    await drift({ jsonDateIso: true });
    const iso = await listAll(client, PATHS.attendance, { ...MONDAY, pageSize: 20 });
    expect(iso.changedUntil).toBe('2026-03-10T02:00:00');
    expect(lateArrival(iso.items)?.lastChanged).toBe('2026-03-09T08:31:07');
    expect(iso.items.map((item) => item.id)).toEqual(plain.items.map((item) => item.id));
    const leave = (await listAll(client, PATHS.leave)).items.find((item) => item.status === 'AwaitingSecondaryParent');
    expect(leave).toMatchObject({ updatedDate: '2026-03-02T10:14:00', lastChanged: '2026-03-02T10:14:00' });

    await sim.control('POST', '/clock/advance', { minutes: 1440 });
    const next = await listPage(client, PATHS.attendance, { changedSince: iso.changedUntil });
    expect(next.changedSince).toBe('2026-03-10T02:00:00');
    expect(next.changedUntil).toBe('2026-03-11T02:00:00');
    await drift({});
    const nextPlain = await listPage(client, PATHS.attendance, { changedSince: plain.changedUntil, changedUntil: '/Date(1773190800000)/' });
    expect(next.items.map((item) => item.id)).toEqual(nextPlain.items.map((item) => item.id));
  });

  it('resolves a local cursor inside the repeated autumn hour to the instant it handed out', async () => {
    const autumn = await startInfoMentor('skolbrygga', '2025-10-26T02:05:00+02:00');
    try {
      const night = new HubClient(autumn.url);
      await login(night);
      expect((await autumn.control('PUT', '/drift', { jsonDateIso: true })).status).toBe(204);
      await autumn.control('POST', '/clock/advance', { minutes: 30 });
      // A notice filed at 02:35 summer time, the first pass of the hour.
      expect((await autumn.control('POST', '/events', { kind: 'notice', pupilWorldKey: 'p:U2:0', day: 'tomorrow' })).status).toBe(201);
      await autumn.control('POST', '/clock/advance', { minutes: 40 });
      const run = await listPage(night, PATHS.attendance, { pageSize: 200 });
      // 02:15 in winter time, the second pass: the same wall-clock text names 00:15Z and 01:15Z.
      expect(run.changedUntil).toBe('2025-10-26T02:15:00');
      const following = await listPage(night, PATHS.attendance, { changedSince: run.changedUntil });
      expect(following.totalItems).toBe(0);
    } finally {
      await autumn.close();
    }
  });
});

describe('extraFields and reorderFields (COM-08)', () => {
  it('adds two unknown fields to every row, or reverses its keys', async () => {
    const plain = (await listPage(client, PATHS.pupils, { pageSize: 3 })).items;
    await drift({ extraFields: true });
    const extra = (await listPage(client, PATHS.pupils, { pageSize: 3 })).items;
    expect(extra[0]).toMatchObject({ ...plain[0], simulatorExtraField: 'drift', simulatorExtraObject: { added: true, version: 2 } });
    await drift({ reorderFields: true });
    const reordered = (await listPage(client, PATHS.pupils, { pageSize: 3 })).items;
    expect(Object.keys(reordered[0] ?? {})).toEqual(Object.keys(plain[0] ?? {}).reverse());
    expect(reordered).toEqual(plain);
  });
});

interface MalformedEntry {
  platform: string;
  recordType: string;
  id: string;
  kind: string;
  field: string;
}

/** Every row of every list in both establishments, by `recordType|id`. */
async function wireRows(): Promise<Map<string, Record<string, unknown>>> {
  const rows = new Map<string, Record<string, unknown>>();
  const lists = [
    ['pupils', PATHS.pupils],
    ['guardians', PATHS.parents],
    ['absences', PATHS.attendance],
    ['leaveApplications', PATHS.leave],
  ] as const;
  for (const establishment of [TALLMO, LARKANG]) {
    await client.send('GET', PATHS.switchTo(establishment));
    for (const [recordType, path] of lists) {
      for (const item of (await listAll(client, path)).items) rows.set(`${recordType}|${String(item.id)}`, item);
    }
  }
  return rows;
}

function luhnValid(civicNo: string): boolean {
  const digits = civicNo.slice(-10).split('').map(Number);
  const sum = digits.reduce((total, digit, index) => {
    const weighted = index % 2 === 0 ? digit * 2 : digit;
    return total + (weighted > 9 ? weighted - 9 : weighted);
  }, 0);
  return sum % 10 === 0;
}

describe('malformed records (§8, COM-07, IM-11)', () => {
  it('puts each defect the ground truth lists on the wire, in a field the file names, the same on every fetch', async () => {
    const baseline = (await (await sim.control('GET', '/world')).json()) as { malformed: MalformedEntry[]; totals: { quarantined: number } };
    expect((await sim.control('PUT', '/faults', { malformedRecordRate: 0.25 })).status).toBe(204);
    const truth = (await (await sim.control('GET', '/world')).json()) as { malformed: MalformedEntry[]; totals: { quarantined: number } };
    const added = truth.malformed.filter((entry) => entry.kind !== 'personQuarantined' && !(entry.kind === 'badCivicNo' && baseline.malformed.some((known) => known.id === entry.id)));
    expect(added.length).toBeGreaterThan(20);
    expect(new Set(added.map((entry) => entry.kind))).toEqual(new Set(['missingRequired', 'wrongType', 'badCivicNo', 'badDate', 'unknownEnum']));
    expect(truth.totals.quarantined).toBe(baseline.totals.quarantined + added.filter((entry) => entry.kind !== 'unknownEnum').length);

    const rows = await wireRows();
    for (const entry of added) {
      expect(entry.platform).toBe('infomentor');
      expect(['ssn', 'minutes', 'pupilSourceId', 'shortDate', 'lastChanged', 'absenceKind']).toContain(entry.field);
      const row = rows.get(`${entry.recordType}|${entry.id}`);
      expect(row, `${entry.recordType} ${entry.id}`).toBeDefined();
      const value = row?.[entry.field];
      switch (entry.kind) {
        case 'missingRequired':
          expect(row).not.toHaveProperty(entry.field);
          break;
        case 'wrongType':
          if (entry.field === 'minutes') expect(value).toBe('tio');
          else if (entry.field === 'pupilSourceId') expect(String(value).split('|')).toHaveLength(2);
          else expect(typeof value).toBe('number');
          break;
        case 'badCivicNo':
          expect(entry.field).toBe('ssn');
          expect(luhnValid(String(value))).toBe(false);
          break;
        case 'badDate':
          expect(['shortDate', 'lastChanged']).toContain(entry.field);
          expect(['2026-02-30', '/Date(NaN)/']).toContain(value);
          break;
        case 'unknownEnum':
          expect(entry).toMatchObject({ recordType: 'absences', field: 'absenceKind' });
          expect(value).toBe('RemoteLearning');
          break;
      }
    }
    // Every other row is intact, and a refetch shows the same defects.
    const malformedKeys = new Set(added.map((entry) => `${entry.recordType}|${entry.id}`));
    const intact = [...rows].filter(([key]) => !malformedKeys.has(key));
    for (const [, row] of intact.slice(0, 200)) expect(String(row.lastChanged)).toMatch(/^\/Date\(\d+\)\/$/);
    expect(await wireRows()).toEqual(rows);
  });

  it('keeps unknownEnum out of the quarantine count', async () => {
    const baseline = (await (await sim.control('GET', '/world')).json()) as { totals: { quarantined: number } };
    expect((await sim.control('PUT', '/faults', { malformedRecordRate: 0.5, malformedKinds: ['unknownEnum'] })).status).toBe(204);
    const truth = (await (await sim.control('GET', '/world')).json()) as { malformed: MalformedEntry[]; totals: { quarantined: number } };
    const unknown = truth.malformed.filter((entry) => entry.kind === 'unknownEnum');
    expect(unknown.length).toBeGreaterThan(10);
    for (const entry of unknown) expect(entry).toMatchObject({ recordType: 'absences', field: 'absenceKind' });
    expect(truth.totals.quarantined).toBe(baseline.totals.quarantined);
  });
});
