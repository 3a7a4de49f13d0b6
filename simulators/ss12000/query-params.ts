/**
 * Reading query parameters the standard's way: scalar parameters appear once, array parameters
 * repeat their name (`entities=Person&entities=Absence`), date-times are RFC 3339 with an offset
 * (a `+` must be sent as `%2B`: a bare `+` decodes to a space and is refused). Every refusal is a
 * `400 BAD_REQUEST` naming the parameter.
 */
import { badRequest } from './errors.js';
import { isIsoDate, parseRfc3339 } from './wire-time.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return UUID.test(text);
}

export class QueryParams {
  private readonly values: ReadonlyMap<string, readonly string[]>;

  constructor(query: unknown) {
    const values = new Map<string, string[]>();
    if (typeof query === 'object' && query !== null) {
      for (const [name, value] of Object.entries(query)) {
        const list = Array.isArray(value) ? value : [value];
        values.set(
          name,
          list.filter((item): item is string => typeof item === 'string'),
        );
      }
    }
    this.values = values;
  }

  names(): string[] {
    return [...this.values.keys()];
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** A parameter given at most once. */
  string(name: string): string | undefined {
    const values = this.values.get(name);
    if (!values) return undefined;
    if (values.length !== 1 || values[0] === undefined) throw badRequest(`Parameter ${name} must be given once`);
    return values[0];
  }

  /** A repeatable parameter: every value, in order. */
  strings(name: string): string[] {
    return [...(this.values.get(name) ?? [])];
  }

  instant(name: string): number | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    const instant = parseRfc3339(text);
    if (instant === null) throw badRequest(`Parameter ${name} must be an RFC 3339 date-time with offset`);
    return instant;
  }

  date(name: string): string | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    if (!isIsoDate(text)) throw badRequest(`Parameter ${name} must be a date (YYYY-MM-DD)`);
    return text;
  }

  uuid(name: string): string | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    if (!isUuid(text)) throw badRequest(`Parameter ${name} must be a UUID`);
    return text.toLowerCase();
  }

  uuids(name: string): string[] {
    return this.strings(name).map((text) => {
      if (!isUuid(text)) throw badRequest(`Parameter ${name} must be a list of UUIDs`);
      return text.toLowerCase();
    });
  }

  boolean(name: string): boolean | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    if (text !== 'true' && text !== 'false') throw badRequest(`Parameter ${name} must be true or false`);
    return text === 'true';
  }

  integer(name: string, min: number, max: number): number | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) throw badRequest(`Parameter ${name} must be an integer from ${min} to ${max}`);
    return value;
  }

  oneOf<Value extends string>(name: string, allowed: readonly Value[]): Value | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(text)) throw badRequest(`Parameter ${name} must be one of ${allowed.join(', ')}`);
    return text as Value;
  }

  manyOf<Value extends string>(name: string, allowed: readonly Value[]): Value[] {
    return this.strings(name).map((text) => {
      if (!(allowed as readonly string[]).includes(text)) throw badRequest(`Parameter ${name} must be among ${allowed.join(', ')}`);
      return text as Value;
    });
  }
}
