import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceRef } from '../../model/index.js';
import { createStore } from '../store.js';
import type { Store } from '../store.js';
import { createTestDatabase, DEFAULT_TEST_POSTGRES_URL, TEST_DRIVERS } from '../testing.js';
import type { TestDatabase } from '../testing.js';
import { sourceKey } from './canonical-entities.js';
import type { SourceLinkWrite, SourceStream } from './source-links.js';

const POSTGRES_URL = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : DEFAULT_TEST_POSTGRES_URL;

const STREAM: SourceStream = { sourceSystem: 'skola24', sourceInstance: 'sjostad', sourceEntityType: 'student' };
const ref = (sourceId: string): SourceRef => ({ ...STREAM, sourceId });
const link = (sourceId: string, contentHash = 'a'.repeat(64), canonicalId = randomUUID()): SourceLinkWrite => ({
  source: ref(sourceId),
  canonicalType: 'Person',
  canonicalId,
  contentHash,
  mapperVersion: 'skola24@1',
});

describe.each(TEST_DRIVERS)('source links on %s', (driver) => {
  let test: TestDatabase;
  let store: Store;
  let tenant: string;
  let run: string;

  beforeAll(async () => {
    test = await createTestDatabase({ driver, postgresUrl: POSTGRES_URL });
    store = createStore(test.db);
    tenant = (await store.tenants.ensure('links', 'Links')).id;
  });
  beforeEach(async () => {
    await test.db.query('DELETE FROM source_links');
    run = (await store.syncRuns.create(tenant, { mode: 'full', trigger: 'schedule' })).id;
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('writes a link only when what it says changed', async () => {
    const s1 = link('s1');
    const s2 = link('s2');
    expect(await store.sourceLinks.upsert(tenant, run, [s1, s2])).toEqual({
      added: [sourceKey(s1.source), sourceKey(s2.source)],
      updated: [],
      unchanged: [],
    });
    const [before] = await store.sourceLinks.listForCanonical(tenant, 'Person', s1.canonicalId);
    const nextRun = (await store.syncRuns.create(tenant, { mode: 'full', trigger: 'schedule' })).id;
    const outcome = await store.sourceLinks.upsert(tenant, nextRun, [s1, { ...s2, contentHash: 'b'.repeat(64) }]);
    expect(outcome).toEqual({ added: [], updated: [sourceKey(s2.source)], unchanged: [sourceKey(s1.source)] });

    const [after] = await store.sourceLinks.listForCanonical(tenant, 'Person', s1.canonicalId);
    expect(after).toEqual(before);
    const [changed] = await store.sourceLinks.listForCanonical(tenant, 'Person', s2.canonicalId);
    expect(changed).toMatchObject({ contentHash: 'b'.repeat(64), lastSyncRunId: nextRun, presence: 'present' });
    expect(changed!.lastChangedAt >= changed!.firstSeenAt).toBe(true);

    const resolved = await store.sourceLinks.resolve(tenant, [s1.source, ref('unknown')]);
    expect([...resolved.entries()]).toEqual([[sourceKey(s1.source), { canonicalType: 'Person', canonicalId: s1.canonicalId, presence: 'present' }]]);
  });

  it('marks what a full run did not see as missing, counting runs, and brings it back when seen', async () => {
    await store.sourceLinks.upsert(tenant, run, [link('k1'), link('k2'), link('k3')]);
    await store.sourceLinks.recordSeen(tenant, run, STREAM, 1, ['k1']);
    await store.sourceLinks.recordSeen(tenant, run, STREAM, 2, ['k2']);
    // A page recorded again (a resumed worker) replaces itself.
    await store.sourceLinks.recordSeen(tenant, run, STREAM, 2, ['k2']);

    expect(await store.sourceLinks.countUnseen(tenant, run, STREAM)).toEqual({ unseen: 1, present: 3 });
    const first = await store.sourceLinks.markUnseenMissing(tenant, run, STREAM);
    expect(first.map((missing) => [missing.source.sourceId, missing.missingRuns])).toEqual([['k3', 1]]);

    const second = (await store.syncRuns.create(tenant, { mode: 'full', trigger: 'schedule' })).id;
    await store.sourceLinks.recordSeen(tenant, second, STREAM, 1, ['k1', 'k2']);
    expect((await store.sourceLinks.markUnseenMissing(tenant, second, STREAM)).map((m) => m.missingRuns)).toEqual([2]);

    // Seen again: the upsert rewrites it even though its hash is unchanged.
    const [k3] = await store.sourceLinks.listForCanonical(tenant, 'Person', first[0]!.canonicalId);
    const back = await store.sourceLinks.upsert(tenant, second, [{ ...link('k3'), canonicalId: k3!.canonicalId }]);
    expect(back.updated).toEqual([sourceKey(ref('k3'))]);
    const [restored] = await store.sourceLinks.listForCanonical(tenant, 'Person', k3!.canonicalId);
    expect(restored).toMatchObject({ presence: 'present', missingRuns: 0, missingSince: null });
  });

  it('records source deletions and tells when every link of an object is deleted', async () => {
    const person = randomUUID();
    await store.sourceLinks.upsert(tenant, run, [link('d1', undefined, person), { ...link('d2', undefined, person), source: { ...ref('d2'), sourceSystem: 'infomentor' } }]);
    const deleted = await store.sourceLinks.markDeleted(tenant, run, [ref('d1')]);
    expect(deleted.map((d) => d.canonicalId)).toEqual([person]);
    expect(await store.sourceLinks.markDeleted(tenant, run, [ref('d1')])).toEqual([]);
    expect(await store.sourceLinks.withAllLinksDeleted(tenant, 'Person', [person])).toEqual([]);
    await store.sourceLinks.markDeleted(tenant, run, [{ ...ref('d2'), sourceSystem: 'infomentor' }]);
    expect(await store.sourceLinks.withAllLinksDeleted(tenant, 'Person', [person])).toEqual([person]);
  });
});
