import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyIdOf } from './secret-cipher.js';
import { createSecretSealer } from './secret-sealer.js';

const KEY_2024 = randomBytes(32);
const KEY_2025 = randomBytes(32);
const HMAC_KEY = randomBytes(32);
const TENANT_A = '0b6f3a52-3c1e-4d7a-9f55-1d2e3f4a5b6c';
const TENANT_B = '7c9d1e2f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const REASON = 'Sjukdom – feber sedan i natt';
const CIVIC_NO_JSON = '{"nationality":"SE","value":"201305129825"}';

const SKB_CRYPTO = expect.objectContaining({ code: 'SKB_CRYPTO' });

describe('createSecretSealer', () => {
  const sealer = createSecretSealer({ currentKeyId: 'k2025', keys: { k2025: KEY_2025 }, hmacKey: HMAC_KEY });

  it('round-trips secret text for a tenant, under the current key, without leaking the plaintext', () => {
    for (const plaintext of [REASON, CIVIC_NO_JSON, '']) {
      const ciphertext = sealer.encrypt(TENANT_A, plaintext);
      expect(keyIdOf(ciphertext)).toBe('k2025');
      expect(sealer.decrypt(TENANT_A, ciphertext)).toBe(plaintext);
    }
    expect(sealer.encrypt(TENANT_A, CIVIC_NO_JSON)).not.toContain('201305129825');
    expect(sealer.encrypt(TENANT_A, REASON)).not.toBe(sealer.encrypt(TENANT_A, REASON));
  });

  it("rejects a value decrypted as another tenant's", () => {
    const ciphertext = sealer.encrypt(TENANT_A, REASON);
    expect(() => sealer.decrypt(TENANT_B, ciphertext)).toThrow(SKB_CRYPTO);
  });

  it('rotates encryption keys: old values open, are flagged, and re-seal under the current key', () => {
    const before = createSecretSealer({ currentKeyId: 'k2024', keys: { k2024: KEY_2024 }, hmacKey: HMAC_KEY });
    const after = createSecretSealer({ currentKeyId: 'k2025', keys: { k2024: KEY_2024, k2025: KEY_2025 }, hmacKey: HMAC_KEY });
    const oldValue = before.encrypt(TENANT_A, REASON);
    expect(after.decrypt(TENANT_A, oldValue)).toBe(REASON);
    expect(after.needsReencryption(oldValue)).toBe(true);
    const newValue = after.encrypt(TENANT_A, after.decrypt(TENANT_A, oldValue));
    expect(keyIdOf(newValue)).toBe('k2025');
    expect(after.needsReencryption(newValue)).toBe(false);
    // Digests do not depend on the encryption keys, so rotation changes no content hash.
    expect(after.digest(TENANT_A, REASON)).toBe(before.digest(TENANT_A, REASON));
  });

  it('digests with HMAC-SHA256 over tenant id, NUL and plaintext, in hex', () => {
    const expected = createHmac('sha256', HMAC_KEY).update(`${TENANT_A}\u0000${REASON}`, 'utf8').digest('hex');
    expect(sealer.digest(TENANT_A, REASON)).toBe(expected);
    expect(sealer.digest(TENANT_A, REASON)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('binds digests to the tenant and the key: equal only for the same tenant, key and text', () => {
    expect(sealer.digest(TENANT_A, REASON)).toBe(sealer.digest(TENANT_A, REASON));
    expect(sealer.digest(TENANT_A, REASON)).not.toBe(sealer.digest(TENANT_B, REASON));
    expect(sealer.digest(TENANT_A, REASON)).not.toBe(sealer.digest(TENANT_A, `${REASON}.`));
    const otherKey = createSecretSealer({ currentKeyId: 'k2025', keys: { k2025: KEY_2025 }, hmacKey: randomBytes(32) });
    expect(otherKey.digest(TENANT_A, REASON)).not.toBe(sealer.digest(TENANT_A, REASON));
  });

  it('refuses an empty tenant id or one with a NUL, which would make digests ambiguous', () => {
    // With a NUL allowed, ("a\0b", "c") and ("a", "b\0c") would hash the same input.
    for (const tenantId of ['', 'a\u0000b']) {
      expect(() => sealer.digest(tenantId, 'c')).toThrow(SKB_CRYPTO);
      expect(() => sealer.encrypt(tenantId, 'c')).toThrow(SKB_CRYPTO);
      expect(() => sealer.decrypt(tenantId, sealer.encrypt(TENANT_A, 'c'))).toThrow(SKB_CRYPTO);
    }
  });

  it('validates its keys, naming which one is wrong', () => {
    const keys = { k2025: KEY_2025 };
    expect(() => createSecretSealer({ currentKeyId: 'k2025', keys, hmacKey: randomBytes(16) })).toThrow(/secret digest key must be 32 bytes/);
    expect(() => createSecretSealer({ currentKeyId: 'k2025', keys: { k2025: 'short' }, hmacKey: HMAC_KEY })).toThrow(
      /secret encryption key "k2025" must be 32 bytes/,
    );
    expect(() => createSecretSealer({ currentKeyId: 'k2024', keys, hmacKey: HMAC_KEY })).toThrow(
      expect.objectContaining({ code: 'SKB_CONFIG_INVALID' }),
    );
  });
});
