/**
 * Counts the requests one platform run sends (logins, retries and 429s included: that is what the
 * platform sees) and stops the run before it goes past the platform file's budget formula.
 */
import type { ConnectorErrorContext } from './errors.js';
import { RequestBudgetExceeded } from './errors.js';

export class RequestBudget {
  private sent = 0;

  /** `limit` null: count only. */
  constructor(private limit: number | null = null) {}

  /** Call before sending; throws instead of sending request number `limit + 1`. */
  take(where: ConnectorErrorContext): void {
    if (this.limit !== null && this.sent >= this.limit) throw new RequestBudgetExceeded(where, this.limit);
    this.sent += 1;
  }

  /** A connector computes its limit once it knows the formula's inputs (e.g. changed-record counts). */
  setLimit(limit: number | null): void {
    this.limit = limit;
  }

  get used(): number {
    return this.sent;
  }

  get remaining(): number | null {
    return this.limit === null ? null : Math.max(0, this.limit - this.sent);
  }
}
