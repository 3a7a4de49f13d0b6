/** Small helpers for SQL built in code. */
import { SkolbryggaError } from '../errors.js';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Table and column names are spliced into SQL text, so they must come from code and look like
 * plain lower-case identifiers. Anything else is a programming error, refused before it reaches SQL.
 */
export function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new SkolbryggaError('SKB_INTERNAL', 'not a valid SQL identifier', { context: { length: name.length } });
  }
  return name;
}

/** `$1, $2, …, $n` */
export function placeholders(count: number, offset = 0): string {
  return Array.from({ length: count }, (_, index) => `$${index + offset + 1}`).join(', ');
}
