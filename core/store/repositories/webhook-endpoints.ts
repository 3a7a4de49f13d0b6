/** Webhook endpoints per tenant (DESIGN §7), kept in step with the configuration by name. */
import { z } from 'zod';
import type { Db, Row } from '../db.js';
import { assertTenantId, iso, isoOrNull } from './rows.js';

export const WebhookEndpointConfigSchema = z.strictObject({
  /** The endpoint's name in the configuration. */
  name: z.string().min(1).max(100),
  url: z.url(),
  /** Names of the secrets (environment variables), never the secrets: two during rotation. */
  secretRefs: z.string().min(1).array().min(1).max(2),
  /** Event types delivered; empty = all. */
  eventTypes: z.string().min(1).array().default([]),
});
export type WebhookEndpointConfig = z.input<typeof WebhookEndpointConfigSchema>;

export interface WebhookEndpoint extends z.infer<typeof WebhookEndpointConfigSchema> {
  id: string;
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  failingSince: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookEndpointsRepository {
  /** Creates or updates the endpoint of that name; returns it. */
  upsert(tenantId: string, endpoint: WebhookEndpointConfig): Promise<WebhookEndpoint>;
  get(tenantId: string, endpointId: string): Promise<WebhookEndpoint | undefined>;
  list(tenantId: string, options?: { enabledOnly?: boolean }): Promise<WebhookEndpoint[]>;
  /** Marks (or clears, with null) the start of an unbroken run of failures. */
  setFailingSince(tenantId: string, endpointId: string, since: string | null): Promise<void>;
  disable(tenantId: string, endpointId: string, reason: string): Promise<void>;
  enable(tenantId: string, endpointId: string): Promise<void>;
}

interface EndpointRow extends Row {
  id: string;
  name: string;
  url: string;
  secret_refs: string[];
  event_types: string[];
  enabled: boolean;
  disabled_at: Date | null;
  disabled_reason: string | null;
  failing_since: Date | null;
  created_at: Date;
  updated_at: Date;
}

function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    secretRefs: row.secret_refs,
    eventTypes: row.event_types,
    enabled: row.enabled,
    disabledAt: isoOrNull(row.disabled_at),
    disabledReason: row.disabled_reason,
    failingSince: isoOrNull(row.failing_since),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function createWebhookEndpointsRepository(db: Db): WebhookEndpointsRepository {
  async function update(tenantId: string, endpointId: string, set: string, params: (string | null)[]): Promise<void> {
    assertTenantId(tenantId);
    await db.query(`UPDATE webhook_endpoints SET ${set}, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      endpointId,
      ...params,
    ]);
  }

  return {
    async upsert(tenantId, endpoint) {
      assertTenantId(tenantId);
      const parsed = WebhookEndpointConfigSchema.parse(endpoint);
      const [row] = await db.query<EndpointRow>(
        `INSERT INTO webhook_endpoints (tenant_id, name, url, secret_refs, event_types) VALUES ($1, $2, $3, $4::text[], $5::text[])
         ON CONFLICT (tenant_id, name) DO UPDATE
           SET url = EXCLUDED.url, secret_refs = EXCLUDED.secret_refs, event_types = EXCLUDED.event_types, updated_at = now()
         RETURNING *`,
        [tenantId, parsed.name, parsed.url, parsed.secretRefs, parsed.eventTypes],
      );
      return toEndpoint(row!);
    },
    async get(tenantId, endpointId) {
      assertTenantId(tenantId);
      const [row] = await db.query<EndpointRow>('SELECT * FROM webhook_endpoints WHERE tenant_id = $1 AND id = $2', [tenantId, endpointId]);
      return row ? toEndpoint(row) : undefined;
    },
    async list(tenantId, options = {}) {
      assertTenantId(tenantId);
      const rows = await db.query<EndpointRow>(
        'SELECT * FROM webhook_endpoints WHERE tenant_id = $1 AND (NOT $2::boolean OR enabled) ORDER BY name',
        [tenantId, options.enabledOnly === true],
      );
      return rows.map(toEndpoint);
    },
    setFailingSince: (tenantId, endpointId, since) => update(tenantId, endpointId, 'failing_since = $3::timestamptz', [since]),
    disable: (tenantId, endpointId, reason) =>
      update(tenantId, endpointId, 'enabled = false, disabled_at = now(), disabled_reason = $3', [reason]),
    enable: (tenantId, endpointId) =>
      update(tenantId, endpointId, 'enabled = true, disabled_at = NULL, disabled_reason = NULL, failing_since = NULL', []),
  };
}
