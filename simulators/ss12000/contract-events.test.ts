/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return -- contract tests read wire JSON loosely, field by field, as the test config already allows for assignment and member access */
/**
 * SS 12000 contract, what moves the register (ss12000.md §6, §8): `POST /_control/events` kinds
 * visible in the next incremental read, deletions in `/deletedEntities`, subscriptions and their
 * callbacks (SS12-14), drift toggles (SS12-13, COM-08), fault-profile defects listed in the ground
 * truth (COM-07), and determinism across processes' worth of simulators.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { startSs12000 } from './contract.test-support.js';
import type { ListBody, Row, Ss12000Harness } from './contract.test-support.js';

let sim: Ss12000Harness;
let lark: Row;
let leo: Row;

beforeAll(async () => {
  sim = await startSs12000({ seed: 'ss12000-events', students: 120 });
  lark = ((await sim.get('/organisations')).body.data as Row[]).find((unit) => unit.schoolUnitCode === '99010005') as Row;
  leo = ((await sim.get('/persons', { civicNo: '201401229834' })).body.data as Row[])[0] as Row;
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  await sim.control('PUT', '/drift', {});
  await sim.control('PUT', '/faults', {});
});

/** The largest `meta.modified` of a full read: the cursor a connector keeps. */
async function cursorOf(path: string, query: Record<string, string> = {}): Promise<string> {
  const records = (await sim.all(path, { ...query, limit: 1000 })).data;
  return records.reduce((latest, record) => (Date.parse(record.meta.modified) > Date.parse(latest) ? String(record.meta.modified) : latest), '1970-01-01T00:00:00Z');
}

describe('POST /_control/events', () => {
  it('absence: the next incremental /absences read has it, as Anmäld frånvaro by default', async () => {
    const cursor = await cursorOf('/absences');
    const created = await sim.control('POST', '/events', { kind: 'absence', studentWorldKey: 'p:U5:0', start: '2026-03-10T08:00:00+01:00', end: '2026-03-10T12:00:00+01:00' });
    expect(created.status).toBe(201);
    const changed = (await sim.all('/absences', { 'meta.modified.after': cursor })).data;
    expect(changed).toEqual([
      expect.objectContaining({ id: created.body.id, startTime: '2026-03-10T08:00:00+01:00', endTime: '2026-03-10T12:00:00+01:00', type: 'Anmäld frånvaro', student: { id: leo.id, securityMarking: 'Ingen' } }),
    ]);
    expect(Date.parse(changed[0]?.meta.modified)).toBeGreaterThan(Date.parse(cursor));
  });

  it('absence of type Beviljad ledighet is registered by staff; any other type is kept verbatim (SS12-06)', async () => {
    const leave = await sim.control('POST', '/events', { kind: 'absence', studentWorldKey: 'p:U5:0', type: 'Beviljad ledighet', start: '2026-03-11T08:00:00+01:00', end: '2026-03-11T16:00:00+01:00' });
    const odd = await sim.control('POST', '/events', { kind: 'absence', studentWorldKey: 'p:U5:0', type: 'Ogiltig frånvaro', start: '2026-03-12T08:00:00+01:00', end: '2026-03-12T16:00:00+01:00' });
    const absences = new Map((await sim.all('/absences', { student: leo.id, limit: 1000 })).data.map((absence) => [absence.id, absence]));
    expect(absences.get(leave.body.id)?.type).toBe('Beviljad ledighet');
    expect(absences.get(leave.body.id)?.registeredBy.id).not.toBe(leo.id);
    expect(absences.get(odd.body.id)?.type).toBe('Ogiltig frånvaro');
    expect((await sim.all('/absences', { type: 'Ogiltig frånvaro' })).data.map((absence) => absence.id)).toEqual([odd.body.id]);
  });

  it('attendance: a calendar event row with the given buckets; all zero returns it to attendance (SS12-07)', async () => {
    const tuesday = { 'startTime.onOrAfter': '2026-03-10T00:00:00+01:00', 'startTime.onOrBefore': '2026-03-10T23:59:59+01:00' };
    const event = (await sim.get<ListBody<Row>>('/calendarEvents', { ...tuesday, student: leo.id })).body.data[0] as Row;
    let cursor = await cursorOf('/attendances');

    const partly = await sim.control('POST', '/events', { kind: 'attendance', calendarEventId: event.id, studentWorldKey: 'p:U5:0', invalid: 15 });
    expect(partly.status).toBe(201);
    let changed = (await sim.all('/attendances', { 'meta.modified.after': cursor })).data;
    expect(changed).toEqual([
      expect.objectContaining({ id: partly.body.id, calendarEvent: { id: event.id }, attendanceMinutes: 45, validAbsenceMinutes: 0, invalidAbsenceMinutes: 15, otherAttendanceMinutes: 0 }),
    ]);
    cursor = String(changed[0]?.meta.modified);

    const zero = await sim.control('POST', '/events', { kind: 'attendance', calendarEventId: event.id, studentWorldKey: 'p:U5:0' });
    expect(zero.body.id).toBe(partly.body.id);
    changed = (await sim.all('/attendances', { 'meta.modified.after': cursor })).data;
    expect(changed).toEqual([expect.objectContaining({ id: partly.body.id, attendanceMinutes: 60, validAbsenceMinutes: 0, invalidAbsenceMinutes: 0, otherAttendanceMinutes: 0 })]);
    expect(changed[0]).not.toHaveProperty('absenceReason');

    const embedded = (await sim.get<ListBody<Row>>('/calendarEvents', { ...tuesday, student: leo.id, expand: 'attendance' })).body.data.find((candidate) => candidate.id === event.id) as Row;
    expect(embedded._embedded.attendance).toEqual([expect.objectContaining({ id: partly.body.id, attendanceMinutes: 60 })]);
  });

  it('attendance on a lesson with a generated row changes that row under its id', async () => {
    const monday = { 'meta.modified.after': '2026-03-09T02:00:00+01:00', student: leo.id };
    const generated = (await sim.all('/attendances', monday)).data.find((row) => row.validAbsenceMinutes === 60) as Row;
    const cursor = await cursorOf('/attendances');
    const changed = await sim.control('POST', '/events', { kind: 'attendance', calendarEventId: generated.calendarEvent.id, studentWorldKey: 'p:U5:0', valid: 20 });
    expect(changed.body.id).toBe(generated.id);
    const rows = (await sim.all('/attendances', { 'meta.modified.after': cursor })).data;
    expect(rows).toEqual([expect.objectContaining({ id: generated.id, meta: { created: generated.meta.created, modified: expect.any(String) }, validAbsenceMinutes: 20, attendanceMinutes: 40 })]);
  });

  it('attendance for a lesson the pupil does not attend, or an unknown event, is a 400', async () => {
    const monday = { 'startTime.onOrAfter': '2026-03-09T00:00:00+01:00', 'startTime.onOrBefore': '2026-03-09T23:59:59+01:00' };
    const events = (await sim.get<ListBody<Row>>('/calendarEvents', monday)).body.data;
    const leos = new Set((await sim.get<ListBody<Row>>('/calendarEvents', { ...monday, student: leo.id })).body.data.map((event) => event.id));
    const foreign = events.find((event) => !leos.has(event.id)) as Row;
    expect((await sim.control('POST', '/events', { kind: 'attendance', calendarEventId: foreign.id, studentWorldKey: 'p:U5:0', valid: 60 })).status).toBe(400);
    expect((await sim.control('POST', '/events', { kind: 'attendance', calendarEventId: '00000000-0000-4000-8000-000000000000', studentWorldKey: 'p:U5:0' })).status).toBe(400);
    expect((await sim.control('POST', '/events', { kind: 'absence', studentWorldKey: 'p:U1:0', start: '2026-03-10T08:00:00+01:00', end: '2026-03-10T09:00:00+01:00' })).status).toBe(400);
    expect((await sim.control('POST', '/events', { kind: 'nonsense' })).status).toBe(400);
  });

  it('deletePerson: gone from /persons, listed in /deletedEntities after the Date checkpoint (SS12-05)', async () => {
    const first = await sim.get('/deletedEntities', { entities: 'Person' });
    const checkpoint = new Date(String(first.headers.get('date'))).toISOString();
    const pupils = (await sim.all('/persons', { 'relationship.entity.type': 'enrolment', 'relationship.organisation': lark.id, limit: 1000 })).data;
    const victim = pupils.find((pupil) => pupil.givenName !== 'Leo') as Row;
    const deleted = await sim.control('POST', '/events', { kind: 'deletePerson', worldKey: 'p:U5:3' });
    expect(deleted.status).toBe(201);
    const after = (await sim.get('/deletedEntities', { after: checkpoint, entities: ['Person', 'Absence'] })).body.data;
    expect(after).toEqual({ absences: [], persons: [deleted.body.id] });
    const remaining = (await sim.all('/persons', { 'relationship.entity.type': 'enrolment', 'relationship.organisation': lark.id, limit: 1000 })).data;
    expect(remaining.map((pupil) => pupil.id)).not.toContain(deleted.body.id);
    expect(remaining.length).toBe(pupils.length - 1);
    expect(victim).toBeDefined();
  });
});

describe('subscriptions and callbacks', () => {
  interface Delivery {
    readonly body: Record<string, unknown>;
  }

  async function receiver(statuses: number[] = []): Promise<{ url: string; deliveries: Delivery[]; close: () => Promise<void> }> {
    const deliveries: Delivery[] = [];
    const server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      request.on('end', () => {
        deliveries.push({ body: JSON.parse(text) as Record<string, unknown> });
        response.statusCode = statuses.shift() ?? 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/hooks/ss12000/9901`, deliveries, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  async function waitFor(condition: () => boolean, timeoutMs = 4000): Promise<void> {
    const started = Date.now();
    while (!condition()) {
      if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for a callback');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('creates with objects (201, id, expires = now + 30 days), renews with PATCH, deletes (SS12-14)', async () => {
    const created = await sim.send('POST', '/subscriptions', {
      name: 'skolbrygga-sjostad',
      target: 'https://skolbrygga.example/hooks/ss12000/9901',
      resourceTypes: [{ resource: 'Person' }, { resource: 'Absence' }, { resource: 'Attendance' }],
      expires: '2030-01-01T00:00:00+01:00',
    });
    expect(created.status).toBe(201);
    const now = Date.parse(String((await sim.control('GET', '/health')).body.now));
    expect(Date.parse(created.body.expires) - now).toBe(30 * 24 * 3600 * 1000);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      expires: expect.stringMatching(/^2026-04-\d\dT\d\d:\d\d:\d\d\+02:00$/),
      name: 'skolbrygga-sjostad',
      target: 'https://skolbrygga.example/hooks/ss12000/9901',
      resourceTypes: [{ resource: 'Person' }, { resource: 'Absence' }, { resource: 'Attendance' }],
    });
    const listed = await sim.get<ListBody<Row>>('/subscriptions');
    expect(listed.body.data.map((subscription) => subscription.id)).toContain(created.body.id);
    expect((await sim.get(`/subscriptions/${created.body.id}`)).body).toEqual(created.body);

    await sim.control('POST', '/clock/advance', { minutes: 60 * 24 * 10 });
    const renewed = await sim.send('PATCH', `/subscriptions/${created.body.id}`);
    expect(renewed.status).toBe(200);
    expect(Date.parse(renewed.body.expires)).toBe(Date.parse(created.body.expires) + 10 * 24 * 3600 * 1000);

    expect((await sim.send('DELETE', `/subscriptions/${created.body.id}`)).status).toBe(204);
    expect((await sim.get(`/subscriptions/${created.body.id}`)).body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await sim.send('POST', '/subscriptions', { name: 'x', target: 'not a url', resourceTypes: ['Person'] })).status).toBe(400);
  });

  it('calls back with modifiedEntites on an injected change; plain-string resourceTypes; retries a failed delivery', async () => {
    const hook = await receiver([500]);
    try {
      const created = await sim.send('POST', '/subscriptions', { name: 'strings', target: hook.url, resourceTypes: ['Absence', 'Person'] });
      expect(created.body.resourceTypes).toEqual([{ resource: 'Absence' }, { resource: 'Person' }]);
      await sim.control('POST', '/events', { kind: 'absence', studentWorldKey: 'p:U5:0', start: '2026-03-23T08:00:00+01:00', end: '2026-03-23T16:00:00+01:00' });
      // The first delivery is refused (500); the retry a second later is accepted.
      await waitFor(() => hook.deliveries.length >= 2);
      expect(hook.deliveries.map((delivery) => delivery.body)).toEqual([
        { modifiedEntites: ['Absence'], deletedEntities: false },
        { modifiedEntites: ['Absence'], deletedEntities: false },
      ]);
      await sim.send('DELETE', `/subscriptions/${created.body.id}`);
    } finally {
      await hook.close();
    }
  });

  it('drift callbackSpelling: modifiedEntities or both; a deletion sets deletedEntities; clock moves are noticed', async () => {
    const hook = await receiver();
    try {
      const created = await sim.send('POST', '/subscriptions', { name: 'spelling', target: hook.url, resourceTypes: [{ resource: 'Person' }, { resource: 'Attendance' }] });
      await sim.control('PUT', '/drift', { callbackSpelling: 'both' });
      await sim.control('POST', '/events', { kind: 'deletePerson', worldKey: 'p:U5:4' });
      await waitFor(() => hook.deliveries.length >= 1);
      expect(hook.deliveries[0]?.body).toEqual({ modifiedEntites: [], modifiedEntities: [], deletedEntities: true });

      await sim.control('PUT', '/drift', { callbackSpelling: 'modifiedEntities' });
      // The next school day's registrations appear as the clock moves on.
      await sim.control('PUT', '/clock', { now: '2026-03-25T02:00:00+01:00' });
      await waitFor(() => hook.deliveries.length >= 2);
      expect(hook.deliveries[1]?.body).toEqual({ modifiedEntities: expect.arrayContaining(['Attendance']), deletedEntities: expect.any(Boolean) });
      await sim.send('DELETE', `/subscriptions/${created.body.id}`);
    } finally {
      await hook.close();
    }
  });
});

describe('drift and malformed records', () => {
  it('nullsForAbsent writes null where a field is otherwise omitted (SS12-13)', async () => {
    const plain = (await sim.get('/persons', { civicNo: '197709059914' })).body.data[0] as Row;
    await sim.control('PUT', '/drift', { nullsForAbsent: true });
    const nulls = (await sim.get('/persons', { civicNo: '197709059914' })).body.data[0] as Row;
    expect(plain).not.toHaveProperty('middleName');
    expect(nulls).toMatchObject({ middleName: null, enrolments: null, responsibles: null });
    const stripped = Object.fromEntries(Object.entries(nulls).filter(([, value]) => value !== null));
    expect(stripped).toEqual(plain);
  });

  it('extraFields and reorderFields change nothing a reader looks up by name (COM-08)', async () => {
    const plain = (await sim.get('/absences', { student: leo.id, limit: 5 })).body.data as Row[];
    await sim.control('PUT', '/drift', { extraFields: true, reorderFields: true });
    const drifted = (await sim.get('/absences', { student: leo.id, limit: 5 })).body.data as Row[];
    expect(drifted).toHaveLength(plain.length);
    const first = drifted[0] as Row;
    expect(Object.keys(first)[0]).toBe('simulatorExtraObject');
    const { simulatorExtraField, simulatorExtraObject, ...rest } = first;
    expect(simulatorExtraField).toBe('drift');
    expect(simulatorExtraObject).toEqual({ added: true, version: 2 });
    expect(rest).toEqual(plain[0]);
  });

  it('malformed records: the same defects on every read, all listed in /_control/world (COM-07)', async () => {
    // A world without injected events: an injected odd `type` is data, not a defect.
    const sim = await startSs12000({ seed: 'ss12000-events', students: 120 });
    onTestFinished(() => sim.close());
    await sim.control('PUT', '/faults', { malformedRecordRate: 0.2 });
    const persons = (await sim.all('/persons', { 'relationship.entity.type': 'enrolment', limit: 1000 })).data;
    const absences = (await sim.all('/absences', { limit: 1000 })).data;
    const attendances = (await sim.all('/attendances', { limit: 1000 })).data;
    const again = (await sim.all('/absences', { limit: 1000 })).data;
    expect(again).toEqual(absences);

    const truth = (await sim.control('GET', '/world?tenant=sjostad')).body;
    const listed = new Map((truth.malformed as Row[]).filter((entry) => entry.kind !== 'badCivicNo' || entry.platform === 'ss12000').map((entry) => [`${entry.id}|${entry.field}`, entry]));
    const defects: { id: string; field: string }[] = [];
    for (const person of persons) {
      if (typeof person.civicNo?.value !== 'string' || /^\d{4}13/.test(person.civicNo.value)) defects.push({ id: person.id, field: 'civicNo.value' });
      if (typeof person.meta.modified !== 'string' || /^\d{4}-13-/.test(person.meta.modified)) defects.push({ id: person.id, field: 'meta.modified' });
    }
    for (const absence of absences) {
      if (!['Anmäld frånvaro', 'Beviljad ledighet'].includes(absence.type)) defects.push({ id: absence.id, field: 'type' });
      if (typeof absence.startTime !== 'string' || /^\d{4}-13-/.test(absence.startTime)) defects.push({ id: absence.id, field: 'startTime' });
      if (typeof absence.student?.id !== 'string') defects.push({ id: absence.id, field: 'student.id' });
    }
    for (const attendance of attendances) {
      if (typeof attendance.validAbsenceMinutes !== 'number') defects.push({ id: attendance.id, field: 'validAbsenceMinutes' });
      if (typeof attendance.student?.id !== 'string') defects.push({ id: attendance.id, field: 'student.id' });
    }
    expect(defects.length).toBeGreaterThan(10);
    for (const defect of defects) expect(listed.get(`${defect.id}|${defect.field}`), `${defect.field} of ${defect.id}`).toBeDefined();
    expect(truth.totals.quarantined).toBeGreaterThan(0);
  });
});

describe('determinism', () => {
  it('two simulators with the same seed, students and clock serve the same bytes (tokens aside)', async () => {
    const other = await startSs12000({ seed: 'ss12000-events', students: 120 });
    const fresh = await startSs12000({ seed: 'ss12000-events', students: 120 });
    try {
      for (const [path, query] of [
        ['/persons', { limit: 1000 }],
        ['/attendances', { limit: 1000 }],
        ['/groups', {}],
      ] as const) {
        expect((await other.get(path, query)).text).toBe((await fresh.get(path, query)).text);
      }
    } finally {
      await other.close();
      await fresh.close();
    }
  });
});
