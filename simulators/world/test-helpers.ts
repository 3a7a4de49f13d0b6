/** Small helpers for the world's tests (imported by *.test.ts only). */
import type { ChangeQuery } from './query.js';
import type { GuardianRow, LeaveRow, NoticeRow, PupilRow, RegistrationRow, SliceRecord } from './rows.js';
import type { MunicipalityKey, PlatformKey, Slice } from './units.js';

export const slice = (platform: PlatformKey, tenant: MunicipalityKey = 'sjostad'): Slice => ({ platform, tenant });

export const at = (rfc3339: string): number => Date.parse(rfc3339);

export function all(query: ChangeQuery): SliceRecord[] {
  return [...query];
}

export const pupilData = (record: SliceRecord | null | undefined): PupilRow => {
  if (record?.data.kind !== 'pupil') throw new Error('not a pupil record');
  return record.data;
};

export const guardianData = (record: SliceRecord | null | undefined): GuardianRow => {
  if (record?.data.kind !== 'guardian') throw new Error('not a guardian record');
  return record.data;
};

export const noticeData = (record: SliceRecord): NoticeRow => {
  if (record.data.kind !== 'notice') throw new Error('not a notice');
  return record.data;
};

export const registrationData = (record: SliceRecord): RegistrationRow => {
  if (record.data.kind !== 'registration') throw new Error('not a registration');
  return record.data;
};

export const leaveData = (record: SliceRecord): LeaveRow => {
  if (record.data.kind !== 'leave') throw new Error('not a leave application');
  return record.data;
};
