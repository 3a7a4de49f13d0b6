/**
 * SiteMinder's form login (platform file §2, steps 1–3): the 302 to `login.fcc` that every
 * `/inloggad2` call without a session gets, the form in ISO-8859-1, and the POST that sets
 * `SMSESSION`. Invented: a service account (no BankID) logs in through this form.
 */
import { createHash } from 'node:crypto';
import express from 'express';
import type { Request, Response, Router } from 'express';
import { appendCookie } from './cookies.js';
import { parseLatin1Form } from './latin1-form.js';
import { HOME_PATH, LOGIN_FORM_PATH, SESSION_COOKIE } from './paths.js';
import type { SkolplattformenContext, StaffSession } from './state.js';

/** Credentials of the only tenant (platforms README §4): the `ö` makes the form's encoding matter. */
export const SERVICE_ACCOUNT = { username: 'skolbrygga@sjostad', password: 'Sim-lösen-sjostad' } as const;

/** SiteMinder's reason code for a refused login. */
export const AUTH_REASON_BAD_CREDENTIALS = 7;

const TARGET_PREFIX = '-SM-';

/** SiteMinder escapes its TARGET with lowercase hex: `-SM-%2fskolpersonal%2finloggad2%2fhem`. */
function siteMinderEscape(text: string): string {
  return encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

/** Where SiteMinder sends a request without a session (or a refused login) back to. */
export function loginFormLocation(targetPath: string, authReason?: number): string {
  const reason = authReason === undefined ? '' : `&SMAUTHREASON=${authReason}`;
  return `${LOGIN_FORM_PATH}?TARGET=${TARGET_PREFIX}${siteMinderEscape(targetPath)}${reason}`;
}

/** The session-death signal of every `/inloggad2` call: a redirect to the login form, never JSON. */
export function redirectToLogin(request: Request, response: Response): void {
  response.redirect(302, loginFormLocation(request.originalUrl));
}

/** The opaque `smagentname` the form carries and the POST must return; stable per seed. */
export function agentName(seed: string): string {
  return `$SM$${createHash('sha256').update(`skolplattformen|smagentname|${seed}`).digest('base64').slice(0, 32)}`;
}

/** The path a TARGET names, when it is one of this application's; otherwise the start page. */
function targetPath(target: string | undefined): string {
  const path = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
  return path?.startsWith('/skolpersonal/') ? path : HOME_PATH;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function loginFormHtml(target: string, authReason: number, smagentname: string): string {
  const refused = authReason === AUTH_REASON_BAD_CREDENTIALS ? '<p class="error">Felaktigt användarnamn eller lösenord. Försök igen.</p>\n' : '';
  const hidden = (name: string, value: string): string => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  return [
    '<!DOCTYPE html>',
    '<html lang="sv">',
    '<head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><title>Stockholms stad - Inloggning</title></head>',
    '<body>',
    '<h1>Logga in för skolpersonal</h1>',
    `${refused}<form name="Login" method="POST" action="${LOGIN_FORM_PATH}" accept-charset="ISO-8859-1" autocomplete="off">`,
    '<label for="user">Användarnamn</label> <input type="text" id="user" name="user" value="">',
    '<label for="password">Lösenord</label> <input type="password" id="password" name="password" value="">',
    hidden('SMENC', 'ISO-8859-1'),
    hidden('SMLOCALE', 'US-EN'),
    hidden('target', target),
    hidden('smauthreason', String(authReason)),
    hidden('smagentname', smagentname),
    hidden('postpreservationdata', ''),
    '<input type="submit" value="Logga in">',
    '</form>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function firstQueryValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
}

export function mountSiteMinder(router: Router, context: SkolplattformenContext): void {
  router.get(LOGIN_FORM_PATH, (request, response) => {
    const target = firstQueryValue(request.query.TARGET) ?? `${TARGET_PREFIX}${HOME_PATH}`;
    const reason = Number(firstQueryValue(request.query.SMAUTHREASON) ?? 0);
    const html = loginFormHtml(target, Number.isInteger(reason) ? reason : 0, agentName(context.seed));
    response.status(200).setHeader('Content-Type', 'text/html; charset=ISO-8859-1');
    response.send(Buffer.from(html, 'latin1'));
  });

  router.post(LOGIN_FORM_PATH, express.raw({ type: () => true, limit: '16kb' }), (request, response) => {
    const fields = parseLatin1Form(Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));
    const destination = targetPath(fields.get('target'));
    const accepted =
      fields.get('SMENC') === 'ISO-8859-1' &&
      fields.get('smagentname') === agentName(context.seed) &&
      fields.get('user') === SERVICE_ACCOUNT.username &&
      fields.get('password') === SERVICE_ACCOUNT.password;
    if (!accepted) {
      response.redirect(302, loginFormLocation(destination, AUTH_REASON_BAD_CREDENTIALS));
      return;
    }
    const session = context.sessionStore<StaffSession>('default').create(SERVICE_ACCOUNT.username, { schoolId: null, xsrf: null });
    appendCookie(response, `${SESSION_COOKIE}=${session.id}; path=/; HttpOnly`);
    response.redirect(302, destination);
  });
}
