/**
 * Small, valid configurations for tests (here and in other folders' suites): each call returns a
 * fresh object to mutate, written as an administrator would write it (defaults left out).
 */
import type { SkolbryggaConfigInput } from './schema.js';

type TenantInput = SkolbryggaConfigInput['tenants'][number];

export function minimalTenant(key = 'sjostad', municipalityCode = '9901'): TenantInput {
  const prefix = `SKB_${key.toUpperCase()}`;
  return {
    key,
    name: `${key} kommun`,
    municipalityCode,
    platforms: [
      {
        kind: 'skola24',
        baseUrl: 'http://127.0.0.1:7301',
        hostName: `${key}.skola24.se`,
        credentials: { usernameEnv: `${prefix}_SKOLA24_USER`, passwordEnv: `${prefix}_SKOLA24_PASSWORD` },
        schedule: { cron: '0 2 * * *' },
      },
      {
        kind: 'ss12000',
        baseUrl: 'http://127.0.0.1:7305',
        customerId: municipalityCode,
        credentials: { clientIdEnv: `${prefix}_SS12000_CLIENT_ID`, clientSecretEnv: `${prefix}_SS12000_CLIENT_SECRET` },
        schedule: { cron: '0 2 * * *' },
      },
      {
        kind: 'schoolsoft',
        baseUrl: 'http://127.0.0.1:7302',
        slug: key,
        deviceId: '3b0c7f52-6a1e-4c1f-9d2a-5f8e2b7c9a10',
        credentials: { clientIdEnv: `${prefix}_SCHOOLSOFT_CLIENT_ID`, clientSecretEnv: `${prefix}_SCHOOLSOFT_CLIENT_SECRET` },
        schedule: { cron: '0 2 * * *' },
      },
    ],
    schoolUnits: [
      { schoolUnitCode: `${municipalityCode}0001`, name: 'Grundskolan', homeMunicipalityCode: municipalityCode, calendar: 'common' },
      { schoolUnitCode: `${municipalityCode}0002`, name: 'Gymnasiet', homeMunicipalityCode: municipalityCode, calendar: 'common' },
    ],
    calendars: {
      common: { schoolYears: [{ id: '2025/26', firstDay: '2025-08-18', lastDay: '2026-06-12' }] },
    },
    webhooks: {
      allowList: ['127.0.0.1'],
      endpoints: [{ id: 'case-system', url: `http://127.0.0.1:7306/hooks/${key}-case`, secretEnvs: [`${prefix}_WEBHOOK_SECRET`] }],
    },
  };
}

export function minimalConfig(): SkolbryggaConfigInput {
  return { tenants: [minimalTenant()] };
}
