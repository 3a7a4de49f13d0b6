/**
 * The schools this surface answers for (platform file §3–§4): the hosted school(s) of the slice
 * and, for the `wrongSchoolRate` knob, the "previous school" whose answers leak in the way
 * Stockholm's wrong-child bug did.
 */
import type { DriftState } from '../common/index.js';
import { unitByCode } from '../world/index.js';
import type { SchoolType, Slice, Unit, UnitCode } from '../world/index.js';
import type { SkolplattformenContext } from './state.js';

export const SLICE: Slice = { platform: 'skolplattformen', tenant: 'sjostad' };

export interface SchoolView {
  readonly id: string;
  readonly name: string;
  readonly unit: UnitCode;
  readonly schoolUnitCode: string;
  /** Forms in `Status` code order: `F` fritidshem, `FS`, `G` gymnasium, `GR` grundskola (förskoleklass included). */
  readonly forms: readonly string[];
  /** The world slice holding the school's pupils, guardians and notices. */
  readonly source: Slice;
}

export const LEADING_SPACE_DRIFT = 'leadingSpaceCodes';

/** The `Status` code of a school type; förskoleklass is organised under grundskolan. */
export function formCode(type: SchoolType): string {
  return ({ FKLASS: 'GR', GR: 'GR', GY: 'G', FTH: 'F' } as const)[type];
}

export function sortedCodes(codes: Iterable<string>): string[] {
  return [...new Set(codes)].sort();
}

/** Codes joined by `;`; `leadingSpaceCodes` writes them as real teacher records do: `" GR"`, `"F; GR"`. */
export function joinCodes(codes: readonly string[], drift: Pick<DriftState, 'has'>): string {
  if (!drift.has(LEADING_SPACE_DRIFT)) return codes.join(';');
  return codes.length === 1 ? ` ${codes[0] ?? ''}` : codes.join('; ');
}

function schoolView(context: SkolplattformenContext, unit: Unit, source: Slice): SchoolView {
  return {
    id: String(context.world.ids.unit(SLICE, unit.code)),
    name: unit.name,
    unit: unit.code,
    schoolUnitCode: unit.schoolUnitCode,
    forms: sortedCodes(unit.schoolTypes.map(formCode)),
    source,
  };
}

export function hostedSchools(context: SkolplattformenContext): SchoolView[] {
  return context.world.units(SLICE).map((unit) => schoolView(context, unit, SLICE));
}

/** A hosted school by id, compared case-insensitively (GUIDs are). */
export function hostedSchool(context: SkolplattformenContext, id: string): SchoolView | null {
  return hostedSchools(context).find((school) => school.id.toUpperCase() === id.toUpperCase()) ?? null;
}

/**
 * Invented: the account has one school, so the wrong answers of `wrongSchoolRate` come for
 * Lärkängsskolan (U5), Sjöstad's other förskoleklass–6 school, read from the slice that holds it
 * and given the ids this platform would give its records. Its rows are real people who must never
 * be stored as Ekbackens pupils.
 */
export function previousSchool(context: SkolplattformenContext): SchoolView {
  return schoolView(context, unitByCode('U5'), { platform: 'infomentor', tenant: 'sjostad' });
}

export function renderSchool(school: SchoolView, drift: Pick<DriftState, 'has'>): Record<string, unknown> {
  return { SchoolId: school.id, SchoolName: school.name, SchoolUnitCode: school.schoolUnitCode, SchoolForms: joinCodes(school.forms, drift), IsActive: true };
}
