/**
 * Class-list rows (infomentor.md §5): `GetPupilList` and `GetParentList` items for the
 * establishment a response answers for.
 */
import { codes } from '../world/index.js';
import type { EnrolmentView, GuardianRow, PupilRow, SliceRecord } from '../world/index.js';
import { listName, pupilIdOf, timestampOf } from './render-context.js';
import type { RenderContext } from './render-context.js';

/** The enrolment at this establishment (the latest, should there be two). */
function enrolmentAt(render: RenderContext, row: PupilRow): EnrolmentView | null {
  const here = row.enrolments.filter((enrolment) => enrolment.unit === render.establishment.unit);
  return here[here.length - 1] ?? row.enrolments[0] ?? null;
}

function classGroupOf(render: RenderContext, enrolment: EnrolmentView | null): { group: { id: number; name: string } | null; groups: string } {
  if (!enrolment?.classKey) return { group: null, groups: '' };
  const classGroup = render.context.world.groups(enrolment.unit).find((group) => group.key === enrolment.classKey);
  if (!classGroup) return { group: null, groups: enrolment.className ?? '' };
  const group = { id: Number(render.context.world.ids.group(render.slice, classGroup)), name: classGroup.name };
  // The class and the teaching groups a pupil of it sits in (`7C, Ma7-2, Idh7`); förskoleklass has only its class.
  const year = classGroup.yearGroup;
  const groups = year >= 1 && year <= 9 ? `${classGroup.name}, Ma${year}-${classGroup.classIndex}, Idh${year}` : classGroup.name;
  return { group, groups };
}

export function renderPupil(render: RenderContext, record: SliceRecord<PupilRow>): Record<string, unknown> {
  const row = record.data;
  const enrolment = enrolmentAt(render, row);
  const { group, groups } = classGroupOf(render, enrolment);
  return {
    id: String(record.id),
    pupilIM2Id: Number(render.context.world.ids.secondaryPupil(render.slice, row.pupilKey)),
    name: listName(row),
    ssn: row.civicNo,
    establishmentId: render.establishment.id,
    establishmentName: render.establishment.name,
    groups,
    classGroup: group,
    schoolForm: enrolment?.schoolType ?? null,
    schoolYear: enrolment?.schoolYear ?? null,
    isOver18Pupil: row.isOfAge,
    hasProtectedIdentity: row.protectedIdentity,
    enrolledFrom: enrolment?.startDate ?? null,
    enrolledTo: enrolment?.endDate ?? null,
    lastChanged: timestampOf(render, record.lastChanged),
    isDeleted: record.deleted,
  };
}

/** The parent's children at this establishment, as the class list of the establishment shows them. */
function childrenHere(render: RenderContext, row: GuardianRow): Record<string, unknown>[] {
  const { world } = render.context;
  return codes
    .shownRelations('infomentor', row.children, render.asOf)
    .filter((relation) => world.pupilRecord(render.slice, relation.pupilKey, render.asOf)?.units.includes(render.establishment.unit) ?? false)
    .map((relation) => ({
      pupilId: pupilIdOf(render, relation.pupilKey),
      relation: codes.infomentor.relation(relation.kind),
      // Custody ends at 18; the relation stays listed (infomentor.md §5).
      custody: relation.kind === 'custodian' && !relation.pupilIsOfAge,
    }));
}

export function renderParent(render: RenderContext, record: SliceRecord<GuardianRow>): Record<string, unknown> {
  const row = record.data;
  // Protected persons show no contact data and nothing may be viewed (X7).
  const contact = row.protectedIdentity ? null : row.contact;
  const visible = !row.protectedIdentity;
  return {
    id: String(record.id),
    name: listName(row),
    ssn: row.civicNo,
    address: contact?.address ?? null,
    phone: null,
    mobile: contact ? contact.mobile.replace(/[^0-9+]/g, '') : null,
    email: contact?.email ?? null,
    canEmail: contact !== null,
    canViewName: visible,
    canViewMobile: visible && contact !== null,
    hasProtectedIdentity: row.protectedIdentity,
    pupils: childrenHere(render, row),
    lastChanged: timestampOf(render, record.lastChanged),
    isDeleted: record.deleted,
  };
}
