/**
 * Municipalities, school units, platforms and slices (platforms README §3.1). A slice is what one
 * platform tenant shows: the simulator of that platform asks the world only for its slice, so
 * Sjöstad's Skola24 host never sees an Åbro record.
 */
import { z } from 'zod';

export const municipalityKeySchema = z.enum(['sjostad', 'abro']);
export type MunicipalityKey = z.infer<typeof municipalityKeySchema>;

export const platformKeySchema = z.enum(['skola24', 'schoolsoft', 'infomentor', 'skolplattformen', 'ss12000']);
export type PlatformKey = z.infer<typeof platformKeySchema>;

export const unitCodeSchema = z.enum(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7']);
export type UnitCode = z.infer<typeof unitCodeSchema>;

export const sliceSchema = z.object({ platform: platformKeySchema, tenant: municipalityKeySchema });
/** One platform tenant: (platform, municipality). */
export type Slice = z.infer<typeof sliceSchema>;

export type SchoolType = 'FKLASS' | 'GR' | 'GY' | 'FTH';

export interface Municipality {
  readonly key: MunicipalityKey;
  readonly name: string;
  readonly municipalityCode: string;
}

export const MUNICIPALITIES: readonly Municipality[] = [
  { key: 'sjostad', name: 'Sjöstad kommun', municipalityCode: '9901' },
  { key: 'abro', name: 'Åbro kommun', municipalityCode: '9902' },
];

/** Which platform carries which part of a unit's data. */
export interface UnitPlatforms {
  readonly roster: readonly PlatformKey[];
  /** Platforms showing guardian and pupil notices; the first is where the guardian files it. */
  readonly notices: readonly PlatformKey[];
  readonly registrations: PlatformKey;
  /** Platforms showing leave; the first holds the application. */
  readonly leave: readonly PlatformKey[];
}

export interface Unit {
  readonly code: UnitCode;
  readonly ordinal: number;
  readonly name: string;
  /** Short organisation code (SS 12000 `organisationCode`). */
  readonly shortCode: string;
  readonly schoolUnitCode: string;
  readonly municipality: MunicipalityKey;
  readonly schoolTypes: readonly SchoolType[];
  /** Year groups taught: 0 = förskoleklass, 1–9 grundskola, 10–12 gymnasium year 1–3. */
  readonly yearGroups: readonly number[];
  /** Share of the municipality's pupils whose home unit this is. */
  readonly share: number;
  readonly platforms: UnitPlatforms;
}

const GR_F_TO_6 = [0, 1, 2, 3, 4, 5, 6];

export const UNITS: readonly Unit[] = [
  {
    code: 'U1', ordinal: 0, name: 'Ekbackens skola', shortCode: 'EKB', schoolUnitCode: '99010001', municipality: 'sjostad',
    schoolTypes: ['FKLASS', 'GR', 'FTH'], yearGroups: GR_F_TO_6, share: 0.26,
    platforms: { roster: ['skolplattformen', 'skola24', 'ss12000'], notices: ['skolplattformen', 'skola24'], registrations: 'skola24', leave: ['skola24'] },
  },
  {
    code: 'U2', ordinal: 1, name: 'Tallmoskolan', shortCode: 'TALL', schoolUnitCode: '99010002', municipality: 'sjostad',
    schoolTypes: ['GR'], yearGroups: [7, 8, 9], share: 0.16,
    platforms: { roster: ['infomentor', 'ss12000'], notices: ['infomentor'], registrations: 'infomentor', leave: ['infomentor'] },
  },
  {
    code: 'U3', ordinal: 2, name: 'Sjöstads gymnasium', shortCode: 'SJGY', schoolUnitCode: '99010003', municipality: 'sjostad',
    schoolTypes: ['GY'], yearGroups: [10, 11, 12], share: 0.18,
    platforms: { roster: ['skola24', 'ss12000'], notices: ['skola24'], registrations: 'skola24', leave: ['skola24'] },
  },
  {
    code: 'U4', ordinal: 3, name: 'Vägvisarskolan', shortCode: 'VAGV', schoolUnitCode: '99010004', municipality: 'sjostad',
    schoolTypes: ['GR', 'GY'], yearGroups: [4, 5, 6, 7, 8, 9, 10, 11, 12], share: 0.2,
    platforms: { roster: ['schoolsoft', 'ss12000'], notices: ['schoolsoft'], registrations: 'schoolsoft', leave: ['schoolsoft'] },
  },
  {
    code: 'U5', ordinal: 4, name: 'Lärkängsskolan', shortCode: 'LARK', schoolUnitCode: '99010005', municipality: 'sjostad',
    schoolTypes: ['FKLASS', 'GR'], yearGroups: GR_F_TO_6, share: 0.2,
    platforms: { roster: ['infomentor', 'ss12000'], notices: ['infomentor', 'ss12000'], registrations: 'ss12000', leave: ['infomentor', 'ss12000'] },
  },
  {
    code: 'U6', ordinal: 5, name: 'Åbro skola', shortCode: 'ABRO', schoolUnitCode: '99020001', municipality: 'abro',
    schoolTypes: ['FKLASS', 'GR'], yearGroups: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], share: 0.7,
    platforms: { roster: ['skola24', 'ss12000'], notices: ['skola24'], registrations: 'skola24', leave: ['skola24'] },
  },
  {
    code: 'U7', ordinal: 6, name: 'Åbro gymnasium', shortCode: 'ABGY', schoolUnitCode: '99020002', municipality: 'abro',
    schoolTypes: ['GY'], yearGroups: [10, 11, 12], share: 0.3,
    platforms: { roster: ['schoolsoft', 'ss12000'], notices: ['schoolsoft'], registrations: 'schoolsoft', leave: ['schoolsoft'] },
  },
];

export function unitByCode(code: UnitCode): Unit {
  const unit = UNITS.find((candidate) => candidate.code === code);
  if (!unit) throw new RangeError(`unknown unit ${code}`);
  return unit;
}

export function municipalityByKey(key: MunicipalityKey): Municipality {
  const municipality = MUNICIPALITIES.find((candidate) => candidate.key === key);
  if (!municipality) throw new RangeError(`unknown municipality ${key}`);
  return municipality;
}

export function unitsOf(municipality: MunicipalityKey): readonly Unit[] {
  return UNITS.filter((unit) => unit.municipality === municipality);
}

/** The instance name each platform uses for a tenant: host, slug, account or customer id. */
export function sliceInstance(slice: Slice): string {
  const municipality = municipalityByKey(slice.tenant);
  switch (slice.platform) {
    case 'skola24':
      return `${slice.tenant}.skola24.se`;
    case 'ss12000':
      return municipality.municipalityCode;
    default:
      return slice.tenant;
  }
}

export type UnitRole = 'roster' | 'notices' | 'registrations' | 'leave';

export function unitHasRole(unit: Unit, platform: PlatformKey, role: UnitRole): boolean {
  const platforms = unit.platforms;
  if (role === 'registrations') return platforms.registrations === platform;
  return platforms[role].includes(platform);
}

/** Units whose data of `role` the slice carries. */
export function sliceUnits(slice: Slice, role: UnitRole): readonly Unit[] {
  return unitsOf(slice.tenant).filter((unit) => unitHasRole(unit, slice.platform, role));
}

/** Units the slice shows anything of (its roster units: every data role implies the roster). */
export function sliceRosterUnits(slice: Slice): readonly Unit[] {
  return sliceUnits(slice, 'roster');
}

const rosterUnitCodes = new Map<PlatformKey, Map<MunicipalityKey, readonly UnitCode[]>>();

/** Codes of the slice's roster units, memoised: asked for every record. */
export function sliceRosterUnitCodes(slice: Slice): readonly UnitCode[] {
  let byTenant = rosterUnitCodes.get(slice.platform);
  if (!byTenant) {
    byTenant = new Map();
    rosterUnitCodes.set(slice.platform, byTenant);
  }
  let codes = byTenant.get(slice.tenant);
  if (!codes) {
    codes = sliceRosterUnits(slice).map((unit) => unit.code);
    byTenant.set(slice.tenant, codes);
  }
  return codes;
}

/** Every slice with at least one unit, in a fixed order. */
export function allSlices(): Slice[] {
  const slices: Slice[] = [];
  for (const municipality of MUNICIPALITIES) {
    for (const platform of platformKeySchema.options) {
      const slice = { platform, tenant: municipality.key };
      if (sliceRosterUnits(slice).length > 0) slices.push(slice);
    }
  }
  return slices;
}

export function sliceKey(slice: Slice): string {
  return `${slice.platform}/${slice.tenant}`;
}

/** Number of pupils whose home is each unit, for a municipality of `total` pupils. */
export function unitSizes(municipality: MunicipalityKey, total: number, minimumPerUnit: number): Map<UnitCode, number> {
  const units = unitsOf(municipality);
  if (total < minimumPerUnit * units.length) throw new RangeError(`${municipality} needs at least ${minimumPerUnit * units.length} pupils`);
  const sizes = new Map<UnitCode, number>();
  for (const unit of units) sizes.set(unit.code, Math.max(minimumPerUnit, Math.round(total * unit.share)));
  // Rounding and the minimum are settled by the largest unit, so the sum is exactly `total`.
  const largest = units.reduce((best, unit) => (unit.share > best.share ? unit : best));
  const others = units.reduce((sum, unit) => (unit === largest ? sum : sum + (sizes.get(unit.code) ?? 0)), 0);
  sizes.set(largest.code, total - others);
  return sizes;
}
