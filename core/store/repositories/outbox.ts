/**
 * The webhook outbox (DESIGN §7): one message per event and endpoint, written in the same
 * transaction as the decisions it announces. The message id is the Standard Webhooks
 * `webhook-id`: stable across retries of that message; an amendment is a new message.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db, Row } from '../db.js';
import { assertTenantId, clampLimit, iso, isoOrNull } from './rows.js';

export const OutboxStateSchema = z.enum(['pending', 'delivering', 'delivered', 'failed', 'dead']);
export type OutboxState = z.infer<typeof OutboxStateSchema>;

export const NewOutboxMessageSchema = z.strictObject({
  endpointId: z.uuid(),
  /** `warning.oral`, `sync.completed` … */
  type: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  decisionId: z.uuid().nullish(),
  runId: z.uuid().nullish(),
});
export type NewOutboxMessage = z.infer<typeof NewOutboxMessageSchema>;

export interface OutboxMessage {
  id: string;
  endpointId: string;
  type: string;
  payload: Record<string, unknown>;
  decisionId: string | null;
  runId: string | null;
  createdAt: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  deliveredAt: string | null;
  lastError: string | null;
}

export interface OutboxRepository {
  /** Adds messages (one statement); returns their ids in input order. */
  enqueue(tenantId: string, messages: readonly NewOutboxMessage[]): Promise<string[]>;
  get(tenantId: string, messageId: string): Promise<OutboxMessage | undefined>;
  /** Messages due for delivery at `now`: oldest due first, then in enqueue order. */
  listPending(tenantId: string, options?: { now?: Date; limit?: number; endpointId?: string }): Promise<OutboxMessage[]>;
  /** Claims a due message for delivery; false when another worker has it or it is not due. */
  claim(tenantId: string, messageId: string): Promise<boolean>;
  markDelivered(tenantId: string, messageId: string): Promise<void>;
  /** A failed attempt: `retryAt` schedules the next, null gives up (`dead`). */
  markFailed(tenantId: string, messageId: string, error: string, retryAt: Date | null): Promise<void>;
  /** Replay: a delivered, failed or dead message goes out again under the same id. */
  requeue(tenantId: string, messageId: string): Promise<void>;
}

interface OutboxRow extends Row {
  id: string;
  endpoint_id: string;
  type: string;
  payload: Record<string, unknown>;
  decision_id: string | null;
  run_id: string | null;
  created_at: Date;
  state: OutboxState;
  attempts: number;
  next_attempt_at: Date;
  delivered_at: Date | null;
  last_error: string | null;
}

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    type: row.type,
    payload: row.payload,
    decisionId: row.decision_id,
    runId: row.run_id,
    createdAt: iso(row.created_at),
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: iso(row.next_attempt_at),
    deliveredAt: isoOrNull(row.delivered_at),
    lastError: row.last_error,
  };
}

export function createOutboxRepository(db: Db): OutboxRepository {
  return {
    async enqueue(tenantId, messages) {
      assertTenantId(tenantId);
      if (messages.length === 0) return [];
      const parsed = messages.map((message) => NewOutboxMessageSchema.parse(message));
      // Ids minted here, so the caller gets them in its own order without trusting RETURNING's.
      const ids = parsed.map(() => randomUUID());
      await db.query(
        `INSERT INTO outbox (tenant_id, id, endpoint_id, type, payload, decision_id, run_id)
         SELECT $1, i, e, t, p, d, r
           FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::jsonb[], $6::uuid[], $7::uuid[]) WITH ORDINALITY AS m(i, e, t, p, d, r, ord)
          ORDER BY ord`,
        [
          tenantId,
          ids,
          parsed.map((message) => message.endpointId),
          parsed.map((message) => message.type),
          parsed.map((message) => JSON.stringify(message.payload)),
          parsed.map((message) => message.decisionId ?? null),
          parsed.map((message) => message.runId ?? null),
        ],
      );
      return ids;
    },
    async get(tenantId, messageId) {
      assertTenantId(tenantId);
      const [row] = await db.query<OutboxRow>('SELECT * FROM outbox WHERE tenant_id = $1 AND id = $2', [tenantId, messageId]);
      return row ? toMessage(row) : undefined;
    },
    async listPending(tenantId, options = {}) {
      assertTenantId(tenantId);
      const rows = await db.query<OutboxRow>(
        `SELECT * FROM outbox
          WHERE tenant_id = $1 AND state IN ('pending', 'failed') AND next_attempt_at <= $2::timestamptz
            AND ($3::uuid IS NULL OR endpoint_id = $3)
          ORDER BY next_attempt_at, seq LIMIT ${clampLimit(options.limit, 100)}`,
        [tenantId, options.now ?? new Date(), options.endpointId ?? null],
      );
      return rows.map(toMessage);
    },
    async claim(tenantId, messageId) {
      assertTenantId(tenantId);
      const rows = await db.query(
        `UPDATE outbox SET state = 'delivering', attempts = attempts + 1
          WHERE tenant_id = $1 AND id = $2 AND state IN ('pending', 'failed') AND next_attempt_at <= now()
         RETURNING id`,
        [tenantId, messageId],
      );
      return rows.length === 1;
    },
    async markDelivered(tenantId, messageId) {
      assertTenantId(tenantId);
      await db.query(
        "UPDATE outbox SET state = 'delivered', delivered_at = now(), last_error = NULL WHERE tenant_id = $1 AND id = $2",
        [tenantId, messageId],
      );
    },
    async markFailed(tenantId, messageId, error, retryAt) {
      assertTenantId(tenantId);
      await db.query(
        `UPDATE outbox SET state = CASE WHEN $4::timestamptz IS NULL THEN 'dead' ELSE 'failed' END,
                           next_attempt_at = COALESCE($4::timestamptz, next_attempt_at), last_error = $3
          WHERE tenant_id = $1 AND id = $2`,
        [tenantId, messageId, error, retryAt],
      );
    },
    async requeue(tenantId, messageId) {
      assertTenantId(tenantId);
      await db.query(
        "UPDATE outbox SET state = 'pending', next_attempt_at = now(), delivered_at = NULL WHERE tenant_id = $1 AND id = $2 AND state <> 'delivering'",
        [tenantId, messageId],
      );
    },
  };
}
