/**
 * SchoolSoft's token endpoint (schoolsoft.md §2): `POST /{slug}/rest-api/login/token` with its
 * parameters in the query string (or, as the simulator also accepts, a form body). A
 * `client_credentials` grant starts a token family: a 15-minute HS256 JWT and a rotating refresh
 * token that lives 8 h. A refresh token works once; using it again revokes the whole family.
 * More than 10 grants per client and hour are refused with 429.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { SessionStore, SimulatorContext } from '../common/index.js';
import type { MunicipalityKey } from '../world/index.js';
import { sendJson, sendNotFound, sendSpringError } from './spring.js';
import type { AccessTokenData, SchoolSoftState, TokenFamily } from './state.js';
import { clientOf, schoolsOf, slugOf, tenantOfSlug } from './tenancy.js';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const REFRESH_TOKEN_MS = 8 * 60 * 60 * 1000;
export const GRANTS_PER_HOUR = 10;
const HOUR_MS = 60 * 60 * 1000;
export const JWT_AUDIENCE = 'https://schoolsoft.se/eva-backend';

type Context = SimulatorContext<SchoolSoftState>;

function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/**
 * An HS256 JWT with the claims of §2. `jti` makes two tokens issued in the same second differ
 * (each token is also its session id). Connectors read `exp` and never verify the signature.
 */
function signAccessToken(context: Context, tenant: MunicipalityKey, clientId: string): string {
  const issuedAt = Math.floor(context.clock.now() / 1000);
  const payload = {
    aud: JWT_AUDIENCE,
    iss: `https://sms.schoolsoft.se/${slugOf(context, tenant)}`,
    sub: 'integration:17',
    user_type: 'integration',
    login_method: 'client_credentials',
    client_id: clientId,
    org_ids: schoolsOf(context, tenant).map((school) => school.orgId),
    iat: issuedAt,
    exp: issuedAt + ACCESS_TOKEN_SECONDS,
    jti: randomUUID(),
  };
  const signingInput = `${base64UrlJson({ alg: 'HS256' })}.${base64UrlJson(payload)}`;
  const signature = createHmac('sha256', `schoolsoft-simulator|${context.seed}|${tenant}`).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

/** Access tokens are sessions of the default store (username = client id), absolute lifetime 15 min. */
function accessTokens(context: Context): SessionStore<AccessTokenData> {
  return context.sessionStore<AccessTokenData>('default');
}

/** Mints an access and a refresh token for the family and makes them its current pair. */
function issuePair(context: Context, family: TokenFamily): { access_token: string; refresh_token: string } {
  const accessToken = signAccessToken(context, family.tenant, family.clientId);
  accessTokens(context).create(family.clientId, { tenant: family.tenant, familyId: family.id }, accessToken);
  const refreshToken = `rt_${randomBytes(24).toString('base64url')}`;
  context.state.refreshTokens.set(refreshToken, { familyId: family.id, issuedAt: Date.now(), used: false });
  family.accessToken = accessToken;
  return { access_token: accessToken, refresh_token: refreshToken };
}

/** Kills the family: its current access token at once, its refresh tokens from now on. */
function revokeFamily(context: Context, family: TokenFamily): void {
  family.revoked = true;
  accessTokens(context).delete(family.accessToken);
}

/** Wall-clock seconds until the client may grant again, or null if it may now. */
function grantRefusal(state: SchoolSoftState, clientId: string, now: number): number | null {
  const recent = (state.grants.get(clientId) ?? []).filter((at) => at > now - HOUR_MS);
  state.grants.set(clientId, recent);
  const oldest = recent[0];
  if (recent.length < GRANTS_PER_HOUR || oldest === undefined) return null;
  return Math.max(1, Math.ceil((oldest + HOUR_MS - now) / 1000));
}

function parameter(request: Request, name: string): string | undefined {
  const fromQuery = request.query[name];
  if (typeof fromQuery === 'string') return fromQuery;
  const body = request.body as Record<string, unknown> | undefined;
  const fromBody = body?.[name];
  return typeof fromBody === 'string' ? fromBody : undefined;
}

function oauthError(response: Response, context: Context, status: number, error: string, description?: string): void {
  sendJson(response, status, description === undefined ? { error } : { error, error_description: description }, context.drift);
}

function clientCredentials(context: Context, request: Request, response: Response, tenant: MunicipalityKey): void {
  const client = clientOf(context.slice(tenant));
  if (parameter(request, 'clientId') !== client.clientId || parameter(request, 'clientSecret') !== client.clientSecret) {
    oauthError(response, context, 401, 'invalid_client');
    return;
  }
  const now = Date.now();
  const retryAfter = grantRefusal(context.state, client.clientId, now);
  if (retryAfter !== null) {
    response.setHeader('Retry-After', String(retryAfter));
    sendSpringError(response, request, 429, 'Too many token grants for this client; use the refresh token', context.clock.now(), context.drift);
    return;
  }
  context.state.grants.get(client.clientId)?.push(now);
  const family: TokenFamily = { id: randomUUID(), tenant, clientId: client.clientId, accessToken: '', revoked: false };
  context.state.families.set(family.id, family);
  sendJson(response, 200, issuePair(context, family), context.drift);
}

function refresh(context: Context, request: Request, response: Response, tenant: MunicipalityKey): void {
  const client = clientOf(context.slice(tenant));
  const token = parameter(request, 'refreshToken');
  if (!token) {
    oauthError(response, context, 400, 'invalid_request', 'refreshToken is required');
    return;
  }
  if (parameter(request, 'clientId') !== client.clientId) {
    oauthError(response, context, 401, 'invalid_client');
    return;
  }
  const entry = context.state.refreshTokens.get(token);
  const family = entry ? context.state.families.get(entry.familyId) : undefined;
  if (!entry || !family || family.tenant !== tenant || Date.now() - entry.issuedAt >= REFRESH_TOKEN_MS) {
    oauthError(response, context, 400, 'invalid_grant', 'Refresh token is invalid or expired');
    return;
  }
  if (entry.used) {
    revokeFamily(context, family);
    oauthError(response, context, 400, 'invalid_grant', 'Refresh token already used');
    return;
  }
  if (family.revoked) {
    oauthError(response, context, 400, 'invalid_grant', 'Refresh token is invalid or expired');
    return;
  }
  entry.used = true;
  sendJson(response, 200, issuePair(context, family), context.drift);
}

/** `POST /{slug}/rest-api/login/token`. */
export function tokenEndpoint(context: Context): RequestHandler {
  return (request, response) => {
    const tenant = tenantOfSlug(context, String(request.params.slug));
    if (!tenant) {
      sendNotFound(response, request, context.clock.now(), context.drift);
      return;
    }
    if (context.drift.has('requireDeviceId') && !request.headers.deviceid) {
      sendSpringError(response, request, 500, "Required request header 'deviceid' for method parameter type String is not present", context.clock.now(), context.drift);
      return;
    }
    const grantType = parameter(request, 'grantType');
    if (grantType === 'client_credentials') clientCredentials(context, request, response, tenant);
    else if (grantType === 'refresh_token') refresh(context, request, response, tenant);
    else oauthError(response, context, 400, 'unsupported_grant_type');
  };
}

/**
 * `POST /_control/sessions/expire`: the framework has already emptied the access tokens; refresh
 * tokens die too (README §4.1: "all sessions and tokens"), so the next step is a new grant.
 */
export function expireTokens(state: SchoolSoftState, filter: { readonly username?: string }): void {
  for (const family of state.families.values()) {
    if (filter.username === undefined || family.clientId === filter.username) family.revoked = true;
  }
}
