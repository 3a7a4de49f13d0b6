/**
 * What every row renderer needs: the slice, the establishment the response answers for, the
 * snapshot, the timestamp style (drift `jsonDateIso`), and the references rows make to persons.
 */
import type { SimulatorContext } from '../common/index.js';
import type { Slice, UnitCode } from '../world/index.js';
import { formatTimestamp } from './dates.js';
import type { TimestampStyle } from './dates.js';
import type { Establishment } from './establishments.js';
import type { InfoMentorState } from './state.js';

export interface RenderContext {
  readonly context: SimulatorContext<InfoMentorState>;
  readonly slice: Slice;
  readonly establishment: Establishment;
  readonly style: TimestampStyle;
  /** The snapshot (`changedUntil`) the rows are rendered as of. */
  readonly asOf: number;
}

/** The constant third part of `pupilSourceId`. */
export const PUPIL_SOURCE_SUFFIX = 'NEMANDI_SKOLI';

export function timestampOf(render: RenderContext, instant: number): string {
  return formatTimestamp(instant, render.style);
}

/** A pupil's id as the lists write it: a numeric string. */
export function pupilIdOf(render: RenderContext, pupilKey: string): string {
  return String(render.context.world.ids.pupil(render.slice, pupilKey) ?? '');
}

/** `establishment id | pupil id | NEMANDI_SKOLI`: the only place a row names its pupil. */
export function pupilSourceIdOf(render: RenderContext, unit: UnitCode, pupilKey: string): string {
  const establishmentId = render.context.world.ids.unit(render.slice, unit);
  return `${establishmentId}|${pupilIdOf(render, pupilKey)}|${PUPIL_SOURCE_SUFFIX}`;
}

export interface PersonName {
  readonly givenName: string;
  readonly familyName: string;
}

/** The pupil (`p:`), guardian (`g:`) or staff member (`s:`) behind a world key. */
export function personNameOf(render: RenderContext, worldKey: string, unit: UnitCode): PersonName | null {
  const world = render.context.world;
  if (worldKey.startsWith('p:')) return world.pupil(worldKey);
  if (worldKey.startsWith('g:')) return world.guardian(worldKey);
  return world.staff(unit).find((member) => member.key === worldKey) ?? null;
}

/** `Efternamn, Förnamn`, as class lists and leave requests write names. */
export function listName(name: PersonName): string {
  return `${name.familyName}, ${name.givenName}`;
}

/** `Förnamn Efternamn`, as attendance rows write who registered them. */
export function displayName(name: PersonName): string {
  return `${name.givenName} ${name.familyName}`;
}
