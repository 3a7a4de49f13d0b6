import { describe, expect, it } from 'vitest';
import { dateRangeTitle, formatClock, formatTimestamp, isIsoDate, parseTimestamp, swedishDate, swedishLongDate } from './dates.js';
import { wireJson } from './wire.js';

describe('InfoMentor dates', () => {
  it('writes timestamps as /Date(ms)/ or, drifted, as local ISO without an offset', () => {
    expect(formatTimestamp(1773041467000, 'dotnet')).toBe('/Date(1773041467000)/');
    expect(formatTimestamp(1773041467000, 'isoLocal')).toBe('2026-03-09T08:31:07');
    expect(formatTimestamp(Date.parse('2025-08-19T08:00:00+02:00'), 'isoLocal')).toBe('2025-08-19T08:00:00');
    expect(formatClock(Date.parse('2026-03-30T08:20:00+02:00'))).toBe('08:20');
  });

  it('writes Swedish long dates, approval dates and date ranges', () => {
    expect(swedishLongDate('2026-03-09')).toBe('måndag 9 mars 2026');
    expect(swedishLongDate('2026-03-10')).toBe('tisdag 10 mars 2026');
    expect(swedishLongDate('2025-11-16')).toBe('söndag 16 november 2025');
    expect(swedishDate('2026-03-02')).toBe('2 mars 2026');
    expect(dateRangeTitle('2026-04-16', '2026-04-17')).toBe('16 apr – 17 apr');
    expect(dateRangeTitle('2025-12-01', '2025-12-01')).toBe('1 dec');
  });

  it('reads cursors back in every form it writes, and nothing else', () => {
    expect(parseTimestamp('/Date(1773041467000)/')).toBe(1773041467000);
    expect(parseTimestamp('2026-03-09T08:31:07')).toBe(1773041467000);
    expect(parseTimestamp('2026-03-09T07:31:07Z')).toBe(1773041467000);
    expect(parseTimestamp('2026-03-09T08:31:07+01:00')).toBe(1773041467000);
    for (const bad of ['/Date(NaN)/', '2026-02-30T08:31:07', '2026-03-09 08:31:07', 'igår', '1773041467000']) expect(parseTimestamp(bad)).toBeNull();
  });

  it('resolves a local time of the repeated autumn hour by what it handed out, else to the earlier instant', () => {
    const secondPass = Date.parse('2025-10-26T02:30:00+01:00');
    expect(parseTimestamp('2025-10-26T02:30:00')).toBe(Date.parse('2025-10-26T02:30:00+02:00'));
    expect(parseTimestamp('2025-10-26T02:30:00', (text) => (text === '2025-10-26T02:30:00' ? secondPass : undefined))).toBe(secondPass);
  });

  it('knows real calendar dates', () => {
    expect(isIsoDate('2026-03-09')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-3-9')).toBe(false);
  });
});

describe('wire JSON', () => {
  it('escapes the slashes of date strings only, as the .NET serializer does', () => {
    expect(wireJson({ lastChanged: '/Date(1773041467000)/', listUrl: '/ClassList/classlist/GetPupilList', bad: '/Date(NaN)/' })).toBe(
      '{"lastChanged":"\\/Date(1773041467000)\\/","listUrl":"/ClassList/classlist/GetPupilList","bad":"/Date(NaN)/"}',
    );
  });
});
