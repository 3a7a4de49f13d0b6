/**
 * The engine's input (the data part of a rule scenario, §7) and its prepared form: calendars and
 * the timetable compiled once, shared by every student and every run.
 */
import type { PreparedRecord } from './attribution.js';
import { prepareRecord } from './attribution.js';
import type { Calendar, Scenario } from './format/scenario-v1.js';
import { SchoolCalendar } from './school-calendar.js';
import { CompiledTimetable } from './timetable.js';

/** What the engine evaluates: the scenario without its envelope (format, id, packs, runs). */
export type RuleInput = Pick<Scenario, 'calendar' | 'schoolUnits' | 'timetable' | 'students' | 'records' | 'parameters'>;

const EMPTY_CALENDAR: Calendar = { timeZone: 'Europe/Stockholm', teachingWeekdays: [], schoolYears: [] };

export class PreparedInput {
  readonly timetable: CompiledTimetable | null;
  private readonly calendars = new Map<Calendar, SchoolCalendar>();
  private preparedRecords: readonly PreparedRecord[] | null = null;

  constructor(readonly input: RuleInput) {
    this.timetable = input.timetable
      ? new CompiledTimetable(input.timetable, (unit) => this.calendarOf(unit))
      : null;
  }

  /** Every record version with its instants parsed, in input order. */
  get records(): readonly PreparedRecord[] {
    this.preparedRecords ??= this.input.records.map(prepareRecord);
    return this.preparedRecords;
  }

  /** The calendar of a school unit: its own, else the input's top-level one. */
  calendarOf(schoolUnit: string): SchoolCalendar {
    const calendar = this.input.schoolUnits[schoolUnit]?.calendar ?? this.input.calendar ?? EMPTY_CALENDAR;
    let compiled = this.calendars.get(calendar);
    if (!compiled) {
      compiled = new SchoolCalendar(calendar);
      this.calendars.set(calendar, compiled);
    }
    return compiled;
  }
}
