/** Reading the cookies a client sends back (the login flow's and the session's, skola24.md §2). */
import type { Request } from 'express';

/** A cookie value as sent; a broken %-escape is kept as written rather than failing the request. */
function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The value of one cookie of the request, or null. */
export function cookieOf(request: Request, name: string): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return decoded(part.slice(separator + 1).trim());
  }
  return null;
}
