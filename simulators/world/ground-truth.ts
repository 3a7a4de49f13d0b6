/**
 * Ground truth: what a correct sync must end up with, for one slice (`GET /_control/world`, what
 * a backfill of that platform alone produces) or for a municipality (every platform synced, the
 * demo's `expected` totals). Built from the same sources the simulators serve, as of `asOf`.
 *
 * Counting rules, stated once:
 * - persons: people after identity resolution (one per world key) with a valid record; a person
 *   whose civic number is malformed (X9) is listed with `quarantined: true` and not counted;
 * - guardianRelations: distinct (guardian, pupil, relation type) a platform lists at `asOf`;
 * - enrolments: distinct (pupil, school unit);
 * - absenceFacts: episodes by model §1.14 over the active canonical AbsenceRecords (canonical.ts);
 * - quarantined: one entry per source record a sync must quarantine — the X9 person records, and
 *   every AbsenceRecord, LeaveApplication and GuardianRelation that refers to a quarantined pupil
 *   (field `studentRef`, model §1.14).
 */
import { SCHOOL_DAYS } from './calendar.js';
import { ANCHOR_LEAD_DAYS } from './absence.js';
import { canonicalAbsences } from './canonical.js';
import type { CanonicalAbsence } from './canonical.js';
import { CIVIC_NO_FIELD, canonicalRelationType, shownRelations } from './codes.js';
import { computeEpisodes } from './episodes.js';
import type { Episode, EpisodeInput } from './episodes.js';
import type { PlatformId } from './platform-ids.js';
import { selectVersion } from './query.js';
import type { AnchoredSource, EnumeratedSource, QueryWindow } from './query.js';
import type { RosterRows } from './rows-roster.js';
import type { GuardianRow, PupilRow, SliceRecord, StreamName } from './rows.js';
import type { SliceSources } from './sources.js';
import { formatStockholm, localDayNumberOf } from './stockholm-time.js';
import type { ScenarioKey } from './types.js';
import { sliceKey, sliceRosterUnits, unitByCode } from './units.js';
import type { MunicipalityKey, PlatformKey, Slice, UnitCode } from './units.js';

export interface GroundTruthPerson {
  readonly worldKey: string;
  readonly platformIds: Partial<Record<PlatformKey, PlatformId>>;
  /** The number as the platforms hold it at `asOf`. */
  readonly civicNo: string;
  readonly roles: readonly ('student' | 'guardian')[];
  readonly scenarios: readonly ScenarioKey[];
  readonly quarantined: boolean;
}

export interface MalformedRecord {
  readonly platform: PlatformKey;
  readonly recordType: 'pupils' | 'guardians' | 'guardianRelations' | 'absences' | 'leaveApplications';
  readonly id: string;
  readonly kind: 'badCivicNo' | 'personQuarantined';
  readonly field: string;
}

export interface GroundTruthRelation {
  readonly guardianKey: string;
  readonly pupilKey: string;
  readonly relationType: string;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export interface GroundTruthEnrolment {
  readonly pupilKey: string;
  readonly unit: UnitCode;
  readonly schoolUnitCode: string;
  readonly schoolType: string;
  readonly schoolYear: number;
  readonly startDate: string;
  readonly endDate: string | null;
}

export interface GroundTruthTotals {
  readonly persons: number;
  readonly guardianRelations: number;
  readonly enrolments: number;
  readonly absenceFacts: number;
  /** Active canonical AbsenceRecords; `absenceRecordsMerged` = absenceRecords − absenceFacts. */
  readonly absenceRecords: number;
  readonly quarantined: number;
}

export interface GroundTruth {
  readonly municipality: MunicipalityKey;
  readonly slice: Slice | null;
  readonly asOf: string;
  readonly persons: readonly GroundTruthPerson[];
  readonly episodes: readonly Episode[];
  readonly malformed: readonly MalformedRecord[];
  readonly guardianRelations: readonly GroundTruthRelation[];
  readonly enrolments: readonly GroundTruthEnrolment[];
  readonly totals: GroundTruthTotals;
}

interface PersonEntry {
  worldKey: string;
  platformIds: Partial<Record<PlatformKey, PlatformId>>;
  civicNo: string;
  roles: Set<'student' | 'guardian'>;
  scenarios: Set<ScenarioKey>;
  quarantined: boolean;
}

const byString = <T>(key: (item: T) => string) => (left: T, right: T): number => {
  const a = key(left);
  const b = key(right);
  return a < b ? -1 : a > b ? 1 : 0;
};

class Collector {
  readonly persons = new Map<string, PersonEntry>();
  readonly malformed: MalformedRecord[] = [];
  readonly relations = new Map<string, GroundTruthRelation>();
  readonly enrolments = new Map<string, GroundTruthEnrolment>();
  readonly absences: EpisodeInput[] = [];
  private readonly quarantinedPupils = new Map<string, Set<string>>();
  private readonly pupilIds = new Map<string, PlatformId>();

  constructor(private readonly rosterRows: RosterRows) {}

  person(worldKey: string, civicNo: string, scenarios: readonly ScenarioKey[]): PersonEntry {
    let entry = this.persons.get(worldKey);
    if (!entry) {
      entry = { worldKey, platformIds: {}, civicNo, roles: new Set(), scenarios: new Set(scenarios), quarantined: false };
      this.persons.set(worldKey, entry);
    }
    return entry;
  }

  isQuarantined(slice: Slice, pupilKey: string): boolean {
    return this.quarantinedPupils.get(sliceKey(slice))?.has(pupilKey) ?? false;
  }

  pupil(slice: Slice, record: SliceRecord, scenarios: readonly ScenarioKey[]): void {
    const data = record.data as PupilRow;
    const entry = this.person(data.pupilKey, data.civicNo, scenarios);
    entry.platformIds[slice.platform] = record.id;
    entry.roles.add('student');
    this.pupilIds.set(`${sliceKey(slice)}|${data.pupilKey}`, record.id);
    if (data.civicDefect) {
      entry.quarantined = true;
      const set = this.quarantinedPupils.get(sliceKey(slice)) ?? new Set<string>();
      set.add(data.pupilKey);
      this.quarantinedPupils.set(sliceKey(slice), set);
      this.malformed.push({ platform: slice.platform, recordType: 'pupils', id: String(record.id), kind: 'badCivicNo', field: CIVIC_NO_FIELD[slice.platform] });
      return;
    }
    for (const enrolment of data.enrolments) {
      const unit = unitByCode(enrolment.unit);
      this.enrolments.set(`${data.pupilKey}|${enrolment.unit}`, {
        pupilKey: data.pupilKey,
        unit: enrolment.unit,
        schoolUnitCode: unit.schoolUnitCode,
        schoolType: enrolment.schoolType,
        schoolYear: enrolment.schoolYear,
        startDate: enrolment.startDate,
        endDate: enrolment.endDate ?? this.enrolments.get(`${data.pupilKey}|${enrolment.unit}`)?.endDate ?? null,
      });
    }
  }

  relation(relation: { guardianKey: string; pupilKey: string; kind: Parameters<typeof canonicalRelationType>[0]; validFrom: string; validTo: string | null }): void {
    const relationType = canonicalRelationType(relation.kind);
    const key = `${relation.guardianKey}>${relation.pupilKey}|${relationType}`;
    const known = this.relations.get(key);
    this.relations.set(key, { guardianKey: relation.guardianKey, pupilKey: relation.pupilKey, relationType, validFrom: relation.validFrom, validTo: relation.validTo ?? known?.validTo ?? null });
  }

  guardian(slice: Slice, record: SliceRecord, scenarios: readonly ScenarioKey[], asOf: number): void {
    const data = record.data as GuardianRow;
    const entry = this.person(data.guardianKey, data.civicNo, scenarios);
    entry.platformIds[slice.platform] = record.id;
    entry.roles.add('guardian');
    for (const child of shownRelations(slice.platform, data.children, asOf)) {
      if (this.isQuarantined(slice, child.pupilKey)) {
        const pupilId = this.pupilIds.get(`${sliceKey(slice)}|${child.pupilKey}`) ?? this.rosterRows.pupilId(slice, child.pupilKey);
        this.malformed.push({ platform: slice.platform, recordType: 'guardianRelations', id: `${record.id}>${pupilId ?? child.pupilKey}`, kind: 'personQuarantined', field: 'studentRef' });
      } else {
        this.relation(child);
      }
    }
  }

  absenceRecord(slice: Slice, record: SliceRecord, asOf: number): void {
    const absences: CanonicalAbsence[] = canonicalAbsences(slice.platform, record, asOf);
    const pupilKey = record.pupilKey;
    if (pupilKey !== null && record.data.kind === 'leave') this.persons.get(pupilKey)?.scenarios.add('X10');
    if (pupilKey !== null && this.isQuarantined(slice, pupilKey)) {
      if (record.data.kind === 'leave' && !record.deleted) {
        this.malformed.push({ platform: slice.platform, recordType: 'leaveApplications', id: String(record.id), kind: 'personQuarantined', field: 'studentRef' });
      }
      for (const absence of absences) {
        this.malformed.push({ platform: slice.platform, recordType: 'absences', id: absence.recordId, kind: 'personQuarantined', field: 'studentRef' });
      }
      return;
    }
    for (const absence of absences) this.absences.push({ recordId: absence.recordId, pupilKey: absence.pupilKey, start: absence.start, end: absence.end });
  }
}

const ABSENCE_STREAMS: readonly StreamName[] = ['notices', 'registrations', 'leaveApplications'];

export function buildGroundTruth(
  sources: SliceSources,
  rosterRows: RosterRows,
  slices: readonly Slice[],
  asOf: number,
  scope: { municipality: MunicipalityKey; slice: Slice | null },
): GroundTruth {
  const collector = new Collector(rosterRows);
  const windows = new Map<string, QueryWindow>();
  const windowOf = (slice: Slice): QueryWindow => {
    let window = windows.get(sliceKey(slice));
    if (!window) {
      window = { after: null, until: asOf, units: sliceRosterUnits(slice).map((unit) => unit.code), fromDay: null, toDay: null };
      windows.set(sliceKey(slice), window);
    }
    return window;
  };
  const eachRecord = (source: EnumeratedSource, window: QueryWindow, visit: (record: SliceRecord) => void): void => {
    for (const group of source.groups()) {
      for (const timeline of source.timelines(group)) {
        const record = selectVersion(timeline, window);
        if (record) visit(record);
      }
    }
  };

  // Rosters first: absence records need to know which pupils are quarantined.
  for (const slice of slices) {
    const window = windowOf(slice);
    for (const source of sources.sources(slice, 'pupils', window.units)) {
      if (source.kind === 'enumerated') eachRecord(source, window, (record) => collector.pupil(slice, record, sources.scenariosOf(record.key)));
    }
    for (const source of sources.sources(slice, 'guardians', window.units)) {
      if (source.kind === 'enumerated') eachRecord(source, window, (record) => collector.guardian(slice, record, sources.scenariosOf(record.key), asOf));
    }
    if (slice.platform === 'ss12000') {
      // SS 12000 lists relations on the pupil (`responsibles`), not on the guardian alone.
      for (const source of sources.sources(slice, 'pupils', window.units)) {
        if (source.kind !== 'enumerated') continue;
        eachRecord(source, window, (record) => {
          const data = record.data as PupilRow;
          if (collector.isQuarantined(slice, data.pupilKey)) return;
          for (const relation of shownRelations('ss12000', data.guardians, asOf)) collector.relation(relation);
        });
      }
    }
  }

  // Absences: day-anchored sources day by day, so every slice reuses the same day outcomes.
  const anchored: { slice: Slice; source: AnchoredSource }[] = [];
  for (const slice of slices) {
    for (const stream of ABSENCE_STREAMS) {
      for (const source of sources.sources(slice, stream, windowOf(slice).units)) {
        if (source.kind === 'anchored') anchored.push({ slice, source });
        else eachRecord(source, windowOf(slice), (record) => collector.absenceRecord(slice, record, asOf));
      }
    }
  }
  const lastDay = localDayNumberOf(asOf) + ANCHOR_LEAD_DAYS;
  for (const day of SCHOOL_DAYS) {
    if (day > lastDay) break;
    for (const { slice, source } of anchored) {
      const window = windowOf(slice);
      for (const timeline of source.timelinesAt(day)) {
        const record = selectVersion(timeline, window);
        if (record) collector.absenceRecord(slice, record, asOf);
      }
    }
  }

  const episodes = computeEpisodes(collector.absences);
  const persons: GroundTruthPerson[] = [...collector.persons.values()]
    .map((entry) => ({
      worldKey: entry.worldKey,
      platformIds: entry.platformIds,
      civicNo: entry.civicNo,
      roles: [...entry.roles].sort(),
      scenarios: [...entry.scenarios].sort(byString((key: string) => key.padStart(3, '0'))),
      quarantined: entry.quarantined,
    }))
    .sort(byString((person) => person.worldKey));
  const malformed = [...collector.malformed].sort(byString((entry) => `${entry.platform}|${entry.recordType}|${entry.id}`));
  const guardianRelations = [...collector.relations.entries()].sort(byString(([key]) => key)).map(([, relation]) => relation);
  const enrolments = [...collector.enrolments.entries()].sort(byString(([key]) => key)).map(([, enrolment]) => enrolment);
  return {
    municipality: scope.municipality,
    slice: scope.slice,
    asOf: formatStockholm(asOf),
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
      absenceRecords: collector.absences.length,
      quarantined: malformed.length,
    },
  };
}
