/**
 * Synthetic civic numbers (platforms README §2): 12 digits, Luhn-valid over the last 10, birth
 * numbers 980–999 so they are easy to spot; samordningsnummer add 60 to the day.
 *
 * Uniqueness without a registry: a person's number is a pure function of a *slot* — an index that
 * the roster derives from the person's place in the world (cohort and position, see roster.ts) and
 * that no other person has. Slot → (birth date, birth number) is a bijection per birth year, and the
 * cast's fixed numbers are cut out of it, so no generated number can equal a cast member's.
 * Each birth year offers 365 × 20 numbers in 980–999; a world too large for that (over about
 * 40,000 students) continues with birth numbers 100–979, which only the memory test uses.
 */
import { rngFor } from './prng.js';
import type { WorldSeed } from './prng.js';
import { dayNumberOf, isoDateOf } from './stockholm-time.js';

const DAYS = 365;
const PRIMARY_FIRST = 980;
const PRIMARY_COUNT = 20;
const OVERFLOW_FIRST = 100;
const OVERFLOW_COUNT = 880;
/** Coprime with 365, so x ↦ (37x + b) mod 365 visits every day once. */
const DAY_STEP = 37;
/** 37 × 148 = 15 × 365 + 1 */
const DAY_STEP_INVERSE = 148;
export const SLOTS_PER_YEAR = DAYS * (PRIMARY_COUNT + OVERFLOW_COUNT);

export type CivicNoType = 'personnummer' | 'samordningsnummer' | 'tillfalligt';

export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let index = 0; index < 9; index++) {
    let digit = Number(nineDigits[index]) * (index % 2 === 0 ? 2 : 1);
    if (digit > 9) digit -= 9;
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when a 12-digit number's last 10 digits pass Luhn. */
export function hasValidCheckDigit(twelveDigits: string): boolean {
  return luhnCheckDigit(twelveDigits.slice(2, 11)) === Number(twelveDigits[11]);
}

/** 12-digit number for a birth date and birth number; `samordning` adds 60 to the day. */
export function composeCivicNo(birthDate: string, birthNumber: number, samordning = false): string {
  const [year, month, day] = birthDate.split('-');
  const dayPart = samordning ? String(Number(day) + 60) : (day ?? '');
  const first11 = `${year ?? ''}${month ?? ''}${dayPart}${String(birthNumber).padStart(3, '0')}`;
  return `${first11}${luhnCheckDigit(first11.slice(2))}`;
}

/** The same number with a wrong check digit (X9 `badCheckDigit`). */
export function withBadCheckDigit(twelveDigits: string): string {
  const correct = Number(twelveDigits[11]);
  return `${twelveDigits.slice(0, 11)}${(correct + 3) % 10}`;
}

/** 10-digit form `YYMMDDNNNC` (X9 `tenDigit`: a platform that writes 12 wrote 10). */
export function toTenDigits(twelveDigits: string): string {
  return twelveDigits.slice(2);
}

/** Birth date of a 12-digit number (a samordningsnummer's day minus 60). */
export function birthDateOf(twelveDigits: string): string {
  const day = Number(twelveDigits.slice(6, 8));
  const realDay = day > 60 ? day - 60 : day;
  return `${twelveDigits.slice(0, 4)}-${twelveDigits.slice(4, 6)}-${String(realDay).padStart(2, '0')}`;
}

export function birthNumberOf(twelveDigits: string): number {
  return Number(twelveDigits.slice(8, 11));
}

/** The birth number's last digit: odd for men (Skatteverket's rule). */
export function sexOf(birthNumber: number): 'Man' | 'Kvinna' {
  return birthNumber % 2 === 1 ? 'Man' : 'Kvinna';
}

interface BirthSlot {
  readonly birthDate: string;
  readonly birthNumber: number;
}

function rankToBirthNumber(rank: number, dayIndex: number): number {
  if (rank < PRIMARY_COUNT) return PRIMARY_FIRST + ((rank + dayIndex) % PRIMARY_COUNT);
  return OVERFLOW_FIRST + ((rank - PRIMARY_COUNT + dayIndex) % OVERFLOW_COUNT);
}

function birthNumberToRank(birthNumber: number, dayIndex: number): number {
  if (birthNumber >= PRIMARY_FIRST) return (((birthNumber - PRIMARY_FIRST - dayIndex) % PRIMARY_COUNT) + PRIMARY_COUNT) % PRIMARY_COUNT;
  const offset = (((birthNumber - OVERFLOW_FIRST - dayIndex) % OVERFLOW_COUNT) + OVERFLOW_COUNT) % OVERFLOW_COUNT;
  return PRIMARY_COUNT + offset;
}

/**
 * Allocates birth slots for one world. Slot index t of a year decodes to day-of-year
 * (37·(t mod 365) + b_year) mod 365 and a birth number from the rank ⌊t / 365⌋, rotated by the
 * day so that neighbouring slots alternate sex. `reserved` numbers are skipped.
 */
export class BirthSlotAllocator {
  private readonly yearOffsets = new Map<number, number>();
  private readonly reservedByYear = new Map<number, number[]>();

  constructor(
    private readonly seed: WorldSeed,
    reservedCivicNos: readonly string[],
  ) {
    for (const civicNo of reservedCivicNos) {
      const birthDate = birthDateOf(civicNo);
      const year = Number(birthDate.slice(0, 4));
      const slot = this.slotOf(year, birthDate, birthNumberOf(civicNo));
      const list = this.reservedByYear.get(year) ?? [];
      list.push(slot);
      this.reservedByYear.set(year, list);
    }
    for (const [year, list] of this.reservedByYear) this.reservedByYear.set(year, [...new Set(list)].sort((left, right) => left - right));
  }

  private yearOffset(year: number): number {
    let offset = this.yearOffsets.get(year);
    if (offset === undefined) {
      offset = rngFor(this.seed, 'birthYearOffset', String(year)).int(0, DAYS - 1);
      this.yearOffsets.set(year, offset);
    }
    return offset;
  }

  private slotOf(year: number, birthDate: string, birthNumber: number): number {
    const dayOfYear = dayNumberOf(birthDate) - dayNumberOf(`${year}-01-01`);
    const dayIndex = (((dayOfYear - this.yearOffset(year)) * DAY_STEP_INVERSE) % DAYS + DAYS) % DAYS;
    return birthNumberToRank(birthNumber, dayIndex) * DAYS + dayIndex;
  }

  /** The `index`-th free slot of `year`, decoded. */
  allocate(year: number, index: number): BirthSlot {
    let slot = index;
    for (const reserved of this.reservedByYear.get(year) ?? []) {
      if (reserved <= slot) slot++;
      else break;
    }
    if (slot >= SLOTS_PER_YEAR) throw new RangeError(`birth year ${year} has no free civic number left`);
    const dayIndex = slot % DAYS;
    const rank = Math.floor(slot / DAYS);
    const dayOfYear = (DAY_STEP * dayIndex + this.yearOffset(year)) % DAYS;
    return {
      birthDate: isoDateOf(dayNumberOf(`${year}-01-01`) + dayOfYear),
      birthNumber: rankToBirthNumber(rank, dayIndex),
    };
  }
}
