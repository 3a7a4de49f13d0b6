/**
 * Establishments (school units) an account administers, and the selected one, which is server
 * state of the session (infomentor.md §4). With knob `staleSelectionRate` the first data response
 * after a switch answers for the previous establishment, as the platform file asks.
 */
import { uniformDraw } from '../common/deterministic.js';
import type { Session, SimulatorContext } from '../common/index.js';
import type { MunicipalityKey, UnitCode } from '../world/index.js';
import type { HubSessionData, InfoMentorState } from './state.js';

export interface Establishment {
  readonly id: number;
  readonly unit: UnitCode;
  readonly name: string;
  readonly schoolUnitCode: string;
}

export function establishmentsOf(context: SimulatorContext<InfoMentorState>, tenant: MunicipalityKey): Establishment[] {
  const slice = context.slice(tenant);
  return context.world.units(slice).map((unit) => ({
    id: Number(context.world.ids.unit(slice, unit.code)),
    unit: unit.code,
    name: unit.name,
    schoolUnitCode: unit.schoolUnitCode,
  }));
}

export function establishmentById(context: SimulatorContext<InfoMentorState>, tenant: MunicipalityKey, id: number): Establishment | null {
  return establishmentsOf(context, tenant).find((establishment) => establishment.id === id) ?? null;
}

/** A new session starts on the account's first establishment, as the real hub starts on the first pupil. */
export function defaultEstablishmentId(context: SimulatorContext<InfoMentorState>, tenant: MunicipalityKey): number {
  return establishmentsOf(context, tenant)[0]?.id ?? 0;
}

/** `SwitchEstablishment`: the new selection, and (by knob) a stale answer for the one before. */
export function switchEstablishment(context: SimulatorContext<InfoMentorState>, session: Session<HubSessionData>, target: Establishment): void {
  const previous = session.data.selectedEstablishmentId;
  context.state.switches += 1;
  const rate = context.knobs.get('staleSelectionRate') ?? 0;
  const stale = rate > 0 && previous !== target.id && uniformDraw(context.seed, 'staleSelection', rate, context.state.switches) < rate;
  session.data.selectedEstablishmentId = target.id;
  session.data.staleEstablishmentId = stale ? previous : null;
}

/** The establishment this data response answers for; a pending stale answer is used up by it. */
export function answeringEstablishment(context: SimulatorContext<InfoMentorState>, session: Session<HubSessionData>): Establishment | null {
  const stale = session.data.staleEstablishmentId;
  session.data.staleEstablishmentId = null;
  return establishmentById(context, session.data.tenant, stale ?? session.data.selectedEstablishmentId);
}
