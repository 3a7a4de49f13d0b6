/**
 * InfoMentor's date formats (infomentor.md §3): timestamps as `/Date(ms)/` (or, with drift
 * `jsonDateIso`, local `2026-03-09T08:31:07`), `shortDate` `YYYY-MM-DD`, `time` `HH:mm` and
 * Swedish long dates (`måndag 9 mars 2026`).
 */
import { dayNumberOf, instantToLocal, isoDateOf, isoWeekday, localToInstant } from '../world/index.js';

/** `dotnet` = `/Date(ms)/`; `isoLocal` = drift `jsonDateIso`. */
export type TimestampStyle = 'dotnet' | 'isoLocal';

const WEEKDAYS = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'] as const;
const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'] as const;
const SHORT_MONTHS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'] as const;

const DOTNET_DATE = /^\/Date\((-?\d+)\)\/$/;
const ISO_LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function formatTimestamp(instant: number, style: TimestampStyle): string {
  if (style === 'dotnet') return `/Date(${instant})/`;
  const local = instantToLocal(instant);
  return `${local.date}T${local.time}`;
}

/** `HH:mm` of an instant, Stockholm time. */
export function formatClock(instant: number): string {
  return instantToLocal(instant).time.slice(0, 5);
}

/** A real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  return ISO_DATE.test(text) && isoDateOf(dayNumberOf(text)) === text;
}

function dateParts(isoDate: string): { day: number; month: number; year: number; weekday: number } {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  return { day, month, year, weekday: isoWeekday(dayNumberOf(isoDate)) };
}

/** `måndag 9 mars 2026`. */
export function swedishLongDate(isoDate: string): string {
  const { day, month, year, weekday } = dateParts(isoDate);
  return `${WEEKDAYS[weekday - 1] ?? ''} ${day} ${MONTHS[month - 1] ?? ''} ${year}`;
}

/** `2 mars 2026`, as approval dates are printed. */
export function swedishDate(isoDate: string): string {
  const { day, month, year } = dateParts(isoDate);
  return `${day} ${MONTHS[month - 1] ?? ''} ${year}`;
}

function shortDay(isoDate: string): string {
  const { day, month } = dateParts(isoDate);
  return `${day} ${SHORT_MONTHS[month - 1] ?? ''}`;
}

/** A leave request's `dateRangeTitle`: `16 apr – 17 apr`, or `16 apr` for one day. */
export function dateRangeTitle(fromDate: string, toDate: string): string {
  return fromDate === toDate ? shortDay(fromDate) : `${shortDay(fromDate)} – ${shortDay(toDate)}`;
}

/**
 * A timestamp the server sent back as a cursor: `/Date(ms)/`, local ISO without an offset, or ISO
 * with one. `issued` resolves a local ISO text the server itself handed out, because a local time
 * inside the repeated autumn hour names two instants. Null when the text is none of these.
 */
export function parseTimestamp(text: string, issued: (text: string) => number | undefined = () => undefined): number | null {
  const dotnet = DOTNET_DATE.exec(text);
  if (dotnet) return Number(dotnet[1]);
  const local = ISO_LOCAL.exec(text);
  if (local) {
    const known = issued(text);
    if (known !== undefined) return known;
    const [, date = '', hours = '', minutes = '', seconds = ''] = local;
    if (!isIsoDate(date) || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return null;
    return localToInstant(dayNumberOf(date), Number(hours) * 60 + Number(minutes)) + Number(seconds) * 1000;
  }
  if (/^\d{4}-\d{2}-\d{2}T.+(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const instant = Date.parse(text);
    return Number.isNaN(instant) ? null : instant;
  }
  return null;
}
