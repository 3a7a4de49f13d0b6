/**
 * `GET /persons` (§3): pupils by `relationship.entity.type=enrolment`, guardians by
 * `responsibleFor.enrolment`, teachers by `duty`, each narrowed by `relationship.organisation`;
 * without a relationship type, everyone. There are no placements in this register.
 */
import type { GroupRow, GuardianRow, PupilRow, SliceRecord, Staff, UnitCode } from '../world/index.js';
import { ArrayCollection, StreamCollection, arraySource, entryOf, filteredSource, mergedSource } from './collections.js';
import type { Entry, EntrySource } from './collections.js';
import { REGISTER_META } from './constants.js';
import { byModifiedDesc, byText, metaMatches, parseMetaFilter, unitsOfOrganisations } from './filters.js';
import type { EntryOrder, MetaFilter } from './filters.js';
import type { ListResource } from './list-endpoint.js';
import { PERSON_FIELDS, present } from './presentation.js';
import type { JsonRecord } from './presentation.js';
import type { QueryParams } from './query-params.js';
import { References } from './references.js';
import { PERSON_EXPANSIONS, renderPerson, renderStaff } from './render-persons.js';
import type { Membership, PersonExpansion, PersonRenderOptions } from './render-persons.js';
import type { Scope } from './state.js';

const RELATIONSHIP_TYPES = ['enrolment', 'duty', 'placement.child', 'placement.owner', 'responsibleFor.enrolment', 'responsibleFor.placement'] as const;
type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

const SORT_KEYS = ['DisplayNameAsc', 'GivenNameDesc', 'GivenNameAsc', 'FamilyNameDesc', 'FamilyNameAsc', 'CivicNoAsc', 'CivicNoDesc', 'ModifiedDesc'] as const;
type PersonSortKey = (typeof SORT_KEYS)[number];

export type PersonPayload =
  | { readonly kind: 'record'; readonly record: SliceRecord<PupilRow | GuardianRow> }
  | { readonly kind: 'staff'; readonly staff: Staff };

export interface PersonRenderParams {
  readonly expand: readonly PersonExpansion[];
  readonly names: boolean;
}

interface PersonParams extends PersonRenderParams {
  readonly meta: MetaFilter;
  readonly relationship?: RelationshipType;
  readonly organisation?: string;
  readonly civicNo?: string;
  readonly sortkey?: PersonSortKey;
}

export function parsePersonRenderParams(params: QueryParams): PersonRenderParams {
  return { expand: params.manyOf('expand', PERSON_EXPANSIONS), names: params.boolean('expandReferenceNames') ?? false };
}

function worldSource(scope: Scope, stream: 'pupils' | 'guardians', after: number | undefined, snapshot: number, units: readonly UnitCode[] | null): EntrySource {
  const query = scope.world.query(scope.slice, stream, { after: after ?? null, until: snapshot, ...(units ? { units } : {}) });
  return function* records(cursor) {
    for (const record of query.after(cursor)) {
      // Deleted persons are announced by /deletedEntities, never listed.
      if (!record.deleted) yield { ...entryOf(record), payload: { kind: 'record', record: record as SliceRecord<PupilRow | GuardianRow> } };
    }
  };
}

function staffSource(scope: Scope, snapshot: number, units: readonly UnitCode[] | null): EntrySource {
  const modified = Date.parse(REGISTER_META.modified);
  if (modified > snapshot) return arraySource([]);
  const refs = new References(scope, false);
  const entries: Entry<PersonPayload>[] = [];
  for (const unit of scope.world.units(scope.slice)) {
    if (units && !units.includes(unit.code)) continue;
    for (const staff of scope.world.staff(unit.code)) {
      entries.push({ lastChanged: modified, createdAt: Date.parse(REGISTER_META.created), id: refs.personId(staff.key), key: staff.key, payload: { kind: 'staff', staff } });
    }
  }
  return arraySource(entries);
}

/** The persons a relationship filter selects, in (meta.modified, id) order. */
export function personSource(scope: Scope, snapshot: number, options: { after?: number; relationship?: RelationshipType; units: readonly UnitCode[] | null }): EntrySource {
  const { after, relationship, units } = options;
  switch (relationship) {
    case undefined:
      return mergedSource([worldSource(scope, 'pupils', after, snapshot, units), worldSource(scope, 'guardians', after, snapshot, units), staffSource(scope, snapshot, units)]);
    case 'enrolment':
      return worldSource(scope, 'pupils', after, snapshot, units);
    case 'responsibleFor.enrolment':
      return worldSource(scope, 'guardians', after, snapshot, units);
    case 'duty':
      return staffSource(scope, snapshot, units);
    default:
      return arraySource([]);
  }
}

function personPayload(entry: Entry): PersonPayload {
  return entry.payload as PersonPayload;
}

function civicNoOf(entry: Entry): string {
  const payload = personPayload(entry);
  return payload.kind === 'record' ? payload.record.data.civicNo : '';
}

function nameOf(entry: Entry, part: 'givenName' | 'familyName' | 'full'): string {
  const payload = personPayload(entry);
  const person = payload.kind === 'record' ? payload.record.data : payload.staff;
  return part === 'full' ? `${person.givenName} ${person.familyName}` : person[part];
}

const ORDERS: Readonly<Record<PersonSortKey, EntryOrder>> = {
  DisplayNameAsc: byText((entry) => nameOf(entry, 'full')),
  GivenNameAsc: byText((entry) => nameOf(entry, 'givenName')),
  GivenNameDesc: byText((entry) => nameOf(entry, 'givenName'), true),
  FamilyNameAsc: byText((entry) => nameOf(entry, 'familyName')),
  FamilyNameDesc: byText((entry) => nameOf(entry, 'familyName'), true),
  CivicNoAsc: byText(civicNoOf),
  CivicNoDesc: byText(civicNoOf, true),
  ModifiedDesc: byModifiedDesc,
};

/** Group memberships of the customer's pupils at the snapshot (for `expand=groupMemberships`). */
function membershipIndex(scope: Scope, snapshot: number): (pupilKey: string) => readonly Membership[] {
  let index: Map<string, Membership[]> | null = null;
  return (pupilKey) => {
    if (!index) {
      index = new Map();
      for (const record of scope.world.query(scope.slice, 'groups', { until: snapshot })) {
        const group = record as SliceRecord<GroupRow>;
        for (const member of group.data.members) {
          const list = index.get(member.pupilKey) ?? [];
          list.push({ group, member });
          index.set(member.pupilKey, list);
        }
      }
    }
    return index.get(pupilKey) ?? [];
  };
}

/** Persons as the wire shows them (defects, nulls and drift applied). */
export function renderPersons(entries: readonly Entry[], scope: Scope, params: PersonRenderParams, snapshot: number): JsonRecord[] {
  const refs = new References(scope, params.names);
  const options: PersonRenderOptions = { refs, asOf: snapshot, expand: params.expand, membershipsOf: membershipIndex(scope, snapshot) };
  return entries.map((entry) => {
    const payload = personPayload(entry);
    if (payload.kind === 'staff') return present(scope.context, entry.id, renderStaff(payload.staff, entry.id, options), null);
    const recordType = payload.record.data.kind === 'pupil' ? 'pupils' : 'guardians';
    return present(scope.context, entry.id, renderPerson(payload.record, options), { recordType, fields: PERSON_FIELDS });
  });
}

export const personsResource: ListResource<PersonParams> = {
  name: 'persons',
  parse(params: QueryParams): PersonParams {
    return {
      ...parsePersonRenderParams(params),
      meta: parseMetaFilter(params),
      relationship: params.oneOf('relationship.entity.type', RELATIONSHIP_TYPES),
      organisation: params.uuid('relationship.organisation'),
      civicNo: params.string('civicNo'),
      sortkey: params.oneOf('sortkey', SORT_KEYS),
    };
  },
  collect(scope, params, snapshot) {
    const units = unitsOfOrganisations(scope, params.organisation ? [params.organisation] : []);
    const source = filteredSource(
      personSource(scope, snapshot, { after: params.meta.modifiedAfter, relationship: params.relationship, units }),
      (entry) => metaMatches(params.meta, entry) && (params.civicNo === undefined || civicNoOf(entry) === params.civicNo),
    );
    if (!params.sortkey) return new StreamCollection(source);
    return new ArrayCollection([...source(null)].sort(ORDERS[params.sortkey]));
  },
  render: renderPersons,
};

/** Every person of the customer at the snapshot, in list order (lookups). */
export function everyPerson(scope: Scope, snapshot: number): Entry[] {
  return [...personSource(scope, snapshot, { units: null })(null)];
}
