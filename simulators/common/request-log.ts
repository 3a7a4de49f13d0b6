/**
 * The request log of `GET /_control/requests`: platform requests counted by (method, route
 * template, status), with durations and body bytes. Never bodies, query strings or headers: the
 * connector suite reads request counts against budgets, and nothing personal may sit here.
 */

/** Route recorded for a request no platform route matched. */
export const UNMATCHED_ROUTE = '(unmatched)';

export interface RouteCount {
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly count: number;
  readonly durationMsTotal: number;
  readonly durationMsMax: number;
  readonly bytes: number;
}

export interface RequestLogSummary {
  readonly total: number;
  readonly byRoute: readonly RouteCount[];
}

export interface LoggedRequest {
  readonly method: string;
  readonly route: string;
  readonly status: number;
  readonly durationMs: number;
  readonly bytes: number;
}

export class RequestLog {
  private readonly entries = new Map<string, { method: string; route: string; status: number; count: number; durationMsTotal: number; durationMsMax: number; bytes: number }>();
  private total = 0;

  record(request: LoggedRequest): void {
    this.total += 1;
    const key = `${request.method} ${request.route} ${request.status}`;
    const entry = this.entries.get(key) ?? { method: request.method, route: request.route, status: request.status, count: 0, durationMsTotal: 0, durationMsMax: 0, bytes: 0 };
    entry.count += 1;
    entry.durationMsTotal += request.durationMs;
    entry.durationMsMax = Math.max(entry.durationMsMax, request.durationMs);
    entry.bytes += request.bytes;
    this.entries.set(key, entry);
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  summary(): RequestLogSummary {
    const byRoute = [...this.entries.values()]
      .map((entry) => ({ ...entry, durationMsTotal: Math.round(entry.durationMsTotal * 1000) / 1000, durationMsMax: Math.round(entry.durationMsMax * 1000) / 1000 }))
      .sort((left, right) => left.route.localeCompare(right.route) || left.method.localeCompare(right.method) || left.status - right.status);
    return { total: this.total, byRoute };
  }
}
