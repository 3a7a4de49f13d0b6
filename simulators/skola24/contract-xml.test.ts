/**
 * Skola24 contract, the XML per-lesson absence export (skola24.md §6): the document byte for byte
 * where the file shows it (Saga's Monday), lists of none, one and many, nil versus empty, ASMX's
 * missing-parameter exception, and failures as documents.
 */
import xml2js from 'xml2js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MunicipalityKey } from '../world/index.js';
import { exportForm, listBody, startHarness } from './contract.test-support.js';
import type { CookieJar, Harness } from './contract.test-support.js';

const SJOSTAD = 'sjostad.skola24.se';
const NAMESPACE = 'http://schemas.skola24.se/integration/lessonabsence/2021/09';
const MONDAY = { fromDate: '2026-03-09', toDate: '2026-03-09' };

let harness: Harness;
let jar: CookieJar;

const slice = (tenant: MunicipalityKey = 'sjostad') => ({ platform: 'skola24', tenant }) as const;
const unitGuid = (unit: 'U1' | 'U3' | 'U6'): string => String(harness.context.world.ids.unit(slice(unit === 'U6' ? 'abro' : 'sjostad'), unit));
const pupilGuid = (key: string): string => String(harness.context.world.ids.pupil(slice(), key));

beforeAll(async () => {
  harness = await startHarness();
  jar = await harness.login();
});
afterAll(async () => {
  await harness.close();
});

/** The `<Registration>` blocks of a document, as raw text. */
function registrationBlocks(text: string): string[] {
  return [...text.matchAll(/ {4}<Registration>\r\n[\s\S]*? {4}<\/Registration>/g)].map((match) => match[0]);
}

function element(block: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(block)?.[1];
}

describe('the document (§6)', () => {
  it('Saga’s Monday: the Matematik and Svenska registrations exactly as the file shows them', async () => {
    const answer = await harness.exportXml(exportForm(SJOSTAD, unitGuid('U1'), MONDAY), { jar });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('text/xml; charset=utf-8');
    const saga = registrationBlocks(answer.text).filter((block) => block.includes(`<StudentPersonGuid>${pupilGuid('p:U1:0')}</StudentPersonGuid>`));
    // 08:00–12:00 covers three lessons; the file shows the first and the 12:40 one.
    expect(saga).toHaveLength(4);
    const matematik = saga.find((block) => block.includes('<LessonStart>2026-03-09T08:20:00</LessonStart>'));
    const svenska = saga.find((block) => block.includes('<LessonStart>2026-03-09T12:40:00</LessonStart>'));

    const plannedAbsences = (await harness.api('/api/get/planned/absence/changes', listBody(SJOSTAD, unitGuid('U1'), MONDAY), { jar, scope: 'plannedAbsence' })).envelope.data
      ?.plannedAbsences as Record<string, unknown>[];
    const copyId = plannedAbsences.find((row) => row.studentPersonGuid === pupilGuid('p:U1:0'))?.absenceId;
    const rest = (block: string | undefined, name: string): string => element(block ?? '', name) ?? 'missing';
    expect(matematik).toBe(
      [
        '    <Registration>',
        `      <RegistrationGuid>${rest(matematik, 'RegistrationGuid')}</RegistrationGuid>`,
        `      <StudentPersonGuid>${pupilGuid('p:U1:0')}</StudentPersonGuid>`,
        `      <LessonId>${rest(matematik, 'LessonId')}</LessonId>`,
        '      <Date>2026-03-09</Date>',
        '      <LessonStart>2026-03-09T08:20:00</LessonStart>',
        '      <LessonEnd>2026-03-09T09:20:00</LessonEnd>',
        '      <LessonMinutes>60</LessonMinutes>',
        '      <Subject code="MA">Matematik</Subject>',
        `      <GroupGuid>${rest(matematik, 'GroupGuid')}</GroupGuid>`,
        '      <GroupName>6B</GroupName>',
        '      <TeacherSignature>LHO</TeacherSignature>',
        '      <Type>Franvarande</Type>',
        '      <IsValid>true</IsValid>',
        '      <AbsenceMinutes>60</AbsenceMinutes>',
        `      <PlannedAbsenceId>${String(copyId)}</PlannedAbsenceId>`,
        '      <LeaveApplicationGuid xsi:nil="true" />',
        '      <Comment />',
        '      <IsReported>true</IsReported>',
        '      <ReportedTime>2026-03-09T09:24:51+01:00</ReportedTime>',
        '      <LastChanged>2026-03-09T09:24:51+01:00</LastChanged>',
        '      <Deleted>false</Deleted>',
        '    </Registration>',
      ].join('\r\n'),
    );
    expect(rest(matematik, 'LessonId')).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(rest(matematik, 'RegistrationGuid')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(svenska).toContain('<LessonStart>2026-03-09T12:40:00</LessonStart>');
    expect(svenska).toContain('<Subject code="SV">Svenska</Subject>');
    expect(svenska).toContain('<TeacherSignature>ABJ</TeacherSignature>');
    expect(svenska).toContain('<Type>SenAnkomst</Type>');
    expect(svenska).toContain('<IsValid>false</IsValid>');
    expect(svenska).toContain('<AbsenceMinutes>10</AbsenceMinutes>');
    expect(svenska).toContain('<PlannedAbsenceId xsi:nil="true" />');
    expect(svenska).toContain('<Comment>Missade bussen &amp; kom 12:50</Comment>');
    expect(rest(svenska, 'RegistrationGuid')).not.toBe(rest(matematik, 'RegistrationGuid'));
    expect(rest(svenska, 'LessonId')).not.toBe(rest(matematik, 'LessonId'));
  });

  it('declaration, root with its namespaces, and root children in the file’s order', async () => {
    const answer = await harness.exportXml(exportForm(SJOSTAD, unitGuid('U1'), { ...MONDAY, pageSize: '5' }), { jar });
    const lines = answer.text.split('\r\n');
    expect(lines[0]).toBe('<?xml version="1.0" encoding="utf-8"?>');
    expect(lines[1]).toBe(
      `<LessonAbsenceExportResult xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="${NAMESPACE}">`,
    );
    const rootChildren = lines.filter((line) => /^ {2}<[A-Za-z]/.test(line)).map((line) => /^ {2}<(\w+)/.exec(line)?.[1]);
    expect(rootChildren).toEqual(['SessionExpires', 'NeedSessionRefresh', 'Validation', 'Unit', 'Page', 'SnapshotTime', 'Registrations']);
    expect(lines[2]).toMatch(/^ {2}<SessionExpires>2026-03-10T0[23]:\d{2}:\d{2}\.\d{7}\+01:00<\/SessionExpires>$/);
    expect(lines).toContain('  <NeedSessionRefresh>false</NeedSessionRefresh>');
    expect(lines).toContain('  <Validation />');
    expect(lines).toContain(`  <Unit unitGuid="${unitGuid('U1')}" schoolUnitCode="99010001">Ekbackens skola</Unit>`);
    expect(lines.find((line) => line.startsWith('  <Page '))).toMatch(/^ {2}<Page number="1" size="5" totalCount="\d+" hasMorePages="true" \/>$/);
    expect(lines).toContain('  <SnapshotTime>2026-03-10T02:00:00.0000000+01:00</SnapshotTime>');
    expect(registrationBlocks(answer.text)).toHaveLength(5);
  });

  it('a list of one holds exactly one Registration, and totalCount counts the whole result (S24-09)', async () => {
    const answer = await harness.exportXml(exportForm(SJOSTAD, unitGuid('U1'), { ...MONDAY, pageSize: '1' }), { jar });
    expect(registrationBlocks(answer.text)).toHaveLength(1);
    expect(answer.text).toMatch(/<Registrations>\r\n {4}<Registration>[\s\S]*<\/Registration>\r\n {2}<\/Registrations>/);
    const totalCount = Number(/totalCount="(\d+)"/.exec(answer.text)?.[1]);
    expect(totalCount).toBeGreaterThan(1);
    const parsed = (await xml2js.parseStringPromise(answer.text, { explicitArray: false })) as { LessonAbsenceExportResult: { Registrations: { Registration: unknown } } };
    // The pitfall the connector must survive: one child is an object, not an array.
    expect(Array.isArray(parsed.LessonAbsenceExportResult.Registrations.Registration)).toBe(false);
  });

  it('an empty list is <Registrations />, which xml2js reads as "" (S24-10)', async () => {
    const answer = await harness.exportXml(exportForm(SJOSTAD, unitGuid('U1'), { fromDate: '2026-03-08', toDate: '2026-03-08' }), { jar });
    expect(answer.text).toContain('  <Page number="1" size="1000" totalCount="0" hasMorePages="false" />');
    expect(answer.text).toContain('  <Registrations />');
    const parsed = (await xml2js.parseStringPromise(answer.text, { explicitArray: false })) as { LessonAbsenceExportResult: { Registrations: unknown } };
    expect(parsed.LessonAbsenceExportResult.Registrations).toBe('');
  });

  it('every Registration child is present; nil only on the nillable ones', async () => {
    const answer = await harness.exportXml(exportForm(SJOSTAD, unitGuid('U1'), { fromDate: '2026-03-02', toDate: '2026-03-09' }), { jar });
    const blocks = registrationBlocks(answer.text);
    expect(blocks.length).toBeGreaterThan(10);
    const nillable = new Set(['LessonId', 'Subject', 'GroupGuid', 'GroupName', 'TeacherSignature', 'IsValid', 'PlannedAbsenceId', 'LeaveApplicationGuid', 'Comment', 'ReportedTime']);
    const order = ['RegistrationGuid', 'StudentPersonGuid', 'LessonId', 'Date', 'LessonStart', 'LessonEnd', 'LessonMinutes', 'Subject', 'GroupGuid', 'GroupName', 'TeacherSignature', 'Type', 'IsValid', 'AbsenceMinutes', 'PlannedAbsenceId', 'LeaveApplicationGuid', 'Comment', 'IsReported', 'ReportedTime', 'LastChanged', 'Deleted'];
    for (const block of blocks) {
      const children = [...block.matchAll(/^ {6}<(\w+)/gm)].map((match) => match[1]);
      expect(children).toEqual(order);
      for (const match of block.matchAll(/^ {6}<(\w+) xsi:nil="true" \/>$/gm)) expect(nillable.has(match[1] ?? '')).toBe(true);
      expect(['Franvarande', 'SenAnkomst', 'GattTidigare', 'AnnanSkolaktivitet', 'Ledighet']).toContain(element(block, 'Type'));
      expect(element(block, 'AbsenceMinutes')).toMatch(/^\d+$/);
    }
    expect(blocks.some((block) => block.includes('<LeaveApplicationGuid>'))).toBe(true);
  });
});

describe('failures (§6, S24-14, S24-04)', () => {
  it('a form without one of the fields is ASMX’s 500 text/plain "Missing parameter" with a stack trace', async () => {
    const form = exportForm(SJOSTAD, unitGuid('U1'));
    delete form.snapshotTime;
    const answer = await harness.exportXml(form, { jar });
    expect(answer.status).toBe(500);
    expect(answer.contentType).toBe('text/plain; charset=utf-8');
    expect(answer.text.split('\r\n')[0]).toBe('System.InvalidOperationException: Missing parameter: snapshotTime.');
    expect(answer.text).toContain('   at System.Web.Services.Protocols.ValueCollectionParameterReader.Read');
  });

  it('a wrong X-Scope, another tenant’s host and an unknown host are documents with one ValidationError and no result', async () => {
    const cases: [Record<string, string>, string | undefined, string, string][] = [
      [exportForm(SJOSTAD, unitGuid('U1')), 'f9193d2f-b9f5-41a5-b5ca-b2f52690b27e', '403', 'X-Scope'],
      [exportForm('abro.skola24.se', unitGuid('U6')), undefined, '403', 'hostName'],
      [exportForm('okand.skola24.se', unitGuid('U1')), undefined, '100', 'hostName'],
    ];
    for (const [form, scope, code, label] of cases) {
      const answer = await harness.exportXml(form, { jar, ...(scope ? { scope } : {}) });
      expect(answer.status).toBe(200);
      expect(answer.text).toContain(`<ValidationError>\r\n      <Code>${code}</Code>\r\n      <Label>${label}</Label>`);
      expect(answer.text).toMatch(/<SessionExpires>2026-03-10T\S+<\/SessionExpires>/);
      for (const absent of ['<Unit', '<Page', '<SnapshotTime', '<Registrations']) expect(answer.text).not.toContain(absent);
    }
  });

  it.each([
    ['pageSize 1001', '9100', { pageSize: '1001' }],
    ['an empty pageNumber', '9101', { pageNumber: '' }],
    ['an unparseable snapshotTime', '9102', { snapshotTime: 'nu' }],
    ['fromDate after toDate', '9103', { fromDate: '2026-03-09', toDate: '2026-03-01' }],
    ['a snapshotTime older than 24 h', '9104', { snapshotTime: '2026-03-08T02:00:00+01:00' }],
  ])('%s → Code %s in the document', async (_case, code, overrides: Record<string, string>) => {
    const answer = await harness.exportXml(exportForm(SJOSTAD, unitGuid('U1'), overrides), { jar });
    expect(answer.text).toContain(`<Code>${code}</Code>`);
    expect(answer.text).not.toContain('<Registrations');
  });

  it('several errors give several ValidationErrors (xml2js: an array only when there are two)', async () => {
    const answer = await harness.exportXml(exportForm(SJOSTAD, '', { pageSize: '0' }), { jar });
    expect([...answer.text.matchAll(/<ValidationError>/g)]).toHaveLength(2);
    const parsed = (await xml2js.parseStringPromise(answer.text, { explicitArray: false })) as { LessonAbsenceExportResult: { Validation: { ValidationError: unknown } } };
    expect(Array.isArray(parsed.LessonAbsenceExportResult.Validation.ValidationError)).toBe(true);
  });

  it('GET on the service is IIS’s 405 page', async () => {
    const response = await fetch(`${harness.url}/Services/Integration/LessonAbsenceExport.asmx/GetLessonAbsences`);
    expect(response.status).toBe(405);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });
});

describe('X12 dates and stamps (S24-15)', () => {
  it('LessonStart is local without offset; ReportedTime carries the offset of its instant (+02:00 before the autumn change, +01:00 after)', async () => {
    for (const [date, offset] of [
      ['2025-10-24', '+02:00'],
      ['2025-11-03', '+01:00'],
    ] as const) {
      const answer = await harness.exportXml(exportForm(SJOSTAD, unitGuid('U1'), { fromDate: date, toDate: date }), { jar });
      const blocks = registrationBlocks(answer.text);
      expect(blocks.length).toBeGreaterThan(0);
      for (const block of blocks) {
        expect(element(block, 'LessonStart')).toMatch(new RegExp(`^${date}T\\d{2}:\\d{2}:00$`));
        expect(element(block, 'LessonStart')?.slice(11, 13)).toMatch(/^(0[89]|1[0-5])$/);
        expect(element(block, 'ReportedTime')).toMatch(/[+-]\d{2}:\d{2}$/);
      }
      expect(blocks.some((block) => element(block, 'ReportedTime')?.endsWith(offset))).toBe(true);
    }
  });
});
