/**
 * Who is evaluated at a run, and with which records (rules §2.2 visibility, §2.8 identity links
 * and multiple enrolments, §2.9 protection).
 *
 * A record is seen at run R in its latest version synced on or before R. A samordningsnummer
 * replaced by a personnummer is its own subject until the link is visible at R; from then on both
 * histories are one subject under the new key. Links come from the source, never from the digits.
 */
import type { DayNumber } from './calendar-date.js';
import type { PreparedRecord } from './attribution.js';
import type { Student } from './format/scenario-v1.js';
import type { PreparedInput } from './prepared-input.js';

export interface Subject {
  /** The subject key events carry: the student's number, or a not-yet-linked previous number. */
  readonly key: string;
  readonly student: Student;
  /** Latest visible version of every record of this subject, fritidshem records dropped. */
  readonly records: readonly PreparedRecord[];
}

/**
 * The latest version of every record visible at `run`. The version is chosen first and its
 * activity checked after: a record whose newest version says "fritidshem" is a fritidshem record
 * now, whatever its older versions said (rule 7 of §2.2).
 */
export function visibleRecords(records: readonly PreparedRecord[], run: string): PreparedRecord[] {
  // Versions are unique per record id, so only ids seen in a second version need a lookup: most
  // records have one version, and a map over every record id would dominate a large input.
  const latestOfRevised = new Map<string, number>();
  for (const record of records) {
    if (record.version > 1 && record.syncedOn <= run) {
      latestOfRevised.set(record.id, Math.max(latestOfRevised.get(record.id) ?? 0, record.version));
    }
  }
  const visible: PreparedRecord[] = [];
  for (const record of records) {
    if (record.syncedOn > run || record.fritidshem) continue;
    const latest = latestOfRevised.get(record.id);
    if (latest === undefined || latest === record.version) visible.push(record);
  }
  return visible;
}

/** The subjects of `input` at `run`, each with its visible records, in input order. */
export function subjectsAt(prepared: PreparedInput, run: string): Subject[] {
  const { input } = prepared;
  const keyOf = new Map<string, { key: string; student: Student }>();
  const order: { key: string; student: Student }[] = [];
  for (const student of input.students) {
    const own = { key: student.subject, student };
    keyOf.set(student.subject, own);
    order.push(own);
    for (const link of student.identityLinks) {
      if (link.syncedOn <= run) {
        keyOf.set(link.previousSubject, own);
      } else {
        const separate = { key: link.previousSubject, student };
        keyOf.set(link.previousSubject, separate);
        order.push(separate);
      }
    }
  }
  const recordsByKey = new Map<string, PreparedRecord[]>();
  for (const record of visibleRecords(prepared.records, run)) {
    const target = keyOf.get(record.subject);
    if (!target) continue;
    const list = recordsByKey.get(target.key);
    if (list) list.push(record);
    else recordsByKey.set(target.key, [record]);
  }
  return order.map(({ key, student }) => ({ key, student, records: recordsByKey.get(key) ?? [] }));
}

/** True when the student or a guardian has sekretessmarkering or skyddad folkbokföring (§2.9). */
export function hasProtectedIdentity(student: Student): boolean {
  return student.protection !== 'none' || student.guardians.some((guardian) => guardian.protection !== 'none');
}

/**
 * The primary unit (§2.8): the enrolment flagged primary; else the unit with the most scheduled
 * minutes in "this term" (the term of each unit's calendar containing the run date, or the latest
 * one before it), then the lowest skolenhetskod.
 */
export function primaryUnitOf(
  student: Student,
  run: DayNumber,
  scheduledMinutesInTerm: (schoolUnit: string, run: DayNumber) => number,
): string {
  const flagged = student.enrolments.find((enrolment) => enrolment.primary);
  if (flagged) return flagged.schoolUnit;
  const candidates = student.enrolments
    .map((enrolment) => ({ unit: enrolment.schoolUnit, minutes: scheduledMinutesInTerm(enrolment.schoolUnit, run) }))
    .sort((a, b) => b.minutes - a.minutes || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  return candidates[0]?.unit ?? '';
}

