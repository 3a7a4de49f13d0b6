/**
 * Fixed values of Skola24's wire (skola24.md §2–§6): scope GUIDs, paths, cookie names, the XML
 * namespace, page-size limits, and the tenant ↔ host ↔ municipality code mapping.
 */
import { MUNICIPALITIES, sliceInstance } from '../world/index.js';
import type { MunicipalityKey } from '../world/index.js';

/** `X-Scope` per API area (§3). */
export const SCOPES = {
  portal: 'a0b6c9c4-11d7-4a52-a030-a55a15058eef',
  timetable: '8a22163c-8662-4535-9050-bc5e1923df48',
  plannedAbsence: 'f9193d2f-b9f5-41a5-b5ca-b2f52690b27e',
  integration: '6513270e-269e-4d37-b2a7-4de452e6b438',
} as const;
export type ScopeName = keyof typeof SCOPES;

export const PORTAL_ORIGIN = 'https://www.skola24.se';
export const LOGIN_PATH = '/Applications/Authentication/login.aspx';
export const ERROR_PAGE_PATH = '/Applications/Authentication/DefaultErrorPage.aspx';
export const PORTAL_START_URL = `${PORTAL_ORIGIN}/Applications/Portal/start`;
export const LESSON_ABSENCE_EXPORT_PATH = '/Services/Integration/LessonAbsenceExport.asmx/GetLessonAbsences';

export const ASPNET_SESSION_COOKIE = 'ASP.NET_SessionId';
export const AUTH_COOKIE = '.ASPXAUTH';

export const LESSON_ABSENCE_NAMESPACE = 'http://schemas.skola24.se/integration/lessonabsence/2021/09';
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
export const XSD_NAMESPACE = 'http://www.w3.org/2001/XMLSchema';

/** Upper page-size bounds: JSON lists 1–500, the XML export 1–1000 (§5, §6). */
export const MAX_PAGE_SIZE = { json: 500, xml: 1000 } as const;

/** A snapshot older than this is refused with 9104 (§7). */
export const SNAPSHOT_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** A `fromDate`–`toDate` span longer than this is refused with 9103 (§7). */
export const MAX_DATE_SPAN_DAYS = 400;
/** `needSessionRefresh` turns true when less than this remains of the absolute lifetime (§4). */
export const SESSION_REFRESH_MARGIN_MS = 15 * 60 * 1000;

export const KNOB_DEFAULTS = {
  loginMinDelayMs: 2000,
  /**
   * Not in skola24.md: the absolute session lifetime (§4: 12 h) as a knob, so a connector test
   * can reach the `needSessionRefresh` window (S24-06) without waiting 12 hours.
   */
  sessionAbsoluteTtlSeconds: 12 * 60 * 60,
  /** Not in skola24.md: `user/info` flags as knobs (0/1), so S24-03 can be exercised. */
  userMustChangePassword: 0,
  hasAcceptedAgreement: 1,
} as const;

export interface Tenant {
  readonly key: MunicipalityKey;
  /** `sjostad.skola24.se` */
  readonly hostName: string;
  /** `9901`: the login form's `DomainDropDown` value. */
  readonly municipalityCode: string;
  readonly username: string;
  readonly password: string;
}

/** The tenant record of a municipality this simulator hosts (credentials as platforms README §4). */
export function tenantOf(key: MunicipalityKey): Tenant {
  const municipality = MUNICIPALITIES.find((candidate) => candidate.key === key);
  return {
    key,
    hostName: sliceInstance({ platform: 'skola24', tenant: key }),
    municipalityCode: municipality?.municipalityCode ?? '',
    username: `skolbrygga@${key}`,
    password: `Sim-lösen-${key}`,
  };
}

export function tenantByHost(tenants: readonly MunicipalityKey[], hostName: unknown): Tenant | null {
  if (typeof hostName !== 'string') return null;
  const wanted = hostName.trim().toLowerCase();
  for (const key of tenants) {
    const tenant = tenantOf(key);
    if (tenant.hostName === wanted) return tenant;
  }
  return null;
}
