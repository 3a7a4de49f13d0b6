/**
 * How secret fields (civic numbers, free-text reasons) reach the database: encrypted, with a keyed
 * digest for change detection. The store gets a sealer from whoever holds the keys
 * (`createSecretSealer` in core/identity, configured by bin/ or workers/); it never sees a key
 * itself. Without a sealer, writing a record that carries a secret fails rather than storing
 * plaintext.
 */
import { SkolbryggaError } from '../../errors.js';

export interface SecretSealer {
  /** Ciphertext for storage; may differ on every call (random IV). */
  encrypt(tenantId: string, plaintext: string): string;
  decrypt(tenantId: string, ciphertext: string): string;
  /** A keyed digest (HMAC): equal plaintexts give equal digests, useless without the key. */
  digest(tenantId: string, plaintext: string): string;
}

export function requireSealer(sealer: SecretSealer | undefined, table: string): SecretSealer {
  if (!sealer) {
    throw new SkolbryggaError('SKB_CRYPTO', 'a record carries a secret field but the store has no sealer', {
      context: { table },
    });
  }
  return sealer;
}
