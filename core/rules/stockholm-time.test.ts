import { describe, expect, it } from 'vitest';
import { dayOf, formatDate } from './calendar-date.js';
import {
  instantOfLocal,
  localDayOf,
  parseInstant,
  parseLocalTime,
  startOfLocalDay,
  stockholmOffsetAt,
  wholeMinutes,
} from './stockholm-time.js';

const utc = (text: string): number => parseInstant(text) as number;

describe('parseInstant', () => {
  it('reads RFC 3339 instants with an offset', () => {
    expect(utc('1970-01-01T00:00:00Z')).toBe(0);
    expect(utc('2025-09-16T20:00:00+02:00')).toBe(utc('2025-09-16T18:00:00Z'));
    expect(utc('2025-01-01T00:30:00-01:30')).toBe(utc('2025-01-01T02:00:00Z'));
    expect(utc('2025-01-01T00:00:00.5Z')).toBe(utc('2025-01-01T00:00:00Z') + 0.5);
  });

  it('accepts lower-case separators and any fraction', () => {
    expect(utc('2025-01-01t00:00:00z')).toBe(utc('2025-01-01T00:00:00Z'));
    expect(utc('2025-01-01T00:00:00.123456+01:00')).toBeCloseTo(utc('2024-12-31T23:00:00Z') + 0.123456, 6);
  });

  it('refuses instants without an offset or with impossible fields', () => {
    for (const text of [
      '2025-09-16T20:00:00',
      '2025-09-16 20:00:00+02:00',
      '2025-02-30T10:00:00Z',
      '2025-09-16T24:00:00Z',
      '2025-09-16T20:00Z',
      '2025-09-16T20:00:00+2:00',
      '2025-09-16T20:00:00+02:60',
      '2025-09-16T20:00:00.Z',
      '2025-09-16T20:00:00+02:00x',
      '2025-09-16T2a:00:00Z',
    ]) {
      expect(parseInstant(text)).toBeNull();
    }
  });
});

describe('parseLocalTime', () => {
  it('reads HH:MM as minutes after midnight', () => {
    expect(parseLocalTime('08:30')).toBe(510);
    expect(parseLocalTime('24:00')).toBeNull();
    expect(parseLocalTime('8:30')).toBeNull();
  });
});

describe('Europe/Stockholm offset', () => {
  it('switches to summer time at 01:00 UTC on the last Sunday of March', () => {
    expect(stockholmOffsetAt(utc('2025-03-30T00:59:59Z'))).toBe(3600);
    expect(stockholmOffsetAt(utc('2025-03-30T01:00:00Z'))).toBe(7200);
  });

  it('switches back at 01:00 UTC on the last Sunday of October', () => {
    expect(stockholmOffsetAt(utc('2025-10-26T00:59:59Z'))).toBe(7200);
    expect(stockholmOffsetAt(utc('2025-10-26T01:00:00Z'))).toBe(3600);
    expect(stockholmOffsetAt(utc('2026-10-25T00:30:00Z'))).toBe(7200);
    expect(stockholmOffsetAt(utc('2026-10-25T01:30:00Z'))).toBe(3600);
  });

  it('gives each instant its local date, across midnight', () => {
    expect(formatDate(localDayOf(utc('2025-09-16T22:30:00Z')))).toBe('2025-09-17');
    expect(formatDate(localDayOf(utc('2025-12-31T22:59:59Z')))).toBe('2025-12-31');
    expect(formatDate(localDayOf(utc('2025-12-31T23:00:00Z')))).toBe('2026-01-01');
  });
});

describe('instantOfLocal', () => {
  it('turns a wall-clock time into the instant of that zone', () => {
    expect(instantOfLocal(dayOf('2025-09-08'), 8 * 60 + 30)).toBe(utc('2025-09-08T08:30:00+02:00'));
    expect(instantOfLocal(dayOf('2025-12-08'), 8 * 60 + 30)).toBe(utc('2025-12-08T08:30:00+01:00'));
    expect(startOfLocalDay(dayOf('2026-03-29'))).toBe(utc('2026-03-29T00:00:00+01:00'));
  });

  it('reads the repeated October hour as its first occurrence and the skipped March hour with the old offset', () => {
    expect(instantOfLocal(dayOf('2025-10-26'), 2 * 60 + 30)).toBe(utc('2025-10-26T02:30:00+02:00'));
    expect(instantOfLocal(dayOf('2025-03-30'), 2 * 60 + 30)).toBe(utc('2025-03-30T02:30:00+01:00'));
  });

  it('never makes a lesson 60 ± 60 minutes long across a DST change', () => {
    const day = dayOf('2025-10-26');
    expect(wholeMinutes(instantOfLocal(day, 9 * 60) - instantOfLocal(day, 8 * 60))).toBe(60);
    // The night the clocks go back really is an hour longer.
    const night = instantOfLocal(day, 6 * 60) - instantOfLocal(dayOf('2025-10-25'), 22 * 60);
    expect(wholeMinutes(night)).toBe(9 * 60);
  });
});

describe('wholeMinutes', () => {
  it('drops partial minutes', () => {
    expect(wholeMinutes(3599)).toBe(59);
    expect(wholeMinutes(3600)).toBe(60);
  });
});
