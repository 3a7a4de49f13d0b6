/**
 * The school days one replay walks (§2.6) with what every rule asks about each of them — its
 * school year, whether it opens a new one, where its rolling window starts — computed once and
 * shared by every student with the same primary calendar and run.
 */
import type { DayNumber } from './calendar-date.js';
import type { SchoolYears } from './school-calendar.js';

export interface WindowStarts {
  /** Index of the first replay day inside the window ending on day i. */
  readonly fromIndex: Int32Array;
  /** The window's first calendar day (§2.5), for the event details. */
  readonly fromDay: readonly DayNumber[];
}

export class ReplayDays {
  private readonly yearStarts: readonly DayNumber[];
  private readonly labels = new Map<number, string>();
  private readonly windows = new Map<number, WindowStarts>();

  constructor(
    readonly days: readonly DayNumber[],
    readonly years: SchoolYears,
  ) {
    this.yearStarts = days.map((day) => years.startOf(day));
  }

  /** Day i is the first school day of a school year later than day i − 1's. */
  opensSchoolYear(i: number): boolean {
    return i > 0 && this.yearStarts[i] !== this.yearStarts[i - 1];
  }

  /** `2025/26` for day i. */
  schoolYearOf(i: number): string {
    const start = this.yearStarts[i] as DayNumber;
    let label = this.labels.get(start);
    if (label === undefined) {
      label = this.years.labelOf(start);
      this.labels.set(start, label);
    }
    return label;
  }

  /** The rolling windows of `length` calendar days ending on each replay day, clipped to the school year. */
  windowsOf(length: number): WindowStarts {
    let windows = this.windows.get(length);
    if (!windows) {
      const fromIndex = new Int32Array(this.days.length);
      const fromDay: DayNumber[] = [];
      let first = 0;
      this.days.forEach((day, i) => {
        const window = this.years.windowEndingOn(day, length);
        // Window starts never move back as the end moves forward, so one pointer suffices.
        while ((this.days[first] as number) < window.from) first += 1;
        fromIndex[i] = first;
        fromDay.push(window.from);
      });
      windows = { fromIndex, fromDay };
      this.windows.set(length, windows);
    }
    return windows;
  }
}

const cache = new WeakMap<readonly DayNumber[], Map<SchoolYears, ReplayDays>>();

/** The shared `ReplayDays` of a day list (as the calendar hands it out) and a school-year rule. */
export function replayDaysOf(days: readonly DayNumber[], years: SchoolYears): ReplayDays {
  let byYears = cache.get(days);
  if (!byYears) {
    byYears = new Map();
    cache.set(days, byYears);
  }
  let replay = byYears.get(years);
  if (!replay) {
    replay = new ReplayDays(days, years);
    byYears.set(years, replay);
  }
  return replay;
}
