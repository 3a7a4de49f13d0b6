/**
 * Held runs (DESIGN §4): a run that would delete or change more than the configured share waits
 * for an administrator to approve or discard it.
 */
import { z } from 'zod';
import { SkolbryggaError } from '../../errors.js';
import type { Db, Row } from '../db.js';
import { assertTenantId, iso, isoOrNull } from './rows.js';

export const HoldStatusSchema = z.enum(['pending', 'approved', 'discarded']);
export type HoldStatus = z.infer<typeof HoldStatusSchema>;

/** One limit that tripped: counts and shares only. */
export const TrippedShareSchema = z.strictObject({
  platform: z.string().min(1),
  stream: z.string().min(1),
  kind: z.enum(['delete', 'change']),
  count: z.int().nonnegative(),
  total: z.int().nonnegative(),
  share: z.number().min(0),
  limit: z.number().min(0),
});
export type TrippedShare = z.infer<typeof TrippedShareSchema>;

export const NewHoldSchema = z.strictObject({
  runId: z.uuid(),
  /** Which limit tripped: `maxDeleteShare`, `maxChangeShare` or both joined by `+`. */
  reason: z.string().min(1).max(100),
  tripped: TrippedShareSchema.array().min(1),
});
export type NewHold = z.infer<typeof NewHoldSchema>;

export interface Hold extends NewHold {
  id: string;
  status: HoldStatus;
  createdAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface HoldsRepository {
  create(tenantId: string, hold: NewHold): Promise<Hold>;
  get(tenantId: string, holdId: string): Promise<Hold | undefined>;
  getForRun(tenantId: string, runId: string): Promise<Hold | undefined>;
  listPending(tenantId: string): Promise<Hold[]>;
  /** Approves or discards a pending hold; deciding twice is a conflict. */
  decide(tenantId: string, holdId: string, decision: Exclude<HoldStatus, 'pending'>, decidedBy: string): Promise<Hold>;
}

interface HoldRow extends Row {
  id: string;
  run_id: string;
  reason: string;
  tripped: TrippedShare[];
  status: HoldStatus;
  created_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
}

function toHold(row: HoldRow): Hold {
  return {
    id: row.id,
    runId: row.run_id,
    reason: row.reason,
    tripped: row.tripped,
    status: row.status,
    createdAt: iso(row.created_at),
    decidedBy: row.decided_by,
    decidedAt: isoOrNull(row.decided_at),
  };
}

export function createHoldsRepository(db: Db): HoldsRepository {
  async function getWhere(tenantId: string, where: string, value: string): Promise<Hold | undefined> {
    assertTenantId(tenantId);
    const [row] = await db.query<HoldRow>(`SELECT * FROM holds WHERE tenant_id = $1 AND ${where} = $2`, [tenantId, value]);
    return row ? toHold(row) : undefined;
  }

  return {
    async create(tenantId, hold) {
      assertTenantId(tenantId);
      const parsed = NewHoldSchema.parse(hold);
      const [row] = await db.query<HoldRow>(
        'INSERT INTO holds (tenant_id, run_id, reason, tripped) VALUES ($1, $2, $3, $4::jsonb) RETURNING *',
        [tenantId, parsed.runId, parsed.reason, JSON.stringify(parsed.tripped)],
      );
      return toHold(row!);
    },
    get: (tenantId, holdId) => getWhere(tenantId, 'id', holdId),
    getForRun: (tenantId, runId) => getWhere(tenantId, 'run_id', runId),
    async listPending(tenantId) {
      assertTenantId(tenantId);
      const rows = await db.query<HoldRow>(
        "SELECT * FROM holds WHERE tenant_id = $1 AND status = 'pending' ORDER BY created_at, id",
        [tenantId],
      );
      return rows.map(toHold);
    },
    async decide(tenantId, holdId, decision, decidedBy) {
      assertTenantId(tenantId);
      const [row] = await db.query<HoldRow>(
        `UPDATE holds SET status = $3, decided_by = $4, decided_at = now()
          WHERE tenant_id = $1 AND id = $2 AND status = 'pending' RETURNING *`,
        [tenantId, holdId, HoldStatusSchema.parse(decision), decidedBy],
      );
      if (row) return toHold(row);
      const existing = await getWhere(tenantId, 'id', holdId);
      if (!existing) throw new SkolbryggaError('SKB_NOT_FOUND', 'hold not found', { context: { holdId } });
      throw new SkolbryggaError('SKB_CONFLICT', 'the hold has already been decided', { context: { holdId, status: existing.status } });
    },
  };
}
