/**
 * Times on the wire: RFC 3339 with the Stockholm offset (§2). A stamp keeps its milliseconds when
 * it has any, because `meta.modified` is the connector's cursor: rounding a stamp to the second
 * would make a record that changed later in the same second look as old as the cursor (lost), or
 * one that changed earlier look newer (repeated).
 */
import { formatStockholm } from '../world/index.js';

export function rfc3339(instant: number): string {
  const whole = formatStockholm(instant);
  const milliseconds = ((instant % 1000) + 1000) % 1000;
  if (milliseconds === 0) return whole;
  // formatStockholm writes `YYYY-MM-DDTHH:mm:ss±hh:mm`; the fraction goes before the offset.
  return `${whole.slice(0, 19)}.${String(milliseconds).padStart(3, '0')}${whole.slice(19)}`;
}

export function meta(createdAt: number, modifiedAt: number): { created: string; modified: string } {
  return { created: rfc3339(createdAt), modified: rfc3339(modifiedAt) };
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An RFC 3339 date-time with offset as epoch ms, or null. */
export function parseRfc3339(text: string): number | null {
  const match = RFC3339.exec(text);
  if (!match) return null;
  const [, year, month, day, hours, minutes, seconds] = match.map(Number);
  if (!validDate(year ?? NaN, month ?? NaN, day ?? NaN) || (hours ?? 24) > 23 || (minutes ?? 60) > 59 || (seconds ?? 60) > 59) return null;
  const instant = Date.parse(text);
  return Number.isNaN(instant) ? null : instant;
}

/** True for a real calendar date `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, year, month, day] = match.map(Number);
  return validDate(year ?? NaN, month ?? NaN, day ?? NaN);
}
