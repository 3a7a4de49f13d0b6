import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CivicNoCipher, keyIdOf } from './civic-no-cipher.js';

const KEY_2024 = randomBytes(32);
const KEY_2025 = randomBytes(32);
const CIVIC_NO = '201305129825';

const SKB_CRYPTO = expect.objectContaining({ code: 'SKB_CRYPTO' });

/** Replaces one base64url segment of a token (2 = iv, 3 = tag, 4 = ciphertext) after flipping a bit. */
function flipBit(token: string, segment: number): string {
  const parts = token.split('.');
  const bytes = Buffer.from(parts[segment]!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[segment] = bytes.toString('base64url');
  return parts.join('.');
}

describe('CivicNoCipher', () => {
  const cipher = new CivicNoCipher({ currentKeyId: 'k2025', keys: { k2025: KEY_2025 } });

  it('round-trips a civic number in the compact v1 format', () => {
    const token = cipher.encrypt(CIVIC_NO);
    expect(token).toMatch(/^v1\.k2025\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{16}$/);
    expect(token).not.toContain(CIVIC_NO);
    expect(cipher.decrypt(token)).toBe(CIVIC_NO);
    expect(cipher.decrypt(cipher.encrypt('20130101TF01'))).toBe('20130101TF01');
  });

  it('uses a fresh IV every time, so equal numbers do not give equal ciphertexts', () => {
    const first = cipher.encrypt(CIVIC_NO);
    const second = cipher.encrypt(CIVIC_NO);
    expect(first).not.toBe(second);
    expect(first.split('.')[2]).not.toBe(second.split('.')[2]);
  });

  it('rejects a tampered IV, tag or ciphertext', () => {
    const token = cipher.encrypt(CIVIC_NO);
    for (const segment of [2, 3, 4]) {
      expect(() => cipher.decrypt(flipBit(token, segment))).toThrow(SKB_CRYPTO);
    }
  });

  it('rejects a value relabelled with another key id, because the header is authenticated', () => {
    const both = new CivicNoCipher({ currentKeyId: 'k2025', keys: { k2025: KEY_2025, other: KEY_2025 } });
    const relabelled = both.encrypt(CIVIC_NO).replace('v1.k2025.', 'v1.other.');
    expect(() => both.decrypt(relabelled)).toThrow(SKB_CRYPTO);
  });

  it('rejects the wrong key under the same id, and an unknown key id', () => {
    const token = cipher.encrypt(CIVIC_NO);
    const impostor = new CivicNoCipher({ currentKeyId: 'k2025', keys: { k2025: randomBytes(32) } });
    expect(() => impostor.decrypt(token)).toThrow(/wrong key or tampered/);
    const stranger = new CivicNoCipher({ currentKeyId: 'k2024', keys: { k2024: KEY_2024 } });
    expect(() => stranger.decrypt(token)).toThrow(/no key with this id/);
  });

  it('rejects garbled and truncated values', () => {
    const token = cipher.encrypt(CIVIC_NO);
    const parts = token.split('.');
    const garbled = [
      '',
      CIVIC_NO,
      token.replace('v1.', 'v2.'),
      parts.slice(0, 4).join('.'),
      `${token}.x`,
      [...parts.slice(0, 3), parts[3]!.slice(0, 10), parts[4]].join('.'),
      [...parts.slice(0, 4), ''].join('.'),
      token.replace(/\.[^.]+$/, '.!!!'),
    ];
    for (const bad of garbled) {
      expect(() => cipher.decrypt(bad)).toThrow(SKB_CRYPTO);
    }
  });

  it('rotates keys: old values stay readable, new ones use the current key', () => {
    const before = new CivicNoCipher({ currentKeyId: 'k2024', keys: { k2024: KEY_2024 } });
    const oldToken = before.encrypt(CIVIC_NO);

    const after = new CivicNoCipher({
      currentKeyId: 'k2025',
      keys: { k2024: KEY_2024.toString('base64'), k2025: KEY_2025.toString('hex') },
    });
    expect(after.decrypt(oldToken)).toBe(CIVIC_NO);
    expect(keyIdOf(oldToken)).toBe('k2024');
    expect(after.needsReencryption(oldToken)).toBe(true);

    const newToken = after.encrypt(after.decrypt(oldToken));
    expect(keyIdOf(newToken)).toBe('k2025');
    expect(after.needsReencryption(newToken)).toBe(false);
    expect(() => before.decrypt(newToken)).toThrow(SKB_CRYPTO);
  });

  it('only encrypts normalised civic numbers', () => {
    expect(() => cipher.encrypt('20130512-9825')).toThrow(expect.objectContaining({ code: 'SKB_CIVIC_NO_INVALID' }));
  });

  it('validates its configuration', () => {
    expect(() => new CivicNoCipher({ currentKeyId: 'missing', keys: { k1: KEY_2025 } })).toThrow(/current encryption key id/);
    expect(() => new CivicNoCipher({ currentKeyId: 'k.1', keys: { 'k.1': KEY_2025 } })).toThrow(/key ids/);
    expect(() => new CivicNoCipher({ currentKeyId: 'k1', keys: { k1: randomBytes(31) } })).toThrow(/"k1" must be 32 bytes/);
  });
});
