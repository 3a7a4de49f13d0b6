/**
 * Reads the secrets the configuration names from an environment passed in (never `process.env`
 * directly, so tests and the demo can hand over their own). Every missing variable is reported at
 * once, by name and where the configuration asks for it — never by value.
 */
import { SkolbryggaError } from '../core/errors.js';
import type { PlatformKind } from './platforms.js';
import type { PlatformConfigOf, SkolbryggaConfig } from './schema.js';

export type Environment = Readonly<Record<string, string | undefined>>;

type CredentialsOf<K extends PlatformKind> = PlatformConfigOf<K>['credentials'];
type EnvKeyOf<C> = Extract<keyof C, `${string}Env`>;

/** `{ usernameEnv: string; passwordEnv: string }` → `{ username: string; password: string }`; optional stays optional. */
export type ResolvedCredentials<C> = {
  [K in EnvKeyOf<C> as K extends `${infer Name}Env` ? Name : never]-?: undefined extends C[K] ? string | undefined : string;
};

/** A platform's credentials with their values, discriminated by kind like the platform itself. */
export type PlatformSecrets = { [K in PlatformKind]: { kind: K; credentials: ResolvedCredentials<CredentialsOf<K>> } }[PlatformKind];

export interface TenantSecrets {
  /** By platform id. */
  readonly platforms: Readonly<Record<string, PlatformSecrets>>;
  /** By endpoint id: the signing secrets in the order of `secretEnvs`. */
  readonly webhookSecrets: Readonly<Record<string, readonly string[]>>;
}

/** By tenant key. */
export type ResolvedSecrets = Readonly<Record<string, TenantSecrets>>;

/** Standard Webhooks: `whsec_` and the base64 key. */
const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

interface Lookup {
  readonly missing: string[];
  readonly malformed: string[];
  read(variable: string, where: string): string;
}

function lookupIn(env: Environment): Lookup {
  const missing: string[] = [];
  const malformed: string[] = [];
  return {
    missing,
    malformed,
    read(variable, where) {
      const value = env[variable];
      // An empty variable is as good as unset: it is what a forgotten `export X=` leaves behind.
      if (value === undefined || value === '') {
        missing.push(`${variable} (${where})`);
        return '';
      }
      return value;
    },
  };
}

function resolveCredentials(credentials: Readonly<Record<string, unknown>>, where: string, lookup: Lookup): Record<string, string | undefined> {
  const resolved: Record<string, string | undefined> = {};
  for (const [key, variable] of Object.entries(credentials)) {
    if (!key.endsWith('Env') || typeof variable !== 'string') continue;
    resolved[key.slice(0, -'Env'.length)] = lookup.read(variable, `${where}.${key}`);
  }
  return resolved;
}

/**
 * Resolves every credential and webhook secret of the configuration from `env`.
 * Throws `SKB_SECRET_MISSING` naming every unset variable, or `SKB_SECRET_INVALID` naming a
 * webhook secret variable whose value is not a Standard Webhooks secret.
 */
export function resolveSecrets(config: SkolbryggaConfig, env: Environment): ResolvedSecrets {
  const lookup = lookupIn(env);
  const tenants: Record<string, TenantSecrets> = {};
  for (const tenant of config.tenants) {
    const platforms: Record<string, PlatformSecrets> = {};
    for (const platform of tenant.platforms) {
      const where = `tenant ${tenant.key}, platform ${platform.id}: credentials`;
      // The schema decides which keys exist per kind; the mapped type mirrors it key for key.
      platforms[platform.id] = {
        kind: platform.kind,
        credentials: resolveCredentials(platform.credentials, where, lookup),
      } as PlatformSecrets;
    }
    const webhookSecrets: Record<string, string[]> = {};
    for (const endpoint of tenant.webhooks.endpoints) {
      webhookSecrets[endpoint.id] = endpoint.secretEnvs.map((variable) => {
        const value = lookup.read(variable, `tenant ${tenant.key}, webhook endpoint ${endpoint.id}: secretEnvs`);
        if (value !== '' && !WEBHOOK_SECRET.test(value)) lookup.malformed.push(variable);
        return value;
      });
    }
    tenants[tenant.key] = { platforms, webhookSecrets };
  }

  if (lookup.missing.length > 0) {
    throw new SkolbryggaError('SKB_SECRET_MISSING', `environment variables not set:\n${lookup.missing.map((entry) => `  ${entry}`).join('\n')}`, {
      context: { variables: lookup.missing.length, firstVariable: lookup.missing[0]?.split(' ')[0] },
    });
  }
  if (lookup.malformed.length > 0) {
    throw new SkolbryggaError(
      'SKB_SECRET_INVALID',
      `webhook secrets must be Standard Webhooks secrets ("whsec_" followed by base64): ${lookup.malformed.join(', ')}`,
      { context: { variables: lookup.malformed.length, firstVariable: lookup.malformed[0] } },
    );
  }
  return tenants;
}
