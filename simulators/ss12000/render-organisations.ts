/** Organisation (§4): the municipality as `Huvudman` and its school units as `Skolenhet`. */
import { MUNICIPALITIES } from '../world/index.js';
import type { Unit } from '../world/index.js';
import { REGISTER_META, SCHOOL_UNIT_START_DATE, customerIdOf } from './constants.js';
import type { JsonRecord } from './presentation.js';
import type { References } from './references.js';
import type { Scope } from './state.js';

export function renderHuvudman(scope: Scope, refs: References): JsonRecord {
  const municipality = MUNICIPALITIES.find((candidate) => candidate.key === scope.tenant);
  return {
    id: refs.huvudmanId(),
    meta: { ...REGISTER_META },
    displayName: municipality?.name ?? scope.tenant,
    organisationType: 'Huvudman',
    organisationCode: scope.tenant.toUpperCase(),
    schoolUnitCode: undefined,
    schoolTypes: undefined,
    municipalityCode: customerIdOf(scope.tenant),
    parentOrganisation: undefined,
    startDate: SCHOOL_UNIT_START_DATE,
    endDate: undefined,
  };
}

export function renderSchoolUnit(unit: Unit, scope: Scope, refs: References): JsonRecord {
  return {
    id: refs.unitId(unit.code),
    meta: { ...REGISTER_META },
    displayName: unit.name,
    organisationType: 'Skolenhet',
    organisationCode: unit.shortCode,
    schoolUnitCode: unit.schoolUnitCode,
    schoolTypes: [...unit.schoolTypes],
    municipalityCode: customerIdOf(scope.tenant),
    parentOrganisation: refs.huvudman(),
    startDate: SCHOOL_UNIT_START_DATE,
    endDate: undefined,
  };
}
