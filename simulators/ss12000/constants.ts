/**
 * Fixed values of the SS 12000 2.1 source (ss12000.md). Values the standard leaves to the publisher
 * and the file fixes are marked "Invented" there: the token endpoint and lifetime, the base prefix
 * per customer, the error codes, the limits, the page-token lifetime, the subscription expiry and
 * the callback retry schedule.
 */
import { EndPointSchema, type EndPoint } from '../../core/model/index.js';
import { MUNICIPALITIES } from '../world/index.js';
import type { MunicipalityKey } from '../world/index.js';

export const SS12000_DEFAULT_PORT = 7305;

/** §1: `/ss12000v2-api/source/{customerId}/v2.0` (IST EduCloud's path style). */
export const API_PREFIX = '/ss12000v2-api/source/:customerId/v2.0';
export const TOKEN_PATH = '/oauth2/token';

export const TOKEN_LIFETIME_SECONDS = 3600;

/** §1 Limits: `limit` 1–1000; without `limit` at most 500 and a `pageToken`. */
export const MIN_LIMIT = 1;
export const MAX_LIMIT = 1000;
export const DEFAULT_LIMIT = 500;

/** §2: page tokens live 24 h (simulated time: the token names a snapshot of business time). */
export const PAGE_TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** §6: a subscription expires 30 days after it was created or renewed. */
export const SUBSCRIPTION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** §6: a failed callback is retried after 1, 5 and 25 s (wall clock), then dropped. */
export const CALLBACK_RETRY_DELAYS_MS: readonly number[] = [1000, 5000, 25_000];

/**
 * Platform knobs. `maxLookupIds`: a `POST /…/lookup` naming more ids than this is answered
 * `503 RESPONSE_TOO_LARGE` (the standard's overload answer), so SS12-09's halving can be provoked.
 */
export const KNOB_DEFAULTS = { maxLookupIds: 100 } as const;

/** §8 drift toggles of this platform (`extraFields`, `reorderFields`, `movedPermanently` are common). */
export const DRIFT_TOGGLES = ['nullsForAbsent', 'activitiesSpelledRight', 'callbackSpelling', 'noPagingAggregated'] as const;

/** Organisation, school unit and staff registrations predate the school year; the file's example shows these. */
export const REGISTER_META = { created: '2019-06-01T08:00:00+02:00', modified: '2025-08-01T07:12:03+02:00' } as const;
export const SCHOOL_UNIT_START_DATE = '2001-07-01';

/** The customer id of a tenant is its municipality code (§3.1: customers `9901` and `9902`). */
export function customerIdOf(tenant: MunicipalityKey): string {
  const municipality = MUNICIPALITIES.find((candidate) => candidate.key === tenant);
  if (!municipality) throw new RangeError(`unknown tenant ${tenant}`);
  return municipality.municipalityCode;
}

export function tenantOfCustomer(customerId: string, tenants: readonly MunicipalityKey[]): MunicipalityKey | null {
  return tenants.find((tenant) => customerIdOf(tenant) === customerId) ?? null;
}

/** Platforms README §4: client id `skolbrygga-k`, client secret `sim-secret-k`. */
export function clientCredentialsOf(tenant: MunicipalityKey): { clientId: string; clientSecret: string } {
  return { clientId: `skolbrygga-${tenant}`, clientSecret: `sim-secret-${tenant}` };
}

/** The standard's `Code_ObjectType` (EndPointsEnum), in its own order: the canonical model's list. */
export const OBJECT_TYPES = EndPointSchema.options;
export type ObjectType = EndPoint;
