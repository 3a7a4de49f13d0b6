/**
 * Group (§4: `Klass` groups with inline `groupMemberships`). A membership runs over the group's
 * dates, as the file's example shows, unless the pupil joins later or leaves earlier (X4).
 */
import type { GroupMemberView, GroupRow, SliceRecord } from '../world/index.js';
import type { JsonRecord } from './presentation.js';
import type { References } from './references.js';
import { meta } from './wire-time.js';

/** The standard's GroupFragment: a group without its members. */
export function renderGroupFragment(record: SliceRecord<GroupRow>, refs: References): JsonRecord {
  const group = record.data;
  return {
    id: String(record.id),
    meta: meta(record.createdAt, record.lastChanged),
    displayName: group.name,
    groupType: group.groupType,
    schoolType: group.schoolType,
    organisation: refs.unit(group.unit),
    startDate: group.startDate,
    endDate: group.endDate,
  };
}

/** A membership cannot start before its group: a pupil enrolled years ago joined this year's class when it began. */
export function membershipStart(member: GroupMemberView, group: GroupRow): string {
  return member.startDate > group.startDate ? member.startDate : group.startDate;
}

export function membershipEnd(member: GroupMemberView, group: GroupRow): string {
  return member.endDate ?? group.endDate;
}

export function renderGroup(record: SliceRecord<GroupRow>, refs: References): JsonRecord {
  const group = record.data;
  return {
    ...renderGroupFragment(record, refs),
    groupMemberships: group.members.map((member) => ({
      person: refs.person(member.pupilKey),
      startDate: membershipStart(member, group),
      endDate: membershipEnd(member, group),
    })),
  };
}
