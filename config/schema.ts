/**
 * The municipality configuration file (DESIGN §9): one file, YAML or JSON, listing every
 * municipality (tenant) with its platforms, school units and calendars, rule packs, dedup
 * precedence, holds, retention and webhook endpoints.
 *
 * Principles, so that a mistake stops the start instead of a night's sync:
 * - Every object is strict: an unknown key (a typo) is an error.
 * - Secrets never appear in the file. Credentials name environment variables (`passwordEnv`);
 *   writing `password:` itself is an error, and an `…Env` value must look like a variable name.
 * - Defaults are filled in here, so the rest of the code reads one complete, typed value.
 * - Cross-references are checked: unique tenant keys, platform ids and school units; calendars and
 *   pack scopes that exist; webhook endpoints on the allow-list.
 */
import { z } from 'zod';
import { SchoolTypeSchema, SourceSystemSchema } from '../core/model/index.js';
import {
  RULE_PACK_IDS,
  SkollagenParametersSchema,
  StockholmGyParametersSchema,
  type RulePackId,
} from '../core/rules/parameters.js';
import { allowListEntryProblem, isUrlAllowed } from './allow-list.js';
import { cronProblem } from './cron.js';
import {
  PLATFORM_MAX_PAGE_SIZE,
  PLATFORM_STREAMS,
  type PlatformKind,
} from './platforms.js';
import { eventFilterProblem } from './webhook-events.js';

// ── Scalars ──────────────────────────────────────────────────────────────────────────────────

/** A key used in URLs, job names and CLI flags: lowercase, starts with a letter. */
const SlugSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, { error: 'must be lowercase letters, digits and "-", starting with a letter (at most 32)' });

/**
 * A code of fixed digits. YAML reads `0180` unquoted as the number 180, so a number is refused with
 * a hint rather than converted (a leading zero would be lost).
 */
function digitCode(digits: number, what: string, example: string) {
  return z
    .string({
      error: (issue) =>
        typeof issue.input === 'number'
          ? `${what} must be quoted, e.g. "${example}": YAML reads unquoted digits as a number`
          : undefined,
    })
    .regex(new RegExp(`^\\d{${digits}}$`), { error: `${what} must be ${digits} digits, e.g. "${example}"` });
}

export const MunicipalityCodeSchema = digitCode(4, 'a municipality code', '9901');
export const SchoolUnitCodeSchema = digitCode(8, 'a school unit code (skolenhetskod)', '99010001');

const IsoDateSchema = z.iso.date({ error: 'must be a date YYYY-MM-DD' });

/** The name of an environment variable. A value that does not look like one is probably a secret. */
export const EnvVarNameSchema = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]*$/, {
    error: 'must be the NAME of an environment variable (A–Z, 0–9, _), never the secret itself',
  });

/** Refuses a literal secret under its obvious key, pointing at the `…Env` key to use instead. */
function literalSecretForbidden(envKey: string) {
  return z
    .never({ error: `secrets never go in the file: put it in an environment variable and give its name in ${envKey}` })
    .optional();
}

export const DEFAULT_TIME_ZONE = 'Europe/Stockholm';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const TimeZoneSchema = z.string().refine(isTimeZone, { error: 'is not an IANA time zone, e.g. "Europe/Stockholm"' });

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Why a URL is unfit as a platform base URL or webhook target, or `undefined`. Plain http is only
 * accepted on loopback (the simulators, a local receiver): credentials and personal data travel here.
 * Messages never repeat the URL: it could carry a token.
 */
export function urlProblem(value: string, options: { allowQuery: boolean }): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return 'must use https (plain http only on loopback)';
  if (url.username || url.password) return 'must not contain credentials; give them by environment variable';
  if (url.hash) return 'must not have a fragment';
  if (!options.allowQuery && url.search) return 'must not have a query string';
  return undefined;
}

function urlSchema(options: { allowQuery: boolean }) {
  return z.string().superRefine((value, ctx) => {
    const problem = urlProblem(value, options);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

const BaseUrlSchema = urlSchema({ allowQuery: false });

const HostNameSchema = z
  .string()
  .regex(/^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/, {
    error: 'must be a lowercase host name, e.g. "sjostad.skola24.se"',
  });

function uniqueItems<T>(what: string) {
  return (items: readonly T[]) => new Set(items).size === items.length || `lists the same ${what} twice`;
}

// ── Platforms ────────────────────────────────────────────────────────────────────────────────

export const ScheduleSchema = z.strictObject({
  /** 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first. */
  cron: z.string().superRefine((value, ctx) => {
    const problem = cronProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `invalid cron "${value}": ${problem}` });
  }),
  /** The zone the cron fields are read in; the nightly run follows Swedish local time across DST. */
  tz: TimeZoneSchema.default(DEFAULT_TIME_ZONE),
});

function limitsSchema(kind: PlatformKind) {
  return z
    .strictObject({
      /** Streams of this platform fetched at the same time. */
      concurrency: z.number().int().min(1).max(8).default(1),
      /** A client-side cap below the platform's own limit; default: none beyond the platform's. */
      requestsPerMinute: z.number().int().min(1).max(100_000).optional(),
      /** The longest `Retry-After` honoured; a longer wait fails the request (COM-05). */
      maxRetryAfterSeconds: z.number().int().min(1).max(3600).default(300),
      /** Page size for list endpoints; default: the largest the platform allows. */
      pageSize: z.number().int().min(1).max(PLATFORM_MAX_PAGE_SIZE[kind]).optional(),
      requestTimeoutSeconds: z.number().int().min(1).max(600).default(60),
    })
    .prefault({});
}

function streamsSchema<K extends PlatformKind>(kind: K) {
  const streams: (typeof PLATFORM_STREAMS)[K] = PLATFORM_STREAMS[kind];
  return z
    .array(z.enum(streams))
    .min(1)
    .refine(uniqueItems('stream'))
    .default([...streams]);
}

/** Fields every platform has. `id` names the platform within its tenant (`sync --platform`). */
function commonPlatformShape<K extends PlatformKind>(kind: K) {
  return {
    kind: z.literal(kind),
    id: SlugSchema.default(kind),
    baseUrl: BaseUrlSchema,
    /** Where the login or token paths are served, when the platform splits hosts; default `baseUrl`. */
    loginBaseUrl: BaseUrlSchema.optional(),
    /** The streams to sync; default every stream the platform has. */
    streams: streamsSchema(kind),
    schedule: ScheduleSchema,
    limits: limitsSchema(kind),
  };
}

const UsernamePasswordCredentialsSchema = z.strictObject({
  usernameEnv: EnvVarNameSchema,
  passwordEnv: EnvVarNameSchema,
  username: literalSecretForbidden('usernameEnv'),
  password: literalSecretForbidden('passwordEnv'),
});

const ClientCredentialsShape = {
  clientIdEnv: EnvVarNameSchema,
  clientSecretEnv: EnvVarNameSchema,
  clientId: literalSecretForbidden('clientIdEnv'),
  clientSecret: literalSecretForbidden('clientSecretEnv'),
};
const ClientCredentialsSchema = z.strictObject(ClientCredentialsShape);

const Ss12000CredentialsSchema = z
  .strictObject({
    ...ClientCredentialsShape,
    /** Mutual TLS, as some publishers require: PEM text of the client certificate and its key. */
    clientCertificateEnv: EnvVarNameSchema.optional(),
    clientKeyEnv: EnvVarNameSchema.optional(),
    clientCertificate: literalSecretForbidden('clientCertificateEnv'),
    clientKey: literalSecretForbidden('clientKeyEnv'),
  })
  .refine((credentials) => (credentials.clientCertificateEnv === undefined) === (credentials.clientKeyEnv === undefined), {
    error: 'clientCertificateEnv and clientKeyEnv go together: give both or neither',
    path: ['clientKeyEnv'],
  });

export const Skola24PlatformSchema = z.strictObject({
  ...commonPlatformShape('skola24'),
  /** The tenant's Skola24 domain, sent as `hostName` in request bodies. The login domain is the tenant's municipalityCode. */
  hostName: HostNameSchema,
  credentials: UsernamePasswordCredentialsSchema,
});

export const SchoolSoftPlatformSchema = z.strictObject({
  ...commonPlatformShape('schoolsoft'),
  /** The tenant slug that starts every path (`/{slug}/eva/api/…`). */
  slug: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, { error: 'must be the SchoolSoft tenant slug, e.g. "sjostad"' }),
  /** Schools (`orgId`) to sync; default every school of the slug in the tenant's municipality. */
  orgIds: z.array(z.number().int().positive()).min(1).refine(uniqueItems('orgId')).optional(),
  /** Sent as the `deviceid` header; a UUID fixed per installation. Not a secret. */
  deviceId: z.uuid({ error: 'must be a UUID, fixed per installation' }),
  credentials: ClientCredentialsSchema,
});

export const InfoMentorPlatformSchema = z.strictObject({
  ...commonPlatformShape('infomentor'),
  /**
   * A stable label for the municipality's service account (one per municipality), used as the
   * source instance of every record. The login name itself comes from `credentials.usernameEnv`.
   */
  account: SlugSchema,
  /** Establishments (school units) to sync; default every one the account administers. */
  establishmentIds: z.array(z.number().int().positive()).min(1).refine(uniqueItems('establishment id')).optional(),
  credentials: UsernamePasswordCredentialsSchema,
});

export const SkolplattformenPlatformSchema = z.strictObject({
  ...commonPlatformShape('skolplattformen'),
  /** The city whose Skolplattformen this is (Stockholm's in real life; Sjöstad plays it in the simulation). */
  city: SlugSchema,
  credentials: UsernamePasswordCredentialsSchema,
});

export const Ss12000PlatformSchema = z.strictObject({
  ...commonPlatformShape('ss12000'),
  /** The publisher's customer id in `/ss12000v2-api/source/{customerId}/v2.0`. */
  customerId: z
    .string({
      error: (issue) => (typeof issue.input === 'number' ? 'customerId must be quoted, e.g. "9901"' : undefined),
    })
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be the SS 12000 customer id, e.g. "9901"' }),
  credentials: Ss12000CredentialsSchema,
});

export const PlatformSchema = z.discriminatedUnion('kind', [
  Skola24PlatformSchema,
  SchoolSoftPlatformSchema,
  InfoMentorPlatformSchema,
  SkolplattformenPlatformSchema,
  Ss12000PlatformSchema,
]);
export type PlatformConfig = z.infer<typeof PlatformSchema>;
export type PlatformConfigOf<K extends PlatformKind> = Extract<PlatformConfig, { kind: K }>;

/**
 * The platform instance this configuration points at — the `sourceInstance` of every record read
 * from it (model §1.2): Skola24 host name, SchoolSoft slug, InfoMentor account, Skolplattformen city,
 * SS 12000 customer id. It does not change when a base URL does.
 */
export function sourceInstanceOf(platform: PlatformConfig): string {
  switch (platform.kind) {
    case 'skola24':
      return platform.hostName;
    case 'schoolsoft':
      return platform.slug;
    case 'infomentor':
      return platform.account;
    case 'skolplattformen':
      return platform.city;
    case 'ss12000':
      return platform.customerId;
  }
}

// ── School units and calendars ───────────────────────────────────────────────────────────────

const DateRangeSchema = z
  .strictObject({ from: IsoDateSchema, to: IsoDateSchema, label: z.string().min(1).optional() })
  .refine((range) => range.from <= range.to, { error: 'ends before it starts', path: ['to'] });

const NonTeachingDaySchema = z.strictObject({ date: IsoDateSchema, label: z.string().min(1).optional() });

/**
 * One school year of a calendar. School days are the teaching weekdays from `firstDay` to
 * `lastDay` that are in no break and not a non-teaching day (rules §2.5). Public holidays on
 * weekdays must be listed: the rule engine consults no holiday table.
 */
export const SchoolYearCalendarSchema = z
  .strictObject({
    /** `2025/26`: the school year that starts in 2025. */
    id: z.string().regex(/^\d{4}\/\d{2}$/, { error: 'must be a school year such as "2025/26"' }),
    firstDay: IsoDateSchema,
    lastDay: IsoDateSchema,
    /** Lov: autumn, Christmas, sports and Easter breaks. */
    breaks: z.array(DateRangeSchema).default([]),
    /** Single days without teaching: public holidays, bridge days, study days. */
    nonTeachingDays: z.array(NonTeachingDaySchema).default([]),
  })
  .superRefine((year, ctx) => {
    const startYear = Number(year.id.slice(0, 4));
    if (/^\d{4}\/\d{2}$/.test(year.id) && Number(year.id.slice(5)) !== (startYear + 1) % 100) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `"${year.id}" is not two consecutive years` });
    }
    if (year.firstDay > year.lastDay) {
      ctx.addIssue({ code: 'custom', path: ['lastDay'], message: 'is before firstDay' });
    }
    if (/^\d{4}\//.test(year.id) && !year.firstDay.startsWith(String(startYear))) {
      ctx.addIssue({ code: 'custom', path: ['firstDay'], message: `is not in ${startYear}, where school year ${year.id} starts` });
    }
    const inside = (date: string) => date >= year.firstDay && date <= year.lastDay;
    year.breaks.forEach((range, index) => {
      if (!inside(range.from) || !inside(range.to)) {
        ctx.addIssue({ code: 'custom', path: ['breaks', index], message: `lies outside ${year.firstDay}–${year.lastDay}` });
      }
    });
    year.nonTeachingDays.forEach((day, index) => {
      if (!inside(day.date)) {
        ctx.addIssue({ code: 'custom', path: ['nonTeachingDays', index, 'date'], message: `lies outside ${year.firstDay}–${year.lastDay}` });
      }
    });
  });

export const CalendarSchema = z
  .strictObject({
    /** The rule engine works in Swedish local dates only (rules §7.2). */
    timeZone: z.literal(DEFAULT_TIME_ZONE).default(DEFAULT_TIME_ZONE),
    /** ISO weekdays with teaching, 1 = Monday … 7 = Sunday. */
    teachingWeekdays: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .refine(uniqueItems('weekday'))
      .default([1, 2, 3, 4, 5]),
    schoolYears: z.array(SchoolYearCalendarSchema).min(1),
  })
  .superRefine((calendar, ctx) => {
    reportDuplicates(calendar.schoolYears, (year) => year.id, (index, id, earlier) =>
      ctx.addIssue({ code: 'custom', path: ['schoolYears', index, 'id'], message: `school year ${id} is listed twice (also schoolYears[${earlier}])` }),
    );
    const byStart = calendar.schoolYears.map((year, index) => ({ year, index })).sort((a, b) => a.year.firstDay.localeCompare(b.year.firstDay));
    byStart.forEach(({ year, index }, position) => {
      const previous = byStart[position - 1]?.year;
      if (previous && year.firstDay <= previous.lastDay) {
        ctx.addIssue({ code: 'custom', path: ['schoolYears', index, 'firstDay'], message: `overlaps school year ${previous.id}` });
      }
    });
  });
export type CalendarConfig = z.infer<typeof CalendarSchema>;

const CalendarIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'a calendar id must be lowercase letters, digits and "-"' });

export const SchoolUnitSchema = z.strictObject({
  schoolUnitCode: SchoolUnitCodeSchema,
  name: z.string().min(1),
  /**
   * The municipality the unit belongs to as a school — its municipal huvudman's code, or `null`
   * for an independent huvudman (rules §7.2 `huvudmanMunicipality`). `stockholm-gy` compares it with
   * each student's own home municipality to decide on `hemkommun.notice`.
   */
  homeMunicipalityCode: MunicipalityCodeSchema.nullable(),
  /** The id of one of the tenant's `calendars`: the unit's school days. */
  calendar: CalendarIdSchema,
});
export type SchoolUnitConfig = z.infer<typeof SchoolUnitSchema>;

// ── Rule packs ───────────────────────────────────────────────────────────────────────────────

/**
 * Which students a pack evaluates. A student is in scope when the school unit of their primary
 * enrolment (rules §2.8) is in `schoolUnits` (default: every unit in the tenant's `schoolUnits`)
 * and their school type there is in `schoolTypes`. Every unit in scope needs a calendar and a home
 * municipality, which `schoolUnits` always carries.
 */
const ScopeSchoolUnitsSchema = z.array(SchoolUnitCodeSchema).min(1).refine(uniqueItems('school unit')).optional();
const ScopeSchoolTypesSchema = z.array(SchoolTypeSchema).min(1).refine(uniqueItems('school type'));

export const StockholmGyPackSchema = z.strictObject({
  enabled: z.boolean(),
  /** School types: GY only, the pack's own definition (rules §3); other types would never produce an event. */
  scope: z
    .strictObject({ schoolUnits: ScopeSchoolUnitsSchema, schoolTypes: ScopeSchoolTypesSchema.default(['GY']) })
    .refine((scope) => scope.schoolTypes.every((type) => type === 'GY'), {
      error: 'stockholm-gy evaluates GY students only (rules §3): list GY or leave schoolTypes out',
      path: ['schoolTypes'],
    })
    .prefault({}),
  /** Overrides of rules §2.11 and §3.1; every parameter not given takes its default. */
  parameters: StockholmGyParametersSchema.prefault({}),
});

export const SkollagenPackSchema = z.strictObject({
  enabled: z.boolean(),
  /** School types: default every type, as the statutory duties apply to all (rules §4). */
  scope: z.strictObject({ schoolUnits: ScopeSchoolUnitsSchema, schoolTypes: ScopeSchoolTypesSchema.optional() }).prefault({}),
  /** Overrides of rules §2.11 and §4.1; every parameter not given takes its default. */
  parameters: SkollagenParametersSchema.prefault({}),
});

/** A pack that is not mentioned is off: producing warnings is always an explicit decision. */
export const RulePacksSchema = z.strictObject({
  'stockholm-gy': StockholmGyPackSchema.prefault({ enabled: false }),
  skollagen: SkollagenPackSchema.prefault({ enabled: false }),
} satisfies Record<RulePackId, z.ZodType>);
export type RulePacksConfig = z.infer<typeof RulePacksSchema>;

// ── Sync policy: dedup, holds, deletes, retention ────────────────────────────────────────────

/**
 * Default precedence: the platform where the school registers and reclassifies absence first, the
 * guardian portal after it, the register (a mirror in the synthetic world) last.
 */
export const DEFAULT_DEDUP_PRECEDENCE = ['skola24', 'schoolsoft', 'infomentor', 'skolplattformen', 'ss12000'] as const;

export const DedupSchema = z.strictObject({
  /** When the same absence comes from several sources, the earlier source's content wins; all stay as provenance. */
  precedence: z
    .array(SourceSystemSchema)
    .min(1)
    .refine(uniqueItems('source system'))
    .default([...DEFAULT_DEDUP_PRECEDENCE]),
});

/** A run that would delete or change more than these shares of a stream's records is held for approval. */
export const HoldsSchema = z.strictObject({
  maxDeleteShare: z.number().min(0).max(1).default(0.2),
  maxChangeShare: z.number().min(0).max(1).default(0.5),
});

/** How long data is kept after the pupil leaves (DESIGN §5); applied by a scheduled job. */
export const RetentionSchema = z.strictObject({
  /** Absence data, kept for CSN reporting. */
  absenceDataYears: z.number().int().min(1).max(50).default(5),
  /** Everything else. */
  otherDataYears: z.number().int().min(1).max(50).default(3),
});

// ── Webhooks ─────────────────────────────────────────────────────────────────────────────────

export const WebhookEndpointSchema = z.strictObject({
  /** Names the endpoint in the outbox, the dashboard and the receiver's path. */
  id: SlugSchema,
  url: urlSchema({ allowQuery: true }),
  /**
   * Environment variables holding the Standard Webhooks secrets (`whsec_…`). Two during a rotation:
   * every listed secret signs each delivery, so the receiver can switch at its own pace.
   */
  secretEnvs: z.array(EnvVarNameSchema).min(1).max(2, { error: 'at most two secrets: the current one and the next' }).refine(uniqueItems('variable')),
  secret: literalSecretForbidden('secretEnvs'),
  /** Event types to deliver: exact (`csn.report`), a prefix (`warning.*`) or `*` (default). */
  events: z
    .array(
      z.string().superRefine((filter, ctx) => {
        const problem = eventFilterProblem(filter);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
    )
    .min(1)
    .refine(uniqueItems('event filter'))
    .default(['*']),
});
export type WebhookEndpointConfig = z.infer<typeof WebhookEndpointSchema>;

function describeTarget(value: string): string {
  try {
    const url = new URL(value);
    return `${url.origin}${url.pathname}`;
  } catch {
    return 'its URL';
  }
}

export const WebhooksSchema = z
  .strictObject({
    /** Hosts (`case.sjostad.se`, `127.0.0.1:7306`, `*.sjostad.se`) or URL prefixes every endpoint must match. */
    allowList: z
      .array(
        z.string().superRefine((entry, ctx) => {
          const problem = allowListEntryProblem(entry);
          if (problem) ctx.addIssue({ code: 'custom', message: `allow-list entry ${problem}` });
        }),
      )
      .default([]),
    endpoints: z.array(WebhookEndpointSchema).default([]),
  })
  .superRefine((webhooks, ctx) => {
    const firstIndex = new Map<string, number>();
    webhooks.endpoints.forEach((endpoint, index) => {
      const earlier = firstIndex.get(endpoint.id);
      if (earlier !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['endpoints', index, 'id'], message: `duplicate endpoint id "${endpoint.id}" (also endpoints[${earlier}])` });
      } else {
        firstIndex.set(endpoint.id, index);
      }
      if (urlProblem(endpoint.url, { allowQuery: true }) === undefined && !isUrlAllowed(endpoint.url, webhooks.allowList)) {
        ctx.addIssue({
          code: 'custom',
          path: ['endpoints', index, 'url'],
          message: `endpoint "${endpoint.id}" (${describeTarget(endpoint.url)}) is not on webhooks.allowList`,
        });
      }
    });
  });

// ── Tenant ───────────────────────────────────────────────────────────────────────────────────

type Ctx = z.RefinementCtx;
type TenantShape = z.infer<typeof TenantObjectSchema>;

const TenantObjectSchema = z.strictObject({
  /** The municipality's key in CLI flags, URLs and job names, e.g. `sjostad`. */
  key: SlugSchema,
  name: z.string().min(1),
  municipalityCode: MunicipalityCodeSchema,
  platforms: z.array(PlatformSchema).min(1),
  schoolUnits: z.array(SchoolUnitSchema).default([]),
  /** School calendars by id; school units refer to them. */
  calendars: z.record(CalendarIdSchema, CalendarSchema).default({}),
  rulePacks: RulePacksSchema.prefault({}),
  dedup: DedupSchema.prefault({}),
  holds: HoldsSchema.prefault({}),
  /** Successful full runs in a row that must miss a record before it is tombstoned. */
  deleteAfterMissingRuns: z.number().int().min(1).max(30).default(2),
  retention: RetentionSchema.prefault({}),
  webhooks: WebhooksSchema.prefault({}),
});

function reportDuplicates<T>(items: readonly T[], keyOf: (item: T) => string, report: (index: number, key: string, earlier: number) => void): void {
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    const earlier = firstIndex.get(key);
    if (earlier === undefined) firstIndex.set(key, index);
    else report(index, key, earlier);
  });
}

function checkPlatforms(tenant: TenantShape, ctx: Ctx): void {
  reportDuplicates(tenant.platforms, (platform) => platform.id, (index, id, earlier) =>
    ctx.addIssue({
      code: 'custom',
      path: ['platforms', index, 'id'],
      message: `duplicate platform id "${id}" (also platforms[${earlier}]); give each platform of the same kind its own id`,
    }),
  );
  reportDuplicates(tenant.platforms, (platform) => `${platform.kind} ${sourceInstanceOf(platform)}`, (index, instance, earlier) =>
    ctx.addIssue({
      code: 'custom',
      path: ['platforms', index],
      message: `platforms[${earlier}] already syncs the same instance (${instance})`,
    }),
  );
}

function checkSchoolUnits(tenant: TenantShape, ctx: Ctx): void {
  reportDuplicates(tenant.schoolUnits, (unit) => unit.schoolUnitCode, (index, code, earlier) =>
    ctx.addIssue({ code: 'custom', path: ['schoolUnits', index, 'schoolUnitCode'], message: `school unit ${code} is listed twice (also schoolUnits[${earlier}])` }),
  );
  tenant.schoolUnits.forEach((unit, index) => {
    if (!Object.hasOwn(tenant.calendars, unit.calendar)) {
      const known = Object.keys(tenant.calendars);
      ctx.addIssue({
        code: 'custom',
        path: ['schoolUnits', index, 'calendar'],
        message: `calendar "${unit.calendar}" is not defined in calendars${known.length ? ` (defined: ${known.join(', ')})` : ''}`,
      });
    }
  });
}

function checkRulePacks(tenant: TenantShape, ctx: Ctx): void {
  const unitCodes = new Set(tenant.schoolUnits.map((unit) => unit.schoolUnitCode));
  for (const pack of RULE_PACK_IDS) {
    const config = tenant.rulePacks[pack];
    config.scope.schoolUnits?.forEach((code, index) => {
      if (!unitCodes.has(code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rulePacks', pack, 'scope', 'schoolUnits', index],
          message: `school unit ${code} is not listed in schoolUnits`,
        });
      }
    });
    if (config.enabled && tenant.schoolUnits.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['rulePacks', pack, 'enabled'],
        message: `${pack} is enabled but schoolUnits is empty: the pack needs each unit's calendar and home municipality`,
      });
    }
  }
}

function checkDedup(tenant: TenantShape, ctx: Ctx): void {
  const listed = new Set<string>(tenant.dedup.precedence);
  tenant.platforms.forEach((platform, index) => {
    if (!listed.has(platform.kind)) {
      ctx.addIssue({
        code: 'custom',
        path: ['dedup', 'precedence'],
        message: `${platform.kind} (platforms[${index}]) is missing: list every source system the tenant syncs`,
      });
      listed.add(platform.kind); // one message per kind
    }
  });
}

export const TenantSchema = TenantObjectSchema.superRefine((tenant, ctx) => {
  checkPlatforms(tenant, ctx);
  checkSchoolUnits(tenant, ctx);
  checkRulePacks(tenant, ctx);
  checkDedup(tenant, ctx);
});
export type TenantConfig = z.infer<typeof TenantSchema>;

// ── The file ─────────────────────────────────────────────────────────────────────────────────

export const SkolbryggaConfigSchema = z
  .strictObject({
    /** The file format's version; only 1 exists. */
    version: z.literal(1).default(1),
    tenants: z.array(TenantSchema).min(1),
  })
  .superRefine((config, ctx) => {
    reportDuplicates(config.tenants, (tenant) => tenant.key, (index, key, earlier) =>
      ctx.addIssue({ code: 'custom', path: ['tenants', index, 'key'], message: `duplicate tenant key "${key}" (also tenants[${earlier}])` }),
    );
    // One platform instance read for two municipalities would mix their pupils (COM-10).
    const owners = new Map<string, string>();
    config.tenants.forEach((tenant, tenantIndex) => {
      tenant.platforms.forEach((platform, platformIndex) => {
        const instance = `${platform.kind} ${sourceInstanceOf(platform)}`;
        const owner = owners.get(instance);
        if (owner !== undefined && owner !== tenant.key) {
          ctx.addIssue({
            code: 'custom',
            path: ['tenants', tenantIndex, 'platforms', platformIndex],
            message: `${instance} is already configured for tenant "${owner}": one platform instance belongs to one municipality`,
          });
        } else {
          owners.set(instance, tenant.key);
        }
      });
    });
  });

/** The validated configuration with every default filled in. */
export type SkolbryggaConfig = z.infer<typeof SkolbryggaConfigSchema>;
/** What an operator may write: defaults optional. */
export type SkolbryggaConfigInput = z.input<typeof SkolbryggaConfigSchema>;
