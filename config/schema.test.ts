import { describe, expect, it } from 'vitest';
import { defaultRuleParameters } from '../core/rules/parameters.js';
import { loadExampleConfig } from './example.js';
import { isUrlAllowed } from './allow-list.js';
import { PLATFORM_STREAMS } from './platforms.js';
import { SkolbryggaConfigSchema, sourceInstanceOf, type PlatformConfig, type TenantConfig } from './schema.js';
import { minimalConfig } from './test-fixtures.js';

function parseMinimal(): TenantConfig {
  const [tenant] = SkolbryggaConfigSchema.parse(minimalConfig()).tenants;
  if (!tenant) throw new Error('no tenant');
  return tenant;
}

function platformOf<K extends PlatformConfig['kind']>(tenant: TenantConfig, kind: K): Extract<PlatformConfig, { kind: K }> {
  const platform = tenant.platforms.find((candidate): candidate is Extract<PlatformConfig, { kind: K }> => candidate.kind === kind);
  if (!platform) throw new Error(`no ${kind} platform`);
  return platform;
}

describe('SkolbryggaConfigSchema defaults', () => {
  const tenant = parseMinimal();

  it('names a platform after its kind and syncs every stream it has', () => {
    expect(platformOf(tenant, 'skola24').id).toBe('skola24');
    expect(platformOf(tenant, 'skola24').streams).toEqual([...PLATFORM_STREAMS.skola24]);
    expect(platformOf(tenant, 'ss12000').streams).not.toContain('leaveApplications');
    expect(platformOf(tenant, 'ss12000').streams).toHaveLength(6);
  });

  it('reads the schedule in Stockholm time and fills the limits', () => {
    const platform = platformOf(tenant, 'schoolsoft');
    expect(platform.schedule).toEqual({ cron: '0 2 * * *', tz: 'Europe/Stockholm' });
    expect(platform.limits).toEqual({ concurrency: 1, maxRetryAfterSeconds: 300, requestTimeoutSeconds: 60 });
    expect(platform.loginBaseUrl).toBeUndefined();
  });

  it('fills holds, deletes, retention and dedup', () => {
    expect(tenant.holds).toEqual({ maxDeleteShare: 0.2, maxChangeShare: 0.5 });
    expect(tenant.deleteAfterMissingRuns).toBe(2);
    expect(tenant.retention).toEqual({ absenceDataYears: 5, otherDataYears: 3 });
    expect(tenant.dedup.precedence).toEqual(['skola24', 'schoolsoft', 'infomentor', 'skolplattformen', 'ss12000']);
  });

  it('leaves rule packs off but with their complete default parameters', () => {
    expect(tenant.rulePacks['stockholm-gy']).toEqual({
      enabled: false,
      scope: { schoolTypes: ['GY'] },
      parameters: defaultRuleParameters('stockholm-gy'),
    });
    expect(tenant.rulePacks.skollagen).toEqual({ enabled: false, scope: {}, parameters: defaultRuleParameters('skollagen') });
  });

  it('fills a calendar and a webhook endpoint', () => {
    expect(tenant.calendars.common).toEqual({
      timeZone: 'Europe/Stockholm',
      teachingWeekdays: [1, 2, 3, 4, 5],
      schoolYears: [{ id: '2025/26', firstDay: '2025-08-18', lastDay: '2026-06-12', breaks: [], nonTeachingDays: [] }],
    });
    expect(tenant.webhooks.endpoints[0]?.events).toEqual(['*']);
  });

  it('stamps the format version', () => {
    expect(SkolbryggaConfigSchema.parse(minimalConfig()).version).toBe(1);
    expect(SkolbryggaConfigSchema.safeParse({ ...minimalConfig(), version: 2 }).success).toBe(false);
  });

  it('accepts its own output again unchanged (overrides re-validate through it)', () => {
    const parsed = SkolbryggaConfigSchema.parse(minimalConfig());
    expect(SkolbryggaConfigSchema.parse(parsed)).toEqual(parsed);
  });
});

describe('sourceInstanceOf', () => {
  it('is the platform’s own tenant identifier, not its URL', async () => {
    const config = await loadExampleConfig();
    const instances = config.tenants.map((tenant) => tenant.platforms.map((platform) => `${platform.kind}:${sourceInstanceOf(platform)}`));
    expect(instances).toEqual([
      ['skola24:sjostad.skola24.se', 'schoolsoft:sjostad', 'infomentor:sjostad', 'skolplattformen:sjostad', 'ss12000:9901'],
      ['skola24:abro.skola24.se', 'schoolsoft:abro', 'ss12000:9902'],
    ]);
  });
});

describe('the example configuration', () => {
  it('holds Sjöstad’s units U1–U5 and Åbro’s U6–U7, each with its home municipality', async () => {
    const config = await loadExampleConfig();
    const units = config.tenants.map((tenant) => tenant.schoolUnits.map((unit) => [unit.schoolUnitCode, unit.homeMunicipalityCode]));
    expect(units).toEqual([
      [
        ['99010001', '9901'],
        ['99010002', '9901'],
        ['99010003', '9901'],
        ['99010004', '9901'],
        ['99010005', '9901'],
      ],
      [
        ['99020001', '9902'],
        ['99020002', '9902'],
      ],
    ]);
  });

  it('carries the 2025/26 calendar of platforms/README §3 for both municipalities', async () => {
    const config = await loadExampleConfig();
    for (const tenant of config.tenants) {
      const [year] = tenant.calendars.common?.schoolYears ?? [];
      expect(year?.id).toBe('2025/26');
      expect([year?.firstDay, year?.lastDay]).toEqual(['2025-08-18', '2026-06-12']);
      expect(year?.breaks.map((range) => [range.from, range.to])).toEqual([
        ['2025-10-27', '2025-10-31'],
        ['2025-12-20', '2026-01-07'],
        ['2026-02-23', '2026-02-27'],
        ['2026-04-06', '2026-04-10'],
      ]);
      expect(year?.nonTeachingDays.map((day) => day.date)).toEqual(['2026-04-03', '2026-05-01', '2026-05-14', '2026-05-15']);
    }
  });

  it('enables stockholm-gy for the GY units only and skollagen everywhere', async () => {
    const config = await loadExampleConfig();
    const [sjostad, abro] = config.tenants;
    expect(sjostad?.rulePacks['stockholm-gy']).toMatchObject({ enabled: true, scope: { schoolUnits: ['99010003', '99010004'], schoolTypes: ['GY'] } });
    expect(abro?.rulePacks['stockholm-gy']).toMatchObject({ enabled: true, scope: { schoolUnits: ['99020002'], schoolTypes: ['GY'] } });
    expect(sjostad?.rulePacks.skollagen).toMatchObject({ enabled: true, scope: {} });
    expect(abro?.rulePacks.skollagen).toMatchObject({ enabled: true, scope: {} });
  });

  it('names every secret by an environment variable of its own tenant', async () => {
    const config = await loadExampleConfig();
    for (const tenant of config.tenants) {
      const variables = [
        ...tenant.platforms.flatMap((platform) => Object.values(platform.credentials).filter((value) => typeof value === 'string')),
        ...tenant.webhooks.endpoints.flatMap((endpoint) => endpoint.secretEnvs),
      ];
      expect(variables.length).toBeGreaterThan(4);
      expect(new Set(variables).size).toBe(variables.length);
      for (const variable of variables) expect(variable).toMatch(new RegExp(`^SKB_${tenant.key.toUpperCase()}_[A-Z0-9_]+$`));
    }
  });

  it('sends webhooks to a loopback case system on the allow-list', async () => {
    const config = await loadExampleConfig();
    for (const tenant of config.tenants) {
      const [endpoint] = tenant.webhooks.endpoints;
      expect(endpoint?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hooks\//);
      expect(isUrlAllowed(endpoint?.url ?? '', tenant.webhooks.allowList)).toBe(true);
    }
  });

  it('schedules every platform nightly in Stockholm time', async () => {
    const config = await loadExampleConfig();
    const schedules = config.tenants.flatMap((tenant) => tenant.platforms.map((platform) => platform.schedule));
    expect(schedules).toHaveLength(8);
    for (const schedule of schedules) expect(schedule).toEqual({ cron: '0 2 * * *', tz: 'Europe/Stockholm' });
  });
});
