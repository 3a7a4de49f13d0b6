/**
 * Contract: drift toggles, the wrong-school knob, fault-malformed records in the ground truth,
 * the DST cursor, the X8 conversion and determinism (SPF-06, SPF-09, SPF-11, SPF-18, COM-07,
 * COM-08).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadSimulatorDefinition } from '../index.js';
import { Browser, CONTRACT_SEED, startHarness } from './harness.test-support.js';
import type { Harness } from './harness.test-support.js';

type Row = Record<string, unknown>;

let harness: Harness;
let browser: Browser;
let schoolId: string;

beforeAll(async () => {
  harness = await startHarness();
  browser = new Browser(harness.url);
  schoolId = await browser.signInAndSelect();
});
afterAll(async () => {
  await harness.close();
});
afterEach(async () => {
  await harness.control('PUT', '/faults', {});
  await harness.control('PUT', '/drift', {});
  await harness.control('PUT', '/config', {});
});

describe('registration and health', () => {
  it('is registered as skolplattformen on port 7304', async () => {
    const definition = await loadSimulatorDefinition('skolplattformen');
    expect(definition.defaultPort).toBe(7304);
    expect(await (await harness.control('GET', '/health')).json()).toMatchObject({ platform: 'skolplattformen', seed: CONTRACT_SEED, students: 120 });
  });

  it('serves the same bytes for the same (seed, students, now) in another instance', async () => {
    const other = await startHarness();
    try {
      const otherBrowser = new Browser(other.url);
      await otherBrowser.signInAndSelect();
      for (const path of ['/GetStudents?rowLimit=500', '/GetGuardians?rowLimit=500', '/Franvaro/GetAnmalningar?rowLimit=200&fromDate=2026-02-01&toDate=2026-03-09']) {
        expect(await (await otherBrowser.api(path)).text()).toBe(await (await browser.api(path)).text());
      }
    } finally {
      await other.close();
    }
  });
});

describe('drift toggles (SPF-11, COM-08)', () => {
  it('leadingSpaceCodes writes codes with a leading space', async () => {
    await harness.control('PUT', '/drift', { leadingSpaceCodes: true });
    expect((await browser.envelope<Row[]>('/GetSchools')).Data?.[0]?.SchoolForms).toBe('F; GR');
    const statuses = new Set((await browser.readAll('/GetStudents')).rows.map((row) => row.Status));
    expect([...statuses].sort()).toEqual([' GR', 'F; GR']);
  });

  it('lowercaseGuids writes ChildId in lowercase and nothing else', async () => {
    const plain = (await browser.readAll('/Franvaro/GetAnmalningar', { fromDate: '2026-03-02', toDate: '2026-03-09' })).rows;
    await harness.control('PUT', '/drift', { lowercaseGuids: true });
    const drifted = (await browser.readAll('/Franvaro/GetAnmalningar', { fromDate: '2026-03-02', toDate: '2026-03-09' })).rows;
    expect(drifted).toEqual(plain.map((row) => ({ ...row, ChildId: String(row.ChildId).toLowerCase() })));
    expect(drifted.every((row) => row.ChildId !== String(row.ChildId).toUpperCase())).toBe(true);
  });

  it('extraFields adds unknown fields in each list\'s casing; reorderFields reverses the keys', async () => {
    const plain = (await browser.page<Row>('/GetGuardians?rowLimit=3')).Rows;
    await harness.control('PUT', '/drift', { extraFields: true, reorderFields: true });
    const drifted = (await browser.page<Row>('/GetGuardians?rowLimit=3')).Rows;
    expect(Object.keys(drifted[0] ?? {})).toEqual([...Object.keys(plain[0] ?? {}), 'SIS_SOURCE', 'SIS_EXTRA'].reverse());
    expect(drifted[0]).toMatchObject(plain[0] ?? {});
    const student = (await browser.page<Row>('/GetStudents?rowLimit=1')).Rows[0] ?? {};
    expect(Object.keys(student).slice(0, 2)).toEqual(['ExtraData', 'SyncSource']);
  });
});

describe('wrongSchoolRate (SPF-06)', () => {
  async function schoolsAnswered(client: Browser): Promise<string[][]> {
    const answers: string[][] = [];
    for (let index = 0; index < 12; index++) answers.push((await client.page<Row>('/GetStudents?rowLimit=5')).Rows.map((row) => String(row.SchoolId)));
    return answers;
  }

  it('answers some pages for the previous school, every row naming it, and replays after a reset', async () => {
    expect((await harness.control('PUT', '/config', { wrongSchoolRate: 0.5 })).status).toBe(204);
    const answers = await schoolsAnswered(browser);
    const wrong = answers.filter((page) => page.some((id) => id !== schoolId));
    expect(wrong.length).toBeGreaterThan(0);
    expect(wrong.length).toBeLessThan(answers.length);
    for (const page of answers) {
      expect(page).toHaveLength(5);
      expect(new Set(page).size).toBe(1);
    }
    const foreign = (await harness.control('GET', '/world')).json() as Promise<{ persons: { platformIds: Record<string, string> }[] }>;
    const known = new Set((await foreign).persons.map((person) => person.platformIds.skolplattformen));
    let sawForeignRow = false;
    for (let index = 0; index < 12 && !sawForeignRow; index++) {
      const rows = (await browser.page<Row>('/GetStudents?rowLimit=5')).Rows;
      if (rows[0]?.SchoolId === schoolId) continue;
      sawForeignRow = true;
      expect(rows[0]?.SchoolName).toBe('Lärkängsskolan');
      for (const row of rows) expect(known.has(String(row.Id))).toBe(false);
    }
    expect(sawForeignRow).toBe(true);

    // Knobs survive a reset and the decisions replay from the start.
    await harness.control('POST', '/reset', { seed: CONTRACT_SEED, students: 120 });
    await browser.signInAndSelect();
    const replay = await schoolsAnswered(browser);
    expect(replay).toEqual(answers);
  });
});

describe('fault-malformed records (COM-07)', () => {
  const LISTS = [
    ['/GetStudents', 'pupils'],
    ['/GetGuardians', 'guardians'],
    ['/Franvaro/GetAnmalningar', 'absences'],
  ] as const;

  it('malforms exactly the records the ground truth lists, in the listed field, the same on every fetch', async () => {
    type Truth = { malformed: { platform: string; recordType: string; id: string; kind: string; field: string }[]; totals: { quarantined: number } };
    const clean = new Map<string, Row>();
    for (const [path] of LISTS) for (const row of (await browser.readAll(path)).rows) clean.set(String(row.Id ?? row.GUARDIAN_ID), row);
    const world = (await (await harness.control('GET', '/world')).json()) as Truth;
    const worldEntries = new Set(world.malformed.map((entry) => JSON.stringify(entry)));

    await harness.control('PUT', '/faults', { malformedRecordRate: 0.25 });
    const truth = (await (await harness.control('GET', '/world')).json()) as Truth;
    const defects = truth.malformed.filter((entry) => !worldEntries.has(JSON.stringify(entry)));
    expect(defects.length).toBeGreaterThan(5);
    for (const entry of defects) expect(entry.platform).toBe('skolplattformen');
    const quarantinedByFaults = defects.filter((entry) => entry.kind !== 'unknownEnum' && !world.malformed.some((known) => known.id === entry.id && known.recordType === entry.recordType));
    expect(truth.totals.quarantined).toBe(world.totals.quarantined + quarantinedByFaults.length);
    expect(new Set(defects.map((entry) => entry.recordType))).toEqual(new Set(['pupils', 'guardians', 'absences']));

    const malformedIds = new Set(defects.map((entry) => entry.id));
    for (const [path, recordType] of LISTS) {
      const first = (await browser.readAll(path)).rows;
      expect((await browser.readAll(path)).rows).toEqual(first);
      for (const row of first) {
        const id = String(row.Id ?? row.GUARDIAN_ID);
        const original = clean.get(id) ?? {};
        const entry = defects.find((candidate) => candidate.id === id && candidate.recordType === recordType);
        if (!entry) {
          expect(malformedIds.has(id)).toBe(false);
          expect(row).toEqual(original);
          continue;
        }
        expect(['SOCIALNUMBER', 'StartDate', 'Modified', 'MODIFIED', 'ChildId', 'Channel']).toContain(entry.field);
        const { [entry.field]: value, ...rest } = row;
        const { [entry.field]: cleanValue, ...cleanRest } = original;
        expect(rest).toEqual(cleanRest);
        if (entry.kind === 'missingRequired') expect(entry.field in row).toBe(false);
        if (entry.kind === 'wrongType') expect(typeof value).toBe('number');
        if (entry.kind === 'badCivicNo') expect(value).not.toBe(cleanValue);
        if (entry.kind === 'badDate') expect(String(value)).toMatch(/-02-30|NaN/);
        if (entry.kind === 'unknownEnum') expect(value).toBe('Fax');
      }
    }
  });
});

describe('clock-dependent cases', () => {
  it('SPF-09: a run in the repeated autumn hour prints a cursor that reads back an hour early, so nothing is lost', async () => {
    const dst = await startHarness({ now: '2025-10-26T02:30:00+01:00' });
    try {
      const client = new Browser(dst.url);
      await client.signInAndSelect();
      const injected = (await (await dst.control('POST', '/events', { kind: 'notice', studentWorldKey: 'p:U1:5', channel: 'App', from: '2025-10-27', to: '2025-10-27' })).json()) as { id: string };
      const first = await client.readAll('/Franvaro/GetAnmalningar', { changedSince: '2025-10-20T00:00:00' });
      expect(first.changedUntil).toBe('2025-10-26T02:30:00');
      expect(first.rows.some((row) => row.Id === injected.id)).toBe(false);
      await dst.control('POST', '/clock/advance', { minutes: 1440 });
      const second = await client.readAll('/Franvaro/GetAnmalningar', { changedSince: first.changedUntil });
      expect(second.rows.filter((row) => row.Id === injected.id)).toHaveLength(1);
      expect(second.rows.find((row) => row.Id === injected.id)?.Modified).toBe('2025-10-26T02:30:00');
    } finally {
      await dst.close();
    }
  });

  it('SPF-18: a samordningsnummer becomes a personnummer under the same Id (X8)', async () => {
    const early = await startHarness({ now: '2026-02-01T02:00:00+01:00' });
    try {
      const client = new Browser(early.url);
      await client.signInAndSelect();
      const before = await client.readAll('/GetStudents');
      const coordination = before.rows.filter((row) => Number(String(row.SOCIALNUMBER).slice(6, 8)) > 60);
      expect(coordination.length).toBeGreaterThanOrEqual(2);
      await early.control('PUT', '/clock', { now: '2026-02-03T02:00:00+01:00' });
      const after = await client.readAll('/GetStudents', { changedSince: before.changedUntil });
      const converted = after.rows.filter((row) => coordination.some((old) => old.Id === row.Id));
      expect(converted).toHaveLength(1);
      const old = coordination.find((row) => row.Id === converted[0]?.Id) as Row;
      expect(converted[0]?.SOCIALNUMBER).not.toBe(old.SOCIALNUMBER);
      expect(Number(String(converted[0]?.SOCIALNUMBER).slice(6, 8))).toBeLessThanOrEqual(31);
      expect(String(converted[0]?.SOCIALNUMBER).slice(0, 6)).toBe(String(old.SOCIALNUMBER).slice(0, 6));
    } finally {
      await early.close();
    }
  });
});
