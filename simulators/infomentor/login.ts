/**
 * The login, step by step (infomentor.md §2): the hub's login page hands out a request token, the
 * Mentor WebForms page takes the credentials and answers with a NEW token that the browser posts
 * by itself (a connector must post it), that post redirects to `LoginCallback`, which sets the
 * `IMHome` cookie. `isauthenticated` answers `true`/`false`.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import type { SimulatorContext } from '../common/index.js';
import type { MunicipalityKey } from '../world/index.js';
import { tenantOfCredentials, usernameOf } from './account.js';
import { defaultEstablishmentId } from './establishments.js';
import { HUB_COOKIE, cookiesOf, liveHubSession } from './hub-gate.js';
import { MENTOR_LOGIN_PATH, aspNetErrorPage, mentorLoginPage, oauthFormPage, oauthRelayPage } from './pages.js';
import type { WebFormsFields } from './pages.js';
import type { HubSessionData, InfoMentorState } from './state.js';
import { LOGIN_PATH, redirect, redirectToLogin } from './wire.js';

export const LOGIN_CALLBACK_PATH = '/Authentication/Authentication/LoginCallback';
export const IS_AUTHENTICATED_PATH = '/authentication/authentication/isauthenticated/';
const MENTOR_COOKIE = 'ASP.NET_SessionId';
const LOGIN_BUTTON = 'login_ascx$btnLogin';

/** An `oauth_token` in the three states the flow moves it through. */
type OauthToken =
  | { readonly stage: 'request' }
  | { readonly stage: 'authorized'; readonly tenant: MunicipalityKey }
  | { readonly stage: 'verifying'; readonly tenant: MunicipalityKey; readonly verifier: string };

/** The Mentor side's WebForms session: the hidden fields it issued, which the login post must return. */
interface MentorSessionData {
  fields: WebFormsFields;
}

const TOKEN_LIFETIME = { idleTtlSeconds: 10 * 60 } as const;
const MENTOR_SESSION_LIFETIME = { idleTtlSeconds: 20 * 60 } as const;
/** Tokens before the credentials are known belong to no account. */
const ANONYMOUS = '';

function tokens(context: SimulatorContext<InfoMentorState>) {
  return context.sessionStore<OauthToken>('oauthTokens', TOKEN_LIFETIME);
}

function mentorSessions(context: SimulatorContext<InfoMentorState>) {
  return context.sessionStore<MentorSessionData>('mentorSessions', MENTOR_SESSION_LIFETIME);
}

function html(response: Response, body: string): void {
  response.status(200).type('text/html; charset=utf-8').send(body);
}

function freshWebFormsFields(): WebFormsFields {
  return {
    viewState: `/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIDD2QWAg${randomBytes(33).toString('base64')}`,
    viewStateGenerator: 'C2EE9ABB',
    eventValidation: `/wEdAAX${randomBytes(45).toString('base64')}`,
  };
}

function formField(request: Request, name: string): string | null {
  const body: unknown = request.body;
  if (body === null || typeof body !== 'object') return null;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

function restartLogin(response: Response): void {
  redirectToLogin(response, '/');
}

/** Step 3: the request token opens a WebForms session and its login page. */
function showLoginPage(context: SimulatorContext<InfoMentorState>, response: Response): void {
  const fields = freshWebFormsFields();
  const session = mentorSessions(context).create(ANONYMOUS, { fields });
  response.setHeader('Set-Cookie', `${MENTOR_COOKIE}=${session.id}; path=/; HttpOnly; SameSite=Lax`);
  html(response, mentorLoginPage(fields, false));
}

/** Step 4: the credentials, posted back with the page's hidden fields. */
function submitCredentials(context: SimulatorContext<InfoMentorState>, request: Request, response: Response): void {
  const mentorSession = mentorSessions(context).get(cookiesOf(request).get(MENTOR_COOKIE));
  if (!mentorSession) return restartLogin(response);
  const { fields } = mentorSession.data;
  const returned = formField(request, '__VIEWSTATE') === fields.viewState && formField(request, '__EVENTVALIDATION') === fields.eventValidation;
  if (!returned) {
    // What ASP.NET does with a post whose view state it did not issue.
    response.status(500).type('text/html; charset=utf-8').send(aspNetErrorPage(500));
    return;
  }
  const tenant = tenantOfCredentials(context, formField(request, 'login_ascx$txtNotandanafn') ?? '', formField(request, 'login_ascx$txtLykilord') ?? '');
  if (tenant === null) {
    mentorSession.data.fields = freshWebFormsFields();
    html(response, mentorLoginPage(mentorSession.data.fields, true));
    return;
  }
  const token = tokens(context).create(usernameOf(tenant), { stage: 'authorized', tenant });
  html(response, oauthFormPage(token.id));
}

/** Step 5: the authorized token comes back once more and is exchanged for a verifier. */
function redirectToCallback(context: SimulatorContext<InfoMentorState>, tokenId: string, tenant: MunicipalityKey, response: Response): void {
  const store = tokens(context);
  store.delete(tokenId);
  const verifier = randomBytes(12).toString('hex');
  const token = store.create(usernameOf(tenant), { stage: 'verifying', tenant, verifier });
  redirect(response, `${LOGIN_CALLBACK_PATH}?oauth_token=${encodeURIComponent(token.id)}&oauth_verifier=${verifier}`);
}

export function mountLogin(router: Router, context: SimulatorContext<InfoMentorState>): void {
  // Step 2: the hub's login page relays a fresh request token to the Mentor login.
  router.get(LOGIN_PATH, (_request, response) => {
    const token = tokens(context).create(ANONYMOUS, { stage: 'request' });
    html(response, oauthRelayPage(token.id));
  });

  // Steps 3, 4 and 5 all post to the Mentor login: the form's fields say which step it is.
  router.post(MENTOR_LOGIN_PATH, (request, response) => {
    if (formField(request, '__EVENTTARGET') === LOGIN_BUTTON) return submitCredentials(context, request, response);
    const tokenId = formField(request, 'oauth_token');
    const token = tokens(context).get(tokenId);
    if (!tokenId || !token) return restartLogin(response);
    if (token.data.stage === 'request') {
      tokens(context).delete(tokenId);
      return showLoginPage(context, response);
    }
    if (token.data.stage === 'authorized') return redirectToCallback(context, tokenId, token.data.tenant, response);
    restartLogin(response);
  });

  // Step 6: the verified token becomes a hub session in the `IMHome` cookie.
  router.get(LOGIN_CALLBACK_PATH, (request, response) => {
    const tokenId = typeof request.query.oauth_token === 'string' ? request.query.oauth_token : undefined;
    const store = tokens(context);
    const token = store.get(tokenId);
    if (!tokenId || token?.data.stage !== 'verifying' || request.query.oauth_verifier !== token.data.verifier) return restartLogin(response);
    store.delete(tokenId);
    const { tenant } = token.data;
    const data: HubSessionData = { tenant, selectedEstablishmentId: defaultEstablishmentId(context, tenant), staleEstablishmentId: null };
    const session = context.sessionStore<HubSessionData>('default').create(usernameOf(tenant), data);
    response.setHeader('Set-Cookie', `${HUB_COOKIE}=${session.id}; path=/; HttpOnly`);
    redirect(response, '/');
  });

  // Step 7 (and any time after): whether the `IMHome` session is alive.
  router.post(IS_AUTHENTICATED_PATH, (request, response) => {
    response.status(200).type('application/json; charset=utf-8').send(JSON.stringify(liveHubSession(context, request) !== null));
  });
}
