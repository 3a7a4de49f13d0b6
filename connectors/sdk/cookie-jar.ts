/**
 * A small cookie jar for the platforms' session cookies (ASP.NET, `IMHome`, `SMSESSION`). Cookies
 * are host-only (platforms/README §4), so a cookie is sent back only to the exact host that set it,
 * under its path. No package: what is needed is a few lines, and a general jar (public suffixes,
 * domain matching) would only widen where a session cookie can go.
 */

interface StoredCookie {
  readonly name: string;
  readonly value: string;
  readonly host: string;
  readonly path: string;
}

function defaultPath(url: URL): string {
  const path = url.pathname;
  if (!path.startsWith('/') || path.lastIndexOf('/') === 0) return '/';
  return path.slice(0, path.lastIndexOf('/'));
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath.charAt(cookiePath.length) === '/';
}

export class CookieJar {
  private cookies: StoredCookie[] = [];

  /**
   * Stores the `Set-Cookie` headers of a response from `url`. `responseDate` is the response's
   * `Date` header: an `Expires` at or before it (or `Max-Age` ≤ 0) deletes the cookie. Expiry in
   * the future is not tracked — the platforms signal a dead session themselves.
   */
  store(url: string | URL, setCookie: string | readonly string[] | undefined, responseDate?: string): void {
    if (setCookie === undefined) return;
    const target = new URL(url);
    const headers = typeof setCookie === 'string' ? [setCookie] : setCookie;
    for (const header of headers) this.storeOne(target, header, responseDate);
  }

  private storeOne(target: URL, header: string, responseDate: string | undefined): void {
    const [pair = '', ...attributes] = header.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    let path = defaultPath(target);
    let expired = false;
    for (const attribute of attributes) {
      const at = attribute.indexOf('=');
      const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
      const attrValue = at < 0 ? '' : attribute.slice(at + 1).trim();
      if (key === 'path' && attrValue.startsWith('/')) path = attrValue;
      if (key === 'max-age' && /^-?\d+$/.test(attrValue) && Number(attrValue) <= 0) expired = true;
      if (key === 'expires' && responseDate !== undefined) {
        const expires = Date.parse(attrValue);
        const now = Date.parse(responseDate);
        if (!Number.isNaN(expires) && !Number.isNaN(now) && expires <= now) expired = true;
      }
    }
    const host = target.host.toLowerCase();
    this.cookies = this.cookies.filter((c) => !(c.name === name && c.host === host && c.path === path));
    if (!expired) this.cookies.push({ name, value, host, path });
  }

  /** The `Cookie` header for a request to `url`, or undefined when no cookie applies. */
  headerFor(url: string | URL): string | undefined {
    const target = new URL(url);
    const host = target.host.toLowerCase();
    const matching = this.cookies
      .filter((c) => c.host === host && pathMatches(target.pathname, c.path))
      // RFC 6265 §5.4: longer paths first.
      .sort((a, b) => b.path.length - a.path.length);
    if (matching.length === 0) return undefined;
    return matching.map((c) => `${c.name}=${c.value}`).join('; ');
  }

  /** The value of one cookie for a host, e.g. to read an XSRF token the platform sets as a cookie. */
  get(url: string | URL, name: string): string | undefined {
    const target = new URL(url);
    const host = target.host.toLowerCase();
    return this.cookies.find((c) => c.host === host && c.name === name && pathMatches(target.pathname, c.path))?.value;
  }

  clear(): void {
    this.cookies = [];
  }
}
