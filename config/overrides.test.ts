import { describe, expect, it } from 'vitest';
import { loadExampleConfig } from './example.js';
import { withPlatformUrls } from './overrides.js';
import { SkolbryggaConfigSchema } from './schema.js';
import { minimalConfig } from './test-fixtures.js';

describe('withPlatformUrls', () => {
  it('points every platform of a kind, in every tenant, at the new base URL', async () => {
    const config = await loadExampleConfig();
    const moved = withPlatformUrls(config, { skola24: { baseUrl: 'http://127.0.0.1:41001' }, ss12000: { baseUrl: 'http://localhost:41005' } });
    const urls = moved.tenants.map((tenant) => tenant.platforms.map((platform) => [platform.kind, platform.baseUrl]));
    expect(urls).toEqual([
      [
        ['skola24', 'http://127.0.0.1:41001'],
        ['schoolsoft', 'http://127.0.0.1:7302'],
        ['infomentor', 'http://127.0.0.1:7303'],
        ['skolplattformen', 'http://127.0.0.1:7304'],
        ['ss12000', 'http://localhost:41005'],
      ],
      [
        ['skola24', 'http://127.0.0.1:41001'],
        ['schoolsoft', 'http://127.0.0.1:7302'],
        ['ss12000', 'http://localhost:41005'],
      ],
    ]);
    // The input is left as it was.
    expect(config.tenants[0]?.platforms[0]?.baseUrl).toBe('http://127.0.0.1:7301');
  });

  it('sets the login host when given and drops a stale one when not', () => {
    const input = minimalConfig();
    input.tenants[0]!.platforms[0]!.loginBaseUrl = 'https://sjostad.skola24.se';
    const config = SkolbryggaConfigSchema.parse(input);

    const withoutLogin = withPlatformUrls(config, { skola24: { baseUrl: 'http://127.0.0.1:41001' } });
    expect(withoutLogin.tenants[0]?.platforms[0]).not.toHaveProperty('loginBaseUrl');

    const withLogin = withPlatformUrls(config, {
      skola24: { baseUrl: 'http://127.0.0.1:41001', loginBaseUrl: 'http://127.0.0.1:41002' },
    });
    expect(withLogin.tenants[0]?.platforms[0]?.loginBaseUrl).toBe('http://127.0.0.1:41002');
  });

  it('refuses an unusable URL with the path it would have had in the file', async () => {
    const config = await loadExampleConfig();
    expect(() => withPlatformUrls(config, { schoolsoft: { baseUrl: 'http://sms.schoolsoft.se' } })).toThrow(
      /platform URL overrides: tenants\[0\]\.platforms\[1\]\.baseUrl: must use https/,
    );
    expect(() => withPlatformUrls(config, { schoolsoft: { baseUrl: 'not a url' } })).toThrow(/SKB|Configuration is invalid/);
  });
});
