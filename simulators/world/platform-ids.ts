/**
 * Which id each platform gives each kind of record (see ids.ts for the two id families). All
 * functions are pure: a simulator that renders a reference (a registration's pupil, a notice's
 * reporter) gets the same id the referenced record carries.
 */
import { ID_SPACES, base64Id, injectedPosition, orderedId, platformGuid, worldNamespace } from './ids.js';
import type { OrderedIdSpace } from './ids.js';
import type { WorldSeed } from './prng.js';
import { ROLLOVER_AT } from './timeline-constants.js';
import type { LessonOccurrence } from './types.js';
import { sliceInstance, unitByCode } from './units.js';
import type { PlatformKey, Slice, UnitCode } from './units.js';

export type PlatformId = string | number;

/** InfoMentor's attendance table holds three kinds of rows; each has its own position range. */
export const ATTENDANCE_SUBKIND = { registration: 0, notice: 1, systemLeave: 2 } as const;
const SUBKIND_SHIFT = 2 ** 24;

const SCHOOLSOFT_ORG_IDS: Partial<Record<UnitCode, number>> = { U4: 4, U7: 2 };
const INFOMENTOR_ESTABLISHMENT_IDS: Partial<Record<UnitCode, number>> = { U2: 20417, U5: 20419 };
const PUPIL_IM2_SPACE: OrderedIdSpace = { epochMs: Date.UTC(2010, 0, 1), positionBits: 21 };

/** Position of a class or course group: (unit ordinal · 16 + year group) · 64 + class index. */
export function groupPosition(unit: UnitCode, yearGroup: number, classIndex: number): number {
  return (unitByCode(unit).ordinal * 16 + yearGroup) * 64 + classIndex;
}

export class PlatformIds {
  private readonly namespace: string;

  constructor(private readonly seed: WorldSeed) {
    this.namespace = worldNamespace(seed);
  }

  guid(slice: Slice, kind: string, worldKey: string): string {
    return platformGuid(this.namespace, slice.platform, sliceInstance(slice), kind, worldKey);
  }

  unit(slice: Slice, unit: UnitCode): PlatformId {
    if (slice.platform === 'schoolsoft') return SCHOOLSOFT_ORG_IDS[unit] ?? 1;
    if (slice.platform === 'infomentor') return INFOMENTOR_ESTABLISHMENT_IDS[unit] ?? 20000;
    return this.guid(slice, 'unit', unit);
  }

  /** The municipality as huvudman (SS 12000 `parentOrganisation`). */
  huvudman(slice: Slice): string {
    return this.guid(slice, 'huvudman', slice.tenant);
  }

  schoolYear(slice: Slice): PlatformId {
    return slice.platform === 'schoolsoft' ? 7 : this.guid(slice, 'schoolYear', '2025/2026');
  }

  /** A pupil's record; ordered platforms need the record's creation in this slice. */
  pupil(slice: Slice, pupilKey: string, createdAt: number, position: number): PlatformId {
    return this.person(slice, pupilKey, createdAt, position, ID_SPACES.pupil, 'student');
  }

  guardian(slice: Slice, guardianKey: string, createdAt: number, position: number): PlatformId {
    return this.person(slice, guardianKey, createdAt, position, ID_SPACES.guardian, 'guardian');
  }

  private person(slice: Slice, key: string, createdAt: number, position: number, space: OrderedIdSpace, role: string): PlatformId {
    if (slice.platform === 'schoolsoft' || slice.platform === 'infomentor') return orderedId(space, createdAt, position);
    // Skolplattformen keeps pupils (`Id`) and guardians (`GUARDIAN_ID`) in separate registers.
    return this.guid(slice, slice.platform === 'skolplattformen' ? role : 'person', key);
  }

  /** InfoMentor's second pupil id and Skolplattformen's `SDSId`. */
  secondaryPupilId(slice: Slice, pupilKey: string, createdAt: number, position: number): PlatformId {
    if (slice.platform === 'infomentor') return orderedId(PUPIL_IM2_SPACE, createdAt, position);
    return this.guid(slice, 'sds', pupilKey);
  }

  /** SchoolSoft's pupil `guid`, Skolplattformen's `VHsidan`/`Section` parts and similar. */
  named(slice: Slice, kind: string, key: string): string {
    return this.guid(slice, kind, key);
  }

  staff(slice: Slice, staffKey: string): string {
    return this.guid(slice, 'person', staffKey);
  }

  group(slice: Slice, groupKey: string, position: number): PlatformId {
    if (slice.platform === 'infomentor') return orderedId(ID_SPACES.schedule, ROLLOVER_AT, position);
    return this.guid(slice, 'group', groupKey);
  }

  /** Skola24: base64 per lesson occurrence; SchoolSoft: the recurring slot; SS 12000: the calendar event. */
  lesson(slice: Slice, lesson: LessonOccurrence, groupPositionOfLesson: number): PlatformId {
    if (slice.platform === 'skola24') return base64Id(this.seed, `skola24|${sliceInstance(slice)}|lesson|${lesson.key}`);
    if (slice.platform === 'schoolsoft') return orderedId(ID_SPACES.schedule, ROLLOVER_AT, groupPositionOfLesson * 64 + lesson.weekday * 8 + lesson.slot);
    return this.guid(slice, 'calendarEvent', lesson.key);
  }

  activity(slice: Slice, groupKey: string, subjectCode: string): string {
    return this.guid(slice, 'activity', `${groupKey}|${subjectCode}`);
  }

  notice(slice: Slice, rowKey: string, createdAt: number, pupilPosition: number, day: number, ordinal: number): PlatformId {
    const position = pupilPosition * 4 + (day % 2) * 2 + Math.min(ordinal, 1);
    if (slice.platform === 'schoolsoft') return orderedId(ID_SPACES.noticeRow, createdAt, position);
    if (slice.platform === 'infomentor') return orderedId(ID_SPACES.attendanceRow, createdAt, ATTENDANCE_SUBKIND.notice * SUBKIND_SHIFT + position);
    return this.guid(slice, slice.platform === 'ss12000' ? 'absence' : 'notice', rowKey);
  }

  registration(slice: Slice, rowKey: string, createdAt: number, pupilPosition: number, slot: number): PlatformId {
    const position = pupilPosition * 8 + slot;
    if (slice.platform === 'schoolsoft') return orderedId(ID_SPACES.lessonRow, createdAt, position);
    if (slice.platform === 'infomentor') return orderedId(ID_SPACES.attendanceRow, createdAt, ATTENDANCE_SUBKIND.registration * SUBKIND_SHIFT + position);
    return this.guid(slice, slice.platform === 'ss12000' ? 'attendance' : 'registration', rowKey);
  }

  /** InfoMentor's System rows for approved leave, one per day (`dayIndex` within the leave). */
  systemLeaveRow(createdAt: number, pupilPosition: number, dayIndex: number): number {
    return orderedId(ID_SPACES.attendanceRow, createdAt, ATTENDANCE_SUBKIND.systemLeave * SUBKIND_SHIFT + pupilPosition * 8 + dayIndex);
  }

  leave(slice: Slice, rowKey: string, appliedAt: number, pupilPosition: number, monthIndex: number): PlatformId {
    if (slice.platform === 'schoolsoft' || slice.platform === 'infomentor') return orderedId(ID_SPACES.leaveRow, appliedAt, pupilPosition * 16 + monthIndex);
    return this.guid(slice, 'leaveApplication', rowKey);
  }

  /** An injected record's id: ordered platforms count down from the top of the kind's range. */
  injected(slice: Slice, kind: InjectedIdKind, rowKey: string, createdAt: number, sequence: number): PlatformId {
    if (slice.platform !== 'schoolsoft' && slice.platform !== 'infomentor') {
      const guidKind = { notice: slice.platform === 'ss12000' ? 'absence' : 'notice', registration: slice.platform === 'ss12000' ? 'attendance' : 'registration' }[kind];
      return this.guid(slice, guidKind, rowKey);
    }
    const space = slice.platform === 'infomentor' ? ID_SPACES.attendanceRow : kind === 'notice' ? ID_SPACES.noticeRow : ID_SPACES.lessonRow;
    return orderedId(space, createdAt, injectedPosition(space, sequence));
  }
}

export type InjectedIdKind = 'notice' | 'registration';

export function isOrderedPlatform(platform: PlatformKey): boolean {
  return platform === 'schoolsoft' || platform === 'infomentor';
}
