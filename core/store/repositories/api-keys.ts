/**
 * API keys of the admin server, stored as hashes (the key itself is shown once, at creation).
 * A key is not owned by a tenant: it lists the tenants it may see (null = every tenant).
 */
import { z } from 'zod';
import type { Db, Row } from '../db.js';
import { assertTenantId, iso, isoOrNull } from './rows.js';

export const ApiKeyRoleSchema = z.enum(['viewer', 'operator', 'admin']);
export type ApiKeyRole = z.infer<typeof ApiKeyRoleSchema>;

export const NewApiKeySchema = z.strictObject({
  name: z.string().min(1).max(100),
  /** A hash of the key (the caller hashes it); the key itself is never stored. */
  keyHash: z.string().min(32),
  /** The first characters of the key, to recognise it in a list. */
  keyPrefix: z.string().min(1).max(16),
  role: ApiKeyRoleSchema,
  /** null = every tenant. */
  tenantIds: z.uuid().array().nullable(),
});
export type NewApiKey = z.infer<typeof NewApiKeySchema>;

export interface ApiKey extends Omit<NewApiKey, 'keyHash'> {
  id: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface ApiKeysRepository {
  create(key: NewApiKey): Promise<ApiKey>;
  /** The active (not revoked) key with this hash: how a request is authenticated. */
  findActiveByHash(keyHash: string): Promise<ApiKey | undefined>;
  touch(keyId: string): Promise<void>;
  revoke(keyId: string): Promise<void>;
  list(): Promise<ApiKey[]>;
  /** Keys that may see this tenant (including keys for every tenant). */
  listForTenant(tenantId: string): Promise<ApiKey[]>;
}

interface ApiKeyRow extends Row {
  id: string;
  name: string;
  key_prefix: string;
  role: ApiKeyRole;
  tenant_ids: string[] | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, key_prefix, role, tenant_ids, created_at, last_used_at, revoked_at';

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.key_prefix,
    role: row.role,
    tenantIds: row.tenant_ids,
    createdAt: iso(row.created_at),
    lastUsedAt: isoOrNull(row.last_used_at),
    revokedAt: isoOrNull(row.revoked_at),
  };
}

export function createApiKeysRepository(db: Db): ApiKeysRepository {
  return {
    async create(key) {
      const parsed = NewApiKeySchema.parse(key);
      const [row] = await db.query<ApiKeyRow>(
        `INSERT INTO api_keys (name, key_hash, key_prefix, role, tenant_ids) VALUES ($1, $2, $3, $4, $5::uuid[]) RETURNING ${COLUMNS}`,
        [parsed.name, parsed.keyHash, parsed.keyPrefix, parsed.role, parsed.tenantIds],
      );
      return toApiKey(row!);
    },
    async findActiveByHash(keyHash) {
      const [row] = await db.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`, [keyHash]);
      return row ? toApiKey(row) : undefined;
    },
    async touch(keyId) {
      await db.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [keyId]);
    },
    async revoke(keyId) {
      await db.query('UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1', [keyId]);
    },
    async list() {
      return (await db.query<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`)).map(toApiKey);
    },
    async listForTenant(tenantId) {
      assertTenantId(tenantId);
      const rows = await db.query<ApiKeyRow>(
        `SELECT ${COLUMNS} FROM api_keys WHERE tenant_ids IS NULL OR $1::uuid = ANY(tenant_ids) ORDER BY created_at, id`,
        [tenantId],
      );
      return rows.map(toApiKey);
    },
  };
}
