/**
 * The JSON envelope every `/api` answer is wrapped in, always HTTP 200 (skola24.md §3):
 * `{error, data, exception, validation, sessionExpires, needSessionRefresh}`, keys in that order,
 * and the validation codes of §7.
 */
import { randomUUID } from 'node:crypto';
import { DEAD_SESSION } from './session.js';
import type { SessionInfo } from './session.js';
import { formatDotNetStamp } from './wire-time.js';

export interface ValidationError {
  readonly code: number;
  readonly label: string;
  readonly message: string;
}

/** The validation codes of §7, with Skola24-style Swedish messages. */
export const VALIDATION = {
  session: (): ValidationError => ({ code: 1, label: 'session', message: 'Sessionen har gått ut. Logga in igen.' }),
  hostName: (): ValidationError => ({ code: 100, label: 'hostName', message: 'Okänd domän.' }),
  unitGuid: (): ValidationError => ({ code: 9005, label: 'unitGuid', message: 'Enheten finns inte eller så saknar du behörighet till den.' }),
  pageSize: (max: number): ValidationError => ({ code: 9100, label: 'pageSize', message: `Sidstorleken måste vara mellan 1 och ${max}.` }),
  pageNumber: (): ValidationError => ({ code: 9101, label: 'pageNumber', message: 'Sidnumret måste vara 1 eller större.' }),
  badStamp: (label: 'changedSince' | 'snapshotTime'): ValidationError => ({ code: 9102, label, message: 'Tidpunkten kan inte tolkas eller ligger i framtiden.' }),
  dateRange: (label: 'fromDate' | 'toDate'): ValidationError => ({ code: 9103, label, message: 'Datumintervallet är ogiltigt (fromDate efter toDate, felaktigt datum eller mer än 400 dagar).' }),
  staleSnapshot: (): ValidationError => ({ code: 9104, label: 'snapshotTime', message: 'Ögonblicksbilden är äldre än 24 timmar. Börja om från sida 1 utan snapshotTime.' }),
  schoolYear: (): ValidationError => ({ code: 9110, label: 'schoolYear', message: 'Läsår saknas eller är okänt.' }),
};

export interface ExceptionBody {
  readonly code: number;
  readonly context: string;
  readonly errorId: string;
  readonly errorTime: string;
  readonly message: string;
}

export interface Envelope {
  readonly error: null;
  readonly data: unknown;
  readonly exception: ExceptionBody | null;
  readonly validation: readonly ValidationError[];
  readonly sessionExpires: string | null;
  readonly needSessionRefresh: boolean;
}

function envelope(data: unknown, exception: ExceptionBody | null, validation: readonly ValidationError[], session: SessionInfo): Envelope {
  return {
    error: null,
    data,
    exception,
    validation,
    sessionExpires: session.expiresAt === null ? null : formatDotNetStamp(session.expiresAt),
    needSessionRefresh: session.needsRefresh,
  };
}

export function successEnvelope(data: unknown, session: SessionInfo): Envelope {
  return envelope(data, null, [], session);
}

export function validationEnvelope(errors: readonly ValidationError[], session: SessionInfo): Envelope {
  return envelope(null, null, errors, session);
}

/** The session-death signal (§4): no data, no expiry, refresh needed, validation code 1. */
export function deadSessionEnvelope(): Envelope {
  return validationEnvelope([VALIDATION.session()], DEAD_SESSION);
}

/** Access refused (wrong `X-Scope`, another tenant's `hostName`): `exception.code` 403 inside HTTP 200. */
export function accessDeniedEnvelope(context: 'X-Scope' | 'hostName', simulatedNow: number, session: SessionInfo): Envelope {
  const exception: ExceptionBody = { code: 403, context, errorId: randomUUID(), errorTime: formatDotNetStamp(simulatedNow), message: 'Åtkomst nekad' };
  return envelope(null, exception, [], session);
}
