/** Reading the `Cookie` header and writing host-only cookies in the platform's spelling. */
import type { Request, Response } from 'express';

export function cookieOf(request: Request, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return null;
}

/** Adds a `Set-Cookie` line (host-only: never a `Domain`), keeping the ones already set. */
export function appendCookie(response: Response, line: string): void {
  const existing = response.getHeader('Set-Cookie');
  const lines = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  response.setHeader('Set-Cookie', [...lines, line]);
}
