/** `GET /groups` (§3): `Klass` groups (and U3's course group, `Undervisning`) with inline memberships. */
import type { GroupRow, SchoolType, SliceRecord } from '../world/index.js';
import { ArrayCollection, StreamCollection, entryOf, filteredSource } from './collections.js';
import type { Entry, EntrySource } from './collections.js';
import { byModifiedDesc, byNumber, byText, metaMatches, parseMetaFilter, unitsOfOrganisations } from './filters.js';
import type { EntryOrder, MetaFilter } from './filters.js';
import type { ListResource } from './list-endpoint.js';
import { present } from './presentation.js';
import type { QueryParams } from './query-params.js';
import { References } from './references.js';
import { renderGroup } from './render-groups.js';
import type { Scope } from './state.js';

const GROUP_TYPES = ['Undervisning', 'Klass', 'Mentor', 'Provgrupp', 'Schema', 'Avdelning', 'Personalgrupp', 'Övrigt'] as const;
const SORT_KEYS = ['ModifiedDesc', 'DisplayNameAsc', 'StartDateAsc', 'StartDateDesc', 'EndDateAsc', 'EndDateDesc'] as const;
type GroupSortKey = (typeof SORT_KEYS)[number];

interface GroupParams {
  readonly meta: MetaFilter;
  readonly groupTypes: readonly string[];
  readonly schoolTypes: readonly string[];
  readonly organisations: readonly string[];
  readonly names: boolean;
  readonly sortkey?: GroupSortKey;
}

const groupOf = (entry: Entry): GroupRow => (entry.payload as SliceRecord<GroupRow>).data;
const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`);

const ORDERS: Readonly<Record<GroupSortKey, EntryOrder>> = {
  ModifiedDesc: byModifiedDesc,
  DisplayNameAsc: byText((entry) => groupOf(entry).name),
  StartDateAsc: byNumber((entry) => dayOf(groupOf(entry).startDate)),
  StartDateDesc: byNumber((entry) => dayOf(groupOf(entry).startDate), true),
  EndDateAsc: byNumber((entry) => dayOf(groupOf(entry).endDate)),
  EndDateDesc: byNumber((entry) => dayOf(groupOf(entry).endDate), true),
};

export const groupsResource: ListResource<GroupParams> = {
  name: 'groups',
  parse(params: QueryParams): GroupParams {
    return {
      meta: parseMetaFilter(params),
      groupTypes: params.manyOf('groupType', GROUP_TYPES),
      schoolTypes: params.strings('schoolTypes'),
      organisations: params.uuids('organisation'),
      names: params.boolean('expandReferenceNames') ?? false,
      sortkey: params.oneOf('sortkey', SORT_KEYS),
    };
  },
  collect(scope: Scope, params, snapshot) {
    const units = unitsOfOrganisations(scope, params.organisations);
    const query = scope.world.query(scope.slice, 'groups', { after: params.meta.modifiedAfter ?? null, until: snapshot, ...(units ? { units } : {}) });
    const all: EntrySource = function* groups(cursor) {
      for (const record of query.after(cursor)) yield entryOf(record);
    };
    const source = filteredSource(all, (entry) => {
      const group = groupOf(entry);
      return (
        metaMatches(params.meta, entry) &&
        (params.groupTypes.length === 0 || params.groupTypes.includes(group.groupType)) &&
        (params.schoolTypes.length === 0 || params.schoolTypes.includes(group.schoolType satisfies SchoolType))
      );
    });
    if (!params.sortkey) return new StreamCollection(source);
    return new ArrayCollection([...source(null)].sort(ORDERS[params.sortkey]));
  },
  render(entries, scope, params) {
    const refs = new References(scope, params.names);
    return entries.map((entry) => present(scope.context, entry.id, renderGroup(entry.payload as SliceRecord<GroupRow>, refs), null));
  },
};
