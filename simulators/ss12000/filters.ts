/**
 * Filters several lists share: the `meta` stamps (`…after` exclusive, `…before` inclusive, §2),
 * an organisation (a school unit, or the huvudman meaning all of them), and `sortkey`.
 */
import type { UnitCode } from '../world/index.js';
import type { Entry } from './collections.js';
import type { QueryParams } from './query-params.js';
import { References } from './references.js';
import type { Scope } from './state.js';

export interface MetaFilter {
  readonly modifiedAfter?: number;
  readonly modifiedBefore?: number;
  readonly createdAfter?: number;
  readonly createdBefore?: number;
}

export function parseMetaFilter(params: QueryParams): MetaFilter {
  return {
    modifiedAfter: params.instant('meta.modified.after'),
    modifiedBefore: params.instant('meta.modified.before'),
    createdAfter: params.instant('meta.created.after'),
    createdBefore: params.instant('meta.created.before'),
  };
}

export function metaMatches(filter: MetaFilter, entry: Entry): boolean {
  return (
    (filter.modifiedAfter === undefined || entry.lastChanged > filter.modifiedAfter) &&
    (filter.modifiedBefore === undefined || entry.lastChanged <= filter.modifiedBefore) &&
    (filter.createdAfter === undefined || entry.createdAt > filter.createdAfter) &&
    (filter.createdBefore === undefined || entry.createdAt <= filter.createdBefore)
  );
}

/**
 * The units organisation ids stand for: a school unit itself, the huvudman all of the customer's
 * units; an id of nothing here matches nothing. Null when no id was given (no filter).
 */
export function unitsOfOrganisations(scope: Scope, ids: readonly string[]): UnitCode[] | null {
  if (ids.length === 0) return null;
  const refs = new References(scope, false);
  const units = scope.world.units(scope.slice).map((unit) => unit.code);
  if (ids.includes(refs.huvudmanId())) return units;
  return units.filter((unit) => ids.includes(refs.unitId(unit)));
}

export type EntryOrder = (left: Entry, right: Entry) => number;

export const byModifiedDesc: EntryOrder = (left, right) => right.lastChanged - left.lastChanged || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0);

/** Orders by a text (Swedish collation), ties by id. */
export function byText(text: (entry: Entry) => string, descending = false): EntryOrder {
  const collator = new Intl.Collator('sv');
  return (left, right) => (descending ? -1 : 1) * collator.compare(text(left), text(right)) || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0);
}

/** Orders by a number, ties by id. */
export function byNumber(value: (entry: Entry) => number, descending = false): EntryOrder {
  return (left, right) => (descending ? -1 : 1) * (value(left) - value(right)) || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0);
}
