/**
 * The lessons and teachers the platform files' examples show (Saga's Monday in Skola24, Elias's
 * in SchoolSoft, Lukas's in InfoMentor, Leo's in SS 12000), pinned so the examples come true.
 */
import type { UnitCode } from './units.js';

export interface NamedTeacher {
  readonly givenName: string;
  readonly familyName: string;
  readonly signature: string;
}

const LENA_HOLM: NamedTeacher = { givenName: 'Lena', familyName: 'Holm', signature: 'LHO' };
const ANNA_BJORK: NamedTeacher = { givenName: 'Anna', familyName: 'Björk', signature: 'ABJ' };

/** The first teachers of a unit's staff list. */
export const NAMED_TEACHERS: Partial<Record<UnitCode, readonly NamedTeacher[]>> = {
  U1: [LENA_HOLM, ANNA_BJORK],
  U2: [LENA_HOLM],
  U4: [LENA_HOLM, ANNA_BJORK],
};

export interface PinnedLesson {
  readonly groupKey: string;
  readonly weekday: number;
  readonly slot: number;
  readonly subjectCode: string;
  readonly teacherIndex: number;
}

export const PINNED_LESSONS: readonly PinnedLesson[] = [
  { groupKey: 'U1:6B', weekday: 1, slot: 0, subjectCode: 'MA', teacherIndex: 0 },
  { groupKey: 'U1:6B', weekday: 1, slot: 3, subjectCode: 'SV', teacherIndex: 1 },
  { groupKey: 'U4:8A', weekday: 1, slot: 0, subjectCode: 'MA', teacherIndex: 0 },
  { groupKey: 'U4:8A', weekday: 1, slot: 1, subjectCode: 'SV', teacherIndex: 1 },
  { groupKey: 'U2:7C', weekday: 1, slot: 0, subjectCode: 'MA', teacherIndex: 0 },
  { groupKey: 'U5:5A', weekday: 1, slot: 0, subjectCode: 'MA', teacherIndex: 0 },
];

/** Report times the examples print, by lesson occurrence key. */
export const PINNED_REPORTS: Readonly<Record<string, string>> = {
  'U1:6B|2026-03-09|0': '2026-03-09T09:24:51+01:00',
  'U1:6B|2026-03-09|3': '2026-03-09T13:52:10+01:00',
  'U4:8A|2026-03-09|0': '2026-03-09T08:31:07+01:00',
  'U4:8A|2026-03-09|1': '2026-03-09T10:41:55+01:00',
  'U2:7C|2026-03-09|0': '2026-03-09T08:31:07+01:00',
  'U5:5A|2026-03-09|0': '2026-03-09T09:24:00+01:00',
};
