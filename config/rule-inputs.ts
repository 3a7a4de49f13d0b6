/**
 * The configuration's share of a rule-engine input (rules §2.12): each school unit's calendar and
 * home municipality, in rule scenario format v1 (§7.2). The pipeline adds students, records and the
 * timetable from the store.
 */
import { SkolbryggaError } from '../core/errors.js';
import type { Calendar, SchoolUnit } from '../core/rules/format/scenario-v1.js';
import type { CalendarConfig, TenantConfig } from './schema.js';

/**
 * A configured calendar in the engine's shape: each school year is one term from its first to its
 * last day, and its breaks and non-teaching days are the non-school ranges.
 */
export function toRuleCalendar(id: string, calendar: CalendarConfig): Calendar {
  return {
    id,
    timeZone: calendar.timeZone,
    teachingWeekdays: [...calendar.teachingWeekdays],
    schoolYears: calendar.schoolYears.map((year) => ({
      id: year.id,
      terms: [{ from: year.firstDay, to: year.lastDay }],
      nonSchoolDays: [
        ...year.breaks.map((range) => ({ from: range.from, to: range.to, ...(range.label ? { label: range.label } : {}) })),
        ...year.nonTeachingDays.map((day) => ({ from: day.date, to: day.date, ...(day.label ? { label: day.label } : {}) })),
      ].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)),
    })),
  };
}

/** The tenant's school units keyed by school unit code, each with its own calendar. */
export function toRuleSchoolUnits(tenant: TenantConfig): Record<string, SchoolUnit> {
  const units: Record<string, SchoolUnit> = {};
  for (const unit of tenant.schoolUnits) {
    const calendar = tenant.calendars[unit.calendar];
    // The schema guarantees the reference; a missing one here means the config was built by hand.
    if (!calendar) {
      throw new SkolbryggaError('SKB_CONFIG_INVALID', `school unit ${unit.schoolUnitCode} refers to unknown calendar "${unit.calendar}"`, {
        context: { tenant: tenant.key, schoolUnit: unit.schoolUnitCode },
      });
    }
    units[unit.schoolUnitCode] = {
      huvudmanMunicipality: unit.homeMunicipalityCode,
      calendar: toRuleCalendar(unit.calendar, calendar),
    };
  }
  return units;
}
