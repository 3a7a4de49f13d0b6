/**
 * Schema-drift toggles (`PUT /_control/drift`, platforms README §4). Three are common to every
 * simulator: `extraFields` and `reorderFields` (applied by the platform to its records, with the
 * helpers below for JSON) and `movedPermanently` (applied by the framework to data requests).
 * A toggle's value is `true` or, for toggles with variants (SS 12000 `callbackSpelling`), a string.
 */
import { z } from 'zod';

export const COMMON_DRIFT_TOGGLES = ['extraFields', 'reorderFields', 'movedPermanently'] as const;

export const driftBodySchema = z.record(z.string(), z.union([z.boolean(), z.string().min(1)]));
export type DriftValue = boolean | string;

export class DriftState {
  private toggles = new Map<string, DriftValue>();

  constructor(readonly known: readonly string[]) {}

  /** Replaces the whole set; returns the names not known to this platform (nothing is changed then). */
  replace(toggles: Readonly<Record<string, DriftValue>>): string[] {
    const unknown = Object.keys(toggles).filter((name) => !this.known.includes(name));
    if (unknown.length > 0) return unknown;
    this.toggles = new Map(Object.entries(toggles).filter(([, value]) => value !== false));
    return [];
  }

  clear(): void {
    this.toggles.clear();
  }

  has(name: string): boolean {
    return this.toggles.has(name);
  }

  /** `true`, the variant string, or undefined when off. */
  value(name: string): DriftValue | undefined {
    return this.toggles.get(name);
  }

  toJSON(): Record<string, DriftValue> {
    return Object.fromEntries(this.toggles);
  }
}

/** Field names and values `extraFields` adds; a platform passes names in its own casing. */
export interface ExtraFieldsOptions {
  readonly names?: readonly [string, string];
}

const DEFAULT_EXTRA_NAMES: readonly [string, string] = ['simulatorExtraField', 'simulatorExtraObject'];

/**
 * A record as drift shows it: with `extraFields`, two unknown fields (a string and an object) are
 * appended; with `reorderFields`, the keys come in reverse order. Values are untouched and nested
 * objects keep their order, so a reader that looks fields up by name sees the same record.
 */
export function driftRecord<T extends object>(record: T, drift: Pick<DriftState, 'has'>, options: ExtraFieldsOptions = {}): T {
  let entries = Object.entries(record);
  if (drift.has('extraFields')) {
    const [stringName, objectName] = options.names ?? DEFAULT_EXTRA_NAMES;
    entries = [...entries, [stringName, 'drift'], [objectName, { added: true, version: 2 }]];
  }
  if (drift.has('reorderFields')) entries = entries.reverse();
  return Object.fromEntries(entries) as T;
}

/** `driftRecord` over a list. */
export function driftRecords<T extends object>(records: readonly T[], drift: Pick<DriftState, 'has'>, options: ExtraFieldsOptions = {}): T[] {
  return records.map((record) => driftRecord(record, drift, options));
}
