/** The municipality configuration: schema, loading, secrets and overrides. */
export * from './schema.js';
export { loadConfig, parseConfig } from './load.js';
export { resolveSecrets } from './secrets.js';
export type { Environment, PlatformSecrets, ResolvedCredentials, ResolvedSecrets, TenantSecrets } from './secrets.js';
export { withPlatformUrls } from './overrides.js';
export type { PlatformUrlOverride, PlatformUrlOverrides } from './overrides.js';
export { EXAMPLE_CONFIG_FILE, loadExampleConfig } from './example.js';
export { toRuleCalendar, toRuleSchoolUnits } from './rule-inputs.js';
export { PLATFORM_KINDS, PLATFORM_MAX_PAGE_SIZE, PLATFORM_STREAMS, PlatformKindSchema, StreamSchema } from './platforms.js';
export type { PlatformKind, Stream } from './platforms.js';
export { WEBHOOK_EVENT_TYPES, eventMatchesFilter } from './webhook-events.js';
export type { WebhookEventType } from './webhook-events.js';
export { isUrlAllowed } from './allow-list.js';
export { cronProblem } from './cron.js';
export { formatPath } from './issues.js';
export type { ConfigProblem } from './issues.js';
