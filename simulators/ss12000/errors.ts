/**
 * The standard's `Error` object, `{code, message}` as JSON, with the codes ss12000.md §1 fixes.
 * Messages name parameters and resources, never a value from the world (no personal data).
 */
import type { ErrorRequestHandler, Response } from 'express';
import type { ErrorResponse } from '../common/index.js';

export const ERROR_STATUS = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  BAD_REQUEST: 400,
  PAGE_TOKEN_WITH_FILTER: 400,
  PAGE_TOKEN_EXPIRED: 400,
  NOT_FOUND: 404,
  TOO_MANY_REQUESTS: 429,
  RESPONSE_TOO_LARGE: 503,
  INTERNAL: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** A platform answer other than 2xx; thrown by handlers and written by `platformErrors`. */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = ERROR_STATUS[code];
  }
}

export const badRequest = (message: string): ApiError => new ApiError('BAD_REQUEST', message);

function errorJson(code: string, message: string): string {
  return JSON.stringify({ code, message });
}

export function sendApiError(response: Response, error: ApiError): void {
  for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
  response.status(error.status).type('application/json; charset=utf-8').send(errorJson(error.code, error.message));
}

/** Injected faults: 429 is `TOO_MANY_REQUESTS` (the framework adds `Retry-After`), every 5xx `INTERNAL`. */
export function faultErrorResponse(status: number): ErrorResponse {
  const body = status === 429 ? errorJson('TOO_MANY_REQUESTS', 'Too many requests, retry later') : errorJson('INTERNAL', 'Internal server error');
  return { contentType: 'application/json; charset=utf-8', body };
}

function isBodyParseError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'entity.parse.failed';
}

/** Last middleware of the platform router: platform errors are answered, anything else is a simulator bug. */
export const platformErrors: ErrorRequestHandler = (error: unknown, _request, response, next) => {
  if (error instanceof ApiError) {
    sendApiError(response, error);
  } else if (isBodyParseError(error)) {
    sendApiError(response, badRequest('The request body is not valid JSON'));
  } else {
    next(error);
  }
};
