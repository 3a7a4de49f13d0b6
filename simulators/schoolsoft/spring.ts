/**
 * The Java side of SchoolSoft's wire (schoolsoft.md §3): Spring Boot error JSON, the Spring Data
 * `Page` envelope with its `page`/`size` parameters, and JSON bodies in UTF-8 or, with drift
 * `latin1Json`, in ISO-8859-1 with the charset declared.
 */
import { STATUS_CODES } from 'node:http';
import type { z } from 'zod';
import type { Request, Response } from 'express';
import type { DriftState } from '../common/index.js';
import { springTimestamp } from './formats.js';
import type { pageSchema, springErrorSchema } from './wire.js';

export type SpringError = z.infer<typeof springErrorSchema>;

/** `{timestamp, status, error, message, path}` as Spring Boot writes it; `path` without the query. */
export function springError(status: number, message: string, path: string, now: number): SpringError {
  return { timestamp: springTimestamp(now), status, error: STATUS_CODES[status] ?? 'Error', message, path };
}

/** The request path as Spring's error body names it (no query string). */
export function requestPath(request: Request): string {
  return request.originalUrl.split('?')[0] ?? request.path;
}

const UTF8_JSON = 'application/json';
const LATIN1_JSON = 'application/json;charset=ISO-8859-1';

/** A JSON body's bytes and content type; drift `latin1Json` writes Latin-1 (`?` for what it cannot hold). */
export function encodeJson(body: unknown, drift: Pick<DriftState, 'has'>): { contentType: string; bytes: Buffer } {
  const text = JSON.stringify(body);
  if (!drift.has('latin1Json')) return { contentType: UTF8_JSON, bytes: Buffer.from(text, 'utf8') };
  // JSON text has no raw control characters; every code point above 0xFF becomes `?`, as a Java encoder writes it.
  return { contentType: LATIN1_JSON, bytes: Buffer.from(text.replace(/[^\x20-\xff]/gu, '?'), 'latin1') };
}

export function sendJson(response: Response, status: number, body: unknown, drift: Pick<DriftState, 'has'>): void {
  const { contentType, bytes } = encodeJson(body, drift);
  response.status(status).setHeader('Content-Type', contentType);
  response.end(bytes);
}

export function sendSpringError(response: Response, request: Request, status: number, message: string, now: number, drift: Pick<DriftState, 'has'>): void {
  sendJson(response, status, springError(status, message, requestPath(request), now), drift);
}

/** Spring 6's answer to a path no controller maps (an unknown slug too). */
export function sendNotFound(response: Response, request: Request, now: number, drift: Pick<DriftState, 'has'>): void {
  sendSpringError(response, request, 404, `No static resource ${request.path.slice(1)}.`, now, drift);
}

/** Spring Data's `Page` as Jackson serialises it (the keys of schoolsoft.md §3, in that order). */
export type Page<T> = Omit<z.infer<ReturnType<typeof pageSchema>>, 'content'> & { readonly content: readonly T[] };

export function page<T>(content: readonly T[], number: number, size: number, totalElements: number): Page<T> {
  const totalPages = Math.ceil(totalElements / size);
  return {
    content,
    number,
    size,
    totalElements,
    totalPages,
    numberOfElements: content.length,
    first: number === 0,
    last: number + 1 >= totalPages,
    empty: content.length === 0,
  };
}

/** Spring's default page size when `size` is absent or unusable. */
export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  readonly page: number;
  readonly size: number;
}

function nonNegativeInteger(value: unknown): number | null {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return null;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : null;
}

/**
 * `page` (0-based) and `size` as Spring's pageable resolver reads them: an unusable `page` is 0, an
 * unusable or zero `size` is the default 20, and a `size` above the maximum is capped to it.
 */
export function pageRequest(query: Request['query'], maxPageSize: number): PageRequest {
  const page = nonNegativeInteger(query.page) ?? 0;
  const requested = nonNegativeInteger(query.size);
  const size = requested === null || requested === 0 ? DEFAULT_PAGE_SIZE : requested;
  return { page, size: Math.max(1, Math.min(size, maxPageSize)) };
}
