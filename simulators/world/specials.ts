/**
 * Special pupils: the first indices of every unit, fixed so that every scenario of platforms
 * README §3.2 exists in every platform's slice at every size (a unit has at least 12 pupils, and
 * no unit has more specials than that). The example cast of §3.3 is among them, with exact names
 * and civic numbers. Regular pupils follow at index `SPECIALS[unit].length`.
 */
import type { CivicDefect, RelationKind, ScenarioKey, SecurityMarking, Sex } from './types.js';
import type { UnitCode } from './units.js';

export interface ExplicitPerson {
  readonly givenName: string;
  readonly familyName: string;
  readonly civicNo: string;
  readonly sex: Sex;
}

export type LeaveScript = 'withdrawn' | 'approved' | 'partiallyApproved' | 'rejected';

export interface SpecialPupil {
  /** Readable role, part of no key. */
  readonly role: string;
  readonly yearGroup: number;
  /** 0 = class A (for gymnasium: the unit's first programme). */
  readonly classIndex: number;
  readonly scenarios: readonly ScenarioKey[];
  readonly person?: ExplicitPerson;
  readonly family?: string;
  readonly civicType?: 'samordningsnummer' | 'tillfalligt';
  /** X8: receives a personnummer on 2026-02-02 and keeps its platform ids. */
  readonly convertsToPersonnummer?: boolean;
  readonly defect?: CivicDefect;
  readonly marking?: Exclude<SecurityMarking, 'Ingen'>;
  /** X3: also enrolled at U3 for courses. */
  readonly coursesAtU3?: boolean;
  /** X4: leaves its unit on 2026-01-16 and starts at U4 on 2026-01-19. */
  readonly transfersToU4?: boolean;
  /** Known only to SS 12000 (a temporary number there). */
  readonly registerOnly?: boolean;
  readonly temporaryCivicNo?: string;
  /** X12: late arrival in the first lesson on every X12 date. */
  readonly dstRegistrations?: boolean;
  readonly leaveScript?: LeaveScript;
}

export interface SpecialFamily {
  readonly key: string;
  /** Absent: drawn like any family's. */
  readonly familyName?: string;
  /** Explicit guardians; none means two generated ones. */
  readonly guardians: readonly (ExplicitPerson & { readonly relation?: RelationKind })[];
  readonly marking?: Exclude<SecurityMarking, 'Ingen'>;
  readonly newlyArrived?: boolean;
}

export const X8_CONVERSION_DATE = '2026-02-02';
export const X4_LAST_DAY_AT_U2 = '2026-01-16';
export const X4_FIRST_DAY_AT_U4 = '2026-01-19';
export const X12_DATES = ['2025-10-24', '2025-11-03', '2026-03-27', '2026-03-30'] as const;

const protectedPupil = (yearGroup: number): SpecialPupil => ({ role: 'protected', yearGroup, classIndex: 0, scenarios: ['X7'], marking: 'Skyddad folkbokföring' });
const samordning = (yearGroup: number, converts: boolean): SpecialPupil => ({
  role: converts ? 'samordningsnummer → personnummer' : 'samordningsnummer',
  yearGroup,
  classIndex: 0,
  scenarios: ['X8'],
  civicType: 'samordningsnummer',
  convertsToPersonnummer: converts,
});
const invalid = (defect: CivicDefect, yearGroup: number): SpecialPupil => ({ role: `invalid civic number (${defect})`, yearGroup, classIndex: 0, scenarios: ['X9'], defect });
const dst = (yearGroup: number, leaveScript?: LeaveScript): SpecialPupil => ({
  role: 'DST registrations',
  yearGroup,
  classIndex: 0,
  scenarios: leaveScript ? ['X12', 'X10'] : ['X12'],
  dstRegistrations: true,
  ...(leaveScript ? { leaveScript } : {}),
});

export const SPECIALS: Readonly<Record<UnitCode, readonly SpecialPupil[]>> = {
  U1: [
    { role: 'Saga Lind', yearGroup: 6, classIndex: 1, scenarios: ['X1', 'X2', 'X5'], family: 'lind', person: { givenName: 'Saga', familyName: 'Lind', civicNo: '201305129825', sex: 'Kvinna' } },
    { role: 'child in both municipalities', yearGroup: 3, classIndex: 0, scenarios: ['X5'], family: 'tvakommuner' },
    protectedPupil(2),
    protectedPupil(5),
    samordning(4, false),
    samordning(1, true),
    invalid('badCheckDigit', 2),
    invalid('impossibleDate', 6),
    invalid('tenDigit', 4),
    dst(5, 'withdrawn'),
    // Appended last so that every earlier special keeps its key (and with it its ids).
    { role: 'sibling at the other Skola24 unit', yearGroup: 4, classIndex: 0, scenarios: ['X5'], family: 'tvaenheter' },
  ],
  U2: [
    { role: 'Lukas Becker', yearGroup: 7, classIndex: 2, scenarios: ['X8', 'X10'], family: 'becker', civicType: 'samordningsnummer', person: { givenName: 'Lukas', familyName: 'Becker', civicNo: '201211679855', sex: 'Man' } },
    { role: 'Alva Nyström', yearGroup: 8, classIndex: 1, scenarios: ['X7'], family: 'nystrom', marking: 'Skyddad folkbokföring', person: { givenName: 'Alva', familyName: 'Nyström', civicNo: '201106189887', sex: 'Kvinna' } },
    { ...invalid('badCheckDigit', 7), role: 'the cast\'s invalid number', person: { givenName: 'Ture', familyName: 'Ahlgren', civicNo: '201202299896', sex: 'Man' } },
    { role: 'sekretessmarkering', yearGroup: 9, classIndex: 0, scenarios: ['X7'], marking: 'Sekretessmarkering' },
    samordning(8, true),
    invalid('impossibleDate', 9),
    invalid('tenDigit', 8),
    { role: 'mid-year transfer to U4', yearGroup: 8, classIndex: 0, scenarios: ['X4'], transfersToU4: true },
    dst(9),
  ],
  U3: [
    { role: 'Wilma Ek', yearGroup: 11, classIndex: 0, scenarios: ['X6', 'X10'], family: 'ek', person: { givenName: 'Wilma', familyName: 'Ek', civicNo: '200803159847', sex: 'Kvinna' } },
    protectedPupil(10),
    protectedPupil(12),
    samordning(10, false),
    samordning(11, true),
    invalid('badCheckDigit', 10),
    invalid('impossibleDate', 11),
    invalid('tenDigit', 12),
    dst(11),
    // S24-19: with its U1 sibling, its guardians are listed under both of Sjöstad's Skola24 units.
    { role: 'sibling at the other Skola24 unit', yearGroup: 10, classIndex: 0, scenarios: ['X5'], family: 'tvaenheter' },
  ],
  U4: [
    { role: 'Elias Lind', yearGroup: 8, classIndex: 0, scenarios: ['X5', 'X10'], family: 'lind', person: { givenName: 'Elias', familyName: 'Lind', civicNo: '201109039816', sex: 'Man' } },
    { role: 'Noah Holm', yearGroup: 10, classIndex: 0, scenarios: ['X3'], family: 'holm', coursesAtU3: true, person: { givenName: 'Noah', familyName: 'Holm', civicNo: '200909219875', sex: 'Man' } },
    { role: 'second pupil at two schools', yearGroup: 11, classIndex: 0, scenarios: ['X3'], coursesAtU3: true },
    { role: 'turns 18 in January', yearGroup: 11, classIndex: 0, scenarios: ['X6'], person: { givenName: 'Ebba', familyName: 'Sandberg', civicNo: '200801209966', sex: 'Kvinna' } },
    protectedPupil(6),
    protectedPupil(10),
    samordning(7, false),
    samordning(9, true),
    invalid('badCheckDigit', 5),
    invalid('impossibleDate', 8),
    invalid('tenDigit', 11),
    dst(8, 'approved'),
  ],
  U5: [
    { role: 'Leo Sund', yearGroup: 5, classIndex: 0, scenarios: ['X1', 'X2'], family: 'sund', person: { givenName: 'Leo', familyName: 'Sund', civicNo: '201401229834', sex: 'Man' } },
    protectedPupil(1),
    protectedPupil(4),
    samordning(2, false),
    samordning(5, true),
    invalid('badCheckDigit', 3),
    invalid('impossibleDate', 6),
    invalid('tenDigit', 0),
    dst(4),
    { role: 'temporary number, register only', yearGroup: 6, classIndex: 0, scenarios: ['X9'], registerOnly: true, civicType: 'tillfalligt', temporaryCivicNo: '20130101TF01' },
  ],
  U6: [
    { role: 'child in both municipalities', yearGroup: 7, classIndex: 0, scenarios: ['X5'], family: 'tvakommuner' },
    { role: 'sekretessmarkering', yearGroup: 2, classIndex: 0, scenarios: ['X7'], marking: 'Sekretessmarkering' },
    { ...protectedPupil(8), family: 'abro-skyddad' },
    { ...samordning(4, false), family: 'abro-nyanlanda' },
    samordning(6, true),
    invalid('badCheckDigit', 1),
    invalid('impossibleDate', 5),
    invalid('tenDigit', 9),
    { ...dst(8, 'partiallyApproved'), family: 'abro-dst' },
    { role: 'temporary number, register only', yearGroup: 5, classIndex: 0, scenarios: ['X9'], registerOnly: true, civicType: 'tillfalligt', temporaryCivicNo: '20140101TF02' },
  ],
  U7: [
    { role: 'turns 18 in February', yearGroup: 11, classIndex: 0, scenarios: ['X6'], person: { givenName: 'Hugo', familyName: 'Lundqvist', civicNo: '200802109975', sex: 'Man' } },
    { ...protectedPupil(10), family: 'abro-skyddad' },
    protectedPupil(12),
    { ...samordning(10, false), family: 'abro-nyanlanda' },
    samordning(11, true),
    invalid('badCheckDigit', 10),
    invalid('impossibleDate', 11),
    invalid('tenDigit', 12),
    { ...dst(10, 'rejected'), family: 'abro-dst' },
  ],
};

export const SPECIAL_FAMILIES: readonly SpecialFamily[] = [
  {
    key: 'lind',
    familyName: 'Lind',
    guardians: [
      { givenName: 'Karin', familyName: 'Berg', civicNo: '198202149863', sex: 'Kvinna' },
      { givenName: 'Johan', familyName: 'Lind', civicNo: '198007309936', sex: 'Man' },
    ],
  },
  {
    key: 'ek',
    familyName: 'Ek',
    guardians: [
      { givenName: 'Maja', familyName: 'Ek', civicNo: '197904049801', sex: 'Kvinna' },
      { givenName: 'Lars', familyName: 'Ek', civicNo: '197708219956', sex: 'Man' },
    ],
  },
  {
    key: 'holm',
    familyName: 'Holm',
    guardians: [
      { givenName: 'Sofia', familyName: 'Holm', civicNo: '197811029904', sex: 'Kvinna' },
      { givenName: 'Mikael', familyName: 'Holm', civicNo: '197604189931', sex: 'Man' },
    ],
  },
  {
    key: 'becker',
    familyName: 'Becker',
    newlyArrived: true,
    guardians: [
      { givenName: 'Anna', familyName: 'Becker', civicNo: '198403729844', sex: 'Kvinna' },
      { givenName: 'Tobias', familyName: 'Becker', civicNo: '198206749973', sex: 'Man' },
    ],
  },
  {
    key: 'nystrom',
    familyName: 'Nyström',
    marking: 'Skyddad folkbokföring',
    guardians: [
      { givenName: 'Eva', familyName: 'Nyström', civicNo: '198009099865', sex: 'Kvinna' },
      { givenName: 'Stefan', familyName: 'Nyström', civicNo: '197902279970', sex: 'Man' },
    ],
  },
  // Siblings among Åbro's special pupils, so that Åbro too has guardians of several children
  // (X5) when it is tiny and has hardly any regular pupils.
  { key: 'abro-skyddad', guardians: [], marking: 'Skyddad folkbokföring' },
  { key: 'abro-nyanlanda', guardians: [], newlyArrived: true },
  { key: 'abro-dst', guardians: [] },
  {
    key: 'sund',
    familyName: 'Sund',
    guardians: [
      { givenName: 'Per', familyName: 'Sund', civicNo: '197709059914', sex: 'Man' },
      { givenName: 'Malin', familyName: 'Sund', civicNo: '197912019820', sex: 'Kvinna' },
    ],
  },
];

/** Every civic number fixed here; generated numbers avoid them (and the invalid one's valid twin). */
export function reservedCivicNumbers(): string[] {
  const numbers = new Set<string>(['201202299895']);
  for (const specials of Object.values(SPECIALS)) {
    for (const special of specials) if (special.person) numbers.add(special.person.civicNo);
  }
  for (const family of SPECIAL_FAMILIES) for (const guardian of family.guardians) numbers.add(guardian.civicNo);
  return [...numbers].filter((civicNo) => /^\d{12}$/.test(civicNo)).sort();
}

export function specialFamily(key: string): SpecialFamily | undefined {
  return SPECIAL_FAMILIES.find((family) => family.key === key);
}

/** Special pupils that belong to a named family, in (unit ordinal, index) order. */
export function specialFamilyMembers(familyKey: string): { unit: UnitCode; index: number }[] {
  const members: { unit: UnitCode; index: number }[] = [];
  for (const unit of ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7'] as const) {
    SPECIALS[unit].forEach((special, index) => {
      if (special.family === familyKey) members.push({ unit, index });
    });
  }
  return members;
}
