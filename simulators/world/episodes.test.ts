import { describe, expect, it } from 'vitest';
import { computeEpisodes } from './episodes.js';
import { dayNumberOf, localToInstant, startOfLocalDay } from './stockholm-time.js';

const at = (date: string, time: string): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return localToInstant(dayNumberOf(date), (hours ?? 0) * 60 + (minutes ?? 0));
};
const wholeDays = (first: string, last: string): { start: number; end: number } => ({ start: startOfLocalDay(dayNumberOf(first)), end: startOfLocalDay(dayNumberOf(last) + 1) });

describe('absence episodes (model §1.14)', () => {
  it('merges a whole-day notice with the lesson registrations of the day', () => {
    const episodes = computeEpisodes([
      { recordId: 'notice', pupilKey: 'p', ...wholeDays('2026-03-09', '2026-03-09') },
      { recordId: 'ma', pupilKey: 'p', start: at('2026-03-09', '08:20'), end: at('2026-03-09', '09:20') },
      { recordId: 'sv', pupilKey: 'p', start: at('2026-03-09', '12:40'), end: at('2026-03-09', '13:40') },
    ]);
    expect(episodes).toHaveLength(1);
    expect(episodes[0]?.platformRecordIds).toEqual(['ma', 'notice', 'sv']);
    expect(episodes[0]?.date).toBe('2026-03-09');
  });

  it('keeps a late arrival after a morning notice as a second fact', () => {
    const episodes = computeEpisodes([
      { recordId: 'sms', pupilKey: 'p', start: at('2026-03-09', '08:00'), end: at('2026-03-09', '12:00') },
      { recordId: 'ma', pupilKey: 'p', start: at('2026-03-09', '08:20'), end: at('2026-03-09', '09:20') },
      { recordId: 'late', pupilKey: 'p', start: at('2026-03-09', '12:40'), end: at('2026-03-09', '13:40') },
    ]);
    expect(episodes.map((episode) => episode.platformRecordIds)).toEqual([['ma', 'sms'], ['late']]);
  });

  it('links overlaps transitively, but touching intervals do not overlap', () => {
    const episodes = computeEpisodes([
      { recordId: 'a', pupilKey: 'p', start: at('2026-03-09', '08:00'), end: at('2026-03-09', '09:00') },
      { recordId: 'b', pupilKey: 'p', start: at('2026-03-09', '08:30'), end: at('2026-03-09', '10:00') },
      { recordId: 'c', pupilKey: 'p', start: at('2026-03-09', '09:45'), end: at('2026-03-09', '11:00') },
      { recordId: 'd', pupilKey: 'p', start: at('2026-03-09', '11:00'), end: at('2026-03-09', '12:00') },
    ]);
    expect(episodes.map((episode) => episode.platformRecordIds)).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('keeps pupils apart and splits a multi-day record into one fact per date', () => {
    const episodes = computeEpisodes([
      { recordId: 'leave', pupilKey: 'p', ...wholeDays('2026-04-20', '2026-04-22') },
      { recordId: 'tue', pupilKey: 'p', start: at('2026-04-21', '08:20'), end: at('2026-04-21', '09:20') },
      { recordId: 'other', pupilKey: 'q', start: at('2026-04-21', '08:20'), end: at('2026-04-21', '09:20') },
    ]);
    expect(episodes.map((episode) => `${episode.worldKey} ${episode.date} ${episode.platformRecordIds.join(',')}`)).toEqual([
      'p 2026-04-20 leave',
      'p 2026-04-21 leave,tue',
      'p 2026-04-22 leave',
      'q 2026-04-21 other',
    ]);
  });

  it('counts a whole day across the autumn DST change as one date', () => {
    const episodes = computeEpisodes([{ recordId: 'sunday', pupilKey: 'p', ...wholeDays('2025-10-26', '2025-10-26') }]);
    expect(episodes).toHaveLength(1);
    expect(episodes[0]?.date).toBe('2025-10-26');
  });
});
