/**
 * Per-world state of the Skola24 simulator (made again on every reset): the login forms handed
 * out and not yet posted, and the snapshot queries that later pages of a paged read reuse.
 */
import type { ChangeQuery } from '../world/index.js';

/** The hidden fields of one `login.aspx` form, keyed by the client's `ASP.NET_SessionId`. */
export interface LoginForm {
  readonly hostName: string;
  readonly viewState: string;
  readonly viewStateGenerator: string;
  readonly eventValidation: string;
  readonly postId: number;
  /** Wall clock: the bot check measures how long the form was on screen. */
  readonly issuedAtWallMs: number;
}

const MAX_OPEN_FORMS = 1000;
const MAX_CACHED_QUERIES = 32;

/** A small LRU: a client pages one snapshot at a time, so a few dozen queries are plenty. */
export class QueryCache {
  private readonly queries = new Map<string, ChangeQuery>();

  getOrCreate(key: string, create: () => ChangeQuery): ChangeQuery {
    let query = this.queries.get(key);
    if (query) {
      this.queries.delete(key);
    } else {
      query = create();
      if (this.queries.size >= MAX_CACHED_QUERIES) {
        const oldest = this.queries.keys().next();
        if (!oldest.done) this.queries.delete(oldest.value);
      }
    }
    this.queries.set(key, query);
    return query;
  }
}

export class LoginForms {
  private readonly forms = new Map<string, LoginForm>();

  issue(aspnetSessionId: string, form: LoginForm): void {
    this.forms.delete(aspnetSessionId);
    if (this.forms.size >= MAX_OPEN_FORMS) {
      const oldest = this.forms.keys().next();
      if (!oldest.done) this.forms.delete(oldest.value);
    }
    this.forms.set(aspnetSessionId, form);
  }

  /** The open form of this ASP.NET session, removed: a form can be posted once. */
  take(aspnetSessionId: string | null): LoginForm | null {
    if (aspnetSessionId === null) return null;
    const form = this.forms.get(aspnetSessionId) ?? null;
    this.forms.delete(aspnetSessionId);
    return form;
  }
}

export interface Skola24State {
  readonly loginForms: LoginForms;
  readonly queries: QueryCache;
}

export function createSkola24State(): Skola24State {
  return { loginForms: new LoginForms(), queries: new QueryCache() };
}
