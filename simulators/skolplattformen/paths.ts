/** Where Skolplattformen serves what (platform file §1–§4); the login and app hosts share one origin here. */

/** The staff application's JSON API and its start page. */
export const APP_BASE = '/skolpersonal/inloggad2';
export const HOME_PATH = `${APP_BASE}/hem`;
export const USER_DATA_PATH = '/skolpersonal/base/getuserdata';
/** SiteMinder's form login on the login host. */
export const LOGIN_FORM_PATH = '/siteminderagent/forms/login.fcc';

export const SESSION_COOKIE = 'SMSESSION';
export const XSRF_COOKIE = '__RequestVerificationToken';
export const XSRF_HEADER = 'x-xsrf-token';
export const SCHOOL_FORMS_COOKIE = 'Status';
