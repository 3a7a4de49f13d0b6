/**
 * Deterministic draws for fault decisions: a number in [0, 1) that depends only on its inputs, so
 * the same (seed, request counter, fault profile) gives the same decision in every process.
 */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level: two profiles that differ only in key order are one profile. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Uniform in [0, 1) from SHA-256 of the parts (48 bits are plenty for a rate comparison). */
export function uniformDraw(...parts: readonly (string | number)[]): number {
  const digest = createHash('sha256').update(parts.map(String).join('\u0000')).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}
