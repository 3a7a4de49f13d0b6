/**
 * Standard Webhooks signature verification, written here independently of skolbrygga's signer
 * so that the receiver checks the signer instead of agreeing with it by construction:
 *
 * - signed content: `${webhook-id}.${webhook-timestamp}.${raw body}`;
 * - `webhook-signature`: space-separated `v1,<base64 HMAC-SHA256>` entries (other versions are ignored);
 * - secrets: `whsec_<base64 key>`; any of the endpoint's secrets may match (rotation);
 * - `webhook-timestamp`: integer seconds, within the tolerance of now in both directions.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';
/** The specification's recommended tolerance against replays. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

export type VerificationFailure = 'missingHeaders' | 'badTimestamp' | 'timestampOutOfTolerance' | 'noMatchingSignature' | 'noSecret';

export interface WebhookHeaders {
  readonly id: string | undefined;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
}

export type VerificationResult = { readonly verified: true } | { readonly verified: false; readonly failure: VerificationFailure };

const SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

export function isWebhookSecret(secret: string): boolean {
  return SECRET_PATTERN.test(secret) && secretKey(secret).length > 0;
}

function secretKey(secret: string): Buffer {
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

function expectedSignature(key: Buffer, id: string, timestamp: string, body: Buffer): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
}

/** The `v1` signatures of the header, decoded; malformed entries are skipped. */
function v1Signatures(header: string): Buffer[] {
  const signatures: Buffer[] = [];
  for (const entry of header.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    const decoded = Buffer.from(entry.slice(comma + 1), 'base64');
    if (decoded.length > 0) signatures.push(decoded);
  }
  return signatures;
}

export function verifyWebhook(
  headers: WebhookHeaders,
  body: Buffer,
  secrets: readonly string[],
  nowSeconds: number,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): VerificationResult {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { verified: false, failure: 'missingHeaders' };
  if (!/^\d+$/.test(timestamp)) return { verified: false, failure: 'badTimestamp' };
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return { verified: false, failure: 'timestampOutOfTolerance' };
  const keys = secrets.filter(isWebhookSecret).map(secretKey);
  if (keys.length === 0) return { verified: false, failure: 'noSecret' };
  const offered = v1Signatures(signature);
  for (const key of keys) {
    const expected = expectedSignature(key, id, timestamp, body);
    if (offered.some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected))) return { verified: true };
  }
  return { verified: false, failure: 'noMatchingSignature' };
}
