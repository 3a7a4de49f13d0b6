/**
 * The one error catalog. Every error skolbrygga raises on purpose carries a stable code (`SKB_…`),
 * an HTTP status for the admin API, and whether retrying the same operation may succeed.
 *
 * Messages and context must never hold a civic number, a name or a free-text reason: they end up
 * in logs, job failures and API responses. Name the record by its source id and the field by its
 * path instead.
 */

interface ErrorSpec {
  /** Default message; the thrower adds detail. */
  readonly message: string;
  readonly httpStatus: number;
  readonly retryable: boolean;
}

export const ERROR_CATALOG = {
  SKB_INTERNAL: { message: 'Internal error', httpStatus: 500, retryable: false },
  SKB_CONFIG_INVALID: { message: 'Configuration is invalid', httpStatus: 500, retryable: false },
  SKB_CONFIG_UNREADABLE: { message: 'Configuration file cannot be read', httpStatus: 500, retryable: false },
  SKB_SECRET_MISSING: { message: 'A required secret is not set in the environment', httpStatus: 500, retryable: false },
  SKB_SECRET_INVALID: { message: 'A secret in the environment is malformed', httpStatus: 500, retryable: false },
  SKB_VALIDATION: { message: 'Input failed validation', httpStatus: 400, retryable: false },
  SKB_CIVIC_NO_INVALID: { message: 'Civic number is invalid', httpStatus: 422, retryable: false },
  SKB_CRYPTO: { message: 'Encryption or decryption failed', httpStatus: 500, retryable: false },
  SKB_DB_UNAVAILABLE: { message: 'Database is unavailable', httpStatus: 503, retryable: true },
  SKB_DB_QUERY: { message: 'Database query failed', httpStatus: 500, retryable: false },
  SKB_MIGRATION: { message: 'Database migration failed', httpStatus: 500, retryable: false },
  SKB_TENANT_UNKNOWN: { message: 'Municipality not found', httpStatus: 404, retryable: false },
  SKB_NOT_FOUND: { message: 'Not found', httpStatus: 404, retryable: false },
  SKB_CONFLICT: { message: 'Conflicting state', httpStatus: 409, retryable: false },
  SKB_CONNECTOR_AUTH_EXPIRED: { message: 'Platform session died again right after a new login', httpStatus: 502, retryable: true },
  SKB_CONNECTOR_AUTH_FAILED: { message: 'Platform rejected the credentials', httpStatus: 502, retryable: false },
  SKB_CONNECTOR_PLATFORM_MOVED: { message: 'Platform redirected to another location', httpStatus: 502, retryable: false },
  SKB_CONNECTOR_UNAVAILABLE: { message: 'Platform unavailable after retries', httpStatus: 503, retryable: true },
  SKB_CONNECTOR_RATE_LIMITED: { message: 'Platform kept rate limiting', httpStatus: 503, retryable: true },
  SKB_CONNECTOR_RESPONSE_TOO_LARGE: { message: 'Platform response exceeds the size limit', httpStatus: 502, retryable: false },
  SKB_CONNECTOR_BUDGET_EXCEEDED: { message: 'Request budget exceeded', httpStatus: 500, retryable: false },
  SKB_CONNECTOR_PAGE_SHAPE: { message: 'Response is not a page of the platform', httpStatus: 502, retryable: false },
  SKB_CONNECTOR_TRUNCATED: { message: 'Platform response body was truncated', httpStatus: 502, retryable: true },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** Structured, non-personal facts about where an error happened (source, stream, record id, field). */
export type ErrorContext = Readonly<Record<string, string | number | boolean | null | undefined>>;

export class SkolbryggaError extends Error {
  readonly code: ErrorCode;
  readonly httpStatus: number;
  readonly retryable: boolean;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, detail?: string, options: { context?: ErrorContext; cause?: unknown } = {}) {
    const spec = ERROR_CATALOG[code];
    super(detail ? `${spec.message}: ${detail}` : spec.message, { cause: options.cause });
    this.name = 'SkolbryggaError';
    this.code = code;
    this.httpStatus = spec.httpStatus;
    this.retryable = spec.retryable;
    this.context = options.context ?? {};
  }

  /** The shape the admin API answers with. */
  toJSON(): { code: ErrorCode; message: string; retryable: boolean; context: ErrorContext } {
    return { code: this.code, message: this.message, retryable: this.retryable, context: this.context };
  }
}

export function isSkolbryggaError(value: unknown, code?: ErrorCode): value is SkolbryggaError {
  return value instanceof SkolbryggaError && (code === undefined || value.code === code);
}

/** Wraps anything thrown into a catalog error, keeping the original as `cause`. */
export function toSkolbryggaError(value: unknown, fallback: ErrorCode = 'SKB_INTERNAL'): SkolbryggaError {
  if (value instanceof SkolbryggaError) return value;
  const detail = value instanceof Error ? value.message : String(value);
  return new SkolbryggaError(fallback, detail, { cause: value });
}
