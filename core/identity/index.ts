export type { CalendarDate } from './calendar-date.js';
export { compareDates, daysInMonth, formatIsoDate, isLeapYear, isRealDate, parseIsoDate } from './calendar-date.js';
export type { CivicNo, CivicNoInvalidReason, CivicNoKind, CivicNoParseResult, ParseCivicNoOptions } from './civic-no.js';
export {
  NORMALIZED_CIVIC_NO,
  assertCivicNo,
  birthDateOf,
  civicNoInvalidReasonSchema,
  civicNoKindOf,
  civicNoKindSchema,
  decodeNormalizedCivicNo,
  luhnCheckDigit,
  parseCivicNo,
  toTenDigitForm,
} from './civic-no.js';
export { ageOn } from './age.js';
export type { KeyMaterial } from './key-material.js';
export { KEY_LENGTH_BYTES, parseKeyMaterial } from './key-material.js';
export type { CivicNoHasher } from './civic-no-hash.js';
export { civicNoHash, createCivicNoHasher } from './civic-no-hash.js';
export type { SecretCipherOptions } from './secret-cipher.js';
export { SecretCipher, keyIdOf } from './secret-cipher.js';
export type { CivicNoCipherOptions } from './civic-no-cipher.js';
export { CivicNoCipher } from './civic-no-cipher.js';
export type { SecretSealerOptions, TenantSecretSealer } from './secret-sealer.js';
export { createSecretSealer } from './secret-sealer.js';
