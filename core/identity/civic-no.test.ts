import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSkolbryggaError } from '../errors.js';
import type { CivicNoInvalidReason, CivicNoKind } from './civic-no.js';
import {
  assertCivicNo,
  birthDateOf,
  civicNoKindOf,
  decodeNormalizedCivicNo,
  luhnCheckDigit,
  parseCivicNo,
  toTenDigitForm,
} from './civic-no.js';

type Expected =
  | { kind: CivicNoKind; normalized: string; birthDate?: string | null }
  | { reason: CivicNoInvalidReason };

/** Rules §6.2, one row each, in the order of the table. */
const RULES_EXAMPLES: ReadonlyArray<{ input: string; referenceDate: string; expected: Expected }> = [
  { input: '20090107-2389', referenceDate: '2025-09-01', expected: { kind: 'personnummer', normalized: '200901072389', birthDate: '2009-01-07' } },
  { input: '200901072389', referenceDate: '2025-09-01', expected: { kind: 'personnummer', normalized: '200901072389' } },
  { input: '090107-2389', referenceDate: '2025-09-01', expected: { kind: 'personnummer', normalized: '200901072389' } },
  { input: '0901072389', referenceDate: '2025-09-01', expected: { kind: 'personnummer', normalized: '200901072389' } },
  { input: ' 090107-2389 ', referenceDate: '2025-09-01', expected: { kind: 'personnummer', normalized: '200901072389' } },
  { input: '090107-2388', referenceDate: '2025-09-01', expected: { reason: 'checkDigit' } },
  { input: '19100101-9809', referenceDate: '2025-09-01', expected: { kind: 'personnummer', normalized: '191001019809', birthDate: '1910-01-01' } },
  { input: '100101+9809', referenceDate: '2025-09-01', expected: { kind: 'personnummer', normalized: '191001019809' } },
  { input: '100101-9809', referenceDate: '2025-09-01', expected: { kind: 'personnummer', normalized: '201001019809', birthDate: '2010-01-01' } },
  { input: '900101+9802', referenceDate: '2025-09-01', expected: { kind: 'personnummer', normalized: '189001019802', birthDate: '1890-01-01' } },
  { input: '251217+7011', referenceDate: '2025-03-01', expected: { kind: 'personnummer', normalized: '192512177011', birthDate: '1925-12-17' } },
  { input: '251217-7011', referenceDate: '2025-03-01', expected: { reason: 'future' } },
  { input: '20080475-2384', referenceDate: '2025-09-01', expected: { kind: 'samordningsnummer', normalized: '200804752384', birthDate: '2008-04-15' } },
  { input: '080475-2384', referenceDate: '2025-09-01', expected: { kind: 'samordningsnummer', normalized: '200804752384', birthDate: '2008-04-15' } },
  { input: '20070660-2398', referenceDate: '2025-09-01', expected: { kind: 'samordningsnummer', normalized: '200706602398', birthDate: null } },
  { input: '20080066-2397', referenceDate: '2025-09-01', expected: { kind: 'samordningsnummer', normalized: '200800662397', birthDate: null } },
  { input: '20080415-2395', referenceDate: '2025-09-01', expected: { kind: 'personnummer', normalized: '200804152395', birthDate: '2008-04-15' } },
  { input: '20080230-2380', referenceDate: '2025-09-01', expected: { reason: 'date' } },
  { input: '20080931-2382', referenceDate: '2025-09-01', expected: { reason: 'date' } },
  { input: '20080492-2383', referenceDate: '2025-09-01', expected: { reason: 'date' } },
  { input: '20090107-0003', referenceDate: '2025-09-01', expected: { reason: 'birthNumber' } },
  { input: '20081301-2382', referenceDate: '2025-09-01', expected: { reason: 'date' } },
  { input: '20231231-2388', referenceDate: '2023-06-01', expected: { reason: 'future' } },
  { input: '2009-01-07-2389', referenceDate: '2025-09-01', expected: { reason: 'malformed' } },
  { input: '090107 2389', referenceDate: '2025-09-01', expected: { reason: 'malformed' } },
  { input: '19100101+9809', referenceDate: '2025-09-01', expected: { reason: 'malformed' } },
];

/** Appends the Luhn check digit to `YYYYMMDDNNN`. */
function withCheckDigit(elevenDigits: string): string {
  return `${elevenDigits}${luhnCheckDigit(elevenDigits.slice(2))}`;
}

describe('parseCivicNo: rules §6.2 examples', () => {
  it.each(RULES_EXAMPLES)('$input on $referenceDate', ({ input, referenceDate, expected }) => {
    const result = parseCivicNo(input, { referenceDate });
    if ('reason' in expected) {
      expect(result).toMatchObject({ ok: false, reason: expected.reason });
      // No run of four digits: the message cannot carry any part of a date or birth number.
      if (!result.ok) expect(result.message).not.toMatch(/\d{4}/);
    } else {
      expect(result).toMatchObject({ ok: true, value: { kind: expected.kind, normalized: expected.normalized } });
      if (result.ok && expected.birthDate !== undefined) expect(result.value.birthDate).toBe(expected.birthDate);
    }
  });

  it('treats the 10-digit forms with "-" and "+" as two different people', () => {
    const minus = assertCivicNo('100101-9809', { referenceDate: '2025-09-01' });
    const plus = assertCivicNo('100101+9809', { referenceDate: '2025-09-01' });
    expect(minus.normalized).not.toBe(plus.normalized);
  });
});

describe('luhnCheckDigit', () => {
  it('computes the worked example of rules §6.2 (20090107-2389 → 9)', () => {
    expect(luhnCheckDigit('090107238')).toBe(9);
  });

  it('rejects anything but nine digits', () => {
    expect(() => luhnCheckDigit('09010723')).toThrow(/nine digits/);
    expect(() => luhnCheckDigit('0901072a8')).toThrow(/nine digits/);
  });
});

describe('parseCivicNo: example cast of platforms §3.3', () => {
  const cast: ReadonlyArray<[string, CivicNoKind, string]> = [
    ['201305129825', 'personnummer', '2013-05-12'],
    ['201109039816', 'personnummer', '2011-09-03'],
    ['198202149863', 'personnummer', '1982-02-14'],
    ['198007309936', 'personnummer', '1980-07-30'],
    ['200803159847', 'personnummer', '2008-03-15'],
    ['197904049801', 'personnummer', '1979-04-04'],
    ['200909219875', 'personnummer', '2009-09-21'],
    ['201211679855', 'samordningsnummer', '2012-11-07'],
    ['198403729844', 'samordningsnummer', '1984-03-12'],
    ['201106189887', 'personnummer', '2011-06-18'],
    ['201401229834', 'personnummer', '2014-01-22'],
    ['197709059914', 'personnummer', '1977-09-05'],
  ];

  it.each(cast)('%s is a valid %s born %s', (civicNo, kind, birthDate) => {
    const result = parseCivicNo(civicNo, { referenceDate: '2025-09-01', require12Digits: true });
    expect(result).toEqual({ ok: true, value: { normalized: civicNo, kind, birthDate, birthYear: Number(civicNo.slice(0, 4)) } });
  });

  it('accepts the SchoolSoft / Skola24 spelling with "-" (12 digits)', () => {
    expect(assertCivicNo('20110903-9816', { referenceDate: '2025-09-01', require12Digits: true }).normalized).toBe(
      '201109039816',
    );
  });

  it('rejects 201202299896 for its check digit; ending in 5 it is valid (29 Feb 2012 exists)', () => {
    expect(parseCivicNo('201202299896', { referenceDate: '2025-09-01' })).toMatchObject({ ok: false, reason: 'checkDigit' });
    expect(parseCivicNo('201202299895', { referenceDate: '2025-09-01' })).toMatchObject({
      ok: true,
      value: { birthDate: '2012-02-29' },
    });
  });
});

describe('parseCivicNo: platform X9 values', () => {
  it('rejects an impossible date such as 2013-02-30 even with a correct check digit', () => {
    expect(parseCivicNo(withCheckDigit('20130230982'), { referenceDate: '2025-09-01' })).toMatchObject({
      ok: false,
      reason: 'date',
    });
  });

  it('rejects a 10-digit value where the source writes 12 digits, in every 10-digit shape', () => {
    for (const input of ['0901072389', '090107-2389', '100101+9809']) {
      expect(parseCivicNo(input, { referenceDate: '2025-09-01', require12Digits: true })).toMatchObject({
        ok: false,
        reason: 'tenDigitsNotAllowed',
      });
    }
  });

  it('still reports a malformed value as malformed when 12 digits are required', () => {
    expect(parseCivicNo('09010-2389', { referenceDate: '2025-09-01', require12Digits: true })).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
  });
});

describe('parseCivicNo: temporary numbers (SS 12000)', () => {
  it('accepts 20130101TF01 as tillfalligt only where the source allows it', () => {
    expect(parseCivicNo('20130101TF01', { referenceDate: '2025-09-01', allowTemporary: true })).toEqual({
      ok: true,
      value: { normalized: '20130101TF01', kind: 'tillfalligt', birthDate: '2013-01-01', birthYear: 2013 },
    });
    expect(parseCivicNo('20130101TF01', { referenceDate: '2025-09-01' })).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('normalises the letters to capitals so spellings match', () => {
    expect(assertCivicNo(' 20130101tf01 ', { referenceDate: '2025-09-01', allowTemporary: true }).normalized).toBe(
      '20130101TF01',
    );
  });

  it('requires a real, past date part and exactly two letters and two digits', () => {
    const options = { referenceDate: '2025-09-01', allowTemporary: true };
    expect(parseCivicNo('20130230TF01', options)).toMatchObject({ ok: false, reason: 'date' });
    expect(parseCivicNo('20251001TF01', options)).toMatchObject({ ok: false, reason: 'future' });
    for (const input of ['20130101T001', '20130101TFX1', '130101TF01', '20130101-TF01', '20130101ÅF01']) {
      expect(parseCivicNo(input, options)).toMatchObject({ ok: false, reason: 'malformed' });
    }
  });
});

describe('parseCivicNo: samordningsnummer and date rules', () => {
  const referenceDate = '2025-09-01';

  it('accepts month 00 together with day 60 (both unknown)', () => {
    expect(parseCivicNo(withCheckDigit('20080060239'), { referenceDate })).toMatchObject({
      ok: true,
      value: { kind: 'samordningsnummer', birthDate: null, birthYear: 2008 },
    });
  });

  it('checks a known day against a known month, leap years included', () => {
    expect(parseCivicNo(withCheckDigit('20080289239'), { referenceDate })).toMatchObject({
      ok: true,
      value: { birthDate: '2008-02-29' },
    });
    expect(parseCivicNo(withCheckDigit('20070289239'), { referenceDate })).toMatchObject({ ok: false, reason: 'date' });
    expect(parseCivicNo(withCheckDigit('20080091239'), { referenceDate })).toMatchObject({
      ok: true,
      value: { birthDate: null },
    });
    expect(parseCivicNo(withCheckDigit('20081360239'), { referenceDate })).toMatchObject({ ok: false, reason: 'date' });
  });

  it('rejects month 00, day 00 and days 32–59 for a personnummer', () => {
    for (const datePart of ['20080015', '20080400', '20080432', '20080459']) {
      expect(parseCivicNo(withCheckDigit(`${datePart}239`), { referenceDate })).toMatchObject({ ok: false, reason: 'date' });
    }
  });

  it('compares only the birth year of a samordningsnummer with the reference date', () => {
    expect(parseCivicNo(withCheckDigit('20251275239'), { referenceDate })).toMatchObject({
      ok: true,
      value: { kind: 'samordningsnummer', birthDate: '2025-12-15' },
    });
    expect(parseCivicNo(withCheckDigit('20260175239'), { referenceDate })).toMatchObject({ ok: false, reason: 'future' });
  });

  it('accepts a personnummer born on the reference date itself', () => {
    expect(parseCivicNo(withCheckDigit('20250901239'), { referenceDate })).toMatchObject({ ok: true });
  });

  it('puts the "+" century change in the calendar year of the 100th birthday', () => {
    expect(assertCivicNo('251217+7011', { referenceDate: '2025-01-01' }).normalized).toBe('192512177011');
    expect(assertCivicNo('251217-7011', { referenceDate: '2026-01-01' }).normalized).toBe('202512177011');
    expect(assertCivicNo('251217+7011', { referenceDate: '2124-12-31' }).normalized).toBe('192512177011');
    expect(assertCivicNo('251217+7011', { referenceDate: '2125-01-01' }).normalized).toBe('202512177011');
  });

  it('rejects other separators, inner whitespace, non-ASCII digits and stray characters', () => {
    for (const input of ['', '090107_2389', '090107--2389', '0901072389 1', '09O1072389', '٠٩٠١٠٧-٢٣٨٩', '0901-072389']) {
      expect(parseCivicNo(input, { referenceDate })).toMatchObject({ ok: false, reason: 'malformed' });
    }
  });

  it('throws on a reference date that is not a real YYYY-MM-DD date', () => {
    for (const bad of ['2025-02-29', '2025-9-1', '20250901', '2025-09-01T00:00:00Z']) {
      expect(() => parseCivicNo('090107-2389', { referenceDate: bad })).toThrow(/referenceDate/);
    }
  });
});

describe('assertCivicNo', () => {
  it('throws SKB_CIVIC_NO_INVALID with the reason and without the number', () => {
    let thrown: unknown;
    try {
      assertCivicNo('090107-2388', { referenceDate: '2025-09-01' });
    } catch (error) {
      thrown = error;
    }
    expect(isSkolbryggaError(thrown, 'SKB_CIVIC_NO_INVALID')).toBe(true);
    if (!isSkolbryggaError(thrown)) return;
    expect(thrown.context).toEqual({ reason: 'checkDigit' });
    expect(thrown.message).not.toMatch(/090107|2388/);
    expect(JSON.stringify(thrown.toJSON())).not.toMatch(/090107|2388/);
  });
});

describe('normalised values', () => {
  it('birthDateOf and civicNoKindOf decode the stored form', () => {
    expect(birthDateOf('200804752384')).toBe('2008-04-15');
    expect(birthDateOf('200706602398')).toBeNull();
    expect(birthDateOf('20130101TF01')).toBe('2013-01-01');
    expect(civicNoKindOf('200804752384')).toBe('samordningsnummer');
    expect(civicNoKindOf('20130101TF01')).toBe('tillfalligt');
    expect(civicNoKindOf('200901072389')).toBe('personnummer');
  });

  it('refuses forms that are not normalised or not valid', () => {
    for (const bad of ['20090107-2389', '0901072389', '200901072388', '20130101tf01']) {
      expect(() => decodeNormalizedCivicNo(bad)).toThrow(expect.objectContaining({ code: 'SKB_CIVIC_NO_INVALID' }));
    }
  });

  it('toTenDigitForm writes "+" from the year of the 100th birthday', () => {
    expect(toTenDigitForm('191001019809', '2025-09-01')).toBe('100101+9809');
    expect(toTenDigitForm('201001019809', '2025-09-01')).toBe('100101-9809');
    expect(toTenDigitForm('192512177011', '2024-12-31')).toBe('251217-7011');
    expect(toTenDigitForm('192512177011', '2025-01-01')).toBe('251217+7011');
    expect(() => toTenDigitForm('189001019802', '2090-01-01')).toThrow(/no 10-digit form/);
    expect(() => toTenDigitForm('20130101TF01', '2025-09-01')).toThrow(/no 10-digit form/);
  });
});

describe('properties', () => {
  const referenceDates = fc
    .date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2150, 11, 31)), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 10));

  /** A birth date (as UTC midnight ISO) at most 199 calendar years before the reference date. */
  function birthDatesFor(referenceDate: string): fc.Arbitrary<string> {
    const referenceYear = Number(referenceDate.slice(0, 4));
    return fc
      .date({ min: new Date(Date.UTC(referenceYear - 199, 0, 1)), max: new Date(`${referenceDate}T00:00:00Z`), noInvalidDate: true })
      .map((date) => date.toISOString().slice(0, 10));
  }

  const birthNumbers = fc.integer({ min: 1, max: 999 }).map((n) => String(n).padStart(3, '0'));

  it('every valid 12-digit personnummer survives the round trip through its 10-digit form', () => {
    const cases = referenceDates.chain((referenceDate) =>
      fc.record({ referenceDate: fc.constant(referenceDate), birthDate: birthDatesFor(referenceDate), birthNumber: birthNumbers }),
    );
    fc.assert(
      fc.property(cases, ({ referenceDate, birthDate, birthNumber }) => {
        const normalized = withCheckDigit(`${birthDate.replaceAll('-', '')}${birthNumber}`);
        expect(assertCivicNo(normalized, { referenceDate }).kind).toBe('personnummer');
        const tenDigits = toTenDigitForm(normalized, referenceDate);
        expect(tenDigits).toMatch(/^\d{6}[-+]\d{4}$/);
        const reparsed = assertCivicNo(tenDigits, { referenceDate });
        expect(reparsed.normalized).toBe(normalized);
        expect(reparsed.birthDate).toBe(birthDate);
      }),
      { numRuns: 500 },
    );
  });

  it('every valid samordningsnummer survives the same round trip', () => {
    const cases = referenceDates.chain((referenceDate) =>
      fc.record({ referenceDate: fc.constant(referenceDate), birthDate: birthDatesFor(referenceDate), birthNumber: birthNumbers }),
    );
    fc.assert(
      fc.property(cases, ({ referenceDate, birthDate, birthNumber }) => {
        const day = Number(birthDate.slice(8, 10)) + 60;
        const normalized = withCheckDigit(`${birthDate.slice(0, 4)}${birthDate.slice(5, 7)}${day}${birthNumber}`);
        const reparsed = assertCivicNo(toTenDigitForm(normalized, referenceDate), { referenceDate });
        expect(reparsed).toMatchObject({ normalized, kind: 'samordningsnummer', birthDate });
      }),
      { numRuns: 300 },
    );
  });

  it('changing any one digit of a valid number is always caught', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (position, delta) => {
          const digits = '090107-2389'.replace('-', '');
          const changedDigit = (Number(digits[position]) + delta) % 10;
          const altered = `${digits.slice(0, position)}${changedDigit}${digits.slice(position + 1)}`;
          expect(parseCivicNo(altered, { referenceDate: '2025-09-01' }).ok).toBe(false);
        },
      ),
    );
  });

  it('never throws on arbitrary input and never puts digits of it in the message', () => {
    const inputs = fc.oneof(fc.string(), fc.stringMatching(/^\s?\d{6,8}[-+]?(?:\d{4}|[A-Z]{2}\d{2})\s?$/));
    fc.assert(
      fc.property(inputs, fc.boolean(), (input, require12Digits) => {
        const result = parseCivicNo(input, { referenceDate: '2025-09-01', allowTemporary: true, require12Digits });
        if (!result.ok) expect(result.message).not.toMatch(/\d{4}/);
      }),
      { numRuns: 500 },
    );
  });
});
