/**
 * Slugs, schools (`orgId`s) and credentials (schoolsoft.md §1, platforms README §4): one slug per
 * hosted municipality (`sjostad`, `abro`), each with its own client and its own schools.
 */
import type { SimulatorContext } from '../common/index.js';
import { MUNICIPALITIES, sliceInstance } from '../world/index.js';
import type { MunicipalityKey, Slice, Unit } from '../world/index.js';

/** The tenant a path's `{slug}` names, or null when this simulator hosts no such slug. */
export function tenantOfSlug(context: SimulatorContext<unknown>, slug: string): MunicipalityKey | null {
  return context.tenants.find((tenant) => sliceInstance(context.slice(tenant)) === slug) ?? null;
}

export function slugOf(context: SimulatorContext<unknown>, tenant: MunicipalityKey): string {
  return sliceInstance(context.slice(tenant));
}

export interface School {
  readonly orgId: number;
  readonly unit: Unit;
}

/** The tenant's schools in `orgId` order. */
export function schoolsOf(context: SimulatorContext<unknown>, tenant: MunicipalityKey): School[] {
  const slice = context.slice(tenant);
  return context.world
    .units(slice)
    .map((unit) => ({ orgId: Number(context.world.ids.unit(slice, unit.code)), unit }))
    .sort((left, right) => left.orgId - right.orgId);
}

/** The school a path's `{orgId}` names within the tenant, or null. */
export function schoolOf(context: SimulatorContext<unknown>, tenant: MunicipalityKey, orgId: number): School | null {
  return schoolsOf(context, tenant).find((school) => school.orgId === orgId) ?? null;
}

export function municipalityCodeOf(tenant: MunicipalityKey): string {
  return MUNICIPALITIES.find((municipality) => municipality.key === tenant)?.municipalityCode ?? '';
}

/** The integration client of a tenant (platforms README §4: `skolbrygga-k` / `sim-secret-k`). */
export function clientOf(slice: Slice): { clientId: string; clientSecret: string } {
  return { clientId: `skolbrygga-${slice.tenant}`, clientSecret: `sim-secret-${slice.tenant}` };
}
