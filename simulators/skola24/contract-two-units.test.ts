/**
 * Skola24 contract, S24-19 (skola24.md §11): a guardian with a child in each of Sjöstad's two
 * Skola24 units (the world's `tvaenheter` family: one child in U1, one in U3) is listed under both
 * units with the same `personGuid` and the same relations, so a client that stores the first
 * listing finds the second one unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBody, startHarness } from './contract.test-support.js';
import type { CookieJar, Harness } from './contract.test-support.js';

const SJOSTAD = 'sjostad.skola24.se';
const slice = { platform: 'skola24', tenant: 'sjostad' } as const;

type Row = Record<string, unknown>;

let harness: Harness;
let jar: CookieJar;

beforeAll(async () => {
  harness = await startHarness();
  jar = await harness.login();
});
afterAll(async () => {
  await harness.close();
});

const unitGuid = (unit: 'U1' | 'U3'): string => String(harness.context.world.ids.unit(slice, unit));
const personGuid = (key: string): string =>
  String(key.startsWith('p:') ? harness.context.world.ids.pupil(slice, key) : harness.context.world.ids.guardian(slice, key));

/** Every page of a unit's guardian list over one snapshot. */
async function guardiansOf(unit: 'U1' | 'U3'): Promise<Row[]> {
  const rows: Row[] = [];
  let snapshotTime: unknown = null;
  for (let pageNumber = 1; ; pageNumber++) {
    const { envelope } = await harness.api('/api/get/integration/guardians', listBody(SJOSTAD, unitGuid(unit), { pageNumber, snapshotTime, pageSize: 100 }), { jar, scope: 'integration' });
    expect(envelope.validation, JSON.stringify(envelope.validation)).toEqual([]);
    rows.push(...((envelope.data?.guardians as Row[] | undefined) ?? []));
    snapshotTime = envelope.data?.snapshotTime;
    if (envelope.data?.hasMorePages !== true) return rows;
  }
}

const childGuids = (row: Row | undefined): unknown[] => ((row?.children as Row[] | undefined) ?? []).map((child) => child.studentPersonGuid);

describe('a guardian of pupils in two units (S24-19)', () => {
  it('is listed under U1 and U3 with the same personGuid and the same relations', async () => {
    const u1 = await guardiansOf('U1');
    const u3 = await guardiansOf('U3');
    const u1Child = personGuid('p:U1:10');
    const u3Child = personGuid('p:U3:9');
    const inBoth = u1.filter((row) => u3.some((other) => other.personGuid === row.personGuid));
    for (const ordinal of [0, 1]) {
      const guid = personGuid(`g:f:tvaenheter:${ordinal}`);
      const underU1 = u1.find((row) => row.personGuid === guid);
      const underU3 = u3.find((row) => row.personGuid === guid);
      expect(underU1, `guardian ${ordinal} under U1`).toBeDefined();
      expect(underU3, `guardian ${ordinal} under U3`).toBeDefined();
      expect(inBoth.map((row) => row.personGuid)).toContain(guid);
      // Both children in both listings: the second listing adds no relation and changes none.
      expect(childGuids(underU1)).toEqual(expect.arrayContaining([u1Child, u3Child]));
      expect(underU3?.children).toEqual(underU1?.children);
      expect(underU3).toEqual(underU1);
    }
  });
});
