/**
 * Mapping and protocol tests on recorded pages (platforms/ss12000.md §4 examples) served by nock.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../core/model/index.js';
import type { QuarantineEntry, StreamName } from '../sdk/index.js';
import { createSs12000Connector } from './connector.js';
import type { Ss12000Checkpoint } from './connector.js';

const ORIGIN = 'https://sis.example';
const API = '/ss12000v2-api/source/9901/v2.0';
const DATE = { Date: 'Tue, 10 Mar 2026 01:00:13 GMT' };
const LEO = '6bf46c69-7d2c-4f82-aeea-cbe226e87555';
const PER = '13deef86-ab10-41d0-b646-e1f40a097c97';
const LARK = '830e07bc-1e39-4f10-92bd-4acefaecbd38';

const ORGANISATION = {
  id: LARK, meta: { created: '2019-06-01T08:00:00+02:00', modified: '2025-08-01T07:12:03+02:00' },
  displayName: 'Lärkängsskolan', organisationType: 'Skolenhet', organisationCode: 'LARK', schoolUnitCode: '99010005',
  schoolTypes: ['FKLASS', 'GR'], municipalityCode: '9901', parentOrganisation: { id: '5790f82e-c1d3-4cff-aa3a-f4d46b0a18e8' },
  startDate: '2001-07-01',
};

const personWith = (civicNo: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: LEO, meta: { created: '2020-06-15T10:02:11+02:00', modified: '2025-08-12T06:30:00+02:00' },
  givenName: 'Leo', familyName: 'Sund', civicNo: { value: civicNo, nationality: 'SE' }, birthDate: '2014-01-22',
  sex: 'Man', securityMarking: 'Ingen', personStatus: 'Aktiv',
  emails: [{ value: 'leo.sund@elev.sjostad.example', type: 'Skola elev' }],
  enrolments: [{ enroledAt: { id: LARK, displayName: 'Lärkängsskolan' }, schoolType: 'GR', schoolYear: 5, startDate: '2020-08-17', cancelled: false }],
  responsibles: [{ person: { id: PER, displayName: 'Per Sund', securityMarking: 'Ingen' }, relationType: 'Vårdnadshavare' }],
  ...extra,
});

const GROUP = {
  id: 'ca02135e-92b1-43f2-8ede-0d7ac3baea9e', meta: { created: '2025-06-01T08:00:00+02:00', modified: '2025-08-01T07:12:03+02:00' },
  displayName: '5A', groupType: 'Klass', schoolType: 'GR', organisation: { id: LARK }, startDate: '2025-08-18', endDate: '2026-06-12',
  groupMemberships: [{ person: { id: LEO, securityMarking: 'Ingen' }, startDate: '2025-08-18', endDate: '2026-06-12' }],
};

const absence = (type: string, id = '451abd81-f1d6-4ed6-97f5-e837d70820fe'): Record<string, unknown> => ({
  id, meta: { created: '2026-03-09T06:31:12+01:00', modified: '2026-03-09T06:31:12+01:00' },
  startTime: '2026-03-09T08:00:00+01:00', endTime: '2026-03-09T16:00:00+01:00', type,
  student: { id: LEO, securityMarking: 'Ingen' }, organisation: { id: LARK },
  registeredBy: { id: PER, securityMarking: 'Ingen' },
});

function connector(sleeps: number[] = []) {
  return createSs12000Connector(
    { baseUrl: ORIGIN, customerId: '9901', clientId: 'skolbrygga-sjostad', clientSecret: 'secret' },
    { sleep: (ms) => { sleeps.push(ms); return Promise.resolve(); }, random: () => 0.5 },
  );
}

function token(value = 'tok-1'): nock.Scope {
  return nock(ORIGIN).post('/oauth2/token', /grant_type=client_credentials/).reply(200, { access_token: value, token_type: 'Bearer', expires_in: 3600 });
}

async function readAll(stream: StreamName, checkpoint: Ss12000Checkpoint | null = null, sleeps: number[] = []) {
  const instance = connector(sleeps);
  const records: SourceRecord[] = [];
  const quarantined: QuarantineEntry[] = [];
  let last: Ss12000Checkpoint | null = checkpoint;
  for await (const page of instance.read(stream, checkpoint)) {
    records.push(...page.records);
    quarantined.push(...page.quarantined);
    last = page.checkpoint;
  }
  return { records, quarantined, checkpoint: last, requests: instance.requestCount() };
}

const list = (data: unknown[], pageToken: string | null = null) => ({ data, pageToken });

beforeEach(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('SS 12000 mapping (recorded §4 pages)', () => {
  it('maps an organisation 1:1 with its parent as a source reference', async () => {
    token();
    nock(ORIGIN).get(`${API}/organisations`).query({ limit: 1000 }).reply(200, list([ORGANISATION]), DATE);
    const { records } = await readAll('organisations');
    expect(records).toEqual([{
      entityType: 'Organisation', status: 'active',
      source: { sourceSystem: 'ss12000', sourceInstance: '9901', sourceEntityType: 'Organisation', sourceId: LARK },
      displayName: 'Lärkängsskolan', organisationType: 'Skolenhet', organisationCode: 'LARK', schoolUnitCode: '99010005',
      schoolTypes: ['FKLASS', 'GR'], municipalityCode: '9901',
      parentOrganisationRef: { sourceSystem: 'ss12000', sourceInstance: '9901', sourceEntityType: 'Organisation', sourceId: '5790f82e-c1d3-4cff-aa3a-f4d46b0a18e8' },
      startDate: '2001-07-01', endDate: null,
    }]);
  });

  it('SS12-11 maps a person keeping securityMarking, and the cursor is the largest meta.modified', async () => {
    token();
    nock(ORIGIN).get(`${API}/persons`).query({ limit: 1000 }).reply(200, list([personWith('201401229834')]), DATE);
    const { records, checkpoint } = await readAll('persons');
    expect(records).toHaveLength(1);
    const [person] = records;
    expect(person).toMatchObject({
      entityType: 'Person', givenName: 'Leo', familyName: 'Sund', securityMarking: 'Ingen',
      civicNo: { value: '201401229834', nationality: 'SE' }, civicNoType: 'personnummer', birthDate: '2014-01-22',
    });
    expect(checkpoint).toEqual({ modifiedAfter: '2025-08-12T06:30:00+02:00' });
  });

  it('SS12-11 an absent securityMarking stays unknown (null), never "Ingen"', async () => {
    token();
    const { securityMarking: _dropped, ...unmarked } = personWith('201401229834');
    nock(ORIGIN).get(`${API}/persons`).query({ limit: 1000 }).reply(200, list([unmarked]), DATE);
    const { records } = await readAll('persons');
    expect(records[0]).toMatchObject({ securityMarking: null });
  });

  it('maps enrolments[] to one Enrolment each and responsibles[] to GuardianRelations by platform id', async () => {
    token();
    nock(ORIGIN).get(`${API}/persons`).query({ limit: 1000 }).reply(200, list([personWith('201401229834')]), DATE);
    const enrolments = await readAll('enrolments');
    expect(enrolments.records).toEqual([expect.objectContaining({
      entityType: 'Enrolment', schoolType: 'GR', schoolYear: 5, startDate: '2020-08-17', cancelled: false,
      personRef: expect.objectContaining({ sourceId: LEO }), enroledAtRef: expect.objectContaining({ sourceId: LARK, sourceEntityType: 'Organisation' }),
    })]);

    token();
    nock(ORIGIN).get(`${API}/persons`).query({ limit: 1000 }).reply(200, list([personWith('201401229834')]), DATE);
    const relations = await readAll('guardianRelations');
    expect(relations.records).toEqual([expect.objectContaining({
      entityType: 'GuardianRelation', relationType: 'Vårdnadshavare',
      source: expect.objectContaining({ sourceId: `${LEO}#${PER}` }),
      studentRef: expect.objectContaining({ sourceId: LEO }), guardianRef: expect.objectContaining({ sourceId: PER }),
    })]);
  });

  it('maps a Klass group to a Group and its GroupMemberships', async () => {
    token();
    nock(ORIGIN).get(`${API}/groups`).query({ groupType: 'Klass', limit: 1000 }).reply(200, list([GROUP]), DATE);
    const { records } = await readAll('groups');
    expect(records.map((record) => record.entityType)).toEqual(['Group', 'GroupMembership']);
    expect(records[1]).toMatchObject({ personRef: { sourceId: LEO }, groupRef: { sourceId: GROUP.id }, startDate: '2025-08-18' });
  });

  it('SS12-06 absence types: Anmäld frånvaro → reported/undetermined, Beviljad ledighet → leave/valid, unknown → reported/undetermined with the raw code', async () => {
    token();
    const page = [
      absence('Anmäld frånvaro'),
      absence('Beviljad ledighet', 'ae658f33-fe3b-490b-93f4-48b3a5aa3c81'),
      absence('Ogiltig frånvaro', 'b774eb52-48db-40af-b215-8370d269a9a5'),
    ];
    nock(ORIGIN).get(`${API}/absences`).query({ limit: 1000 }).reply(200, list(page), DATE);
    const { records, quarantined } = await readAll('absences');
    expect(quarantined).toEqual([]);
    expect(records.map((record) => record.entityType === 'AbsenceRecord' && [record.category, record.validity, record.sourceCategoryCode])).toEqual([
      ['reported', 'undetermined', 'Anmäld frånvaro'],
      ['leave', 'valid', 'Beviljad ledighet'],
      ['reported', 'undetermined', 'Ogiltig frånvaro'],
    ]);
    expect(records[0]).toMatchObject({
      recordKind: 'notice', date: '2026-03-09', startTime: '2026-03-09T07:00:00.000Z', endTime: '2026-03-09T15:00:00.000Z',
      reportedAt: '2026-03-09T05:31:12.000Z', reportedByRef: { sourceId: PER }, reportedByRole: 'unknown',
      studentRef: { sourceId: LEO }, organisationRef: { sourceId: LARK },
    });
    expect(records[0]).not.toHaveProperty('allDay');
  });

  it('SS12-12 civic numbers: tillfälligt and samordningsnummer accepted, an invalid one quarantined by field without the number', async () => {
    token();
    const page = [
      personWith('20130101TF01', { id: '00000000-0000-4000-8000-000000000001' }),
      personWith('201401829831', { id: '00000000-0000-4000-8000-000000000002' }),
      personWith('201401229835', { id: '00000000-0000-4000-8000-000000000003' }),
    ];
    nock(ORIGIN).get(`${API}/persons`).query({ limit: 1000 }).reply(200, list(page), DATE);
    const { records, quarantined } = await readAll('persons');
    expect(records.map((record) => record.entityType === 'Person' && record.civicNoType)).toEqual(['tillfalligt', 'samordningsnummer']);
    expect(quarantined).toEqual([expect.objectContaining({ sourceId: '00000000-0000-4000-8000-000000000003', field: 'civicNo.value', stream: 'persons' })]);
    expect(quarantined[0]?.message).not.toContain('201401229835');
  });

  it('SS12-13 nullsForAbsent: explicit nulls give the same output as omitted fields', async () => {
    token();
    const omitted = absence('Anmäld frånvaro');
    nock(ORIGIN).get(`${API}/absences`).query({ limit: 1000 }).reply(200, list([omitted]), DATE);
    const plain = await readAll('absences');
    token();
    const { registeredBy: _omit, ...withoutReporter } = omitted;
    nock(ORIGIN).get(`${API}/absences`).query({ limit: 1000 }).reply(200, list([withoutReporter]), DATE);
    const absent = await readAll('absences');
    token();
    nock(ORIGIN).get(`${API}/absences`).query({ limit: 1000 }).reply(200, list([{ ...withoutReporter, registeredBy: null }]), DATE);
    const nulled = await readAll('absences');
    expect(nulled.records).toEqual(absent.records);
    expect(plain.records[0]).toMatchObject({ reportedByRef: { sourceId: PER } });
  });
});

describe('SS 12000 protocol (nock)', () => {
  it('SS12-02 / SS12-03 follow-ups send only pageToken and limit; the incremental cursor is sent exclusive and moves only at the end', async () => {
    token();
    const cursor = '2026-03-09T02:00:13+01:00';
    nock(ORIGIN).get(`${API}/absences`).query({ limit: 1000, 'meta.modified.after': cursor })
      .reply(200, list([absence('Anmäld frånvaro')], 'tok-page-2'), DATE);
    nock(ORIGIN).get(`${API}/absences`).query({ pageToken: 'tok-page-2', limit: 1000 })
      .reply(200, list([{ ...absence('Anmäld frånvaro', 'ae658f33-fe3b-490b-93f4-48b3a5aa3c81'), meta: { modified: '2026-03-09T06:31:12.346+01:00' } }]), DATE);
    const pages: (Ss12000Checkpoint | null)[] = [];
    for await (const page of connector().read('absences', { modifiedAfter: cursor })) pages.push(page.checkpoint);
    expect(pages).toEqual([{ modifiedAfter: cursor }, { modifiedAfter: '2026-03-09T06:31:12.346+01:00' }]);
    expect(nock.isDone()).toBe(true);
  });

  it('SS12-04 PAGE_TOKEN_EXPIRED restarts the query from its original filters and loses nothing', async () => {
    token();
    nock(ORIGIN).get(`${API}/absences`).query({ limit: 1000 }).reply(200, list([absence('Anmäld frånvaro')], 'old'), DATE);
    nock(ORIGIN).get(`${API}/absences`).query({ pageToken: 'old', limit: 1000 }).reply(400, { code: 'PAGE_TOKEN_EXPIRED', message: 'expired' });
    nock(ORIGIN).get(`${API}/absences`).query({ limit: 1000 })
      .reply(200, list([absence('Anmäld frånvaro'), absence('Beviljad ledighet', 'ae658f33-fe3b-490b-93f4-48b3a5aa3c81')]), DATE);
    const { records } = await readAll('absences');
    expect(new Set(records.map((record) => record.source.sourceId))).toEqual(new Set(['451abd81-f1d6-4ed6-97f5-e837d70820fe', 'ae658f33-fe3b-490b-93f4-48b3a5aa3c81']));
    expect(nock.isDone()).toBe(true);
  });

  it('SS12-01 a 401 invalid_token triggers exactly one new token and the request is replayed with it', async () => {
    token('tok-1');
    nock(ORIGIN).get(`${API}/organisations`).query({ limit: 1000 }).matchHeader('authorization', 'Bearer tok-1')
      .reply(401, { code: 'UNAUTHORIZED', message: 'expired' }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    token('tok-2');
    nock(ORIGIN).get(`${API}/organisations`).query({ limit: 1000 }).matchHeader('authorization', 'Bearer tok-2')
      .reply(200, list([ORGANISATION]), DATE);
    const { records, requests } = await readAll('organisations');
    expect(records).toHaveLength(1);
    expect(requests).toBe(4);
  });

  it('SS12-17 / COM-05 429 TOO_MANY_REQUESTS waits Retry-After seconds, then goes on', async () => {
    token();
    nock(ORIGIN).get(`${API}/organisations`).query({ limit: 1000 }).reply(429, { code: 'TOO_MANY_REQUESTS' }, { 'Retry-After': '7' });
    nock(ORIGIN).get(`${API}/organisations`).query({ limit: 1000 }).reply(200, list([ORGANISATION]), DATE);
    const sleeps: number[] = [];
    const { records } = await readAll('organisations', null, sleeps);
    expect(records).toHaveLength(1);
    expect(sleeps).toEqual([7000]);
  });

  it('COM-07 a record that fails its schema is quarantined by field; the rest of the page goes on', async () => {
    token();
    const broken = { ...absence('Anmäld frånvaro', 'ae658f33-fe3b-490b-93f4-48b3a5aa3c81'), startTime: '2026-13-09T08:00:00+01:00' };
    nock(ORIGIN).get(`${API}/absences`).query({ limit: 1000 }).reply(200, list([absence('Anmäld frånvaro'), broken]), DATE);
    const { records, quarantined } = await readAll('absences');
    expect(records).toHaveLength(1);
    expect(quarantined).toEqual([expect.objectContaining({ sourceId: 'ae658f33-fe3b-490b-93f4-48b3a5aa3c81', field: 'startTime' })]);
  });
});
