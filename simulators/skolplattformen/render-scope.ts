/**
 * What every row renderer needs: the school the answer is for, the snapshot, and this platform's
 * ids. Rows of the hosted school keep the ids the world gave them; rows of the "previous school"
 * (a wrong answer) are another slice's records, so they get the ids this platform would give them
 * (the same UUIDv5 derivation: `named(SLICE, kind, worldKey)` is what the world uses here).
 */
import type { SliceRecord, World } from '../world/index.js';
import { SLICE } from './schools.js';
import type { SchoolView } from './schools.js';
import type { SkolplattformenContext } from './state.js';

export interface RenderScope {
  readonly context: SkolplattformenContext;
  readonly world: World;
  readonly school: SchoolView;
  /** The snapshot the rows are shown as of (`ChangedUntil`). */
  readonly until: number;
}

export function renderScope(context: SkolplattformenContext, school: SchoolView, until: number): RenderScope {
  return { context, world: context.world, school, until };
}

/** Register names of the platform's GUIDs (world ids.ts): pupils and guardians are kept apart. */
export type GuidKind = 'student' | 'sds' | 'guardian' | 'notice' | 'group' | 'VHsidan' | 'Section';

export function guid(scope: RenderScope, kind: GuidKind, worldKey: string): string {
  return scope.world.ids.named(SLICE, kind, worldKey);
}

/** The record's own id: the world's for the hosted school, derived for a foreign slice's record. */
export function recordId(scope: RenderScope, record: SliceRecord, kind: GuidKind): string {
  const own = scope.school.source.platform === SLICE.platform && scope.school.source.tenant === SLICE.tenant;
  return own ? String(record.id) : guid(scope, kind, record.key);
}

/** `Id` and `SDSId` of a pupil, as every reference to one carries them. */
export function pupilIds(scope: RenderScope, pupilKey: string): { Id: string; SDSId: string } {
  return { Id: guid(scope, 'student', pupilKey), SDSId: guid(scope, 'sds', pupilKey) };
}
