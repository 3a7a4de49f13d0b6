/**
 * Staff, classes and lessons. Every class has a fixed weekly pattern in six slots a day; a lesson
 * occurrence (group, date, slot) is a pure function of its key, and so is when its teacher
 * reports it (0–6 h after the end; 2 % of lessons are never reported).
 */
import { isSchoolDay } from './calendar.js';
import { NAMED_TEACHERS, PINNED_LESSONS, PINNED_REPORTS } from './cast-timetable.js';
import { BoundedCache } from './bounded-cache.js';
import { groupPosition } from './platform-ids.js';
import { FAMILY_NAMES, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES } from './names.js';
import { rngFor } from './prng.js';
import type { WorldSeed } from './prng.js';
import { CLASS_SIZE, X3_COURSE_GROUP, className, classKeyOf } from './roster.js';
import type { Roster } from './roster.js';
import { SPECIALS } from './specials.js';
import { dayNumberOf, isoDateOf, isoWeekday, localToInstant, parseMinuteOfDay } from './stockholm-time.js';
import type { Enrolment, LessonOccurrence, Pupil, Staff } from './types.js';
import { unitByCode } from './units.js';
import type { UnitCode } from './units.js';

export const LESSON_SLOTS: readonly (readonly [string, string])[] = [
  ['08:20', '09:20'],
  ['09:35', '10:35'],
  ['10:50', '11:50'],
  ['12:40', '13:40'],
  ['13:55', '14:55'],
  ['15:10', '16:10'],
];

const STAFF_PER_UNIT = 10;
const UNREPORTED_SHARE = 0.02;
const MAX_REPORT_DELAY_SECONDS = 6 * 3600;

export const SUBJECTS: Readonly<Record<string, string>> = {
  FK: 'Förskoleklass', MA: 'Matematik', SV: 'Svenska', EN: 'Engelska', NO: 'Naturorienterande ämnen',
  SO: 'Samhällsorienterande ämnen', IDH: 'Idrott och hälsa', BL: 'Bild', MU: 'Musik', SL: 'Slöjd', TK: 'Teknik',
  BI: 'Biologi', FY: 'Fysik', KE: 'Kemi', HI: 'Historia', SH: 'Samhällskunskap', GE: 'Geografi', RE: 'Religionskunskap',
  ML: 'Moderna språk', MAT: 'Matematik', SVE: 'Svenska', ENG: 'Engelska', HIS: 'Historia', SAM: 'Samhällskunskap',
  NAK: 'Naturkunskap', IDR: 'Idrott och hälsa', FYS: 'Fysik', KEM: 'Kemi', BIO: 'Biologi', PRR: 'Programmering',
};

function subjectsFor(yearGroup: number): readonly string[] {
  if (yearGroup === 0) return ['FK'];
  if (yearGroup <= 3) return ['MA', 'SV', 'EN', 'NO', 'SO', 'IDH', 'BL', 'MU'];
  if (yearGroup <= 6) return ['MA', 'SV', 'EN', 'NO', 'SO', 'IDH', 'BL', 'MU', 'SL', 'TK'];
  if (yearGroup <= 9) return ['MA', 'SV', 'EN', 'BI', 'FY', 'KE', 'HI', 'SH', 'GE', 'RE', 'IDH', 'ML', 'SL', 'TK'];
  return ['MAT', 'SVE', 'ENG', 'HIS', 'SAM', 'NAK', 'IDR', 'FYS', 'KEM', 'BIO', 'PRR'];
}

/** Slots a group has on a weekday (U4's gymnasium ends at slot 4 so U3's courses fit after). */
function slotCount(unit: UnitCode, yearGroup: number, weekday: number): number {
  if (yearGroup <= 3) return 4;
  if (yearGroup <= 6) return weekday === 5 ? 4 : 5;
  if (yearGroup <= 9) return weekday === 2 || weekday === 4 ? 6 : 5;
  if (unit === 'U4') return 5;
  return weekday === 1 || weekday === 3 ? 6 : 5;
}

export interface ClassGroup {
  readonly key: string;
  readonly unit: UnitCode;
  readonly name: string;
  /** Klass, or Undervisning for U3's course group. */
  readonly groupType: 'Klass' | 'Undervisning';
  readonly yearGroup: number;
  readonly classIndex: number;
}

interface PatternEntry {
  readonly slot: number;
  readonly subjectCode: string;
  readonly teacherIndex: number;
}

export class Timetable {
  private readonly patterns = new BoundedCache<string, readonly PatternEntry[]>(20_000);
  private readonly occurrences = new BoundedCache<string, readonly LessonOccurrence[]>(20_000);
  private readonly staffCache = new Map<UnitCode, readonly Staff[]>();

  constructor(
    private readonly seed: WorldSeed,
    private readonly roster: Roster,
  ) {}

  staff(unit: UnitCode): readonly Staff[] {
    const cached = this.staffCache.get(unit);
    if (cached) return cached;
    const named = NAMED_TEACHERS[unit] ?? [];
    const staff: Staff[] = [];
    for (let index = 0; index < STAFF_PER_UNIT; index++) {
      const rng = rngFor(this.seed, 'staff', `${unit}:${index}`);
      const fixed = named[index];
      const givenName = fixed?.givenName ?? rng.pick(rng.chance(0.6) ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES);
      const familyName = fixed?.familyName ?? rng.pick(FAMILY_NAMES);
      const signature = fixed?.signature ?? `${givenName.slice(0, 1)}${familyName.replaceAll(' ', '').slice(0, 2)}`.toUpperCase();
      staff.push({ key: `s:${unit}:${index}`, unit, givenName, familyName, signature });
    }
    this.staffCache.set(unit, staff);
    return staff;
  }

  /** Every class (and U3's course group) of a unit, in year group and class order. */
  groups(unit: UnitCode): ClassGroup[] {
    const definition = unitByCode(unit);
    const seen = new Map<string, ClassGroup>();
    const add = (yearGroup: number, classIndex: number): void => {
      const key = classKeyOf(unit, yearGroup, classIndex);
      if (!seen.has(key)) seen.set(key, { key, unit, name: className(unit, yearGroup, classIndex), groupType: 'Klass', yearGroup, classIndex });
    };
    const regular = this.roster.regularCount(unit);
    const groupsPerYear = definition.yearGroups.length;
    definition.yearGroups.forEach((yearGroup, position) => {
      const pupils = regular > position ? Math.floor((regular - position - 1) / groupsPerYear) + 1 : 0;
      for (let classIndex = 0; classIndex * CLASS_SIZE < pupils; classIndex++) add(yearGroup, classIndex);
    });
    SPECIALS[unit].forEach((special, index) => {
      if (index < this.roster.unitSize(unit)) add(special.yearGroup, special.classIndex);
    });
    for (const guest of this.roster.guestPupilKeys(unit)) {
      const enrolment = this.roster.pupil(guest).enrolments.find((candidate) => candidate.unit === unit);
      if (enrolment?.classKey) {
        const home = this.roster.skeleton(guest);
        add(home.yearGroup, 0);
      }
    }
    const groups = [...seen.values()].sort((left, right) => left.yearGroup - right.yearGroup || left.classIndex - right.classIndex);
    if (unit === 'U3' && this.roster.guestPupilKeys('U3').length > 0) {
      groups.push({ key: X3_COURSE_GROUP.key, unit, name: X3_COURSE_GROUP.name, groupType: 'Undervisning', yearGroup: 10, classIndex: X3_COURSE_GROUP.classIndex });
    }
    return groups;
  }

  /** Pupils in a group, with the dates they belong to it. */
  members(group: ClassGroup): { pupilKey: string; startDate: string; endDate: string | null }[] {
    const members: { pupilKey: string; startDate: string; endDate: string | null }[] = [];
    const consider = (key: string): void => {
      for (const enrolment of this.roster.pupil(key).enrolments) {
        if (this.groupKeyOf(enrolment) === group.key) members.push({ pupilKey: key, startDate: enrolment.startDate, endDate: enrolment.endDate });
      }
    };
    const definition = unitByCode(group.unit);
    SPECIALS[group.unit].forEach((_special, index) => {
      if (index < this.roster.unitSize(group.unit)) consider(`p:${group.unit}:${index}`);
    });
    const position = definition.yearGroups.indexOf(group.yearGroup);
    if (group.groupType === 'Klass' && position >= 0) {
      const groupsPerYear = definition.yearGroups.length;
      const specials = SPECIALS[group.unit].length;
      const regular = this.roster.regularCount(group.unit);
      for (let cohortIndex = group.classIndex * CLASS_SIZE; cohortIndex < (group.classIndex + 1) * CLASS_SIZE; cohortIndex++) {
        const regularIndex = position + cohortIndex * groupsPerYear;
        if (regularIndex >= regular) break;
        consider(`p:${group.unit}:${specials + regularIndex}`);
      }
    }
    for (const guest of this.roster.guestPupilKeys(group.unit)) consider(guest);
    return members;
  }

  /** The group whose lessons an enrolment attends. */
  groupKeyOf(enrolment: Enrolment): string {
    return enrolment.classKey ?? X3_COURSE_GROUP.key;
  }

  private pattern(groupKey: string, unit: UnitCode, yearGroup: number, weekday: number): readonly PatternEntry[] {
    const cacheKey = `${groupKey}|${weekday}`;
    return this.patterns.getOrCompute(cacheKey, () => {
      if (groupKey === X3_COURSE_GROUP.key) return weekday === 2 || weekday === 4 ? [{ slot: 5, subjectCode: 'MAT', teacherIndex: 2 }] : [];
      const subjects = subjectsFor(yearGroup);
      const entries: PatternEntry[] = [];
      for (let slot = 0; slot < slotCount(unit, yearGroup, weekday); slot++) {
        const pinned = PINNED_LESSONS.find((lesson) => lesson.groupKey === groupKey && lesson.weekday === weekday && lesson.slot === slot);
        const subjectCode = pinned?.subjectCode ?? rngFor(this.seed, 'timetable', `${cacheKey}|${slot}`).pick(subjects);
        const teacherIndex = pinned?.teacherIndex ?? rngFor(this.seed, 'teacher', `${groupKey}|${subjectCode}`).int(0, STAFF_PER_UNIT - 1);
        entries.push({ slot, subjectCode, teacherIndex });
      }
      return entries;
    });
  }

  /** Lesson occurrences of a group on a day (none outside school days). */
  lessonsOfGroup(group: Pick<ClassGroup, 'key' | 'unit' | 'yearGroup' | 'classIndex'>, day: number): readonly LessonOccurrence[] {
    if (!isSchoolDay(day)) return [];
    const { key: groupKey, unit, yearGroup } = group;
    const cacheKey = `${groupKey}|${day}`;
    return this.occurrences.getOrCompute(cacheKey, () => {
      const weekday = isoWeekday(day);
      const date = isoDateOf(day);
      const staff = this.staff(unit);
      const groupName = groupKey.slice(groupKey.indexOf(':') + 1);
      return this.pattern(groupKey, unit, yearGroup, weekday).map((entry) => {
        const [from, to] = LESSON_SLOTS[entry.slot] ?? ['08:00', '09:00'];
        const start = localToInstant(day, parseMinuteOfDay(from));
        const end = localToInstant(day, parseMinuteOfDay(to));
        const key = `${groupKey}|${date}|${entry.slot}`;
        const teacher = staff[entry.teacherIndex] ?? staff[0];
        return {
          key,
          recurringKey: `${groupKey}|${weekday}|${entry.slot}`,
          groupKey,
          groupName,
          groupPosition: groupPosition(unit, yearGroup, group.classIndex),
          unit,
          day,
          slot: entry.slot,
          weekday,
          start,
          end,
          minutes: Math.round((end - start) / 60_000),
          subjectCode: entry.subjectCode,
          subjectName: SUBJECTS[entry.subjectCode] ?? entry.subjectCode,
          teacherKey: teacher?.key ?? `s:${unit}:0`,
          teacherSignature: teacher?.signature ?? 'XXX',
          reportedAt: this.reportTime(key, end),
        };
      });
    });
  }

  private reportTime(occurrenceKey: string, end: number): number | null {
    const pinned = PINNED_REPORTS[occurrenceKey];
    if (pinned) return Date.parse(pinned);
    const rng = rngFor(this.seed, 'lessonReport', occurrenceKey);
    if (rng.chance(UNREPORTED_SHARE)) return null;
    return end + rng.int(0, MAX_REPORT_DELAY_SECONDS) * 1000;
  }

  /** Every lesson the pupil attends on a day, across units, by start time. */
  lessonsOfPupil(pupil: Pupil, day: number): LessonOccurrence[] {
    const lessons: LessonOccurrence[] = [];
    for (const enrolment of pupil.enrolments) {
      if (dayNumberOf(enrolment.startDate) > day || (enrolment.endDate !== null && dayNumberOf(enrolment.endDate) < day)) continue;
      lessons.push(...this.lessonsOfGroup({ key: this.groupKeyOf(enrolment), unit: enrolment.unit, yearGroup: enrolment.yearGroup, classIndex: enrolment.classIndex }, day));
    }
    return lessons.sort((left, right) => left.start - right.start || left.key.localeCompare(right.key));
  }

  /** Lessons of every group of a unit on a day. */
  lessonsOfUnit(unit: UnitCode, day: number): LessonOccurrence[] {
    return this.groups(unit).flatMap((group) => this.lessonsOfGroup(group, day));
  }
}
