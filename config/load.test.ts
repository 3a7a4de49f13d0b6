import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { isSkolbryggaError, type SkolbryggaError } from '../core/errors.js';
import { EXAMPLE_CONFIG_FILE } from './example.js';
import { loadConfig, parseConfig } from './load.js';
import type { SkolbryggaConfigInput } from './schema.js';
import { minimalConfig, minimalTenant } from './test-fixtures.js';

const directory = mkdtempSync(join(tmpdir(), 'skb-config-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let fileCounter = 0;
function writeConfigFile(content: string, extension = 'yaml'): string {
  fileCounter += 1;
  const file = join(directory, `config-${fileCounter}.${extension}`);
  writeFileSync(file, content, 'utf8');
  return file;
}

/** Sets a value deep inside a plain object, creating nothing: the path must exist up to its last step. */
function setIn(target: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  let node = target as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}

async function loadError(file: string): Promise<SkolbryggaError> {
  const error: unknown = await loadConfig(file).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!isSkolbryggaError(error)) throw new Error(`expected a SkolbryggaError, got ${String(error)}`);
  return error;
}

type Edit = (config: SkolbryggaConfigInput) => void;
const set =
  (path: ReadonlyArray<string | number>, value: unknown): Edit =>
  (config) =>
    setIn(config, path, value);

describe('loadConfig: the example file', () => {
  it('loads both simulated municipalities', async () => {
    const config = await loadConfig(EXAMPLE_CONFIG_FILE);
    expect(config.tenants.map((tenant) => [tenant.key, tenant.municipalityCode])).toEqual([
      ['sjostad', '9901'],
      ['abro', '9902'],
    ]);
  });

  it('reads the same from JSON', async () => {
    const example = await loadConfig(EXAMPLE_CONFIG_FILE);
    const file = writeConfigFile(JSON.stringify(example, null, 2), 'json');
    expect(await loadConfig(file)).toEqual(example);
  });
});

describe('loadConfig: broken files', () => {
  it.each<{ name: string; edit: Edit; path: string; reason: string }>([
    {
      name: 'a cron with four fields',
      edit: set(['tenants', 0, 'platforms', 2, 'schedule', 'cron'], '0 2 * *'),
      path: 'tenants[0].platforms[2].schedule.cron',
      reason: 'must have 5 fields',
    },
    {
      name: 'a cron hour out of range',
      edit: set(['tenants', 0, 'platforms', 1, 'schedule', 'cron'], '0 25 * * *'),
      path: 'tenants[0].platforms[1].schedule.cron',
      reason: 'got value 25 expected range 0-23',
    },
    {
      name: 'an unknown time zone',
      edit: set(['tenants', 0, 'platforms', 0, 'schedule', 'tz'], 'Europe/Sjostad'),
      path: 'tenants[0].platforms[0].schedule.tz',
      reason: 'IANA time zone',
    },
    {
      name: 'a literal password',
      edit: set(['tenants', 0, 'platforms', 0, 'credentials', 'password'], 'Sim-lösen-sjostad'),
      path: 'tenants[0].platforms[0].credentials.password',
      reason: 'secrets never go in the file',
    },
    {
      name: 'a secret where a variable name belongs',
      edit: set(['tenants', 0, 'platforms', 1, 'credentials', 'clientSecretEnv'], 'sim-secret-sjostad'),
      path: 'tenants[0].platforms[1].credentials.clientSecretEnv',
      reason: 'NAME of an environment variable',
    },
    {
      name: 'a literal webhook secret',
      edit: set(['tenants', 0, 'webhooks', 'endpoints', 0, 'secret'], 'whsec_c2VjcmV0'),
      path: 'tenants[0].webhooks.endpoints[0].secret',
      reason: 'secrets never go in the file',
    },
    {
      name: 'an unknown key (typo)',
      edit: set(['tenants', 0, 'holds'], { maxDeleteShare: 0.2, maxChangShare: 0.5 }),
      path: 'tenants[0].holds.maxChangShare',
      reason: 'unknown key',
    },
    {
      name: 'an unknown key on a platform',
      edit: set(['tenants', 0, 'platforms', 0, 'baseURL'], 'http://127.0.0.1:7301'),
      path: 'tenants[0].platforms[0].baseURL',
      reason: 'unknown key',
    },
    {
      name: 'a duplicate tenant key',
      edit: (config) => config.tenants.push(minimalTenant('sjostad', '9902')),
      path: 'tenants[1].key',
      reason: 'duplicate tenant key "sjostad" (also tenants[0])',
    },
    {
      name: 'an endpoint not on the allow-list',
      edit: set(['tenants', 0, 'webhooks', 'allowList'], ['case.sjostad.se']),
      path: 'tenants[0].webhooks.endpoints[0].url',
      reason: 'endpoint "case-system" (http://127.0.0.1:7306/hooks/sjostad-case) is not on webhooks.allowList',
    },
    {
      name: 'a rule parameter out of bounds',
      edit: set(['tenants', 0, 'rulePacks'], { 'stockholm-gy': { enabled: true, parameters: { oralMinOccasions: 0 } } }),
      path: 'tenants[0].rulePacks.stockholm-gy.parameters.oralMinOccasions',
      reason: 'must be at least 1',
    },
    {
      name: 'an unknown rule parameter',
      edit: set(['tenants', 0, 'rulePacks'], { skollagen: { enabled: true, parameters: { investigationShare: 10 } } }),
      path: 'tenants[0].rulePacks.skollagen.parameters.investigationShare',
      reason: 'unknown key',
    },
    {
      name: 'a rule pack without enabled',
      edit: set(['tenants', 0, 'rulePacks'], { skollagen: { parameters: {} } }),
      path: 'tenants[0].rulePacks.skollagen.enabled',
      reason: 'is required',
    },
    {
      name: 'stockholm-gy scoped to another school type',
      edit: set(['tenants', 0, 'rulePacks'], { 'stockholm-gy': { enabled: true, scope: { schoolTypes: ['GR'] } } }),
      path: 'tenants[0].rulePacks.stockholm-gy.scope.schoolTypes',
      reason: 'GY students only',
    },
    {
      name: 'a pack scoped to an unlisted school unit',
      edit: set(['tenants', 0, 'rulePacks'], { skollagen: { enabled: true, scope: { schoolUnits: ['99019999'] } } }),
      path: 'tenants[0].rulePacks.skollagen.scope.schoolUnits[0]',
      reason: 'school unit 99019999 is not listed in schoolUnits',
    },
    {
      name: 'an unknown platform kind',
      edit: set(['tenants', 0, 'platforms', 0, 'kind'], 'skola25'),
      path: 'tenants[0].platforms[0].kind',
      reason: 'must be one of: skola24, schoolsoft, infomentor, skolplattformen, ss12000',
    },
    {
      name: 'two platforms with the same id',
      edit: (config) => {
        const second = minimalTenant().platforms[0]!;
        setIn(second, ['hostName'], 'annan.skola24.se');
        config.tenants[0]!.platforms.push(second);
      },
      path: 'tenants[0].platforms[3].id',
      reason: 'duplicate platform id "skola24"',
    },
    {
      name: 'the same platform instance for two tenants',
      edit: (config) => {
        const abro = minimalTenant('abro', '9902');
        setIn(abro, ['platforms', 0, 'hostName'], 'sjostad.skola24.se');
        config.tenants.push(abro);
      },
      path: 'tenants[1].platforms[0]',
      reason: 'skola24 sjostad.skola24.se is already configured for tenant "sjostad"',
    },
    {
      name: 'a stream the platform does not have',
      edit: set(['tenants', 0, 'platforms', 1, 'streams'], ['persons', 'leaveApplications']),
      path: 'tenants[0].platforms[1].streams[1]',
      reason: 'Invalid option',
    },
    {
      name: 'an unquoted municipality code',
      edit: set(['tenants', 0, 'municipalityCode'], 180),
      path: 'tenants[0].municipalityCode',
      reason: 'must be quoted',
    },
    {
      name: 'a calendar that is not defined',
      edit: set(['tenants', 0, 'schoolUnits', 1, 'calendar'], 'gymnasium'),
      path: 'tenants[0].schoolUnits[1].calendar',
      reason: 'calendar "gymnasium" is not defined in calendars (defined: common)',
    },
    {
      name: 'a break outside its school year',
      edit: set(['tenants', 0, 'calendars', 'common', 'schoolYears', 0, 'breaks'], [{ from: '2026-06-20', to: '2026-08-10' }]),
      path: 'tenants[0].calendars.common.schoolYears[0].breaks[0]',
      reason: 'lies outside 2025-08-18–2026-06-12',
    },
    {
      name: 'an impossible date',
      edit: set(['tenants', 0, 'calendars', 'common', 'schoolYears', 0, 'lastDay'], '2026-02-30'),
      path: 'tenants[0].calendars.common.schoolYears[0].lastDay',
      reason: 'YYYY-MM-DD',
    },
    {
      name: 'overlapping school years',
      edit: set(['tenants', 0, 'calendars', 'common', 'schoolYears', 1], { id: '2026/27', firstDay: '2026-06-01', lastDay: '2027-06-11' }),
      path: 'tenants[0].calendars.common.schoolYears[1].firstDay',
      reason: 'overlaps school year 2025/26',
    },
    {
      name: 'a school year id that is not two consecutive years',
      edit: set(['tenants', 0, 'calendars', 'common', 'schoolYears', 0, 'id'], '2025/27'),
      path: 'tenants[0].calendars.common.schoolYears[0].id',
      reason: 'not two consecutive years',
    },
    {
      name: 'a dedup precedence that leaves out a platform in use',
      edit: set(['tenants', 0, 'dedup'], { precedence: ['skola24', 'ss12000'] }),
      path: 'tenants[0].dedup.precedence',
      reason: 'schoolsoft (platforms[2]) is missing',
    },
    {
      name: 'plain http to a remote host',
      edit: set(['tenants', 0, 'platforms', 0, 'baseUrl'], 'http://web.skola24.se'),
      path: 'tenants[0].platforms[0].baseUrl',
      reason: 'must use https',
    },
    {
      name: 'a hold share above 1',
      edit: set(['tenants', 0, 'holds'], { maxDeleteShare: 20 }),
      path: 'tenants[0].holds.maxDeleteShare',
      reason: 'must be at most 1',
    },
    {
      name: 'an unknown webhook event type',
      edit: set(['tenants', 0, 'webhooks', 'endpoints', 0, 'events'], ['warning.orall']),
      path: 'tenants[0].webhooks.endpoints[0].events[0]',
      reason: 'unknown event type "warning.orall"',
    },
    {
      name: 'three webhook secrets',
      edit: set(['tenants', 0, 'webhooks', 'endpoints', 0, 'secretEnvs'], ['A', 'B', 'C']),
      path: 'tenants[0].webhooks.endpoints[0].secretEnvs',
      reason: 'at most two secrets',
    },
    {
      name: 'no tenants',
      edit: (config) => config.tenants.splice(0),
      path: 'tenants',
      reason: 'must list at least 1 item',
    },
  ])('$name → SKB_CONFIG_INVALID at $path', async ({ edit, path, reason }) => {
    const config = minimalConfig();
    edit(config);
    const file = writeConfigFile(stringify(config));
    const error = await loadError(file);
    expect(error.code).toBe('SKB_CONFIG_INVALID');
    const line = error.message.split('\n').find((text) => text.includes(`: ${path}: `));
    expect(line, error.message).toBeDefined();
    expect(line).toContain(file);
    expect(line).toContain(reason);
    expect(line).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: `));
    expect(error.context.file).toBe(file);
  });

  it('never repeats a misplaced secret in the message', async () => {
    const config = minimalConfig();
    setIn(config, ['tenants', 0, 'platforms', 0, 'credentials', 'password'], 'Sim-lösen-sjostad');
    setIn(config, ['tenants', 0, 'platforms', 1, 'credentials', 'clientSecretEnv'], 'sim-secret-sjostad');
    setIn(config, ['tenants', 0, 'platforms', 2, 'baseUrl'], 'https://user:pa55word@sms.schoolsoft.se');
    const error = await loadError(writeConfigFile(stringify(config)));
    expect(error.message).not.toMatch(/Sim-lösen|sim-secret|pa55word/);
  });

  it('lists every problem, not only the first', async () => {
    const config = minimalConfig();
    setIn(config, ['tenants', 0, 'platforms', 2, 'schedule', 'cron'], '0 2 * *');
    setIn(config, ['tenants', 0, 'holds'], { maxChangShare: 0.5 });
    setIn(config, ['tenants', 0, 'webhooks', 'allowList'], []);
    config.tenants.push(minimalTenant('sjostad', '9902'));
    const error = await loadError(writeConfigFile(stringify(config)));
    expect(error.message).toContain('4 problems');
    for (const path of [
      'tenants[0].platforms[2].schedule.cron',
      'tenants[0].holds.maxChangShare',
      'tenants[0].webhooks.endpoints[0].url',
      'tenants[1].key',
    ]) {
      expect(error.message).toContain(`: ${path}: `);
    }
    expect(error.context.problems).toBe(4);
  });

  it('points at the line of the problem in the administrator’s file', async () => {
    const text = readFileSync(EXAMPLE_CONFIG_FILE, 'utf8').replace('slug: abro', 'slug: abro\n        orgIDs: [4]');
    const file = writeConfigFile(text);
    const expectedLine = text.split('\n').findIndex((line) => line.includes('orgIDs: [4]')) + 1;
    const error = await loadError(file);
    expect(error.message).toContain(`${file}:${expectedLine}: tenants[1].platforms[1].orgIDs: unknown key`);
  });

  it('names the path and line in a JSON file too', async () => {
    const config = minimalConfig();
    setIn(config, ['tenants', 0, 'platforms', 0, 'schedule', 'cron'], '0 2 * * 9');
    const text = JSON.stringify(config, null, 2);
    const file = writeConfigFile(text, 'json');
    const expectedLine = text.split('\n').findIndex((line) => line.includes('"0 2 * * 9"')) + 1;
    const error = await loadError(file);
    expect(error.code).toBe('SKB_CONFIG_INVALID');
    expect(error.message).toContain(`${file}:${expectedLine}: tenants[0].platforms[0].schedule.cron: invalid cron`);
  });
});

describe('loadConfig: unreadable files', () => {
  it('reports a YAML syntax error with its line', async () => {
    const file = writeConfigFile('tenants:\n  - key: sjostad\n   name: Sjöstad\n');
    const error = await loadError(file);
    expect(error.code).toBe('SKB_CONFIG_UNREADABLE');
    expect(error.message).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: `));
    expect(error.context.line).toBe(3);
  });

  it('reports a duplicate YAML key as unreadable', async () => {
    const file = writeConfigFile('version: 1\nversion: 1\ntenants: []\n');
    const error = await loadError(file);
    expect(error.code).toBe('SKB_CONFIG_UNREADABLE');
    expect(error.message).toContain(`${file}:2:`);
  });

  it('reports a JSON syntax error with its line', async () => {
    const file = writeConfigFile('{\n  "tenants": [\n  }\n', 'json');
    const error = await loadError(file);
    expect(error.code).toBe('SKB_CONFIG_UNREADABLE');
    expect(error.message).toContain(`${file}:3:`);
  });

  it('reports a missing file', async () => {
    const file = join(directory, 'missing.yaml');
    const error = await loadError(file);
    expect(error.code).toBe('SKB_CONFIG_UNREADABLE');
    expect(error.message).toContain(`${file}: cannot read the file (ENOENT)`);
  });

  it('refuses an unknown file type', async () => {
    const error = await loadError(writeConfigFile('tenants = []', 'toml'));
    expect(error.code).toBe('SKB_CONFIG_UNREADABLE');
    expect(error.message).toContain('use .yaml, .yml or .json');
  });

  it('calls an empty file invalid, at the top level', async () => {
    const error = await loadError(writeConfigFile('# nothing yet\n'));
    expect(error.code).toBe('SKB_CONFIG_INVALID');
    expect(error.message).toContain('(top level): the file is empty');
  });
});

describe('parseConfig', () => {
  it('validates data already in memory and names its source', () => {
    const config = minimalConfig();
    setIn(config, ['tenants', 0, 'key'], 'Sjöstad');
    expect(() => parseConfig(config, 'embedded demo configuration')).toThrow(
      /embedded demo configuration: tenants\[0\]\.key: must be lowercase/,
    );
  });

  it('accepts YAML anchors and merge keys', async () => {
    const file = writeConfigFile(`
defaults: &defaults
  schedule: { cron: "0 2 * * *" }
tenants:
  - key: sjostad
    name: Sjöstad
    municipalityCode: "9901"
    platforms:
      - <<: *defaults
        kind: ss12000
        baseUrl: http://127.0.0.1:7305
        customerId: "9901"
        credentials: { clientIdEnv: A, clientSecretEnv: B }
`);
    // `defaults` itself is not part of the format: the anchor is fine, the key is not.
    const error = await loadError(file);
    expect(error.message).toContain(`${file}:2: defaults: unknown key`);
    expect(error.message).toContain('1 problem in');
  });
});
