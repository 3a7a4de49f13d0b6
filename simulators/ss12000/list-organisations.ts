/** `GET /organisations` and `POST /organisations/lookup` (§3): the huvudman and the customer's school units. */
import { MUNICIPALITIES, compareRecords } from '../world/index.js';
import type { Unit } from '../world/index.js';
import { ArrayCollection } from './collections.js';
import type { Entry } from './collections.js';
import { REGISTER_META } from './constants.js';
import { byModifiedDesc, byText, metaMatches, parseMetaFilter } from './filters.js';
import type { EntryOrder, MetaFilter } from './filters.js';
import type { ListResource } from './list-endpoint.js';
import { present } from './presentation.js';
import type { JsonRecord } from './presentation.js';
import type { QueryParams } from './query-params.js';
import { References } from './references.js';
import { renderHuvudman, renderSchoolUnit } from './render-organisations.js';
import type { Scope } from './state.js';

const ORGANISATION_TYPES = ['Huvudman', 'Stadsdel', 'Rektorsområde', 'Skola', 'Skolenhet', 'Övrigt'] as const;
const SORT_KEYS = ['ModifiedDesc', 'DisplayNameAsc'] as const;

/** `null` unit: the huvudman. */
type Organisation = { readonly unit: Unit | null; readonly displayName: string; readonly code: string; readonly schoolUnitCode: string | null };

interface OrganisationParams {
  readonly meta: MetaFilter;
  readonly parents: readonly string[];
  readonly schoolUnitCodes: readonly string[];
  readonly organisationCodes: readonly string[];
  readonly municipalityCode?: string;
  readonly types: readonly (typeof ORGANISATION_TYPES)[number][];
  readonly schoolTypes: readonly string[];
  readonly names: boolean;
  readonly sortkey?: (typeof SORT_KEYS)[number];
}

/** Every organisation of the customer, as entries (all registered before the school year). */
export function organisationEntries(scope: Scope, snapshot: number): Entry<Organisation>[] {
  const refs = new References(scope, false);
  const created = Date.parse(REGISTER_META.created);
  const modified = Date.parse(REGISTER_META.modified);
  if (modified > snapshot) return [];
  const huvudman: Entry<Organisation> = {
    lastChanged: modified,
    createdAt: created,
    id: refs.huvudmanId(),
    key: `huvudman:${scope.tenant}`,
    payload: { unit: null, displayName: MUNICIPALITIES.find((candidate) => candidate.key === scope.tenant)?.name ?? '', code: scope.tenant.toUpperCase(), schoolUnitCode: null },
  };
  const units = scope.world.units(scope.slice).map(
    (unit): Entry<Organisation> => ({
      lastChanged: modified,
      createdAt: created,
      id: refs.unitId(unit.code),
      key: `unit:${unit.code}`,
      payload: { unit, displayName: unit.name, code: unit.shortCode, schoolUnitCode: unit.schoolUnitCode },
    }),
  );
  return [huvudman, ...units];
}

function matches(params: OrganisationParams, entry: Entry<Organisation>, huvudmanId: string): boolean {
  const { unit, code, schoolUnitCode } = entry.payload;
  const type = unit ? 'Skolenhet' : 'Huvudman';
  return (
    metaMatches(params.meta, entry) &&
    (params.parents.length === 0 || (unit !== null && params.parents.includes(huvudmanId))) &&
    (params.schoolUnitCodes.length === 0 || (schoolUnitCode !== null && params.schoolUnitCodes.includes(schoolUnitCode))) &&
    (params.organisationCodes.length === 0 || params.organisationCodes.includes(code)) &&
    (params.types.length === 0 || params.types.includes(type)) &&
    (params.schoolTypes.length === 0 || (unit !== null && unit.schoolTypes.some((schoolType) => params.schoolTypes.includes(schoolType))))
  );
}

export function renderOrganisation(entry: Entry, scope: Scope, refs: References): JsonRecord {
  const { unit } = (entry as Entry<Organisation>).payload;
  return present(scope.context, entry.id, unit ? renderSchoolUnit(unit, scope, refs) : renderHuvudman(scope, refs), null);
}

const ORDERS: Readonly<Record<(typeof SORT_KEYS)[number], EntryOrder>> = {
  ModifiedDesc: byModifiedDesc,
  DisplayNameAsc: byText((entry) => (entry as Entry<Organisation>).payload.displayName),
};

export const organisationsResource: ListResource<OrganisationParams> = {
  name: 'organisations',
  parse(params: QueryParams): OrganisationParams {
    return {
      meta: parseMetaFilter(params),
      parents: params.uuids('parent'),
      schoolUnitCodes: params.strings('schoolUnitCode'),
      organisationCodes: params.strings('organisationCode'),
      municipalityCode: params.string('municipalityCode'),
      types: params.manyOf('type', ORGANISATION_TYPES),
      schoolTypes: params.strings('schoolTypes'),
      names: params.boolean('expandReferenceNames') ?? false,
      sortkey: params.oneOf('sortkey', SORT_KEYS),
    };
  },
  collect(scope, params, snapshot) {
    const huvudmanId = new References(scope, false).huvudmanId();
    const all = organisationEntries(scope, snapshot).filter(
      (entry) => (params.municipalityCode === undefined || params.municipalityCode === scope.customerId) && matches(params, entry, huvudmanId),
    );
    return new ArrayCollection([...all].sort(params.sortkey ? ORDERS[params.sortkey] : compareRecords));
  },
  render(entries, scope, params) {
    const refs = new References(scope, params.names);
    return entries.map((entry) => renderOrganisation(entry, scope, refs));
  },
};
