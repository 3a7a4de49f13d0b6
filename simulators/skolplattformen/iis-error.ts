/** IIS's own error pages: the bodies of injected 5xx and 429 and of unknown paths (platform file §3). */
import { STATUS_CODES } from 'node:http';
import type { ErrorResponse } from '../common/index.js';

const EXPLANATIONS: Readonly<Record<number, string>> = {
  404: 'The resource you are looking for has been removed, had its name changed, or is temporarily unavailable.',
  429: 'The client has sent too many requests in a given amount of time.',
  500: 'There is a problem with the resource you are looking for, and it cannot be displayed.',
  502: 'The web server received an invalid response while acting as a gateway or proxy server.',
  503: 'The service is unavailable.',
};

export function iisErrorPage(status: number): ErrorResponse {
  const title = `${status} - ${STATUS_CODES[status] ?? 'Error'}`;
  const explanation = EXPLANATIONS[status] ?? 'The request could not be processed.';
  const body = [
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
    '<html xmlns="http://www.w3.org/1999/xhtml">',
    `<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/><title>${title}</title></head>`,
    '<body>',
    '<div id="header"><h1>Server Error</h1></div>',
    `<div id="content"><div class="content-container"><fieldset><h2>${title}.</h2><h3>${explanation}</h3></fieldset></div></div>`,
    '</body>',
    '</html>',
    '',
  ].join('\r\n');
  return { contentType: 'text/html', body, headers: { Server: 'Microsoft-IIS/10.0', 'X-Powered-By': 'ASP.NET' } };
}
