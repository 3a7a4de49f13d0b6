/**
 * SchoolSoft contract, v1 lists and v2 rosters (schoolsoft.md §3, §4; SCS-06, SCS-07, SCS-12…16,
 * SCS-19 for rosters, COM-08, COM-10): exact shapes and casing, the Spring `Page`, id order and
 * snapshot-safe paging, the example cast, X3/X4/X6/X7/X8/X9, tenant separation, drift.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSchoolSoft, readAllPages } from './contract.test-support.js';
import type { SchoolSoftHarness } from './contract.test-support.js';
import { codeValueSchema, pageSchema, parentSchema, schoolSchema, schoolYearSchema, springErrorSchema, studentSchema } from './wire.js';
import type { Parent, Student } from './wire.js';

const sjostad = { platform: 'schoolsoft', tenant: 'sjostad' } as const;
const abro = { platform: 'schoolsoft', tenant: 'abro' } as const;

let harness: SchoolSoftHarness;
let token: string;

async function reset(now?: string): Promise<void> {
  expect((await harness.control('POST', '/reset', { seed: 'skolbrygga', students: 120, ...(now ? { now } : {}) })).status).toBe(204);
  token = (await harness.tokens()).access_token;
}

function studentIdOf(pupilKey: string, slice: typeof sjostad | typeof abro = sjostad): number {
  return Number(harness.context.world.ids.pupil(slice, pupilKey));
}

async function students(tenantToken = token, tenant: 'sjostad' | 'abro' = 'sjostad'): Promise<Student[]> {
  const orgId = tenant === 'sjostad' ? 4 : 2;
  const response = await harness.eva(`v2/school/${orgId}/students?page=0&size=500`, tenantToken, tenant);
  return pageSchema(studentSchema).parse(await response.json()).content;
}

async function parents(): Promise<Parent[]> {
  const response = await harness.eva('v2/school/4/parents?page=0&size=500', token);
  return pageSchema(parentSchema).parse(await response.json()).content;
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

describe('v1 bare arrays', () => {
  it('lists the schools of the slug', async () => {
    const response = await harness.eva('v1/schools', token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body: unknown = await response.json();
    expect(Array.isArray(body)).toBe(true);
    expect(schoolSchema.array().parse(body)).toEqual([{ orgId: 4, name: 'Vägvisarskolan', schoolUnitCode: '99010004', schoolTypes: ['GR', 'GY'], municipalityCode: '9901', active: true }]);
    const abroToken = (await harness.tokens('abro')).access_token;
    const abroSchools = schoolSchema.array().parse(await (await harness.eva('v1/schools', abroToken, 'abro')).json());
    expect(abroSchools).toEqual([{ orgId: 2, name: 'Åbro gymnasium', schoolUnitCode: '99020002', schoolTypes: ['GY'], municipalityCode: '9902', active: true }]);
  });

  it('lists the school year exactly as the file shows it', async () => {
    const body = schoolYearSchema.array().parse(await (await harness.eva('v1/schools/4/school-years', token)).json());
    expect(body).toEqual([{ schoolYearId: 7, name: '2025/2026', startDate: 1755468000000, endDate: 1781215200000, current: true }]);
  });

  it('lists leave reasons with langId, and refuses the call without it', async () => {
    const reasons = codeValueSchema.array().parse(await (await harness.eva('v1/schools/4/codevalues/student-leave-reasons?langId=1', token)).json());
    expect(reasons).toEqual(expect.arrayContaining([{ codeValueId: 3, name: 'Resa' }, { codeValueId: 4, name: 'Familjeangelägenhet' }]));
    const missing = await harness.eva('v1/schools/4/codevalues/student-leave-reasons', token);
    expect(missing.status).toBe(400);
    expect(springErrorSchema.parse(await missing.json()).status).toBe(400);
  });
});

describe('SCS-07: exact path templates', () => {
  it.each([
    'v2/schools/4/students',
    'v1/school/4/school-years',
    'v2/school/4/student',
    'V1/schools',
    'v1/schools/',
    'v2/school/4/Students',
    'v3/school/4/students',
  ])('answers %s with a Spring 404', async (path) => {
    const response = await harness.eva(path, token);
    expect(response.status).toBe(404);
    const error = springErrorSchema.parse(await response.json());
    expect(error).toMatchObject({ status: 404, error: 'Not Found' });
    expect(error.path).toBe(`/sjostad/eva/api/${path}`);
  });

  it('answers a non-numeric orgId with 400 and another tenant\'s orgId with 404', async () => {
    expect((await harness.eva('v2/school/four/students', token)).status).toBe(400);
    expect((await harness.eva('v2/school/2/students', token)).status).toBe(404);
    expect((await harness.eva('v1/schools/2/school-years', token)).status).toBe(404);
  });
});

describe('SCS-06: the Spring Page', () => {
  it('pages 0-based with all Page keys; an empty page past the end is last', async () => {
    const first = await (await harness.eva('v2/school/4/students?page=0&size=10', token)).json();
    const page = pageSchema(studentSchema).parse(first);
    expect(Object.keys(first as object)).toEqual(['content', 'number', 'size', 'totalElements', 'totalPages', 'numberOfElements', 'first', 'last', 'empty']);
    expect(page).toMatchObject({ number: 0, size: 10, numberOfElements: 10, first: true, last: false, empty: false });
    expect(page.totalPages).toBe(Math.ceil(page.totalElements / 10));
    const lastPage = pageSchema(studentSchema).parse(await (await harness.eva(`v2/school/4/students?page=${page.totalPages - 1}&size=10`, token)).json());
    expect(lastPage).toMatchObject({ last: true, first: false, numberOfElements: page.totalElements - 10 * (page.totalPages - 1) });
    const beyond = pageSchema(studentSchema).parse(await (await harness.eva(`v2/school/4/students?page=${page.totalPages}&size=10`, token)).json());
    expect(beyond).toMatchObject({ content: [], empty: true, last: true, numberOfElements: 0 });
  });

  it('uses size 20 without size and caps size at 500', async () => {
    expect(((await (await harness.eva('v2/school/4/parents', token)).json()) as { size: number }).size).toBe(20);
    expect(((await (await harness.eva('v2/school/4/parents?size=5000', token)).json()) as { size: number }).size).toBe(500);
    await harness.control('PUT', '/config', { maxPageSize: 7 });
    expect(((await (await harness.eva('v2/school/4/parents?size=500', token)).json()) as { size: number }).size).toBe(7);
    await harness.control('PUT', '/config', {});
  });

  it('serves the same page as the same bytes', async () => {
    const first = await (await harness.eva('v2/school/4/parents?page=1&size=7', token)).text();
    const again = await (await harness.eva('v2/school/4/parents?page=1&size=7', token)).text();
    expect(again).toBe(first);
  });
});

describe('students', () => {
  it('shows Elias Lind as the file does', async () => {
    const elias = (await students()).find((student) => student.socialNumber === '20110903-9816');
    expect(elias).toMatchObject({
      studentId: studentIdOf('p:U4:0'),
      username: 'elias.lind',
      firstName: 'Elias',
      lastName: 'Lind',
      isOfAge: false,
      protectedIdentity: false,
      schools: [{ orgId: 4, className: '8A', schoolType: 'GR', schoolYear: 8, endDate: null, studentActive: true }],
      deleted: false,
    });
    expect(elias?.changed).toMatch(/^2025-08-11 \d{2}:\d{2}:\d{2}\.0$/);
    // Enrolment dates are Stockholm midnights in epoch ms.
    expect(new Date(elias?.schools[0]?.startDate ?? 0).toISOString()).toMatch(/T2[23]:00:00\.000Z$/);
  });

  it('is sorted by id', async () => {
    const ids = (await students()).map((student) => student.studentId);
    expect(ids).toEqual([...ids].sort((left, right) => left - right));
  });

  it('SCS-13/X9: socialNumber keeps its dash; the 10-digit X9 number comes in its short form', async () => {
    const all = await students();
    const byKey = (key: string): Student | undefined => all.find((student) => student.studentId === studentIdOf(key));
    expect(byKey('p:U4:10')?.socialNumber).toMatch(/^\d{6}-\d{4}$/);
    expect(byKey('p:U4:8')?.socialNumber).toMatch(/^\d{8}-\d{4}$/);
    expect(byKey('p:U4:9')?.socialNumber.slice(0, 8)).toBe('20110230');
  });

  it('SCS-13/X8: the samordningsnummer turns into a personnummer on 2026-02-02 under the same studentId', async () => {
    await reset('2026-02-02T07:00:00+01:00');
    const id = studentIdOf('p:U4:7');
    const before = (await students()).find((student) => student.studentId === id);
    expect(Number(before?.socialNumber.slice(6, 8))).toBeGreaterThan(60);
    await harness.control('POST', '/clock/advance', { minutes: 120 });
    const after = (await students()).find((student) => student.studentId === id);
    expect(Number(after?.socialNumber.slice(6, 8))).toBeLessThanOrEqual(31);
    const record = harness.context.world.pupilRecord(sjostad, 'p:U4:7');
    const civicNo = record?.data.kind === 'pupil' ? record.data.civicNo : '';
    expect(after?.socialNumber).toBe(`${civicNo.slice(0, 8)}-${civicNo.slice(8)}`);
    expect(after?.changed).toBe('2026-02-02 08:00:00.0');
  });

  it('X7: protected pupils are flagged', async () => {
    const all = await students();
    for (const key of ['p:U4:4', 'p:U4:5']) expect(all.find((student) => student.studentId === studentIdOf(key))?.protectedIdentity).toBe(true);
  });

  it('SCS-15/X3: Noah is a GY pupil of orgId 4 only (his U3 enrolment is in Skola24)', async () => {
    const noah = (await students()).find((student) => student.socialNumber === '20090921-9875');
    expect(noah?.schools).toHaveLength(1);
    expect(noah?.schools[0]).toMatchObject({ orgId: 4, schoolType: 'GY', schoolYear: 1 });
  });

  it('SCS-15/X4 and snapshot paging: the transfer pupil appears from 2026-01-19 with a new, higher id; paging across it skips and repeats nothing', async () => {
    await reset('2026-01-19T06:00:00+01:00');
    const transferId = studentIdOf('p:U2:7');
    const before = await students();
    expect(before.some((student) => student.studentId === transferId)).toBe(false);
    let advanced = false;
    const paged = await readAllPages<Student>(harness, 'v2/school/4/students', token, 5, async () => {
      if (advanced) return;
      advanced = true;
      await harness.control('POST', '/clock/advance', { minutes: 60 });
    });
    const ids = paged.map((student) => student.studentId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...before.map((student) => student.studentId), transferId]);
    expect(paged[paged.length - 1]?.schools[0]).toMatchObject({ orgId: 4, className: '8A', studentActive: true, endDate: null });
  });
});

describe('parents', () => {
  it('shows Karin Berg as the file does', async () => {
    const karin = (await parents()).find((parent) => parent.socialNumber === '19820214-9863');
    expect(karin).toMatchObject({
      firstName: 'Karin',
      lastName: 'Berg',
      email: 'karin.berg@example.se',
      protectedIdentity: false,
      children: [{ studentId: studentIdOf('p:U4:0'), relation: 'GUARDIAN', parentAllowedAccess: true }],
      deleted: false,
    });
    expect(karin?.mobile).toMatch(/^07\d{8}$/);
    expect(karin?.userId).toBe(Number(harness.context.world.ids.guardian(sjostad, 'g:f:lind:0')));
  });

  it('X7: protected guardians have no email or mobile', async () => {
    const protectedParents = (await parents()).filter((parent) => parent.protectedIdentity);
    expect(protectedParents.length).toBeGreaterThan(0);
    for (const parent of protectedParents) expect([parent.email, parent.mobile]).toEqual([null, null]);
  });

  it('SCS-14/X6: an adult pupil keeps the relation; parentAllowedAccess follows the pupil\'s consent', async () => {
    const ebba = (await students()).find((student) => student.studentId === studentIdOf('p:U4:3'));
    expect(ebba?.isOfAge).toBe(true);
    const relations = (await parents()).flatMap((parent) => parent.children).filter((child) => child.studentId === studentIdOf('p:U4:3'));
    expect(relations.length).toBeGreaterThan(0);
    for (const relation of relations) {
      expect(relation.relation).toBe('GUARDIAN');
      expect(relation.parentAllowedAccess).toBe(harness.context.world.pupil('p:U4:3').consentsGuardianAccess);
    }
    // Minors' guardians have access.
    const elias = (await parents()).flatMap((parent) => parent.children).filter((child) => child.studentId === studentIdOf('p:U4:0'));
    expect(elias.every((child) => child.parentAllowedAccess)).toBe(true);
  });

  it('sorts by userId and lists guardians of several children with all of them', async () => {
    const all = await parents();
    const ids = all.map((parent) => parent.userId);
    expect(ids).toEqual([...ids].sort((left, right) => left - right));
    expect(all.every((parent) => parent.children.length >= 1)).toBe(true);
  });
});

describe('SCS-16 / COM-10: two tenants on one origin', () => {
  it('keeps Sjöstad and Åbro apart', async () => {
    const abroToken = (await harness.tokens('abro')).access_token;
    const abroStudents = await students(abroToken, 'abro');
    const sjostadIds = new Set((await students()).map((student) => student.studentId));
    expect(abroStudents.length).toBeGreaterThan(0);
    expect(abroStudents.every((student) => !sjostadIds.has(student.studentId))).toBe(true);
    expect(abroStudents.every((student) => student.schools.every((school) => school.orgId === 2))).toBe(true);
    expect(abroStudents.map((student) => student.studentId)).toContain(studentIdOf('p:U7:0', abro));
    expect((await harness.eva('v2/school/4/students', abroToken, 'abro')).status).toBe(404);
  });
});

describe('drift', () => {
  it('COM-08: extraFields adds two unknown fields and reorderFields reverses the keys, on v1 and v2 records', async () => {
    await harness.control('PUT', '/drift', { extraFields: true, reorderFields: true });
    const schools = (await (await harness.eva('v1/schools', token)).json()) as Record<string, unknown>[];
    expect(Object.keys(schools[0] ?? {})).toEqual(['simulatorExtraObject', 'simulatorExtraField', 'active', 'municipalityCode', 'schoolTypes', 'schoolUnitCode', 'name', 'orgId']);
    const page = (await (await harness.eva('v2/school/4/students?page=0&size=1', token)).json()) as { content: Record<string, unknown>[] };
    const keys = Object.keys(page.content[0] ?? {});
    expect(keys[0]).toBe('simulatorExtraObject');
    expect(keys[keys.length - 1]).toBe('studentId');
  });

  it('SCS-12: latin1Json sends ISO-8859-1 bytes and says so', async () => {
    await harness.control('PUT', '/drift', { latin1Json: true });
    const response = await harness.eva('v1/schools', token);
    expect(response.headers.get('content-type')).toBe('application/json;charset=ISO-8859-1');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.includes(Buffer.from([0x56, 0xe4, 0x67]))).toBe(true); // "Väg" in Latin-1
    expect(bytes.includes(Buffer.from('Vä', 'utf8'))).toBe(false);
    expect((JSON.parse(bytes.toString('latin1')) as { name: string }[])[0]?.name).toBe('Vägvisarskolan');
    const names = (JSON.parse(Buffer.from(await (await harness.eva('v2/school/4/parents?size=500', token)).arrayBuffer()).toString('latin1')) as { content: Parent[] }).content;
    expect(names.find((parent) => parent.socialNumber === '19820214-9863')?.lastName).toBe('Berg');
  });

  it('SCS-19: bareArrayLists leaves the roster Pages alone', async () => {
    await harness.control('PUT', '/drift', { bareArrayLists: true });
    const body: unknown = await (await harness.eva('v2/school/4/students?page=0&size=500', token)).json();
    expect(Array.isArray(body)).toBe(false);
  });
});
