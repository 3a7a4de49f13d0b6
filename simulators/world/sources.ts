/**
 * The record sources behind each slice stream: which pupils, days and applications produce the
 * stream's records. Queries (query.ts) and the ground truth (ground-truth.ts) read the same
 * sources, so what a simulator serves and what the ground truth counts cannot drift apart.
 */
import type { AbsenceModel } from './absence.js';
import { ANCHOR_LAG_DAYS, ANCHOR_LEAD_DAYS } from './absence.js';
import type { InjectionStore } from './injections.js';
import type { LeaveBook } from './leave.js';
import type { AnchoredSource, EnumeratedSource, TimelineSource } from './query.js';
import type { Roster } from './roster.js';
import type { AbsenceRows } from './rows-absence.js';
import type { RosterRows } from './rows-roster.js';
import type { RowTimeline, StreamName } from './rows.js';
import type { DayOutcome, ScenarioKey } from './types.js';
import { sliceUnits } from './units.js';
import type { Slice, UnitCode, UnitRole } from './units.js';

export interface WorldParts {
  readonly roster: Roster;
  readonly leave: LeaveBook;
  readonly absence: AbsenceModel;
  readonly rosterRows: RosterRows;
  readonly absenceRows: AbsenceRows;
  readonly injections: InjectionStore;
}

export class SliceSources {
  /**
   * Outcomes of the last few days asked for: the ground truth reads every slice day by day, and
   * a day's outcomes then serve them all. Queries sweep days in order and never look back.
   */
  private readonly recentDays = new Map<number, Map<string, DayOutcome>>();

  constructor(private readonly parts: WorldParts) {}

  /** Scenario tags of a pupil (`p:…`) or guardian (`g:…`); none for anything else. */
  scenariosOf(worldKey: string): readonly ScenarioKey[] {
    if (worldKey.startsWith('p:')) return this.parts.roster.pupil(worldKey).scenarios;
    if (worldKey.startsWith('g:')) return this.parts.roster.guardian(worldKey).scenarios;
    return [];
  }

  outcome(pupilKey: string, day: number): DayOutcome {
    let outcomes = this.recentDays.get(day);
    if (!outcomes) {
      outcomes = new Map();
      this.recentDays.set(day, outcomes);
      const oldest = this.recentDays.keys().next();
      if (this.recentDays.size > 3 && !oldest.done) this.recentDays.delete(oldest.value);
    }
    let outcome = outcomes.get(pupilKey);
    if (!outcome) {
      outcome = this.parts.absence.dayOutcome(this.parts.roster.pupil(pupilKey), day);
      outcomes.set(pupilKey, outcome);
    }
    return outcome;
  }

  /** Units of the slice with the role, narrowed to `units`. */
  private roleUnits(slice: Slice, role: UnitRole, units: readonly UnitCode[]): UnitCode[] {
    return sliceUnits(slice, role)
      .map((unit) => unit.code)
      .filter((code) => units.includes(code));
  }

  /** Pupils enrolled at any of the units this year, each once. */
  *pupilsAt(units: readonly UnitCode[]): Generator<string> {
    const roster = this.parts.roster;
    for (const unit of units) yield* roster.homePupilKeys(unit);
    const seen = new Set<string>();
    for (const unit of units) {
      for (const guest of roster.guestPupilKeys(unit)) {
        if (seen.has(guest) || units.includes(roster.skeleton(guest).unit)) continue;
        seen.add(guest);
        yield guest;
      }
    }
  }

  private anchored(slice: Slice, stream: StreamName, units: readonly UnitCode[], project: (outcome: DayOutcome) => readonly RowTimeline[]): AnchoredSource {
    return {
      kind: 'anchored',
      leadDays: ANCHOR_LEAD_DAYS,
      lagDays: ANCHOR_LAG_DAYS,
      lateChanges: () => this.parts.injections.patchedDays(slice, stream),
      timelinesAt: (day) => {
        const timelines: RowTimeline[] = [];
        for (const pupilKey of this.pupilsAt(units)) {
          const outcome = this.outcome(pupilKey, day);
          if (outcome.notices.length > 0 || outcome.registrations.length > 0) timelines.push(...project(outcome));
        }
        return timelines;
      },
    };
  }

  private byPupil(units: readonly UnitCode[], timelines: (pupilKey: string) => readonly RowTimeline[]): EnumeratedSource {
    return { kind: 'enumerated', groups: () => this.pupilsAt(units), timelines };
  }

  private injected(slice: Slice, stream: StreamName): EnumeratedSource {
    return { kind: 'enumerated', groups: () => ['injected'], timelines: () => this.parts.injections.rows(slice, stream) };
  }

  sources(slice: Slice, stream: StreamName, units: readonly UnitCode[]): TimelineSource[] {
    const { rosterRows, absenceRows, leave, roster } = this.parts;
    const single = <T>(value: T | null): T[] => (value === null ? [] : [value]);
    const applications = (pupilKey: string): ReturnType<LeaveBook['applications']> => leave.applications(roster.pupil(pupilKey));
    switch (stream) {
      case 'pupils':
        return [
          { kind: 'enumerated', groups: () => rosterRows.candidatePupilKeys(slice, units), timelines: (key) => single(rosterRows.pupilTimeline(slice, key)) },
          this.injected(slice, stream),
        ];
      case 'guardians':
        return [
          { kind: 'enumerated', groups: () => rosterRows.candidateGuardianKeys(slice, units), timelines: (key) => single(rosterRows.guardianTimeline(slice, key)) },
          this.injected(slice, stream),
        ];
      case 'groups': {
        let cached: RowTimeline[] | null = null;
        return [{ kind: 'enumerated', groups: () => ['groups'], timelines: () => (cached ??= rosterRows.groupTimelines(slice, units)) }];
      }
      case 'notices': {
        const noticeUnits = this.roleUnits(slice, 'notices', units);
        const leaveUnits = this.roleUnits(slice, 'leave', units);
        const leaveNotices = slice.platform === 'ss12000' ? [this.byPupil(leaveUnits, (key) => absenceRows.leaveNoticeRows(slice, applications(key), leaveUnits))] : [];
        return [
          this.anchored(slice, stream, noticeUnits, (outcome) => absenceRows.noticeRows(slice, outcome, noticeUnits)),
          ...leaveNotices,
          this.injected(slice, stream),
        ];
      }
      case 'registrations': {
        const registrationUnits = this.roleUnits(slice, 'registrations', units);
        const leaveUnits = this.roleUnits(slice, 'leave', units).filter((unit) => registrationUnits.includes(unit));
        const systemRows = slice.platform === 'infomentor' ? [this.byPupil(leaveUnits, (key) => absenceRows.systemLeaveRows(slice, applications(key), leaveUnits))] : [];
        return [
          this.anchored(slice, stream, registrationUnits, (outcome) => absenceRows.registrationRows(slice, outcome, registrationUnits)),
          ...systemRows,
          this.injected(slice, stream),
        ];
      }
      case 'leaveApplications': {
        const leaveUnits = this.roleUnits(slice, 'leave', units);
        return [this.byPupil(leaveUnits, (key) => absenceRows.leaveRows(slice, applications(key), leaveUnits))];
      }
    }
  }
}
