/**
 * Names and GUIDs of whatever a Skola24 record points at — pupils, guardians, staff, units,
 * groups — in one tenant. One directory per request: the world is replaced on reset, and group
 * lookups are memoised only for the request's lifetime.
 */
import { unitCodeSchema } from '../world/index.js';
import type { ClassGroup, Slice, UnitCode, World } from '../world/index.js';

const STAFF_KEY = /^s:(U\d+):(\d+)$/;

export class Directory {
  private readonly groupsByUnit = new Map<UnitCode, Map<string, ClassGroup>>();

  constructor(
    readonly world: World,
    readonly slice: Slice,
  ) {}

  unitGuid(unit: UnitCode): string {
    return String(this.world.ids.unit(this.slice, unit));
  }

  schoolYearGuid(): string {
    return String(this.world.ids.schoolYear(this.slice));
  }

  /** A pupil's `personGuid`; every pupil a record of this slice points at has one. */
  pupilGuid(pupilKey: string): string | null {
    const id = this.world.ids.pupil(this.slice, pupilKey);
    return id === null ? null : String(id);
  }

  /** `personGuid` of a pupil (`p:`), guardian (`g:`) or staff member (`s:`); Skola24 keeps them in one register. */
  personGuid(worldKey: string): string | null {
    if (worldKey.startsWith('p:')) return this.pupilGuid(worldKey);
    if (worldKey.startsWith('s:')) return this.world.ids.staff(this.slice, worldKey);
    const id = this.world.ids.guardian(this.slice, worldKey);
    return id === null ? null : String(id);
  }

  /** "Förnamn Efternamn" of a pupil, guardian or staff member. */
  nameOf(worldKey: string): string | null {
    if (worldKey.startsWith('p:')) {
      const pupil = this.world.pupil(worldKey);
      return `${pupil.givenName} ${pupil.familyName}`;
    }
    if (worldKey.startsWith('g:')) {
      const guardian = this.world.guardian(worldKey);
      return `${guardian.givenName} ${guardian.familyName}`;
    }
    const match = STAFF_KEY.exec(worldKey);
    const unit = unitCodeSchema.safeParse(match?.[1]);
    if (!match || !unit.success) return null;
    const staff = this.world.staff(unit.data)[Number(match[2])];
    return staff ? `${staff.givenName} ${staff.familyName}` : null;
  }

  /** The class's or teaching group's GUID, or null when the unit has no such group. */
  groupGuid(unit: UnitCode, groupKey: string | null): string | null {
    if (groupKey === null) return null;
    let groups = this.groupsByUnit.get(unit);
    if (!groups) {
      groups = new Map(this.world.groups(unit).map((group) => [group.key, group]));
      this.groupsByUnit.set(unit, groups);
    }
    const group = groups.get(groupKey);
    return group ? String(this.world.ids.group(this.slice, group)) : null;
  }
}
