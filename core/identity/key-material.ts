/**
 * 32-byte secret keys (HMAC and AES-256-GCM) as configuration hands them over: a Buffer, 64 hex
 * characters, or base64 / base64url. `core/` never reads the environment; callers pass keys in.
 * Errors name the key by its label and never echo the material.
 */
import { SkolbryggaError } from '../errors.js';

export type KeyMaterial = Buffer | Uint8Array | string;

export const KEY_LENGTH_BYTES = 32;

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function decodeKeyString(text: string): Buffer | null {
  // Hex first: 64 hex characters are also valid base64, but of 48 bytes.
  if (HEX_KEY.test(text)) return Buffer.from(text, 'hex');
  if (BASE64.test(text) || BASE64URL.test(text)) return Buffer.from(text, 'base64');
  return null;
}

/** The key as exactly 32 bytes (a private copy), or SKB_CONFIG_INVALID naming `label`. */
export function parseKeyMaterial(material: KeyMaterial, label: string): Buffer {
  const bytes = typeof material === 'string' ? decodeKeyString(material.trim()) : Buffer.from(material);
  if (bytes?.length !== KEY_LENGTH_BYTES) {
    throw new SkolbryggaError(
      'SKB_CONFIG_INVALID',
      `${label} must be ${KEY_LENGTH_BYTES} bytes, given as a Buffer, 64 hex characters or base64`,
      { context: { key: label, decodedBytes: bytes?.length ?? null } },
    );
  }
  return bytes;
}
