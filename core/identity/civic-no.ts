/**
 * Personnummer, samordningsnummer and SS 12000's temporary numbers: parsing, validation and the
 * 12-character normalised form that is stored, hashed and compared (rules §6.1).
 *
 * Every message here describes the problem without quoting the number, because messages end up
 * in logs and quarantine records.
 */
import { z } from 'zod';
import { SkolbryggaError } from '../errors.js';
import type { CalendarDate } from './calendar-date.js';
import { formatIsoDate, isRealDate, requireIsoDate } from './calendar-date.js';

export const civicNoKindSchema = z.enum(['personnummer', 'samordningsnummer', 'tillfalligt']);
export type CivicNoKind = z.infer<typeof civicNoKindSchema>;

export const civicNoInvalidReasonSchema = z.enum([
  'malformed',
  'checkDigit',
  'birthNumber',
  'date',
  'future',
  'tenDigitsNotAllowed',
]);
export type CivicNoInvalidReason = z.infer<typeof civicNoInvalidReasonSchema>;

/** The stored form: 12 digits, or a temporary number's 8-digit date, two capital letters and two digits. */
export const NORMALIZED_CIVIC_NO = /^\d{8}(?:\d{4}|[A-Z]{2}\d{2})$/;

export interface ParseCivicNoOptions {
  /** `YYYY-MM-DD` the number was received; decides the century of a 10-digit number. Never "today" in tests. */
  readonly referenceDate: string;
  /** Accept temporary numbers such as `20130101TF01`; only for sources that define them (SS 12000). */
  readonly allowTemporary?: boolean;
  /** The source writes 12 digits, so a 10-digit value there is a data error (platforms X9). */
  readonly require12Digits?: boolean;
}

export interface CivicNo {
  /** 12 characters, no separator. */
  readonly normalized: string;
  readonly kind: CivicNoKind;
  /** `YYYY-MM-DD`; null when a samordningsnummer leaves the month or the day unknown. */
  readonly birthDate: string | null;
  /** Always known, even when `birthDate` is not. */
  readonly birthYear: number;
}

export type CivicNoParseResult =
  | { readonly ok: true; readonly value: CivicNo }
  | { readonly ok: false; readonly reason: CivicNoInvalidReason; readonly message: string };

type Invalid = Extract<CivicNoParseResult, { ok: false }>;
/** Outcome of the reference-date-free checks; `parseCivicNo` adds the reference-date check on top. */
type Decoded = CivicNoParseResult;

const TWELVE_DIGITS = /^(\d{8})-?(\d{4})$/;
const TEN_DIGITS = /^(\d{6})([-+]?)(\d{4})$/;
const TEMPORARY = /^(\d{8})([A-Za-z]{2}\d{2})$/;
const SAMORDNINGSNUMMER_DAY_OFFSET = 60;

function invalid(reason: CivicNoInvalidReason, message: string): Invalid {
  return { ok: false, reason, message };
}

/**
 * Luhn check digit over nine digits (`YYMMDDNNN` as written): weights 2,1,2,… from the left,
 * digit sums of the products, then `(10 − sum mod 10) mod 10`.
 */
export function luhnCheckDigit(nineDigits: string): number {
  if (!/^\d{9}$/.test(nineDigits)) {
    throw new SkolbryggaError('SKB_VALIDATION', 'the Luhn input must be exactly nine digits');
  }
  let sum = 0;
  for (let index = 0; index < nineDigits.length; index += 1) {
    const product = Number(nineDigits[index]) * (index % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/** The one year in the window that ends in `twoDigitYear` (rules §6.1 rule 2). */
function centuryYear(twoDigitYear: number, plusSeparator: boolean, referenceYear: number): number {
  const firstYear = referenceYear - (plusSeparator ? 199 : 99);
  return firstYear + ((((twoDigitYear - firstYear) % 100) + 100) % 100);
}

/** Checks `YYYYMMDDNNNC`: check digit, birth number, date part. The reference date is not involved. */
function decodeTwelveDigits(digits: string): Decoded {
  if (luhnCheckDigit(digits.slice(2, 11)) !== Number(digits[11])) {
    return invalid('checkDigit', 'the check digit does not match');
  }
  if (digits.slice(8, 11) === '000') return invalid('birthNumber', 'the birth number must be 001–999');

  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  const writtenDay = Number(digits.slice(6, 8));
  if (writtenDay < SAMORDNINGSNUMMER_DAY_OFFSET) {
    if (!isRealDate(year, month, writtenDay)) return invalid('date', 'the date part is not a real calendar date');
    return decoded(digits, 'personnummer', year, { year, month, day: writtenDay });
  }

  // Samordningsnummer: month 00 and day 60 stand for "unknown" (F44); a known day must exist in a known month.
  const day = writtenDay - SAMORDNINGSNUMMER_DAY_OFFSET;
  const monthKnown = month !== 0;
  const dayKnown = day !== 0;
  const valid =
    month <= 12 && day <= 31 && (!monthKnown || !dayKnown || isRealDate(year, month, day));
  if (!valid) return invalid('date', 'the date part is not a valid samordningsnummer date (day plus 60)');
  return decoded(digits, 'samordningsnummer', year, monthKnown && dayKnown ? { year, month, day } : null);
}

/** Checks a temporary number `YYYYMMDD` + two letters + two digits; its date must be real. */
function decodeTemporary(datePart: string, suffix: string): Decoded {
  const year = Number(datePart.slice(0, 4));
  const month = Number(datePart.slice(4, 6));
  const day = Number(datePart.slice(6, 8));
  if (!isRealDate(year, month, day)) return invalid('date', 'the date part is not a real calendar date');
  // Letters are compared in capitals so two sources writing the same number in different case still match.
  return decoded(`${datePart}${suffix.toUpperCase()}`, 'tillfalligt', year, { year, month, day });
}

function decoded(normalized: string, kind: CivicNoKind, birthYear: number, birth: CalendarDate | null): Decoded {
  return { ok: true, value: { normalized, kind, birthYear, birthDate: birth ? formatIsoDate(birth) : null } };
}

/** Rule 6: a person cannot be born after the number was received; for unknown dates only the year can be compared. */
function checkNotAfter(value: CivicNo, reference: CalendarDate): Decoded {
  if (value.kind === 'samordningsnummer') {
    return value.birthYear > reference.year
      ? invalid('future', 'the birth year is after the year the number was received')
      : { ok: true, value };
  }
  // Zero-padded YYYY-MM-DD strings order like the dates they name.
  return value.birthDate !== null && value.birthDate > formatIsoDate(reference)
    ? invalid('future', 'the birth date is after the date the number was received')
    : { ok: true, value };
}

/**
 * Parses a civic number as a source wrote it (rules §6.1). Data errors come back as `{ ok: false }`
 * with a reason; a malformed `referenceDate` is a programming error and throws.
 */
export function parseCivicNo(input: string, options: ParseCivicNoOptions): CivicNoParseResult {
  const reference = requireIsoDate(options.referenceDate, 'referenceDate');
  const text = input.trim();

  const temporary = TEMPORARY.exec(text);
  if (temporary) {
    if (!options.allowTemporary) return invalid('malformed', 'temporary numbers are not accepted from this source');
    const result = decodeTemporary(temporary[1] ?? '', temporary[2] ?? '');
    return result.ok ? checkNotAfter(result.value, reference) : result;
  }

  let digits: string;
  const twelve = TWELVE_DIGITS.exec(text);
  if (twelve) {
    digits = `${twelve[1]}${twelve[2]}`;
  } else {
    const ten = TEN_DIGITS.exec(text);
    if (!ten) {
      return invalid(
        'malformed',
        'expected YYYYMMDD-NNNC, YYYYMMDDNNNC, YYMMDD-NNNC, YYMMDD+NNNC or YYMMDDNNNC',
      );
    }
    if (options.require12Digits) {
      return invalid('tenDigitsNotAllowed', 'this source writes 12 digits; a 10-digit value is not accepted');
    }
    const [, dateDigits = '', separator, tail = ''] = ten;
    const year = centuryYear(Number(dateDigits.slice(0, 2)), separator === '+', reference.year);
    digits = `${String(year).padStart(4, '0')}${dateDigits.slice(2)}${tail}`;
  }

  const result = decodeTwelveDigits(digits);
  return result.ok ? checkNotAfter(result.value, reference) : result;
}

/** `parseCivicNo` for callers that cannot continue without a valid number. */
export function assertCivicNo(input: string, options: ParseCivicNoOptions): CivicNo {
  const result = parseCivicNo(input, options);
  if (!result.ok) {
    throw new SkolbryggaError('SKB_CIVIC_NO_INVALID', result.message, { context: { reason: result.reason } });
  }
  return result.value;
}

/**
 * Decodes an already normalised value (as stored). Re-checks everything except the reference
 * date, so a corrupted stored value fails loudly instead of yielding a wrong birth date.
 */
export function decodeNormalizedCivicNo(normalized: string): CivicNo {
  if (!NORMALIZED_CIVIC_NO.test(normalized)) {
    throw new SkolbryggaError('SKB_CIVIC_NO_INVALID', 'expected the normalised 12-character form', {
      context: { reason: 'malformed' },
    });
  }
  const temporary = TEMPORARY.exec(normalized);
  const result = temporary
    ? decodeTemporary(temporary[1] ?? '', temporary[2] ?? '')
    : decodeTwelveDigits(normalized);
  if (!result.ok) {
    throw new SkolbryggaError('SKB_CIVIC_NO_INVALID', result.message, { context: { reason: result.reason } });
  }
  return result.value;
}

/** Birth date (`YYYY-MM-DD`) of a normalised number; null when a samordningsnummer leaves month or day unknown. */
export function birthDateOf(normalized: string): string | null {
  return decodeNormalizedCivicNo(normalized).birthDate;
}

export function civicNoKindOf(normalized: string): CivicNoKind {
  return decodeNormalizedCivicNo(normalized).kind;
}

/**
 * The 10-digit form `YYMMDD-NNNC` / `YYMMDD+NNNC` as it would be written on `referenceDate`:
 * "+" from the calendar year of the 100th birthday (F41). Lossy: only for display or for sources
 * that want it; never store it.
 */
export function toTenDigitForm(normalized: string, referenceDate: string): string {
  const { kind, birthYear } = decodeNormalizedCivicNo(normalized);
  const reference = requireIsoDate(referenceDate, 'referenceDate');
  const yearsSinceBirthYear = reference.year - birthYear;
  if (kind === 'tillfalligt' || yearsSinceBirthYear < 0 || yearsSinceBirthYear > 199) {
    throw new SkolbryggaError('SKB_VALIDATION', 'this number has no 10-digit form on the reference date', {
      context: { kind },
    });
  }
  return `${normalized.slice(2, 8)}${yearsSinceBirthYear >= 100 ? '+' : '-'}${normalized.slice(8)}`;
}
