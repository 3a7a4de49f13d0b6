/**
 * OAuth2 client credentials (§1): `POST /oauth2/token` with a form-urlencoded
 * `grant_type=client_credentials&client_id=…&client_secret=…` (HTTP Basic client authentication
 * is accepted too, as RFC 6749 asks of servers) → a 60-minute bearer JWT bound to one customer.
 * Every API call needs it: a missing, unknown or expired token is `401` with
 * `WWW-Authenticate: Bearer error="invalid_token"`; a token used for another customer is `403`.
 * The token is the session id of the framework's store, so `/_control/sessions/expire` kills it.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { MunicipalityKey } from '../world/index.js';
import { TOKEN_LIFETIME_SECONDS, clientCredentialsOf, customerIdOf, tenantOfCustomer } from './constants.js';
import { ApiError } from './errors.js';
import { scopeOf } from './state.js';
import type { Scope, Ss12000Context } from './state.js';

export interface TokenData {
  readonly tenant: MunicipalityKey;
  readonly customerId: string;
}

/** Signs tokens so they look and verify like JWTs; validity is the session store's. */
const SIGNING_KEY = randomBytes(32);

function base64UrlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function jwt(clientId: string, customerId: string, issuedAt: number, expiresAt: number): string {
  const header = base64UrlJson({ alg: 'HS256', typ: 'JWT' });
  const payload = base64UrlJson({ iss: 'ss12000-source', sub: clientId, aud: customerId, iat: Math.floor(issuedAt / 1000), exp: Math.floor(expiresAt / 1000), jti: randomUUID() });
  const signature = createHmac('sha256', SIGNING_KEY).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

function oauthError(response: Response, status: number, error: string, description: string): void {
  if (status === 401) response.setHeader('WWW-Authenticate', 'Basic realm="ss12000"');
  response.status(status).setHeader('Cache-Control', 'no-store').json({ error, error_description: description });
}

function clientFrom(request: Request): { clientId?: string; clientSecret?: string } {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (basic?.[1]) {
    const [clientId, clientSecret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    return { clientId: decodeURIComponent(clientId ?? ''), clientSecret: decodeURIComponent(clientSecret ?? '') };
  }
  return {
    clientId: typeof body.client_id === 'string' ? body.client_id : undefined,
    clientSecret: typeof body.client_secret === 'string' ? body.client_secret : undefined,
  };
}

/** `POST /oauth2/token`. */
export function issueToken(context: Ss12000Context, request: Request, response: Response): void {
  if (!request.is('application/x-www-form-urlencoded')) {
    oauthError(response, 400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
    return;
  }
  const body = (request.body ?? {}) as Record<string, unknown>;
  if (body.grant_type !== 'client_credentials') {
    oauthError(response, 400, body.grant_type === undefined ? 'invalid_request' : 'unsupported_grant_type', 'Only grant_type=client_credentials is supported');
    return;
  }
  const { clientId, clientSecret } = clientFrom(request);
  const tenant = context.tenants.find((candidate) => {
    const credentials = clientCredentialsOf(candidate);
    return credentials.clientId === clientId && credentials.clientSecret === clientSecret;
  });
  if (!tenant || clientId === undefined) {
    oauthError(response, 401, 'invalid_client', 'Client authentication failed');
    return;
  }
  const customerId = customerIdOf(tenant);
  const store = context.sessionStore<TokenData>('default');
  const now = context.clock.now();
  const token = jwt(clientId, customerId, now, now + TOKEN_LIFETIME_SECONDS * 1000);
  const session = store.create(clientId, { tenant, customerId }, token);
  const expiresIn = Math.max(1, Math.floor(store.remainingMs(session) / 1000));
  response.setHeader('Cache-Control', 'no-store');
  response.json({ access_token: token, token_type: 'Bearer', expires_in: Math.min(expiresIn, TOKEN_LIFETIME_SECONDS) });
}

/** The scope of an API request, or an `ApiError` (401, 403, or 429 from the `rateLimitPerMinute` knob). */
export function authorize(context: Ss12000Context, request: Request): Scope {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (!bearer?.[1]) throw new ApiError('UNAUTHORIZED', 'A bearer access token is required', { 'WWW-Authenticate': 'Bearer realm="ss12000"' });
  const session = context.sessionStore<TokenData>('default').get(bearer[1]);
  if (!session) throw new ApiError('UNAUTHORIZED', 'The access token is invalid or has expired', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  const customerId = String(request.params.customerId ?? '');
  const tenant = tenantOfCustomer(customerId, context.tenants);
  if (!tenant || session.data.customerId !== customerId) throw new ApiError('FORBIDDEN', 'The access token does not grant access to this customer');
  const refusal = context.rateLimiter.hit(bearer[1]);
  if (refusal) throw new ApiError('TOO_MANY_REQUESTS', 'Too many requests, retry later', { 'Retry-After': String(refusal.retryAfterSeconds) });
  return scopeOf(context, tenant, customerId);
}
