/**
 * The SS 12000 connector (connectors/ss12000) against the SS 12000 simulator over HTTP: backfill vs. `/_control/world`,
 * incremental nights, re-login, paging rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../simulators/common/index.js';
import type { SourceRecord } from '../core/model/index.js';
import type { QuarantineEntry, StreamName } from '../connectors/sdk/index.js';
import { AuthFailed } from '../connectors/sdk/index.js';
import { createSs12000Connector, SS12000_STREAMS } from '../connectors/ss12000/index.js';
import type { Ss12000Checkpoint, Ss12000Config } from '../connectors/ss12000/index.js';

let server: Awaited<ReturnType<ReturnType<typeof createSimulator>['listen']>>;

beforeAll(async () => {
  const { simulator } = await import('../simulators/ss12000/index.js');
  server = (await createSimulator(simulator, { seed: 'conn', students: 120 }).listen());
});
afterAll(async () => {
  await server.close();
});

const config = (overrides: Partial<Ss12000Config> = {}): Ss12000Config => ({
  baseUrl: server.url,
  customerId: '9901',
  clientId: 'skolbrygga-sjostad',
  clientSecret: 'sim-secret-sjostad',
  ...overrides,
});

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${server.url}/_control${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : null;
}

interface StreamResult {
  records: SourceRecord[];
  quarantined: QuarantineEntry[];
  checkpoint: Ss12000Checkpoint | null;
  pages: number;
}

async function readAll(
  connector: ReturnType<typeof createSs12000Connector>,
  stream: StreamName,
  checkpoint: Ss12000Checkpoint | null,
): Promise<StreamResult> {
  const result: StreamResult = { records: [], quarantined: [], checkpoint, pages: 0 };
  for await (const page of connector.read(stream, checkpoint)) {
    result.records.push(...page.records);
    result.quarantined.push(...page.quarantined);
    result.checkpoint = page.checkpoint;
    result.pages += 1;
  }
  return result;
}

interface WorldPerson {
  platformIds: { ss12000?: string };
  quarantined: boolean;
}
interface World {
  persons: WorldPerson[];
  malformed: { recordType: string; id: string; field: string; kind: string }[];
}

describe('SS 12000 connector against the simulator', () => {
  it('COM-03 (persons only) / SS12-12 a full backfill of persons equals the world ground truth, quarantined records included', async () => {
    const connector = createSs12000Connector(config());
    const persons = await readAll(connector, 'persons', null);
    const world = (await control('GET', '/world')) as World;

    const inWorld = world.persons.filter((person) => person.platformIds.ss12000 !== undefined);
    const expectedClean = inWorld.filter((person) => !person.quarantined).map((person) => person.platformIds.ss12000);
    const expectedQuarantined = inWorld.filter((person) => person.quarantined).map((person) => person.platformIds.ss12000);

    // Teachers are persons too but carry no civic number and are not in the world's person list.
    const withCivicNo = persons.records.filter((record) => record.entityType === 'Person' && record.civicNo != null);
    expect(withCivicNo.map((record) => record.source.sourceId).sort()).toEqual([...expectedClean].sort());
    expect(persons.quarantined.map((entry) => entry.sourceId).sort()).toEqual([...expectedQuarantined].sort());
    for (const entry of persons.quarantined) {
      expect(entry.field).toBe('civicNo.value');
      expect(entry.message).not.toMatch(/\d{6}/);
    }
    expect(persons.checkpoint?.modifiedAfter).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('COM-01 / SS12-03 a second run from the checkpoint writes nothing new and stays within the request budget', async () => {
    const first = createSs12000Connector(config());
    const checkpoints = new Map<StreamName, Ss12000Checkpoint | null>();
    for (const stream of SS12000_STREAMS) {
      const result = await readAll(first, stream, null);
      expect(result.records.length, stream).toBeGreaterThan(0);
      checkpoints.set(stream, result.checkpoint);
    }

    const second = createSs12000Connector(config());
    for (const stream of SS12000_STREAMS) {
      const result = await readAll(second, stream, checkpoints.get(stream) ?? null);
      expect(result.records, stream).toEqual([]);
      expect(result.quarantined, stream).toEqual([]);
      expect(result.checkpoint, stream).toEqual(checkpoints.get(stream));
    }
    // token 1 + per stream max(1, ceil(0 / pageSize)).
    expect(second.requestCount()).toBeLessThanOrEqual(1 + SS12000_STREAMS.length);
  });

  it('COM-06 / SS12-01 session expiry mid-stream costs exactly one re-login and loses nothing', async () => {
    const reference = await readAll(createSs12000Connector(config({ pageSize: 50 })), 'persons', null);

    const connector = createSs12000Connector(config({ pageSize: 50 }));
    const result: SourceRecord[] = [];
    let pages = 0;
    for await (const page of connector.read('persons', null)) {
      result.push(...page.records);
      pages += 1;
      if (pages === 1) await control('POST', '/sessions/expire', {});
    }
    expect(pages).toBeGreaterThan(1);
    // The reference run: 1 token + its pages; this run: the same + 1 token + 1 replayed request.
    expect(connector.requestCount()).toBe(1 + reference.pages + 2);
    expect(result.map((record) => record.source.sourceId).sort()).toEqual(
      reference.records.map((record) => record.source.sourceId).sort(),
    );
  });

  it('SS12-01 a token used for another customer (403) fails the stream', async () => {
    const connector = createSs12000Connector(config({ customerId: '9902' }));
    await expect(readAll(connector, 'organisations', null)).rejects.toBeInstanceOf(AuthFailed);
  });

  it('SS12-02 follow-up pages send only pageToken and limit: small pages read everything without a 400', async () => {
    const small = await readAll(createSs12000Connector(config({ pageSize: 7 })), 'absences', null);
    const large = await readAll(createSs12000Connector(config()), 'absences', null);
    expect(small.pages).toBeGreaterThan(2);
    expect(small.records.map((record) => record.source.sourceId).sort()).toEqual(
      large.records.map((record) => record.source.sourceId).sort(),
    );
  });

  it('SS12-06 simulator notices map to reported/undetermined notices with the raw type kept', async () => {
    const { records } = await readAll(createSs12000Connector(config()), 'absences', null);
    const notices = records.filter((record) => record.entityType === 'AbsenceRecord');
    expect(notices.length).toBeGreaterThan(0);
    for (const notice of notices) {
      if (notice.entityType !== 'AbsenceRecord') continue;
      expect(notice.recordKind).toBe('notice');
      if (notice.sourceCategoryCode === 'Anmäld frånvaro') {
        expect([notice.category, notice.validity]).toEqual(['reported', 'undetermined']);
      }
    }
  });
});
