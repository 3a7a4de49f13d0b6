import { describe, expect, it } from 'vitest';
import {
  formatDotNetDate,
  formatLocalDate,
  formatLocalMinute,
  formatLocalTimestamp,
  formatSwedishDisplay,
  isCalendarDate,
  parseLocalTimestamp,
} from './wire-dates.js';

const sagaSmsReceived = Date.parse('2026-03-09T06:52:40+01:00');

describe('Skolplattformen date formats', () => {
  it('prints the example values of the platform file', () => {
    expect(formatDotNetDate(sagaSmsReceived)).toBe('/Date(1773035560000)/');
    expect(formatLocalTimestamp(sagaSmsReceived + 270)).toBe('2026-03-09T06:52:40.27');
    expect(formatLocalTimestamp(sagaSmsReceived)).toBe('2026-03-09T06:52:40');
    expect(formatLocalTimestamp(sagaSmsReceived + 5)).toBe('2026-03-09T06:52:40.005');
    expect(formatLocalMinute(Date.parse('2026-03-09T08:00:00+01:00'))).toBe('2026-03-09 08:00');
    expect(formatLocalDate(Date.parse('2026-03-09T00:00:00+01:00'))).toBe('2026-03-09');
    expect(formatSwedishDisplay(Date.parse('2026-03-09T08:00:00+01:00'), true)).toBe('9 mars 2026 08:00');
    expect(formatSwedishDisplay(Date.parse('2026-03-09T00:00:00+01:00'), false)).toBe('9 mars 2026');
  });

  it('reads back every timestamp it prints, in summer and winter time', () => {
    for (const instant of [sagaSmsReceived + 270, Date.parse('2025-08-11T09:12:40.55+02:00'), Date.parse('2026-03-30T08:20:00+02:00')]) {
      expect(parseLocalTimestamp(formatLocalTimestamp(instant))).toBe(instant);
    }
  });

  it('reads a time of the repeated autumn hour as the earlier instant', () => {
    const secondPass = Date.parse('2025-10-26T02:30:00+01:00');
    expect(formatLocalTimestamp(secondPass)).toBe('2025-10-26T02:30:00');
    expect(parseLocalTimestamp('2025-10-26T02:30:00')).toBe(Date.parse('2025-10-26T02:30:00+02:00'));
  });

  it('accepts up to seven fraction digits and rejects zones, offsets and impossible dates', () => {
    expect(parseLocalTimestamp('2026-03-09T06:52:40.2700000')).toBe(sagaSmsReceived + 270);
    expect(parseLocalTimestamp('2026-03-09T06:52:40Z')).toBeNull();
    expect(parseLocalTimestamp('2026-03-09T06:52:40+01:00')).toBeNull();
    expect(parseLocalTimestamp('2026-02-30T06:52:40')).toBeNull();
    expect(parseLocalTimestamp('2026-03-09 06:52')).toBeNull();
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
  });
});
