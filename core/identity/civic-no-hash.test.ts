import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { civicNoHash, createCivicNoHasher } from './civic-no-hash.js';

const KEY_A = Buffer.alloc(32, 1);
const KEY_B = Buffer.alloc(32, 2);

describe('civicNoHash', () => {
  it('is HMAC-SHA256 hex, stable for the same number and key', () => {
    const hash = civicNoHash('200901072389', KEY_A);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(civicNoHash('200901072389', KEY_A)).toBe(hash);
    // Known answer (computed independently with `openssl dgst -sha256 -mac HMAC`), so the algorithm cannot drift.
    expect(hash).toBe('d5e9714b21cd0d10756874d1ee9dded9c2ee3b25f425421b14d2e973343ed412');
  });

  it('depends on the key and on the number', () => {
    expect(civicNoHash('200901072389', KEY_A)).not.toBe(civicNoHash('200901072389', KEY_B));
    expect(civicNoHash('200901072389', KEY_A)).not.toBe(civicNoHash('201001019809', KEY_A));
  });

  it('gives the same hash for a key given as Buffer, hex or base64', () => {
    const key = randomBytes(32);
    const expected = civicNoHash('201211679855', key);
    expect(civicNoHash('201211679855', key.toString('hex'))).toBe(expected);
    expect(civicNoHash('201211679855', key.toString('base64'))).toBe(expected);
    expect(civicNoHash('201211679855', key.toString('base64url'))).toBe(expected);
    expect(createCivicNoHasher(key)('201211679855')).toBe(expected);
  });

  it('only hashes the normalised form, so two spellings can never become two people', () => {
    expect(() => civicNoHash('20090107-2389', KEY_A)).toThrow(expect.objectContaining({ code: 'SKB_CIVIC_NO_INVALID' }));
    expect(() => civicNoHash('0901072389', KEY_A)).toThrow(expect.objectContaining({ code: 'SKB_CIVIC_NO_INVALID' }));
  });

  it('rejects a key that is not 32 bytes without echoing it', () => {
    expect(() => civicNoHash('200901072389', 'short-secret')).toThrow(/32 bytes/);
    expect(() => civicNoHash('200901072389', Buffer.alloc(16))).toThrow(expect.objectContaining({ code: 'SKB_CONFIG_INVALID' }));
  });
});
