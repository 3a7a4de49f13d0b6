import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSkolbryggaError } from '../errors.js';
import { parseKeyMaterial } from './key-material.js';

describe('parseKeyMaterial', () => {
  const key = randomBytes(32);

  it('accepts 32 bytes as Buffer, Uint8Array, hex, base64 and base64url', () => {
    const spellings = [
      key,
      new Uint8Array(key),
      key.toString('hex'),
      key.toString('hex').toUpperCase(),
      key.toString('base64'),
      key.toString('base64url'),
      ` ${key.toString('base64')}\n`,
    ];
    for (const material of spellings) {
      expect(parseKeyMaterial(material, 'test key').equals(key)).toBe(true);
    }
  });

  it('returns a private copy, so later changes to the caller buffer do not change the key', () => {
    const callerBuffer = Buffer.from(key);
    const parsed = parseKeyMaterial(callerBuffer, 'test key');
    callerBuffer.fill(0);
    expect(parsed.equals(key)).toBe(true);
  });

  it('rejects wrong lengths and non-key strings with SKB_CONFIG_INVALID, never echoing the material', () => {
    const secret = 'correct horse battery staple';
    const wrong = [randomBytes(16), randomBytes(33), key.toString('hex').slice(2), randomBytes(24).toString('base64'), secret, ''];
    for (const material of wrong) {
      let thrown: unknown;
      try {
        parseKeyMaterial(material, 'test key');
      } catch (error) {
        thrown = error;
      }
      expect(isSkolbryggaError(thrown, 'SKB_CONFIG_INVALID')).toBe(true);
      if (!isSkolbryggaError(thrown)) continue;
      expect(thrown.message).toMatch(/test key must be 32 bytes/);
      expect(thrown.message).not.toContain(secret);
      if (typeof material === 'string' && material.length > 0) expect(JSON.stringify(thrown.toJSON())).not.toContain(material);
    }
  });
});
