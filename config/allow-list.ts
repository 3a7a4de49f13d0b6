/**
 * The webhook allow-list of a municipality (DESIGN §11): where its warnings may be sent.
 *
 * An entry is either
 * - a host: `case.sjostad.se` (any port), `127.0.0.1:7306` (that port only), or `*.sjostad.se`
 *   (any subdomain, not the domain itself); or
 * - a URL prefix: `https://case.sjostad.se/hooks/` — same scheme, host and port, and a path that
 *   starts with the prefix's path at a segment boundary (so `/hooks` does not admit `/hooks-evil`).
 *
 * Matching parses both sides with WHATWG URL rules, so case, default ports and `..` segments
 * cannot be used to slip past a prefix.
 */

interface HostEntry {
  readonly hostname: string;
  /** Only when the entry names a port. */
  readonly port: string | undefined;
  readonly wildcard: boolean;
}

/** Parses a host entry with the same URL rules as the targets, so both sides compare alike. */
function parseHostEntry(entry: string): HostEntry | undefined {
  const wildcard = entry.startsWith('*.');
  const hostText = wildcard ? entry.slice(2) : entry;
  if (hostText === '' || /[/?#@\\*]/.test(hostText)) return undefined;
  let url: URL;
  try {
    url = new URL(`http://${hostText}`);
  } catch {
    return undefined;
  }
  // `new URL` drops a default port (`:80`), so the port is read from the entry itself.
  const port = /:(\d{1,5})$/.exec(hostText)?.[1];
  return { hostname: url.hostname, port: port === undefined ? undefined : String(Number(port)), wildcard };
}

/** Why an entry is neither a host nor a URL prefix, or `undefined` when it is fine. */
export function allowListEntryProblem(entry: string): string | undefined {
  if (!entry.includes('://')) {
    return parseHostEntry(entry) ? undefined : 'is neither a host (name[:port], *.domain) nor a URL prefix (https://…)';
  }
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return 'is neither a host nor a valid URL prefix';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL prefix';
  if (url.username || url.password) return 'must not contain credentials';
  if (url.search || url.hash) return 'a URL prefix must not have a query or fragment';
  return undefined;
}

function hostMatches(entry: string, url: URL): boolean {
  const host = parseHostEntry(entry);
  if (!host) return false;
  if (host.port !== undefined && effectivePort(url) !== host.port) return false;
  if (!host.wildcard) return url.hostname === host.hostname;
  const suffix = `.${host.hostname}`;
  return url.hostname.endsWith(suffix) && url.hostname.length > suffix.length;
}

function effectivePort(url: URL): string {
  if (url.port) return url.port;
  return url.protocol === 'https:' ? '443' : '80';
}

function prefixMatches(entry: string, url: URL): boolean {
  let prefix: URL;
  try {
    prefix = new URL(entry);
  } catch {
    return false;
  }
  if (prefix.protocol !== url.protocol || prefix.hostname !== url.hostname) return false;
  if (effectivePort(prefix) !== effectivePort(url)) return false;
  const prefixPath = prefix.pathname;
  if (prefixPath === '/' || prefixPath.endsWith('/')) return url.pathname.startsWith(prefixPath);
  return url.pathname === prefixPath || url.pathname.startsWith(`${prefixPath}/`);
}

/** Whether a webhook target URL is admitted by the allow-list. An unparseable URL never is. */
export function isUrlAllowed(target: string, allowList: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  return allowList.some((entry) => (entry.includes('://') ? prefixMatches(entry, url) : hostMatches(entry, url)));
}
