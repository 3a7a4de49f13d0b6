/** Small conversions shared by the repositories. */
import { SkolbryggaError } from '../../errors.js';

/** Timestamps leave the store as RFC 3339 strings, like every date-time in the model. */
export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new SkolbryggaError('SKB_INTERNAL', 'expected a timestamp from the database');
}

export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}

/** Every repository method's first guard: a tenant id that is not a uuid is a caller bug. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Tenant ids are lower-case uuids, as PostgreSQL prints them: secrets are sealed with the tenant id
 * as associated data, so a second spelling of the same id would make them unreadable.
 */
export function assertTenantId(tenantId: string): void {
  if (!UUID.test(tenantId) || tenantId !== tenantId.toLowerCase()) {
    throw new SkolbryggaError('SKB_VALIDATION', 'tenant id must be a lower-case uuid');
  }
}

/** A record handed to a repository must belong to the tenant the call is scoped to. */
export function assertSameTenant(tenantId: string, recordTenantId: string, table: string): void {
  if (recordTenantId !== tenantId) {
    throw new SkolbryggaError('SKB_VALIDATION', 'a record belongs to another tenant than the call', { context: { table } });
  }
}

/** Page sizes callers may ask for. */
export function clampLimit(limit: number | undefined, fallback = 100, max = 10_000): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1) throw new SkolbryggaError('SKB_VALIDATION', 'limit must be a positive integer');
  return Math.min(limit, max);
}
