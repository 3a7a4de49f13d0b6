/**
 * Skola24 contract, time (skola24.md §5, §6, §9, §11): paging over a snapshot while the clock
 * advances, incremental cursors from the server, `POST /_control/events` kinds in the next run,
 * 9104 and the restart, ongoing absences re-stamped each night, an 18th birthday, a
 * samordningsnummer turning into a personnummer, the spring DST change and fraction digits.
 * Each describe runs its own simulator, since the clock only moves forward.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MunicipalityKey } from '../world/index.js';
import { exportForm, listBody, startHarness } from './contract.test-support.js';
import type { CookieJar, Harness, JsonEnvelope } from './contract.test-support.js';

type Row = Record<string, unknown>;

interface Fixture {
  harness: Harness;
  jar: CookieJar;
}

function fixture(now?: string, tenant: MunicipalityKey = 'sjostad'): Fixture {
  const state = {} as Fixture;
  beforeAll(async () => {
    state.harness = await startHarness({ seed: 'skola24-contract', students: 120, ...(now ? { now } : {}) });
    state.jar = await state.harness.login(tenant);
  });
  afterAll(async () => {
    await state.harness.close();
  });
  return state;
}

const slice = (tenant: MunicipalityKey) => ({ platform: 'skola24', tenant }) as const;

function guids(harness: Harness, tenant: MunicipalityKey = 'sjostad') {
  const world = harness.context.world;
  return {
    unit: (unit: 'U1' | 'U3' | 'U6'): string => String(world.ids.unit(slice(tenant), unit)),
    person: (key: string): string => String(key.startsWith('p:') ? world.ids.pupil(slice(tenant), key) : world.ids.guardian(slice(tenant), key)),
  };
}

async function page(f: Fixture, path: string, body: Row, scope: 'integration' | 'plannedAbsence'): Promise<JsonEnvelope> {
  const { envelope } = await f.harness.api(path, body, { jar: f.jar, scope });
  return envelope;
}

function rowsOf(envelope: JsonEnvelope, listName: string): Row[] {
  expect(envelope.validation, JSON.stringify(envelope.validation)).toEqual([]);
  return (envelope.data?.[listName] as Row[] | undefined) ?? [];
}

async function event(f: Fixture, body: Row): Promise<{ status: number; id: unknown }> {
  const response = await f.harness.control('POST', '/events', body);
  const json = (await response.json()) as { id?: unknown };
  return { status: response.status, id: json.id };
}

const PLANNED = '/api/get/planned/absence/changes';

describe('paging over a snapshot while the clock moves (JSON, S24-07)', () => {
  const f = fixture();

  it('pages after an event and an hour of clock keep the snapshot; the next run starts from the served snapshotTime', async () => {
    const ids = guids(f.harness);
    const body = listBody('sjostad.skola24.se', ids.unit('U1'), { changedSince: '2026-02-01T00:00:00.0000000+01:00', pageSize: 5 });
    const first = await page(f, PLANNED, body, 'plannedAbsence');
    const snapshotTime = String(first.data?.snapshotTime);
    expect(snapshotTime).toBe('2026-03-10T02:00:00.0000000+01:00');
    const totalCount = Number(first.data?.totalCount);
    expect(totalCount).toBeGreaterThan(10);

    const injected = await event(f, { kind: 'plannedAbsence', studentWorldKey: 'p:U1:0', from: '2026-03-10', to: '2026-03-10', reasonId: '1' });
    expect(injected.status).toBe(201);
    expect((await f.harness.control('POST', '/clock/advance', { minutes: 60 })).status).toBe(204);

    const seen = rowsOf(first, 'plannedAbsences').map((row) => String(row.absenceId));
    for (let pageNumber = 2; pageNumber <= Math.ceil(totalCount / 5); pageNumber++) {
      const next = await page(f, PLANNED, { ...body, pageNumber, snapshotTime }, 'plannedAbsence');
      expect(next.data).toMatchObject({ totalCount, snapshotTime });
      seen.push(...rowsOf(next, 'plannedAbsences').map((row) => String(row.absenceId)));
    }
    const whole = rowsOf(await page(f, PLANNED, { ...body, pageSize: 500, snapshotTime }, 'plannedAbsence'), 'plannedAbsences').map((row) => String(row.absenceId));
    expect(seen).toEqual(whole);
    expect(new Set(seen).size).toBe(totalCount);
    expect(seen).not.toContain(injected.id);

    const nextRun = await page(f, PLANNED, { ...body, changedSince: snapshotTime, pageSize: 500 }, 'plannedAbsence');
    expect(nextRun.data?.snapshotTime).toBe('2026-03-10T03:00:01.0000000+01:00');
    const rows = rowsOf(nextRun, 'plannedAbsences');
    expect(rows.map((row) => row.absenceId)).toEqual([injected.id]);
    expect(rows[0]).toMatchObject({
      studentPersonGuid: ids.person('p:U1:0'),
      dateFrom: '2026-03-10T00:00:00',
      dateTo: null,
      dateTimeFrom: '2026-03-10T00:00:00',
      dateTimeTo: '2026-03-11T00:00:00',
      isFullDayAbsence: true,
      reasonId: '1',
      reasonDescription: 'Sjukdom',
      absenceCreatorRole: 'Guardian',
      readOnly: false,
      lastChanged: '2026-03-10T02:00:01.0000000+01:00',
    });
  });

  it('a part-day plannedAbsence from local date-times', async () => {
    const ids = guids(f.harness);
    const before = String((await page(f, PLANNED, listBody('sjostad.skola24.se', ids.unit('U1'), { pageSize: 1 }), 'plannedAbsence')).data?.snapshotTime);
    const injected = await event(f, { kind: 'plannedAbsence', studentWorldKey: 'p:U1:0', from: '2026-03-11T08:00:00', to: '2026-03-11T10:00:00', reasonId: 2 });
    expect(injected.status).toBe(201);
    const rows = rowsOf(await page(f, PLANNED, listBody('sjostad.skola24.se', ids.unit('U1'), { changedSince: before }), 'plannedAbsence'), 'plannedAbsences');
    expect(rows.find((row) => row.absenceId === injected.id)).toMatchObject({ dateTimeFrom: '2026-03-11T08:00:00', dateTimeTo: '2026-03-11T10:00:00', isFullDayAbsence: false, reasonId: '2' });
  });

  it('events that name nothing in the world are refused with 400', async () => {
    expect((await event(f, { kind: 'plannedAbsence', studentWorldKey: 'p:U4:0', from: '2026-03-12' })).status).toBe(400);
    expect((await event(f, { kind: 'registrationChange', registrationGuid: '00000000-0000-0000-0000-000000000000', isValid: true })).status).toBe(400);
    expect((await event(f, { kind: 'absenceReport', pupil: 'x' })).status).toBe(400);
  });
});

describe('the XML export over a snapshot; registrationChange events (S24-07, S24-18)', () => {
  const f = fixture();

  it('a registration changed between page 1 and page 2 comes in its old state now and its new state next run', async () => {
    const ids = guids(f.harness);
    const form = exportForm('sjostad.skola24.se', ids.unit('U1'), { fromDate: '2026-03-02', toDate: '2026-03-09', pageSize: '10' });
    const first = await f.harness.exportXml(form, { jar: f.jar });
    const snapshotTime = /<SnapshotTime>([^<]+)<\/SnapshotTime>/.exec(first.text)?.[1] ?? '';
    const pageTwo = (): Promise<string> => f.harness.exportXml({ ...form, pageNumber: '2', snapshotTime }, { jar: f.jar }).then((answer) => answer.text);
    const before = await pageTwo();
    const blocks = [...before.matchAll(/<Registration>[\s\S]*?<\/Registration>/g)].map((match) => match[0]);
    const invalid = blocks.find((block) => block.includes('<Type>Franvarande</Type>') && block.includes('<IsValid>false</IsValid>')) ?? blocks[0] ?? '';
    const guidOf = (block: string): string => /<RegistrationGuid>([^<]+)</.exec(block)?.[1] ?? '';
    const changedGuid = guidOf(invalid);
    const deletedGuid = guidOf(blocks.find((block) => guidOf(block) !== changedGuid) ?? '');

    expect((await event(f, { kind: 'registrationChange', registrationGuid: changedGuid, isValid: true })).status).toBe(201);
    expect((await event(f, { kind: 'registrationChange', registrationGuid: deletedGuid, deleted: true })).status).toBe(201);
    // Every byte but the session's sliding expiry is the same (platforms README §7).
    const withoutExpiry = (text: string): string => text.replace(/<SessionExpires>[^<]*<\/SessionExpires>/, '');
    expect(withoutExpiry(await pageTwo())).toBe(withoutExpiry(before));

    const nextRun = await f.harness.exportXml({ ...form, pageSize: '1000', changedSince: snapshotTime, fromDate: '', toDate: '' }, { jar: f.jar });
    const changed = [...nextRun.text.matchAll(/<Registration>[\s\S]*?<\/Registration>/g)].map((match) => match[0]);
    expect(changed.map(guidOf).sort()).toEqual([changedGuid, deletedGuid].sort());
    const updated = changed.find((block) => guidOf(block) === changedGuid) ?? '';
    expect(updated).toContain('<IsValid>true</IsValid>');
    expect(updated).toContain('<Deleted>false</Deleted>');
    expect(updated).toContain('<LastChanged>2026-03-10T02:00:01+01:00</LastChanged>');
    expect(changed.find((block) => guidOf(block) === deletedGuid)).toContain('<Deleted>true</Deleted>');
  });

  it('S24-15: a stamp at .27 s is written with two fraction digits, the snapshot with seven', async () => {
    const ids = guids(f.harness);
    const form = exportForm('sjostad.skola24.se', ids.unit('U1'), { fromDate: '2026-03-09', toDate: '2026-03-09', pageSize: '1' });
    const first = await f.harness.exportXml(form, { jar: f.jar });
    const guid = /<RegistrationGuid>([^<]+)</.exec(first.text)?.[1] ?? '';
    const snapshotTime = /<SnapshotTime>([^<]+)<\/SnapshotTime>/.exec(first.text)?.[1] ?? '';
    expect((await f.harness.control('PUT', '/clock', { now: '2026-03-10T04:00:00.27+01:00' })).status).toBe(204);
    expect((await event(f, { kind: 'registrationChange', registrationGuid: guid, isValid: null })).status).toBe(201);
    const next = await f.harness.exportXml({ ...form, changedSince: snapshotTime, fromDate: '', toDate: '' }, { jar: f.jar });
    expect(next.text).toContain('<LastChanged>2026-03-10T04:00:00.27+01:00</LastChanged>');
    expect(next.text).toContain('<IsValid xsi:nil="true" />');
    expect(next.text).toContain('<SnapshotTime>2026-03-10T04:00:00.2700000+01:00</SnapshotTime>');
  });
});

describe('a snapshot older than 24 h (S24-08)', () => {
  const f = fixture();

  it('page 2 after a day is refused with 9104; page 1 without snapshot and the same changedSince starts over', async () => {
    const ids = guids(f.harness);
    const body = listBody('sjostad.skola24.se', ids.unit('U1'), { changedSince: '2026-03-01T00:00:00.0000000+01:00', pageSize: 2 });
    const first = await page(f, '/api/get/integration/students', body, 'integration');
    await f.harness.control('POST', '/clock/advance', { minutes: 24 * 60 + 1 });
    const stale = await page(f, '/api/get/integration/students', { ...body, pageNumber: 2, snapshotTime: first.data?.snapshotTime }, 'integration');
    expect(stale.validation).toEqual([{ code: 9104, label: 'snapshotTime', message: expect.any(String) as unknown }]);
    const restarted = await page(f, '/api/get/integration/students', body, 'integration');
    expect(restarted.validation).toEqual([]);
    expect(restarted.data?.snapshotTime).toBe('2026-03-11T02:01:00.0000000+01:00');
  });

  it('the same in XML', async () => {
    const ids = guids(f.harness);
    const form = exportForm('sjostad.skola24.se', ids.unit('U1'), { snapshotTime: '2026-03-10T02:00:00.0000000+01:00', pageNumber: '2' });
    expect((await f.harness.exportXml(form, { jar: f.jar })).text).toContain('<Code>9104</Code>');
  });
});

describe('an ongoing absence (S24-16)', () => {
  // Åbro's p:U6:3 falls ill on Thursday 2025-10-02 and the guardian does not press "Avsluta" at once.
  const f = fixture('2025-10-03T02:00:00+02:00', 'abro');

  it('is open with dateTimeTo null, re-stamped at 00:00 each night it stays open, and keeps its end once closed', async () => {
    const ids = guids(f.harness, 'abro');
    const body = listBody('abro.skola24.se', ids.unit('U6'), { fromDate: '2025-10-02', toDate: '2025-10-02' });
    const first = await page(f, PLANNED, body, 'plannedAbsence');
    const open = rowsOf(first, 'plannedAbsences').find((row) => row.studentPersonGuid === ids.person('p:U6:3'));
    expect(open).toMatchObject({ dateFrom: '2025-10-02T00:00:00', dateTo: null, dateTimeFrom: '2025-10-02T00:00:00', dateTimeTo: null, isFullDayAbsence: true, lastChanged: '2025-10-03T00:00:00.0000000+02:00' });
    let snapshotTime = first.data?.snapshotTime;
    let closed: Row | undefined;
    for (let night = 0; night < 5 && !closed; night++) {
      await f.harness.control('POST', '/clock/advance', { minutes: 24 * 60 });
      const next = await page(f, PLANNED, { ...body, changedSince: snapshotTime }, 'plannedAbsence');
      snapshotTime = next.data?.snapshotTime;
      const row = rowsOf(next, 'plannedAbsences').find((candidate) => candidate.absenceId === open?.absenceId);
      if (!row) continue;
      if (row.dateTimeTo === null) expect(String(row.lastChanged)).toMatch(/T00:00:00\.0000000\+02:00$/);
      else closed = row;
    }
    expect(closed).toMatchObject({ absenceId: open?.absenceId, isFullDayAbsence: true, isActive: true });
    // Whole days: dateTimeTo is 00:00 after the last day, dateTo the last day itself (several days here).
    const end = /^2025-10-0(\d)T00:00:00$/.exec(String(closed?.dateTimeTo));
    expect(end).not.toBeNull();
    expect(closed?.dateTo).toBe(`2025-10-0${Number(end?.[1]) - 1}T00:00:00`);
  });
});

describe('an 18th birthday (X6, S24-20)', () => {
  const f = fixture();

  it('Wilma: the relation ends the day before, both persons change at 00:00, later notices are her own', async () => {
    const ids = guids(f.harness);
    const since = '2026-03-10T02:00:00.0000000+01:00';
    await f.harness.control('PUT', '/clock', { now: '2026-03-15T02:00:00+01:00' });
    const body = listBody('sjostad.skola24.se', ids.unit('U3'), { changedSince: since });
    const maja = rowsOf(await page(f, '/api/get/integration/guardians', body, 'integration'), 'guardians').find((row) => row.personGuid === ids.person('g:f:ek:0'));
    expect(maja).toMatchObject({
      lastChanged: '2026-03-15T00:00:00.0000000+01:00',
      children: [{ studentPersonGuid: ids.person('p:U3:0'), relationId: 1, validTo: '2026-03-14' }],
    });
    const wilma = rowsOf(await page(f, '/api/get/integration/students', body, 'integration'), 'students').find((row) => row.personGuid === ids.person('p:U3:0'));
    expect(wilma).toMatchObject({ isOfAge: true, lastChanged: '2026-03-15T00:00:00.0000000+01:00', personalIdentityNumber: '20080315-9847' });

    const injected = await event(f, { kind: 'plannedAbsence', studentWorldKey: 'p:U3:0', from: '2026-03-16' });
    const notices = rowsOf(await page(f, PLANNED, { ...body, changedSince: '2026-03-15T02:00:00.0000000+01:00' }, 'plannedAbsence'), 'plannedAbsences');
    expect(notices.find((row) => row.absenceId === injected.id)).toMatchObject({ absenceCreatorRole: 'Student', reporter: 'Wilma Ek', absenceCreatorPersonGuid: ids.person('p:U3:0') });
  });
});

describe('a samordningsnummer turning into a personnummer (X8, S24-21)', () => {
  const f = fixture('2026-02-02T02:00:00+01:00');

  it('keeps its personGuid', async () => {
    const ids = guids(f.harness);
    const body = listBody('sjostad.skola24.se', ids.unit('U1'));
    const before = rowsOf(await page(f, '/api/get/integration/students', body, 'integration'), 'students').find((row) => row.personGuid === ids.person('p:U1:5'));
    expect(String(before?.personalIdentityNumber)).toMatch(/^201806[89]\d-\d{4}$/);
    await f.harness.control('POST', '/clock/advance', { minutes: 24 * 60 });
    const after = rowsOf(await page(f, '/api/get/integration/students', { ...body, changedSince: '2026-02-02T02:00:00.0000000+01:00' }, 'integration'), 'students');
    expect(after.find((row) => row.personGuid === ids.person('p:U1:5'))).toMatchObject({ personalIdentityNumber: '20180629-9952', lastChanged: '2026-02-02T08:00:00.0000000+01:00' });
  });
});

describe('the spring DST change (X12, S24-15)', () => {
  const f = fixture('2026-04-01T02:00:00+02:00');

  it('lessons stay local without offset on 2026-03-27 and 2026-03-30; reports carry +01:00 and +02:00', async () => {
    const ids = guids(f.harness);
    for (const [date, offset] of [
      ['2026-03-27', '+01:00'],
      ['2026-03-30', '+02:00'],
    ] as const) {
      const answer = await f.harness.exportXml(exportForm('sjostad.skola24.se', ids.unit('U1'), { fromDate: date, toDate: date }), { jar: f.jar });
      const starts = [...answer.text.matchAll(/<LessonStart>([^<]+)<\/LessonStart>/g)].map((match) => match[1]);
      expect(starts.length).toBeGreaterThan(0);
      for (const start of starts) expect(start).toMatch(new RegExp(`^${date}T(0[89]|1[0-5]):\\d{2}:00$`));
      expect(answer.text).toMatch(new RegExp(`<ReportedTime>${date}T[^<]+\\${offset}</ReportedTime>`));
    }
  });
});
