import { describe, expect, it } from 'vitest';
import { BirthSlotAllocator, composeCivicNo, hasValidCheckDigit, luhnCheckDigit, sexOf, toTenDigits, withBadCheckDigit } from './civic-numbers.js';
import { reservedCivicNumbers } from './specials.js';

describe('civic numbers', () => {
  it('computes Luhn over the last ten digits like the example cast', () => {
    for (const civicNo of ['201305129825', '201109039816', '198202149863', '198007309936', '200803159847', '197904049801', '200909219875', '201211679855', '198403729844', '201106189887', '201401229834', '197709059914']) {
      expect(hasValidCheckDigit(civicNo), civicNo).toBe(true);
    }
    expect(hasValidCheckDigit('201202299896')).toBe(false);
    expect(luhnCheckDigit('120229989')).toBe(5);
  });

  it('composes personnummer and samordningsnummer and breaks them on purpose', () => {
    expect(composeCivicNo('2013-05-12', 982)).toBe('201305129825');
    expect(composeCivicNo('2012-11-07', 985, true)).toBe('201211679855');
    expect(hasValidCheckDigit(withBadCheckDigit('201305129825'))).toBe(false);
    expect(toTenDigits('201305129825')).toBe('1305129825');
    expect(sexOf(985)).toBe('Man');
    expect(sexOf(982)).toBe('Kvinna');
  });

  it('allocates distinct numbers, 980–999 first, avoiding the reserved cast numbers', () => {
    const reserved = reservedCivicNumbers();
    const allocator = new BirthSlotAllocator('seed', reserved);
    const seen = new Set<string>();
    for (const year of [2008, 2012, 2013]) {
      for (let index = 0; index < 7290; index++) {
        const slot = allocator.allocate(year, index);
        const civicNo = composeCivicNo(slot.birthDate, slot.birthNumber);
        expect(slot.birthNumber).toBeGreaterThanOrEqual(980);
        expect(slot.birthDate.startsWith(String(year))).toBe(true);
        expect(seen.has(civicNo)).toBe(false);
        seen.add(civicNo);
      }
    }
    for (const civicNo of reserved) expect(seen.has(civicNo), civicNo).toBe(false);
    expect(allocator.allocate(2013, 7400).birthNumber).toBeLessThan(980);
  });

  it('alternates sex between neighbouring slots', () => {
    const allocator = new BirthSlotAllocator('seed', []);
    let men = 0;
    for (let index = 0; index < 1000; index++) if (sexOf(allocator.allocate(2010, index).birthNumber) === 'Man') men++;
    expect(men).toBeGreaterThan(400);
    expect(men).toBeLessThan(600);
  });
});
