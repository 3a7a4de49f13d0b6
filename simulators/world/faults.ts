/**
 * Deterministic malformed-record decisions (platforms README §4): whether a record is malformed
 * is a function of (seed, record id, fault profile), so fetching the same page again returns the
 * same defect. Shared here so the five simulators decide alike and their ground truth can list it.
 */
import { rngFor } from './prng.js';

export type MalformedKind = 'missingRequired' | 'wrongType' | 'badCivicNo' | 'unknownEnum' | 'badDate';

export interface MalformedProfile {
  readonly malformedRecordRate?: number;
  readonly malformedKinds?: readonly MalformedKind[];
}

const DEFAULT_KINDS: readonly MalformedKind[] = ['missingRequired', 'wrongType', 'badCivicNo', 'unknownEnum', 'badDate'];

/**
 * The defect of a record, or null. `fields` are the platform's malformable fields that this
 * record has (its file lists them); the chosen field is drawn from them.
 */
export function malformedDecision(
  seed: string,
  recordId: string | number,
  profile: MalformedProfile,
  fields: readonly string[],
): { kind: MalformedKind; field: string } | null {
  const rate = profile.malformedRecordRate ?? 0;
  if (rate <= 0 || fields.length === 0) return null;
  const kinds = profile.malformedKinds && profile.malformedKinds.length > 0 ? profile.malformedKinds : DEFAULT_KINDS;
  const rng = rngFor(seed, 'malformed', `${String(recordId)}|${rate}|${[...kinds].sort().join(',')}`);
  if (!rng.chance(rate)) return null;
  return { kind: rng.pick(kinds), field: rng.pick(fields) };
}
