/**
 * Age in completed years (rules §2.7): of age from the start of the birthday; someone born on
 * 29 February has the birthday on 28 February in common years.
 */
import { SkolbryggaError } from '../errors.js';
import { compareDates, isLeapYear, requireIsoDate } from './calendar-date.js';

/** Completed years on `date` of someone born on `birthDate`; both `YYYY-MM-DD`. */
export function ageOn(birthDate: string, date: string): number {
  const birth = requireIsoDate(birthDate, 'birthDate');
  const on = requireIsoDate(date, 'date');
  if (compareDates(on, birth) < 0) {
    throw new SkolbryggaError('SKB_VALIDATION', 'the date is before the birth date');
  }
  const leapDayInCommonYear = birth.month === 2 && birth.day === 29 && !isLeapYear(on.year);
  const birthdayThisYear = { year: on.year, month: birth.month, day: leapDayInCommonYear ? 28 : birth.day };
  const years = on.year - birth.year;
  return compareDates(on, birthdayThisYear) < 0 ? years - 1 : years;
}
