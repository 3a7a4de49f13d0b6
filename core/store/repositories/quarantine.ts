/**
 * Records that failed validation (DESIGN §3): where they came from and what was wrong, never their
 * content. One entry per (platform, stream, source id, field): seen again, it counts up.
 */
import { z } from 'zod';
import type { Db, Row } from '../db.js';
import { assertTenantId, clampLimit, iso, isoOrNull } from './rows.js';

/** The quarantine line of DESIGN §10: no civic number, name or reason text in any field. */
export const QuarantineEntrySchema = z.strictObject({
  platform: z.string().min(1),
  stream: z.string().min(1),
  sourceId: z.string().min(1),
  /** The field path (`studentRef`, `absences[3].minutes`). */
  field: z.string(),
  message: z.string().max(1000),
});
export type QuarantineEntry = z.infer<typeof QuarantineEntrySchema>;

export interface QuarantinedRecord extends QuarantineEntry {
  id: string;
  runId: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  occurrences: number;
  resolvedAt: string | null;
}

export interface QuarantineFilter {
  platform?: string;
  stream?: string;
  runId?: string;
  includeResolved?: boolean;
  limit?: number;
}

export interface QuarantineRepository {
  /** Adds a batch (one statement); an entry already open counts up and takes the latest message. */
  add(tenantId: string, runId: string | null, entries: readonly QuarantineEntry[]): Promise<void>;
  /** Newest first. */
  list(tenantId: string, filter?: QuarantineFilter): Promise<QuarantinedRecord[]>;
  countOpen(tenantId: string, filter?: Pick<QuarantineFilter, 'platform' | 'stream' | 'runId'>): Promise<number>;
  /** Closes the entries of records that have since validated. Returns how many were closed. */
  resolve(tenantId: string, platform: string, stream: string, sourceIds: readonly string[]): Promise<number>;
}

interface QuarantineRow extends Row {
  id: string;
  platform: string;
  stream: string;
  source_id: string;
  field_path: string;
  message: string;
  run_id: string | null;
  first_seen_at: Date;
  last_seen_at: Date;
  occurrences: number;
  resolved_at: Date | null;
}

function toRecord(row: QuarantineRow): QuarantinedRecord {
  return {
    id: row.id,
    platform: row.platform,
    stream: row.stream,
    sourceId: row.source_id,
    field: row.field_path,
    message: row.message,
    runId: row.run_id,
    firstSeenAt: iso(row.first_seen_at),
    lastSeenAt: iso(row.last_seen_at),
    occurrences: row.occurrences,
    resolvedAt: isoOrNull(row.resolved_at),
  };
}

function filterSql(filter: QuarantineFilter): { where: string; params: (string | boolean | null)[] } {
  return {
    where: `tenant_id = $1 AND ($2::text IS NULL OR platform = $2) AND ($3::text IS NULL OR stream = $3)
            AND ($4::uuid IS NULL OR run_id = $4) AND ($5::boolean OR resolved_at IS NULL)`,
    params: [filter.platform ?? null, filter.stream ?? null, filter.runId ?? null, filter.includeResolved === true],
  };
}

export function createQuarantineRepository(db: Db): QuarantineRepository {
  return {
    async add(tenantId, runId, entries) {
      assertTenantId(tenantId);
      if (entries.length === 0) return;
      const valid = entries.map((entry) => QuarantineEntrySchema.parse(entry));
      // Duplicates in one batch would make ON CONFLICT touch a row twice: keep the last of each.
      const unique = [...new Map(valid.map((entry) => [JSON.stringify([entry.platform, entry.stream, entry.sourceId, entry.field]), entry])).values()];
      await db.query(
        `INSERT INTO quarantine (tenant_id, platform, stream, source_id, field_path, message, run_id)
         SELECT $1, p, s, i, f, m, $2 FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS e(p, s, i, f, m)
         ON CONFLICT (tenant_id, platform, stream, source_id, field_path) DO UPDATE
           SET message = EXCLUDED.message, run_id = EXCLUDED.run_id, last_seen_at = now(),
               occurrences = quarantine.occurrences + 1, resolved_at = NULL`,
        [
          tenantId,
          runId,
          unique.map((entry) => entry.platform),
          unique.map((entry) => entry.stream),
          unique.map((entry) => entry.sourceId),
          unique.map((entry) => entry.field),
          unique.map((entry) => entry.message),
        ],
      );
    },
    async list(tenantId, filter = {}) {
      assertTenantId(tenantId);
      const { where, params } = filterSql(filter);
      const rows = await db.query<QuarantineRow>(
        `SELECT * FROM quarantine WHERE ${where} ORDER BY last_seen_at DESC, id LIMIT ${clampLimit(filter.limit, 500)}`,
        [tenantId, ...params],
      );
      return rows.map(toRecord);
    },
    async countOpen(tenantId, filter = {}) {
      assertTenantId(tenantId);
      const { where, params } = filterSql({ ...filter, includeResolved: false });
      const [row] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM quarantine WHERE ${where}`, [tenantId, ...params]);
      return row?.n ?? 0;
    },
    async resolve(tenantId, platform, stream, sourceIds) {
      assertTenantId(tenantId);
      if (sourceIds.length === 0) return 0;
      const rows = await db.query(
        `UPDATE quarantine SET resolved_at = now()
          WHERE tenant_id = $1 AND platform = $2 AND stream = $3 AND source_id = ANY($4::text[]) AND resolved_at IS NULL
         RETURNING id`,
        [tenantId, platform, stream, sourceIds],
      );
      return rows.length;
    },
  };
}
