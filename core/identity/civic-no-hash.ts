/**
 * Keyed hash of a normalised civic number: the value persons are matched and looked up by
 * (model §1.4). Keyed, because an unkeyed hash of a 12-digit number with a check digit can be
 * reversed by trying every birth date and birth number.
 */
import { createHmac } from 'node:crypto';
import type { KeyMaterial } from './key-material.js';
import { parseKeyMaterial } from './key-material.js';
import { decodeNormalizedCivicNo } from './civic-no.js';

export type CivicNoHasher = (normalized: string) => string;

/**
 * A hasher bound to one tenant key. Only the normalised 12-character form is accepted: hashing
 * a form with a separator would silently make the same person two people.
 */
export function createCivicNoHasher(key: KeyMaterial): CivicNoHasher {
  const keyBytes = parseKeyMaterial(key, 'civic number hash key');
  return (normalized) => {
    decodeNormalizedCivicNo(normalized);
    return createHmac('sha256', keyBytes).update(normalized, 'utf8').digest('hex');
  };
}

/** HMAC-SHA256 (hex) of a normalised civic number under `key`. */
export function civicNoHash(normalized: string, key: KeyMaterial): string {
  return createCivicNoHasher(key)(normalized);
}
