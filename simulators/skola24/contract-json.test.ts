/**
 * Skola24 contract, JSON endpoints (skola24.md §3, §5, §7): the envelope, `X-Scope` and `hostName`
 * refusals, school years, units, reasons, the four paged lists with the example cast of Monday
 * 2026-03-09, validation codes, tenant separation and tombstones. Clock-moving cases are in
 * contract-paging.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MunicipalityKey } from '../world/index.js';
import { SCOPES } from './constants.js';
import { listBody, startHarness } from './contract.test-support.js';
import type { CookieJar, Harness, JsonEnvelope } from './contract.test-support.js';

const SJOSTAD = 'sjostad.skola24.se';
const ABRO = 'abro.skola24.se';

let harness: Harness;
let jar: CookieJar;

const slice = (tenant: MunicipalityKey = 'sjostad') => ({ platform: 'skola24', tenant }) as const;
const unitGuid = (unit: 'U1' | 'U3' | 'U6', tenant: MunicipalityKey = unit === 'U6' ? 'abro' : 'sjostad'): string => String(harness.context.world.ids.unit(slice(tenant), unit));
const personGuid = (key: string, tenant: MunicipalityKey = 'sjostad'): string =>
  String(key.startsWith('p:') ? harness.context.world.ids.pupil(slice(tenant), key) : harness.context.world.ids.guardian(slice(tenant), key));

beforeAll(async () => {
  harness = await startHarness();
  jar = await harness.login();
});
afterAll(async () => {
  await harness.close();
});

type Row = Record<string, unknown>;

async function list(path: string, listName: string, body: Record<string, unknown>, scope: 'integration' | 'plannedAbsence' = 'integration'): Promise<{ envelope: JsonEnvelope; rows: Row[] }> {
  const { envelope } = await harness.api(path, body, { jar, scope });
  expect(envelope.validation, JSON.stringify(envelope.validation)).toEqual([]);
  return { envelope, rows: (envelope.data?.[listName] as Row[] | undefined) ?? [] };
}

/** Every page of a list over one snapshot. */
async function readAll(path: string, listName: string, body: Record<string, unknown>, scope: 'integration' | 'plannedAbsence' = 'integration'): Promise<Row[]> {
  const rows: Row[] = [];
  let snapshotTime: unknown = null;
  for (let pageNumber = 1; ; pageNumber++) {
    const { envelope, rows: page } = await list(path, listName, { ...body, pageNumber, snapshotTime }, scope);
    rows.push(...page);
    snapshotTime = envelope.data?.snapshotTime;
    if (envelope.data?.hasMorePages !== true) return rows;
  }
}

describe('envelope and access (§3, S24-04)', () => {
  it('a wrong X-Scope is exception 403 inside HTTP 200, with data null', async () => {
    const { status, envelope } = await harness.api('/api/get/integration/units', { hostName: SJOSTAD }, { jar, scope: SCOPES.plannedAbsence });
    expect(status).toBe(200);
    expect(envelope.data).toBeNull();
    expect(envelope.validation).toEqual([]);
    expect(envelope.exception).toMatchObject({ code: 403, context: 'X-Scope', message: 'Åtkomst nekad' });
    expect(envelope.exception?.errorId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(envelope.exception?.errorTime).toBe('2026-03-10T02:00:00.0000000+01:00');
    expect(envelope.sessionExpires).not.toBeNull();
  });

  it('a missing X-Scope is refused the same way', async () => {
    const { envelope } = await harness.api('/api/get/absence/reasons', { hostName: SJOSTAD }, { jar, scope: '' });
    expect(envelope.exception).toMatchObject({ code: 403, context: 'X-Scope' });
  });

  it('another tenant’s hostName is exception 403; an unknown host is validation 100', async () => {
    const other = await harness.api('/api/get/integration/units', { hostName: ABRO }, { jar, scope: 'integration' });
    expect(other.envelope.exception).toMatchObject({ code: 403, context: 'hostName' });
    const unknown = await harness.api('/api/get/integration/units', { hostName: 'okand.skola24.se' }, { jar, scope: 'integration' });
    expect(unknown.envelope).toMatchObject({ data: null, exception: null, validation: [{ code: 100, label: 'hostName' }] });
  });
});

describe('reference data (§5)', () => {
  it('active school years: the one year 2025/2026 with its from/to', async () => {
    const { envelope } = await harness.api('/api/get/active/school/years', { hostName: SJOSTAD, checkSchoolYearsFeatures: false }, { jar, scope: 'timetable' });
    expect(envelope.data).toEqual({
      activeSchoolYears: [{ guid: String(harness.context.world.ids.schoolYear(slice())), name: '2025/2026', from: '2025-07-01', to: '2026-06-30' }],
      useSchoolYearsFeatures: true,
    });
  });

  it('units of Sjöstad are U1 and U3, with lowercase GUIDs and display names', async () => {
    const { envelope } = await harness.api('/api/get/integration/units', { hostName: SJOSTAD }, { jar, scope: 'integration' });
    expect(envelope.data).toEqual({
      units: [
        { unitGuid: unitGuid('U1'), unitId: 'Ekbackens skola', schoolUnitCode: '99010001', schoolTypes: ['FKLASS', 'GR', 'FTH'], municipalityCode: '9901', isActive: true },
        { unitGuid: unitGuid('U3'), unitId: 'Sjöstads gymnasium', schoolUnitCode: '99010003', schoolTypes: ['GY'], municipalityCode: '9901', isActive: true },
      ],
    });
    expect(unitGuid('U1')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('absence reasons: 1 Sjukdom, 2 Läkar-/tandläkarbesök, 3 Annat', async () => {
    const { envelope } = await harness.api('/api/get/absence/reasons', { hostName: SJOSTAD }, { jar, scope: 'plannedAbsence' });
    const reasons = envelope.data?.absenceReasons as Row[];
    expect(reasons.map((reason) => [reason.reasonId, reason.reasonDescription, reason.isActive])).toEqual([
      ['1', 'Sjukdom', true],
      ['2', 'Läkar-/tandläkarbesök', true],
      ['3', 'Annat', true],
    ]);
    expect(reasons.every((reason) => /^[0-9a-f-]{36}$/.test(String(reason.reasonGuid)))).toBe(true);
  });
});

describe('the example cast (§5)', () => {
  it('Saga as a student: 12 digits with a dash, her class, her enrolment', async () => {
    const rows = await readAll('/api/get/integration/students', 'students', listBody(SJOSTAD, unitGuid('U1')));
    const saga = rows.find((row) => row.personGuid === personGuid('p:U1:0'));
    expect(saga).toEqual({
      personGuid: personGuid('p:U1:0'),
      firstName: 'Saga',
      lastName: 'Lind',
      personalIdentityNumber: '20130512-9825',
      hasProtectedIdentity: false,
      isOfAge: false,
      studentUnits: [
        {
          unitGuid: unitGuid('U1'),
          schoolType: 'GR',
          schoolYear: 6,
          classGroupGuid: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
          className: '6B',
          startDate: '2019-08-19',
          endDate: null,
        },
      ],
      lastChanged: '2025-08-11T09:00:00.0000000+02:00',
      isActive: true,
    });
  });

  it('Karin as a guardian of pupils in U1, with her relation to Saga', async () => {
    const rows = await readAll('/api/get/integration/guardians', 'guardians', listBody(SJOSTAD, unitGuid('U1')));
    const karin = rows.find((row) => row.personGuid === personGuid('g:f:lind:0'));
    expect(karin).toMatchObject({
      firstName: 'Karin',
      lastName: 'Berg',
      personalIdentityNumber: '19820214-9863',
      hasProtectedIdentity: false,
      email: 'karin.berg@example.se',
      children: [{ studentPersonGuid: personGuid('p:U1:0'), relationId: 1, relationDescription: 'Vårdnadshavare', validFrom: '2013-05-12', validTo: null }],
      isActive: true,
    });
    expect(Object.keys(karin ?? {})).toEqual(['personGuid', 'firstName', 'lastName', 'personalIdentityNumber', 'hasProtectedIdentity', 'email', 'mobilePhone', 'children', 'lastChanged', 'isActive']);
  });

  it('Saga’s Monday: the forwarded copy of Karin’s SMS as a planned absence (X1, S24-17)', async () => {
    const rows = await readAll('/api/get/planned/absence/changes', 'plannedAbsences', listBody(SJOSTAD, unitGuid('U1'), { fromDate: '2026-03-09', toDate: '2026-03-09' }), 'plannedAbsence');
    const copy = rows.find((row) => row.studentPersonGuid === personGuid('p:U1:0'));
    const reasons = (await harness.api('/api/get/absence/reasons', { hostName: SJOSTAD }, { jar, scope: 'plannedAbsence' })).envelope.data?.absenceReasons as Row[];
    expect(copy).toEqual({
      absenceId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      studentPersonGuid: personGuid('p:U1:0'),
      unitGuid: unitGuid('U1'),
      week: 11,
      dateFrom: '2026-03-09T00:00:00',
      dateTo: null,
      dateTimeFrom: '2026-03-09T08:00:00',
      dateTimeTo: '2026-03-09T12:00:00',
      fullDayAbsence: false,
      isFullDayAbsence: false,
      reason: null,
      reasonId: '2',
      reasonGuid: reasons.find((reason) => reason.reasonId === '2')?.reasonGuid,
      reasonDescription: 'Läkar-/tandläkarbesök',
      comment: null,
      showComment: false,
      reporter: 'Karin Berg',
      absenceCreatorPersonGuid: personGuid('g:f:lind:0'),
      absenceCreatorRole: 'Integration',
      absenceCreationTime: '2026-03-09T06:54:02',
      readOnly: true,
      isActive: true,
      needsAcknowledge: false,
      hasAbsenceStartAcknowledge: false,
      hasAbsenceEndAcknowledge: false,
      lastChanged: '2026-03-09T06:54:02.0000000+01:00',
    });
  });

  it('Wilma’s leave application, waiting for her second guardian', async () => {
    const rows = await readAll('/api/get/integration/leave/applications', 'leaveApplications', listBody(SJOSTAD, unitGuid('U3')));
    const wilma = rows.find((row) => row.studentPersonGuid === personGuid('p:U3:0') && row.dateFrom === '2026-04-20T00:00:00');
    expect(wilma).toEqual({
      leaveApplicationGuid: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      studentPersonGuid: personGuid('p:U3:0'),
      unitGuid: unitGuid('U3'),
      dateFrom: '2026-04-20T00:00:00',
      dateTo: '2026-04-24T00:00:00',
      approvedDateFrom: null,
      approvedDateTo: null,
      reasonDescription: 'Familjeresa',
      comment: 'Resa till släkt',
      applicantPersonGuid: personGuid('g:f:ek:0'),
      applicantName: 'Maja Ek',
      applicantRole: 'Guardian',
      applicationTime: '2026-03-02T10:14:00',
      status: 1,
      statusDescription: 'Väntar på vårdnadshavare',
      guardianApprovals: [{ personGuid: personGuid('g:f:ek:1'), name: 'Lars Ek', approved: null, time: null }],
      decidedByName: null,
      decisionTime: null,
      decisionComment: null,
      lastChanged: '2026-03-02T10:14:00.0000000+01:00',
      isActive: true,
    });
  });
});

describe('paged lists (§5)', () => {
  it('page data: the list, pageNumber, pageSize, totalCount, hasMorePages, snapshotTime (the server’s now)', async () => {
    const { envelope, rows } = await list('/api/get/integration/students', 'students', listBody(SJOSTAD, unitGuid('U1'), { pageSize: 10 }));
    expect(Object.keys(envelope.data ?? {})).toEqual(['students', 'pageNumber', 'pageSize', 'totalCount', 'hasMorePages', 'snapshotTime']);
    expect(rows).toHaveLength(10);
    expect(envelope.data).toMatchObject({ pageNumber: 1, pageSize: 10, hasMorePages: true, snapshotTime: '2026-03-10T02:00:00.0000000+01:00' });
    expect(envelope.data?.totalCount).toBeGreaterThan(10);
  });

  it('rows come ordered by (lastChanged, id) and every page of one snapshot adds up to totalCount', async () => {
    const body = listBody(SJOSTAD, unitGuid('U1'), { pageSize: 7 });
    const rows = await readAll('/api/get/integration/students', 'students', body);
    const { envelope } = await list('/api/get/integration/students', 'students', body);
    expect(rows).toHaveLength(Number(envelope.data?.totalCount));
    expect(new Set(rows.map((row) => row.personGuid)).size).toBe(rows.length);
    const keys = rows.map((row) => `${Date.parse(String(row.lastChanged).replace(/(\.\d{3})\d{4}/, '$1'))}|${String(row.personGuid)}`);
    const sorted = [...keys].sort((left, right) => {
      const [leftTime = 0, leftId = ''] = left.split('|');
      const [rightTime = 0, rightId = ''] = right.split('|');
      return Number(leftTime) - Number(rightTime) || (leftId < rightId ? -1 : leftId > rightId ? 1 : 0);
    });
    expect(keys).toEqual(sorted);
  });

  it('a backfill (changedSince null) holds active records only; an incremental read includes tombstones (S24-18)', async () => {
    const body = listBody(SJOSTAD, unitGuid('U1'), { fromDate: '2025-08-18', toDate: '2026-03-09' });
    const backfill = await readAll('/api/get/planned/absence/changes', 'plannedAbsences', body, 'plannedAbsence');
    expect(backfill.length).toBeGreaterThan(0);
    expect(backfill.every((row) => row.isActive === true)).toBe(true);
    const incremental = await readAll('/api/get/planned/absence/changes', 'plannedAbsences', { ...body, changedSince: '2025-08-01T00:00:00.0000000+02:00' }, 'plannedAbsence');
    const tombstones = incremental.filter((row) => row.isActive === false);
    expect(tombstones.length).toBeGreaterThan(0);
    expect(incremental.length).toBe(backfill.length + tombstones.length);
  });

  it('fromDate/toDate filter planned absences on their first day and are ignored by students', async () => {
    const monday = await readAll('/api/get/planned/absence/changes', 'plannedAbsences', listBody(SJOSTAD, unitGuid('U1'), { fromDate: '2026-03-09', toDate: '2026-03-09' }), 'plannedAbsence');
    expect(monday.length).toBeGreaterThan(0);
    expect(monday.every((row) => row.dateFrom === '2026-03-09T00:00:00')).toBe(true);
    const all = await readAll('/api/get/integration/students', 'students', listBody(SJOSTAD, unitGuid('U1')));
    const filtered = await readAll('/api/get/integration/students', 'students', listBody(SJOSTAD, unitGuid('U1'), { fromDate: '2026-03-09', toDate: '2026-03-09' }));
    expect(filtered).toEqual(all);
  });

  it('guardians are listed per unit of their children (S24-19: a guardian of pupils in two units shows under each)', async () => {
    const u1 = await readAll('/api/get/integration/guardians', 'guardians', listBody(SJOSTAD, unitGuid('U1')));
    const u1Pupils = new Set((await readAll('/api/get/integration/students', 'students', listBody(SJOSTAD, unitGuid('U1')))).map((row) => row.personGuid));
    for (const guardian of u1) {
      expect((guardian.children as Row[]).some((child) => u1Pupils.has(child.studentPersonGuid))).toBe(true);
    }
  });
});

describe('validation codes (§7)', () => {
  const students = (overrides: Record<string, unknown>): Promise<JsonEnvelope> =>
    harness.api('/api/get/integration/students', listBody(SJOSTAD, unitGuid('U1'), overrides), { jar, scope: 'integration' }).then((answer) => answer.envelope);

  it.each([
    ['an unknown unitGuid', 9005, 'unitGuid', { unitGuid: '00000000-0000-0000-0000-000000000000' }],
    ['a missing unitGuid', 9005, 'unitGuid', { unitGuid: null }],
    ['pageSize 501', 9100, 'pageSize', { pageSize: 501 }],
    ['pageSize 0', 9100, 'pageSize', { pageSize: 0 }],
    ['pageNumber 0', 9101, 'pageNumber', { pageNumber: 0 }],
    ['an unparseable changedSince', 9102, 'changedSince', { changedSince: 'igår' }],
    ['a changedSince in the future', 9102, 'changedSince', { changedSince: '2026-03-11T00:00:00.0000000+01:00' }],
    ['a snapshotTime in the future', 9102, 'snapshotTime', { snapshotTime: '2026-03-10T02:00:01.0000000+01:00' }],
    ['a snapshotTime older than 24 h', 9104, 'snapshotTime', { snapshotTime: '2026-03-09T01:59:59.0000000+01:00' }],
    ['fromDate after toDate', 9103, 'fromDate', { fromDate: '2026-03-09', toDate: '2026-03-01' }],
    ['a span over 400 days', 9103, 'fromDate', { fromDate: '2025-01-01', toDate: '2026-03-01' }],
    ['an unknown schoolYear', 9110, 'schoolYear', { schoolYear: '00000000-0000-0000-0000-000000000000' }],
  ])('%s → %i (%s)', async (_case, code, label, overrides: Record<string, unknown>) => {
    const envelope = await students(overrides);
    expect(envelope).toMatchObject({ error: null, data: null, exception: null, needSessionRefresh: false });
    expect(envelope.validation).toEqual([{ code, label, message: expect.any(String) as unknown }]);
    expect(envelope.sessionExpires).not.toBeNull();
  });

  it('reports every problem of a body, one validation error each', async () => {
    const envelope = await students({ pageSize: 9999, pageNumber: -1, changedSince: 'x' });
    expect(envelope.validation.map((error) => error.code)).toEqual([9102, 9101, 9100]);
  });

  it('another tenant’s unit is not this session’s to read (9005)', async () => {
    expect((await students({ unitGuid: unitGuid('U6') })).validation[0]?.code).toBe(9005);
  });
});

describe('tenants (COM-10)', () => {
  it('Åbro’s session sees U6 only, Åbro’s pupils only, and its own GUIDs for the guardian with a child in each municipality', async () => {
    const abroJar = await harness.login('abro');
    const units = await harness.api('/api/get/integration/units', { hostName: ABRO }, { jar: abroJar, scope: 'integration' });
    expect((units.envelope.data?.units as Row[]).map((unit) => [unit.unitId, unit.municipalityCode])).toEqual([['Åbro skola', '9902']]);
    const refused = await harness.api('/api/get/integration/units', { hostName: SJOSTAD }, { jar: abroJar, scope: 'integration' });
    expect(refused.envelope.exception?.code).toBe(403);

    const { envelope } = await harness.api('/api/get/integration/guardians', listBody(ABRO, unitGuid('U6'), { pageSize: 500 }), { jar: abroJar, scope: 'integration' });
    const abroGuardians = envelope.data?.guardians as Row[];
    const twoMunicipalities = abroGuardians.find((row) => row.personGuid === personGuid('g:f:tvakommuner:0', 'abro'));
    expect(twoMunicipalities).toBeDefined();
    expect(personGuid('g:f:tvakommuner:0', 'abro')).not.toBe(personGuid('g:f:tvakommuner:0', 'sjostad'));
    const sjostadPupils = new Set((await readAll('/api/get/integration/students', 'students', listBody(SJOSTAD, unitGuid('U1')))).map((row) => row.personGuid));
    for (const child of twoMunicipalities?.children as Row[]) expect(sjostadPupils.has(child.studentPersonGuid)).toBe(false);
  });
});

describe('X7–X9 in the roster (S24-21)', () => {
  it('protected pupils and guardians carry hasProtectedIdentity and no contact data', async () => {
    const guardians = await readAll('/api/get/integration/guardians', 'guardians', listBody(SJOSTAD, unitGuid('U1')));
    const protectedOnes = guardians.filter((row) => row.hasProtectedIdentity === true);
    expect(protectedOnes.length).toBeGreaterThan(0);
    for (const row of protectedOnes) expect([row.email, row.mobilePhone]).toEqual([null, null]);
  });

  it('X9 numbers are served as the platform holds them: a 10-digit form, an impossible date, a bad check digit', async () => {
    const rows = await readAll('/api/get/integration/students', 'students', listBody(SJOSTAD, unitGuid('U1')));
    const numberOf = (key: string): unknown => rows.find((row) => row.personGuid === personGuid(key))?.personalIdentityNumber;
    expect(numberOf('p:U1:8')).toMatch(/^\d{6}-\d{4}$/);
    expect(numberOf('p:U1:7')).toMatch(/^20130230-\d{4}$/);
    expect(numberOf('p:U1:6')).toMatch(/^\d{8}-\d{4}$/);
    // Which of them the ground truth quarantines, by field, is checked with the fault profile in contract-faults-drift.test.ts.
  });
});
