/**
 * How SchoolSoft names the people behind a record: user ids and display names of pupils,
 * guardians and staff (`reportedBy: "Karin Berg (P)"`, `createdByName`, `decidedByName`).
 */
import type { Slice, World } from '../world/index.js';
import { unitByCode, unitCodeSchema } from '../world/index.js';

export interface PersonRef {
  readonly userId: number | null;
  /** 1 pupil, 2 guardian, 3 staff (`reportedByUserType`). */
  readonly userType: 1 | 2 | 3;
  readonly fullName: string;
}

/**
 * Staff user id. Invented: the world gives staff GUIDs only, so SchoolSoft's integer staff ids are
 * `1000 · (unit ordinal + 1) + staff index`, far below any pupil or guardian id.
 */
export function staffUserId(staffKey: string): number | null {
  const match = /^s:(U\d):(\d+)$/.exec(staffKey);
  const unit = unitCodeSchema.safeParse(match?.[1]);
  if (!match || !unit.success) return null;
  return 1000 * (unitByCode(unit.data).ordinal + 1) + Number(match[2]);
}

function staffRef(world: World, staffKey: string): PersonRef {
  const unit = unitCodeSchema.safeParse(/^s:(U\d):/.exec(staffKey)?.[1]);
  const member = unit.success ? world.staff(unit.data).find((candidate) => candidate.key === staffKey) : undefined;
  return { userId: staffUserId(staffKey), userType: 3, fullName: member ? `${member.givenName} ${member.familyName}` : '' };
}

function toNumber(id: string | number | null): number | null {
  return id === null ? null : Number(id);
}

/** A pupil (`p:…`), guardian (`g:…`) or staff member (`s:…`) as this slice knows them. */
export function personRef(world: World, slice: Slice, worldKey: string): PersonRef {
  if (worldKey.startsWith('g:')) {
    const guardian = world.guardian(worldKey);
    return { userId: toNumber(world.ids.guardian(slice, worldKey)), userType: 2, fullName: `${guardian.givenName} ${guardian.familyName}` };
  }
  if (worldKey.startsWith('p:')) {
    const pupil = world.pupil(worldKey);
    return { userId: toNumber(world.ids.pupil(slice, worldKey)), userType: 1, fullName: `${pupil.givenName} ${pupil.familyName}` };
  }
  return staffRef(world, worldKey);
}

/** `Karin Berg (P)` for a guardian, `Elias Lind (E)` for a pupil, the bare name for staff. */
export function signedName(person: PersonRef): string {
  if (person.userType === 2) return `${person.fullName} (P)`;
  if (person.userType === 1) return `${person.fullName} (E)`;
  return person.fullName;
}
