/**
 * Where each stream resumes (DESIGN §4): saved in the same transaction as the page it follows,
 * so a killed worker restarts from the last committed page.
 */
import type { Db, Row } from '../db.js';
import { assertTenantId, iso } from './rows.js';

export interface CheckpointKey {
  platform: string;
  sourceInstance: string;
  stream: string;
}

export interface Checkpoint<C = unknown> extends CheckpointKey {
  /** The connector's cursor, opaque to the store (JSON). */
  cursor: C;
  runId: string | null;
  updatedAt: string;
}

export interface CheckpointsRepository {
  save(tenantId: string, key: CheckpointKey, cursor: unknown, runId: string | null): Promise<void>;
  load<C = unknown>(tenantId: string, key: CheckpointKey): Promise<Checkpoint<C> | undefined>;
  /** Forget a stream's cursor (a full resync starts from the beginning). */
  clear(tenantId: string, key: CheckpointKey): Promise<void>;
  list(tenantId: string): Promise<Checkpoint[]>;
}

interface CheckpointRow extends Row {
  platform: string;
  source_instance: string;
  stream: string;
  cursor: unknown;
  run_id: string | null;
  updated_at: Date;
}

function toCheckpoint<C>(row: CheckpointRow): Checkpoint<C> {
  return {
    platform: row.platform,
    sourceInstance: row.source_instance,
    stream: row.stream,
    cursor: row.cursor as C,
    runId: row.run_id,
    updatedAt: iso(row.updated_at),
  };
}

const KEY = 'tenant_id = $1 AND platform = $2 AND source_instance = $3 AND stream = $4';

export function createCheckpointsRepository(db: Db): CheckpointsRepository {
  const keyParams = (tenantId: string, key: CheckpointKey) => [tenantId, key.platform, key.sourceInstance, key.stream];
  return {
    async save(tenantId, key, cursor, runId) {
      assertTenantId(tenantId);
      await db.query(
        `INSERT INTO checkpoints (tenant_id, platform, source_instance, stream, cursor, run_id)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6)
         ON CONFLICT (tenant_id, platform, source_instance, stream)
           DO UPDATE SET cursor = EXCLUDED.cursor, run_id = EXCLUDED.run_id, updated_at = now()`,
        [...keyParams(tenantId, key), JSON.stringify(cursor ?? null), runId],
      );
    },
    async load<C = unknown>(tenantId: string, key: CheckpointKey) {
      assertTenantId(tenantId);
      const [row] = await db.query<CheckpointRow>(`SELECT * FROM checkpoints WHERE ${KEY}`, keyParams(tenantId, key));
      return row ? toCheckpoint<C>(row) : undefined;
    },
    async clear(tenantId, key) {
      assertTenantId(tenantId);
      await db.query(`DELETE FROM checkpoints WHERE ${KEY}`, keyParams(tenantId, key));
    },
    async list(tenantId) {
      assertTenantId(tenantId);
      const rows = await db.query<CheckpointRow>(
        'SELECT * FROM checkpoints WHERE tenant_id = $1 ORDER BY platform, source_instance, stream',
        [tenantId],
      );
      return rows.map((row) => toCheckpoint(row));
    },
  };
}
