/**
 * Absence episodes by the rule of model §1.14: per pupil and school-local date, the maximal sets
 * of active records whose [start, end) intervals overlap, transitively. An all-day record covers
 * its whole date. A record spanning several dates takes part in one episode on each date it
 * covers. Touching intervals ([08:20, 09:20) and [09:20, 10:35)) do not overlap.
 */
import { isoDateOf, localDayNumberOf, startOfLocalDay } from './stockholm-time.js';

export interface EpisodeInput {
  readonly recordId: string;
  readonly pupilKey: string;
  readonly start: number;
  readonly end: number;
}

export interface Episode {
  readonly episodeKey: string;
  readonly worldKey: string;
  readonly date: string;
  readonly platformRecordIds: readonly string[];
}

interface Piece {
  readonly recordId: string;
  readonly start: number;
  readonly end: number;
}

export function computeEpisodes(records: Iterable<EpisodeInput>): Episode[] {
  const byPupilDay = new Map<string, { pupilKey: string; day: number; pieces: Piece[] }>();
  for (const record of records) {
    if (record.end <= record.start) continue;
    const lastDay = localDayNumberOf(record.end - 1);
    for (let day = localDayNumberOf(record.start); day <= lastDay; day++) {
      const dayStart = startOfLocalDay(day);
      const dayEnd = startOfLocalDay(day + 1);
      const groupKey = `${record.pupilKey}|${day}`;
      let group = byPupilDay.get(groupKey);
      if (!group) {
        group = { pupilKey: record.pupilKey, day, pieces: [] };
        byPupilDay.set(groupKey, group);
      }
      group.pieces.push({ recordId: record.recordId, start: Math.max(record.start, dayStart), end: Math.min(record.end, dayEnd) });
    }
  }
  const episodes: Episode[] = [];
  for (const group of byPupilDay.values()) {
    const pieces = group.pieces.sort((left, right) => left.start - right.start || left.end - right.end || (left.recordId < right.recordId ? -1 : 1));
    let current: { ids: string[]; end: number } | null = null;
    let ordinal = 0;
    const date = isoDateOf(group.day);
    const flush = (): void => {
      if (!current) return;
      episodes.push({ episodeKey: `${group.pupilKey}|${date}|${ordinal}`, worldKey: group.pupilKey, date, platformRecordIds: [...new Set(current.ids)].sort() });
      ordinal++;
    };
    for (const piece of pieces) {
      if (current && piece.start < current.end) {
        current.ids.push(piece.recordId);
        current.end = Math.max(current.end, piece.end);
      } else {
        flush();
        current = { ids: [piece.recordId], end: piece.end };
      }
    }
    flush();
  }
  return episodes.sort((left, right) => (left.episodeKey < right.episodeKey ? -1 : left.episodeKey > right.episodeKey ? 1 : 0));
}
