import { describe, expect, it } from 'vitest';
import { CalendarSchema as RuleCalendarSchema, SchoolUnitSchema as RuleSchoolUnitSchema } from '../core/rules/format/scenario-v1.js';
import { loadExampleConfig } from './example.js';
import { toRuleCalendar, toRuleSchoolUnits } from './rule-inputs.js';

describe('toRuleCalendar', () => {
  it('turns the configured 2025/26 calendar into rule scenario format v1', async () => {
    const config = await loadExampleConfig();
    const calendar = toRuleCalendar('common', config.tenants[0]!.calendars.common!);
    expect(calendar).toEqual({
      id: 'common',
      timeZone: 'Europe/Stockholm',
      teachingWeekdays: [1, 2, 3, 4, 5],
      schoolYears: [
        {
          id: '2025/26',
          terms: [{ from: '2025-08-18', to: '2026-06-12' }],
          nonSchoolDays: [
            { from: '2025-10-27', to: '2025-10-31', label: 'höstlov (v. 44)' },
            { from: '2025-12-20', to: '2026-01-07', label: 'jullov (v. 52–1)' },
            { from: '2026-02-23', to: '2026-02-27', label: 'sportlov (v. 9)' },
            { from: '2026-04-03', to: '2026-04-03', label: 'långfredagen' },
            { from: '2026-04-06', to: '2026-04-10', label: 'påsklov (v. 15)' },
            { from: '2026-05-01', to: '2026-05-01', label: 'första maj' },
            { from: '2026-05-14', to: '2026-05-14', label: 'Kristi himmelsfärdsdag' },
            { from: '2026-05-15', to: '2026-05-15', label: 'klämdag' },
          ],
        },
      ],
    });
    expect(RuleCalendarSchema.safeParse(calendar).success).toBe(true);
  });
});

describe('toRuleSchoolUnits', () => {
  it('gives each unit its huvudman municipality and calendar', async () => {
    const config = await loadExampleConfig();
    const units = toRuleSchoolUnits(config.tenants[1]!);
    expect(Object.keys(units)).toEqual(['99020001', '99020002']);
    expect(units['99020002']?.huvudmanMunicipality).toBe('9902');
    expect(units['99020002']?.calendar?.id).toBe('common');
    for (const unit of Object.values(units)) expect(RuleSchoolUnitSchema.safeParse(unit).success).toBe(true);
  });
});
