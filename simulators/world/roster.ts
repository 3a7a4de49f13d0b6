/**
 * Pupils, families and guardians as pure functions of their keys.
 *
 * A pupil's key is its home unit and index (`p:U1:37`). Indices below the unit's special count
 * are the special pupils of specials.ts; every other index is a regular pupil whose year group,
 * class, cohort slot (→ civic number) and family follow from the index alone, so growing the
 * world only appends pupils. Siblings are linked by fixed rules over regular indices (see
 * SIBLING_RULES), which are cheap to evaluate from either side.
 */
import { BirthSlotAllocator, birthDateOf, composeCivicNo, sexOf, withBadCheckDigit } from './civic-numbers.js';
import type { CivicNoType } from './civic-numbers.js';
import { FIRST_SCHOOL_DAY, FIRST_SCHOOL_DAY_NUMBER } from './calendar.js';
import { pupilPosition } from './ids.js';
import { BoundedCache } from './bounded-cache.js';
import { FAMILY_NAMES, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, STREET_NAMES, emailLocalPart } from './names.js';
import { rngFor } from './prng.js';
import type { Rng, WorldSeed } from './prng.js';
import {
  SPECIALS,
  X4_FIRST_DAY_AT_U4,
  X4_LAST_DAY_AT_U2,
  X8_CONVERSION_DATE,
  reservedCivicNumbers,
  specialFamily,
  specialFamilyMembers,
} from './specials.js';
import type { SpecialPupil } from './specials.js';
import { dayNumberOf, isoDateOf, isoWeek, isoWeekday, localToInstant } from './stockholm-time.js';
import type {
  CivicIdentity,
  Contact,
  Enrolment,
  Family,
  Guardian,
  Pupil,
  PupilSkeleton,
  Relation,
  RelationKind,
  ScenarioKey,
  SecurityMarking,
  Sex,
} from './types.js';
import { UNITS, unitByCode, unitSizes, unitsOf } from './units.js';
import type { MunicipalityKey, SchoolType, Unit, UnitCode } from './units.js';

export const MINIMUM_UNIT_SIZE = 12;
export const CLASS_SIZE = 25;
/** Cohort ordinals below this belong to special pupils (a unit has fewer specials). */
const SPECIAL_ORDINALS = 16;
const FIRST_COHORT = 2007;
const COHORTS = 13;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const GY_PROGRAMMES: Partial<Record<UnitCode, readonly string[]>> = {
  U3: ['NA', 'SA', 'TE', 'EK'],
  U4: ['ES', 'EK'],
  U7: ['BA', 'EL', 'HA', 'SA'],
};
/** The course group that X3 pupils attend at U3. */
export const X3_COURSE_GROUP = { key: 'U3:MAT02c-kurs', name: 'MAT02c-kurs', classIndex: 63 } as const;
/** The roster update before the school year touches every existing record on this day. */
const ROLLOVER_DAY = dayNumberOf('2025-08-11');
const TIMELINE_END_DAY = dayNumberOf('2026-06-30');

interface SiblingRule {
  readonly members: readonly { readonly unit: UnitCode; readonly offset: number }[];
  readonly modulus: number;
  readonly residue: number;
}

/**
 * A family anchored at regular index a (a ≡ residue mod modulus) has the children
 * (unit, a + offset) of its members. Within a unit the classes r ≡ residue + offset never
 * overlap between rules, so each pupil matches at most one rule.
 */
const SIBLING_RULES: readonly SiblingRule[] = [
  { members: [{ unit: 'U1', offset: 0 }, { unit: 'U4', offset: 0 }], modulus: 5, residue: 1 },
  { members: [{ unit: 'U5', offset: 0 }, { unit: 'U2', offset: 0 }], modulus: 5, residue: 2 },
  { members: [{ unit: 'U1', offset: 0 }, { unit: 'U5', offset: 0 }, { unit: 'U2', offset: 0 }], modulus: 5, residue: 3 },
  { members: [{ unit: 'U3', offset: 0 }, { unit: 'U4', offset: 3 }], modulus: 5, residue: 0 },
  { members: [{ unit: 'U5', offset: 0 }, { unit: 'U5', offset: 1 }], modulus: 5, residue: 0 },
  { members: [{ unit: 'U6', offset: 0 }, { unit: 'U7', offset: 0 }], modulus: 5, residue: 1 },
  { members: [{ unit: 'U6', offset: 0 }, { unit: 'U6', offset: 1 }], modulus: 5, residue: 3 },
];

export function pupilKey(unit: UnitCode, index: number): string {
  return `p:${unit}:${index}`;
}

export function parsePupilKey(key: string): { unit: UnitCode; index: number } | null {
  const match = /^p:(U[1-7]):(\d+)$/.exec(key);
  if (!match) return null;
  return { unit: match[1] as UnitCode, index: Number(match[2]) };
}

export function guardianKey(familyKey: string, ordinal: number): string {
  return `g:${familyKey}:${ordinal}`;
}

export function parseGuardianKey(key: string): { familyKey: string; ordinal: number } | null {
  const match = /^g:(f:.+):(\d)$/.exec(key);
  if (!match) return null;
  return { familyKey: match[1] ?? '', ordinal: Number(match[2]) };
}

export function schoolTypeOf(yearGroup: number): SchoolType {
  if (yearGroup === 0) return 'FKLASS';
  return yearGroup >= 10 ? 'GY' : 'GR';
}

export function schoolYearOf(yearGroup: number): number {
  return yearGroup >= 10 ? yearGroup - 9 : yearGroup;
}

export function cohortYearOf(yearGroup: number): number {
  return 2019 - yearGroup;
}

export function className(unit: UnitCode, yearGroup: number, classIndex: number): string {
  if (yearGroup >= 10) {
    const programmes = GY_PROGRAMMES[unit] ?? ['NA'];
    const programme = programmes[classIndex % programmes.length] ?? 'NA';
    return `${programme}${yearGroup - 9}${LETTERS[Math.floor(classIndex / programmes.length)] ?? 'Z'}`;
  }
  const letter = LETTERS[classIndex] ?? 'Z';
  return yearGroup === 0 ? `F${letter}` : `${yearGroup}${letter}`;
}

export function classKeyOf(unit: UnitCode, yearGroup: number, classIndex: number): string {
  return `${unit}:${className(unit, yearGroup, classIndex)}`;
}

const schoolStarts = new Map<number, string>();

/** Monday of ISO week 34, when Swedish school years begin (2025-08-18, 2019-08-19 …). */
function schoolStartOf(year: number): string {
  let start = schoolStarts.get(year);
  if (start === undefined) {
    let day = dayNumberOf(`${year}-08-15`);
    while (isoWeek(day).week !== 34 || isoWeekday(day) !== 1) day += isoWeek(day).week < 34 ? 1 : -1;
    start = isoDateOf(day);
    schoolStarts.set(year, start);
  }
  return start;
}

function eighteenthBirthdayOf(birthDate: string): number {
  const [year, month, day] = birthDate.split('-').map(Number);
  const target = Date.UTC((year ?? 0) + 18, (month ?? 1) - 1, day ?? 1) / 86_400_000;
  return target; // 29 February rolls to 1 March in a common year, as Skatteverket counts it
}

function hostsOf(yearGroup: number): readonly Unit[] {
  return UNITS.filter((unit) => unit.yearGroups.includes(yearGroup));
}

function mobileNumber(rng: Rng): string {
  return `07${rng.pick(['0', '2', '3', '6'])}-${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}

function addressOf(rng: Rng, municipality: MunicipalityKey): string {
  const postal = municipality === 'sjostad' ? `999 0${rng.int(1, 9)}` : `999 2${rng.int(1, 9)}`;
  return `${rng.pick(STREET_NAMES)} ${rng.int(1, 60)}, ${postal} ${municipality === 'sjostad' ? 'Sjöstad' : 'Åbro'}`;
}

function givenNameFor(rng: Rng, sex: Sex): string {
  return rng.pick(sex === 'Man' ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
}

export class Roster {
  readonly sizes: ReadonlyMap<UnitCode, number>;
  readonly municipalityTotals: Readonly<Record<MunicipalityKey, number>>;
  /** Cache bound: the whole world up to 32,000 pupils (day-major sweeps revisit every pupil). */
  readonly cacheCapacity: number;
  private readonly allocator: BirthSlotAllocator;
  private readonly pupils: BoundedCache<string, Pupil>;
  private readonly families: BoundedCache<string, Family>;
  private readonly guardians: BoundedCache<string, Guardian>;

  constructor(
    readonly seed: WorldSeed,
    students: number,
  ) {
    const abro = Math.round(students / 5);
    this.municipalityTotals = { sjostad: students, abro };
    const sizes = new Map<UnitCode, number>();
    for (const [code, size] of unitSizes('sjostad', students, MINIMUM_UNIT_SIZE)) sizes.set(code, size);
    for (const [code, size] of unitSizes('abro', abro, MINIMUM_UNIT_SIZE)) sizes.set(code, size);
    this.sizes = sizes;
    for (const unit of UNITS) {
      if (SPECIALS[unit.code].length > (sizes.get(unit.code) ?? 0)) throw new RangeError(`unit ${unit.code} is too small for its special pupils`);
    }
    this.allocator = new BirthSlotAllocator(seed, reservedCivicNumbers());
    this.cacheCapacity = Math.min(32_000, Math.max(4_000, Math.ceil((students + abro) * 1.25)));
    this.pupils = new BoundedCache(this.cacheCapacity);
    this.families = new BoundedCache(this.cacheCapacity);
    this.guardians = new BoundedCache(this.cacheCapacity);
  }

  unitSize(unit: UnitCode): number {
    return this.sizes.get(unit) ?? 0;
  }

  regularCount(unit: UnitCode): number {
    return Math.max(0, this.unitSize(unit) - SPECIALS[unit].length);
  }

  hasPupil(key: string): boolean {
    const parsed = parsePupilKey(key);
    return parsed !== null && parsed.index < this.unitSize(parsed.unit);
  }

  /** Home pupils of a unit, in index order. */
  *homePupilKeys(unit: UnitCode): Generator<string> {
    const size = this.unitSize(unit);
    for (let index = 0; index < size; index++) yield pupilKey(unit, index);
  }

  /** Pupils at home elsewhere who are enrolled at `unit` too (X3 courses at U3, X4 transfer to U4). */
  guestPupilKeys(unit: UnitCode): string[] {
    const guests: string[] = [];
    for (const home of UNITS) {
      SPECIALS[home.code].forEach((special, index) => {
        if ((special.coursesAtU3 && unit === 'U3') || (special.transfersToU4 && unit === 'U4')) guests.push(pupilKey(home.code, index));
      });
    }
    return guests;
  }

  /** Everyone ever enrolled at the unit this year: home pupils, then guests. */
  *pupilKeysAt(unit: UnitCode): Generator<string> {
    yield* this.homePupilKeys(unit);
    yield* this.guestPupilKeys(unit);
  }

  *pupilKeysOf(municipality: MunicipalityKey): Generator<string> {
    for (const unit of unitsOf(municipality)) yield* this.homePupilKeys(unit.code);
  }

  /** Known only to SS 12000: decided by the specials table alone, so no pupil is computed. */
  isRegisterOnly(key: string): boolean {
    const parsed = parsePupilKey(key);
    return parsed !== null && (this.special(parsed.unit, parsed.index)?.registerOnly ?? false);
  }

  special(unit: UnitCode, index: number): SpecialPupil | null {
    return SPECIALS[unit][index] ?? null;
  }

  skeleton(key: string): PupilSkeleton {
    const parsed = parsePupilKey(key);
    if (!parsed || parsed.index >= this.unitSize(parsed.unit)) throw new RangeError(`no pupil ${key}`);
    const unit = unitByCode(parsed.unit);
    const special = this.special(parsed.unit, parsed.index);
    let yearGroup: number;
    let classIndex: number;
    let ordinal: number;
    if (special) {
      yearGroup = special.yearGroup;
      classIndex = special.classIndex;
      ordinal = parsed.index;
    } else {
      const regular = parsed.index - SPECIALS[parsed.unit].length;
      const groups = unit.yearGroups.length;
      yearGroup = unit.yearGroups[regular % groups] ?? 0;
      const cohortIndex = Math.floor(regular / groups);
      classIndex = Math.floor(cohortIndex / CLASS_SIZE);
      ordinal = SPECIAL_ORDINALS + cohortIndex;
    }
    const hosts = hostsOf(yearGroup);
    return {
      key,
      municipality: unit.municipality,
      unit: parsed.unit,
      index: parsed.index,
      specialIndex: special ? parsed.index : null,
      yearGroup,
      classIndex,
      cohortYear: cohortYearOf(yearGroup),
      cohortSlot: ordinal * hosts.length + hosts.indexOf(unit),
      position: pupilPosition(unit.ordinal, parsed.index),
    };
  }

  /** The family of a pupil: named (specials), by sibling rule, or the pupil alone. */
  familyKeyOf(skeleton: PupilSkeleton): string {
    const special = this.special(skeleton.unit, skeleton.index);
    if (special) return special.family ? `f:${special.family}` : `f:${skeleton.key}`;
    const members = this.ruleMembers(skeleton.unit, skeleton.index - SPECIALS[skeleton.unit].length);
    return `f:${members?.[0] ?? skeleton.key}`;
  }

  private ruleMembers(unit: UnitCode, regular: number): string[] | null {
    for (const rule of SIBLING_RULES) {
      for (const member of rule.members) {
        if (member.unit !== unit) continue;
        const anchor = regular - member.offset;
        if (anchor < 0 || anchor % rule.modulus !== rule.residue) continue;
        const keys = rule.members.map((other) => ({ unit: other.unit, regular: anchor + other.offset }));
        if (keys.every((other) => other.regular < this.regularCount(other.unit))) {
          return keys.map((other) => pupilKey(other.unit, other.regular + SPECIALS[other.unit].length));
        }
      }
    }
    return null;
  }

  family(familyKey: string): Family {
    return this.families.getOrCompute(familyKey, () => this.computeFamily(familyKey));
  }

  private computeFamily(familyKey: string): Family {
    const name = familyKey.slice(2);
    const rng = rngFor(this.seed, 'family', familyKey);
    const familyName = rng.pick(FAMILY_NAMES);
    const named = specialFamily(name);
    if (named || !name.startsWith('p:')) {
      const pupilKeys = specialFamilyMembers(name)
        .filter((member) => member.index < this.unitSize(member.unit))
        .map((member) => pupilKey(member.unit, member.index));
      return {
        key: familyKey,
        pupilKeys,
        guardianCount: named && named.guardians.length > 0 ? named.guardians.length : 2,
        familyName: named?.familyName ?? familyName,
        securityMarking: named?.marking ?? 'Ingen',
        newlyArrived: named?.newlyArrived ?? false,
      };
    }
    const anchor = parsePupilKey(name);
    if (!anchor) throw new RangeError(`bad family ${familyKey}`);
    const special = this.special(anchor.unit, anchor.index);
    const members = special ? null : this.ruleMembers(anchor.unit, anchor.index - SPECIALS[anchor.unit].length);
    const guardianCount = rng.chance(0.82) ? 2 : 1;
    const ownName = special?.person?.familyName;
    const protectedFamily = special ? special.marking ?? null : rng.chance(0.006) ? 'Skyddad folkbokföring' : null;
    const newlyArrived = special ? special.civicType === 'samordningsnummer' : rng.chance(0.012);
    return {
      key: familyKey,
      pupilKeys: members ?? [name],
      guardianCount,
      familyName: ownName ?? familyName,
      securityMarking: protectedFamily ?? 'Ingen',
      newlyArrived,
    };
  }

  pupil(key: string): Pupil {
    return this.pupils.getOrCompute(key, () => this.computePupil(key));
  }

  private computePupil(key: string): Pupil {
    const skeleton = this.skeleton(key);
    const special = this.special(skeleton.unit, skeleton.index);
    const familyKey = this.familyKeyOf(skeleton);
    const family = this.family(familyKey);
    const rng = rngFor(this.seed, 'pupil', key);
    const familyRng = rngFor(this.seed, 'household', familyKey);
    const unit = unitByCode(skeleton.unit);

    const identity = this.pupilIdentity(skeleton, special, family, rng);
    const securityMarking: SecurityMarking = special?.marking ?? family.securityMarking;
    const protectedPerson = securityMarking !== 'Ingen';
    const givenName = special?.person?.givenName ?? givenNameFor(rng, identity.sex);
    const familyName = special?.person?.familyName ?? family.familyName;
    const contact: Contact | null = protectedPerson
      ? null
      : {
          email: `${emailLocalPart(givenName, familyName)}.${skeleton.index}@elev.${skeleton.municipality}.example`,
          mobile: mobileNumber(rng),
          address: addressOf(familyRng, skeleton.municipality),
        };

    const eighteenthBirthday = eighteenthBirthdayOf(identity.birthDate);
    const adultAtStart = eighteenthBirthday <= FIRST_SCHOOL_DAY_NUMBER;
    const createdAt = this.pupilCreatedAt(skeleton, unit);
    const rolloverAt = localToInstant(ROLLOVER_DAY, 9 * 60) + (skeleton.position % 3000) * 1000;
    const enrolments = this.enrolmentsOf(skeleton, special, unit, createdAt);
    const relations = adultAtStart ? [] : this.relationsOf(skeleton, family, identity.birthDate, eighteenthBirthday);

    const scenarios = new Set<ScenarioKey>(special?.scenarios ?? []);
    if (!special?.registerOnly) scenarios.add('X2');
    if (family.pupilKeys.length > 1) scenarios.add('X5');
    if (eighteenthBirthday > FIRST_SCHOOL_DAY_NUMBER && eighteenthBirthday <= dayNumberOf('2026-06-12')) scenarios.add('X6');
    if (securityMarking !== 'Ingen') scenarios.add('X7');
    if (identity.civic.initialType === 'samordningsnummer') scenarios.add('X8');
    if (identity.civic.defect || identity.civic.initialType === 'tillfalligt') scenarios.add('X9');

    // Listed field by field: a spread here made V8 build slow dictionary objects, 20× the cost.
    return {
      key: skeleton.key,
      municipality: skeleton.municipality,
      unit: skeleton.unit,
      index: skeleton.index,
      specialIndex: skeleton.specialIndex,
      yearGroup: skeleton.yearGroup,
      classIndex: skeleton.classIndex,
      cohortYear: skeleton.cohortYear,
      cohortSlot: skeleton.cohortSlot,
      position: skeleton.position,
      givenName,
      familyName,
      sex: identity.sex,
      birthDate: identity.birthDate,
      civic: identity.civic,
      securityMarking,
      contact,
      attendsFritids: skeleton.yearGroup <= 3 || (skeleton.yearGroup <= 6 && rng.chance(0.3)),
      enrolments,
      familyKey,
      relations,
      eighteenthBirthday,
      adultAtStart,
      consentsGuardianAccess: rng.chance(0.3),
      registerOnly: special?.registerOnly ?? false,
      createdAt,
      rolloverAt,
      scenarios: [...scenarios].sort(),
    };
  }

  private pupilIdentity(
    skeleton: PupilSkeleton,
    special: SpecialPupil | null,
    family: Family,
    rng: Rng,
  ): { birthDate: string; sex: Sex; civic: CivicIdentity } {
    if (special?.temporaryCivicNo) {
      const temporary = special.temporaryCivicNo;
      const birthDate = `${temporary.slice(0, 4)}-${temporary.slice(4, 6)}-${temporary.slice(6, 8)}`;
      return { birthDate, sex: rng.chance(0.5) ? 'Man' : 'Kvinna', civic: { initial: temporary, initialType: 'tillfalligt', change: null, defect: null } };
    }
    const samordning = special ? special.civicType === 'samordningsnummer' : family.newlyArrived;
    const initialType: CivicNoType = samordning ? 'samordningsnummer' : 'personnummer';
    if (special?.person) {
      const civicNo = special.person.civicNo;
      return {
        birthDate: birthDateOf(civicNo),
        sex: special.person.sex,
        civic: { initial: civicNo, initialType, change: null, defect: special.defect ?? null },
      };
    }
    const slot = this.allocator.allocate(skeleton.cohortYear, skeleton.cohortSlot);
    const valid = composeCivicNo(slot.birthDate, slot.birthNumber, samordning);
    const defect = special?.defect ?? null;
    let initial = valid;
    if (defect === 'badCheckDigit') initial = withBadCheckDigit(valid);
    // An impossible date keeps a valid check digit, so the date is the only fault; the birth
    // number 990 + unit ordinal keeps these numbers distinct from each other.
    if (defect === 'impossibleDate') initial = composeCivicNo(`${skeleton.cohortYear}-02-30`, 990 + unitByCode(skeleton.unit).ordinal);
    const change = special?.convertsToPersonnummer
      ? { value: composeCivicNo(slot.birthDate, slot.birthNumber, false), at: localToInstant(dayNumberOf(X8_CONVERSION_DATE), 8 * 60) }
      : null;
    return { birthDate: slot.birthDate, sex: sexOf(slot.birthNumber), civic: { initial, initialType, change, defect } };
  }

  private pupilCreatedAt(skeleton: PupilSkeleton, unit: Unit): number {
    const start = this.homeStartDate(skeleton.yearGroup, unit);
    return localToInstant(dayNumberOf(start) - 7, 8 * 60) + (skeleton.position % 3000) * 1000;
  }

  private homeStartDate(yearGroup: number, unit: Unit): string {
    const segmentStart = yearGroup >= 10 ? Math.max(10, unit.yearGroups[0] ?? 10) : (unit.yearGroups[0] ?? 0);
    return schoolStartOf(2025 - (yearGroup - segmentStart));
  }

  private enrolmentsOf(skeleton: PupilSkeleton, special: SpecialPupil | null, unit: Unit, createdAt: number): Enrolment[] {
    const home: Enrolment = {
      key: `e:${skeleton.key}@${unit.code}`,
      pupilKey: skeleton.key,
      unit: unit.code,
      schoolType: schoolTypeOf(skeleton.yearGroup),
      schoolYear: schoolYearOf(skeleton.yearGroup),
      yearGroup: skeleton.yearGroup,
      classKey: classKeyOf(unit.code, skeleton.yearGroup, skeleton.classIndex),
      className: className(unit.code, skeleton.yearGroup, skeleton.classIndex),
      classIndex: skeleton.classIndex,
      startDate: this.homeStartDate(skeleton.yearGroup, unit),
      endDate: special?.transfersToU4 ? X4_LAST_DAY_AT_U2 : null,
      createdAt,
      endKnownAt: special?.transfersToU4 ? localToInstant(dayNumberOf(X4_LAST_DAY_AT_U2), 16 * 60) : null,
    };
    const enrolments = [home];
    if (special?.coursesAtU3) {
      enrolments.push({
        key: `e:${skeleton.key}@U3`,
        pupilKey: skeleton.key,
        unit: 'U3',
        schoolType: 'GY',
        schoolYear: schoolYearOf(skeleton.yearGroup),
        yearGroup: skeleton.yearGroup,
        classKey: null,
        className: null,
        classIndex: X3_COURSE_GROUP.classIndex,
        startDate: FIRST_SCHOOL_DAY,
        endDate: null,
        createdAt: localToInstant(ROLLOVER_DAY, 8 * 60 + 30) + (skeleton.position % 600) * 1000,
        endKnownAt: null,
      });
    }
    if (special?.transfersToU4) {
      enrolments.push({
        key: `e:${skeleton.key}@U4`,
        pupilKey: skeleton.key,
        unit: 'U4',
        schoolType: schoolTypeOf(skeleton.yearGroup),
        schoolYear: schoolYearOf(skeleton.yearGroup),
        yearGroup: skeleton.yearGroup,
        classKey: classKeyOf('U4', skeleton.yearGroup, 0),
        className: className('U4', skeleton.yearGroup, 0),
        classIndex: 0,
        startDate: X4_FIRST_DAY_AT_U4,
        endDate: null,
        createdAt: localToInstant(dayNumberOf(X4_FIRST_DAY_AT_U4), 6 * 60 + 30),
        endKnownAt: null,
      });
    }
    return enrolments;
  }

  private relationsOf(skeleton: PupilSkeleton, family: Family, birthDate: string, eighteenthBirthday: number): Relation[] {
    const named = specialFamily(family.key.slice(2));
    const rng = rngFor(this.seed, 'relations', family.key);
    const endsInTimeline = eighteenthBirthday <= TIMELINE_END_DAY;
    const relations: Relation[] = [];
    for (let ordinal = 0; ordinal < family.guardianCount; ordinal++) {
      let kind: RelationKind = named?.guardians[ordinal]?.relation ?? 'custodian';
      // Drawn per family, so every child of a household has the same kind of relation to the adult.
      const draw = rng.next();
      if (!named && ordinal === 1 && draw < 0.02) kind = 'fosterParent';
      else if (!named && ordinal === 1 && draw < 0.04) kind = 'contact';
      else if (!named && family.guardianCount === 1 && family.newlyArrived && draw < 0.3) kind = 'trustee';
      const key = guardianKey(family.key, ordinal);
      relations.push({
        key: `${key}>${skeleton.key}`,
        guardianKey: key,
        pupilKey: skeleton.key,
        kind,
        validFrom: birthDate,
        validTo: endsInTimeline ? isoDateOf(eighteenthBirthday - 1) : null,
        endKnownAt: endsInTimeline ? localToInstant(eighteenthBirthday, 0) : null,
      });
    }
    return relations;
  }

  /** Guardians that exist: those with at least one relation (a family of adults has none). */
  guardianKeysOfFamily(familyKey: string): string[] {
    const family = this.family(familyKey);
    const keys = new Set<string>();
    for (const child of family.pupilKeys) for (const relation of this.pupil(child).relations) keys.add(relation.guardianKey);
    return [...keys].sort();
  }

  /** Relations of a guardian to every child, in child order. */
  relationsOfGuardian(key: string): Relation[] {
    const parsed = parseGuardianKey(key);
    if (!parsed) return [];
    const relations: Relation[] = [];
    for (const child of this.family(parsed.familyKey).pupilKeys) {
      for (const relation of this.pupil(child).relations) if (relation.guardianKey === key) relations.push(relation);
    }
    return relations;
  }

  guardian(key: string): Guardian {
    return this.guardians.getOrCompute(key, () => this.computeGuardian(key));
  }

  private computeGuardian(key: string): Guardian {
    const parsed = parseGuardianKey(key);
    if (!parsed) throw new RangeError(`no guardian ${key}`);
    const family = this.family(parsed.familyKey);
    const anchorKey = family.pupilKeys[0];
    if (!anchorKey) throw new RangeError(`no guardian ${key}`);
    const anchor = this.skeleton(anchorKey);
    const named = specialFamily(parsed.familyKey.slice(2))?.guardians[parsed.ordinal];
    const rng = rngFor(this.seed, 'guardian', key);
    let birthDate: string;
    let sex: Sex;
    let civicNo: string;
    if (named) {
      civicNo = named.civicNo;
      birthDate = birthDateOf(civicNo);
      sex = named.sex;
    } else {
      // Parents are 25–39 years older than the family's first child; the slot index packs the
      // child's cohort and slot so that no two guardians share one (see civic-numbers.ts).
      const offset = anchor.cohortSlot % 15;
      const year = anchor.cohortYear - 25 - offset;
      const index = (Math.floor(anchor.cohortSlot / 15) * COHORTS + (anchor.cohortYear - FIRST_COHORT)) * 2 + parsed.ordinal;
      const slot = this.allocator.allocate(year, index);
      birthDate = slot.birthDate;
      sex = sexOf(slot.birthNumber);
      civicNo = composeCivicNo(slot.birthDate, slot.birthNumber, family.newlyArrived);
    }
    const givenName = named?.givenName ?? givenNameFor(rng, sex);
    const familyName = named?.familyName ?? (parsed.ordinal === 0 || rng.chance(0.55) ? family.familyName : rng.pick(FAMILY_NAMES));
    const children = family.pupilKeys.map((child) => this.skeleton(child));
    const municipalities = [...new Set(children.map((child) => child.municipality))].sort();
    const protectedPerson = family.securityMarking !== 'Ingen';
    const scenarios = new Set<ScenarioKey>();
    if (family.pupilKeys.length > 1) scenarios.add('X5');
    if (protectedPerson) scenarios.add('X7');
    if (family.newlyArrived) scenarios.add('X8');
    return {
      key,
      familyKey: parsed.familyKey,
      ordinal: parsed.ordinal,
      givenName,
      familyName,
      sex,
      birthDate,
      civic: { initial: civicNo, initialType: family.newlyArrived ? 'samordningsnummer' : 'personnummer', change: null, defect: null },
      securityMarking: family.securityMarking,
      contact: protectedPerson
        ? null
        : {
            email: `${emailLocalPart(givenName, familyName)}@example.se`,
            mobile: mobileNumber(rng),
            address: addressOf(rngFor(this.seed, 'household', parsed.familyKey), anchor.municipality),
          },
      position: anchor.position * 2 + parsed.ordinal,
      municipalities,
      scenarios: [...scenarios].sort(),
    };
  }
}

/** The civic number a person holds at an instant (X8 changes on 2026-02-02). */
export function civicNoAt(civic: CivicIdentity, at: number): { value: string; type: CivicNoType } {
  if (civic.change && at >= civic.change.at) return { value: civic.change.value, type: 'personnummer' };
  return { value: civic.initial, type: civic.initialType };
}

export function isOfAgeAt(pupil: Pupil, at: number): boolean {
  return at >= localToInstant(pupil.eighteenthBirthday, 0);
}

