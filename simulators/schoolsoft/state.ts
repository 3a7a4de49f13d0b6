/**
 * What the SchoolSoft simulator keeps beyond the world: token families and refresh tokens
 * (schoolsoft.md §2), the client-credentials grants of the last hour (the grant limit), lesson
 * statuses injected with codes the world's vocabulary cannot hold, and cached list snapshots.
 * A reset makes a fresh state.
 */
import type { MunicipalityKey, SliceRecord } from '../world/index.js';

/** One change window's rows, paged (lists.ts builds them; the state caches them per window). */
export interface WindowRows {
  count(): number;
  page(pageIndex: number, pageSize: number): SliceRecord[];
}

/** One `client_credentials` grant and every refresh descended from it. */
export interface TokenFamily {
  readonly id: string;
  readonly tenant: MunicipalityKey;
  readonly clientId: string;
  /** The latest access token (the one family revocation kills). */
  accessToken: string;
  /** Revoked families accept no refresh token. */
  revoked: boolean;
}

export interface RefreshTokenEntry {
  readonly familyId: string;
  /** Wall-clock ms of issue: refresh tokens live 8 h of wall time. */
  readonly issuedAt: number;
  used: boolean;
}

/** Access-token session data in `context.sessions` (username = client id). */
export interface AccessTokenData {
  readonly tenant: MunicipalityKey;
  readonly familyId: string;
}

/**
 * A lesson status set by `POST /_control/events` (`lessonStatus`), shown from `at` on. The world
 * holds the equivalent canonical change; this keeps the exact codes (`lessonStatus` 1/3, `3` vs
 * `4`, unknown codes such as `99`).
 */
export interface LessonStatusOverride {
  readonly at: number;
  readonly lessonStatus: number;
  readonly lessonStatusStudent: number;
  readonly nrOfMinutesAbsent: number;
}

/** A bounded map in insertion order: the oldest entry goes first. */
export class SmallLru<Value> {
  private readonly entries = new Map<string, Value>();

  constructor(private readonly capacity: number) {}

  get(key: string): Value | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: Value): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    const oldest = this.entries.keys().next();
    if (this.entries.size > this.capacity && !oldest.done) this.entries.delete(oldest.value);
  }
}

export interface SchoolSoftState {
  readonly families: Map<string, TokenFamily>;
  readonly refreshTokens: Map<string, RefreshTokenEntry>;
  /** Wall-clock ms of each client's granted `client_credentials` requests in the last hour. */
  readonly grants: Map<string, number[]>;
  /** By lesson-status row id, in the order injected. */
  readonly lessonOverrides: Map<string, LessonStatusOverride[]>;
  /** Rosters sorted by id, per (tenant, org, stream, now). */
  readonly rosters: SmallLru<readonly SliceRecord[]>;
  /** Change windows, per (tenant, org, stream, window): the world memoises count and cursors. */
  readonly windows: SmallLru<WindowRows>;
}

export function createSchoolSoftState(): SchoolSoftState {
  return {
    families: new Map(),
    refreshTokens: new Map(),
    grants: new Map(),
    lessonOverrides: new Map(),
    rosters: new SmallLru(8),
    windows: new SmallLru(12),
  };
}
