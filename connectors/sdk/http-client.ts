/**
 * The HTTP layer every connector stands on (platforms/README §4–§5: COM-04, 05, 06, 11).
 *
 * One request goes through a loop: spend budget → send (never following redirects) → 429: wait
 * `Retry-After`, not a failure → 3xx: login path is session death, anything else is PlatformMoved
 * → 5xx, reset, timeout, truncated or unparseable body: full-jitter backoff, counted as a failure →
 * session death: log in once and replay, a second death in a row is AuthExpired.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { AxiosInstance, AxiosResponse, RawAxiosRequestHeaders } from 'axios';
import axios, { AxiosError } from 'axios';
import type { Logger } from '../../core/log.js';
import type { SourceSystem } from '../../core/model/index.js';
import type { BackoffPolicy } from './backoff.js';
import { DEFAULT_BACKOFF, backoffMs } from './backoff.js';
import type { CookieJar } from './cookie-jar.js';
import type { ConnectorErrorContext } from './errors.js';
import {
  AuthExpired,
  ConnectorError,
  PlatformMoved,
  PlatformUnavailable,
  RateLimited,
  ResponseTooLarge,
  TruncatedResponse,
} from './errors.js';
import { RequestBudget } from './request-budget.js';
import { retryAfterMs } from './retry-after.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The decoded (decompressed) body. */
  readonly body: Buffer;
  /** The request URL, for resolving `Location` and storing cookies. */
  readonly url: URL;
}

/** A header as one string (the first, for repeated headers other than Set-Cookie). */
export function headerOf(response: HttpResponse, name: string): string | undefined {
  const value = response.headers[name.toLowerCase()];
  return typeof value === 'string' ? value : value?.[0];
}

export function bodyText(response: HttpResponse, encoding: BufferEncoding = 'utf8'): string {
  return response.body.toString(encoding);
}

/** Parses a JSON body; a syntax error makes the client treat the body as truncated and retry. */
export function parseJsonBody(response: HttpResponse): unknown {
  return JSON.parse(bodyText(response)) as unknown;
}

export interface HttpRequest {
  readonly method: HttpMethod;
  /** Route template for logs and errors (`/api/get/students`); never holds ids or query values. */
  readonly route: string;
  /** Path relative to `baseUrl`, or an absolute URL on the platform's own origin(s). */
  readonly url: string;
  readonly params?: Readonly<Record<string, string | number | boolean | null | undefined>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string or Buffer is sent as is; anything else as JSON. */
  readonly body?: unknown;
  readonly stream?: string;
  /**
   * `classify` (data requests): a redirect is session death or PlatformMoved. `return` (login
   * flows): the 3xx comes back to the caller, who reads `Location` and `Set-Cookie` itself.
   */
  readonly redirects?: 'classify' | 'return';
  /** False for the login flow itself: no session-death check, no re-login. Default true. */
  readonly authenticated?: boolean;
}

export interface HttpClientOptions {
  readonly platform: SourceSystem;
  readonly baseUrl: string;
  /** Does a redirect to `target` mean the session is gone? Default: never (see `loginLocationMatcher`). */
  readonly isLoginLocation?: (target: URL) => boolean;
  /** The platform's in-band death signal (Skola24 `needSessionRefresh`, InfoMentor empty 200, 401…). */
  readonly isSessionDead?: (response: HttpResponse) => boolean;
  /** Logs in again (through this client, with `authenticated: false`). */
  readonly login?: () => Promise<void>;
  readonly timeoutMs?: number;
  /** Attempts per request when 5xx, resets, timeouts or truncation repeat (429s are not counted). */
  readonly maxAttempts?: number;
  readonly maxRateLimitWaits?: number;
  readonly maxRetryAfterSeconds?: number;
  readonly maxResponseBytes?: number;
  readonly backoff?: BackoffPolicy;
  /** Shared by every client of one platform run. */
  readonly budget?: RequestBudget;
  readonly cookieJar?: CookieJar;
  readonly defaultHeaders?: Readonly<Record<string, string>>;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly logger?: Logger;
}

export const HTTP_DEFAULTS = {
  timeoutMs: 30_000,
  maxAttempts: 5,
  maxRateLimitWaits: 20,
  maxRetryAfterSeconds: 120,
  maxResponseBytes: 50 * 1024 * 1024,
} as const;

/** Login redirect by path prefix (case-insensitive), on the given origins or any origin if none. */
export function loginLocationMatcher(paths: readonly string[], origins?: readonly string[]): (target: URL) => boolean {
  const lowered = paths.map((path) => path.toLowerCase());
  const allowed = origins?.map((origin) => new URL(origin).origin);
  return (target) =>
    (allowed === undefined || allowed.includes(target.origin)) &&
    lowered.some((path) => target.pathname.toLowerCase().startsWith(path));
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type Failure = { readonly kind: 'unavailable' | 'truncated'; readonly detail: string };

/** Thrown inside the loop for a body that cannot be trusted; becomes a retry. */
class UntrustedBody extends Error {}

const TRANSIENT_CODES = new Set([
  'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN',
  'ERR_BAD_RESPONSE', 'ERR_NETWORK', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'UND_ERR_SOCKET',
]);

export class HttpClient {
  private readonly axios: AxiosInstance;
  private readonly budget: RequestBudget;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly settings: Required<
    Pick<HttpClientOptions, 'timeoutMs' | 'maxAttempts' | 'maxRateLimitWaits' | 'maxRetryAfterSeconds' | 'maxResponseBytes'>
  >;
  private loginInFlight: Promise<void> | null = null;

  constructor(private readonly options: HttpClientOptions) {
    this.budget = options.budget ?? new RequestBudget();
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.settings = {
      timeoutMs: options.timeoutMs ?? HTTP_DEFAULTS.timeoutMs,
      maxAttempts: options.maxAttempts ?? HTTP_DEFAULTS.maxAttempts,
      maxRateLimitWaits: options.maxRateLimitWaits ?? HTTP_DEFAULTS.maxRateLimitWaits,
      maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? HTTP_DEFAULTS.maxRetryAfterSeconds,
      maxResponseBytes: options.maxResponseBytes ?? HTTP_DEFAULTS.maxResponseBytes,
    };
    this.axios = axios.create({
      timeout: this.settings.timeoutMs,
      maxRedirects: 0,
      maxContentLength: this.settings.maxResponseBytes,
      maxBodyLength: this.settings.maxResponseBytes,
      responseType: 'arraybuffer',
      // Decompressing ourselves keeps `Content-Length` comparable with the bytes received.
      decompress: false,
      transformResponse: [],
      validateStatus: () => true,
      proxy: false,
    });
  }

  /** Requests sent so far through this client's budget (shared budgets count every client). */
  get requestCount(): number {
    return this.budget.used;
  }

  request(request: HttpRequest): Promise<HttpResponse> {
    return this.requestParsed(request, (response) => response);
  }

  /**
   * Sends, survives, and parses. An exception from `parse` that is not a ConnectorError (a JSON or
   * XML syntax error) marks the body as untrustworthy: it is retried, never read as a short page.
   */
  async requestParsed<T>(request: HttpRequest, parse: (response: HttpResponse) => T | Promise<T>): Promise<T> {
    const where: ConnectorErrorContext = {
      platform: this.options.platform,
      stream: request.stream,
      route: request.route,
    };
    const url = this.urlOf(request);
    const authenticated = request.authenticated ?? true;
    let failures = 0;
    let rateLimitWaits = 0;
    let reloggedIn = false;

    for (;;) {
      const outcome = await this.attempt(request, url, where, failures);
      let failure: Failure | null = null;
      if (outcome.kind === 'failure') {
        failure = outcome.failure;
      } else {
        const response = outcome.response;
        if (response.status === 429) {
          rateLimitWaits += 1;
          if (rateLimitWaits > this.settings.maxRateLimitWaits) throw new RateLimited(where, rateLimitWaits - 1);
          await this.sleep(
            retryAfterMs({
              retryAfter: headerOf(response, 'retry-after'),
              date: headerOf(response, 'date'),
              maxSeconds: this.settings.maxRetryAfterSeconds,
            }),
          );
          continue;
        }
        let sessionDead = false;
        if (response.status >= 300 && response.status < 400 && request.redirects !== 'return') {
          sessionDead = this.classifyRedirect(response, where);
        } else if (response.status >= 500) {
          failure = { kind: 'unavailable', detail: `HTTP ${response.status}` };
        } else if (authenticated && this.options.isSessionDead?.(response)) {
          sessionDead = true;
        }
        if (sessionDead) {
          if (!authenticated) return parse(response);
          if (reloggedIn || !this.options.login) throw new AuthExpired(where, 'session died again after a new login');
          reloggedIn = true;
          await this.relogin();
          continue;
        }
        if (!failure) {
          try {
            return await parse(response);
          } catch (error) {
            if (error instanceof ConnectorError) throw error;
            failure = { kind: 'truncated', detail: 'body could not be parsed' };
          }
        }
      }
      failures += 1;
      this.options.logger?.warn({ ...where, attempt: failures, reason: failure.detail }, 'platform request failed');
      if (failures >= this.settings.maxAttempts) {
        throw failure.kind === 'truncated'
          ? new TruncatedResponse(where, `${failure.detail} on ${failures} attempts`)
          : new PlatformUnavailable(where, failures, failure.detail);
      }
      await this.sleep(backoffMs(failures - 1, this.options.backoff ?? DEFAULT_BACKOFF, this.random));
    }
  }

  private urlOf(request: HttpRequest): URL {
    const url = new URL(request.url, this.options.baseUrl);
    for (const [key, value] of Object.entries(request.params ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.append(key, String(value));
    }
    return url;
  }

  private async attempt(
    request: HttpRequest,
    url: URL,
    where: ConnectorErrorContext,
    failures: number,
  ): Promise<{ kind: 'response'; response: HttpResponse } | { kind: 'failure'; failure: Failure }> {
    this.budget.take(where);
    const started = performance.now();
    let raw: AxiosResponse<Buffer>;
    try {
      raw = await this.axios.request<Buffer>({
        method: request.method,
        url: url.href,
        headers: this.headersFor(request, url),
        data: encodeBody(request.body),
      });
    } catch (error) {
      return { kind: 'failure', failure: this.networkFailure(error, where) };
    }
    const durationMs = Math.round(performance.now() - started);
    const headers = raw.headers as Record<string, string | string[] | undefined>;
    const bytes = Buffer.isBuffer(raw.data) ? raw.data : Buffer.from(raw.data ?? '');
    this.options.logger?.debug(
      { ...where, method: request.method, status: raw.status, durationMs, bytes: bytes.length, attempt: failures + 1 },
      'platform request',
    );
    const date = typeof headers['date'] === 'string' ? headers['date'] : undefined;
    this.options.cookieJar?.store(url, headers['set-cookie'], date);
    try {
      const body = decodeBody(request.method, raw.status, headers, bytes);
      return { kind: 'response', response: { status: raw.status, headers, body, url } };
    } catch (error) {
      if (!(error instanceof UntrustedBody)) throw error;
      return { kind: 'failure', failure: { kind: 'truncated', detail: error.message } };
    }
  }

  private headersFor(request: HttpRequest, url: URL): RawAxiosRequestHeaders {
    const headers: Record<string, string> = { ...this.options.defaultHeaders, ...request.headers };
    const cookie = this.options.cookieJar?.headerFor(url);
    if (cookie !== undefined) headers['Cookie'] = cookie;
    if (request.body !== undefined && !(typeof request.body === 'string' || Buffer.isBuffer(request.body))) {
      headers['Content-Type'] ??= 'application/json';
    }
    headers['Accept-Encoding'] ??= 'gzip, deflate, br';
    return headers;
  }

  private networkFailure(error: unknown, where: ConnectorErrorContext): Failure {
    if (!(error instanceof AxiosError)) throw error;
    if (/maxContentLength|maxBodyLength/.test(error.message)) {
      throw new ResponseTooLarge(where, this.settings.maxResponseBytes);
    }
    const code = error.code ?? (error.cause as { code?: string } | undefined)?.code ?? '';
    if (TRANSIENT_CODES.has(code) || /socket hang up|aborted/i.test(error.message)) {
      // The axios error holds the URL and headers (cookies, query credentials): only its code travels on.
      return { kind: code === 'ERR_BAD_RESPONSE' ? 'truncated' : 'unavailable', detail: code || 'network error' };
    }
    throw new PlatformUnavailable(where, 1, code || 'request could not be sent');
  }

  /** True when the redirect means session death; throws PlatformMoved for any other redirect. */
  private classifyRedirect(response: HttpResponse, where: ConnectorErrorContext): boolean {
    const location = headerOf(response, 'location');
    if (location === undefined) throw new PlatformMoved(where, '', response.status);
    const target = new URL(location, response.url);
    if (this.options.isLoginLocation?.(target)) return true;
    // Only origin and path: a query may carry tokens meant for the new place.
    throw new PlatformMoved(where, `${target.origin}${target.pathname}`, response.status);
  }

  private async relogin(): Promise<void> {
    const login = this.options.login;
    if (!login) return;
    // Concurrent reads that all see the death share one login.
    this.loginInFlight ??= login().finally(() => {
      this.loginInFlight = null;
    });
    await this.loginInFlight;
  }
}

function encodeBody(body: unknown): string | Buffer | undefined {
  if (body === undefined) return undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  return JSON.stringify(body);
}

function decodeBody(
  method: HttpMethod,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  bytes: Buffer,
): Buffer {
  const announced = headers['content-length'];
  const hasBody = method !== 'HEAD' && status !== 204 && status !== 304;
  if (hasBody && typeof announced === 'string' && /^\d+$/.test(announced) && Number(announced) !== bytes.length) {
    throw new UntrustedBody(`body has ${bytes.length} of ${announced} bytes`);
  }
  const encoding = typeof headers['content-encoding'] === 'string' ? headers['content-encoding'].toLowerCase() : '';
  if (encoding === '' || encoding === 'identity' || bytes.length === 0) return bytes;
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(bytes);
    if (encoding === 'deflate') return inflateSync(bytes);
    if (encoding === 'br') return brotliDecompressSync(bytes);
  } catch {
    throw new UntrustedBody(`${encoding} body could not be decompressed`);
  }
  throw new UntrustedBody(`unsupported content-encoding`);
}
