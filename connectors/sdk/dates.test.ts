import { describe, expect, it } from 'vitest';
import {
  DateFormatError,
  halfDaySpan,
  instantAtLocal,
  isoWeekDate,
  parseDotNetDateTime,
  parseEpochMs,
  parseJsonDate,
  parseLocalDate,
  parseLocalDateMinute,
  parseLocalDateTime,
  parseLocalTime,
  parseLocalTimestamp,
  parseRfc3339,
  parseSwedishLongDate,
  parseSwedishLongDateTime,
  resolveIsoWeek,
  schoolYearWeekDate,
  stockholmDateOf,
  wholeDaySpan,
} from './dates.js';

// 2025-10-26: 03:00 CEST → 02:00 CET, so 02:00–02:59 local happens twice (00:xxZ then 01:xxZ).
// 2026-03-29: 02:00 CET → 03:00 CEST, so 02:00–02:59 local never happens.

describe('offset date-times', () => {
  it('reads .NET ISO with 0, 2 and 7 fraction digits and an offset', () => {
    expect(parseDotNetDateTime('2026-03-10T02:00:14.0000000+01:00')).toBe('2026-03-10T01:00:14.000Z');
    expect(parseDotNetDateTime('2026-03-10T02:00:14.27+01:00')).toBe('2026-03-10T01:00:14.270Z');
    expect(parseDotNetDateTime('2026-03-10T02:00:14.1239999+01:00')).toBe('2026-03-10T01:00:14.123Z');
    expect(parseDotNetDateTime('2026-03-10T02:00:14+01:00')).toBe('2026-03-10T01:00:14.000Z');
  });

  it('keeps both passes of the repeated hour apart by their offsets', () => {
    expect(parseDotNetDateTime('2025-10-26T02:30:00.0000000+02:00')).toBe('2025-10-26T00:30:00.000Z');
    expect(parseDotNetDateTime('2025-10-26T02:30:00.0000000+01:00')).toBe('2025-10-26T01:30:00.000Z');
    expect(parseRfc3339('2026-03-29T03:30:00+02:00')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('rejects 8 fraction digits for .NET, missing offsets and impossible dates', () => {
    expect(() => parseDotNetDateTime('2026-03-10T02:00:14.00000000+01:00')).toThrow(DateFormatError);
    expect(() => parseDotNetDateTime('2026-03-10T02:00:14')).toThrow(DateFormatError);
    expect(() => parseRfc3339('2013-02-30T00:00:00Z')).toThrow(DateFormatError);
    expect(() => parseRfc3339('2026-03-10T24:00:00Z')).toThrow(DateFormatError);
  });

  it('reads RFC 3339 with Z and lowercase separators', () => {
    expect(parseRfc3339('2026-03-09T07:31:07Z')).toBe('2026-03-09T07:31:07.000Z');
    expect(parseRfc3339('2026-03-09t08:31:07.5+01:00')).toBe('2026-03-09T07:31:07.500Z');
  });
});

describe('local date-times (Stockholm)', () => {
  it('reads winter and summer times with the right offset', () => {
    expect(parseLocalDateTime('2026-03-09T08:00:00')).toBe('2026-03-09T07:00:00.000Z');
    expect(parseLocalDateTime('2026-03-30T08:00:00')).toBe('2026-03-30T06:00:00.000Z');
    expect(parseLocalDateTime('2026-03-27T08:00:00')).toBe('2026-03-27T07:00:00.000Z');
    expect(parseLocalDateTime('2025-10-24T08:00:00')).toBe('2025-10-24T06:00:00.000Z');
    expect(parseLocalDateTime('2025-11-03T08:00:00')).toBe('2025-11-03T07:00:00.000Z');
    expect(parseLocalDateTime('2026-03-09T06:52:40.27')).toBe('2026-03-09T05:52:40.270Z');
  });

  it('reads the repeated autumn hour as its first occurrence, in every local format', () => {
    expect(parseLocalDateTime('2025-10-26T02:30:00')).toBe('2025-10-26T00:30:00.000Z');
    expect(parseLocalTimestamp('2025-10-26 02:30:00.0')).toBe('2025-10-26T00:30:00.000Z');
    expect(parseLocalDateMinute('2025-10-26 02:30')).toBe('2025-10-26T00:30:00.000Z');
    expect(instantAtLocal('2025-10-26', '02:59')).toBe('2025-10-26T00:59:00.000Z');
    expect(parseSwedishLongDateTime('26 oktober 2025 02:30')).toBe('2025-10-26T00:30:00.000Z');
    // 03:00 exists once, after the change.
    expect(parseLocalDateMinute('2025-10-26 03:00')).toBe('2025-10-26T02:00:00.000Z');
    expect(parseLocalDateMinute('2025-10-26 01:59')).toBe('2025-10-25T23:59:00.000Z');
  });

  it('refuses times in the skipped spring hour, in every local format', () => {
    expect(() => parseLocalDateTime('2026-03-29T02:30:00')).toThrow(/does not exist/);
    expect(() => parseLocalTimestamp('2026-03-29 02:00:00.0')).toThrow(/does not exist/);
    expect(() => parseLocalDateMinute('2026-03-29 02:59')).toThrow(/does not exist/);
    expect(() => instantAtLocal('2026-03-29', '02:15')).toThrow(/does not exist/);
    expect(() => parseSwedishLongDateTime('29 mars 2026 02:30')).toThrow(/does not exist/);
    expect(parseLocalDateMinute('2026-03-29 01:59')).toBe('2026-03-29T00:59:00.000Z');
    expect(parseLocalDateMinute('2026-03-29 03:00')).toBe('2026-03-29T01:00:00.000Z');
  });

  it('reads SchoolSoft timestamps and Skolplattformen minutes', () => {
    expect(parseLocalTimestamp('2026-03-09 14:05:33.0')).toBe('2026-03-09T13:05:33.000Z');
    expect(parseLocalTimestamp('2026-06-09 14:05:33.0')).toBe('2026-06-09T12:05:33.000Z');
    expect(parseLocalDateMinute('2026-03-09 08:00')).toBe('2026-03-09T07:00:00.000Z');
    expect(() => parseLocalTimestamp('2026-03-09T14:05:33.0')).toThrow(DateFormatError);
    expect(() => parseLocalDateMinute('2026-03-09 8:00')).toThrow(DateFormatError);
  });
});

describe('epoch formats', () => {
  it('reads /Date(ms)/ plain, escaped and with an offset suffix, all as UTC', () => {
    expect(parseJsonDate('/Date(1773041467000)/')).toBe('2026-03-09T07:31:07.000Z');
    expect(parseJsonDate('\\/Date(1773041467000)\\/')).toBe('2026-03-09T07:31:07.000Z');
    expect(parseJsonDate('/Date(1773041467000+0100)/')).toBe('2026-03-09T07:31:07.000Z');
    expect(() => parseJsonDate('Date(1773041467000)')).toThrow(DateFormatError);
  });

  it('reads epoch ms around both DST changes without any zone arithmetic', () => {
    expect(parseEpochMs(1761438600000)).toBe('2025-10-26T00:30:00.000Z');
    expect(parseEpochMs('1761442200000')).toBe('2025-10-26T01:30:00.000Z');
    expect(stockholmDateOf(parseEpochMs(1774744200000))).toBe('2026-03-29');
    expect(() => parseEpochMs('17e11')).toThrow(DateFormatError);
  });
});

describe('dates, times and weeks', () => {
  it('validates YYYY-MM-DD and HH:mm', () => {
    expect(parseLocalDate('2024-02-29')).toBe('2024-02-29');
    expect(() => parseLocalDate('2013-02-30')).toThrow(DateFormatError);
    expect(parseLocalTime('08:15')).toBe(495);
    expect(() => parseLocalTime('24:00')).toThrow(DateFormatError);
  });

  it('places SchoolSoft weeks as schoolsoft.md says (SCS-09)', () => {
    expect(schoolYearWeekDate('2025/2026', 11, 0)).toBe('2026-03-09');
    expect(schoolYearWeekDate('2025/2026', 1, 0)).toBe('2025-12-29');
    expect(schoolYearWeekDate('2025/2026', 34, 0)).toBe('2025-08-18');
    expect(() => schoolYearWeekDate('2025/2026', 11, 7)).toThrow(DateFormatError);
    expect(() => isoWeekDate(2025, 53, 0)).toThrow(DateFormatError);
    expect(isoWeekDate(2026, 53, 3)).toBe('2026-12-31');
  });

  it('resolves a week without a year against a reference date, and lessons across DST land right', () => {
    expect(resolveIsoWeek(1, 0, '2026-01-07')).toBe('2025-12-29');
    expect(resolveIsoWeek(52, 4, '2026-01-07')).toBe('2025-12-26');
    expect(resolveIsoWeek(14, 0, '2026-03-10')).toBe('2026-03-30');
    expect(instantAtLocal(resolveIsoWeek(14, 0, '2026-03-10'), '08:00')).toBe('2026-03-30T06:00:00.000Z');
    expect(instantAtLocal(resolveIsoWeek(13, 4, '2026-03-10'), '08:00')).toBe('2026-03-27T07:00:00.000Z');
  });

  it('reads Swedish long dates and checks the weekday', () => {
    expect(parseSwedishLongDate('tisdag 10 mars 2026')).toBe('2026-03-10');
    expect(parseSwedishLongDate('måndag 9 mars 2026')).toBe('2026-03-09');
    expect(parseSwedishLongDate('söndag 26 oktober 2025')).toBe('2025-10-26');
    expect(parseSwedishLongDate('9 mars 2026')).toBe('2026-03-09');
    expect(() => parseSwedishLongDate('onsdag 10 mars 2026')).toThrow(/weekday/);
    expect(() => parseSwedishLongDate('tisdag 10 march 2026')).toThrow(DateFormatError);
    expect(parseSwedishLongDateTime('9 mars 2026 08:00')).toBe('2026-03-09T07:00:00.000Z');
  });
});

describe('whole and half days', () => {
  it('maps A..B to A 00:00 → (B+1) 00:00 local', () => {
    expect(wholeDaySpan('2026-03-09', '2026-03-10')).toEqual({
      startTime: '2026-03-08T23:00:00.000Z',
      endTime: '2026-03-10T23:00:00.000Z',
      allDay: true,
    });
  });

  it('spans the DST days with 23 and 25 hours', () => {
    const spring = wholeDaySpan('2026-03-29');
    expect(spring).toEqual({ startTime: '2026-03-28T23:00:00.000Z', endTime: '2026-03-29T22:00:00.000Z', allDay: true });
    const autumn = wholeDaySpan('2025-10-26');
    expect(autumn).toEqual({ startTime: '2025-10-25T22:00:00.000Z', endTime: '2025-10-26T23:00:00.000Z', allDay: true });
    expect(() => wholeDaySpan('2026-03-10', '2026-03-09')).toThrow(DateFormatError);
  });

  it('splits a day at local noon', () => {
    expect(halfDaySpan('2026-03-09', 'morning')).toEqual({
      startTime: '2026-03-08T23:00:00.000Z',
      endTime: '2026-03-09T11:00:00.000Z',
      allDay: false,
    });
    expect(halfDaySpan('2025-10-26', 'afternoon')).toEqual({
      startTime: '2025-10-26T11:00:00.000Z',
      endTime: '2025-10-26T23:00:00.000Z',
      allDay: false,
    });
  });

  it('gives the local date of an instant', () => {
    expect(stockholmDateOf('2026-03-09T23:30:00.000Z')).toBe('2026-03-10');
    expect(stockholmDateOf('2026-06-09T21:59:00.000Z')).toBe('2026-06-09');
  });
});
