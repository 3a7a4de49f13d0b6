/**
 * Skola24 contract, drift and faults (skola24.md §9, platforms README §4): every drift toggle the
 * file lists, malformed records on exactly the malformable fields and in the ground truth, and the
 * platform's own bodies for an injected 5xx and 429.
 */
import xml2js from 'xml2js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportForm, listBody, startHarness } from './contract.test-support.js';
import type { CookieJar, Harness, JsonEnvelope } from './contract.test-support.js';

const SJOSTAD = 'sjostad.skola24.se';
const WEEK = { fromDate: '2026-03-02', toDate: '2026-03-09' };

let harness: Harness;
let jar: CookieJar;
let u1: string;
let schoolYear: string;

type Row = Record<string, unknown>;

beforeAll(async () => {
  harness = await startHarness();
  jar = await harness.login();
  const slice = { platform: 'skola24', tenant: 'sjostad' } as const;
  u1 = String(harness.context.world.ids.unit(slice, 'U1'));
  schoolYear = String(harness.context.world.ids.schoolYear(slice));
});
afterEach(async () => {
  await harness.control('PUT', '/drift', {});
  await harness.control('PUT', '/faults', {});
});
afterAll(async () => {
  await harness.close();
});

async function students(overrides: Row = {}): Promise<JsonEnvelope> {
  return (await harness.api('/api/get/integration/students', listBody(SJOSTAD, u1, { pageSize: 20, ...overrides }), { jar, scope: 'integration' })).envelope;
}

async function drift(toggles: Row): Promise<void> {
  expect((await harness.control('PUT', '/drift', toggles)).status).toBe(204);
}

const withoutExpiry = (text: string): string => text.replace(/<(s24:)?SessionExpires>[^<]*<\/(s24:)?SessionExpires>/, '');

describe('drift toggles (§9, S24-12, S24-22, COM-08, COM-11)', () => {
  it('extraFields adds two unknown camelCase fields to every JSON record; reorderFields reverses the keys; values stay', async () => {
    const plain = (await students()).data?.students as Row[];
    await drift({ extraFields: true, reorderFields: true });
    const drifted = (await students()).data?.students as Row[];
    expect(drifted).toHaveLength(plain.length);
    for (const [index, row] of drifted.entries()) {
      const keys = Object.keys(row);
      expect(keys.slice(0, 2)).toEqual(['simulatorExtraObject', 'simulatorExtraField']);
      expect(keys.slice(2)).toEqual(Object.keys(plain[index] ?? {}).reverse());
      const { simulatorExtraField: _field, simulatorExtraObject: _object, ...rest } = row;
      expect(rest).toEqual(plain[index]);
    }
  });

  it('extraFields and reorderFields act on XML Registration elements too', async () => {
    await drift({ extraFields: true, reorderFields: true });
    const answer = await harness.exportXml(exportForm(SJOSTAD, u1, { ...WEEK, pageSize: '3' }), { jar });
    const block = /<Registration>([\s\S]*?)<\/Registration>/.exec(answer.text)?.[1] ?? '';
    const children = [...block.matchAll(/^ {6}<(\w+)/gm)].map((match) => match[1]);
    expect(children[0]).toBe('SimulatorExtraObject');
    expect(children[1]).toBe('SimulatorExtraField');
    expect(children.at(-1)).toBe('RegistrationGuid');
    expect(block).toContain('<SimulatorExtraField>drift</SimulatorExtraField>');
  });

  it('xmlBom puts EF BB BF before the declaration; nsPrefix writes s24: on every element, bound to the same namespace', async () => {
    const form = exportForm(SJOSTAD, u1, { ...WEEK, pageSize: '4' });
    const plain = await harness.exportXml(form, { jar });
    await drift({ xmlBom: true });
    const bom = await harness.exportXml(form, { jar });
    expect([...bom.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(withoutExpiry(bom.bytes.subarray(3).toString('utf8'))).toBe(withoutExpiry(plain.text));

    await drift({ nsPrefix: true });
    const prefixed = await harness.exportXml(form, { jar });
    expect(prefixed.text.split('\r\n')[1]).toBe(
      '<s24:LessonAbsenceExportResult xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:s24="http://schemas.skola24.se/integration/lessonabsence/2021/09">',
    );
    expect(prefixed.text).toContain('<s24:Registrations>');
    expect(prefixed.text).toContain('<s24:LeaveApplicationGuid xsi:nil="true" />');
    expect(prefixed.text).not.toMatch(/<(?!s24:|\/s24:|\?xml)[A-Za-z]/);

    const read = async (text: string): Promise<unknown> => {
      const parsed = (await xml2js.parseStringPromise(withoutExpiry(text), { tagNameProcessors: [xml2js.processors.stripPrefix], xmlns: true })) as Record<string, Record<string, unknown>>;
      const root = parsed.LessonAbsenceExportResult ?? {};
      const { $: _namespaces, $ns: rootNamespace, ...children } = root;
      return { rootNamespace, children: JSON.parse(JSON.stringify(children, (key, value: unknown) => (key === 'xmlns' || key === '$ns' ? undefined : value))) as unknown };
    };
    expect(await read(prefixed.text)).toEqual(await read(plain.text));
  });

  it('mandatorySchoolYear: without schoolYear 9110 in JSON and XML; with it the call passes', async () => {
    await drift({ mandatorySchoolYear: true });
    expect((await students()).validation).toEqual([{ code: 9110, label: 'schoolYear', message: expect.any(String) as unknown }]);
    expect((await students({ schoolYear })).validation).toEqual([]);
    expect((await harness.exportXml(exportForm(SJOSTAD, u1), { jar })).text).toContain('<Code>9110</Code>');
    expect((await harness.exportXml(exportForm(SJOSTAD, u1, { ...WEEK, schoolYear }), { jar })).text).toContain('<Validation />');
  });

  it('validationErrorsInData: the units call fails inside data with root validation []', async () => {
    await drift({ validationErrorsInData: true });
    const { envelope } = await harness.api('/api/get/integration/units', { hostName: SJOSTAD }, { jar, scope: 'integration' });
    expect(envelope.validation).toEqual([]);
    expect(envelope.exception).toBeNull();
    expect(envelope.data).toEqual({ units: [], validationErrors: [{ id: 9005, description: expect.any(String) as unknown }] });
  });

  it('movedPermanently: data calls get 301 to another origin; the login routes are left alone', async () => {
    await drift({ movedPermanently: true });
    const moved = await fetch(`${harness.url}/api/get/integration/units`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('https://moved.simulator.invalid/api/get/integration/units');
    const xml = await fetch(`${harness.url}/Services/Integration/LessonAbsenceExport.asmx/GetLessonAbsences`, { method: 'POST', redirect: 'manual' });
    expect(xml.status).toBe(301);
    expect((await fetch(`${harness.url}/`, { redirect: 'manual' })).headers.get('location')).toBe('https://www.skola24.se/');
    await expect(harness.login()).resolves.toBeInstanceOf(Map);
  });

  it('an unknown toggle is refused', async () => {
    expect((await harness.control('PUT', '/drift', { callbackSpelling: 'both' })).status).toBe(400);
  });
});

function isLuhnValid(formatted: string): boolean {
  const digits = formatted.replace(/\D/g, '').slice(-10);
  let sum = 0;
  for (let index = 0; index < 9; index++) {
    let digit = Number(digits[index]) * (index % 2 === 0 ? 2 : 1);
    if (digit > 9) digit -= 9;
    sum += digit;
  }
  return (10 - (sum % 10)) % 10 === Number(digits[9]);
}

const STAMP = /^\d{4}-(0[13-9]|1[0-2]|02-(0[1-9]|1\d|2[0-8]))/;

describe('malformed records (§9, COM-07)', () => {
  interface Entry {
    recordType: string;
    id: string;
    kind: string;
    field: string;
  }

  async function groundTruthMalformed(): Promise<Entry[]> {
    const response = await harness.control('GET', '/world?tenant=sjostad');
    expect(response.status).toBe(200);
    return ((await response.json()) as { malformed: Entry[] }).malformed;
  }

  it('JSON students carry the defect the ground truth lists, on a malformable field only; the rest of the page is intact', async () => {
    await harness.control('PUT', '/faults', { malformedRecordRate: 0.3 });
    const rows = (await students({ pageSize: 500 })).data?.students as Row[];
    const pupilEntries = (await groundTruthMalformed()).filter((entry) => entry.recordType === 'pupils');
    const truth = new Map(pupilEntries.map((entry) => [entry.id, entry]));
    // X9 (S24-21): the world's own malformed numbers, quarantined by the civic-number field.
    const x9Keys = ['p:U1:6', 'p:U1:7', 'p:U1:8'].map((key) => String(harness.context.world.ids.pupil({ platform: 'skola24', tenant: 'sjostad' }, key)));
    for (const id of x9Keys) expect(truth.get(id)).toMatchObject({ kind: 'badCivicNo', field: 'personalIdentityNumber' });
    const x9 = new Set(pupilEntries.filter((entry) => entry.kind === 'badCivicNo' && x9Keys.includes(entry.id)).map((entry) => entry.id));
    let defects = 0;
    for (const row of rows) {
      const id = String(row.personGuid);
      const entry = truth.get(id);
      const civicOk = typeof row.personalIdentityNumber === 'string' && /^\d{8}-\d{4}$/.test(row.personalIdentityNumber) && isLuhnValid(row.personalIdentityNumber);
      const stampOk = typeof row.lastChanged === 'string' && STAMP.test(row.lastChanged);
      if (!entry || x9.has(id)) {
        expect(stampOk, id).toBe(true);
        if (!x9.has(id)) expect(civicOk, id).toBe(true);
        continue;
      }
      defects += 1;
      expect(['personalIdentityNumber', 'lastChanged']).toContain(entry.field);
      expect(entry.field === 'personalIdentityNumber' ? civicOk : stampOk, `${entry.kind} ${entry.field}`).toBe(false);
      expect(entry.field === 'personalIdentityNumber' ? stampOk : civicOk).toBe(true);
      if (entry.kind === 'missingRequired') expect(entry.field in row).toBe(false);
    }
    expect(defects).toBeGreaterThan(0);
    const again = (await students({ pageSize: 500 })).data?.students;
    expect(again).toEqual(rows);
  });

  it('XML registrations likewise, and an unknown Type is listed as unknownEnum', async () => {
    await harness.control('PUT', '/faults', { malformedRecordRate: 0.3, malformedKinds: ['missingRequired', 'wrongType', 'unknownEnum', 'badDate'] });
    const answer = await harness.exportXml(exportForm(SJOSTAD, u1, WEEK), { jar });
    const truth = new Map((await groundTruthMalformed()).filter((entry) => entry.recordType === 'absences').map((entry) => [entry.id, entry]));
    const blocks = [...answer.text.matchAll(/<Registration>([\s\S]*?)<\/Registration>/g)].map((match) => match[1] ?? '');
    const kinds = new Set<string>();
    for (const block of blocks) {
      const id = /<RegistrationGuid>([^<]+)</.exec(block)?.[1] ?? '';
      const value = (name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(block)?.[1];
      const intact: Record<string, boolean> = {
        LessonStart: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(value('LessonStart') ?? '') && STAMP.test(value('LessonStart') ?? ''),
        AbsenceMinutes: /^\d+$/.test(value('AbsenceMinutes') ?? ''),
        Type: ['Franvarande', 'SenAnkomst', 'GattTidigare', 'AnnanSkolaktivitet', 'Ledighet'].includes(value('Type') ?? ''),
        StudentPersonGuid: /^[0-9a-f-]{36}$/.test(value('StudentPersonGuid') ?? ''),
      };
      const entry = truth.get(id);
      if (!entry || entry.kind === 'personQuarantined') {
        expect(Object.values(intact).every(Boolean), id).toBe(true);
        continue;
      }
      kinds.add(entry.kind);
      expect(intact[entry.field], `${entry.kind} ${entry.field}`).toBe(false);
      expect(Object.entries(intact).filter(([field]) => field !== entry.field).every(([, ok]) => ok)).toBe(true);
      if (entry.kind === 'unknownEnum') expect(entry.field).toBe('Type');
    }
    expect(kinds.size).toBeGreaterThan(1);
  });
});

describe('injected faults use the platform’s own bodies (§3)', () => {
  it('a 5xx is an IIS HTML page and changes nothing', async () => {
    await harness.control('PUT', '/faults', { routes: ['/api/get/*'], serverErrorRate: 1, serverErrorStatuses: [503] });
    const response = await fetch(`${harness.url}/api/get/integration/units`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('HTTP Error 503. The service is unavailable.');
  });

  it('a 429 is an IIS HTML page with Retry-After', async () => {
    await harness.control('PUT', '/faults', { rateLimit: { everyRequests: 1, retryAfterSeconds: 30, retryAfterFormat: 'seconds' } });
    await harness.api('/api/get/user/info', null, { jar, scope: 'portal' });
    const response = await fetch(`${harness.url}/api/get/user/info`, { method: 'POST' });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('429 - Too Many Requests');
  });
});

describe('control API', () => {
  it('health names the platform; the world of each tenant is served', async () => {
    expect(await (await harness.control('GET', '/health')).json()).toMatchObject({ platform: 'skola24', students: 120, now: '2026-03-10T01:00:00.000Z' });
    const abro = (await (await harness.control('GET', '/world?tenant=abro')).json()) as { municipality: string; persons: { platformIds: Record<string, unknown> }[] };
    expect(abro.municipality).toBe('abro');
    expect(abro.persons.length).toBeGreaterThan(0);
  });
});
