/** Tenants: one per municipality (huvudman) in the configuration. */
import { z } from 'zod';
import { SkolbryggaError } from '../../errors.js';
import type { Db } from '../db.js';
import { assertTenantId, iso, isoOrNull } from './rows.js';

/** The municipality's key in the configuration (`sjostad`). */
export const TenantKeySchema = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _');

export interface Tenant {
  id: string;
  key: string;
  displayName: string;
  createdAt: string;
  updatedAt: string;
  disabledAt: string | null;
}

export interface TenantsRepository {
  /** Creates the tenant for a configuration key, or updates its display name; returns it. */
  ensure(key: string, displayName: string): Promise<Tenant>;
  get(tenantId: string): Promise<Tenant | undefined>;
  getByKey(key: string): Promise<Tenant | undefined>;
  list(): Promise<Tenant[]>;
}

interface TenantRow extends Record<string, unknown> {
  id: string;
  key: string;
  display_name: string;
  created_at: Date;
  updated_at: Date;
  disabled_at: Date | null;
}

const COLUMNS = 'id, key, display_name, created_at, updated_at, disabled_at';

function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    key: row.key,
    displayName: row.display_name,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    disabledAt: isoOrNull(row.disabled_at),
  };
}

export function createTenantsRepository(db: Db): TenantsRepository {
  async function getByKey(key: string): Promise<Tenant | undefined> {
    const [row] = await db.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE key = $1`, [key]);
    return row ? toTenant(row) : undefined;
  }

  return {
    async ensure(key, displayName) {
      const parsedKey = TenantKeySchema.safeParse(key);
      if (!parsedKey.success) throw new SkolbryggaError('SKB_VALIDATION', 'tenant key is not valid', { context: { field: 'key' } });
      const [row] = await db.query<TenantRow>(
        `INSERT INTO tenants (key, display_name) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET display_name = EXCLUDED.display_name, updated_at = now()
           WHERE tenants.display_name IS DISTINCT FROM EXCLUDED.display_name
         RETURNING ${COLUMNS}`,
        [key, displayName],
      );
      // An unchanged tenant is not rewritten, so RETURNING is empty: read it.
      if (row) return toTenant(row);
      const existing = await getByKey(key);
      if (!existing) throw new SkolbryggaError('SKB_INTERNAL', 'tenant vanished while being ensured');
      return existing;
    },
    async get(tenantId) {
      assertTenantId(tenantId);
      const [row] = await db.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants WHERE id = $1`, [tenantId]);
      return row ? toTenant(row) : undefined;
    },
    getByKey,
    async list() {
      return (await db.query<TenantRow>(`SELECT ${COLUMNS} FROM tenants ORDER BY key`)).map(toTenant);
    },
  };
}
