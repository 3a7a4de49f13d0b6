/**
 * S1 of rule pack `skollagen` (§4.2): the same-day information about invalid absence — one
 * notice per student and school date, across all units (F4–F6).
 */
import type { DayNumber } from '../../calendar-date.js';
import { formatDate } from '../../calendar-date.js';
import type { RuleEvent } from '../../events.js';
import { createEvent } from '../../events.js';
import type { SkollagenParameters } from '../../parameters.js';
import type { ResolvedOccurrence } from '../../resolution.js';
import type { Timeline } from '../../timeline.js';
import { isInvalidAbsence, isLateArrival } from '../../timeline.js';
import { addresseesOf, dayTurning, evidenceOf, minutesOf } from '../shared.js';

const PACK = 'skollagen';

function isInvalidOrLate(occurrence: ResolvedOccurrence): boolean {
  return isInvalidAbsence(occurrence) || isLateArrival(occurrence);
}

export function sameDayNotices(timeline: Timeline, parameters: SkollagenParameters): RuleEvent[] {
  const student = timeline.subject.student;
  const subject = timeline.subject.key;
  const idPrefix = `${PACK}:notify.invalid_absence:${subject}:`;
  const events: RuleEvent[] = [];
  const comesOfAge = dayTurning(student, parameters.notifyGuardiansUnderAge);
  const isListed = parameters.notifyIncludesLate ? isInvalidOrLate : isInvalidAbsence;
  const { days, occurrences, schedules } = timeline;
  for (let i = 0; i < days.length; i += 1) {
    const all = occurrences[i];
    if (!all || !all.some(isListed)) continue;
    const day = days[i] as DayNumber;
    const underAge = day < comesOfAge;
    if (!underAge && !parameters.notifyAdultStudent) continue;
    const listed = all.filter(isListed);
    const lessons: string[] = [];
    for (const occurrence of listed) if (occurrence.name !== null) lessons.push(occurrence.name);
    // F4: when the missed lessons are all the day's last one, the notice may wait until the next school day.
    const last = schedules[i]?.lastOccurrences;
    let mayWait = parameters.lastLessonMayWait && lessons.length === listed.length && last !== undefined;
    for (let k = 0; mayWait && k < lessons.length; k += 1) mayWait = last?.has(lessons[k] as string) ?? false;
    // "Next school day" is the primary unit's; a calendar that lists none after d leaves the due date on d.
    const dueDate: DayNumber = mayWait ? (timeline.calendar.nextSchoolDayAfter(day) ?? day) : day;
    const date = formatDate(day);
    events.push(
      createEvent({
        id: idPrefix + date,
        pack: PACK,
        type: 'notify.invalid_absence',
        triggerDate: date,
        subject,
        protectedIdentity: timeline.protectedIdentity,
        // A minor with no guardian registered for notices still gets an event addressed to the
        // guardians (with no addressees): the duty to inform remains and a person must act.
        recipient: underAge ? 'guardians' : 'student',
        evidence: evidenceOf(listed),
        details: { absenceDate: date, lessons, minutes: minutesOf(listed), dueDate: formatDate(dueDate) },
        addressees: underAge ? addresseesOf(student) : undefined,
      }),
    );
  }
  return events;
}
