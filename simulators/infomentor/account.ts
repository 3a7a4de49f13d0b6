/**
 * The service accounts (infomentor.md §1, platforms README §4): one Mentor account per hosted
 * municipality, `skolbrygga@k` / `Sim-lösen-k`, administering that municipality's establishments.
 */
import type { MunicipalityKey } from '../world/index.js';
import type { SimulatorContext } from '../common/index.js';

/** The account's user as the start page shows it. */
export const SERVICE_USER = { id: 5512001, name: 'Skolbrygga, Integration' } as const;

export function usernameOf(tenant: MunicipalityKey): string {
  return `skolbrygga@${tenant}`;
}

/** The municipality whose account these credentials open, or null. */
export function tenantOfCredentials(context: SimulatorContext<unknown>, username: string, password: string): MunicipalityKey | null {
  // A form may arrive with `ö` composed or decomposed; both are the same password.
  const typed = password.normalize('NFC');
  for (const tenant of context.tenants) {
    if (username === usernameOf(tenant) && typed === `Sim-lösen-${tenant}`.normalize('NFC')) return tenant;
  }
  return null;
}
