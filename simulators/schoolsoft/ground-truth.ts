/**
 * `GET /_control/world` for SchoolSoft: the world's ground truth of the slice plus the records the
 * fault profile malformed (platforms README §4, COM-07), found by rendering every record a list
 * can serve exactly as the lists do.
 *
 * A malformed record a connector must quarantine (every kind but `unknownEnum`, which maps to
 * `unspecified`) produces nothing canonical, so the truth follows: its absence records leave the
 * episodes, a malformed student or parent is a quarantined person without enrolments or relations.
 * A record already quarantined by the world (X9) is listed once, as the world lists it.
 */
import type { SimulatorContext } from '../common/index.js';
import { canonicalAbsences, computeEpisodes } from '../world/index.js';
import type { EpisodeInput, GroundTruth, Slice } from '../world/index.js';
import { GROUND_TRUTH_RECORD_TYPE, RECORD_KINDS } from './malformation.js';
import type { RecordKind } from './malformation.js';
import { STREAM_OF, wireRecord } from './records.js';
import type { SchoolSoftState } from './state.js';

/** A fault-profile defect as `/_control/world` lists it (the world's own entries have kinds of their own). */
export interface FaultMalformedRecord {
  readonly platform: 'schoolsoft';
  readonly recordType: (typeof GROUND_TRUTH_RECORD_TYPE)[RecordKind];
  readonly id: string;
  readonly kind: string;
  readonly field: string;
}

type MalformedEntry = GroundTruth['malformed'][number] | FaultMalformedRecord;

export type SchoolSoftGroundTruth = Omit<GroundTruth, 'malformed'> & { readonly malformed: readonly MalformedEntry[] };

const ABSENCE_KINDS: readonly RecordKind[] = ['lessons', 'reports', 'leave'];

function byKey(entry: MalformedEntry): string {
  return `${entry.platform}|${entry.recordType}|${entry.id}`;
}

export function schoolSoftGroundTruth(context: SimulatorContext<SchoolSoftState>, slice: Slice): SchoolSoftGroundTruth {
  const { world } = context;
  const asOf = world.now();
  const base = world.groundTruth(slice, asOf);
  // Without malformed records the world's truth is the whole truth; rendering everything again is costly.
  if ((context.faults.profile().malformedRecordRate ?? 0) <= 0) return base;
  const scope = { world, slice, asOf };
  const alreadyListed = new Set(base.malformed.map(byKey));
  const quarantinedPupils = new Set(base.persons.filter((person) => person.quarantined && person.roles.includes('student')).map((person) => person.worldKey));

  const faultEntries: FaultMalformedRecord[] = [];
  const quarantinedPersons = new Set<string>();
  const absences: EpisodeInput[] = [];
  for (const kind of RECORD_KINDS) {
    for (const record of world.records(slice, STREAM_OF[kind], asOf)) {
      const { defect } = wireRecord(context, scope, kind, record);
      const entry: FaultMalformedRecord | null = defect ? { platform: 'schoolsoft', recordType: GROUND_TRUTH_RECORD_TYPE[kind], id: String(record.id), kind: defect.kind, field: defect.field } : null;
      const listedByWorld = entry !== null && alreadyListed.has(byKey(entry));
      if (entry && !listedByWorld) faultEntries.push(entry);
      const quarantined = entry !== null && entry.kind !== 'unknownEnum';
      if (quarantined && (kind === 'students' || kind === 'parents')) quarantinedPersons.add(record.key);
      if (!ABSENCE_KINDS.includes(kind) || quarantined || (record.pupilKey !== null && quarantinedPupils.has(record.pupilKey))) continue;
      for (const absence of canonicalAbsences(slice.platform, record, asOf)) {
        absences.push({ recordId: absence.recordId, pupilKey: absence.pupilKey, start: absence.start, end: absence.end });
      }
    }
  }

  const persons = base.persons.map((person) => (quarantinedPersons.has(person.worldKey) ? { ...person, quarantined: true } : person));
  const guardianRelations = base.guardianRelations.filter((relation) => !quarantinedPersons.has(relation.guardianKey));
  const enrolments = base.enrolments.filter((enrolment) => !quarantinedPersons.has(enrolment.pupilKey));
  const episodes = computeEpisodes(absences);
  const malformed = [...base.malformed, ...faultEntries].sort((left, right) => (byKey(left) < byKey(right) ? -1 : byKey(left) > byKey(right) ? 1 : 0));
  return {
    ...base,
    persons,
    episodes,
    malformed,
    guardianRelations,
    enrolments,
    totals: {
      persons: persons.filter((person) => !person.quarantined).length,
      guardianRelations: guardianRelations.length,
      enrolments: enrolments.length,
      absenceFacts: episodes.length,
      absenceRecords: absences.length,
      quarantined: base.totals.quarantined + faultEntries.filter((entry) => entry.kind !== 'unknownEnum').length,
    },
  };
}
