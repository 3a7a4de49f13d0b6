/**
 * Who may call what (skola24.md §1, §3, §4, §7), checked in this order for every JSON and XML data
 * call: a live session (else validation code 1), the area's `X-Scope` (else exception 403), a known
 * `hostName` (else validation 100) that is the session's own (else exception 403).
 */
import type { Request } from 'express';
import type { SimulatorContext } from '../common/index.js';
import { SCOPES, tenantByHost, tenantOf } from './constants.js';
import type { ScopeName, Tenant } from './constants.js';
import { liveSession } from './session.js';
import type { LiveSession } from './session.js';

export type Access =
  | { readonly outcome: 'granted'; readonly tenant: Tenant; readonly live: LiveSession }
  | { readonly outcome: 'deadSession' }
  | { readonly outcome: 'refused'; readonly context: 'X-Scope' | 'hostName'; readonly live: LiveSession }
  | { readonly outcome: 'unknownHost'; readonly live: LiveSession };

/** Where the call names its tenant: in the body's `hostName`, or nowhere (`user/info`: the session's). */
export type HostClaim = { readonly hostName: unknown } | 'sessionHost';

export function checkAccess(context: SimulatorContext, request: Request, scope: ScopeName, claim: HostClaim): Access {
  const live = liveSession(context, request);
  if (!live) return { outcome: 'deadSession' };
  const sentScope = request.get('X-Scope')?.trim().toLowerCase();
  if (sentScope !== SCOPES[scope]) return { outcome: 'refused', context: 'X-Scope', live };
  const own = tenantOf(live.session.data.tenant);
  if (claim === 'sessionHost') return { outcome: 'granted', tenant: own, live };
  const named = tenantByHost(context.tenants, claim.hostName);
  if (!named) return { outcome: 'unknownHost', live };
  if (named.key !== own.key) return { outcome: 'refused', context: 'hostName', live };
  return { outcome: 'granted', tenant: own, live };
}
