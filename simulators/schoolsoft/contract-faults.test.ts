/**
 * SchoolSoft contract, faults and ground truth (schoolsoft.md §7; COM-04, COM-05, COM-07): the
 * platform's own error bodies for injected 5xx and 429, malformed records exactly where
 * `/_control/world` lists them, and a ground truth that agrees with the world's when nothing is
 * malformed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readAllPages, startSchoolSoft } from './contract.test-support.js';
import type { SchoolSoftHarness } from './contract.test-support.js';
import { springErrorSchema } from './wire.js';

const sjostad = { platform: 'schoolsoft', tenant: 'sjostad' } as const;
const BACKFILL_FROM = 1755468000000 - 120 * 86_400_000;

let harness: SchoolSoftHarness;
let token: string;

interface Listed {
  readonly recordType: string;
  readonly id: string;
  readonly kind: string;
  readonly field: string;
}

interface Truth {
  readonly malformed: readonly Listed[];
  readonly episodes: readonly { platformRecordIds: readonly string[] }[];
  readonly totals: { readonly quarantined: number };
}

const LISTS = [
  { recordType: 'pupils', path: 'v2/school/4/students', idField: 'studentId' },
  { recordType: 'guardians', path: 'v2/school/4/parents', idField: 'userId' },
  { recordType: 'absences', path: 'v2/school/4/student-absence/lessons/{window}', idField: 'id' },
  { recordType: 'absences', path: 'v2/school/4/student-absence/reports/{window}', idField: 'reportId' },
  { recordType: 'leaveApplications', path: 'v2/school/4/student-leave/{window}', idField: 'id' },
] as const;

/** Every record of every list as served now, keyed `recordType|id` (the id as the clean record has it). */
async function everything(toMs: number): Promise<Map<string, Record<string, unknown>>> {
  const records = new Map<string, Record<string, unknown>>();
  for (const list of LISTS) {
    const rows = await readAllPages<Record<string, unknown>>(harness, list.path.replace('{window}', `${BACKFILL_FROM}/${toMs}`), token, 500);
    rows.forEach((row, index) => records.set(`${list.recordType}|${list.path}|${index}`, row));
  }
  return records;
}

async function truth(): Promise<Truth> {
  return (await (await harness.control('GET', '/world?tenant=sjostad')).json()) as Truth;
}

beforeAll(async () => {
  harness = await startSchoolSoft();
});

afterAll(async () => {
  await harness.close();
});

beforeEach(async () => {
  await harness.control('POST', '/reset', { seed: 'skolbrygga', students: 120 });
  token = (await harness.tokens()).access_token;
});

describe('injected errors carry SchoolSoft\'s own bodies', () => {
  it('COM-04: a 5xx is Spring error JSON with that status', async () => {
    await harness.control('PUT', '/faults', { routes: ['/:slug/eva/*'], serverErrorRate: 1, serverErrorStatuses: [503] });
    const response = await harness.eva('v2/school/4/students?page=0&size=10', token);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(springErrorSchema.parse(await response.json())).toMatchObject({ status: 503, error: 'Service Unavailable', path: '/sjostad/eva/api/v2/school/4/students' });
    // The token endpoint is outside the faulted routes.
    expect((await harness.grant()).status).toBe(200);
  });

  it('COM-05: a 429 burst is Spring error JSON with Retry-After', async () => {
    await harness.control('PUT', '/faults', { rateLimit: { everyRequests: 1, retryAfterSeconds: 30, retryAfterFormat: 'seconds' } });
    expect((await harness.eva('v1/schools', token)).status).toBe(200);
    const refused = await harness.eva('v1/schools', token);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(25);
    expect(springErrorSchema.parse(await refused.json())).toMatchObject({ status: 429, error: 'Too Many Requests' });
  });
});

describe('ground truth', () => {
  it('agrees with the world\'s own ground truth when nothing is malformed', async () => {
    const served = await truth();
    const world = harness.context.world.groundTruth(sjostad);
    expect(served).toEqual(JSON.parse(JSON.stringify(world)));
  });

  it('recomputes the same episodes, persons and totals when the only defects are unknown codes', async () => {
    const world = JSON.parse(JSON.stringify(harness.context.world.groundTruth(sjostad))) as Truth & Record<string, unknown>;
    await harness.control('PUT', '/faults', { malformedRecordRate: 0.3, malformedKinds: ['unknownEnum'] });
    const served = (await truth()) as Truth & Record<string, unknown>;
    const added = served.malformed.filter((entry) => !world.malformed.some((known) => JSON.stringify(known) === JSON.stringify(entry)));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((entry) => entry.kind === 'unknownEnum' && entry.field === 'lessonStatusStudent' && entry.recordType === 'absences')).toBe(true);
    expect({ ...served, malformed: [] }).toEqual({ ...world, malformed: [] });
  });

  it('COM-07: lists every malformed record, exactly those served with a defect, the same on every fetch', async () => {
    const toMs = harness.context.clock.now() - 60_000;
    const clean = await everything(toMs);
    const cleanTruth = await truth();
    await harness.control('PUT', '/faults', { malformedRecordRate: 0.2 });
    const served = await everything(toMs);
    expect(await everything(toMs)).toEqual(served);
    const listed = await truth();

    const defects: Listed[] = [];
    for (const [key, row] of served) {
      const original = clean.get(key);
      expect(original).toBeDefined();
      const [recordType = '', path = ''] = key.split('|');
      const idField = LISTS.find((list) => list.path === path)?.idField ?? 'id';
      const changed = Object.keys(original ?? {}).filter((field) => JSON.stringify(original?.[field]) !== JSON.stringify(row[field]));
      if (changed.length === 0) continue;
      expect(changed).toHaveLength(1);
      const field = changed[0] ?? '';
      const value = row[field];
      const kind =
        !(field in row) ? 'missingRequired'
        : value === 99 ? 'unknownEnum'
        : typeof value !== typeof original?.[field] ? 'wrongType'
        : field === 'socialNumber' ? 'badCivicNo'
        : 'badDate';
      if (kind === 'badDate') expect(field === 'dayId' ? value : String(value).slice(5, 7)).toBe(field === 'dayId' ? 7 : '13');
      defects.push({ recordType, id: String(original?.[idField]), kind, field });
    }
    expect(defects.length).toBeGreaterThan(20);
    expect(new Set(defects.map((defect) => defect.kind))).toEqual(new Set(['missingRequired', 'wrongType', 'badCivicNo', 'unknownEnum', 'badDate']));

    const worldEntries = new Set(cleanTruth.malformed.map((entry) => `${entry.recordType}|${entry.id}`));
    const faultEntries = listed.malformed.filter((entry) => !cleanTruth.malformed.some((known) => JSON.stringify(known) === JSON.stringify(entry)));
    const byKey = (entry: Listed): string => `${entry.recordType}|${entry.id}|${entry.kind}|${entry.field}`;
    expect(faultEntries.map(byKey).sort()).toEqual(defects.filter((defect) => !worldEntries.has(`${defect.recordType}|${defect.id}`)).map(byKey).sort());

    // A quarantined absence record leaves the episodes; an unknown code stays as `unspecified`.
    const inEpisodes = new Set(listed.episodes.flatMap((episode) => episode.platformRecordIds));
    for (const entry of faultEntries.filter((candidate) => candidate.recordType === 'absences')) {
      if (entry.kind !== 'unknownEnum') expect(inEpisodes.has(entry.id)).toBe(false);
    }
    const unknownLessons = faultEntries.filter((entry) => entry.kind === 'unknownEnum');
    expect(unknownLessons.length).toBeGreaterThan(0);
    for (const entry of unknownLessons) expect(inEpisodes.has(entry.id)).toBe(true);
    expect(listed.totals.quarantined).toBe(cleanTruth.totals.quarantined + faultEntries.filter((entry) => entry.kind !== 'unknownEnum').length);
  });
});
