/**
 * Person (§4): pupils with inline `enrolments` and `responsibles`, guardians, and staff (the
 * teachers that attendances and leave decisions reference). `civicNo.value` is the number exactly
 * as the register holds it — 12 characters, a temporary `20130101TF01`, or an X9 defect. A
 * protected person (`Skyddad folkbokföring`, `Sekretessmarkering`) has no contact data at all.
 * Only relations the register still lists are shown: an entry disappears at the 18th birthday.
 */
import { codes } from '../world/index.js';
import type { Contact, EnrolmentView, GroupMemberView, GroupRow, GuardianRow, PupilRow, RelationView, SliceRecord, Staff } from '../world/index.js';
import { REGISTER_META } from './constants.js';
import type { JsonRecord } from './presentation.js';
import type { References } from './references.js';
import { membershipEnd, membershipStart, renderGroupFragment } from './render-groups.js';
import { meta } from './wire-time.js';

export const PERSON_EXPANSIONS = ['responsibleFor', 'groupMemberships'] as const;
export type PersonExpansion = (typeof PERSON_EXPANSIONS)[number];

export interface Membership {
  readonly group: SliceRecord<GroupRow>;
  readonly member: GroupMemberView;
}

export interface PersonRenderOptions {
  readonly refs: References;
  /** The snapshot: which relations the register lists depends on the date. */
  readonly asOf: number;
  readonly expand: readonly PersonExpansion[];
  /** The groups a pupil belongs to (only read for `expand=groupMemberships`). */
  readonly membershipsOf: (pupilKey: string) => readonly Membership[];
}

/** `Ekbacksvägen 43, 999 01 Sjöstad` → the standard's address parts. */
function address(text: string): JsonRecord {
  const [street = text, rest = ''] = text.split(', ');
  const postalCode = rest.slice(0, 6);
  return { type: 'Folkbokföring', streetAddress: street, postalCode, locality: rest.slice(7) };
}

function contactFields(contact: Contact | null, pupil: boolean): JsonRecord {
  // The file's example pupil has a school e-mail only; guardians have private contact data.
  if (!contact) return { emails: undefined, phoneNumbers: undefined, addresses: undefined };
  if (pupil) return { emails: [{ value: contact.email, type: 'Skola elev' }], phoneNumbers: undefined, addresses: undefined };
  return {
    emails: [{ value: contact.email, type: 'Privat' }],
    phoneNumbers: [{ value: contact.mobile, mobile: true }],
    addresses: [address(contact.address)],
  };
}

function enrolment(view: EnrolmentView, refs: References): JsonRecord {
  return {
    enroledAt: refs.unit(view.unit),
    schoolType: view.schoolType,
    schoolYear: view.schoolYear,
    startDate: view.startDate,
    endDate: view.endDate ?? undefined,
    cancelled: false,
  };
}

function relation(personKey: string, view: RelationView, refs: References): JsonRecord {
  return { person: refs.person(personKey), relationType: codes.ss12000.relationType(view.kind) };
}

function embedded(data: PupilRow | GuardianRow, options: PersonRenderOptions): JsonRecord | undefined {
  if (options.expand.length === 0) return undefined;
  const parts: JsonRecord = {};
  for (const expansion of options.expand) {
    if (expansion === 'responsibleFor') {
      const children = data.kind === 'guardian' ? codes.shownRelations('ss12000', data.children, options.asOf) : [];
      parts.responsibleFor = children.map((view) => relation(view.pupilKey, view, options.refs));
    } else {
      const memberships = data.kind === 'pupil' ? options.membershipsOf(data.pupilKey) : [];
      parts.groupMemberships = memberships.map(({ group, member }) => ({
        group: renderGroupFragment(group, options.refs),
        startDate: membershipStart(member, group.data),
        endDate: membershipEnd(member, group.data),
      }));
    }
  }
  return parts;
}

export function renderPerson(record: SliceRecord<PupilRow | GuardianRow>, options: PersonRenderOptions): JsonRecord {
  const data = record.data;
  const pupil = data.kind === 'pupil';
  const rendered: JsonRecord = {
    id: String(record.id),
    meta: meta(record.createdAt, record.lastChanged),
    givenName: data.givenName,
    middleName: undefined,
    familyName: data.familyName,
    civicNo: { value: data.civicNo, nationality: 'SE' },
    birthDate: data.birthDate,
    sex: data.sex,
    securityMarking: data.securityMarking,
    personStatus: 'Aktiv',
    ...contactFields(data.contact, pupil),
    enrolments: pupil ? data.enrolments.map((view) => enrolment(view, options.refs)) : undefined,
    responsibles: pupil ? codes.shownRelations('ss12000', data.guardians, options.asOf).map((view) => relation(view.guardianKey, view, options.refs)) : undefined,
  };
  const parts = embedded(data, options);
  if (parts) rendered._embedded = parts;
  return rendered;
}

/** A teacher: registered by the municipality's HR import, no civic number published. */
export function renderStaff(staff: Staff, id: string, options: PersonRenderOptions): JsonRecord {
  const rendered: JsonRecord = {
    id,
    meta: meta(Date.parse(REGISTER_META.created), Date.parse(REGISTER_META.modified)),
    givenName: staff.givenName,
    middleName: undefined,
    familyName: staff.familyName,
    civicNo: undefined,
    securityMarking: 'Ingen',
    personStatus: 'Aktiv',
  };
  if (options.expand.length > 0) rendered._embedded = Object.fromEntries(options.expand.map((expansion) => [expansion, []]));
  return rendered;
}
