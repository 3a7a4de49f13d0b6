/**
 * Skolplattformen's date formats (platform file §3), all Stockholm local time: `2026-03-09`,
 * `2026-03-09 08:00`, `/Date(1773035560000)/` (epoch ms), `2026-03-09T06:52:40.27` (no zone,
 * 0–3 fraction digits) and the display-only Swedish `9 mars 2026 08:00`. The zone-less timestamp
 * is also the cursor format, so it is the one format parsed here too.
 */
import { dayNumberOf, instantToLocal, isoDateOf, localToInstant } from '../world/index.js';

const SWEDISH_MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/** `2026-03-09T06:52:40.27`: trailing zeros of the fraction are dropped, as .NET prints a DateTime. */
export function formatLocalTimestamp(instant: number): string {
  const local = instantToLocal(instant);
  const milliseconds = ((instant % 1000) + 1000) % 1000;
  const fraction = milliseconds === 0 ? '' : `.${String(milliseconds).padStart(3, '0').replace(/0+$/, '')}`;
  return `${local.date}T${local.time}${fraction}`;
}

const LOCAL_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;

/**
 * The instant a zone-less local timestamp names, or null when it is not one. A time in the
 * repeated autumn hour is the earlier instant (platform file §4), so a cursor printed in the
 * second pass of that hour reads back an hour early: rows are re-read, never skipped.
 */
export function parseLocalTimestamp(text: string): number | null {
  const match = LOCAL_TIMESTAMP.exec(text);
  if (!match) return null;
  const [, year, month, day, hours, minutes, seconds, fraction] = match;
  const date = `${year}-${month}-${day}`;
  if (!isCalendarDate(date)) return null;
  const hour = Number(hours);
  const minute = Number(minutes);
  const second = Number(seconds);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const milliseconds = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  return localToInstant(dayNumberOf(date), hour * 60 + minute) + second * 1000 + milliseconds;
}

/** `YYYY-MM-DD` naming a real calendar day. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const dayNumber = dayNumberOf(text);
  return Number.isFinite(dayNumber) && isoDateOf(dayNumber) === text;
}

/** `2026-03-09`: the local date of an instant. */
export function formatLocalDate(instant: number): string {
  return instantToLocal(instant).date;
}

/** `2026-03-09 08:00`. */
export function formatLocalMinute(instant: number): string {
  const local = instantToLocal(instant);
  return `${local.date} ${local.time.slice(0, 5)}`;
}

/** `/Date(1773035560000)/`: epoch milliseconds, the old ASP.NET JSON date. */
export function formatDotNetDate(instant: number): string {
  return `/Date(${instant})/`;
}

/** `9 mars 2026 08:00`, or `9 mars 2026` without a time; for display only. */
export function formatSwedishDisplay(instant: number, withTime: boolean): string {
  const local = instantToLocal(instant);
  const [year, month, day] = local.date.split('-').map(Number);
  const text = `${day ?? ''} ${SWEDISH_MONTHS[(month ?? 1) - 1] ?? ''} ${year ?? ''}`;
  return withTime ? `${text} ${local.time.slice(0, 5)}` : text;
}
