/**
 * The typed failures of a connector. Each names where it happened (platform, stream, route
 * template) and nothing personal: no body, no query string, no civic number or name.
 */
import type { ErrorCode } from '../../core/errors.js';
import { SkolbryggaError } from '../../core/errors.js';
import type { SourceSystem } from '../../core/model/index.js';

/** Where a connector error happened. `route` is a template (`/api/get/students`), never a URL with a query. */
export interface ConnectorErrorContext {
  readonly platform: SourceSystem;
  readonly stream?: string | undefined;
  readonly route?: string | undefined;
}

type ExtraContext = Readonly<Record<string, string | number | boolean | null | undefined>>;

export abstract class ConnectorError extends SkolbryggaError {
  readonly platform: SourceSystem;
  readonly stream: string | undefined;
  readonly route: string | undefined;

  protected constructor(
    code: ErrorCode,
    where: ConnectorErrorContext,
    detail?: string,
    options: { extra?: ExtraContext; cause?: unknown } = {},
  ) {
    super(code, detail, {
      context: { platform: where.platform, stream: where.stream, route: where.route, ...options.extra },
      cause: options.cause,
    });
    this.platform = where.platform;
    this.stream = where.stream;
    this.route = where.route;
  }
}

/** The session died a second time in a row, right after a fresh login. */
export class AuthExpired extends ConnectorError {
  constructor(where: ConnectorErrorContext, detail?: string) {
    super('SKB_CONNECTOR_AUTH_EXPIRED', where, detail);
    this.name = 'AuthExpired';
  }
}

/** The platform refused the credentials (or the login flow did not end where it should). */
export class AuthFailed extends ConnectorError {
  constructor(where: ConnectorErrorContext, detail?: string, options: { cause?: unknown } = {}) {
    super('SKB_CONNECTOR_AUTH_FAILED', where, detail, options);
    this.name = 'AuthFailed';
  }
}

/** A data request was redirected somewhere that is not the platform's login: it moved. Never followed. */
export class PlatformMoved extends ConnectorError {
  readonly location: string;
  readonly status: number;

  constructor(where: ConnectorErrorContext, location: string, status: number) {
    super('SKB_CONNECTOR_PLATFORM_MOVED', where, `HTTP ${status}`, { extra: { location, status } });
    this.name = 'PlatformMoved';
    this.location = location;
    this.status = status;
  }
}

/** 5xx answers, resets or timeouts outlasted the retry budget. */
export class PlatformUnavailable extends ConnectorError {
  readonly attempts: number;

  constructor(where: ConnectorErrorContext, attempts: number, detail: string, options: { cause?: unknown } = {}) {
    super('SKB_CONNECTOR_UNAVAILABLE', where, `${detail} after ${attempts} attempts`, {
      extra: { attempts },
      cause: options.cause,
    });
    this.name = 'PlatformUnavailable';
    this.attempts = attempts;
  }
}

/** The platform kept answering 429 beyond the number of waits the client allows. */
export class RateLimited extends ConnectorError {
  readonly waits: number;

  constructor(where: ConnectorErrorContext, waits: number) {
    super('SKB_CONNECTOR_RATE_LIMITED', where, `still limited after ${waits} waits`, { extra: { waits } });
    this.name = 'RateLimited';
    this.waits = waits;
  }
}

export class ResponseTooLarge extends ConnectorError {
  readonly limitBytes: number;

  constructor(where: ConnectorErrorContext, limitBytes: number, options: { cause?: unknown } = {}) {
    super('SKB_CONNECTOR_RESPONSE_TOO_LARGE', where, `limit ${limitBytes} bytes`, {
      extra: { limitBytes },
      cause: options.cause,
    });
    this.name = 'ResponseTooLarge';
    this.limitBytes = limitBytes;
  }
}

/** The run would make more requests than the platform file's budget formula allows. */
export class RequestBudgetExceeded extends ConnectorError {
  readonly budget: number;

  constructor(where: ConnectorErrorContext, budget: number) {
    super('SKB_CONNECTOR_BUDGET_EXCEEDED', where, `budget ${budget} requests`, { extra: { budget } });
    this.name = 'RequestBudgetExceeded';
    this.budget = budget;
  }
}

/** A response that is not the platform's page shape at all (as opposed to one bad record in it). */
export class PageShapeError extends ConnectorError {
  constructor(where: ConnectorErrorContext, detail: string, options: { cause?: unknown } = {}) {
    super('SKB_CONNECTOR_PAGE_SHAPE', where, detail, options);
    this.name = 'PageShapeError';
  }
}

/** The body ended before its announced length, or could not be decoded or parsed, on every attempt. */
export class TruncatedResponse extends ConnectorError {
  constructor(where: ConnectorErrorContext, detail: string, options: { cause?: unknown } = {}) {
    super('SKB_CONNECTOR_TRUNCATED', where, detail, options);
    this.name = 'TruncatedResponse';
  }
}
