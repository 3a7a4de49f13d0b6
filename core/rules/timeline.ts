/**
 * One subject's replay material for one pack: the school days of its primary unit from the start
 * of the previous school year up to the run (§2.6), and the resolved occurrences of each day.
 * Occurrences on dates that are not school days of the primary unit are dropped here, so no rule
 * ever sees them (§2.4).
 */
import type { DayNumber } from './calendar-date.js';
import { addDays, dayOf } from './calendar-date.js';
import { attribute } from './attribution.js';
import type { PreparedInput } from './prepared-input.js';
import type { ReplayDays } from './replay-days.js';
import { replayDaysOf } from './replay-days.js';
import type { ResolutionParameters, ResolvedOccurrence } from './resolution.js';
import { resolveSlot } from './resolution.js';
import type { SchoolCalendar, SchoolYears } from './school-calendar.js';
import type { Subject } from './subjects.js';
import { hasProtectedIdentity, primaryUnitOf } from './subjects.js';
import type { CompiledTimetable } from './timetable.js';

export interface DaySchedule {
  /** Scheduled minutes of the student's occurrences (all enrolled units); 0 without a timetable. */
  readonly scheduledMinutes: number;
  /** Names of the occurrences with the day's latest start, across units (§4.2 dueDate). */
  readonly lastOccurrences: ReadonlySet<string>;
}

export interface Timeline {
  readonly subject: Subject;
  readonly protectedIdentity: boolean;
  readonly primaryUnit: string;
  /** Municipality of the primary unit's huvudman; null for an independent huvudman. */
  readonly primaryHuvudman: string | null;
  readonly calendar: SchoolCalendar;
  readonly hasTimetable: boolean;
  /** Replay school days, ascending. Index i of every per-day array refers to `days[i]`. */
  readonly days: readonly DayNumber[];
  /** School years and rolling windows of those days. */
  readonly replay: ReplayDays;
  /** Resolved occurrences per day, in start order; a hole for a day without any. */
  readonly occurrences: readonly (readonly ResolvedOccurrence[] | undefined)[];
  readonly schedules: readonly DaySchedule[];
}

const NO_SCHEDULE: DaySchedule = { scheduledMinutes: 0, lastOccurrences: new Set() };

/** INV(d) of §2.2: resolved invalid occurrences with minutes (or, without a timetable, an invalid full day). */
export function isInvalidAbsence(occurrence: ResolvedOccurrence): boolean {
  return occurrence.category === 'invalid' && (occurrence.minutes > 0 || (occurrence.name === null && occurrence.fullDay));
}

export function isLateArrival(occurrence: ResolvedOccurrence): boolean {
  return occurrence.category === 'late';
}

/** Occurrences of a day in start order (§2.2); names are unique on a date, so the order is total. */
function byStartThenName(a: ResolvedOccurrence, b: ResolvedOccurrence): number {
  const nameA = a.name ?? '';
  const nameB = b.name ?? '';
  return a.start - b.start || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0);
}

/** Inserts into a day's short list in start order; `Array.prototype.sort` would allocate per call. */
function insertInOrder(list: ResolvedOccurrence[], occurrence: ResolvedOccurrence): void {
  let at = list.length;
  list.push(occurrence);
  while (at > 0 && byStartThenName(list[at - 1] as ResolvedOccurrence, occurrence) > 0) {
    list[at] = list[at - 1] as ResolvedOccurrence;
    at -= 1;
  }
  list[at] = occurrence;
}

/** What every subject with the same primary unit and units shares within one run. */
interface Frame {
  readonly calendar: SchoolCalendar;
  readonly days: readonly DayNumber[];
  /** Index of `days[0]` in the calendar's school days. */
  readonly firstIndex: number;
  readonly replay: ReplayDays;
  readonly schedules: readonly DaySchedule[];
  readonly huvudman: string | null;
}

/**
 * Builds the timelines of one run for one set of common parameters. Subjects with the same
 * primary unit and units share their days, windows and schedules, computed once per run.
 */
export class TimelineBuilder {
  private readonly runDay: DayNumber;
  private readonly frames = new Map<string, Frame>();

  constructor(
    private readonly prepared: PreparedInput,
    run: string,
    private readonly years: SchoolYears,
    private readonly resolution: ResolutionParameters,
  ) {
    this.runDay = dayOf(run);
  }

  build(subject: Subject): Timeline {
    const { prepared, runDay } = this;
    const enrolments = subject.student.enrolments;
    const units = enrolments.length === 1 ? [(enrolments[0] as { schoolUnit: string }).schoolUnit] : enrolments.map((e) => e.schoolUnit);
    const primaryUnit = primaryUnitOf(subject.student, runDay, (unit, day) => scheduledMinutesInTerm(prepared, unit, day));
    const frame = this.frameOf(primaryUnit, units);
    const { calendar, days, firstIndex } = frame;
    const first = days[0];

    const occurrences: ResolvedOccurrence[][] = [];
    if (first !== undefined && subject.records.length > 0) {
      const slots = attribute(subject.records, { timetable: prepared.timetable, schoolUnits: units });
      for (const slot of slots.values()) {
        if (slot.date < first || slot.date > runDay) continue;
        const calendarIndex = calendar.indexOf(slot.date);
        if (calendarIndex === undefined) continue;
        const resolved = resolveSlot(slot, this.resolution);
        if (resolved) insertInOrder((occurrences[calendarIndex - firstIndex] ??= []), resolved);
      }
    }

    return {
      subject,
      protectedIdentity: hasProtectedIdentity(subject.student),
      primaryUnit,
      primaryHuvudman: frame.huvudman,
      calendar,
      hasTimetable: prepared.timetable !== null,
      days,
      replay: frame.replay,
      occurrences,
      schedules: frame.schedules,
    };
  }

  private frameOf(primaryUnit: string, units: readonly string[]): Frame {
    const key = units.length === 1 && units[0] === primaryUnit ? primaryUnit : `${primaryUnit}|${units.join('|')}`;
    let frame = this.frames.get(key);
    if (!frame) {
      const { prepared, runDay } = this;
      const calendar = prepared.calendarOf(primaryUnit);
      const days = calendar.schoolDaysBetween(this.years.previousStartOf(runDay), runDay);
      const timetable = prepared.timetable;
      frame = {
        calendar,
        days,
        firstIndex: days[0] === undefined ? 0 : (calendar.indexOf(days[0]) ?? 0),
        replay: replayDaysOf(days, this.years),
        schedules: timetable ? days.map((day) => scheduleOfDay(timetable, units, day)) : days.map(() => NO_SCHEDULE),
        huvudman: prepared.input.schoolUnits[primaryUnit]?.huvudmanMunicipality ?? null,
      };
      this.frames.set(key, frame);
    }
    return frame;
  }
}

/** One subject's timeline at `run` (a builder for a single use). */
export function buildTimeline(
  prepared: PreparedInput,
  subject: Subject,
  run: string,
  years: SchoolYears,
  resolution: ResolutionParameters,
): Timeline {
  return new TimelineBuilder(prepared, run, years, resolution).build(subject);
}

function scheduleOfDay(timetable: CompiledTimetable, units: readonly string[], day: DayNumber): DaySchedule {
  let scheduledMinutes = 0;
  let latest = -Infinity;
  let lastOccurrences = new Set<string>();
  for (const unit of units) {
    for (const occurrence of timetable.occurrencesOn(unit, day)) {
      scheduledMinutes += occurrence.length;
      if (occurrence.start > latest) {
        latest = occurrence.start;
        lastOccurrences = new Set([occurrence.name]);
      } else if (occurrence.start === latest) {
        lastOccurrences.add(occurrence.name);
      }
    }
  }
  return { scheduledMinutes, lastOccurrences };
}

const termMinutesCache = new WeakMap<PreparedInput, Map<string, number>>();

/** Scheduled minutes of a unit in "this term" (§2.8), computed once per unit and term. */
function scheduledMinutesInTerm(prepared: PreparedInput, unit: string, day: DayNumber): number {
  const timetable = prepared.timetable;
  const term = prepared.calendarOf(unit).termOn(day);
  if (!timetable || !term) return 0;
  let cache = termMinutesCache.get(prepared);
  if (!cache) {
    cache = new Map();
    termMinutesCache.set(prepared, cache);
  }
  const key = `${unit}|${term.from}|${term.to}`;
  let minutes = cache.get(key);
  if (minutes === undefined) {
    minutes = 0;
    for (let date = term.from; date <= term.to; date = addDays(date, 1)) {
      for (const occurrence of timetable.occurrencesOn(unit, date)) minutes += occurrence.length;
    }
    cache.set(key, minutes);
  }
  return minutes;
}
