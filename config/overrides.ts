/**
 * Typed changes to a loaded configuration, for the demo and tests that start the simulators on
 * ports of their own. The result is validated again, so an override can never produce a
 * configuration the file could not have held.
 */
import { parseConfig } from './load.js';
import type { PlatformKind } from './platforms.js';
import type { PlatformConfig, SkolbryggaConfig } from './schema.js';

export interface PlatformUrlOverride {
  readonly baseUrl: string;
  /**
   * Set it when the login host differs from `baseUrl`. Left out, the platform's `loginBaseUrl` is
   * removed, so it defaults to the new `baseUrl`: a stale login host would point at the old server.
   */
  readonly loginBaseUrl?: string | undefined;
}

/** By platform kind: one simulator per platform serves every tenant (platforms/README §4). */
export type PlatformUrlOverrides = Readonly<Partial<Record<PlatformKind, PlatformUrlOverride>>>;

function overridePlatform(platform: PlatformConfig, overrides: PlatformUrlOverrides): PlatformConfig {
  const override = overrides[platform.kind];
  if (!override) return platform;
  const { loginBaseUrl: _previousLogin, ...rest } = platform;
  return override.loginBaseUrl === undefined
    ? { ...rest, baseUrl: override.baseUrl }
    : { ...rest, baseUrl: override.baseUrl, loginBaseUrl: override.loginBaseUrl };
}

/**
 * Returns a copy of `config` whose platforms of each overridden kind, in every tenant, use the given
 * base URLs. Throws `SKB_CONFIG_INVALID` (source "platform URL overrides") for an unusable URL.
 */
export function withPlatformUrls(config: SkolbryggaConfig, overrides: PlatformUrlOverrides): SkolbryggaConfig {
  const changed = {
    ...config,
    tenants: config.tenants.map((tenant) => ({
      ...tenant,
      platforms: tenant.platforms.map((platform) => overridePlatform(platform, overrides)),
    })),
  };
  return parseConfig(changed, 'platform URL overrides');
}
