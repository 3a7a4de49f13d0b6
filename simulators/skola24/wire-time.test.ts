import { describe, expect, it } from 'vitest';
import { dateAsLocalMidnight, formatDotNetStamp, formatLocalDateTime, formatXmlStamp, isIsoDate, parseStamp } from './wire-time.js';

const at = (rfc3339: string): number => Date.parse(rfc3339);

describe('Skola24 time formats', () => {
  it('writes .NET stamps with seven fraction digits and the Stockholm offset of the instant', () => {
    expect(formatDotNetStamp(at('2026-03-09T06:54:02.441+01:00'))).toBe('2026-03-09T06:54:02.4410000+01:00');
    expect(formatDotNetStamp(at('2025-08-11T09:12:40.553+02:00'))).toBe('2025-08-11T09:12:40.5530000+02:00');
    expect(formatDotNetStamp(at('2026-03-10T02:00:00+01:00'))).toBe('2026-03-10T02:00:00.0000000+01:00');
  });

  it('writes XmlSerializer stamps with trailing zeros and a bare dot dropped', () => {
    expect(formatXmlStamp(at('2026-03-09T09:24:51.27+01:00'))).toBe('2026-03-09T09:24:51.27+01:00');
    expect(formatXmlStamp(at('2026-03-09T09:24:51+01:00'))).toBe('2026-03-09T09:24:51+01:00');
    expect(formatXmlStamp(at('2025-10-24T08:00:00.005+02:00'))).toBe('2025-10-24T08:00:00.005+02:00');
  });

  it('writes local times without zone across both DST changes', () => {
    expect(formatLocalDateTime(at('2025-10-24T08:20:00+02:00'))).toBe('2025-10-24T08:20:00');
    expect(formatLocalDateTime(at('2025-11-03T08:20:00+01:00'))).toBe('2025-11-03T08:20:00');
    expect(formatLocalDateTime(at('2026-03-30T08:20:00+02:00'))).toBe('2026-03-30T08:20:00');
    expect(dateAsLocalMidnight('2026-03-09')).toBe('2026-03-09T00:00:00');
  });

  it('parses what it writes back exactly, and a local time as Stockholm time', () => {
    for (const instant of [at('2026-03-09T06:54:02.441+01:00'), at('2025-10-26T02:30:00+02:00'), at('2025-10-26T02:30:00+01:00')]) {
      expect(parseStamp(formatDotNetStamp(instant))).toBe(instant);
      expect(parseStamp(formatXmlStamp(instant))).toBe(instant);
    }
    expect(parseStamp('2026-03-09T08:00:00')).toBe(at('2026-03-09T08:00:00+01:00'));
    expect(parseStamp('2026-03-30T08:00:00')).toBe(at('2026-03-30T08:00:00+02:00'));
    expect(parseStamp('2026-03-09T07:00:00Z')).toBe(at('2026-03-09T08:00:00+01:00'));
    expect(parseStamp('2026-03-09T08:00:00.1234567+01:00')).toBe(at('2026-03-09T08:00:00.123+01:00'));
  });

  it('refuses what is not a stamp or not a date', () => {
    for (const text of ['', 'igår', '2026-02-30T08:00:00', '2026-03-09T24:00:00+01:00', '2026-03-09 08:00:00', '2026-03-09T08:00:00.12345678+01:00']) expect(parseStamp(text)).toBeNull();
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    for (const text of ['2026-02-29', '2026-13-01', '2026-3-1', '20260301']) expect(isIsoDate(text)).toBe(false);
  });
});
