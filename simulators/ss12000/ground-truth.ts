/**
 * `GET /_control/world` for SS 12000: the world's ground truth of the customer's slice, plus the
 * records the fault profile malformed (`malformedRecordRate`) — decided by the same function the
 * responses use, so every defect a connector meets is listed. `unknownEnum` defects are listed
 * but not counted as quarantined: a connector maps them by the unknown-code rule (COM-07).
 */
import type { GroundTruth, MalformedKind, Slice, StreamName } from '../world/index.js';
import { ABSENCE_FIELDS, ATTENDANCE_FIELDS, PERSON_FIELDS, defectOf } from './presentation.js';
import type { MalformableField, MalformedRecordType } from './presentation.js';
import type { Ss12000Context } from './state.js';

export interface FaultMalformedRecord {
  readonly platform: 'ss12000';
  readonly recordType: MalformedRecordType;
  readonly id: string;
  readonly kind: MalformedKind;
  readonly field: MalformableField;
}

const MALFORMABLE_STREAMS: readonly { stream: StreamName; fields: readonly MalformableField[]; recordType: MalformedRecordType }[] = [
  { stream: 'pupils', fields: PERSON_FIELDS, recordType: 'pupils' },
  { stream: 'guardians', fields: PERSON_FIELDS, recordType: 'guardians' },
  { stream: 'notices', fields: ABSENCE_FIELDS, recordType: 'absences' },
  { stream: 'registrations', fields: ATTENDANCE_FIELDS, recordType: 'absences' },
];

/** Every record of the slice the fault profile malforms, as of now. */
export function faultMalformedRecords(context: Ss12000Context, slice: Slice): FaultMalformedRecord[] {
  if ((context.faults.profile().malformedRecordRate ?? 0) <= 0) return [];
  const found: FaultMalformedRecord[] = [];
  for (const { stream, fields, recordType } of MALFORMABLE_STREAMS) {
    for (const record of context.world.query(slice, stream)) {
      const id = String(record.id);
      const defect = defectOf(context, id, fields);
      if (defect) found.push({ platform: 'ss12000', recordType, id, kind: defect.kind, field: defect.field });
    }
  }
  return found;
}

/** The world's ground truth, whose `malformed` also lists the fault profile's defects. */
export type Ss12000GroundTruth = Omit<GroundTruth, 'malformed'> & { readonly malformed: readonly (GroundTruth['malformed'][number] | FaultMalformedRecord)[] };

export function ss12000GroundTruth(context: Ss12000Context, slice: Slice): Ss12000GroundTruth {
  const truth = context.world.groundTruth(slice);
  const faulty = faultMalformedRecords(context, slice);
  if (faulty.length === 0) return truth;
  const malformed = [...truth.malformed, ...faulty].sort((left, right) => `${left.recordType}|${left.id}`.localeCompare(`${right.recordType}|${right.id}`));
  const quarantined = faulty.filter((record) => record.kind !== 'unknownEnum').length;
  return { ...truth, malformed, totals: { ...truth.totals, quarantined: truth.totals.quarantined + quarantined } };
}
