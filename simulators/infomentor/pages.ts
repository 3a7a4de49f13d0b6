/**
 * The HTML the platform serves (infomentor.md §2, §4, §5, §8): the `oauth_token` relay forms, the
 * Mentor WebForms login page, the hub's start page with its `homeData` script, the ASP.NET error
 * page of a 5xx and Cloudflare's challenge page.
 */

export const MENTOR_LOGIN_PATH = '/swedish/production/mentor/';
export const LOGIN_ERROR_TEXT = 'Felaktigt användarnamn eller lösenord';

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function document(title: string, body: string): string {
  return `<!DOCTYPE html>\r\n<html lang="sv">\r\n<head>\r\n<meta charset="utf-8" />\r\n<title>${escapeHtml(title)}</title>\r\n</head>\r\n<body>\r\n${body}\r\n</body>\r\n</html>\r\n`;
}

/** Step 2: the hub hands the browser a request token to post to the Mentor login. */
export function oauthRelayPage(token: string): string {
  return document(
    'InfoMentor',
    `<form method="post" action="${MENTOR_LOGIN_PATH}"><input type="hidden" name="oauth_token" value="${escapeHtml(token)}"></form>\r\n` +
      '<script>document.forms[0].submit();</script>',
  );
}

export interface WebFormsFields {
  readonly viewState: string;
  readonly viewStateGenerator: string;
  readonly eventValidation: string;
}

/** Step 3 (and a failed step 4, with the error label): the WebForms login with Icelandic field names. */
export function mentorLoginPage(fields: WebFormsFields, failed: boolean): string {
  const error = failed ? `<span id="login_ascx_lblError" class="error">${LOGIN_ERROR_TEXT}</span>\r\n` : '';
  return document(
    'InfoMentor - Logga in',
    '<form method="post" action="./" id="aspnetForm">\r\n' +
      '<div class="aspNetHidden">\r\n' +
      '<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />\r\n' +
      '<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />\r\n' +
      `<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="${escapeHtml(fields.viewState)}" />\r\n` +
      '</div>\r\n' +
      '<div class="aspNetHidden">\r\n' +
      `<input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="${escapeHtml(fields.viewStateGenerator)}" />\r\n` +
      `<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="${escapeHtml(fields.eventValidation)}" />\r\n` +
      '</div>\r\n' +
      '<label for="login_ascx_txtNotandanafn">Användarnamn</label>\r\n' +
      '<input name="login_ascx$txtNotandanafn" type="text" id="login_ascx_txtNotandanafn" />\r\n' +
      '<label for="login_ascx_txtLykilord">Lösenord</label>\r\n' +
      '<input name="login_ascx$txtLykilord" type="password" id="login_ascx_txtLykilord" />\r\n' +
      `${error}` +
      '<a id="login_ascx_btnLogin" href="javascript:__doPostBack(&#39;login_ascx$btnLogin&#39;,&#39;&#39;)">Logga in</a>\r\n' +
      '</form>',
  );
}

/** Step 4 succeeded: a new token the browser posts by itself, and a connector must post itself. */
export function oauthFormPage(token: string): string {
  return document(
    'InfoMentor',
    `<form id="oauthForm" method="post" action="${MENTOR_LOGIN_PATH}"><input type="hidden" name="oauth_token" value="${escapeHtml(token)}"></form>\r\n` +
      "<script>document.getElementById('oauthForm').submit();</script>",
  );
}

/**
 * The hub's start page. The JSON goes inside a script, so `<` is escaped as `\u003c` (the text
 * stays the same JSON). The delimiter after it is the real page's call `; IMHome.home.init(`.
 */
export function startPage(homeData: unknown): string {
  const json = JSON.stringify(homeData).replaceAll('<', '\\u003c');
  return document(
    'InfoMentor Hub',
    '<div id="IMHome"></div>\r\n' + `<script>IMHome.home.homeData = ${json}; IMHome.home.init(IMHome.home.homeData);</script>`,
  );
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** ASP.NET's "Server Error in '/' Application." page, the body of every 5xx. */
export function aspNetErrorPage(status: number): string {
  const text = STATUS_TEXT[status] ?? 'Server Error';
  return (
    '<!DOCTYPE html>\r\n<html>\r\n<head>\r\n' +
    `<title>${text}</title>\r\n` +
    '<meta name="viewport" content="width=device-width" />\r\n' +
    '</head>\r\n<body bgcolor="white">\r\n' +
    `<span><H1>Server Error in '/' Application.<hr width=100% size=1 color=silver></H1>\r\n` +
    `<h2> <i>${text}</i> </h2></span>\r\n` +
    '<font face="Arial, Helvetica, Geneva, SunSans-Regular, sans-serif ">\r\n' +
    `<b> Description: </b>HTTP ${status}. An unhandled exception occurred during the execution of the current web request.\r\n` +
    '<br><br>\r\n<hr width=100% size=1 color=silver>\r\n' +
    '<b>Version Information:</b>&nbsp;Microsoft .NET Framework Version:4.0.30319; ASP.NET Version:4.8.4718.0\r\n' +
    '</font>\r\n</body>\r\n</html>\r\n<!--\r\n[HttpException]: ' +
    `${text}\r\n-->\r\n`
  );
}

/** Cloudflare's managed challenge: a page for a browser to run, nothing a connector should parse. */
export function cloudflareChallengePage(rayId: string): string {
  return (
    '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>' +
    '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta http-equiv="X-UA-Compatible" content="IE=Edge">' +
    '<meta name="robots" content="noindex,nofollow"><meta name="viewport" content="width=device-width,initial-scale=1"></head>' +
    '<body><div class="main-wrapper" role="main"><div class="main-content"><noscript><div class="h2">' +
    '<span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></noscript></div></div>' +
    `<script>(function(){window._cf_chl_opt={cRay: '${rayId}',cType: 'managed'};` +
    "var cpo=document.createElement('script');" +
    `cpo.src='https://challenges.cloudflare.com/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=${rayId}';` +
    "document.getElementsByTagName('head')[0].appendChild(cpo);}());</script></body></html>"
  );
}
