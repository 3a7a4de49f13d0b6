/**
 * `GET /_control/world` for a Skola24 tenant: the world's ground truth of the slice, plus every
 * record the current fault profile serves malformed (malformation.ts decides both). Listed are the
 * records a backfill reads — active ones as of now — each once, even when it shows under two
 * units. Records of X9 pupils, which the world already lists, are never served malformed.
 * `totals.quarantined` counts the added entries a connector must quarantine (not `unknownEnum`).
 */
import type { SimulatorContext } from '../common/index.js';
import type { GroundTruth, MalformedKind, Slice, StreamName } from '../world/index.js';
import { GROUND_TRUTH_RECORD_TYPE, defectOf, isQuarantinable } from './malformation.js';
import type { MalformableRecordKind } from './malformation.js';

const STREAM_OF: Readonly<Record<MalformableRecordKind, StreamName>> = {
  students: 'pupils',
  guardians: 'guardians',
  plannedAbsences: 'notices',
  leaveApplications: 'leaveApplications',
  registrations: 'registrations',
};

export interface FaultMalformedRecord {
  readonly platform: 'skola24';
  readonly recordType: (typeof GROUND_TRUTH_RECORD_TYPE)[MalformableRecordKind];
  readonly id: string;
  readonly kind: MalformedKind;
  readonly field: string;
}

export function skola24GroundTruth(context: SimulatorContext, slice: Slice): GroundTruth | Record<string, unknown> {
  const truth = context.world.groundTruth(slice);
  if ((context.faults.profile().malformedRecordRate ?? 0) <= 0) return truth;
  const listed = new Set(truth.malformed.map((entry) => `${entry.recordType}|${entry.id}`));
  const added: FaultMalformedRecord[] = [];
  for (const kind of Object.keys(STREAM_OF) as MalformableRecordKind[]) {
    const recordType = GROUND_TRUTH_RECORD_TYPE[kind];
    for (const record of context.world.query(slice, STREAM_OF[kind])) {
      const id = String(record.id);
      const defect = defectOf(context, kind, record);
      if (!defect || listed.has(`${recordType}|${id}`)) continue;
      listed.add(`${recordType}|${id}`);
      added.push({ platform: 'skola24', recordType, id, kind: defect.kind, field: defect.field });
    }
  }
  const malformed = [...truth.malformed, ...added].sort((left, right) => {
    const a = `${left.platform}|${left.recordType}|${left.id}`;
    const b = `${right.platform}|${right.recordType}|${right.id}`;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const quarantined = truth.totals.quarantined + added.filter(isQuarantinable).length;
  return { ...truth, malformed, totals: { ...truth.totals, quarantined } };
}
