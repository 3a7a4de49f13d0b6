/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call -- contract tests read wire JSON loosely, field by field, as the test config already allows for assignment and member access */
/**
 * SS 12000 contract, the register (ss12000.md §3–§4, §7): organisations, persons (pupils,
 * guardians, teachers), `Klass` groups, lookups, expand parameters, protected persons, civic
 * numbers (X8, X9, `20130101TF01`), an 18th birthday (X6) and tenant separation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABRO, SJOSTAD, startSs12000 } from './contract.test-support.js';
import type { Row, Ss12000Harness } from './contract.test-support.js';

let sim: Ss12000Harness;
let units: Row[];
let lark: Row;

const unitId = (schoolUnitCode: string): string => String(units.find((unit) => unit.schoolUnitCode === schoolUnitCode)?.id);
const fullName = (person: Row): string => `${person.givenName} ${person.familyName}`;

async function pupilsOf(organisation: string, extra: Record<string, string> = {}, customer = SJOSTAD): Promise<Row[]> {
  return (await sim.all('/persons', { 'relationship.entity.type': 'enrolment', 'relationship.organisation': organisation, limit: 1000, ...extra }, { customer })).data;
}

beforeAll(async () => {
  sim = await startSs12000();
  units = (await sim.get('/organisations', { limit: 100 })).body.data as Row[];
  lark = units.find((unit) => unit.schoolUnitCode === '99010005') as Row;
});

afterAll(async () => {
  await sim.close();
});

describe('GET /organisations', () => {
  it('shows the huvudman and the customer school units; U5 is the example', async () => {
    const response = await sim.get('/organisations', { limit: 100 });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual(['data', 'pageToken']);
    expect(response.body.pageToken).toBeNull();
    const huvudman = units.find((unit) => unit.organisationType === 'Huvudman') as Row;
    expect(huvudman).toMatchObject({ displayName: 'Sjöstad kommun', municipalityCode: '9901' });
    expect(units.filter((unit) => unit.organisationType === 'Skolenhet').map((unit) => unit.schoolUnitCode).sort()).toEqual(['99010001', '99010002', '99010003', '99010004', '99010005']);
    expect(lark).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      meta: { created: '2019-06-01T08:00:00+02:00', modified: '2025-08-01T07:12:03+02:00' },
      displayName: 'Lärkängsskolan',
      organisationType: 'Skolenhet',
      organisationCode: 'LARK',
      schoolUnitCode: '99010005',
      schoolTypes: ['FKLASS', 'GR'],
      municipalityCode: '9901',
      parentOrganisation: { id: huvudman.id },
      startDate: '2001-07-01',
    });
  });

  it('Åbro (customer 9902) sees only its own two units', async () => {
    const abro = (await sim.get('/organisations', {}, { customer: ABRO })).body.data as Row[];
    expect(abro.map((unit) => unit.schoolUnitCode).filter(Boolean).sort()).toEqual(['99020001', '99020002']);
    expect(abro.find((unit) => unit.organisationType === 'Huvudman')).toMatchObject({ displayName: 'Åbro kommun', municipalityCode: '9902' });
  });

  it('filters by schoolUnitCode and type, and names references on request', async () => {
    const filtered = (await sim.get('/organisations', { schoolUnitCode: ['99010005', '99010001'], expandReferenceNames: true })).body.data as Row[];
    expect(filtered.map((unit) => unit.displayName).sort()).toEqual(['Ekbackens skola', 'Lärkängsskolan']);
    expect(filtered[0]?.parentOrganisation.displayName).toBe('Sjöstad kommun');
    const huvudmän = (await sim.get('/organisations', { type: 'Huvudman' })).body.data as Row[];
    expect(huvudmän).toHaveLength(1);
  });

  it('POST /organisations/lookup by schoolUnitCodes answers a bare array', async () => {
    const response = await sim.send('POST', '/organisations/lookup', { schoolUnitCodes: ['99010005'] });
    expect(response.status).toBe(200);
    expect(Array.isArray(response.body)).toBe(true);
    expect(response.body).toEqual([lark]);
  });
});

describe('GET /persons', () => {
  it('pupils of U5: Leo as in the example (§4)', async () => {
    const response = await sim.get('/persons', { 'relationship.entity.type': 'enrolment', 'relationship.organisation': lark.id, expandReferenceNames: true, limit: 200 });
    expect(response.status).toBe(200);
    const leo = (response.body.data as Row[]).find((person) => fullName(person) === 'Leo Sund') as Row;
    expect(Object.keys(leo)).toEqual(['id', 'meta', 'givenName', 'familyName', 'civicNo', 'birthDate', 'sex', 'securityMarking', 'personStatus', 'emails', 'enrolments', 'responsibles']);
    expect(leo).toMatchObject({
      civicNo: { value: '201401229834', nationality: 'SE' },
      birthDate: '2014-01-22',
      sex: 'Man',
      securityMarking: 'Ingen',
      personStatus: 'Aktiv',
      enrolments: [{ enroledAt: { id: lark.id, displayName: 'Lärkängsskolan' }, schoolType: 'GR', schoolYear: 5, startDate: '2020-08-17', cancelled: false }],
    });
    expect(leo.meta).toEqual({ created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$/), modified: expect.stringMatching(/\+0[12]:00$/) });
    expect(leo.emails).toEqual([{ value: expect.stringMatching(/@elev\.sjostad\.example$/), type: 'Skola elev' }]);
    expect(leo.responsibles).toContainEqual({ person: { id: expect.any(String), displayName: 'Per Sund', securityMarking: 'Ingen' }, relationType: 'Vårdnadshavare' });
  });

  it('references carry no displayName without expandReferenceNames', async () => {
    const leo = (await pupilsOf(lark.id)).find((person) => fullName(person) === 'Leo Sund') as Row;
    expect(leo.enrolments[0].enroledAt).toEqual({ id: lark.id });
    expect(Object.keys(leo.responsibles[0].person)).toEqual(['id', 'securityMarking']);
  });

  it('guardians of U5 through responsibleFor.enrolment, with expand=responsibleFor', async () => {
    const pupils = await pupilsOf(lark.id);
    const leo = pupils.find((person) => fullName(person) === 'Leo Sund') as Row;
    const guardians = (await sim.all('/persons', { 'relationship.entity.type': 'responsibleFor.enrolment', 'relationship.organisation': lark.id, expand: 'responsibleFor', limit: 1000 })).data;
    const per = guardians.find((person) => fullName(person) === 'Per Sund') as Row;
    expect(per).toMatchObject({ civicNo: { value: '197709059914', nationality: 'SE' }, securityMarking: 'Ingen' });
    expect(per.enrolments).toBeUndefined();
    expect(per.responsibles).toBeUndefined();
    expect(per.phoneNumbers).toEqual([{ value: expect.stringMatching(/^07\d-\d{7}$/), mobile: true }]);
    expect(per.addresses[0]).toMatchObject({ type: 'Folkbokföring', postalCode: expect.stringMatching(/^999 \d\d$/) });
    expect(per._embedded.responsibleFor).toContainEqual({ person: { id: leo.id, securityMarking: 'Ingen' }, relationType: 'Vårdnadshavare' });
    // Every guardian listed is responsible for at least one pupil of the unit.
    const pupilIds = new Set(pupils.map((pupil) => pupil.id));
    for (const guardian of guardians) expect(guardian._embedded.responsibleFor.some((child: Row) => pupilIds.has(child.person.id))).toBe(true);
  });

  it('expand=groupMemberships embeds the class as a GroupFragment', async () => {
    const leo = (await pupilsOf(lark.id, { expand: 'groupMemberships' })).find((person) => fullName(person) === 'Leo Sund') as Row;
    expect(leo._embedded.groupMemberships).toEqual([
      {
        group: expect.objectContaining({ displayName: '5A', groupType: 'Klass', schoolType: 'GR', organisation: { id: lark.id }, startDate: '2025-08-18', endDate: '2026-06-12' }),
        startDate: '2025-08-18',
        endDate: '2026-06-12',
      },
    ]);
    expect(leo._embedded.groupMemberships[0].group.groupMemberships).toBeUndefined();
  });

  it('protected pupils (X7) carry their marking and no contact data; references keep the marking (SS12-11)', async () => {
    const everyone = (await sim.all('/persons', { limit: 1000 })).data;
    const protectedPersons = everyone.filter((person) => person.securityMarking !== 'Ingen' && person.civicNo);
    expect(protectedPersons.some((person) => person.securityMarking === 'Skyddad folkbokföring')).toBe(true);
    expect(protectedPersons.some((person) => person.securityMarking === 'Sekretessmarkering')).toBe(true);
    for (const person of protectedPersons) {
      expect(person.emails).toBeUndefined();
      expect(person.phoneNumbers).toBeUndefined();
      expect(person.addresses).toBeUndefined();
    }
    const markingById = new Map(everyone.map((person) => [person.id, person.securityMarking]));
    for (const pupil of everyone.filter((person) => person.responsibles)) {
      for (const responsible of pupil.responsibles) expect(responsible.person.securityMarking).toBe(markingById.get(responsible.person.id));
    }
  });

  it('civic numbers: the temporary 20130101TF01, samordningsnummer, and the X9 defects as the register holds them (SS12-12)', async () => {
    const values = (await pupilsOf(lark.id)).map((pupil) => String(pupil.civicNo.value));
    expect(values).toContain('20130101TF01');
    // A samordningsnummer adds 60 to the day.
    expect(values.some((value) => /^\d{6}[6-9]\d\d{4}$/.test(value))).toBe(true);
    // X9: a 10-digit number where 12 are written.
    expect(values.some((value) => /^\d{10}$/.test(value))).toBe(true);
    const abroValues = (await sim.all('/persons', { 'relationship.entity.type': 'enrolment', limit: 1000 }, { customer: ABRO })).data.map((pupil) => pupil.civicNo.value);
    expect(abroValues).toContain('20140101TF02');
  });

  it('teachers are persons through relationship.entity.type=duty, without civic numbers', async () => {
    const teachers = (await sim.get('/persons', { 'relationship.entity.type': 'duty', 'relationship.organisation': lark.id })).body.data as Row[];
    expect(teachers.length).toBeGreaterThan(0);
    for (const teacher of teachers) {
      expect(teacher.civicNo).toBeUndefined();
      expect(teacher).toMatchObject({ securityMarking: 'Ingen', personStatus: 'Aktiv' });
    }
    expect((await sim.get('/persons', { 'relationship.entity.type': 'placement.child' })).body.data).toEqual([]);
  });

  it('filters by civicNo and refuses an unknown relationship type with 400 BAD_REQUEST', async () => {
    const found = (await sim.get('/persons', { civicNo: '201401229834' })).body.data as Row[];
    expect(found.map(fullName)).toEqual(['Leo Sund']);
    const refused = await sim.get('/persons', { 'relationship.entity.type': 'friend' });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('relationship.entity.type') });
  });

  it('POST /persons/lookup by ids and civicNos answers a bare array of PersonExpanded', async () => {
    const leo = (await pupilsOf(lark.id)).find((person) => fullName(person) === 'Leo Sund') as Row;
    const response = await sim.send('POST', '/persons/lookup', { ids: [leo.id], civicNos: ['197709059914'] }, { query: { expand: 'responsibleFor' } });
    expect(response.status).toBe(200);
    expect(Array.isArray(response.body)).toBe(true);
    expect((response.body as unknown as Row[]).map(fullName).sort()).toEqual(['Leo Sund', 'Per Sund']);
    const refused = await sim.send('POST', '/persons/lookup', { ids: ['not-a-uuid'] });
    expect(refused.status).toBe(400);
  });

  it('X6: at 18 the responsibles entry disappears and the pupil meta.modified moves; X8: civicNo changes under the same id (SS12-16)', async () => {
    const x6 = await startSs12000({ seed: 'ss12000-contract', students: 120, now: '2026-01-10T02:00:00+01:00' });
    try {
      // Ebba Sandberg (U4) turns 18 in January 2026; Wilma Ek (U3) on 2026-03-15.
      const findEbba = async (): Promise<Row> => (await x6.all('/persons', { civicNo: '200801209966' })).data[0] as Row;
      const before = await findEbba();
      expect(before.responsibles.length).toBeGreaterThan(0);
      await x6.control('PUT', '/clock', { now: '2026-02-03T02:00:00+01:00' });
      const after = await findEbba();
      expect(after.id).toBe(before.id);
      expect(after.responsibles).toEqual([]);
      expect(Date.parse(after.meta.modified)).toBeGreaterThan(Date.parse(before.meta.modified));
      const changed = (await x6.all('/persons', { 'relationship.entity.type': 'enrolment', 'meta.modified.after': before.meta.modified, limit: 1000 })).data;
      expect(changed.map((person) => person.id)).toContain(before.id);
    } finally {
      await x6.close();
    }

    const x8 = await startSs12000({ seed: 'ss12000-contract', students: 120, now: '2026-02-01T02:00:00+01:00' });
    try {
      const samordning = (await x8.all('/persons', { 'relationship.entity.type': 'enrolment', limit: 1000 })).data.filter((pupil) => /^\d{6}[6-9]\d/.test(pupil.civicNo.value));
      await x8.control('PUT', '/clock', { now: '2026-02-03T02:00:00+01:00' });
      const later = new Map((await x8.all('/persons', { 'relationship.entity.type': 'enrolment', limit: 1000 })).data.map((pupil) => [pupil.id, pupil]));
      const converted = samordning.filter((pupil) => later.get(pupil.id)?.civicNo.value !== pupil.civicNo.value);
      expect(converted.length).toBeGreaterThan(0);
      for (const pupil of converted) expect(later.get(pupil.id)?.civicNo.value).toMatch(/^\d{6}[0-3]\d\d{4}$/);
    } finally {
      await x8.close();
    }
  });
});

describe('GET /groups', () => {
  it('Klass groups of U5 with inline memberships; 5A has Leo over the school year', async () => {
    const response = await sim.get('/groups', { groupType: 'Klass', organisation: lark.id });
    expect(response.status).toBe(200);
    const groups = response.body.data as Row[];
    expect(groups.every((group) => group.groupType === 'Klass' && group.organisation.id === lark.id)).toBe(true);
    const fiveA = groups.find((group) => group.displayName === '5A') as Row;
    expect(Object.keys(fiveA)).toEqual(['id', 'meta', 'displayName', 'groupType', 'schoolType', 'organisation', 'startDate', 'endDate', 'groupMemberships']);
    expect(fiveA).toMatchObject({ schoolType: 'GR', startDate: '2025-08-18', endDate: '2026-06-12' });
    const leo = (await pupilsOf(lark.id)).find((person) => fullName(person) === 'Leo Sund') as Row;
    expect(fiveA.groupMemberships).toContainEqual({ person: { id: leo.id, securityMarking: 'Ingen' }, startDate: '2025-08-18', endDate: '2026-06-12' });
  });

  it('U3 has a course group (Undervisning) that groupType=Klass leaves out', async () => {
    const all = (await sim.get('/groups', { organisation: unitId('99010003') })).body.data as Row[];
    expect(all.some((group) => group.groupType === 'Undervisning')).toBe(true);
    const classes = (await sim.get('/groups', { organisation: unitId('99010003'), groupType: 'Klass' })).body.data as Row[];
    expect(classes.every((group) => group.groupType === 'Klass')).toBe(true);
  });
});

describe('tenant separation', () => {
  it('a Sjöstad pupil list never contains an Åbro unit, and Åbro ids differ for the same person (X5)', async () => {
    const sjostad = (await sim.all('/persons', { limit: 1000 })).data;
    const abro = (await sim.all('/persons', { limit: 1000 }, { customer: ABRO })).data;
    const abroUnits = new Set(((await sim.get('/organisations', {}, { customer: ABRO })).body.data as Row[]).map((unit) => unit.id));
    for (const person of sjostad) for (const enrolment of person.enrolments ?? []) expect(abroUnits.has(enrolment.enroledAt.id)).toBe(false);
    const ids = new Set(sjostad.map((person) => person.id));
    expect(abro.some((person) => ids.has(person.id))).toBe(false);
    // X5: one guardian has a child in each municipality: the same civic number in both registers.
    const sjostadNumbers = new Set(sjostad.filter((person) => !person.enrolments && person.civicNo).map((person) => person.civicNo.value));
    expect(abro.some((person) => !person.enrolments && person.civicNo && sjostadNumbers.has(person.civicNo.value))).toBe(true);
  });
});
