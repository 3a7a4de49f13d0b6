/**
 * School days and school years (rules §2.5).
 *
 * A school day is a date inside a listed term, on a teaching weekday, and in no non-school range.
 * The engine consults no holiday table: public holidays must be listed by the calendar. Non-school
 * ranges are applied whichever school year lists them, so a break written under the wrong year
 * still removes its days.
 */
import type { DayNumber, MonthDay } from './calendar-date.js';
import { addDays, civilOf, dayNumberOf, dayOf, isoWeekday } from './calendar-date.js';
import type { Calendar } from './format/scenario-v1.js';

export interface Term {
  readonly from: DayNumber;
  readonly to: DayNumber;
}

export class SchoolCalendar {
  /** Every school day, ascending. */
  readonly schoolDays: readonly DayNumber[];
  readonly terms: readonly Term[];
  private readonly indexByDay: Map<number, number>;
  private readonly ranges = new Map<string, readonly DayNumber[]>();

  constructor(calendar: Calendar) {
    const teaching = new Set(calendar.teachingWeekdays);
    const closed = new Set<number>();
    const terms: Term[] = [];
    for (const year of calendar.schoolYears) {
      for (const range of year.nonSchoolDays) {
        for (let day = dayOf(range.from); day <= dayOf(range.to); day = addDays(day, 1)) closed.add(day);
      }
      for (const term of year.terms) terms.push({ from: dayOf(term.from), to: dayOf(term.to) });
    }
    terms.sort((a, b) => a.from - b.from);
    const days = new Set<number>();
    for (const term of terms) {
      for (let day = term.from; day <= term.to; day = addDays(day, 1)) {
        if (teaching.has(isoWeekday(day)) && !closed.has(day)) days.add(day);
      }
    }
    this.schoolDays = [...days].sort((a, b) => a - b) as DayNumber[];
    this.terms = terms;
    this.indexByDay = new Map(this.schoolDays.map((day, index) => [day, index]));
  }

  isSchoolDay(day: DayNumber): boolean {
    return this.indexByDay.has(day);
  }

  /** Position of a school day in `schoolDays`; undefined for any other date. */
  indexOf(day: DayNumber): number | undefined {
    return this.indexByDay.get(day);
  }

  /** The first school day after `day`, or null when the calendar lists none. */
  nextSchoolDayAfter(day: DayNumber): DayNumber | null {
    const index = this.firstIndexOnOrAfter(addDays(day, 1));
    return this.schoolDays[index] ?? null;
  }

  /** The school days in `[from, to]`, ascending; the same array for the same range (callers share per-day work). */
  schoolDaysBetween(from: DayNumber, to: DayNumber): readonly DayNumber[] {
    const key = `${from}|${to}`;
    let days = this.ranges.get(key);
    if (!days) {
      days = this.schoolDays.slice(this.firstIndexOnOrAfter(from), this.firstIndexOnOrAfter(addDays(to, 1)));
      this.ranges.set(key, days);
    }
    return days;
  }

  /** Index of the first school day on or after `day` (`schoolDays.length` when none). */
  firstIndexOnOrAfter(day: DayNumber): number {
    let low = 0;
    let high = this.schoolDays.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.schoolDays[middle] as number) < day) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /**
   * The term "this term" means on `day` (§2.8, choosing a primary unit): the term containing it,
   * else the latest term that started before it, else the first term; null without terms.
   */
  termOn(day: DayNumber): Term | null {
    let chosen: Term | null = null;
    for (const term of this.terms) {
      if (term.from <= day) chosen = term;
    }
    return chosen ?? this.terms[0] ?? null;
  }
}

/** School years starting on a configurable `MM-DD` (parameter `schoolYearStart`, default 07-01). */
export class SchoolYears {
  constructor(private readonly start: MonthDay) {}

  /** The first day of the school year containing `day`. */
  startOf(day: DayNumber): DayNumber {
    const { year } = civilOf(day);
    const thisYears = dayNumberOf(year, this.start.month, this.start.day);
    return day >= thisYears ? thisYears : dayNumberOf(year - 1, this.start.month, this.start.day);
  }

  /** The last day of the school year containing `day` (30 June by default). */
  endOf(day: DayNumber): DayNumber {
    const { year } = civilOf(this.startOf(day));
    return addDays(dayNumberOf(year + 1, this.start.month, this.start.day), -1);
  }

  /** The first day of the school year before the one containing `day`: where a replay starts (§2.6). */
  previousStartOf(day: DayNumber): DayNumber {
    return this.startOf(addDays(this.startOf(day), -1));
  }

  /** `2025/26` for any day of the school year starting in 2025. */
  labelOf(day: DayNumber): string {
    const { year } = civilOf(this.startOf(day));
    return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
  }

  /**
   * The window of `length` calendar days ending on `day`, clipped to the start of its school
   * year (§2.5): `[max(day − (length − 1), start of school year), day]`.
   */
  windowEndingOn(day: DayNumber, length: number): { readonly from: DayNumber; readonly to: DayNumber } {
    const from = addDays(day, -(length - 1));
    const yearStart = this.startOf(day);
    return { from: from > yearStart ? from : yearStart, to: day };
  }
}
