/**
 * S2 of rule pack `skollagen` (§4.3): recommend an investigation of repeated or longer absence,
 * valid or invalid (7 kap. 19 a §, 15 kap. 16 §; F7, F8). Two conditions — a share of scheduled
 * time in a rolling window, or a run of whole days absent — and an arming rule so a student who
 * stays above the line is not reported every day.
 */
import type { DayNumber } from '../../calendar-date.js';
import { addDays, formatDate } from '../../calendar-date.js';
import type { RuleEvent } from '../../events.js';
import { createEvent } from '../../events.js';
import type { SkollagenParameters } from '../../parameters.js';
import type { ResolvedOccurrence } from '../../resolution.js';
import type { Timeline } from '../../timeline.js';
import { evidenceOf } from '../shared.js';

const PACK = 'skollagen';
const NONE: readonly ResolvedOccurrence[] = [];

export function investigationRecommendations(
  timeline: Timeline,
  parameters: SkollagenParameters,
): RuleEvent[] {
  const { days, hasTimetable } = timeline;
  // Without any absence neither condition can hold: nothing to replay.
  if (timeline.occurrences.every((list) => list === undefined || list.length === 0)) return [];
  const counts = new Set<string>(parameters.investigationCountsCategories);
  const events: RuleEvent[] = [];

  // An occurrence of a counted category with minutes (or, without a timetable, a full day) is
  // counted absence, and its records are the evidence.
  const isCounted = (o: ResolvedOccurrence): boolean => counts.has(o.category) && (o.minutes > 0 || o.fullDay);
  /** Counted absence of day i; most days have none, so no array is made for them. */
  const countedOn = (i: number): readonly ResolvedOccurrence[] => {
    const all = occurrences[i];
    return all && all.length > 0 ? all.filter(isCounted) : NONE;
  };
  /** Counted minutes of day i, without building a list. */
  const countedMinutesOn = (i: number): number => {
    const all = occurrences[i];
    let minutes = 0;
    if (all) for (const occurrence of all) if (isCounted(occurrence)) minutes += occurrence.minutes;
    return minutes;
  };
  const { occurrences, schedules, replay } = timeline;
  const { fromIndex, fromDay } = replay.windowsOf(parameters.investigationWindowDays);
  // The share window as running sums: its start never moves back (§2.5).
  let windowFrom = 0;
  let absentMinutes = 0;
  let scheduledMinutes = 0;
  let armed = true;
  let ordinal = 0;
  let lastTrue: DayNumber | null = null;
  let run: number[] = [];

  for (let i = 0; i < days.length; i += 1) {
    const day = days[i] as DayNumber;
    if (replay.opensSchoolYear(i)) {
      armed = true;
      ordinal = 0;
      run = [];
    }

    const absentToday = countedMinutesOn(i);
    const scheduledToday = schedules[i]?.scheduledMinutes ?? 0;
    absentMinutes += absentToday;
    scheduledMinutes += scheduledToday;
    for (const from = fromIndex[i] ?? i; windowFrom < from; windowFrom += 1) {
      absentMinutes -= countedMinutesOn(windowFrom);
      scheduledMinutes -= schedules[windowFrom]?.scheduledMinutes ?? 0;
    }
    // Without absence there is nothing to investigate, even when a municipality sets the minimum to 0.
    const share =
      hasTimetable &&
      absentMinutes > 0 &&
      scheduledMinutes > 0 &&
      scheduledMinutes >= parameters.investigationMinScheduledMinutes &&
      absentMinutes * 100 >= parameters.investigationSharePercent * scheduledMinutes;

    // A day with nothing scheduled neither counts nor interrupts the run; without a timetable
    // only a full-day record makes a full absence day (§4.3).
    let fullAbsenceDay: boolean;
    if (hasTimetable) {
      fullAbsenceDay = scheduledToday > 0 && absentToday >= scheduledToday;
      if (fullAbsenceDay) run.push(i);
      else if (scheduledToday > 0 && run.length > 0) run = [];
    } else {
      fullAbsenceDay = (occurrences[i] ?? NONE).some((occurrence) => isCounted(occurrence) && occurrence.fullDay);
      if (fullAbsenceDay) run.push(i);
      else if (run.length > 0) run = [];
    }
    const consecutiveFullDays = fullAbsenceDay ? run.length : 0;
    // The run is counted only on a full absence day (so it is 0 otherwise, as the details say):
    // a day with nothing scheduled keeps the run but does not itself meet the condition.
    const consecutive = consecutiveFullDays >= parameters.investigationConsecutiveFullDays;

    if (!armed && lastTrue !== null && day >= addDays(lastTrue, parameters.investigationRearmDays + 1)) armed = true;
    if ((share || consecutive) && armed) {
      ordinal += 1;
      armed = false;
      const schoolYear = replay.schoolYearOf(i);
      const window: ResolvedOccurrence[] = [];
      for (let k = windowFrom; k <= i; k += 1) window.push(...countedOn(k));
      const evidence = evidenceOf(share ? window : run.flatMap(countedOn));
      events.push(
        createEvent({
          id: `${PACK}:investigation.recommended:${timeline.subject.key}:${schoolYear}:${ordinal}`,
          pack: PACK,
          type: 'investigation.recommended',
          triggerDate: formatDate(day),
          subject: timeline.subject.key,
          protectedIdentity: timeline.protectedIdentity,
          recipient: 'rektor',
          evidence,
          details: {
            schoolYear,
            ordinal,
            reason: share ? 'share' : 'consecutive',
            absentMinutes: hasTimetable ? absentMinutes : null,
            scheduledMinutes: hasTimetable ? scheduledMinutes : null,
            consecutiveFullDays,
            windowStart: formatDate(fromDay[i] ?? day),
            windowEnd: formatDate(day),
            sharePercent: hasTimetable && scheduledMinutes > 0 ? Math.round((absentMinutes * 1000) / scheduledMinutes) / 10 : null,
          },
        }),
      );
    }
    if (share || consecutive) lastTrue = day;
  }
  return events;
}
