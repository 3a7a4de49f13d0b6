/**
 * Logging with pino, and the safety net that keeps personal data out of it.
 *
 * The method is: never put a civic number, a name or a free-text reason in a log call. The net is
 * two layers, because a net with one layer has holes:
 *  1. pino's `redact` censors well-known sensitive keys at fixed depths (fast, declarative);
 *  2. a `formatters.log` pass walks every logged object, censors sensitive keys at any depth, and
 *     scrubs anything shaped like a personnummer or samordningsnummer out of every string —
 *     including the message, which `hooks.logMethod` scrubs.
 */
import { pino, type Logger, type DestinationStream, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

export const REDACTED = '[redacted]';
export const CIVIC_NO_PLACEHOLDER = '[civic-no]';

/** Keys whose values are personal data wherever they appear (compared case-insensitively). */
const SENSITIVE_KEYS = new Set(
  [
    'civicNo', 'civicNumber', 'civic_no', 'civicNoValue', 'personnummer', 'personNummer', 'pnr',
    'samordningsnummer', 'ssn', 'socialSecurityNumber', 'personalIdentityNumber', 'nationalId',
    'identityNumber', 'personalNumber', 'civicRegistrationNumber',
    'givenName', 'familyName', 'middleName', 'firstName', 'lastName', 'fullName', 'displayName',
    'studentName', 'guardianName',
    'email', 'emails', 'phone', 'phoneNumber', 'phoneNumbers', 'mobile', 'address', 'addresses',
    'reasonText', 'reason_text', 'comment', 'decisionComment',
    'password', 'secret', 'token', 'apiKey', 'authorization', 'cookie', 'set-cookie',
  ].map((key) => key.toLowerCase()),
);

/**
 * Anything that could be a Swedish civic number, in every form the platforms write: 12 or 10
 * digits, with or without `-`/`+`, and the temporary SS 12000 form with two letters. Deliberately
 * wide (no Luhn check): a false positive costs a log detail, a false negative leaks a child's id.
 */
const CIVIC_NO_PATTERN = /(?<![0-9])(?:(?:19|20)?[0-9]{6}[-+ ]?[0-9]{4}|(?:19|20)[0-9]{6}[A-Za-z]{2}[0-9]{2})(?![0-9])/g;

export function scrubCivicNumbers(text: string): string {
  return text.replace(CIVIC_NO_PATTERN, CIVIC_NO_PLACEHOLDER);
}

/** Returns a copy with sensitive keys censored and civic numbers scrubbed, at any depth. */
export function scrubPersonalData(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return scrubCivicNumbers(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrubPersonalData(item, seen));
  if (value instanceof Error) return scrubError(value, seen);
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SENSITIVE_KEYS.has(key.toLowerCase()) ? REDACTED : scrubPersonalData(inner, seen);
  }
  return out;
}

function scrubError(error: Error, seen: WeakSet<object>): Record<string, unknown> {
  const extra = scrubPersonalData({ ...error }, seen) as Record<string, unknown>;
  return {
    ...extra,
    type: error.name,
    message: scrubCivicNumbers(error.message),
    stack: error.stack ? scrubCivicNumbers(error.stack) : undefined,
  };
}

const REDACT_KEYS = [...SENSITIVE_KEYS].filter((key) => /^[a-z_]+$/.test(key));
const REDACT_PATHS = [
  ...REDACT_KEYS,
  ...REDACT_KEYS.map((key) => `*.${key}`),
  ...REDACT_KEYS.map((key) => `*.*.${key}`),
];

export interface LoggerOptions {
  level?: LevelWithSilent;
  /** Where lines go; defaults to stdout. Tests pass a stream to read them back. */
  destination?: DestinationStream;
  /** Fields on every line, e.g. `{ service: 'worker' }`. */
  base?: Record<string, string | number>;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: options.base ?? {},
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      formatters: {
        log: (object) => scrubPersonalData(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubCivicNumbers(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
      serializers: { err: (error: Error) => scrubError(error, new WeakSet()) },
    },
    options.destination,
  );
}
