import { describe, expect, it } from 'vitest';
import { dateOfWeekDay, inclusiveDays, localClock, localMidnightMs, localTimestamp, socialNumber, springTimestamp, subjectShortName, username, weekAndDayId } from './formats.js';

describe('week to date (schoolsoft.md §5, SCS-09)', () => {
  it.each([
    [11, 0, '2026-03-09'],
    [1, 0, '2025-12-29'],
    [34, 0, '2025-08-18'],
    [14, 0, '2026-03-30'],
    [43, 4, '2025-10-24'],
    [27, 0, '2025-06-30'],
    [26, 4, '2026-06-26'],
  ])('week %i, dayId %i of 2025/2026 is %s', (week, dayId, date) => {
    expect(dateOfWeekDay('2025/2026', week, dayId)).toBe(date);
    expect(weekAndDayId(date)).toEqual({ week, dayId });
  });

  it('refuses what is not a week day of the school year', () => {
    expect(dateOfWeekDay('2025/2026', 53, 0)).toBeNull();
    expect(dateOfWeekDay('2025/2026', 11, 7)).toBeNull();
    expect(dateOfWeekDay('2025-2026', 11, 0)).toBeNull();
  });
});

describe('timestamps', () => {
  it('writes yyyy-MM-dd HH:mm:ss.0 in Stockholm time on both sides of DST', () => {
    expect(localTimestamp(Date.parse('2026-03-09T05:52:40Z'))).toBe('2026-03-09 06:52:40.0');
    expect(localTimestamp(Date.parse('2026-03-30T06:20:00Z'))).toBe('2026-03-30 08:20:00.0');
  });

  it('writes local midnights as epoch ms and lesson times as HH:mm', () => {
    expect(localMidnightMs('2026-04-20')).toBe(1776636000000);
    expect(localMidnightMs('2025-08-18')).toBe(1755468000000);
    expect(localClock(Date.parse('2025-10-24T06:20:00Z'))).toBe('08:20');
    expect(localClock(Date.parse('2025-11-03T07:20:00Z'))).toBe('08:20');
  });

  it('writes Spring\'s UTC timestamp with milliseconds and +00:00', () => {
    expect(springTimestamp(Date.parse('2026-03-10T01:00:13.512Z'))).toBe('2026-03-10T01:00:13.512+00:00');
  });
});

describe('identity formats', () => {
  it('prints socialNumber with a dash, keeping a 10-digit number short', () => {
    expect(socialNumber('201109039816')).toBe('20110903-9816');
    expect(socialNumber('0805279916')).toBe('080527-9916');
  });

  it('forms usernames without diacritics or spaces', () => {
    expect(username('Elias', 'Lind')).toBe('elias.lind');
    expect(username('Åsa', 'Öberg')).toBe('asa.oberg');
    expect(username('Märta', 'Berg Lind')).toBe('marta.berglind');
  });

  it('shortens subject codes and counts leave days inclusively', () => {
    expect(subjectShortName('MA')).toBe('Ma');
    expect(subjectShortName('ENG')).toBe('Eng');
    expect(inclusiveDays('2026-04-20', '2026-04-24')).toBe(5);
  });
});
