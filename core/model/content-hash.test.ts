import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSkolbryggaError } from '../errors.js';
import { canonicalContent, contentHash, stableStringify } from './content-hash.js';

describe('stableStringify', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(stableStringify({ b: 1, a: { d: [3, 1], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,1]},"b":1}');
  });

  it('drops undefined members, writes undefined array items as null, like JSON', () => {
    expect(stableStringify({ a: undefined, b: null, c: [undefined, 1], d: () => 1 })).toBe('{"b":null,"c":[null,1]}');
    expect(stableStringify(undefined)).toBe('null');
  });

  it('matches JSON.stringify for scalars, including non-finite numbers and escapes', () => {
    for (const value of ['Vårdnadshavare "x"\n', 0, -1.5, true, null, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(stableStringify(value)).toBe(JSON.stringify(value));
    }
  });

  it('honours toJSON, so a Date is its ISO string', () => {
    expect(stableStringify({ at: new Date('2026-03-09T07:31:12.000Z') })).toBe('{"at":"2026-03-09T07:31:12.000Z"}');
  });

  it('serializes a shared (non-circular) object each time it appears', () => {
    const shared = { x: 1 };
    expect(stableStringify([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  it('refuses what JSON would mangle silently: cycles, bigints, Maps and Sets', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const value of [cyclic, { n: 10n }, new Map([['a', 1]]), { s: new Set([1]) }]) {
      let caught: unknown;
      try {
        stableStringify(value);
      } catch (error) {
        caught = error;
      }
      expect(isSkolbryggaError(caught, 'SKB_INTERNAL')).toBe(true);
    }
  });

  it('is independent of key insertion order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(stableStringify(reversed)).toBe(stableStringify(object));
      }),
    );
  });

  it('round-trips JSON values (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(stableStringify(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('contentHash', () => {
  const record = { category: 'invalid', validity: 'invalid', absenceMinutes: 15, lesson: { subjectName: 'Matematik', startTime: 'x' } };

  it('is a sha256 hex digest', () => {
    expect(contentHash(record)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on key order', () => {
    const reordered = { lesson: { startTime: 'x', subjectName: 'Matematik' }, absenceMinutes: 15, validity: 'invalid', category: 'invalid' };
    expect(contentHash(reordered)).toBe(contentHash(record));
  });

  it('changes when content changes, at any depth', () => {
    expect(contentHash({ ...record, validity: 'valid' })).not.toBe(contentHash(record));
    expect(contentHash({ ...record, lesson: { ...record.lesson, subjectName: 'Svenska' } })).not.toBe(contentHash(record));
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]));
  });
});

describe('canonicalContent', () => {
  const stored = {
    meta: { created: '2026-03-09T06:31:12+01:00', modified: '2026-03-09T06:31:12+01:00' },
    category: 'valid',
    reportedAt: '2026-03-09T09:24:00+01:00',
    lesson: { subjectName: 'Matematik', teacherSignature: null },
    tags: [null, 'a'],
    endTime: null,
  };

  it('drops meta and the given keys, keeps the rest', () => {
    expect(canonicalContent(stored, ['reportedAt'])).toEqual({
      category: 'valid',
      lesson: { subjectName: 'Matematik' },
      tags: [null, 'a'],
    });
  });

  it('makes null and absent the same content, but keeps array positions', () => {
    const withoutNulls = { category: 'valid', reportedAt: stored.reportedAt, lesson: { subjectName: 'Matematik' }, tags: [null, 'a'] };
    expect(contentHash(canonicalContent(stored))).toBe(contentHash(canonicalContent(withoutNulls)));
  });

  it('ignores a meta bump but not a content change', () => {
    const bumped = { ...stored, meta: { ...stored.meta, modified: '2026-03-10T02:00:00+01:00' } };
    expect(contentHash(canonicalContent(bumped))).toBe(contentHash(canonicalContent(stored)));
    expect(contentHash(canonicalContent({ ...stored, category: 'invalid' }))).not.toBe(contentHash(canonicalContent(stored)));
  });

  it('leaves non-plain objects (dates) to be serialized as they are', () => {
    const at = new Date('2026-03-09T07:31:12.000Z');
    expect(canonicalContent({ at })).toEqual({ at });
  });

  it('does not modify its input', () => {
    const copy = structuredClone(stored);
    canonicalContent(stored, ['category']);
    expect(stored).toEqual(copy);
  });
});
