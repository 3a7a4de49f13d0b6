/**
 * The world's vocabulary in each platform's codes, as the platform files define them. Simulators
 * render with these, and the ground truth reads the same tables, so the two never disagree.
 */
import type { LeaveRow, NoticeRow, RegistrationRow, RelationView } from './rows.js';
import { localDayNumberOf, isoDateOf } from './stockholm-time.js';
import type { LeaveStatus, NoticeReason, RelationKind, ReporterRole } from './types.js';
import type { PlatformKey } from './units.js';

/** Field that holds the civic number in each platform (X9 quarantine entries name it). */
export const CIVIC_NO_FIELD: Readonly<Record<PlatformKey, string>> = {
  skola24: 'personalIdentityNumber',
  schoolsoft: 'socialNumber',
  infomentor: 'ssn',
  skolplattformen: 'SOCIALNUMBER',
  ss12000: 'civicNo.value',
};

/** SS 12000 `relationType` and the canonical GuardianRelation type. */
export function canonicalRelationType(kind: RelationKind): 'Vårdnadshavare' | 'God man' | 'Annan ansvarig' {
  if (kind === 'custodian') return 'Vårdnadshavare';
  return kind === 'trustee' ? 'God man' : 'Annan ansvarig';
}

/**
 * Relations a platform lists at a snapshot. SS 12000 and Skolplattformen drop an entry when the
 * relation ends (an 18th birthday, an injected `relationEnd`); the others keep it with its end date.
 */
export function shownRelations(platform: PlatformKey, relations: readonly RelationView[], asOf: number): RelationView[] {
  const today = isoDateOf(localDayNumberOf(asOf));
  if (platform === 'ss12000' || platform === 'skolplattformen') {
    return relations.filter((relation) => !relation.removed && (relation.validTo === null || relation.validTo >= today));
  }
  return relations.filter((relation) => !relation.removed);
}

export const skola24 = {
  relationId: (kind: RelationKind): number => ({ custodian: 1, contact: 2, trustee: 3, fosterParent: 4 })[kind],
  relationDescription: (kind: RelationKind): string =>
    ({ custodian: 'Vårdnadshavare', contact: 'Kontaktperson', trustee: 'God man', fosterParent: 'Familjehemsförälder' })[kind],
  reasonId: (reason: NoticeReason): string => ({ illness: '1', medical: '2', other: '3' })[reason],
  reasonDescription: (reason: NoticeReason): string => ({ illness: 'Sjukdom', medical: 'Läkar-/tandläkarbesök', other: 'Annat' })[reason],
  creatorRole: (role: ReporterRole): string => ({ guardian: 'Guardian', student: 'Student', staff: 'Staff', system: 'Integration' })[role],
  /** XML `Type` and `IsValid` (null = nil) of a registration. */
  registration(row: RegistrationRow): { type: string; isValid: boolean | null } {
    const isValid = row.validity === 'undetermined' ? null : row.validity === 'valid';
    switch (row.type) {
      case 'late':
        return { type: 'SenAnkomst', isValid };
      case 'leftEarly':
        return { type: 'GattTidigare', isValid };
      case 'otherActivity':
        return { type: 'AnnanSkolaktivitet', isValid: true };
      case 'leave':
        return { type: 'Ledighet', isValid: true };
      default:
        return { type: 'Franvarande', isValid };
    }
  },
  leaveStatus: (status: LeaveStatus): { status: number; description: string } =>
    ({
      submitted: { status: 0, description: 'Inskickad' },
      awaitingGuardian: { status: 1, description: 'Väntar på vårdnadshavare' },
      underReview: { status: 2, description: 'Under handläggning' },
      approved: { status: 3, description: 'Beviljad' },
      partiallyApproved: { status: 4, description: 'Delvis beviljad' },
      rejected: { status: 5, description: 'Avslagen' },
      rejectedByGuardian: { status: 5, description: 'Avslagen' },
      withdrawn: { status: 6, description: 'Återkallad' },
    })[status],
};

export const schoolsoft = {
  relation: (kind: RelationKind): string => ({ custodian: 'GUARDIAN', contact: 'CONTACT', trustee: 'TRUSTEE', fosterParent: 'FOSTER_PARENT' })[kind],
  userType: (role: ReporterRole): number => ({ student: 1, guardian: 2, staff: 3, system: 3 })[role],
  /** `lessonStatus`, `lessonStatusStudent` and `nrOfMinutesAbsent` of a lesson row. */
  lessonStatus(row: RegistrationRow): { lessonStatus: number; lessonStatusStudent: number; minutes: number } {
    switch (row.type) {
      case 'present':
        return { lessonStatus: 2, lessonStatusStudent: 1, minutes: 0 };
      case 'late':
        return { lessonStatus: 2, lessonStatusStudent: 1, minutes: row.minutes };
      case 'leftEarly':
        return { lessonStatus: 2, lessonStatusStudent: 6, minutes: row.minutes };
      case 'otherActivity':
        return { lessonStatus: 2, lessonStatusStudent: 5, minutes: row.minutes };
      case 'leave':
        return { lessonStatus: 2, lessonStatusStudent: 750, minutes: row.minutes };
      default:
        if (row.validity === 'invalid') return { lessonStatus: 2, lessonStatusStudent: 2, minutes: row.minutes };
        return { lessonStatus: 2, lessonStatusStudent: row.hasNotice ? 4 : 3, minutes: row.minutes };
    }
  },
  leaveReason: (row: LeaveRow): { codeValueId: number; name: string } =>
    ({ vacation: { codeValueId: 3, name: 'Resa' }, family: { codeValueId: 4, name: 'Familjeangelägenhet' }, other: { codeValueId: 5, name: 'Övrigt' } })[row.reason],
  leaveStatus(row: LeaveRow): number {
    switch (row.status) {
      case 'submitted':
        return 1;
      case 'awaitingGuardian':
        return 3;
      case 'underReview':
        return row.approvals.some((approval) => approval.approved === true) ? 4 : 2;
      case 'rejectedByGuardian':
        return 5;
      case 'approved':
      case 'partiallyApproved':
        return 6;
      case 'rejected':
        return 7;
      case 'withdrawn':
        return 8;
    }
  },
};

export const infomentor = {
  relation: (kind: RelationKind): string => ({ custodian: 'Vårdnadshavare', trustee: 'God man', fosterParent: 'Familjehem', contact: 'Kontaktperson' })[kind],
  role: (role: ReporterRole): string => ({ guardian: 'Guardian', student: 'Pupil', staff: 'Staff', system: 'System' })[role],
  reasons: [
    { id: 1, name: 'Sjuk', absenceKind: 'Absence', isValidAbsence: true },
    { id: 2, name: 'Läkarbesök', absenceKind: 'Absence', isValidAbsence: true },
    { id: 3, name: 'Ledighet', absenceKind: 'Leave', isValidAbsence: true },
    { id: 4, name: 'Sen ankomst', absenceKind: 'Late', isValidAbsence: false },
    { id: 5, name: 'Ogiltig frånvaro', absenceKind: 'Absence', isValidAbsence: false },
    { id: 6, name: 'Gick tidigare', absenceKind: 'LeftEarly', isValidAbsence: false },
    { id: 7, name: 'Annan skolaktivitet', absenceKind: 'OtherActivity', isValidAbsence: true },
    { id: 8, name: 'Övrigt', absenceKind: 'Absence', isValidAbsence: null },
  ] as const,
  noticeReason: (row: NoticeRow): number => ({ illness: 1, medical: 2, other: 8 })[row.reason],
  /** Reason id, `absenceKind` and `isValidAbsence` of a staff or System row. */
  registration(row: RegistrationRow): { reasonId: number; absenceKind: string; isValidAbsence: boolean | null } {
    const valid = row.validity === 'undetermined' ? null : row.validity === 'valid';
    switch (row.type) {
      case 'late':
        return { reasonId: 4, absenceKind: 'Late', isValidAbsence: valid };
      case 'leftEarly':
        return { reasonId: 6, absenceKind: 'LeftEarly', isValidAbsence: valid };
      case 'otherActivity':
        return { reasonId: 7, absenceKind: 'OtherActivity', isValidAbsence: true };
      case 'leave':
        return { reasonId: 3, absenceKind: 'Leave', isValidAbsence: true };
      default:
        if (valid === null) return { reasonId: 8, absenceKind: 'Absence', isValidAbsence: null };
        return valid ? { reasonId: 1, absenceKind: 'Absence', isValidAbsence: true } : { reasonId: 5, absenceKind: 'Absence', isValidAbsence: false };
    }
  },
  partOfDay: (row: NoticeRow): { partOfDay: string | null; halfDaysCount: number | null } => {
    if (row.allDay) return { partOfDay: 'WholeDay', halfDaysCount: 2 };
    if (row.partOfDay === 'morning') return { partOfDay: 'Morning', halfDaysCount: 1 };
    if (row.partOfDay === 'afternoon') return { partOfDay: 'Afternoon', halfDaysCount: 1 };
    return { partOfDay: null, halfDaysCount: null };
  },
  leaveStatus(row: LeaveRow): { status: string; secondaryParentStatus: string } {
    const approval = row.approvals[0];
    const secondaryParentStatus = !approval ? 'NotRequired' : approval.approved === null ? 'Pending' : approval.approved ? 'Approved' : 'Denied';
    const status = {
      submitted: 'Pending',
      underReview: 'Pending',
      awaitingGuardian: 'AwaitingSecondaryParent',
      approved: 'Approved',
      partiallyApproved: 'PartlyApproved',
      rejected: 'Denied',
      rejectedByGuardian: 'Denied',
      withdrawn: 'Withdrawn',
    }[row.status];
    return { status, secondaryParentStatus };
  },
};

export const skolplattformen = {
  relation: (kind: RelationKind): string => ({ custodian: 'VH', trustee: 'GM', contact: 'KP', fosterParent: 'FH' })[kind],
  role: (role: ReporterRole): string => ({ guardian: 'Guardian', student: 'Student', staff: 'Staff', system: 'Staff' })[role],
};

export const ss12000 = {
  relationType: canonicalRelationType,
  absenceType: (row: NoticeRow): string => (row.origin === 'leave' ? 'Beviljad ledighet' : 'Anmäld frånvaro'),
  absenceReason(row: RegistrationRow): string | null {
    if (row.type === 'leave') return 'Ledighet';
    if (row.type === 'otherActivity') return 'Annan skolaktivitet';
    if (row.type === 'present') return null;
    return row.validity === 'valid' ? (row.hasNotice ? 'Sjuk' : 'Giltig frånvaro') : 'Ogiltig frånvaro';
  },
};
