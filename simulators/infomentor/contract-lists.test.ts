/**
 * The four paged lists of the InfoMentor simulator against the wire contract: the paged object,
 * every row shape with the example cast of Monday 2026-03-09, refusals, filters and the scenarios
 * the connector tests need (platforms/infomentor.md §3, §5, §6; IM-09 – IM-14, IM-16, IM-17).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient, LARKANG, PATHS, TALLMO, listAll, listPage, login, startInfoMentor } from './hub-client.test-support.js';
import type { RunningInfoMentor } from './hub-client.test-support.js';

let sim: RunningInfoMentor;
let client: HubClient;
let pupils: Record<string, unknown>[];
let parents: Record<string, unknown>[];

beforeAll(async () => {
  sim = await startInfoMentor();
  client = new HubClient(sim.url);
  await login(client);
  pupils = (await listAll(client, PATHS.pupils)).items;
  parents = (await listAll(client, PATHS.parents)).items;
});

afterAll(async () => {
  await sim.close();
});

function pupilNamed(name: string): Record<string, unknown> {
  const pupil = pupils.find((item) => item.name === name);
  if (!pupil) throw new Error(`no pupil ${name} at Tallmoskolan`);
  return pupil;
}

function sourceIdOf(pupil: Record<string, unknown>): string {
  return `${TALLMO}|${String(pupil.id)}|NEMANDI_SKOLI`;
}

const ENVELOPE_KEYS = ['page', 'pageSize', 'totalItems', 'more', 'listUrl', 'itemUrl', 'establishmentId', 'changedSince', 'changedUntil', 'items'];

describe('the paged object (§5, §6)', () => {
  it('answers every list with the same keys in the same order, camelCase, and a server changedUntil in whole seconds', async () => {
    for (const [path, itemUrl] of [
      [PATHS.pupils, '/ClassList/classlist/GetPupil'],
      [PATHS.parents, '/ClassList/classlist/GetParent'],
      [PATHS.attendance, '/attendance/attendance/GetAttendance'],
      [PATHS.leave, '/attendance/attendance/GetLeaveRequest'],
    ] as const) {
      const response = await client.post(path, { page: 1, pageSize: 2, changedSince: null, changedUntil: null, fromDate: null, toDate: null });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('date')).toBe('Tue, 10 Mar 2026 01:00:00 GMT');
      const raw = await response.text();
      expect(raw).toContain('"changedUntil":"\\/Date(1773104400000)\\/"');
      const page = JSON.parse(raw) as Record<string, unknown>;
      expect(Object.keys(page)).toEqual(ENVELOPE_KEYS);
      expect(page).toMatchObject({ page: 1, pageSize: 2, more: true, listUrl: path, itemUrl, establishmentId: TALLMO, changedSince: null, changedUntil: '/Date(1773104400000)/' });
      expect(page.items).toHaveLength(2);
    }
  });

  it('refuses bad requests with the success:false object, as HTTP 200', async () => {
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ page: 1, pageSize: 0 }, 'InvalidPageSize', 'pageSize måste vara 1–200'],
      [{ page: 1, pageSize: 201 }, 'InvalidPageSize', 'pageSize måste vara 1–200'],
      [{ page: 0, pageSize: 10 }, 'InvalidPage', 'page måste vara ett heltal från 1'],
      [{ page: 2, pageSize: 10, changedUntil: null }, 'InvalidChangedUntil', 'changedUntil från sida 1 krävs för sida 2 och senare'],
      [{ page: 1, pageSize: 10, changedUntil: '/Date(1893456000000)/' }, 'InvalidChangedUntil', 'changedUntil ligger efter serverns tid'],
      [{ page: 1, pageSize: 10, changedSince: 'yesterday' }, 'InvalidChangedSince', 'changedSince ska skickas tillbaka som servern angav den'],
      [{ page: 1, pageSize: 10, fromDate: '2026-02-30' }, 'InvalidDate', 'fromDate måste vara ÅÅÅÅ-MM-DD'],
    ];
    for (const [body, errorCode, errorMessage] of refusals) {
      const response = await client.post(PATHS.attendance, body);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ success: false, errorCode, errorMessage });
    }
  });

  it('honours the maxPageSize knob below 200', async () => {
    await sim.control('PUT', '/config', { maxPageSize: 50 });
    try {
      expect(await (await client.post(PATHS.pupils, { page: 1, pageSize: 51 })).json()).toEqual({ success: false, errorCode: 'InvalidPageSize', errorMessage: 'pageSize måste vara 1–50' });
      expect((await listPage(client, PATHS.pupils, { pageSize: 50 })).pageSize).toBe(50);
    } finally {
      await sim.control('PUT', '/config', {});
    }
  });

  it('accepts the same body form-encoded and answers the same page', async () => {
    const json = await listPage(client, PATHS.attendance, { pageSize: 20, fromDate: '2026-03-02', toDate: '2026-03-06' });
    const form = await client.send('POST', PATHS.attendance, { form: { page: '1', pageSize: '20', changedSince: '', changedUntil: '', fromDate: '2026-03-02', toDate: '2026-03-06' } });
    expect(await form.json()).toEqual(json);
  });

  it('filters attendance by shortDate and leave by fromDate with fromDate/toDate', async () => {
    const week = await listAll(client, PATHS.attendance, { fromDate: '2026-03-02', toDate: '2026-03-06' });
    expect(week.items.length).toBeGreaterThan(0);
    for (const item of week.items) expect(String(item.shortDate) >= '2026-03-02' && String(item.shortDate) <= '2026-03-06').toBe(true);
    const leave = await listAll(client, PATHS.leave, { fromDate: '2026-04-01', toDate: '2026-04-30' });
    expect(leave.items.length).toBeGreaterThan(0);
    for (const item of leave.items) expect(String(item.fromDate).startsWith('2026-04')).toBe(true);
  });
});

describe('class lists (§5)', () => {
  it("shows Lukas Becker as the file's example, with his samordningsnummer (IM-13)", () => {
    const lukas = pupilNamed('Becker, Lukas');
    expect(Object.keys(lukas)).toEqual([
      'id', 'pupilIM2Id', 'name', 'ssn', 'establishmentId', 'establishmentName', 'groups', 'classGroup', 'schoolForm', 'schoolYear',
      'isOver18Pupil', 'hasProtectedIdentity', 'enrolledFrom', 'enrolledTo', 'lastChanged', 'isDeleted',
    ]);
    expect(lukas).toEqual({
      id: expect.stringMatching(/^\d+$/),
      pupilIM2Id: expect.any(Number),
      name: 'Becker, Lukas',
      ssn: '201211679855',
      establishmentId: TALLMO,
      establishmentName: 'Tallmoskolan',
      groups: '7C, Ma7-2, Idh7',
      classGroup: { id: expect.any(Number), name: '7C' },
      schoolForm: 'GR',
      schoolYear: 7,
      isOver18Pupil: false,
      hasProtectedIdentity: false,
      enrolledFrom: '2025-08-18',
      enrolledTo: null,
      lastChanged: expect.stringMatching(/^\/Date\(\d+\)\/$/),
      isDeleted: false,
    });
  });

  it("shows Anna Becker as the example parent, pointing at Lukas's id", () => {
    const lukas = pupilNamed('Becker, Lukas');
    const anna = parents.find((item) => item.name === 'Becker, Anna');
    expect(Object.keys(anna ?? {})).toEqual([
      'id', 'name', 'ssn', 'address', 'phone', 'mobile', 'email', 'canEmail', 'canViewName', 'canViewMobile', 'hasProtectedIdentity', 'pupils', 'lastChanged', 'isDeleted',
    ]);
    expect(anna).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      ssn: '198403729844',
      phone: null,
      mobile: expect.stringMatching(/^07\d{8}$/),
      email: 'anna.becker@example.se',
      canEmail: true,
      canViewName: true,
      canViewMobile: true,
      hasProtectedIdentity: false,
      pupils: [{ pupilId: lukas.id, relation: 'Vårdnadshavare', custody: true }],
      isDeleted: false,
    });
  });

  it('gives Alva Nyström and her guardians no contact data and nothing to view (X7, IM-12)', () => {
    const alva = pupilNamed('Nyström, Alva');
    expect(alva.hasProtectedIdentity).toBe(true);
    const guardians = parents.filter((parent) => (parent.pupils as { pupilId: string }[]).some((child) => child.pupilId === alva.id));
    expect(guardians.length).toBeGreaterThan(0);
    for (const guardian of guardians) {
      expect(guardian).toMatchObject({ address: null, phone: null, mobile: null, email: null, canEmail: false, canViewName: false, canViewMobile: false, hasProtectedIdentity: true });
    }
  });

  it("ends the transfer pupil's enrolment on 2026-01-16 (X4, IM-17)", () => {
    const transferred = pupils.filter((pupil) => pupil.enrolledTo !== null);
    expect(transferred.map((pupil) => pupil.enrolledTo)).toContain('2026-01-16');
  });

  it('keeps the X8 pupil under one id while its samordningsnummer becomes a personnummer on 2026-02-02 (IM-13)', async () => {
    const beforeConversion = Date.parse('2026-02-01T12:00:00+01:00');
    const then = await listAll(client, PATHS.pupils, { changedUntil: `/Date(${beforeConversion})/` });
    const now = pupils;
    const converted = now.filter((pupil) => {
      const earlier = then.items.find((item) => item.id === pupil.id);
      return earlier !== undefined && earlier.ssn !== pupil.ssn;
    });
    expect(converted).toHaveLength(1);
    const earlier = then.items.find((item) => item.id === converted[0]?.id);
    expect(Number(String(earlier?.ssn).slice(6, 8))).toBeGreaterThan(60);
    expect(Number(String(converted[0]?.ssn).slice(6, 8))).toBeLessThanOrEqual(31);
  });

  it('lists only the selected establishment; Lärkängsskolan has its own pupils (tenant of one account)', async () => {
    const other = new HubClient(sim.url);
    await login(other);
    await other.send('GET', PATHS.switchTo(LARKANG));
    const larkang = (await listAll(other, PATHS.pupils)).items;
    expect(larkang.some((pupil) => pupil.name === 'Sund, Leo')).toBe(true);
    const tallmoIds = new Set(pupils.map((pupil) => pupil.id));
    for (const pupil of larkang) expect(tallmoIds.has(pupil.id)).toBe(false);
  });
});

describe('attendance rows (§5, IM-09, IM-10, IM-14, IM-16)', () => {
  let monday: Record<string, unknown>[];
  let raw: string;

  beforeAll(async () => {
    const response = await client.post(PATHS.attendance, { page: 1, pageSize: 200, fromDate: '2026-03-09', toDate: '2026-03-10' });
    raw = await response.text();
    monday = (JSON.parse(raw) as { items: Record<string, unknown>[] }).items;
  });

  it("shows Lukas's late arrival on Monday exactly as the file's first example row", () => {
    const lukas = sourceIdOf(pupilNamed('Becker, Lukas'));
    const late = monday.find((item) => item.pupilSourceId === lukas && item.shortDate === '2026-03-09');
    expect(Object.keys(late ?? {})).toEqual([
      'id', 'pupilSourceId', 'shortDate', 'longDate', 'time', 'endTime', 'subject', 'reasonId', 'reason', 'absenceKind', 'isValidAbsence', 'comment',
      'registeredByName', 'registeredByRole', 'establishmentName', 'minutes', 'halfDaysCount', 'partOfDay', 'noticeId', 'lastChanged', 'isDeleted',
    ]);
    expect(late).toEqual({
      id: expect.any(Number), pupilSourceId: lukas, shortDate: '2026-03-09', longDate: 'måndag 9 mars 2026', time: '08:20', endTime: '09:20',
      subject: 'Matematik', reasonId: 4, reason: 'Sen ankomst', absenceKind: 'Late', isValidAbsence: false, comment: null,
      registeredByName: 'Lena Holm', registeredByRole: 'Staff', establishmentName: 'Tallmoskolan', minutes: '10', halfDaysCount: null,
      partOfDay: null, noticeId: null, lastChanged: '/Date(1773041467000)/', isDeleted: false,
    });
    // The raw JSON escapes the slashes of its dates (IM-09: 2026-03-09T07:31:07Z).
    expect(raw).toContain(`"lastChanged":"\\/Date(1773041467000)\\/"`);
    expect(new Date(1773041467000).toISOString()).toBe('2026-03-09T07:31:07.000Z');
  });

  it("shows Anna's notice for Tuesday, filed Monday evening, before its day (the second example row)", () => {
    const lukas = sourceIdOf(pupilNamed('Becker, Lukas'));
    const notice = monday.find((item) => item.pupilSourceId === lukas && item.shortDate === '2026-03-10');
    expect(notice).toEqual({
      id: expect.any(Number), pupilSourceId: lukas, shortDate: '2026-03-10', longDate: 'tisdag 10 mars 2026', time: null, endTime: null,
      subject: null, reasonId: 1, reason: 'Sjuk', absenceKind: 'Absence', isValidAbsence: true, comment: 'Feber',
      registeredByName: 'Anna Becker', registeredByRole: 'Guardian', establishmentName: 'Tallmoskolan', minutes: null, halfDaysCount: 2,
      partOfDay: 'WholeDay', noticeId: null, lastChanged: '/Date(1773083645000)/', isDeleted: false,
    });
  });

  it('carries every row kind of the mapping table, each row mappable alone', async () => {
    const year = (await listAll(client, PATHS.attendance)).items;
    const reasons = new Map<number, { absenceKind: string; isValidAbsence: boolean | null }>();
    for (const item of year) {
      expect(String(item.pupilSourceId)).toMatch(/^20417\|\d+\|NEMANDI_SKOLI$/);
      expect(item.longDate).toMatch(/^(måndag|tisdag|onsdag|torsdag|fredag) \d{1,2} [a-zåäö]+ 20(25|26)$/);
      expect(['Guardian', 'Pupil', 'Staff', 'System']).toContain(item.registeredByRole);
      reasons.set(Number(item.reasonId), { absenceKind: String(item.absenceKind), isValidAbsence: item.isValidAbsence as boolean | null });
      if (item.time !== null) {
        expect(item.time).toMatch(/^\d{2}:\d{2}$/);
        expect(item.minutes).toMatch(/^\d+$/);
        expect(item.halfDaysCount).toBeNull();
      } else {
        expect([1, 2]).toContain(item.halfDaysCount);
        expect(['WholeDay', 'Morning', 'Afternoon']).toContain(item.partOfDay);
      }
    }
    // Rows repeat the reason's kind and validity as appData lists them.
    expect(reasons.get(4)).toEqual({ absenceKind: 'Late', isValidAbsence: false });
    expect(reasons.get(5)).toEqual({ absenceKind: 'Absence', isValidAbsence: false });
    expect(reasons.get(3)).toEqual({ absenceKind: 'Leave', isValidAbsence: true });

    const lessons = year.filter((item) => item.registeredByRole === 'Staff' && item.subject !== null);
    expect(lessons.length).toBeGreaterThan(100);
    const halfDay = year.find((item) => item.halfDaysCount === 1);
    expect(halfDay?.partOfDay).toBe('Morning');
    const session = year.find((item) => item.registeredByRole === 'Guardian' && item.time !== null);
    expect(session).toBeDefined();
    const [startHours = 0, startMinutes = 0] = String(session?.time).split(':').map(Number);
    const [endHours = 0, endMinutes = 0] = String(session?.endTime).split(':').map(Number);
    expect(Number(session?.minutes)).toBe(endHours * 60 + endMinutes - (startHours * 60 + startMinutes));

    // A registration justified by a notice points at that notice's row.
    const ids = new Set(year.map((item) => item.id));
    const linked = year.filter((item) => item.noticeId !== null);
    expect(linked.length).toBeGreaterThan(0);
    for (const item of linked) expect(ids.has(item.noticeId)).toBe(true);

    // Approved leave: System day rows, reason 3 Ledighet.
    const system = year.filter((item) => item.registeredByRole === 'System');
    expect(system.length).toBeGreaterThan(0);
    for (const item of system) expect(item).toMatchObject({ time: null, subject: null, reasonId: 3, reason: 'Ledighet', absenceKind: 'Leave', isValidAbsence: true, halfDaysCount: 2, partOfDay: 'WholeDay', minutes: null });
  });

  it('shows deletions as isDeleted rows to an incremental read, never to a backfill', async () => {
    const backfill = (await listAll(client, PATHS.attendance)).items;
    expect(backfill.filter((item) => item.isDeleted === true)).toHaveLength(0);
    const incremental = (await listAll(client, PATHS.attendance, { changedSince: '/Date(1735689600000)/' })).items;
    const deleted = incremental.filter((item) => item.isDeleted === true);
    expect(deleted.length).toBeGreaterThan(0);
    const backfillIds = new Set(backfill.map((item) => item.id));
    for (const item of deleted) expect(backfillIds.has(item.id)).toBe(false);
  });
});

describe('leave requests (§5, IM-16)', () => {
  it("shows Lukas's application awaiting his father as the file's example", async () => {
    const lukas = sourceIdOf(pupilNamed('Becker, Lukas'));
    const leave = (await listAll(client, PATHS.leave)).items;
    const request = leave.find((item) => item.pupilSourceId === lukas);
    expect(Object.keys(request ?? {})).toEqual([
      'id', 'pupilSourceId', 'status', 'requesterComment', 'approverComment', 'createdBy', 'createdByTitle', 'approvedByTitle', 'fromDate', 'fromTime',
      'toDate', 'toTime', 'approvedFromDate', 'approvedToDate', 'updatedDate', 'dateRangeTitle', 'secondaryParentApproverId', 'secondaryParentApproverName',
      'secondaryParentStatus', 'secondaryParentApprovalDate', 'secondaryParentApprovalDateText', 'secondaryApprovalText', 'canDelete', 'canApprove',
      'canDeny', 'isAwaitingResponseFromCurrentUser', 'lastChanged', 'isDeleted',
    ]);
    const tobias = parents.find((item) => item.name === 'Becker, Tobias');
    expect(request).toEqual({
      id: expect.any(Number), pupilSourceId: lukas, status: 'AwaitingSecondaryParent', requesterComment: 'Släktbröllop', approverComment: null,
      createdBy: 'Becker, Anna', createdByTitle: 'Vårdnadshavare', approvedByTitle: null, fromDate: '2026-04-16', fromTime: null, toDate: '2026-04-17',
      toTime: null, approvedFromDate: null, approvedToDate: null, updatedDate: '/Date(1772442840000)/', dateRangeTitle: '16 apr – 17 apr',
      secondaryParentApproverId: Number(tobias?.id), secondaryParentApproverName: 'Becker, Tobias', secondaryParentStatus: 'Pending',
      secondaryParentApprovalDate: null, secondaryParentApprovalDateText: null, secondaryApprovalText: 'Väntar på godkännande från Becker, Tobias',
      canDelete: false, canApprove: false, canDeny: false, isAwaitingResponseFromCurrentUser: false, lastChanged: '/Date(1772442840000)/', isDeleted: false,
    });
    for (const item of leave) expect(['Pending', 'AwaitingSecondaryParent', 'Approved', 'PartlyApproved', 'Denied', 'Withdrawn']).toContain(item.status);
    const approved = leave.find((item) => item.status === 'Approved');
    expect(approved?.approvedFromDate).toBe(approved?.fromDate);
  });
});
