import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CivicNoCipher } from './civic-no-cipher.js';
import { SecretCipher, keyIdOf } from './secret-cipher.js';

const KEY_2024 = randomBytes(32);
const KEY_2025 = randomBytes(32);
const TENANT_A = '0b6f3a52-3c1e-4d7a-9f55-1d2e3f4a5b6c';
const TENANT_B = '7c9d1e2f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const REASON = 'Tandläkare 08.30–10.00; åter efter lunch 🦷\nRing mamma.';

const SKB_CRYPTO = expect.objectContaining({ code: 'SKB_CRYPTO' });

describe('SecretCipher', () => {
  const cipher = new SecretCipher({ currentKeyId: 'k2025', keys: { k2025: KEY_2025 } });

  it('round-trips arbitrary UTF-8 text, including empty text, in the v1 format', () => {
    for (const text of [REASON, '', '.', 'x'.repeat(10_000)]) {
      const token = cipher.encrypt(text);
      expect(token).toMatch(/^v1\.k2025\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/);
      expect(cipher.decrypt(token)).toBe(text);
    }
    expect(cipher.encrypt(REASON)).not.toContain('Tandläkare');
  });

  it('round-trips any string with and without associated data (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.option(fc.string(), { nil: undefined }), (text, associatedData) => {
        expect(cipher.decrypt(cipher.encrypt(text, associatedData), associatedData)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('still opens values sealed before associated data existed (stored format unchanged)', () => {
    // Sealed by the pre-refactor CivicNoCipher: key 0x07 × 32, IV 0x01 × 12, AAD "v1.k2024".
    const legacy = new SecretCipher({ currentKeyId: 'k2024', keys: { k2024: '07'.repeat(32) } });
    expect(legacy.decrypt('v1.k2024.AQEBAQEBAQEBAQEB.A1Y7Ea8oYltPF87HpZ5h1g.RNG4hKCK3Tzo7O4U')).toBe('201305129825');
  });

  it('reads and writes the same tokens as CivicNoCipher when no associated data is given', () => {
    const civic = new CivicNoCipher({ currentKeyId: 'k2025', keys: { k2025: KEY_2025 } });
    expect(cipher.decrypt(civic.encrypt('201305129825'))).toBe('201305129825');
    expect(civic.decrypt(cipher.encrypt('201305129825'))).toBe('201305129825');
  });

  it('binds a value to its associated data: other, missing or unexpected data fails', () => {
    const token = cipher.encrypt(REASON, TENANT_A);
    expect(cipher.decrypt(token, TENANT_A)).toBe(REASON);
    expect(() => cipher.decrypt(token, TENANT_B)).toThrow(SKB_CRYPTO);
    expect(() => cipher.decrypt(token)).toThrow(SKB_CRYPTO);
    expect(() => cipher.decrypt(cipher.encrypt(REASON), TENANT_A)).toThrow(SKB_CRYPTO);
    // Empty associated data is still data: it is not the same as none.
    expect(() => cipher.decrypt(cipher.encrypt(REASON, ''), undefined)).toThrow(/other associated data/);
  });

  it('keeps the key id header authenticated when associated data is given', () => {
    const both = new SecretCipher({ currentKeyId: 'k2025', keys: { k2025: KEY_2025, other: KEY_2025 } });
    const relabelled = both.encrypt(REASON, TENANT_A).replace('v1.k2025.', 'v1.other.');
    expect(() => both.decrypt(relabelled, TENANT_A)).toThrow(SKB_CRYPTO);
  });

  it('cannot be fooled by moving text between the key id and the associated data', () => {
    // Without a separator, AAD "v1.k" + "2025x" would equal "v1.k2025" + "x".
    const keys = { k: KEY_2025, k2025: KEY_2025 };
    const sealedUnderK2025 = new SecretCipher({ currentKeyId: 'k2025', keys }).encrypt(REASON, 'x');
    const relabelled = sealedUnderK2025.replace('v1.k2025.', 'v1.k.');
    expect(() => new SecretCipher({ currentKeyId: 'k', keys }).decrypt(relabelled, '2025x')).toThrow(SKB_CRYPTO);
  });

  it('rotates keys with associated data: old values stay readable, new ones use the current key', () => {
    const before = new SecretCipher({ currentKeyId: 'k2024', keys: { k2024: KEY_2024 } });
    const oldToken = before.encrypt(REASON, TENANT_A);
    const after = new SecretCipher({ currentKeyId: 'k2025', keys: { k2024: KEY_2024, k2025: KEY_2025 } });
    expect(after.decrypt(oldToken, TENANT_A)).toBe(REASON);
    expect(after.needsReencryption(oldToken)).toBe(true);
    const newToken = after.encrypt(after.decrypt(oldToken, TENANT_A), TENANT_A);
    expect(keyIdOf(newToken)).toBe('k2025');
    expect(after.needsReencryption(newToken)).toBe(false);
    expect(() => before.decrypt(newToken, TENANT_A)).toThrow(/no key with this id/);
  });

  it('names the configured key label in configuration errors, never the material', () => {
    const material = randomBytes(31).toString('hex');
    const attempt = () => new SecretCipher({ currentKeyId: 'k1', keys: { k1: material }, keyLabel: 'reason encryption key' });
    expect(attempt).toThrow(expect.objectContaining({ code: 'SKB_CONFIG_INVALID' }));
    expect(attempt).toThrow(/reason encryption key "k1" must be 32 bytes/);
    expect(attempt).not.toThrow(new RegExp(material));
    expect(() => new SecretCipher({ currentKeyId: 'k1', keys: { k1: randomBytes(31) } })).toThrow(/secret encryption key "k1"/);
    expect(() => new SecretCipher({ currentKeyId: 'k2', keys: { k1: KEY_2025 } })).toThrow(/current encryption key id/);
  });
});
