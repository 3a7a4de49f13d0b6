/**
 * Skola24's time formats (skola24.md §3, §6): .NET round-trip stamps with seven fraction digits
 * and an offset in JSON, XmlSerializer stamps with 0–7 fraction digits in XML, local times
 * without a zone for lessons and absences, and plain dates. The parser accepts what a client may
 * send back: a stamp with or without offset (without = Stockholm local time).
 */
import { dayNumberOf, instantToLocal, localToInstant } from '../world/index.js';

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60_000;

function offsetText(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(absolute / 60)).padStart(2, '0')}:${String(absolute % 60).padStart(2, '0')}`;
}

function millisecondsOf(instant: number): number {
  return ((instant % MS_PER_SECOND) + MS_PER_SECOND) % MS_PER_SECOND;
}

/** `2026-03-09T06:54:02.0000000+01:00`: the JSON envelope's and records' stamps (`fffffff`). */
export function formatDotNetStamp(instant: number): string {
  const local = instantToLocal(instant);
  const fraction = `${String(millisecondsOf(instant)).padStart(3, '0')}0000`;
  return `${local.date}T${local.time}.${fraction}${offsetText(local.offsetMinutes)}`;
}

/** `2026-03-09T09:24:51.27+01:00`: XmlSerializer's `FFFFFFF`, trailing zeros and a bare dot dropped. */
export function formatXmlStamp(instant: number): string {
  const local = instantToLocal(instant);
  const fraction = String(millisecondsOf(instant)).padStart(3, '0').replace(/0+$/, '');
  return `${local.date}T${local.time}${fraction ? `.${fraction}` : ''}${offsetText(local.offsetMinutes)}`;
}

/** `2026-03-09T08:20:00`: Stockholm wall-clock time without zone (lessons, absences, applications). */
export function formatLocalDateTime(instant: number): string {
  const local = instantToLocal(instant);
  return `${local.date}T${local.time}`;
}

/** `2026-03-09T00:00:00`: a date as Skola24's JSON writes date-only values in datetime fields. */
export function dateAsLocalMidnight(isoDate: string): string {
  return `${isoDate}T00:00:00`;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const STAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})?$/;

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for an existing calendar date written `yyyy-MM-dd`. */
export function isIsoDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

function offsetMinutesOf(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const [hours, minutes] = zone.slice(1).split(':').map(Number);
  return sign * ((hours ?? 0) * 60 + (minutes ?? 0));
}

/**
 * Epoch ms of a stamp a client sent (`changedSince`, `snapshotTime`), or null when it does not
 * parse. Fraction digits beyond milliseconds are dropped: every stamp this server hands out is a
 * whole number of milliseconds, so an echoed cursor comes back exact.
 */
export function parseStamp(text: string): number | null {
  const match = STAMP_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day, hours, minutes, seconds] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (!isRealDate(year, month, day) || hours > 23 || minutes > 59 || seconds > 59) return null;
  const milliseconds = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const zone = match[8];
  if (zone === undefined) {
    const isoDate = `${match[1] ?? ''}-${match[2] ?? ''}-${match[3] ?? ''}`;
    return localToInstant(dayNumberOf(isoDate), hours * 60 + minutes) + seconds * MS_PER_SECOND + milliseconds;
  }
  return Date.UTC(year, month - 1, day, hours, minutes, seconds, milliseconds) - offsetMinutesOf(zone) * MS_PER_MINUTE;
}
