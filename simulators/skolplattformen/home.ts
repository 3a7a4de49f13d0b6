/**
 * Login steps 4 and 5 (platform file §2): `/hem`, the start page that hands out the anti-forgery
 * token pair, and `getuserdata`, camelCase and outside the envelope, which tells a dead session
 * by `isAuthenticated: false` instead of a redirect.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Router } from 'express';
import { appendCookie } from './cookies.js';
import { HOME_PATH, USER_DATA_PATH, XSRF_COOKIE } from './paths.js';
import { liveSession } from './session-gate.js';
import { redirectToLogin } from './siteminder.js';
import type { SkolplattformenContext, XsrfTokens } from './state.js';

/** ASP.NET Core data-protection tokens start with `CfDJ8`. */
function antiforgeryToken(): string {
  return `CfDJ8${randomBytes(66).toString('base64url')}`;
}

function homeHtml(requestToken: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="sv">',
    '<head><meta charset="utf-8"><title>Skolplattformen - Skolpersonal</title></head>',
    '<body>',
    '<header><h1>Skolplattformen</h1><p>Välkommen till Skolplattformen för skolpersonal</p></header>',
    '<form id="logoutForm" method="post" action="/skolpersonal/loggaut">',
    `<input name="__RequestVerificationToken" type="hidden" value="${requestToken}">`,
    '</form>',
    '<div id="root"></div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Invented: a stable 64-hex push id per account (the real one identifies an app installation). */
function notificationId(seed: string, username: string): string {
  return createHash('sha256').update(`skolplattformen|notification|${seed}|${username}`).digest('hex');
}

export function mountHome(router: Router, context: SkolplattformenContext): void {
  router.get(HOME_PATH, (request, response) => {
    const session = liveSession(context, request);
    if (!session) {
      redirectToLogin(request, response);
      return;
    }
    // A new pair on every visit: the previous request token is stale from now on.
    const tokens: XsrfTokens = { requestToken: antiforgeryToken(), cookieToken: antiforgeryToken(), issuedAt: Date.now() };
    session.data.xsrf = tokens;
    appendCookie(response, `${XSRF_COOKIE}=${tokens.cookieToken}; path=/; samesite=strict; httponly`);
    response.status(200).type('text/html; charset=utf-8').send(homeHtml(tokens.requestToken));
  });

  router.get(USER_DATA_PATH, (request, response) => {
    const session = liveSession(context, request);
    response.json(
      session
        ? {
            socialSecurityNumber: null,
            isAuthenticated: true,
            userFirstName: 'Skolbrygga',
            userLastName: 'Integration',
            userEmail: `${session.username}.example`,
            notificationId: notificationId(context.seed, session.username),
          }
        : { socialSecurityNumber: null, isAuthenticated: false, userFirstName: null, userLastName: null, userEmail: null, notificationId: null },
    );
  });
}
