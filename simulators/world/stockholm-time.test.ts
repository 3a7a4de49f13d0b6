import { describe, expect, it } from 'vitest';
import {
  dayNumberOf,
  formatStockholm,
  instantToLocal,
  isoDateOf,
  isoWeek,
  isoWeekday,
  localToInstant,
  stockholmOffsetMinutes,
} from './stockholm-time.js';

const stockholm = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Stockholm', timeZoneName: 'longOffset' });
const intlOffset = (instant: number): number => {
  const name = stockholm
    .formatToParts(new Date(instant))
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d{2}):(\d{2})/.exec(name ?? '');
  return match ? Number(match[1]) * 60 : 0;
};

describe('Stockholm time', () => {
  it('agrees with the tz database every 37 minutes from 2025 to 2027', () => {
    for (let instant = Date.UTC(2025, 0, 1); instant < Date.UTC(2027, 0, 1); instant += 37 * 60_000) {
      expect(stockholmOffsetMinutes(instant)).toBe(intlOffset(instant));
    }
  });

  it('places lessons on both sides of the DST changes at the right instant (X12)', () => {
    expect(new Date(localToInstant(dayNumberOf('2025-10-24'), 8 * 60 + 20)).toISOString()).toBe('2025-10-24T06:20:00.000Z');
    expect(new Date(localToInstant(dayNumberOf('2025-11-03'), 8 * 60 + 20)).toISOString()).toBe('2025-11-03T07:20:00.000Z');
    expect(new Date(localToInstant(dayNumberOf('2026-03-27'), 8 * 60 + 20)).toISOString()).toBe('2026-03-27T07:20:00.000Z');
    expect(new Date(localToInstant(dayNumberOf('2026-03-30'), 8 * 60 + 20)).toISOString()).toBe('2026-03-30T06:20:00.000Z');
  });

  it('resolves the repeated autumn hour to either pass and moves the spring gap forward', () => {
    const day = dayNumberOf('2025-10-26');
    expect(formatStockholm(localToInstant(day, 2 * 60 + 30))).toBe('2025-10-26T02:30:00+02:00');
    expect(formatStockholm(localToInstant(day, 2 * 60 + 30, 'later'))).toBe('2025-10-26T02:30:00+01:00');
    expect(localToInstant(day, 2 * 60 + 30, 'later') - localToInstant(day, 2 * 60 + 30)).toBe(3_600_000);
    expect(formatStockholm(localToInstant(dayNumberOf('2026-03-29'), 2 * 60 + 30))).toBe('2026-03-29T03:30:00+02:00');
  });

  it('reads instants back as local date and time', () => {
    const local = instantToLocal(Date.parse('2026-03-09T06:52:40+01:00'));
    expect(local.date).toBe('2026-03-09');
    expect(local.time).toBe('06:52:40');
    expect(local.offsetMinutes).toBe(60);
    expect(instantToLocal(Date.parse('2025-10-25T22:30:00Z')).date).toBe('2025-10-26');
  });

  it('numbers days and ISO weeks', () => {
    expect(isoDateOf(dayNumberOf('2026-02-28') + 1)).toBe('2026-03-01');
    expect(isoWeekday(dayNumberOf('2026-03-09'))).toBe(1);
    expect(isoWeek(dayNumberOf('2026-03-09'))).toEqual({ year: 2026, week: 11 });
    expect(isoWeek(dayNumberOf('2025-12-29'))).toEqual({ year: 2026, week: 1 });
    expect(isoWeek(dayNumberOf('2025-08-18'))).toEqual({ year: 2025, week: 34 });
  });
});
