/**
 * Skola24's ASP.NET login, step by step (skola24.md §2):
 *
 * 1. `GET /` → 302 to the portal with an `ASP.NET_SessionId` cookie;
 * 2. `GET login.aspx?host=…` → the form with `__VIEWSTATE`, `__VIEWSTATEGENERATOR`,
 *    `__EVENTVALIDATION`, `__POST_ID` and `DomainDropDown`;
 * 3. `POST login.aspx?host=…` after at least `loginMinDelayMs` (the bot check) with the hidden
 *    fields unchanged and `__POST_ID` + 1 → 302 with `.ASPXAUTH`; anything else → 302 to
 *    `DefaultErrorPage.aspx` without it. A form can be posted once.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import type { SimulatorContext } from '../common/index.js';
import { ASPNET_SESSION_COOKIE, AUTH_COOKIE, ERROR_PAGE_PATH, KNOB_DEFAULTS, LOGIN_PATH, PORTAL_ORIGIN, PORTAL_START_URL, tenantByHost, tenantOf } from './constants.js';
import type { Tenant } from './constants.js';
import { cookieOf } from './cookies.js';
import { HTML_CONTENT_TYPE } from './iis-pages.js';
import { sessionStoreOf } from './session.js';
import type { LoginForm, Skola24State } from './state.js';

type Context = SimulatorContext<Skola24State>;

const VIEWSTATE_GENERATOR = 'C2EE9ABB';

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The client's ASP.NET session id; a new one (and its cookie) when it has none. */
function aspnetSessionId(request: Request, response: Response): string {
  const existing = cookieOf(request, ASPNET_SESSION_COOKIE);
  if (existing) return existing;
  const id = randomBytes(18).toString('base64url').toLowerCase().slice(0, 24);
  response.append('Set-Cookie', `${ASPNET_SESSION_COOKIE}=${id}; path=/; HttpOnly; SameSite=Lax`);
  return id;
}

function hostParameter(request: Request): string {
  const host = request.query.host;
  return typeof host === 'string' ? host.trim().toLowerCase() : '';
}

function loginPage(context: Context, form: LoginForm): string {
  const options = context.tenants.map((key) => {
    const tenant = tenantOf(key);
    const selected = tenant.hostName === form.hostName ? ' selected="selected"' : '';
    return `\t<option${selected} value="${tenant.municipalityCode}">${escapeAttribute(tenant.hostName)}</option>`;
  });
  const action = `./login.aspx?host=${encodeURIComponent(form.hostName)}`;
  return [
    '<!DOCTYPE html>',
    '<html xmlns="http://www.w3.org/1999/xhtml" lang="sv">',
    '<head><meta charset="utf-8" /><title>Skola24 - Logga in</title></head>',
    '<body>',
    `<form method="post" action="${escapeAttribute(action)}" id="form1">`,
    '<div class="aspNetHidden">',
    `<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="${escapeAttribute(form.viewState)}" />`,
    '</div>',
    '<div class="aspNetHidden">',
    `\t<input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="${form.viewStateGenerator}" />`,
    `\t<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="${escapeAttribute(form.eventValidation)}" />`,
    '</div>',
    `<input type="hidden" name="__POST_ID" id="__POST_ID" value="${form.postId}" />`,
    '<div class="login-box">',
    '<label for="DomainDropDown">Domän</label>',
    '<select name="DomainDropDown" id="DomainDropDown">',
    ...options,
    '</select>',
    '<input name="LoginUC$UserNameTB" type="text" id="LoginUC_UserNameTB" autocomplete="username" />',
    '<input name="LoginUC$PwdTB" type="password" id="LoginUC_PwdTB" autocomplete="current-password" />',
    '<input type="submit" name="LoginUC$LoginButton" value="Logga in" id="LoginUC_LoginButton" />',
    '</div>',
    '</form>',
    '</body>',
    '</html>',
    '',
  ].join('\r\n');
}

const ERROR_PAGE = [
  '<!DOCTYPE html>',
  '<html lang="sv"><head><meta charset="utf-8" /><title>Skola24 - Fel</title></head>',
  '<body><h1>Inloggningen misslyckades</h1><p>Ett fel uppstod vid inloggningen. Försök igen.</p></body></html>',
  '',
].join('\r\n');

function formField(body: unknown, name: string): string | null {
  if (body === null || typeof body !== 'object') return null;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

/** The tenant the posted form logs into, or null: the form it answers, the bot check, the tenant's credentials. */
function loggedInTenant(context: Context, form: LoginForm | null, host: string, body: unknown): Tenant | null {
  if (!form || form.hostName !== host) return null;
  const tenant = tenantByHost(context.tenants, host);
  if (!tenant) return null;
  const minimumDelay = context.knobs.get('loginMinDelayMs') ?? KNOB_DEFAULTS.loginMinDelayMs;
  const checks = [
    formField(body, '__VIEWSTATE') === form.viewState,
    formField(body, '__VIEWSTATEGENERATOR') === form.viewStateGenerator,
    formField(body, '__EVENTVALIDATION') === form.eventValidation,
    formField(body, '__POST_ID') === String(form.postId + 1),
    Date.now() - form.issuedAtWallMs >= minimumDelay,
    formField(body, 'DomainDropDown') === tenant.municipalityCode,
    formField(body, 'LoginUC$UserNameTB') === tenant.username,
    formField(body, 'LoginUC$PwdTB') === tenant.password,
    formField(body, 'LoginUC$LoginButton') === 'Logga in',
  ];
  return checks.every(Boolean) ? tenant : null;
}

export function mountLogin(router: Router, context: Context): void {
  router.get('/', (request: Request, response: Response) => {
    aspnetSessionId(request, response);
    response.redirect(302, `${PORTAL_ORIGIN}/`);
  });

  router.get(LOGIN_PATH, (request: Request, response: Response) => {
    const form: LoginForm = {
      hostName: hostParameter(request),
      viewState: randomBytes(96).toString('base64'),
      viewStateGenerator: VIEWSTATE_GENERATOR,
      eventValidation: randomBytes(48).toString('base64'),
      postId: randomInt(10_000, 1_000_000),
      issuedAtWallMs: Date.now(),
    };
    context.state.loginForms.issue(aspnetSessionId(request, response), form);
    response.status(200).setHeader('Content-Type', HTML_CONTENT_TYPE);
    response.send(loginPage(context, form));
  });

  router.post(LOGIN_PATH, (request: Request, response: Response) => {
    const form = context.state.loginForms.take(cookieOf(request, ASPNET_SESSION_COOKIE));
    const tenant = loggedInTenant(context, form, hostParameter(request), request.body);
    if (!tenant) {
      response.redirect(302, ERROR_PAGE_PATH);
      return;
    }
    const token = randomBytes(64).toString('hex').toUpperCase();
    sessionStoreOf(context).create(tenant.username, { tenant: tenant.key, hostName: tenant.hostName }, token);
    response.append('Set-Cookie', `${AUTH_COOKIE}=${token}; path=/; HttpOnly`);
    response.redirect(302, PORTAL_START_URL);
  });

  router.get(ERROR_PAGE_PATH, (_request: Request, response: Response) => {
    response.status(200).setHeader('Content-Type', HTML_CONTENT_TYPE);
    response.send(ERROR_PAGE);
  });
}
