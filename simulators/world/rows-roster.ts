/**
 * Roster records of a slice — pupils, guardians, classes — with their history: created when the
 * platform first knew them, touched by the summer rollover, by an enrolment starting or ending
 * (X3, X4), by a civic number changing (X8), by an 18th birthday (X6: relations end the day
 * before, both persons change at 00:00) and by injected relation ends and deletions.
 */
import { toTenDigits } from './civic-numbers.js';
import type { InjectionStore } from './injections.js';
import { groupPosition } from './platform-ids.js';
import type { PlatformIds } from './platform-ids.js';
import { civicNoAt, schoolTypeOf } from './roster.js';
import type { Roster } from './roster.js';
import { lazyVersion } from './rows.js';
import type { EnrolmentView, GroupRow, GuardianRow, PupilRow, RelationView, RowTimeline, RowVersion } from './rows.js';
import { isoDateOf, localDayNumberOf, localToInstant } from './stockholm-time.js';
import { FIRST_SCHOOL_DAY, LAST_SCHOOL_DAY } from './calendar.js';
import { ROLLOVER_AT, TIMELINE_END } from './timeline-constants.js';
import type { ClassGroup, Timetable } from './timetable.js';
import type { CivicIdentity, Enrolment, Guardian, Pupil, Relation } from './types.js';
import { sliceRosterUnitCodes, sliceRosterUnits } from './units.js';
import type { Slice, UnitCode } from './units.js';

function sortedInstants(instants: Iterable<number | null>, from: number): number[] {
  const set = new Set<number>();
  for (const instant of instants) if (instant !== null && instant >= from && instant < TIMELINE_END) set.add(instant);
  return [...set].sort((left, right) => left - right);
}

function shownCivic(civic: CivicIdentity, at: number): Pick<PupilRow, 'civicNo' | 'civicNoType' | 'civicDefect'> {
  const current = civicNoAt(civic, at);
  return {
    civicNo: civic.defect === 'tenDigit' ? toTenDigits(current.value) : current.value,
    civicNoType: current.type,
    civicDefect: civic.defect,
  };
}

export class RosterRows {
  constructor(
    private readonly roster: Roster,
    private readonly timetable: Timetable,
    private readonly ids: PlatformIds,
    private readonly injections: InjectionStore,
  ) {}

  /** Enrolments this slice shows: at its roster units; register-only pupils in SS 12000 alone. */
  visibleEnrolments(slice: Slice, pupil: Pupil): Enrolment[] {
    if (pupil.registerOnly && slice.platform !== 'ss12000') return [];
    const units = sliceRosterUnitCodes(slice);
    return pupil.enrolments.filter((enrolment) => units.includes(enrolment.unit));
  }

  /** When this slice's record of the pupil was created, or null if the slice never shows it. */
  pupilCreatedAt(slice: Slice, pupil: Pupil): number | null {
    const enrolments = this.visibleEnrolments(slice, pupil);
    if (enrolments.length === 0) return null;
    return Math.min(...enrolments.map((enrolment) => enrolment.createdAt));
  }

  pupilId(slice: Slice, pupilKey: string): string | number | null {
    if (!this.roster.hasPupil(pupilKey)) return null;
    const pupil = this.roster.pupil(pupilKey);
    const createdAt = this.pupilCreatedAt(slice, pupil);
    return createdAt === null ? null : this.ids.pupil(slice, pupilKey, createdAt, pupil.position);
  }

  /** Pupils the slice shows, each once: home pupils of its units, then guests from elsewhere. */
  *candidatePupilKeys(slice: Slice, onlyUnits?: readonly UnitCode[]): Generator<string> {
    const units = sliceRosterUnits(slice)
      .map((unit) => unit.code)
      .filter((code) => !onlyUnits || onlyUnits.includes(code));
    const sliceUnits = sliceRosterUnits(slice).map((unit) => unit.code);
    for (const unit of units) {
      for (const key of this.roster.homePupilKeys(unit)) {
        if (slice.platform === 'ss12000' || !this.roster.isRegisterOnly(key)) yield key;
      }
    }
    const seen = new Set<string>();
    for (const unit of units) {
      for (const guest of this.roster.guestPupilKeys(unit)) {
        const home = this.roster.skeleton(guest).unit;
        if (seen.has(guest) || (units.includes(home) && sliceUnits.includes(home))) continue;
        seen.add(guest);
        yield guest;
      }
    }
  }

  /** Guardians the slice shows, each once. */
  *candidateGuardianKeys(slice: Slice, onlyUnits?: readonly UnitCode[]): Generator<string> {
    const seen = new Set<string>();
    for (const pupilKey of this.candidatePupilKeys(slice, onlyUnits)) {
      for (const relation of this.roster.pupil(pupilKey).relations) {
        if (seen.has(relation.guardianKey)) continue;
        seen.add(relation.guardianKey);
        yield relation.guardianKey;
      }
    }
  }

  private relationView(slice: Slice, relation: Relation, pupil: Pupil, at: number): RelationView {
    const endedAt = this.injections.relationEndedAt(slice, relation.guardianKey, relation.pupilKey);
    const removed = endedAt !== null && endedAt <= at;
    const known = relation.endKnownAt !== null && relation.endKnownAt <= at;
    const pupilIsOfAge = at >= localToInstant(pupil.eighteenthBirthday, 0);
    return {
      guardianKey: relation.guardianKey,
      pupilKey: relation.pupilKey,
      kind: relation.kind,
      validFrom: relation.validFrom,
      validTo: removed && endedAt !== null ? isoDateOf(localDayNumberOf(endedAt)) : known ? relation.validTo : null,
      pupilIsOfAge,
      accessAllowed: !removed && relation.kind === 'custodian' && (!pupilIsOfAge || pupil.consentsGuardianAccess),
      removed,
    };
  }

  private enrolmentView(enrolment: Enrolment, at: number): EnrolmentView {
    return {
      enrolmentKey: enrolment.key,
      unit: enrolment.unit,
      schoolType: enrolment.schoolType,
      schoolYear: enrolment.schoolYear,
      classKey: enrolment.classKey,
      className: enrolment.className,
      startDate: enrolment.startDate,
      endDate: enrolment.endKnownAt !== null && enrolment.endKnownAt <= at ? enrolment.endDate : null,
    };
  }

  pupilTimeline(slice: Slice, pupilKey: string): RowTimeline<PupilRow> | null {
    if (!this.roster.hasPupil(pupilKey)) return null;
    const pupil = this.roster.pupil(pupilKey);
    const enrolments = this.visibleEnrolments(slice, pupil);
    const createdAt = this.pupilCreatedAt(slice, pupil);
    if (createdAt === null) return null;
    const deletedAt = this.injections.personDeletedAt(slice, pupilKey);
    const relationEnds = pupil.relations.map((relation) => this.injections.relationEndedAt(slice, relation.guardianKey, relation.pupilKey));
    const changes = sortedInstants(
      [
        createdAt,
        pupil.rolloverAt,
        ...enrolments.flatMap((enrolment) => [enrolment.createdAt, enrolment.endKnownAt]),
        pupil.civic.change?.at ?? null,
        localToInstant(pupil.eighteenthBirthday, 0),
        ...relationEnds,
        deletedAt,
      ],
      createdAt,
    );
    const versions: RowVersion<PupilRow>[] = changes.map((at) => {
      const known = enrolments.filter((enrolment) => enrolment.createdAt <= at);
      const build = (): PupilRow => ({
        kind: 'pupil',
        pupilKey,
        givenName: pupil.givenName,
        familyName: pupil.familyName,
        sex: pupil.sex,
        birthDate: pupil.birthDate,
        ...shownCivic(pupil.civic, at),
        securityMarking: pupil.securityMarking,
        protectedIdentity: pupil.securityMarking !== 'Ingen',
        contact: pupil.contact,
        isOfAge: at >= localToInstant(pupil.eighteenthBirthday, 0),
        eighteenthBirthday: isoDateOf(pupil.eighteenthBirthday),
        attendsFritids: pupil.attendsFritids,
        enrolments: known.map((enrolment) => this.enrolmentView(enrolment, at)),
        guardians: pupil.relations.map((relation) => this.relationView(slice, relation, pupil, at)),
        consentsGuardianAccess: pupil.consentsGuardianAccess,
      });
      return lazyVersion(at, deletedAt !== null && at >= deletedAt, [...new Set(known.map((enrolment) => enrolment.unit))], build);
    });
    return {
      stream: 'pupils',
      key: pupilKey,
      id: this.ids.pupil(slice, pupilKey, createdAt, pupil.position),
      pupilKey,
      createdAt,
      filterDay: null,
      versions,
    };
  }

  /** Relations of a guardian to pupils the slice shows, with each child's record creation. */
  private visibleChildren(slice: Slice, guardianKey: string): { relation: Relation; pupil: Pupil; createdAt: number }[] {
    const children: { relation: Relation; pupil: Pupil; createdAt: number }[] = [];
    for (const relation of this.roster.relationsOfGuardian(guardianKey)) {
      const pupil = this.roster.pupil(relation.pupilKey);
      const createdAt = this.pupilCreatedAt(slice, pupil);
      if (createdAt !== null) children.push({ relation, pupil, createdAt });
    }
    return children;
  }

  guardianCreatedAt(slice: Slice, guardianKey: string): number | null {
    const children = this.visibleChildren(slice, guardianKey);
    return children.length === 0 ? null : Math.min(...children.map((child) => child.createdAt));
  }

  guardianId(slice: Slice, guardianKey: string): string | number | null {
    const createdAt = this.guardianCreatedAt(slice, guardianKey);
    if (createdAt === null) return null;
    return this.ids.guardian(slice, guardianKey, createdAt, this.roster.guardian(guardianKey).position);
  }

  guardianTimeline(slice: Slice, guardianKey: string): RowTimeline<GuardianRow> | null {
    const children = this.visibleChildren(slice, guardianKey);
    if (children.length === 0) return null;
    const guardian: Guardian = this.roster.guardian(guardianKey);
    const createdAt = Math.min(...children.map((child) => child.createdAt));
    const deletedAt = this.injections.personDeletedAt(slice, guardianKey);
    const changes = sortedInstants(
      [
        createdAt,
        Math.min(...children.map((child) => child.pupil.rolloverAt)),
        ...children.flatMap((child) => [
          child.createdAt,
          child.relation.endKnownAt,
          localToInstant(child.pupil.eighteenthBirthday, 0),
          this.injections.relationEndedAt(slice, guardianKey, child.pupil.key),
        ]),
        deletedAt,
      ],
      createdAt,
    );
    const versions: RowVersion<GuardianRow>[] = changes.map((at) => {
      const present = children.filter((child) => child.createdAt <= at);
      const units = new Set<UnitCode>();
      for (const child of present) {
        for (const enrolment of this.visibleEnrolments(slice, child.pupil)) if (enrolment.createdAt <= at) units.add(enrolment.unit);
      }
      const build = (): GuardianRow => ({
        kind: 'guardian',
        guardianKey,
        givenName: guardian.givenName,
        familyName: guardian.familyName,
        sex: guardian.sex,
        birthDate: guardian.birthDate,
        ...shownCivic(guardian.civic, at),
        securityMarking: guardian.securityMarking,
        protectedIdentity: guardian.securityMarking !== 'Ingen',
        contact: guardian.contact,
        children: present.map((child) => this.relationView(slice, child.relation, child.pupil, at)),
      });
      return lazyVersion(at, deletedAt !== null && at >= deletedAt, [...units].sort(), build);
    });
    return {
      stream: 'guardians',
      key: guardianKey,
      id: this.ids.guardian(slice, guardianKey, createdAt, guardian.position),
      pupilKey: null,
      createdAt,
      filterDay: null,
      versions,
    };
  }

  /** Classes (and U3's course group) of the slice's roster units. */
  groupTimelines(slice: Slice, onlyUnits?: readonly UnitCode[]): RowTimeline<GroupRow>[] {
    const timelines: RowTimeline<GroupRow>[] = [];
    for (const unit of sliceRosterUnits(slice)) {
      if (onlyUnits && !onlyUnits.includes(unit.code)) continue;
      for (const group of this.timetable.groups(unit.code)) {
        const timeline = this.groupTimeline(slice, group);
        if (timeline) timelines.push(timeline);
      }
    }
    return timelines;
  }

  groupTimeline(slice: Slice, group: ClassGroup): RowTimeline<GroupRow> | null {
    const members = this.timetable.members(group).filter((member) => slice.platform === 'ss12000' || !this.roster.isRegisterOnly(member.pupilKey));
    const memberships = members.map((member) => {
      const enrolment = this.roster.pupil(member.pupilKey).enrolments.find((candidate) => this.timetable.groupKeyOf(candidate) === group.key);
      return { member, joinedAt: Math.max(ROLLOVER_AT, enrolment?.createdAt ?? ROLLOVER_AT), endKnownAt: enrolment?.endKnownAt ?? null };
    });
    const changes = sortedInstants([ROLLOVER_AT, ...memberships.flatMap((membership) => [membership.joinedAt, membership.endKnownAt])], ROLLOVER_AT);
    const versions: RowVersion<GroupRow>[] = changes.map((at) => ({
      at,
      deleted: false,
      units: [group.unit],
      data: {
        kind: 'group',
        groupKey: group.key,
        unit: group.unit,
        name: group.name,
        groupType: group.groupType,
        schoolType: schoolTypeOf(group.yearGroup),
        startDate: FIRST_SCHOOL_DAY,
        endDate: LAST_SCHOOL_DAY,
        members: memberships
          .filter((membership) => membership.joinedAt <= at)
          .map((membership) => ({
            pupilKey: membership.member.pupilKey,
            startDate: membership.member.startDate,
            endDate: membership.endKnownAt !== null && membership.endKnownAt <= at ? membership.member.endDate : null,
          })),
      },
    }));
    return {
      stream: 'groups',
      key: group.key,
      id: this.ids.group(slice, group.key, groupPosition(group.unit, group.yearGroup, group.classIndex)),
      pupilKey: null,
      createdAt: ROLLOVER_AT,
      filterDay: null,
      versions,
    };
  }
}
