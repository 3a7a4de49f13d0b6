/** Every webhook delivery attempt (DESIGN §7): status, duration, error — never the payload. */
import { z } from 'zod';
import type { Db, Row } from '../db.js';
import { assertTenantId, clampLimit, iso } from './rows.js';

export const DeliveryAttemptSchema = z.strictObject({
  messageId: z.uuid(),
  endpointId: z.uuid(),
  attempt: z.int().positive(),
  /** HTTP status, null when no response came (timeout, refused). */
  statusCode: z.int().nullable(),
  durationMs: z.int().nonnegative().nullable(),
  /** A short, non-personal description (`timeout`, `HTTP 503`). */
  error: z.string().max(1000).nullable(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttemptSchema>;

export interface Delivery extends DeliveryAttempt {
  id: string;
  attemptedAt: string;
}

export interface DeliveriesRepository {
  record(tenantId: string, attempt: DeliveryAttempt): Promise<Delivery>;
  listForMessage(tenantId: string, messageId: string): Promise<Delivery[]>;
  /** Newest first. */
  listForEndpoint(tenantId: string, endpointId: string, options?: { limit?: number }): Promise<Delivery[]>;
}

interface DeliveryRow extends Row {
  id: string;
  message_id: string;
  endpoint_id: string;
  attempt: number;
  status_code: number | null;
  duration_ms: number | null;
  error: string | null;
  attempted_at: Date;
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    messageId: row.message_id,
    endpointId: row.endpoint_id,
    attempt: row.attempt,
    statusCode: row.status_code,
    durationMs: row.duration_ms,
    error: row.error,
    attemptedAt: iso(row.attempted_at),
  };
}

export function createDeliveriesRepository(db: Db): DeliveriesRepository {
  return {
    async record(tenantId, attempt) {
      assertTenantId(tenantId);
      const parsed = DeliveryAttemptSchema.parse(attempt);
      const [row] = await db.query<DeliveryRow>(
        `INSERT INTO deliveries (tenant_id, message_id, endpoint_id, attempt, status_code, duration_ms, error)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [tenantId, parsed.messageId, parsed.endpointId, parsed.attempt, parsed.statusCode, parsed.durationMs, parsed.error],
      );
      return toDelivery(row!);
    },
    async listForMessage(tenantId, messageId) {
      assertTenantId(tenantId);
      const rows = await db.query<DeliveryRow>(
        'SELECT * FROM deliveries WHERE tenant_id = $1 AND message_id = $2 ORDER BY attempt',
        [tenantId, messageId],
      );
      return rows.map(toDelivery);
    },
    async listForEndpoint(tenantId, endpointId, options = {}) {
      assertTenantId(tenantId);
      const rows = await db.query<DeliveryRow>(
        `SELECT * FROM deliveries WHERE tenant_id = $1 AND endpoint_id = $2
          ORDER BY attempted_at DESC, id LIMIT ${clampLimit(options.limit, 100)}`,
        [tenantId, endpointId],
      );
      return rows.map(toDelivery);
    },
  };
}
