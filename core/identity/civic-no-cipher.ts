/**
 * Encryption at rest for civic numbers: the general SecretCipher (same `v1.<keyId>.…` format and
 * key rotation), restricted to the normalised 12-character form so that one person never ends up
 * stored under two spellings.
 */
import { decodeNormalizedCivicNo } from './civic-no.js';
import type { SecretCipherOptions } from './secret-cipher.js';
import { SecretCipher } from './secret-cipher.js';

export { keyIdOf } from './secret-cipher.js';

export type CivicNoCipherOptions = Omit<SecretCipherOptions, 'keyLabel'>;

export class CivicNoCipher {
  readonly #cipher: SecretCipher;

  constructor(options: CivicNoCipherOptions) {
    this.#cipher = new SecretCipher({ ...options, keyLabel: 'civic number encryption key' });
  }

  get currentKeyId(): string {
    return this.#cipher.currentKeyId;
  }

  /** Seals a normalised civic number with the current key and a fresh random IV. */
  encrypt(normalized: string): string {
    decodeNormalizedCivicNo(normalized);
    return this.#cipher.encrypt(normalized);
  }

  /** Opens a value sealed with any known key; a wrong key or tampered value fails with SKB_CRYPTO. */
  decrypt(token: string): string {
    return this.#cipher.decrypt(token);
  }

  /** True when the value was sealed with an older key and should be re-encrypted. */
  needsReencryption(token: string): boolean {
    return this.#cipher.needsReencryption(token);
  }
}
