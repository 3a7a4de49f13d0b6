/**
 * `GET /_control/world`: the world's ground truth for the slice, plus the records the current
 * fault profile malformed, found by rendering the backfill exactly as the lists answer it.
 */
import type { GroundTruth, Slice } from '../world/index.js';
import { LISTS, wireRow } from './list-rows.js';
import { renderScope } from './render-scope.js';
import { hostedSchools } from './schools.js';
import type { SkolplattformenContext } from './state.js';

export interface FaultMalformedRecord {
  readonly platform: 'skolplattformen';
  readonly recordType: string;
  readonly id: string;
  readonly kind: string;
  readonly field: string;
}

export function faultMalformedRecords(context: SkolplattformenContext): FaultMalformedRecord[] {
  if ((context.faults.profile().malformedRecordRate ?? 0) <= 0) return [];
  const until = context.clock.now();
  const found: FaultMalformedRecord[] = [];
  for (const school of hostedSchools(context)) {
    const scope = renderScope(context, school, until);
    for (const list of LISTS) {
      for (const record of context.world.query(school.source, list.stream, { until, units: school.unit })) {
        const { id, defect } = wireRow(scope, list, record);
        if (defect) found.push({ platform: 'skolplattformen', recordType: list.recordType, id, kind: defect.kind, field: defect.field });
      }
    }
  }
  return found;
}

export function groundTruthWithFaults(context: SkolplattformenContext, slice: Slice): GroundTruth | Record<string, unknown> {
  const truth = context.world.groundTruth(slice);
  const extra = faultMalformedRecords(context);
  if (extra.length === 0) return truth;
  const alreadyQuarantined = new Set(truth.malformed.map((entry) => `${entry.recordType}|${entry.id}`));
  // An unknown enum is mapped by the unknown-code rule, not quarantined (platforms README COM-07).
  const quarantined = extra.filter((entry) => entry.kind !== 'unknownEnum' && !alreadyQuarantined.has(`${entry.recordType}|${entry.id}`));
  return {
    ...truth,
    malformed: [...truth.malformed, ...extra],
    totals: { ...truth.totals, quarantined: truth.totals.quarantined + quarantined.length },
  };
}
