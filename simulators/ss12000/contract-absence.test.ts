/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- contract tests read wire JSON loosely, field by field, as the test config already allows for assignment and member access */
/**
 * SS 12000 contract, absence data of U5 (ss12000.md §3–§5): the example Monday 2026-03-09 (Leo
 * ill, Per's mirrored notice), `Absence` with its exclusive `startTime.onOrAfter` (SS12-08),
 * `Attendance` buckets, activities and calendar events with their required bounds, bare-array
 * lookups and `RESPONSE_TOO_LARGE` (SS12-09), AggregatedAttendance and drift `noPagingAggregated`
 * (SS12-10), and `/deletedEntities` with the standard's `activitites` (SS12-05).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ABRO, startSs12000 } from './contract.test-support.js';
import type { ListBody, Row, Ss12000Harness } from './contract.test-support.js';

let sim: Ss12000Harness;
let lark: Row;
let leo: Row;
let per: Row;

const MONDAY = { 'startTime.onOrAfter': '2026-03-09T00:00:00+01:00', 'startTime.onOrBefore': '2026-03-09T23:59:59+01:00' };

beforeAll(async () => {
  sim = await startSs12000();
  lark = ((await sim.get('/organisations')).body.data as Row[]).find((unit) => unit.schoolUnitCode === '99010005') as Row;
  const people = (await sim.get('/persons', { civicNo: '201401229834' })).body.data as Row[];
  leo = people[0] as Row;
  per = ((await sim.get('/persons', { civicNo: '197709059914' })).body.data as Row[])[0] as Row;
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  await sim.control('PUT', '/drift', {});
  await sim.control('PUT', '/config', {});
});

describe('GET /absences', () => {
  it("Per's notice for Leo on Monday, mirrored from InfoMentor as the school day (§4)", async () => {
    const response = await sim.get<ListBody<Row>>('/absences', { organisation: lark.id, 'meta.modified.after': '2026-03-09T02:00:13+01:00' });
    expect(response.status).toBe(200);
    const notice = response.body.data.find((absence) => absence.student.id === leo.id) as Row;
    expect(notice).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      meta: { created: '2026-03-09T06:31:12+01:00', modified: '2026-03-09T06:31:12+01:00' },
      startTime: '2026-03-09T08:00:00+01:00',
      endTime: '2026-03-09T16:00:00+01:00',
      type: 'Anmäld frånvaro',
      student: { id: leo.id, securityMarking: 'Ingen' },
      organisation: { id: lark.id },
      registeredBy: { id: per.id, securityMarking: 'Ingen' },
    });
  });

  it('types are the standard enum; Beviljad ledighet is registered by staff', async () => {
    const all = (await sim.all('/absences', { limit: 1000 })).data;
    expect(new Set(all.map((absence) => absence.type))).toEqual(new Set(['Anmäld frånvaro', 'Beviljad ledighet']));
    const leave = (await sim.all('/absences', { type: 'Beviljad ledighet', limit: 1000 })).data;
    expect(leave.length).toBeGreaterThan(0);
    const teachers = new Set(((await sim.get('/persons', { 'relationship.entity.type': 'duty', limit: 1000 })).body.data as Row[]).map((person) => person.id));
    for (const absence of leave) expect(teachers.has(absence.registeredBy.id)).toBe(true);
  });

  it('startTime.onOrAfter is exclusive: an absence starting exactly at the bound is left out (SS12-08)', async () => {
    const exact = await sim.get<ListBody<Row>>('/absences', { student: leo.id, 'startTime.onOrAfter': '2026-03-09T08:00:00+01:00', 'startTime.onOrBefore': '2026-03-09T23:00:00+01:00' });
    expect(exact.body.data).toEqual([]);
    const secondBefore = await sim.get<ListBody<Row>>('/absences', { student: leo.id, 'startTime.onOrAfter': '2026-03-09T07:59:59+01:00', 'startTime.onOrBefore': '2026-03-09T08:00:00+01:00' });
    expect(secondBefore.body.data.map((absence) => absence.startTime)).toEqual(['2026-03-09T08:00:00+01:00']);
    const endExclusive = await sim.get<ListBody<Row>>('/absences', { student: leo.id, 'endTime.onOrAfter': '2026-03-09T16:00:00+01:00', ...MONDAY });
    expect(endExclusive.body.data).toEqual([]);
  });

  it('a backfill bounded one second before the school year sees the whole year; sortkey=StartTimeAsc orders it', async () => {
    const year = (await sim.all('/absences', { 'startTime.onOrAfter': '2025-08-17T23:59:59+02:00', 'startTime.onOrBefore': '2026-06-13T00:00:00+02:00', sortkey: 'StartTimeAsc', limit: 100 })).data;
    const everything = (await sim.all('/absences', { limit: 1000 })).data;
    expect(new Set(year.map((absence) => absence.id))).toEqual(new Set(everything.map((absence) => absence.id)));
    const starts = year.map((absence) => Date.parse(absence.startTime));
    expect(starts).toEqual([...starts].sort((left, right) => left - right));
  });

  it('Åbro publishes no absences (U6–U7 keep theirs in Skola24 and SchoolSoft)', async () => {
    expect((await sim.get('/absences', {}, { customer: ABRO })).body).toEqual({ data: [], pageToken: null });
  });
});

describe('GET /attendances and calendar events', () => {
  it("Leo's Matematik lesson on Monday: 60 valid minutes, Sjuk (§4)", async () => {
    const response = await sim.get<ListBody<Row>>('/attendances', { organisation: lark.id, 'meta.modified.after': '2026-03-09T02:00:13+01:00', limit: 500 });
    const matematik = response.body.data.find((row) => row.student.id === leo.id && row.meta.created === '2026-03-09T09:24:00+01:00') as Row;
    expect(Object.keys(matematik)).toEqual([
      'id', 'meta', 'calendarEvent', 'student', 'reporter', 'isReported', 'attendanceMinutes', 'validAbsenceMinutes', 'invalidAbsenceMinutes', 'otherAttendanceMinutes', 'absenceReason', 'reportedTimestamp',
    ]);
    expect(matematik).toMatchObject({
      meta: { created: '2026-03-09T09:24:00+01:00', modified: '2026-03-09T09:24:00+01:00' },
      calendarEvent: { id: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      student: { id: leo.id, securityMarking: 'Ingen' },
      reporter: { id: expect.any(String), securityMarking: 'Ingen' },
      isReported: true,
      attendanceMinutes: 0,
      validAbsenceMinutes: 60,
      invalidAbsenceMinutes: 0,
      otherAttendanceMinutes: 0,
      absenceReason: 'Sjuk',
      reportedTimestamp: '2026-03-09T09:24:00+01:00',
    });

    // The event through a lookup: a bare array.
    const lookup = await sim.send('POST', '/calendarEvents/lookup', { ids: [matematik.calendarEvent.id] });
    expect(lookup.status).toBe(200);
    expect(lookup.body).toEqual([
      {
        id: matematik.calendarEvent.id,
        meta: { created: expect.any(String), modified: expect.any(String) },
        activity: { id: expect.any(String) },
        startTime: '2026-03-09T08:20:00+01:00',
        endTime: '2026-03-09T09:20:00+01:00',
        cancelled: false,
        teachingLengthStudent: 60,
        teachingLengthTeacher: 60,
      },
    ]);
    const event = (lookup.body as unknown as Row[])[0] as Row;

    // Its activity: Matematik 5A.
    const activities = (await sim.get<ListBody<Row>>('/activities', { organisation: lark.id, limit: 1000 })).body.data;
    const activity = activities.find((candidate) => candidate.id === event.activity.id) as Row;
    const fiveA = ((await sim.get('/groups', { organisation: lark.id })).body.data as Row[]).find((group) => group.displayName === '5A') as Row;
    expect(activity).toMatchObject({
      displayName: 'Matematik 5A',
      activityType: 'Undervisning',
      calendarEventsRequired: true,
      groups: [{ id: fiveA.id }],
      organisation: { id: lark.id },
      startDate: '2025-08-18',
      endDate: '2026-06-12',
      minutesPlanned: expect.any(Number),
    });
    expect(activity.minutesPlanned % 60).toBe(0);

    // And GET /calendarEvents with expand=attendance embeds the same Attendance.
    const monday = await sim.get<ListBody<Row>>('/calendarEvents', { ...MONDAY, organisation: lark.id, expand: 'attendance', limit: 1000 });
    const withAttendance = monday.body.data.find((candidate) => candidate.id === event.id) as Row;
    expect(withAttendance._embedded.attendance).toContainEqual(matematik);
    expect(Object.keys(withAttendance).slice(0, -1)).toEqual(Object.keys(event));
  });

  it('all-zero buckets are shown as attended rows (a withdrawn registration), never as a deletion', async () => {
    const rows = (await sim.all('/attendances', { limit: 1000 })).data;
    for (const row of rows) {
      expect(row.attendanceMinutes + row.validAbsenceMinutes + row.invalidAbsenceMinutes + row.otherAttendanceMinutes).toBe(60);
    }
    expect(rows.some((row) => row.invalidAbsenceMinutes > 0 && row.attendanceMinutes > 0)).toBe(true);
  });

  it('GET /calendarEvents requires both startTime bounds (SS12-09)', async () => {
    const incomplete: Record<string, string>[] = [{}, { 'startTime.onOrAfter': MONDAY['startTime.onOrAfter'] }, { 'startTime.onOrBefore': MONDAY['startTime.onOrBefore'] }];
    for (const query of incomplete) {
      const response = await sim.get('/calendarEvents', query);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('startTime') });
    }
  });

  it('calendar events of a month, filtered by student, carry the pupil lessons only', async () => {
    const month = { 'startTime.onOrAfter': '2026-02-01T00:00:00+01:00', 'startTime.onOrBefore': '2026-02-28T23:59:59+01:00' };
    const all = (await sim.all('/calendarEvents', { ...month, limit: 1000 })).data;
    const leos = (await sim.all('/calendarEvents', { ...month, student: leo.id, limit: 1000 })).data;
    expect(leos.length).toBeGreaterThan(0);
    expect(leos.length).toBeLessThan(all.length);
    for (const event of all) {
      expect(Date.parse(event.startTime)).toBeGreaterThanOrEqual(Date.parse(month['startTime.onOrAfter']));
      expect(Date.parse(event.startTime)).toBeLessThanOrEqual(Date.parse(month['startTime.onOrBefore']));
    }
  });

  it('lookups over the maxLookupIds knob answer 503 RESPONSE_TOO_LARGE; half the batch passes (SS12-09)', async () => {
    const ids = (await sim.get<ListBody<Row>>('/calendarEvents', { ...MONDAY, limit: 100 })).body.data.map((event) => event.id);
    expect(ids.length).toBeGreaterThanOrEqual(20);
    await sim.control('PUT', '/config', { maxLookupIds: 10 });
    const tooLarge = await sim.send('POST', '/calendarEvents/lookup', { ids: ids.slice(0, 20) });
    expect(tooLarge.status).toBe(503);
    expect(tooLarge.body).toEqual({ code: 'RESPONSE_TOO_LARGE', message: expect.any(String) });
    const half = await sim.send('POST', '/calendarEvents/lookup', { ids: ids.slice(0, 10) });
    expect(half.status).toBe(200);
    expect((half.body as unknown as Row[]).map((event) => event.id).sort()).toEqual(ids.slice(0, 10).sort());
  });
});

describe('GET /aggregatedAttendance', () => {
  const YEAR = { startDate: '2025-08-18', endDate: '2026-03-09' };

  it('requires startDate and endDate', async () => {
    expect((await sim.get('/aggregatedAttendance', { startDate: '2025-08-18' })).body).toMatchObject({ code: 'BAD_REQUEST' });
    expect((await sim.get('/aggregatedAttendance', { startDate: '2025-08-18', endDate: '2025-02-30' })).body).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it("sums per pupil and activity: attendance + valid + invalid + other = reported ≤ offered; Leo's Matematik 5A", async () => {
    const response = await sim.get<ListBody<Row>>('/aggregatedAttendance', { ...YEAR, organisation: lark.id, student: leo.id, expandReferenceNames: true });
    expect(response.status).toBe(200);
    const rows = response.body.data;
    const matematik = rows.find((row) => row.activity.displayName === 'Matematik 5A') as Row;
    expect(Object.keys(matematik)).toEqual(['activity', 'student', 'startDate', 'endDate', 'attendanceSum', 'validAbsenceSum', 'invalidAbsenceSum', 'otherAttendanceSum', 'reportedSum', 'offeredSum']);
    expect(matematik).toMatchObject({ student: { id: leo.id, displayName: 'Leo Sund', securityMarking: 'Ingen' }, startDate: '2025-08-18', endDate: '2026-03-09' });
    // Leo was ill on Monday: at least the 60 minutes of that lesson are valid absence.
    expect(matematik.validAbsenceSum).toBeGreaterThanOrEqual(60);
    for (const row of rows) {
      expect(row.attendanceSum + row.validAbsenceSum + row.invalidAbsenceSum + row.otherAttendanceSum).toBe(row.reportedSum);
      expect(row.reportedSum).toBeLessThanOrEqual(row.offeredSum);
      expect(row).not.toHaveProperty('id');
      expect(row).not.toHaveProperty('meta');
    }
  });

  it('pages with limit; drift noPagingAggregated answers everything in one page (SS12-10)', async () => {
    const paged = await sim.all('/aggregatedAttendance', { ...YEAR, limit: 50 });
    expect(paged.pages).toBeGreaterThan(1);
    await sim.control('PUT', '/drift', { noPagingAggregated: true });
    const unpaged = await sim.get<ListBody<Row>>('/aggregatedAttendance', { ...YEAR, limit: 50 });
    expect(unpaged.body.pageToken).toBeNull();
    expect(unpaged.body.data).toEqual(paged.data);
  });
});

describe('GET /deletedEntities', () => {
  it('groups ids by the standard plural keys; requested keys present even when empty (§4)', async () => {
    const response = await sim.get('/deletedEntities', { after: '2026-03-09T02:00:13+01:00', entities: ['Absence', 'Attendance', 'Person'] });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual(['data', 'pageToken']);
    expect(Object.keys(response.body.data)).toEqual(['absences', 'attendances', 'persons']);
    expect(response.body.pageToken).toBeNull();
  });

  it('lists cancelled notices as deleted absences since the start of the year', async () => {
    const deleted = (await sim.get('/deletedEntities', { after: '2025-08-01T00:00:00+02:00', entities: 'Absence' })).body.data.absences as string[];
    expect(deleted.length).toBeGreaterThan(0);
    const live = new Set((await sim.all('/absences', { limit: 1000 })).data.map((absence) => absence.id));
    for (const id of deleted) expect(live.has(id)).toBe(false);
  });

  it('spells activities activitites, or activities under drift activitiesSpelledRight (SS12-05)', async () => {
    expect(Object.keys((await sim.get('/deletedEntities', { entities: ['Activity', 'Group'] })).body.data)).toEqual(['activitites', 'groups']);
    await sim.control('PUT', '/drift', { activitiesSpelledRight: true });
    expect((await sim.get('/deletedEntities', { entities: 'Activity' })).body.data).toEqual({ activities: [] });
  });

  it('without entities every type is present', async () => {
    const keys = Object.keys((await sim.get('/deletedEntities')).body.data);
    expect(keys).toEqual(expect.arrayContaining(['absences', 'attendances', 'persons', 'organisations', 'groups', 'activitites', 'calendarEvents']));
    expect((await sim.get('/deletedEntities', { entities: 'Pupil' })).status).toBe(400);
  });
});
