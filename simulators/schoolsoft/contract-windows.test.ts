/**
 * SchoolSoft contract, change windows (schoolsoft.md §4, §5, §7; SCS-06, SCS-08…11, SCS-18,
 * SCS-19, COM-02, COM-12): lesson statuses, absence reports and leave applications in `[fromMs,
 * toMs)`, window validation, nights in a row against the ground truth, snapshot paging, week to
 * date, injected events, bare arrays.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MONDAY_0309, readAllPages, startSchoolSoft } from './contract.test-support.js';
import type { SchoolSoftHarness } from './contract.test-support.js';
import { canonicalAbsences, dayNumberOf, localToInstant } from '../world/index.js';
import { dateOfWeekDay } from './formats.js';
import { absenceReportSchema, leaveApplicationSchema, lessonStatusSchema, pageSchema, springErrorSchema } from './wire.js';
import type { AbsenceReport, LeaveApplication, LessonStatus } from './wire.js';

const sjostad = { platform: 'schoolsoft', tenant: 'sjostad' } as const;
const DAY_MS = 86_400_000;
/** The school year's startDate − 120 days: the backfill's fromMs (§5). */
const BACKFILL_FROM = 1755468000000 - 120 * DAY_MS;

let harness: SchoolSoftHarness;
let token: string;

type Kind = 'lessons' | 'reports' | 'leave';
const PATHS: Readonly<Record<Kind, string>> = {
  lessons: 'v2/school/4/student-absence/lessons',
  reports: 'v2/school/4/student-absence/reports',
  leave: 'v2/school/4/student-leave',
};

async function reset(now?: string): Promise<void> {
  expect((await harness.control('POST', '/reset', { seed: 'skolbrygga', students: 120, ...(now ? { now } : {}) })).status).toBe(204);
  token = (await harness.tokens()).access_token;
}

/** The connector's window end: the server's `Date` minus 60 s. */
async function serverNow(): Promise<number> {
  return harness.dateOf(await harness.eva('v1/schools', token));
}

async function windowRows<T>(kind: Kind, fromMs: number, toMs: number, size = 500): Promise<T[]> {
  return readAllPages<T>(harness, `${PATHS[kind]}/${fromMs}/${toMs}`, token, size);
}

function idOf(kind: Kind, row: LessonStatus | AbsenceReport | LeaveApplication): number {
  return kind === 'reports' ? (row as AbsenceReport).reportId : (row as LessonStatus | LeaveApplication).id;
}

function studentIdOf(pupilKey: string): number {
  return Number(harness.context.world.ids.pupil(sjostad, pupilKey));
}

/** Advances the clock and runs one night's windows `[fromMs, Date − 60 s)` for every kind. */
async function night(fromMs: number): Promise<{ toMs: number; rows: Record<Kind, (LessonStatus | AbsenceReport | LeaveApplication)[]> }> {
  const toMs = (await serverNow()) - 60_000;
  return {
    toMs,
    rows: {
      lessons: await windowRows<LessonStatus>('lessons', fromMs, toMs),
      reports: await windowRows<AbsenceReport>('reports', fromMs, toMs),
      leave: await windowRows<LeaveApplication>('leave', fromMs, toMs),
    },
  };
}

/** `yyyy-MM-dd HH:mm:ss.0` read as Stockholm local time (SCS-12), to epoch ms. */
function parseLocal(changed: string): number {
  const [date = '', time = ''] = changed.split(' ');
  const [hours = 0, minutes = 0, seconds = 0] = time.split(/[:.]/).map(Number);
  return localToInstant(dayNumberOf(date), hours * 60 + minutes) + seconds * 1000;
}

function clockOf(instant: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

beforeAll(async () => {
  harness = await startSchoolSoft();
});

afterAll(async () => {
  await harness.close();
});

beforeEach(async () => {
  await reset();
});

describe('the example cast on Monday 2026-03-09', () => {
  it('shows Elias\'s two lesson statuses exactly as the file does', async () => {
    const toMs = (await serverNow()) - 60_000;
    const response = await harness.eva(`${PATHS.lessons}/${MONDAY_0309}/${toMs}?page=0&size=500`, token);
    expect(response.status).toBe(200);
    const rows = pageSchema(lessonStatusSchema).parse(await response.json()).content.filter((row) => row.studentId === studentIdOf('p:U4:0'));
    const world = harness.context.world;
    const lessons = world.lessonsOfPupil('p:U4:0', '2026-03-09');
    const lessonId = (slot: number): number => Number(world.ids.lesson(sjostad, lessons.find((lesson) => lesson.slot === slot) ?? lessons[0]!));
    expect(rows.map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        studentId: studentIdOf('p:U4:0'), schoolYear: '2025/2026', week: 11, dayId: 0, lessonId: lessonId(0),
        subject: 'Ma', subjectName: 'Matematik', teachingGroup: 'MA_8A', startTime: '08:20', endTime: '09:20', length: 60,
        lessonStatus: 2, lessonStatusStudent: 1, hasAbsenceReportForLesson: false, comment: '', nrOfMinutesAbsent: 12,
        reportedBy: 'LHO', changed: '2026-03-09 08:31:07.0', deleted: false,
      },
      {
        studentId: studentIdOf('p:U4:0'), schoolYear: '2025/2026', week: 11, dayId: 0, lessonId: lessonId(1),
        subject: 'Sv', subjectName: 'Svenska', teachingGroup: 'SV_8A', startTime: '09:35', endTime: '10:35', length: 60,
        lessonStatus: 2, lessonStatusStudent: 4, hasAbsenceReportForLesson: true, comment: 'Läkarbesök', nrOfMinutesAbsent: 60,
        reportedBy: 'ABJ', changed: '2026-03-09 10:41:55.0', deleted: false,
      },
    ]);
    // Ordered by (changed, id); the row id grows with its creation.
    expect(rows[0]!.id).toBeLessThan(rows[1]!.id);
  });

  it('shows Karin Berg\'s report exactly as the file does', async () => {
    const toMs = (await serverNow()) - 60_000;
    const rows = await windowRows<AbsenceReport>('reports', MONDAY_0309 - DAY_MS, toMs);
    const report = rows.find((row) => row.studentId === studentIdOf('p:U4:0') && row.week === 11 && row.dayId === 0);
    const lessons = harness.context.world.lessonsOfPupil('p:U4:0', '2026-03-09');
    const svenska = lessons.find((lesson) => lesson.slot === 1)!;
    expect(absenceReportSchema.parse(report)).toEqual({
      reportId: report?.reportId,
      studentId: studentIdOf('p:U4:0'),
      schoolYear: '2025/2026',
      week: 11,
      dayId: 0,
      fullDay: false,
      lessonIds: [Number(harness.context.world.ids.lesson(sjostad, svenska))],
      startTime: '09:35',
      endTime: '10:35',
      reportedByUserId: Number(harness.context.world.ids.guardian(sjostad, 'g:f:lind:0')),
      reportedByUserType: 2,
      reportedBy: 'Karin Berg (P)',
      comment: 'Läkarbesök',
      creDate: '2026-03-09 06:52:40.0',
      changed: '2026-03-09 06:52:40.0',
      deleted: false,
    });
    const fullDay = rows.find((row) => row.fullDay);
    expect(fullDay).toMatchObject({ lessonIds: [], startTime: null, endTime: null });
  });

  it('SCS-18: shows Elias\'s leave application exactly as the file does', async () => {
    const toMs = (await serverNow()) - 60_000;
    const rows = await windowRows<LeaveApplication>('leave', Date.parse('2026-03-01T00:00:00+01:00'), toMs);
    const leave = rows.find((row) => row.studentId === studentIdOf('p:U4:0'));
    const { id: _id, ...rest } = leaveApplicationSchema.parse(leave);
    expect(rest).toEqual({
      studentId: studentIdOf('p:U4:0'),
      fromDate: 1776636000000,
      toDate: 1776981600000,
      days: 5,
      reason: 3,
      reasonName: 'Resa',
      description: 'Resa till släkt',
      leisureSchool: false,
      status: 3,
      createdBy: Number(harness.context.world.ids.guardian(sjostad, 'g:f:lind:0')),
      createdByName: 'Karin Berg (P)',
      creDate: '2026-03-02 10:14:00.0',
      confirmations: [{ parentId: Number(harness.context.world.ids.guardian(sjostad, 'g:f:lind:1')), parentName: 'Johan Lind', confirmed: null, changed: null }],
      decidedBy: null,
      decidedByName: null,
      decisionComment: null,
      changed: '2026-03-02 10:14:00.0',
      deleted: false,
    });
  });
});

describe('SCS-08: window validation', () => {
  it('refuses a toMs later than the server\'s now with 400 "toMs is in the future"', async () => {
    const now = await serverNow();
    const response = await harness.eva(`${PATHS.lessons}/${now - DAY_MS}/${now + 1}`, token);
    expect(response.status).toBe(400);
    expect(springErrorSchema.parse(await response.json())).toMatchObject({
      status: 400,
      error: 'Bad Request',
      message: 'toMs is in the future',
      path: `/sjostad/eva/api/${PATHS.lessons}/${now - DAY_MS}/${now + 1}`,
      timestamp: new Date(now).toISOString().replace('Z', '+00:00'),
    });
    // toMs equal to now is allowed.
    expect((await harness.eva(`${PATHS.lessons}/${now - DAY_MS}/${now}`, token)).status).toBe(200);
  });

  it('refuses fromMs ≥ toMs, a span over 400 days and a non-number with 400', async () => {
    const now = await serverNow();
    for (const path of [`${PATHS.reports}/${now - 1000}/${now - 1000}`, `${PATHS.reports}/${now}/${now - 1000}`, `${PATHS.leave}/${now - 401 * DAY_MS}/${now}`, `${PATHS.leave}/abc/${now}`]) {
      const response = await harness.eva(path, token);
      expect(response.status).toBe(400);
      expect(springErrorSchema.parse(await response.json()).status).toBe(400);
    }
    expect((await harness.eva(`${PATHS.leave}/${now - 400 * DAY_MS}/${now}`, token)).status).toBe(200);
  });

  it('SCS-06: an empty window is one clean last page', async () => {
    const now = await serverNow();
    const body: unknown = await (await harness.eva(`${PATHS.lessons}/${now - 60_000}/${now}?page=0&size=500`, token)).json();
    expect(body).toMatchObject({ content: [], empty: true, last: true, first: true, totalElements: 0, totalPages: 0 });
  });
});

describe('SCS-08 / COM-02: three nights in a row', () => {
  it('covers every change exactly once and ends where the ground truth is', async () => {
    const latest = new Map<string, LessonStatus | AbsenceReport | LeaveApplication>();
    let fromMs = BACKFILL_FROM;
    for (let run = 0; run < 4; run++) {
      if (run > 0) await harness.control('POST', '/clock/advance', { minutes: 1440 });
      const { toMs, rows } = await night(fromMs);
      for (const kind of ['lessons', 'reports', 'leave'] as const) {
        const seen = new Set<number>();
        for (const row of rows[kind]) {
          const id = idOf(kind, row);
          expect(seen.has(id)).toBe(false);
          seen.add(id);
          // Every row changed inside its window: `changed` is local time, the bounds epoch ms.
          const changedAt = parseLocal(row.changed);
          expect(changedAt).toBeGreaterThanOrEqual(fromMs);
          expect(changedAt).toBeLessThan(toMs);
          latest.set(`${kind}:${id}`, row);
        }
        if (run > 0) expect(rows[kind].length).toBeLessThan(200);
      }
      fromMs = toMs;
    }
    // What the nights add up to is what the ground truth counts: every active absence record.
    const fromWindows = new Set<string>();
    for (const [key, row] of latest) {
      if (row.deleted) continue;
      if (key.startsWith('lessons:')) {
        const lesson = row as LessonStatus;
        const plainAttendance = lesson.lessonStatusStudent === 0 || (lesson.lessonStatusStudent === 1 && lesson.nrOfMinutesAbsent === 0);
        if (lesson.lessonStatus === 2 && !plainAttendance) fromWindows.add(String(lesson.id));
      } else if (key.startsWith('reports:')) {
        fromWindows.add(String((row as AbsenceReport).reportId));
      } else if ((row as LeaveApplication).status === 6) {
        fromWindows.add(`${(row as LeaveApplication).id}#leave`);
      }
    }
    const truth = (await (await harness.control('GET', '/world?tenant=sjostad')).json()) as {
      episodes: { platformRecordIds: string[] }[];
      malformed: { recordType: string; id: string }[];
    };
    const expected = new Set([...truth.episodes.flatMap((episode) => episode.platformRecordIds), ...truth.malformed.filter((entry) => entry.recordType === 'absences').map((entry) => entry.id)]);
    expect([...fromWindows].sort()).toEqual([...expected].sort());
  });

  it('pages a window over one snapshot while the clock moves and events arrive: no skip, no repeat', async () => {
    const toMs = (await serverNow()) - 60_000;
    let moved = false;
    const paged = await readAllPages<LessonStatus>(harness, `${PATHS.lessons}/${BACKFILL_FROM}/${toMs}`, token, 50, async () => {
      if (moved) return;
      moved = true;
      const lateRow = await firstLessonOf('p:U4:0');
      expect((await harness.control('POST', '/events', { kind: 'lessonStatus', id: lateRow.id, lessonStatusStudent: 2, nrOfMinutesAbsent: 60 })).status).toBe(201);
      await harness.control('POST', '/clock/advance', { minutes: 600 });
    });
    const again = await windowRows<LessonStatus>('lessons', BACKFILL_FROM, toMs);
    expect(paged.map((row) => row.id)).toEqual(again.map((row) => row.id));
    expect(new Set(paged.map((row) => row.id)).size).toBe(paged.length);
    expect(JSON.stringify(paged)).toBe(JSON.stringify(again));
  });
});

/** Elias's late arrival on Monday (lesson status 2/1, 12 min). */
async function firstLessonOf(pupilKey: string): Promise<LessonStatus> {
  const rows = await windowRows<LessonStatus>('lessons', MONDAY_0309, MONDAY_0309 + DAY_MS);
  const row = rows.find((candidate) => candidate.studentId === studentIdOf(pupilKey));
  if (!row) throw new Error('no lesson row');
  return row;
}

describe('SCS-09 / COM-12: week to date', () => {
  it('places lessons of 2025 weeks and of the spring DST week at the right instants', async () => {
    await reset('2026-03-31T02:00:00+02:00');
    const toMs = (await serverNow()) - 60_000;
    const rows = (await windowRows<LessonStatus>('lessons', BACKFILL_FROM, toMs)).filter((row) => row.studentId === studentIdOf('p:U4:11'));
    const world = harness.context.world;
    for (const date of ['2025-10-24', '2025-11-03', '2026-03-27', '2026-03-30']) {
      const lesson = world.lessonsOfPupil('p:U4:11', date)[0]!;
      const row = rows.find((candidate) => candidate.lessonId === Number(world.ids.lesson(sjostad, lesson)) && dateOfWeekDay(candidate.schoolYear, candidate.week, candidate.dayId) === date);
      expect(row, date).toBeDefined();
      // Date from (schoolYear, week, dayId) + HH:mm in Stockholm = the lesson's instant.
      const offset = date === '2026-03-30' ? '+02:00' : date === '2025-10-24' ? '+02:00' : '+01:00';
      expect(Date.parse(`${date}T${row!.startTime}:00${offset}`)).toBe(lesson.start);
    }
    const week14 = rows.find((row) => row.week === 14 && row.dayId === 0);
    expect(week14?.startTime).toBe('08:20');
    expect(rows.some((row) => row.week >= 34)).toBe(true);
  });
});

describe('SCS-10 / SCS-11: lesson statuses and events', () => {
  it('SCS-10: one recurring lessonId in two weeks is two rows; a change to one touches only it', async () => {
    const toMs = (await serverNow()) - 60_000;
    const rows = await windowRows<LessonStatus>('lessons', BACKFILL_FROM, toMs);
    const byKey = new Map<string, LessonStatus[]>();
    for (const row of rows) byKey.set(`${row.studentId}|${row.lessonId}`, [...(byKey.get(`${row.studentId}|${row.lessonId}`) ?? []), row]);
    const pair = [...byKey.values()].find((list) => list.length >= 2 && new Set(list.map((row) => row.week)).size >= 2)!;
    expect(pair).toBeDefined();
    expect(pair[0]!.id).not.toBe(pair[1]!.id);
    const later = pair[1]!;
    // An old lesson (more than the world's 7-day sweep lag before the window) must still show its change.
    expect(dateOfWeekDay(later.schoolYear, later.week, later.dayId)! < '2026-03-01').toBe(true);
    expect((await harness.control('POST', '/events', { kind: 'lessonStatus', id: later.id, lessonStatusStudent: 750 })).status).toBe(201);
    await harness.control('POST', '/clock/advance', { minutes: 5 });
    const next = await windowRows<LessonStatus>('lessons', toMs, (await serverNow()) - 60_000);
    expect(next.map((row) => row.id)).toEqual([later.id]);
    expect(next[0]).toMatchObject({ lessonStatus: 2, lessonStatusStudent: 750, nrOfMinutesAbsent: later.length, week: later.week, lessonId: later.lessonId });
  });

  it.each([
    { change: { lessonStatusStudent: 5 }, shows: { lessonStatus: 2, lessonStatusStudent: 5, nrOfMinutesAbsent: 60 }, active: true },
    { change: { lessonStatusStudent: 6, nrOfMinutesAbsent: 15 }, shows: { lessonStatus: 2, lessonStatusStudent: 6, nrOfMinutesAbsent: 15 }, active: true },
    { change: { lessonStatusStudent: 750 }, shows: { lessonStatus: 2, lessonStatusStudent: 750 }, active: true },
    { change: { lessonStatusStudent: 99 }, shows: { lessonStatus: 2, lessonStatusStudent: 99 }, active: true },
    { change: { lessonStatusStudent: 1, nrOfMinutesAbsent: 0 }, shows: { lessonStatus: 2, lessonStatusStudent: 1, nrOfMinutesAbsent: 0 }, active: false },
    { change: { lessonStatus: 3, lessonStatusStudent: 2 }, shows: { lessonStatus: 3, lessonStatusStudent: 2 }, active: false },
    { change: { lessonStatus: 1, lessonStatusStudent: 4 }, shows: { lessonStatus: 1, lessonStatusStudent: 4 }, active: false },
    { change: { lessonStatus: 1, lessonStatusStudent: 2 }, shows: { lessonStatus: 1, lessonStatusStudent: 2 }, active: true },
  ])('SCS-11: lessonStatus $change shows $shows in the next window and in the ground truth', async ({ change, shows, active }) => {
    const row = await firstLessonOf('p:U4:0');
    const toMs = (await serverNow()) - 60_000;
    const injected = await harness.control('POST', '/events', { kind: 'lessonStatus', id: row.id, ...change });
    expect(injected.status).toBe(201);
    expect(await injected.json()).toEqual({ id: row.id });
    await harness.control('POST', '/clock/advance', { minutes: 5 });
    const next = await windowRows<LessonStatus>('lessons', toMs, (await serverNow()) - 60_000);
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ id: row.id, lessonId: row.lessonId, ...shows });
    // The ground truth's view of the row: whether it still makes a canonical absence record.
    const world = harness.context.world;
    const record = world.findById(sjostad, 'registrations', row.id);
    expect(record && canonicalAbsences('schoolsoft', record, world.now()).length > 0).toBe(active);
    // The window before the event still shows the row as it was.
    const before = await windowRows<LessonStatus>('lessons', MONDAY_0309, toMs);
    expect(before.find((candidate) => candidate.id === row.id)).toMatchObject({ lessonStatusStudent: 1, nrOfMinutesAbsent: 12 });
  });

  it('refuses a lessonStatus event for an unknown row', async () => {
    expect((await harness.control('POST', '/events', { kind: 'lessonStatus', id: 1, lessonStatusStudent: 2 })).status).toBe(400);
    expect((await harness.control('POST', '/events', { kind: 'lessonStatus', lessonStatusStudent: 2 })).status).toBe(400);
  });

  it('absenceReport: a guardian\'s report for lessons shows in the next window under the returned reportId', async () => {
    const world = harness.context.world;
    const tuesday = world.lessonsOfPupil('p:U4:0', '2026-03-10');
    const lessonIds = tuesday.slice(2, 4).map((lesson) => Number(world.ids.lesson(sjostad, lesson)));
    const toMs = (await serverNow()) - 60_000;
    const injected = await harness.control('POST', '/events', { kind: 'absenceReport', studentWorldKey: 'p:U4:0', week: 11, dayId: 1, fullDay: false, lessonIds });
    expect(injected.status).toBe(201);
    const { id } = (await injected.json()) as { id: number };
    await harness.control('POST', '/clock/advance', { minutes: 5 });
    const next = await windowRows<AbsenceReport>('reports', toMs, (await serverNow()) - 60_000);
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ reportId: id, studentId: studentIdOf('p:U4:0'), week: 11, dayId: 1, fullDay: false, lessonIds, reportedByUserType: 2 });
    expect(next[0]?.reportedBy).toMatch(/ \(P\)$/);
    expect([next[0]?.startTime, next[0]?.endTime]).toEqual([clockOf(tuesday[2]!.start), clockOf(tuesday[3]!.end)]);
    // Ids are in creation order: the new report has the highest id so far.
    const all = await windowRows<AbsenceReport>('reports', BACKFILL_FROM, (await serverNow()) - 60_000);
    expect(Math.max(...all.map((row) => row.reportId))).toBe(id);
  });

  it('absenceReport: a full day for an Åbro pupil goes to the Åbro slug', async () => {
    const abroToken = (await harness.tokens('abro')).access_token;
    const toMs = (await serverNow()) - 60_000;
    const injected = await harness.control('POST', '/events', { kind: 'absenceReport', studentWorldKey: 'p:U7:3', week: 11, dayId: 2, fullDay: true, lessonIds: [] });
    expect(injected.status).toBe(201);
    await harness.control('POST', '/clock/advance', { minutes: 5 });
    const to = (await serverNow()) - 60_000;
    const abroRows = pageSchema(absenceReportSchema).parse(await (await harness.eva(`v2/school/2/student-absence/reports/${toMs}/${to}`, abroToken, 'abro')).json()).content;
    expect(abroRows).toHaveLength(1);
    expect(abroRows[0]).toMatchObject({ fullDay: true, lessonIds: [], startTime: null, endTime: null, week: 11, dayId: 2 });
    expect(await windowRows<AbsenceReport>('reports', toMs, to)).toEqual([]);
  });

  it('refuses an absenceReport with a lessonId the pupil does not have that day, or for nobody', async () => {
    expect((await harness.control('POST', '/events', { kind: 'absenceReport', studentWorldKey: 'p:U4:0', week: 11, dayId: 1, fullDay: false, lessonIds: [1] })).status).toBe(400);
    expect((await harness.control('POST', '/events', { kind: 'absenceReport', studentWorldKey: 'p:U9:0', week: 11, dayId: 1, fullDay: true })).status).toBe(400);
    expect((await harness.control('POST', '/events', { kind: 'plannedAbsence' })).status).toBe(400);
  });
});

describe('SCS-19: drift bareArrayLists', () => {
  it('sends a window that fits in one page as a bare array, and a longer one as Pages', async () => {
    await harness.control('PUT', '/drift', { bareArrayLists: true });
    const toMs = (await serverNow()) - 60_000;
    const small: unknown = await (await harness.eva(`${PATHS.lessons}/${MONDAY_0309}/${toMs}?page=0&size=500`, token)).json();
    expect(Array.isArray(small)).toBe(true);
    expect(lessonStatusSchema.array().parse(small).length).toBeGreaterThan(2);
    const empty: unknown = await (await harness.eva(`${PATHS.lessons}/${toMs - 60_000}/${toMs}?page=0&size=500`, token)).json();
    expect(empty).toEqual([]);
    const paged: unknown = await (await harness.eva(`${PATHS.lessons}/${MONDAY_0309}/${toMs}?page=0&size=2`, token)).json();
    expect(pageSchema(lessonStatusSchema).parse(paged).last).toBe(false);
  });
});
