import { describe, expect, it } from 'vitest';
import { isSkolbryggaError, type SkolbryggaError } from '../core/errors.js';
import { loadExampleConfig } from './example.js';
import { resolveSecrets, type Environment } from './secrets.js';
import { SkolbryggaConfigSchema, type SkolbryggaConfig } from './schema.js';
import { minimalConfig } from './test-fixtures.js';

const WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function fullEnvironment(): Record<string, string> {
  return {
    SKB_SJOSTAD_SKOLA24_USER: 'skolbrygga@sjostad',
    SKB_SJOSTAD_SKOLA24_PASSWORD: 'Sim-lösen-sjostad',
    SKB_SJOSTAD_SS12000_CLIENT_ID: 'skolbrygga-sjostad',
    SKB_SJOSTAD_SS12000_CLIENT_SECRET: 'sim-secret-sjostad',
    SKB_SJOSTAD_SCHOOLSOFT_CLIENT_ID: 'skolbrygga-sjostad',
    SKB_SJOSTAD_SCHOOLSOFT_CLIENT_SECRET: 'sim-secret-sjostad',
    SKB_SJOSTAD_WEBHOOK_SECRET: WEBHOOK_SECRET,
  };
}

function minimal(): SkolbryggaConfig {
  return SkolbryggaConfigSchema.parse(minimalConfig());
}

function thrownBy(action: () => unknown): SkolbryggaError {
  try {
    action();
  } catch (error) {
    if (isSkolbryggaError(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('resolveSecrets', () => {
  it('reads every credential and webhook secret from the environment given', () => {
    const secrets = resolveSecrets(minimal(), fullEnvironment());
    expect(secrets.sjostad?.platforms.skola24).toEqual({
      kind: 'skola24',
      credentials: { username: 'skolbrygga@sjostad', password: 'Sim-lösen-sjostad' },
    });
    expect(secrets.sjostad?.platforms.ss12000).toEqual({
      kind: 'ss12000',
      credentials: { clientId: 'skolbrygga-sjostad', clientSecret: 'sim-secret-sjostad' },
    });
    expect(secrets.sjostad?.webhookSecrets['case-system']).toEqual([WEBHOOK_SECRET]);
  });

  it('types credentials by platform kind', () => {
    const platform = resolveSecrets(minimal(), fullEnvironment()).sjostad?.platforms.schoolsoft;
    if (platform?.kind !== 'schoolsoft') throw new Error('expected schoolsoft');
    // A compile-time check as much as a runtime one: schoolsoft has clientId/clientSecret, no password.
    expect(platform.credentials.clientSecret).toBe('sim-secret-sjostad');
  });

  it('reads the optional mutual-TLS pair when configured', () => {
    const input = minimalConfig();
    const ss12000 = input.tenants[0]!.platforms[1]!;
    if (ss12000.kind !== 'ss12000') throw new Error('fixture changed');
    ss12000.credentials = { ...ss12000.credentials, clientCertificateEnv: 'SS_CERT', clientKeyEnv: 'SS_KEY' };
    const env = { ...fullEnvironment(), SS_CERT: 'certificate-pem', SS_KEY: 'key-pem' };
    const platform = resolveSecrets(SkolbryggaConfigSchema.parse(input), env).sjostad?.platforms.ss12000;
    expect(platform?.credentials).toMatchObject({ clientCertificate: 'certificate-pem', clientKey: 'key-pem' });
  });

  it('names every missing variable, and where it is needed, but no value', () => {
    const env: Environment = { ...fullEnvironment(), SKB_SJOSTAD_SKOLA24_PASSWORD: undefined, SKB_SJOSTAD_WEBHOOK_SECRET: '' };
    const error = thrownBy(() => resolveSecrets(minimal(), env));
    expect(error.code).toBe('SKB_SECRET_MISSING');
    expect(error.message).toContain('SKB_SJOSTAD_SKOLA24_PASSWORD (tenant sjostad, platform skola24: credentials.passwordEnv)');
    expect(error.message).toContain('SKB_SJOSTAD_WEBHOOK_SECRET (tenant sjostad, webhook endpoint case-system: secretEnvs)');
    expect(error.message).not.toMatch(/skolbrygga@sjostad|sim-secret|Sim-lösen/);
    expect(error.context).toMatchObject({ variables: 2, firstVariable: 'SKB_SJOSTAD_SKOLA24_PASSWORD' });
  });

  it('refuses a webhook secret that is not a Standard Webhooks secret, without showing it', () => {
    const error = thrownBy(() => resolveSecrets(minimal(), { ...fullEnvironment(), SKB_SJOSTAD_WEBHOOK_SECRET: 'hunter2' }));
    expect(error.code).toBe('SKB_SECRET_INVALID');
    expect(error.message).toContain('SKB_SJOSTAD_WEBHOOK_SECRET');
    expect(error.message).not.toContain('hunter2');
  });

  it('reads nothing from process.env', () => {
    process.env.SKB_SJOSTAD_SKOLA24_USER = 'from-process-env';
    try {
      const { SKB_SJOSTAD_SKOLA24_USER: _left, ...env } = fullEnvironment();
      expect(() => resolveSecrets(minimal(), env)).toThrow(/SKB_SJOSTAD_SKOLA24_USER/);
    } finally {
      delete process.env.SKB_SJOSTAD_SKOLA24_USER;
    }
  });

  it('resolves the example configuration with the simulators’ credentials', async () => {
    const config = await loadExampleConfig();
    const env: Record<string, string> = {};
    for (const tenant of config.tenants) {
      for (const platform of tenant.platforms) {
        for (const variable of Object.values(platform.credentials)) if (typeof variable === 'string') env[variable] = `value-of-${variable}`;
      }
      for (const endpoint of tenant.webhooks.endpoints) for (const variable of endpoint.secretEnvs) env[variable] = WEBHOOK_SECRET;
    }
    const secrets = resolveSecrets(config, env);
    expect(Object.keys(secrets)).toEqual(['sjostad', 'abro']);
    expect(Object.keys(secrets.sjostad?.platforms ?? {})).toEqual(['skola24', 'schoolsoft', 'infomentor', 'skolplattformen', 'ss12000']);
    expect(secrets.abro?.platforms.skola24?.credentials).toEqual({
      username: 'value-of-SKB_ABRO_SKOLA24_USER',
      password: 'value-of-SKB_ABRO_SKOLA24_PASSWORD',
    });
  });
});
