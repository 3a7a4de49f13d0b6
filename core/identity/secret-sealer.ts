/**
 * The store's sealer for secret fields (civic numbers, free-text reasons): SecretCipher with the
 * tenant id as associated data, so a ciphertext copied into another tenant's row does not open,
 * plus a tenant-bound HMAC digest for change detection. It matches the store's `SecretSealer`
 * structurally; identity does not import the store, the store depends on identity.
 */
import { createHmac } from 'node:crypto';
import { SkolbryggaError } from '../errors.js';
import type { KeyMaterial } from './key-material.js';
import { parseKeyMaterial } from './key-material.js';
import type { SecretCipherOptions } from './secret-cipher.js';
import { SecretCipher } from './secret-cipher.js';

export interface SecretSealerOptions extends Omit<SecretCipherOptions, 'keyLabel'> {
  /** Key of the HMAC digests; separate from the encryption keys and not rotated with them. */
  readonly hmacKey: KeyMaterial;
}

export interface TenantSecretSealer {
  /** Ciphertext (`v1.<keyId>.…`) bound to the tenant; differs on every call (random IV). */
  encrypt(tenantId: string, plaintext: string): string;
  /** Fails with SKB_CRYPTO for a wrong key, a tampered value or another tenant's value. */
  decrypt(tenantId: string, ciphertext: string): string;
  /** HMAC-SHA256 (hex) of tenant id + NUL + plaintext: equal within a tenant, unrelated across tenants. */
  digest(tenantId: string, plaintext: string): string;
  /** True when the value was sealed with an older key and should be re-encrypted. */
  needsReencryption(ciphertext: string): boolean;
}

const TENANT_SEPARATOR = '\u0000';

/**
 * An empty tenant id means a caller lost its scope, and a NUL inside one would let
 * (tenant, plaintext) pairs collide in the digest input: both are bugs, not data.
 */
function assertTenantId(tenantId: string): void {
  if (tenantId.length === 0 || tenantId.includes(TENANT_SEPARATOR)) {
    const detail = 'a secret can only be sealed for a non-empty tenant id without NUL characters';
    throw new SkolbryggaError('SKB_CRYPTO', detail);
  }
}

/** A sealer for the store; pass the result as `createStore(db, { sealer })`. */
export function createSecretSealer(options: SecretSealerOptions): TenantSecretSealer {
  const { currentKeyId, keys } = options;
  const cipher = new SecretCipher({ currentKeyId, keys, keyLabel: 'secret encryption key' });
  const hmacKey = parseKeyMaterial(options.hmacKey, 'secret digest key');
  return {
    encrypt(tenantId, plaintext) {
      assertTenantId(tenantId);
      return cipher.encrypt(plaintext, tenantId);
    },
    decrypt(tenantId, ciphertext) {
      assertTenantId(tenantId);
      return cipher.decrypt(ciphertext, tenantId);
    },
    digest(tenantId, plaintext) {
      assertTenantId(tenantId);
      return createHmac('sha256', hmacKey).update(`${tenantId}${TENANT_SEPARATOR}${plaintext}`, 'utf8').digest('hex');
    },
    needsReencryption: (ciphertext) => cipher.needsReencryption(ciphertext),
  };
}
