/**
 * How the hub answers on the wire (infomentor.md §3, §4): JSON as ASP.NET MVC writes it, the
 * refused-request object, the session-death signals and the redirect to the login page.
 */
import type { Response } from 'express';

export const LOGIN_PATH = '/Authentication/Authentication/Login';

/** `"\/Date(1773041467000)\/"`: the .NET serializer escapes the slashes of its date strings, and only those. */
export function wireJson(value: unknown): string {
  return JSON.stringify(value).replace(/"\/Date\((-?\d+)\)\/"/g, '"\\/Date($1)\\/"');
}

export function sendJson(response: Response, value: unknown): void {
  response.status(200).type('application/json; charset=utf-8').send(wireJson(value));
}

/** Error codes of the refused-request object (invented in the platform file, §3). */
export type RefusalCode = 'InvalidPage' | 'InvalidPageSize' | 'InvalidDate' | 'InvalidChangedSince' | 'InvalidChangedUntil';

export interface Refusal {
  readonly success: false;
  readonly errorCode: RefusalCode;
  readonly errorMessage: string;
}

export function refusal(errorCode: RefusalCode, errorMessage: string): Refusal {
  return { success: false, errorCode, errorMessage };
}

/** Where a request without a live session is sent: the login page, coming back to `returnUrl`. */
export function loginLocation(returnUrl: string): string {
  return `${LOGIN_PATH}?ReturnUrl=${encodeURIComponent(returnUrl)}`;
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** A 302 as ASP.NET sends it: `Location` and the "Object moved" page. */
export function redirect(response: Response, location: string): void {
  response
    .status(302)
    .setHeader('Location', location)
    .type('text/html; charset=utf-8')
    .send(`<html><head><title>Object moved</title></head><body>\r\n<h2>Object moved to <a href="${escapeHtml(location)}">here</a>.</h2>\r\n</body></html>\r\n`);
}

export function redirectToLogin(response: Response, returnUrl: string): void {
  redirect(response, loginLocation(returnUrl));
}

/** A dead session on a data POST: HTTP 200 with an empty body (never "no data"). */
export function sendDeadSessionBody(response: Response): void {
  response.status(200).setHeader('Content-Length', '0');
  response.end();
}
