/**
 * IIS and ASP.NET's own HTML error pages: what Skola24 answers outside its JSON envelope (405 for
 * a GET on `/api`, 404 for an unknown path, fault-injected 429 and 5xx; skola24.md §3, §9) and
 * the ASMX service's plain-text exceptions (§6).
 */

const REASONS: Readonly<Record<number, { title: string; detail: string }>> = {
  404: { title: '404 - File or directory not found.', detail: 'The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.' },
  405: { title: '405 - HTTP verb used to access this page is not allowed.', detail: 'The page you are looking for cannot be displayed because an invalid method (HTTP verb) was used to attempt access.' },
  429: { title: '429 - Too Many Requests', detail: 'The client has sent too many requests in a given amount of time. Try again later.' },
  500: { title: '500 - Internal server error.', detail: 'There is a problem with the resource you are looking for, and it cannot be displayed.' },
  502: { title: '502 - Web server received an invalid response while acting as a gateway or proxy server.', detail: 'There is a problem with the page you are looking for, and it cannot be displayed.' },
  503: { title: 'Service Unavailable', detail: 'HTTP Error 503. The service is unavailable.' },
  504: { title: '504 - Gateway Timeout', detail: 'The gateway did not receive a timely response from the upstream server or application.' },
};

/** The IIS page for a status (HTML, UTF-8). */
export function iisErrorPage(status: number): string {
  const reason = REASONS[status] ?? { title: `${status} - Server Error`, detail: 'An error occurred on the server when processing the URL.' };
  return [
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
    '<html xmlns="http://www.w3.org/1999/xhtml">',
    '<head>',
    '<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>',
    `<title>${reason.title}</title>`,
    '</head>',
    '<body>',
    '<div id="header"><h1>Server Error</h1></div>',
    '<div id="content">',
    ' <div class="content-container"><fieldset>',
    `  <h2>${reason.title}</h2>`,
    `  <h3>${reason.detail}</h3>`,
    ' </fieldset></div>',
    '</div>',
    '</body>',
    '</html>',
    '',
  ].join('\r\n');
}

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

/**
 * ASMX's answer to a form without one of the method's parameters: `500 text/plain` with the
 * exception and a stack trace (§6). The client made a bug; retrying cannot help.
 */
export function missingParameterText(parameter: string): string {
  return [
    `System.InvalidOperationException: Missing parameter: ${parameter}.`,
    '   at System.Web.Services.Protocols.ValueCollectionParameterReader.Read(NameValueCollection collection)',
    '   at System.Web.Services.Protocols.HtmlFormParameterReader.Read(HttpRequest request)',
    '   at System.Web.Services.Protocols.HttpServerProtocol.ReadParameters()',
    '   at System.Web.Services.Protocols.WebServiceHandler.CoreProcessRequest()',
    '',
  ].join('\r\n');
}
