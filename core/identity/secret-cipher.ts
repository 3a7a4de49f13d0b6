/**
 * Encryption at rest for any secret text (AES-256-GCM), with key rotation: every ciphertext names
 * the key that sealed it, so old values stay readable while new ones use the current key. This is
 * the one AES-GCM implementation; civic numbers and the store's sealer are layers on it.
 *
 * Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>`, the last three base64url.
 *
 * The GCM additional authenticated data is the header `v1.<keyId>`, so relabelling a value with
 * another key id fails. When the caller binds the value to associated data of its own (the store
 * passes the tenant id), the GCM input is `v1.<keyId>` + NUL + that data instead. Key ids cannot
 * contain NUL, so the first NUL always ends the header and no (key id, data) pair can pose as
 * another. Values sealed without associated data are byte-for-byte what the format always was;
 * opening a value with other associated data (or none where some was given, or the reverse)
 * fails authentication. The associated data itself is never stored in the token.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SkolbryggaError } from '../errors.js';
import type { KeyMaterial } from './key-material.js';
import { parseKeyMaterial } from './key-material.js';

export interface SecretCipherOptions {
  /** Id of the key new values are encrypted with; must be one of `keys`. */
  readonly currentKeyId: string;
  /** Every key that may still have sealed stored values, by id. */
  readonly keys: Readonly<Record<string, KeyMaterial>>;
  /** What the keys protect, for configuration errors (default "secret encryption key"). */
  readonly keyLabel?: string;
}

const FORMAT_VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
// May be empty: empty text has an empty ciphertext (IV and tag lengths are checked separately).
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const ASSOCIATED_DATA_SEPARATOR = '\u0000';

function cryptoError(detail: string, keyId?: string, cause?: unknown): SkolbryggaError {
  return new SkolbryggaError('SKB_CRYPTO', detail, { context: { keyId }, cause });
}

function header(keyId: string): string {
  return `${FORMAT_VERSION}.${keyId}`;
}

function gcmAad(keyId: string, associatedData: string | undefined): Buffer {
  if (associatedData === undefined) return Buffer.from(header(keyId), 'utf8');
  return Buffer.from(`${header(keyId)}${ASSOCIATED_DATA_SEPARATOR}${associatedData}`, 'utf8');
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

export class SecretCipher {
  readonly currentKeyId: string;
  readonly #keys: ReadonlyMap<string, Buffer>;

  constructor(options: SecretCipherOptions) {
    const keyLabel = options.keyLabel ?? 'secret encryption key';
    const keys = new Map<string, Buffer>();
    for (const [keyId, material] of Object.entries(options.keys)) {
      if (!KEY_ID.test(keyId)) {
        throw new SkolbryggaError('SKB_CONFIG_INVALID', 'encryption key ids must be 1–64 of A–Z, a–z, 0–9, _ and -', {
          context: { key: keyLabel },
        });
      }
      keys.set(keyId, parseKeyMaterial(material, `${keyLabel} "${keyId}"`));
    }
    if (!keys.has(options.currentKeyId)) {
      throw new SkolbryggaError('SKB_CONFIG_INVALID', 'the current encryption key id is not among the keys', {
        context: { key: keyLabel, keyId: options.currentKeyId },
      });
    }
    this.currentKeyId = options.currentKeyId;
    this.#keys = keys;
  }

  /**
   * Seals UTF-8 text with the current key and a fresh random IV. `associatedData` (e.g. the tenant
   * id) is authenticated but not stored: `decrypt` must be given the same.
   */
  encrypt(plaintext: string, associatedData?: string): string {
    const keyId = this.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#requireKey(keyId), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(gcmAad(keyId, associatedData));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [header(keyId), iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /**
   * Opens a value sealed with any known key under the same `associatedData`; a wrong key, other
   * associated data or a tampered value fails with SKB_CRYPTO.
   */
  decrypt(token: string, associatedData?: string): string {
    const sealed = unpack(token);
    const decipher = createDecipheriv(ALGORITHM, this.#requireKey(sealed.keyId), sealed.iv, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(gcmAad(sealed.keyId, associatedData));
    decipher.setAuthTag(sealed.tag);
    try {
      return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
    } catch (error) {
      const detail = 'authentication failed: wrong key or tampered value, or other associated data';
      throw cryptoError(detail, sealed.keyId, error);
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
