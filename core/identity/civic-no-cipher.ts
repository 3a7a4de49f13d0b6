/**
 * Encryption at rest for civic numbers (AES-256-GCM), with key rotation: every ciphertext names
 * the key that sealed it, so old values stay readable while new ones use the current key.
 *
 * Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>`, the last three base64url. The header `v1.<keyId>`
 * is authenticated as associated data, so relabelling a value with another key id fails.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SkolbryggaError } from '../errors.js';
import { decodeNormalizedCivicNo } from './civic-no.js';
import type { KeyMaterial } from './key-material.js';
import { parseKeyMaterial } from './key-material.js';

export interface CivicNoCipherOptions {
  /** Id of the key new values are encrypted with; must be one of `keys`. */
  readonly currentKeyId: string;
  /** Every key that may still have sealed stored values, by id. */
  readonly keys: Readonly<Record<string, KeyMaterial>>;
}

const FORMAT_VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function cryptoError(detail: string, keyId?: string, cause?: unknown): SkolbryggaError {
  return new SkolbryggaError('SKB_CRYPTO', detail, { context: { keyId }, cause });
}

function header(keyId: string): string {
  return `${FORMAT_VERSION}.${keyId}`;
}

interface SealedValue {
  readonly keyId: string;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly ciphertext: Buffer;
}

function unpack(token: string): SealedValue {
  const parts = token.split('.');
  const [version, keyId, iv, tag, ciphertext] = parts;
  if (parts.length !== 5 || version !== FORMAT_VERSION || keyId === undefined || !KEY_ID.test(keyId)) {
    throw cryptoError(`not a ${FORMAT_VERSION} encrypted value`);
  }
  const decoded = [iv, tag, ciphertext].map((part) =>
    part !== undefined && BASE64URL.test(part) ? Buffer.from(part, 'base64url') : null,
  );
  const [ivBytes, tagBytes, ciphertextBytes] = decoded;
  if (ivBytes?.length !== IV_BYTES || tagBytes?.length !== TAG_BYTES || !ciphertextBytes) {
    throw cryptoError('the encrypted value is truncated or garbled', keyId);
  }
  return { keyId, iv: ivBytes, tag: tagBytes, ciphertext: ciphertextBytes };
}

export class CivicNoCipher {
  readonly currentKeyId: string;
  readonly #keys: ReadonlyMap<string, Buffer>;

  constructor(options: CivicNoCipherOptions) {
    const keys = new Map<string, Buffer>();
    for (const [keyId, material] of Object.entries(options.keys)) {
      if (!KEY_ID.test(keyId)) {
        throw new SkolbryggaError('SKB_CONFIG_INVALID', 'encryption key ids must be 1–64 of A–Z, a–z, 0–9, _ and -', {
          context: { key: 'civic number encryption key' },
        });
      }
      keys.set(keyId, parseKeyMaterial(material, `civic number encryption key "${keyId}"`));
    }
    if (!keys.has(options.currentKeyId)) {
      throw new SkolbryggaError('SKB_CONFIG_INVALID', 'the current encryption key id is not among the keys', {
        context: { keyId: options.currentKeyId },
      });
    }
    this.currentKeyId = options.currentKeyId;
    this.#keys = keys;
  }

  /** Seals a normalised civic number with the current key and a fresh random IV. */
  encrypt(normalized: string): string {
    decodeNormalizedCivicNo(normalized);
    const keyId = this.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#requireKey(keyId), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(header(keyId), 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(normalized, 'utf8'), cipher.final()]);
    return [header(keyId), iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** Opens a value sealed with any known key; a wrong key or tampered value fails with SKB_CRYPTO. */
  decrypt(token: string): string {
    const sealed = unpack(token);
    const decipher = createDecipheriv(ALGORITHM, this.#requireKey(sealed.keyId), sealed.iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(header(sealed.keyId), 'utf8'));
    decipher.setAuthTag(sealed.tag);
    try {
      return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
    } catch (error) {
      throw cryptoError('authentication failed: wrong key or tampered value', sealed.keyId, error);
    }
  }

  /** True when the value was sealed with an older key and should be re-encrypted. */
  needsReencryption(token: string): boolean {
    return keyIdOf(token) !== this.currentKeyId;
  }

  #requireKey(keyId: string): Buffer {
    const key = this.#keys.get(keyId);
    if (!key) throw cryptoError('no key with this id is configured', keyId);
    return key;
  }
}

/** The id of the key that sealed `token` (for rotation jobs and metrics). */
export function keyIdOf(token: string): string {
  return unpack(token).keyId;
}
