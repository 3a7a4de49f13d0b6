/**
 * The deletion log (model §1.12): what was deleted, when and why. It outlives retention purges
 * and holds no personal data; `/deletedEntities?after=` is served from it.
 */
import { DeletionLogEntrySchema } from '../../model/index.js';
import type { DeletionLogEntry } from '../../model/index.js';
import type { Db, Row } from '../db.js';
import { assertTenantId, clampLimit, iso } from './rows.js';

/** An entry to append: the log mints the id, `deletedAt` defaults to now. */
export type NewDeletionLogEntry = Omit<DeletionLogEntry, 'id' | 'tenantId' | 'deletedAt'> & { deletedAt?: string };

export interface DeletionLogRepository {
  append(tenantId: string, entries: readonly NewDeletionLogEntry[], runId?: string | null): Promise<void>;
  /** Entries deleted after `after` (exclusive), oldest first. */
  listSince(tenantId: string, after: string | null, options?: { limit?: number }): Promise<DeletionLogEntry[]>;
}

interface LogRow extends Row {
  id: string;
  tenant_id: string;
  entity_type: DeletionLogEntry['entityType'];
  entity_id: string;
  deleted_at: Date;
  reason: DeletionLogEntry['reason'];
  merged_into_id: string | null;
  evidence: string | null;
}

function toEntry(row: LogRow): DeletionLogEntry {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    deletedAt: iso(row.deleted_at),
    reason: row.reason,
    mergedIntoId: row.merged_into_id,
    evidence: row.evidence,
  };
}

export function createDeletionLogRepository(db: Db): DeletionLogRepository {
  return {
    async append(tenantId, entries, runId = null) {
      assertTenantId(tenantId);
      if (entries.length === 0) return;
      const now = new Date().toISOString();
      // Validated with the model's own schema (a placeholder id and tenant satisfy its uuid checks).
      const valid = entries.map((entry) =>
        DeletionLogEntrySchema.parse({ ...entry, id: tenantId, tenantId, deletedAt: entry.deletedAt ?? now }),
      );
      await db.query(
        `INSERT INTO deletion_log (tenant_id, entity_type, entity_id, deleted_at, reason, merged_into_id, evidence, run_id)
         SELECT $1, t, e, d, r, m, v, $2
           FROM unnest($3::text[], $4::uuid[], $5::timestamptz[], $6::text[], $7::uuid[], $8::text[]) AS x(t, e, d, r, m, v)`,
        [
          tenantId,
          runId,
          valid.map((entry) => entry.entityType),
          valid.map((entry) => entry.entityId),
          valid.map((entry) => entry.deletedAt),
          valid.map((entry) => entry.reason),
          valid.map((entry) => entry.mergedIntoId ?? null),
          valid.map((entry) => entry.evidence ?? null),
        ],
      );
    },
    async listSince(tenantId, after, options = {}) {
      assertTenantId(tenantId);
      const rows = await db.query<LogRow>(
        `SELECT * FROM deletion_log WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR deleted_at > $2)
          ORDER BY deleted_at, id LIMIT ${clampLimit(options.limit, 1000)}`,
        [tenantId, after],
      );
      return rows.map(toEntry);
    },
  };
}
