/**
 * Who did what (admin actions, approvals, key changes). Entries name their target by id and keep
 * details free of personal data. `tenantId` null marks an action across municipalities.
 */
import { z } from 'zod';
import type { Db, Row } from '../db.js';
import { assertTenantId, clampLimit, iso } from './rows.js';

export const AuditEntrySchema = z.strictObject({
  /** `apikey:<id>`, `user:<id>`, `system`. */
  actor: z.string().min(1).max(200),
  /** `hold.approve`, `webhook.replay`, `apikey.create` … */
  action: z.string().min(1).max(100),
  /** The target's kind and id (`run:<uuid>`). */
  target: z.string().max(200).nullish(),
  details: z.record(z.string(), z.unknown()).default({}),
});
export type AuditEntry = z.input<typeof AuditEntrySchema>;

export interface AuditRecord extends z.infer<typeof AuditEntrySchema> {
  id: string;
  tenantId: string | null;
  at: string;
}

export interface AuditLogRepository {
  append(tenantId: string | null, entry: AuditEntry): Promise<AuditRecord>;
  /** Newest first; `null` lists the entries across municipalities. */
  list(tenantId: string | null, options?: { limit?: number; action?: string }): Promise<AuditRecord[]>;
}

interface AuditRow extends Row {
  id: string;
  tenant_id: string | null;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  at: Date;
}

function toRecord(row: AuditRow): AuditRecord {
  return { id: row.id, tenantId: row.tenant_id, actor: row.actor, action: row.action, target: row.target, details: row.details, at: iso(row.at) };
}

export function createAuditLogRepository(db: Db): AuditLogRepository {
  return {
    async append(tenantId, entry) {
      if (tenantId !== null) assertTenantId(tenantId);
      const parsed = AuditEntrySchema.parse(entry);
      const [row] = await db.query<AuditRow>(
        'INSERT INTO audit_log (tenant_id, actor, action, target, details) VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING *',
        [tenantId, parsed.actor, parsed.action, parsed.target ?? null, JSON.stringify(parsed.details)],
      );
      return toRecord(row!);
    },
    async list(tenantId, options = {}) {
      if (tenantId !== null) assertTenantId(tenantId);
      const rows = await db.query<AuditRow>(
        `SELECT * FROM audit_log WHERE tenant_id IS NOT DISTINCT FROM $1::uuid AND ($2::text IS NULL OR action = $2)
          ORDER BY at DESC, id LIMIT ${clampLimit(options.limit, 100)}`,
        [tenantId, options.action ?? null],
      );
      return rows.map(toRecord);
    },
  };
}
