/**
 * The SS 12000 connector (platforms/ss12000.md): OAuth2 client credentials, one re-login on 401,
 * full and incremental reads of list endpoints with the server's `meta.modified` as cursor.
 */
import { z } from 'zod';
import type { Logger } from '../../core/log.js';
import type { SourceRecord } from '../../core/model/index.js';
import type { Connector, ConnectorManifest, Page, QuarantineEntry, StreamName } from '../sdk/index.js';
import {
  AuthFailed,
  ConnectorError,
  HttpClient,
  headerOf,
  mapRecords,
  PageShapeError,
  parseJsonBody,
  RequestBudget,
} from '../sdk/index.js';
import type { HttpResponse } from '../sdk/index.js';
import type { MappingContext } from './mapping.js';
import {
  mapAbsence,
  mapEnrolments,
  mapGroup,
  mapGuardianRelations,
  mapOrganisation,
  mapPerson,
  PLATFORM,
} from './mapping.js';
import { WireAbsenceSchema, WireGroupSchema, WireListPageSchema, WireOrganisationSchema, WirePersonSchema } from './wire.js';

export const SS12000_STREAMS = ['organisations', 'persons', 'guardianRelations', 'enrolments', 'groups', 'absences'] as const;
type Ss12000Stream = (typeof SS12000_STREAMS)[number];

/** Per stream: the largest `meta.modified` the server sent, verbatim (null: backfill). */
export const Ss12000CheckpointSchema = z.strictObject({
  modifiedAfter: z.iso.datetime({ offset: true }).nullable(),
});
export type Ss12000Checkpoint = z.infer<typeof Ss12000CheckpointSchema>;

export const Ss12000ConfigSchema = z.strictObject({
  baseUrl: z.url(),
  customerId: z.string().min(1),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  pageSize: z.int().min(1).max(1000).default(1000),
});
export type Ss12000Config = z.input<typeof Ss12000ConfigSchema>;

export interface Ss12000Options {
  readonly budget?: RequestBudget;
  readonly logger?: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

const TokenResponseSchema = z.looseObject({ access_token: z.string().min(1), token_type: z.string() });
const ErrorBodySchema = z.looseObject({ code: z.string(), message: z.string().optional() });

interface StreamSource {
  readonly route: string;
  readonly filters: Readonly<Record<string, string>>;
  readonly schema: z.ZodType;
  readonly map: (context: MappingContext, raw: never) => SourceRecord | readonly SourceRecord[];
}

/** Which list each stream reads and how one item maps; persons, guardians and enrolments share `/persons`. */
const STREAM_SOURCES: Readonly<Record<Ss12000Stream, StreamSource>> = {
  organisations: { route: '/organisations', filters: {}, schema: WireOrganisationSchema, map: mapOrganisation },
  persons: { route: '/persons', filters: {}, schema: WirePersonSchema, map: mapPerson },
  guardianRelations: { route: '/persons', filters: {}, schema: WirePersonSchema, map: mapGuardianRelations },
  enrolments: { route: '/persons', filters: {}, schema: WirePersonSchema, map: mapEnrolments },
  groups: { route: '/groups', filters: { groupType: 'Klass' }, schema: WireGroupSchema, map: mapGroup },
  absences: { route: '/absences', filters: {}, schema: WireAbsenceSchema, map: mapAbsence },
};

const isSs12000Stream = (stream: StreamName): stream is Ss12000Stream =>
  (SS12000_STREAMS as readonly string[]).includes(stream);

const instantOf = (text: string): number => Date.parse(text);

/** `Date: Tue, 10 Mar 2026 01:00:00 GMT` → `2026-03-10`: civic numbers are judged on the server's day. */
function serverDateOf(response: HttpResponse): string | null {
  const date = headerOf(response, 'date');
  if (date === undefined) return null;
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().slice(0, 10);
}

function idOf(raw: unknown): string {
  if (typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string') return raw.id;
  return '';
}

function modifiedOf(raw: unknown): string | null {
  const parsed = z.looseObject({ meta: z.looseObject({ modified: z.iso.datetime({ offset: true }) }) }).safeParse(raw);
  return parsed.success ? parsed.data.meta.modified : null;
}

export function createSs12000Connector(configInput: Ss12000Config, options: Ss12000Options = {}): Connector<Ss12000Checkpoint> {
  const config = Ss12000ConfigSchema.parse(configInput);
  const origin = config.baseUrl.replace(/\/+$/, '');
  let accessToken: string | null = null;
  // Read on every attempt, so a request replayed after a re-login carries the new token.
  const authHeaders: Record<string, string> = {};
  Object.defineProperty(authHeaders, 'Authorization', {
    enumerable: true,
    get: () => (accessToken === null ? '' : `Bearer ${accessToken}`),
  });

  const http: HttpClient = new HttpClient({
    platform: PLATFORM,
    baseUrl: `${origin}/ss12000v2-api/source/${encodeURIComponent(config.customerId)}/v2.0/`,
    budget: options.budget ?? new RequestBudget(),
    logger: options.logger,
    sleep: options.sleep,
    random: options.random,
    defaultHeaders: authHeaders,
    isSessionDead: (response) => response.status === 401,
    login: () => logIn(),
  });

  async function logIn(): Promise<void> {
    const where = { platform: PLATFORM, route: '/oauth2/token' };
    const response = await http.request({
      method: 'POST',
      route: '/oauth2/token',
      url: `${origin}/oauth2/token`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: config.clientId,
        client_secret: config.clientSecret,
      }).toString(),
      authenticated: false,
      redirects: 'return',
    });
    if (response.status !== 200) throw new AuthFailed(where, `token endpoint answered ${response.status}`);
    const token = TokenResponseSchema.safeParse(parseJsonBody(response));
    if (!token.success) throw new PageShapeError(where, 'token response is not an OAuth2 token');
    accessToken = token.data.access_token;
  }

  async function ensureLoggedIn(): Promise<void> {
    if (accessToken === null) await logIn();
  }

  /** A 4xx other than 401 (handled by the client) or 429: the stream cannot go on. */
  function failOn(response: HttpResponse, stream: Ss12000Stream, route: string): never {
    const body = ErrorBodySchema.safeParse(safeJson(response));
    const code = body.success ? body.data.code : 'unknown';
    const where = { platform: PLATFORM, stream, route };
    if (response.status === 403) throw new AuthFailed(where, `forbidden (${code})`);
    throw new PageShapeError(where, `platform answered ${response.status} (${code})`);
  }

  function isExpiredPageToken(response: HttpResponse): boolean {
    if (response.status !== 400) return false;
    const body = ErrorBodySchema.safeParse(safeJson(response));
    return body.success && body.data.code === 'PAGE_TOKEN_EXPIRED';
  }

  async function* readStream(stream: Ss12000Stream, checkpoint: Ss12000Checkpoint | null): AsyncGenerator<Page<Ss12000Checkpoint>> {
    await ensureLoggedIn();
    const source = STREAM_SOURCES[stream];
    const startCursor = checkpoint?.modifiedAfter ?? null;
    const firstParams: Record<string, string | number> = { ...source.filters, limit: config.pageSize };
    if (startCursor !== null) firstParams['meta.modified.after'] = startCursor;

    let cursor = startCursor;
    let pageToken: string | null = null;
    let context: MappingContext | null = null;
    for (;;) {
      // Follow-up pages carry only `pageToken` and `limit` (SS12-02).
      const params = pageToken === null ? firstParams : { pageToken, limit: config.pageSize };
      const response = await http.request({ method: 'GET', route: source.route, url: source.route.slice(1), params, stream });
      if (pageToken !== null && isExpiredPageToken(response)) {
        // SS12-04: restart from the original filters; upserts make the repeated records harmless.
        pageToken = null;
        continue;
      }
      if (response.status !== 200) failOn(response, stream, source.route);
      context ??= { customerId: config.customerId, referenceDate: serverDateOf(response) ?? '1970-01-01' };
      const body = WireListPageSchema.safeParse(parseJsonBody(response));
      if (!body.success) throw new PageShapeError({ platform: PLATFORM, stream, route: source.route }, 'expected {data, pageToken}');
      const mappingContext = context;
      const mapped = mapRecords(body.data.data, {
        platform: PLATFORM,
        stream,
        route: source.route,
        schema: source.schema,
        sourceIdOf: idOf,
        map: (raw) => source.map(mappingContext, raw as never),
      });
      for (const raw of body.data.data) {
        const modified = modifiedOf(raw);
        if (modified !== null && (cursor === null || instantOf(modified) > instantOf(cursor))) cursor = modified;
      }
      pageToken = body.data.pageToken ?? null;
      const last = pageToken === null;
      // Records sharing one `meta.modified` may straddle pages: the cursor moves only once the query is done.
      yield { records: mapped.records, quarantined: quarantinedOnly(mapped.quarantined, stream), checkpoint: { modifiedAfter: last ? cursor : startCursor } };
      if (last) return;
    }
  }

  const manifest: ConnectorManifest<Ss12000Checkpoint> = {
    platform: PLATFORM,
    streams: SS12000_STREAMS,
    mapperVersion: '1',
    requestBudget: 'token 1 (+1 per re-login) + per stream max(1, ceil(changed / pageSize))',
    checkpointSchema: Ss12000CheckpointSchema,
  };

  return {
    manifest,
    async check() {
      try {
        await ensureLoggedIn();
        const response = await http.request({ method: 'GET', route: '/organisations', url: 'organisations', params: { limit: 1 } });
        if (response.status !== 200) failOn(response, 'organisations', '/organisations');
        return { ok: true, requests: http.requestCount };
      } catch (error) {
        if (error instanceof ConnectorError) return { ok: false, requests: http.requestCount, error };
        throw error;
      }
    },
    read(stream: StreamName, checkpoint: Ss12000Checkpoint | null) {
      if (!isSs12000Stream(stream)) {
        throw new PageShapeError({ platform: PLATFORM, stream }, 'SS 12000 has no such stream');
      }
      return readStream(stream, checkpoint);
    },
    requestCount: () => http.requestCount,
  };
}

function safeJson(response: HttpResponse): unknown {
  try {
    return parseJsonBody(response);
  } catch {
    return null;
  }
}

/** Every quarantine entry belongs to the stream read (persons-derived streams share one list). */
function quarantinedOnly(entries: readonly QuarantineEntry[], stream: Ss12000Stream): QuarantineEntry[] {
  return entries.map((entry) => ({ ...entry, stream }));
}

