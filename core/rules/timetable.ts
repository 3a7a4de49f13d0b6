/**
 * Scheduled lesson occurrences (rules §7.3, §2.4). A weekly lesson occurs on every school day of
 * its own unit's calendar whose weekday is listed; an extra occurrence occurs once and belongs to
 * the local date of its start, even when it ends after midnight. Occurrences are built lazily per
 * (unit, date) and cached: the timetable is shared by every student of an input.
 */
import type { DayNumber } from './calendar-date.js';
import { isoWeekday } from './calendar-date.js';
import type { Timetable } from './format/scenario-v1.js';
import type { SchoolCalendar } from './school-calendar.js';
import type { EpochSeconds } from './stockholm-time.js';
import { instantOfLocal, localDayOf, parseInstant, parseLocalTime, wholeMinutes } from './stockholm-time.js';

export interface Occurrence {
  readonly schoolUnit: string;
  readonly lessonId: string;
  /** `<schoolUnit>/<id>`, unique on its date. */
  readonly name: string;
  /** The local date of its start. */
  readonly date: DayNumber;
  readonly start: EpochSeconds;
  readonly end: EpochSeconds;
  /** Its length in whole minutes, computed from instants (never 60 ± 60 across DST). */
  readonly length: number;
}

interface WeeklyLesson {
  readonly id: string;
  readonly startMinute: number;
  readonly endMinute: number;
}

const NO_OCCURRENCES: readonly Occurrence[] = [];

export function byStart(a: Occurrence, b: Occurrence): number {
  return a.start - b.start || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

export class CompiledTimetable {
  /** unit → ISO weekday → lessons. */
  private readonly weekly = new Map<string, Map<number, WeeklyLesson[]>>();
  /** unit → local start date → extra occurrences. */
  private readonly extras = new Map<string, Map<number, Occurrence[]>>();
  private readonly cache = new Map<string, Map<number, readonly Occurrence[]>>();

  constructor(
    timetable: Timetable,
    private readonly calendarOf: (schoolUnit: string) => SchoolCalendar,
  ) {
    for (const pattern of timetable.weekly) {
      const byWeekday = this.weekly.get(pattern.schoolUnit) ?? new Map<number, WeeklyLesson[]>();
      this.weekly.set(pattern.schoolUnit, byWeekday);
      for (const weekday of new Set(pattern.weekdays)) {
        const lessons = byWeekday.get(weekday) ?? [];
        byWeekday.set(weekday, lessons);
        for (const lesson of pattern.lessons) {
          lessons.push({
            id: lesson.id,
            startMinute: parseLocalTime(lesson.start) ?? 0,
            endMinute: parseLocalTime(lesson.end) ?? 0,
          });
        }
      }
    }
    for (const extra of timetable.extra) {
      const start = parseInstant(extra.start) ?? 0;
      const end = parseInstant(extra.end) ?? 0;
      const date = localDayOf(start);
      const byDate = this.extras.get(extra.schoolUnit) ?? new Map<number, Occurrence[]>();
      this.extras.set(extra.schoolUnit, byDate);
      const list = byDate.get(date) ?? [];
      byDate.set(date, list);
      list.push({
        schoolUnit: extra.schoolUnit,
        lessonId: extra.id,
        name: `${extra.schoolUnit}/${extra.id}`,
        date,
        start,
        end,
        length: wholeMinutes(end - start),
      });
    }
  }

  /** The occurrences at `schoolUnit` on `date`, in start order. */
  occurrencesOn(schoolUnit: string, date: DayNumber): readonly Occurrence[] {
    let byDate = this.cache.get(schoolUnit);
    if (!byDate) {
      byDate = new Map();
      this.cache.set(schoolUnit, byDate);
    }
    let occurrences = byDate.get(date);
    if (!occurrences) {
      occurrences = this.build(schoolUnit, date);
      byDate.set(date, occurrences);
    }
    return occurrences;
  }

  /** The occurrence named `lessonId` at `schoolUnit` on `date`, if it is scheduled there. */
  find(schoolUnit: string, date: DayNumber, lessonId: string): Occurrence | undefined {
    return this.occurrencesOn(schoolUnit, date).find((occurrence) => occurrence.lessonId === lessonId);
  }

  /** Names that occur more than once at `schoolUnit` on `date` (an input error, §7.3). */
  duplicateNamesOn(schoolUnit: string, date: DayNumber): string[] {
    const seen = new Set<string>();
    const duplicates = new Set<string>();
    for (const occurrence of this.occurrencesOn(schoolUnit, date)) {
      if (seen.has(occurrence.name)) duplicates.add(occurrence.name);
      seen.add(occurrence.name);
    }
    return [...duplicates];
  }

  /** Dates with extra occurrences at `schoolUnit`. */
  extraDates(schoolUnit: string): readonly DayNumber[] {
    return [...(this.extras.get(schoolUnit)?.keys() ?? [])] as DayNumber[];
  }

  private build(schoolUnit: string, date: DayNumber): readonly Occurrence[] {
    const occurrences: Occurrence[] = [];
    const weekly = this.weekly.get(schoolUnit)?.get(isoWeekday(date));
    if (weekly && this.calendarOf(schoolUnit).isSchoolDay(date)) {
      for (const lesson of weekly) {
        const start = instantOfLocal(date, lesson.startMinute);
        const end = instantOfLocal(date, lesson.endMinute);
        occurrences.push({
          schoolUnit,
          lessonId: lesson.id,
          name: `${schoolUnit}/${lesson.id}`,
          date,
          start,
          end,
          length: wholeMinutes(end - start),
        });
      }
    }
    const extras = this.extras.get(schoolUnit)?.get(date);
    if (extras) occurrences.push(...extras);
    if (occurrences.length === 0) return NO_OCCURRENCES;
    return occurrences.sort(byStart);
  }
}
