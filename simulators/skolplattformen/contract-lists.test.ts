/**
 * Contract: schools, selection and the three paged lists (platform file §3–§4): shapes and
 * casing, the Monday example, snapshot paging, incremental cursors, tombstones and the protected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, startHarness } from './harness.test-support.js';
import type { Harness } from './harness.test-support.js';
import { parseLocalTimestamp } from './wire-dates.js';

type Row = Record<string, unknown>;

const GUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const LOCAL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/;

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

function modifiedOf(row: Row): number {
  if (typeof row.MODIFIED === 'string') return Number(/\/Date\((\d+)\)\//.exec(row.MODIFIED)?.[1]);
  return parseLocalTimestamp(String(row.Modified)) ?? NaN;
}

function idOf(row: Row): string {
  return String(row.Id ?? row.GUARDIAN_ID);
}

function expectOrderedAndUnique(rows: readonly Row[]): void {
  expect(new Set(rows.map(idOf)).size).toBe(rows.length);
  for (let index = 1; index < rows.length; index++) {
    const previous = rows[index - 1] as Row;
    const current = rows[index] as Row;
    const order = modifiedOf(previous) - modifiedOf(current) || (idOf(previous) < idOf(current) ? -1 : 1);
    expect(order).toBeLessThan(0);
  }
}

describe('GetSchools and SelectSchool', () => {
  it('lists Ekbackens skola, the only school of this surface (Sjöstad only)', async () => {
    const answer = await browser.envelope<Row[]>('/GetSchools');
    expect(answer.Success).toBe(true);
    expect(answer.Error).toBeNull();
    expect(answer.Data).toEqual([{ SchoolId: schoolId, SchoolName: 'Ekbackens skola', SchoolUnitCode: '99010001', SchoolForms: 'F;GR', IsActive: true }]);
    expect(schoolId).toMatch(GUID);
    expect((await harness.control('GET', '/world?tenant=abro')).status).toBe(404);
  });

  it('selects as server state, compares the GUID case-insensitively and sets the Status cookie', async () => {
    const response = await browser.api('/SelectSchool', { method: 'POST', json: { id: schoolId.toLowerCase() } });
    expect(response.headers.getSetCookie()).toContain('Status=F%3BGR; path=/');
    expect(await response.json()).toEqual({ Success: true, Error: null, Data: { SchoolId: schoolId, SchoolName: 'Ekbackens skola' } });
    expect(await browser.envelope('/SelectSchool', { method: 'POST', json: {} })).toEqual({ Success: false, Error: 'Ogiltig begäran', Data: null });
    const notJson = await browser.api('/SelectSchool', { method: 'POST', headers: { 'content-type': 'application/json' }, json: undefined });
    expect(await notJson.json()).toEqual({ Success: false, Error: 'Ogiltig begäran', Data: null });
    const broken = await browser.request('/skolpersonal/inloggad2/SelectSchool', { method: 'POST', headers: { 'content-type': 'application/json', 'x-xsrf-token': browser.xsrf ?? '' }, body: '{"id":' });
    expect(broken.status).toBe(200);
    expect(await broken.json()).toEqual({ Success: false, Error: 'Ogiltig begäran', Data: null });
  });
});

describe('GetStudents', () => {
  it('renders pupils in PascalCase with ALL-CAPS SIS keys, uppercase GUIDs and Id + SDSId (SPF-10)', async () => {
    const { rows, totalRows, changedUntil } = await browser.readAll('/GetStudents');
    expect(changedUntil).toBe('2026-03-10T02:00:00');
    expect(rows).toHaveLength(totalRows);
    const saga = rows.find((row) => row.SOCIALNUMBER === '201305129825') as Row;
    expect(Object.keys(saga)).toEqual([
      'Id', 'SDSId', 'Name', 'FIRSTNAME', 'LASTNAME', 'SOCIALNUMBER', 'Status', 'UserType', 'SchoolId', 'SchoolName', 'Grade', 'ClassName', 'ClassId', 'Classes', 'ProtectedIdentity', 'StartDate', 'EndDate', 'Modified', 'Removed',
    ]);
    expect(saga).toMatchObject({
      Name: 'Saga Lind (elev)', FIRSTNAME: 'Saga', LASTNAME: 'Lind', UserType: 'Student', SchoolId: schoolId, SchoolName: 'Ekbackens skola',
      Grade: '6', ClassName: '6B', ProtectedIdentity: false, StartDate: '2019-08-19', EndDate: null, Removed: false,
    });
    expect(saga.Id).toMatch(GUID);
    expect(saga.SDSId).toMatch(GUID);
    expect(saga.SDSId).not.toBe(saga.Id);
    expect(saga.ClassId).toMatch(GUID);
    expect(saga.Classes).toMatch(/^VHsidan_[0-9A-F-]{36};Section_[0-9A-F-]{36}$/);
    expect(saga.Modified).toMatch(LOCAL_TIMESTAMP);
    expect(saga.Status).toMatch(/^(F;)?GR$/);
    // Förskoleklass: Grade "F", and the form is GR (F alone means fritidshem).
    const preschool = rows.filter((row) => row.Grade === 'F');
    expect(preschool.length).toBeGreaterThan(0);
    for (const row of preschool) expect(row.Status).toMatch(/^(F;)?GR$/);
    expect(rows.some((row) => row.Status === 'F;GR')).toBe(true);
    for (const row of rows) expect(String(row.Grade)).toMatch(/^(F|[1-9])$/);
    expectOrderedAndUnique(rows);
  });

  it('SPF-17: protected pupils are flagged (X7)', async () => {
    const { rows } = await browser.readAll('/GetStudents');
    expect(rows.filter((row) => row.ProtectedIdentity === true).length).toBeGreaterThanOrEqual(2);
  });

  it('SPF-18: the X9 numbers are in the ground truth by SOCIALNUMBER, one in 10-digit form', async () => {
    const { rows } = await browser.readAll('/GetStudents');
    const truth = (await (await harness.control('GET', '/world')).json()) as { malformed: { recordType: string; id: string; kind: string; field: string }[] };
    const x9 = truth.malformed.filter((entry) => entry.recordType === 'pupils' && entry.kind === 'badCivicNo');
    expect(x9.length).toBeGreaterThanOrEqual(3);
    for (const entry of x9) expect(entry.field).toBe('SOCIALNUMBER');
    const shown = x9.map((entry) => rows.find((row) => row.Id === entry.id)?.SOCIALNUMBER);
    expect(shown.every((value) => typeof value === 'string')).toBe(true);
    expect(shown.some((value) => String(value).length === 10)).toBe(true);
  });

  it('refuses bad paging parameters with Success: false', async () => {
    for (const [query, name] of [
      ['', 'rowLimit'],
      ['rowLimit=0', 'rowLimit'],
      ['rowLimit=501', 'rowLimit'],
      ['rowLimit=abc', 'rowLimit'],
      ['rowLimit=10&startRow=-1', 'startRow'],
      ['rowLimit=10&changedSince=2026-03-09T06:52:40Z', 'changedSince'],
      ['rowLimit=10&changedUntil=2026-03-09', 'changedUntil'],
    ] as const) {
      expect(await browser.envelope(`/GetStudents?${query}`)).toEqual({ Success: false, Error: `Ogiltigt värde för parametern ${name}`, Data: null });
    }
    expect(await browser.envelope('/GetStudents?rowLimit=10&changedUntil=2026-03-11T02:00:00')).toEqual({ Success: false, Error: 'changedUntil ligger efter serverns tid', Data: null });
    // ASP.NET binds query names case-insensitively.
    expect((await browser.page('/GetStudents?ROWLIMIT=3')).Rows).toHaveLength(3);
  });
});

describe('GetGuardians', () => {
  it('renders guardians SIS style with CHILDREN, /Date(ms)/ and the SchoolId every row carries', async () => {
    const { rows } = await browser.readAll('/GetGuardians');
    const students = (await browser.readAll('/GetStudents')).rows;
    const saga = students.find((row) => row.SOCIALNUMBER === '201305129825') as Row;
    const karin = rows.find((row) => row.SOCIALNUMBER === '198202149863') as Row;
    expect(Object.keys(karin)).toEqual(['GUARDIAN_ID', 'FIRSTNAME', 'LASTNAME', 'SOCIALNUMBER', 'ADDRESS', 'TELMOBILE', 'EMAILHOME', 'PROTECTED', 'CHILDREN', 'SchoolId', 'MODIFIED', 'REMOVED']);
    expect(karin).toMatchObject({ FIRSTNAME: 'Karin', LASTNAME: 'Berg', EMAILHOME: 'karin.berg@example.se', PROTECTED: false, SchoolId: schoolId, REMOVED: false });
    expect(karin.GUARDIAN_ID).toMatch(GUID);
    expect(karin.MODIFIED).toMatch(/^\/Date\(\d+\)\/$/);
    expect(karin.CHILDREN).toEqual([{ Id: saga.Id, SDSId: saga.SDSId, RELATION: 'VH' }]);
    for (const row of rows) for (const child of row.CHILDREN as Row[]) expect(['VH', 'GM', 'KP', 'FH']).toContain(child.RELATION);
    expectOrderedAndUnique(rows);
  });

  it('SPF-17: protected pupils have protected guardians without contact data', async () => {
    const students = (await browser.readAll('/GetStudents')).rows;
    const protectedIds = new Set(students.filter((row) => row.ProtectedIdentity === true).map((row) => row.Id));
    const guardians = (await browser.readAll('/GetGuardians')).rows.filter((row) => (row.CHILDREN as Row[]).some((child) => protectedIds.has(child.Id)));
    expect(guardians.length).toBeGreaterThan(0);
    for (const guardian of guardians) expect(guardian).toMatchObject({ PROTECTED: true, ADDRESS: null, TELMOBILE: null, EMAILHOME: null });
    const notices = (await browser.readAll('/Franvaro/GetAnmalningar')).rows.filter((row) => protectedIds.has(row.ChildId));
    for (const notice of notices) expect(notice.ChannelData).toBeNull();
  });
});

describe('Franvaro/GetAnmalningar', () => {
  it("matches the file's Monday example: Karin's SMS for Saga, 08:00-12:00", async () => {
    const saga = (await browser.readAll('/GetStudents')).rows.find((row) => row.SOCIALNUMBER === '201305129825') as Row;
    const { rows } = await browser.readAll('/Franvaro/GetAnmalningar', { fromDate: '2026-03-09', toDate: '2026-03-09' });
    const notice = rows.find((row) => row.ChildId === saga.Id) as Row;
    expect(Object.keys(notice)).toEqual([
      'Id', 'ChildId', 'SDSId', 'SchoolId', 'Channel', 'RawText', 'ChannelData', 'WholeDay', 'StartDate', 'EndDate', 'DisplayDate', 'ReportedBy', 'ReportedByRole', 'Created', 'Modified', 'ForwardedToSkola24', 'Cancelled',
    ]);
    expect(notice).toMatchObject({
      SDSId: saga.SDSId, SchoolId: schoolId, Channel: 'SMS', RawText: '130512-9825 0800-1200', WholeDay: false,
      StartDate: '2026-03-09 08:00', EndDate: '2026-03-09 12:00', DisplayDate: '9 mars 2026 08:00', ReportedBy: 'Karin Berg', ReportedByRole: 'Guardian',
      Created: '/Date(1773035560000)/', ForwardedToSkola24: true, Cancelled: false,
    });
    expect(notice.Id).toMatch(GUID);
    expect(notice.Modified).toMatch(/^2026-03-09T06:52:40(\.\d{1,3})?$/);
    expect(JSON.parse(String(notice.ChannelData))).toEqual({ From: expect.stringMatching(/^\+467\d{8}$/) as unknown, ReceivedAt: '2026-03-09 06:52' });
  });

  it('SPF-08/SPF-12/SPF-14: whole days give dates, ChannelData is sometimes null or not JSON, cancelled notices are tombstones', async () => {
    const year = await browser.readAll('/Franvaro/GetAnmalningar', { changedSince: '2025-08-01T00:00:00' });
    const backfill = await browser.readAll('/Franvaro/GetAnmalningar');
    expectOrderedAndUnique(year.rows);
    const wholeDay = year.rows.filter((row) => row.WholeDay === true);
    expect(wholeDay.length).toBeGreaterThan(0);
    for (const row of wholeDay) {
      expect(row.StartDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row.EndDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(String(row.EndDate) >= String(row.StartDate)).toBe(true);
    }
    for (const row of year.rows.filter((candidate) => candidate.WholeDay === false)) expect(row.StartDate).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    for (const row of year.rows) {
      expect(['SMS', 'App', 'Webb', 'Telefon']).toContain(row.Channel);
      expect(['Guardian', 'Student', 'Staff']).toContain(row.ReportedByRole);
      expect(row.Created).toMatch(/^\/Date\(\d+\)\/$/);
      if (row.Channel !== 'SMS') expect(row.RawText).toBeNull();
    }
    const notJson = year.rows.filter((row) => {
      if (typeof row.ChannelData !== 'string') return false;
      try {
        JSON.parse(row.ChannelData);
        return false;
      } catch {
        return true;
      }
    });
    expect(notJson.length).toBeGreaterThan(0);
    expect(year.rows.some((row) => row.ChannelData === null)).toBe(true);
    // X1: most notices are forwarded to Skola24, a few never reach it.
    expect(year.rows.some((row) => row.ForwardedToSkola24 === true)).toBe(true);
    expect(year.rows.some((row) => row.ForwardedToSkola24 === false)).toBe(true);
    const cancelled = year.rows.filter((row) => row.Cancelled === true);
    expect(cancelled.length).toBeGreaterThan(0);
    expect(backfill.rows.some((row) => row.Cancelled === true)).toBe(false);
    expect(backfill.totalRows).toBe(year.totalRows - cancelled.length);
  });
});

describe('snapshot paging and incremental cursors (SPF-07, SPF-16)', () => {
  it('pages one snapshot while the clock moves and events arrive: no skip, no repeat; the change comes next run', async () => {
    const injected: string[] = [];
    const run = await browser.readAll('/Franvaro/GetAnmalningar', {}, 20, async () => {
      const answer = await harness.control('POST', '/events', { kind: 'notice', studentWorldKey: 'p:U1:5', channel: 'Webb', from: '2026-03-10', to: '2026-03-11' });
      expect(answer.status).toBe(201);
      injected.push(((await answer.json()) as { id: string }).id);
      expect((await harness.control('POST', '/clock/advance', { minutes: 30 })).status).toBe(204);
    });
    expect(injected.length).toBeGreaterThan(2);
    expect(run.rows).toHaveLength(run.totalRows);
    expectOrderedAndUnique(run.rows);
    expect(run.rows.some((row) => injected.includes(String(row.Id)))).toBe(false);

    const next = await browser.readAll('/Franvaro/GetAnmalningar', { changedSince: run.changedUntil });
    expect(next.changedUntil > run.changedUntil).toBe(true);
    const found = next.rows.filter((row) => injected.includes(String(row.Id)));
    expect(found).toHaveLength(injected.length);
    for (const row of found) expect(row).toMatchObject({ Channel: 'Webb', WholeDay: true, StartDate: '2026-03-10', EndDate: '2026-03-11', RawText: null, Cancelled: false });
    for (const row of next.rows) expect(modifiedOf(row)).toBeGreaterThan(parseLocalTimestamp(run.changedUntil) ?? Infinity);
  });

  it('SPF-16: an injected SMS appears in the next run with Channel SMS; an SMS with a bad number or hours creates nothing', async () => {
    const before = await browser.readAll('/Franvaro/GetAnmalningar', { changedSince: '2026-03-01T00:00:00' });
    const saga = (await browser.readAll('/GetStudents')).rows.find((row) => row.SOCIALNUMBER === '201305129825') as Row;
    const sms = await harness.control('POST', '/events', { kind: 'sms', from: '+46701234567', body: '130512-9825 0800-1200' });
    expect(sms.status).toBe(201);
    const { id } = (await sms.json()) as { id: string };
    expect((await harness.control('POST', '/events', { kind: 'sms', from: '+46701234567', body: '010101-0000 0800-1200' })).status).toBe(422);
    expect((await harness.control('POST', '/events', { kind: 'sms', from: '+46701234567', body: '130512-9825 0700-1200' })).status).toBe(422);
    expect((await harness.control('POST', '/events', { kind: 'sms', from: '+46701234567', body: 'sjuk idag' })).status).toBe(422);

    const after = await browser.readAll('/Franvaro/GetAnmalningar', { changedSince: before.changedUntil });
    expect(after.rows.map((row) => row.Id)).toEqual([id]);
    const today = String(after.changedUntil).slice(0, 10);
    expect(after.rows[0]).toMatchObject({ ChildId: saga.Id, Channel: 'SMS', RawText: '130512-9825 0800-1200', WholeDay: false, StartDate: `${today} 08:00`, EndDate: `${today} 12:00`, ForwardedToSkola24: false });
    expect(JSON.parse(String(after.rows[0]?.ChannelData))).toMatchObject({ From: '+46701234567' });
  });

  it('an SMS notice injected through the notice kind carries the SMS body the guardian would have sent', async () => {
    const answer = await harness.control('POST', '/events', { kind: 'notice', studentWorldKey: 'p:U1:0', channel: 'SMS', from: '2026-03-12T09:00:00+01:00', to: '2026-03-12T11:30:00+01:00' });
    expect(answer.status).toBe(201);
    const { id } = (await answer.json()) as { id: string };
    const rows = (await browser.readAll('/Franvaro/GetAnmalningar', { fromDate: '2026-03-12', toDate: '2026-03-12' })).rows;
    expect(rows.find((row) => row.Id === id)).toMatchObject({ RawText: '130512-9825 0900-1130', StartDate: '2026-03-12 09:00', EndDate: '2026-03-12 11:30', WholeDay: false });
    expect((await harness.control('POST', '/events', { kind: 'notice', studentWorldKey: 'p:U1:0', from: '2026-03-12', to: '2026-03-12T11:30:00+01:00' })).status).toBe(400);
    expect((await harness.control('POST', '/events', { kind: 'cancel' })).status).toBe(400);
  });

  it('SPF-14: relationEnd takes the entry out of CHILDREN and moves MODIFIED', async () => {
    const before = await browser.readAll('/GetGuardians');
    const karin = before.rows.find((row) => row.SOCIALNUMBER === '198202149863') as Row;
    const answer = await harness.control('POST', '/events', { kind: 'relationEnd', guardianWorldKey: 'g:f:lind:0', studentWorldKey: 'p:U1:0' });
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({ id: karin.GUARDIAN_ID });
    const next = await browser.readAll('/GetGuardians', { changedSince: before.changedUntil });
    const changed = next.rows.find((row) => row.GUARDIAN_ID === karin.GUARDIAN_ID) as Row;
    expect(changed.CHILDREN).toEqual([]);
    expect(modifiedOf(changed)).toBeGreaterThan(modifiedOf(karin));
  });
});
