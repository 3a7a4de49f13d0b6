/**
 * The JavaScript shapes both drivers return, made identical. Left alone they differ: `pg` turns a
 * `date` into a Date at local midnight (a timezone bug waiting to happen) and an `int8` — every
 * `count(*)` — into a string, while PGlite returns UTC-midnight Dates and numbers.
 *
 * - `date` → `'YYYY-MM-DD'` string (a school day is a calendar day, not an instant)
 * - `int8` → number (counts and sums here stay far below 2^53)
 * - `timestamptz` → Date, `jsonb` → parsed value, `numeric` → string: already the same in both.
 */
import pg from 'pg';

export const OID = { INT8: 20, DATE: 1082, INT8_ARRAY: 1016, DATE_ARRAY: 1182, TEXT_ARRAY: 1009 } as const;

const identity = (value: string): string => value;

/** pg's own parser for any type id (its typings only list the scalar built-ins). */
const builtinParser = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => (value: string) => unknown;

export const pgTypeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    switch (oid) {
      case OID.INT8:
        return Number;
      case OID.DATE:
        return identity;
      case OID.DATE_ARRAY:
        return builtinParser(OID.TEXT_ARRAY, 'text');
      case OID.INT8_ARRAY: {
        const parseTextArray = builtinParser(OID.TEXT_ARRAY, 'text') as (value: string) => (string | null)[];
        return (value: string) => parseTextArray(value).map((item) => (item === null ? null : Number(item)));
      }
      default:
        return builtinParser(oid, format);
    }
  }) as pg.CustomTypesConfig['getTypeParser'],
};

export const pgliteParsers: Record<number, (value: string, typeId?: number) => unknown> = {
  [OID.INT8]: Number,
  [OID.DATE]: identity,
};
