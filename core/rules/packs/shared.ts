/**
 * Small pieces both packs use: evidence sets, ages on a day, and who receives a letter (§2.7).
 */
import { ageOn } from '../../identity/index.js';
import type { DayNumber } from '../calendar-date.js';
import { addDays, civilOf, dayNumberOf, dayOf, daysInMonth, formatDate } from '../calendar-date.js';
import type { RuleEvent } from '../events.js';
import type { Student } from '../format/scenario-v1.js';
import type { ResolvedOccurrence } from '../resolution.js';

/** The sorted union of the evidence of some occurrences (§2.2 rule 8). */
export function evidenceOf(occurrences: readonly ResolvedOccurrence[]): string[] {
  const first = occurrences[0]?.evidence;
  if (!first) return [];
  // Common cases without sorting: one occurrence (its evidence is sorted and distinct), or one
  // record behind all of them (a registration of several lessons).
  if (occurrences.length === 1) return [...first];
  if (first.length === 1 && occurrences.every((o) => o.evidence.length === 1 && o.evidence[0] === first[0])) return [...first];
  const ids: string[] = [];
  for (const occurrence of occurrences) for (const id of occurrence.evidence) ids.push(id);
  ids.sort();
  return ids.filter((id, index) => index === 0 || id !== ids[index - 1]);
}

const turningDays = new WeakMap<Student, Map<number, DayNumber>>();

/**
 * The first day on which the student is `age` years old (§2.7: of age from the start of the
 * birthday; 29 February → 28 February in common years). Computed once per student and age, with
 * core/identity's `ageOn` as the authority: the birthday rule gives a candidate, `ageOn` confirms it.
 */
export function dayTurning(student: Student, age: number): DayNumber {
  let byAge = turningDays.get(student);
  if (!byAge) {
    byAge = new Map();
    turningDays.set(student, byAge);
  }
  let turning = byAge.get(age);
  if (turning === undefined) {
    const birth = dayOf(student.birthDate);
    const { year, month, day } = civilOf(birth);
    const target = year + age;
    let candidate = dayNumberOf(target, month, Math.min(day, daysInMonth(target, month)));
    const ageAt = (at: DayNumber): number => (at < birth ? -1 : ageOn(student.birthDate, formatDate(at)));
    while (ageAt(candidate) < age) candidate = addDays(candidate, 1);
    while (candidate > birth && ageAt(addDays(candidate, -1)) >= age) candidate = addDays(candidate, -1);
    turning = candidate;
    byAge.set(age, turning);
  }
  return turning;
}

/** Whether the student is younger than `age` on `day`. */
export function isUnderAge(student: Student, day: DayNumber, age: number): boolean {
  return day < dayTurning(student, age);
}

const addressees = new WeakMap<Student, NonNullable<RuleEvent['addressees']>>();

/**
 * The guardians registered for notices, each with their channels (descriptive output). One
 * array per student, shared by all of its events: a student may get a notice every day.
 */
export function addresseesOf(student: Student): NonNullable<RuleEvent['addressees']> {
  let list = addressees.get(student);
  if (!list) {
    list = student.guardians
      .filter((guardian) => guardian.receivesNotices)
      .map((guardian) => ({ subject: guardian.subject, channels: [...guardian.channels] }));
    addressees.set(student, list);
  }
  return list;
}

/** Letters go to the guardians while the student is under `adultAge` on the trigger date, else to the student. */
export function letterRecipient(student: Student, day: DayNumber, adultAge: number): 'guardians' | 'student' {
  return isUnderAge(student, day, adultAge) ? 'guardians' : 'student';
}

/** Sum of minutes. */
export function minutesOf(occurrences: readonly ResolvedOccurrence[]): number {
  let total = 0;
  for (const occurrence of occurrences) total += occurrence.minutes;
  return total;
}
