import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AbsenceRecordSchema, SourceAbsenceRecordSchema } from './absence.js';
import {
  exampleNotice,
  exampleRegistration,
  exampleSourceNotice,
  exampleSourceRegistration,
  exampleSourceRef,
} from './examples.js';

/** Paths of the issues a parse raised, as `a.b` strings. */
function issuePaths(result: z.ZodSafeParseResult<unknown>): string[] {
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

/**
 * Every invariant runs against both forms: the canonical record (lesson link `calendarEventId`)
 * and the source record (lesson link `calendarEventRef`).
 */
const forms = [
  {
    form: 'canonical',
    schema: AbsenceRecordSchema,
    notice: exampleNotice,
    registration: exampleRegistration,
    withoutLessonLink: { calendarEventId: null },
  },
  {
    form: 'source',
    schema: SourceAbsenceRecordSchema,
    notice: exampleSourceNotice,
    registration: exampleSourceRegistration,
    withoutLessonLink: { calendarEventRef: null },
  },
] as const;

describe.each(forms)('AbsenceRecord invariants ($form form)', ({ schema, notice, registration, withoutLessonLink }) => {
  const parseNotice = (patch: object) => schema.safeParse({ ...notice(), ...patch });
  const parseRegistration = (patch: object) => schema.safeParse({ ...registration(), ...patch });

  it('accepts the examples', () => {
    expect(issuePaths(parseNotice({}))).toEqual([]);
    expect(issuePaths(parseRegistration({}))).toEqual([]);
  });

  describe('validity follows the category', () => {
    it.each([
      ['valid', 'invalid'],
      ['valid', 'undetermined'],
      ['invalid', 'valid'],
      ['invalid', 'undetermined'],
    ])('rejects a %s registration with validity %s', (category, validity) => {
      expect(issuePaths(parseRegistration({ category, validity }))).toEqual(['validity']);
    });

    it.each(['invalid', 'undetermined'])('rejects a leave notice with validity %s', (validity) => {
      expect(issuePaths(parseNotice({ category: 'leave', validity }))).toEqual(['validity']);
    });

    it('rejects a reported notice marked invalid, with a message naming the field', () => {
      const result = parseNotice({ validity: 'invalid' });
      expect(issuePaths(result)).toEqual(['validity']);
      expect(result.error?.issues[0]?.message).toBe('validity must be undetermined or valid when category is reported');
    });

    it('accepts a reported notice the platform marks valid, and a leave notice that is valid', () => {
      expect(issuePaths(parseNotice({ validity: 'valid' }))).toEqual([]);
      expect(issuePaths(parseNotice({ category: 'leave', validity: 'valid' }))).toEqual([]);
    });

    it.each(['lateArrival', 'earlyDeparture', 'otherSchoolActivity', 'unspecified'])(
      'lets a %s registration carry any validity',
      (category) => {
        for (const validity of ['valid', 'invalid', 'undetermined']) {
          expect(issuePaths(parseRegistration({ category, validity }))).toEqual([]);
        }
      },
    );
  });

  describe('notices are exactly the reported and leave records', () => {
    it.each(['valid', 'invalid', 'lateArrival', 'unspecified'])('rejects a notice with category %s', (category) => {
      const result = parseNotice({ category, validity: category === 'invalid' ? 'invalid' : 'valid' });
      expect(issuePaths(result)).toEqual(['category']);
    });

    it.each(['reported', 'leave'])('rejects a registration with category %s', (category) => {
      expect(issuePaths(parseRegistration({ category, validity: 'valid' }))).toEqual(['category']);
    });
  });

  describe('notices have a period', () => {
    it.each(['startTime', 'endTime'])('rejects a notice without %s', (field) => {
      expect(issuePaths(parseNotice({ [field]: null }))).toEqual([field]);
      const { [field as 'startTime']: _omitted, ...rest } = notice();
      expect(issuePaths(schema.safeParse(rest))).toEqual([field]);
    });

    it('rejects a period that ends before or when it starts, comparing instants', () => {
      expect(issuePaths(parseNotice({ endTime: '2026-03-09T07:00:00+01:00' }))).toEqual(['endTime']);
      // 08:00+01:00 is 07:00Z: the same instant, so an empty period.
      expect(issuePaths(parseNotice({ endTime: '2026-03-09T07:00:00Z' }))).toEqual(['endTime']);
      expect(issuePaths(parseNotice({ endTime: '2026-03-09T07:00:01Z' }))).toEqual([]);
    });

    it('checks the order on registrations too', () => {
      const reversed = { startTime: '2026-03-09T09:20:00+01:00', endTime: '2026-03-09T08:20:00+01:00' };
      expect(issuePaths(parseRegistration(reversed))).toEqual(['endTime']);
    });
  });

  describe('minute-based registrations have absenceMinutes', () => {
    it('rejects a lesson registration (linked to a calendar event) without minutes', () => {
      expect(issuePaths(parseRegistration({ absenceMinutes: null }))).toEqual(['absenceMinutes']);
    });

    it('rejects a lesson registration described by a lesson snapshot without minutes', () => {
      const snapshot = {
        ...withoutLessonLink,
        absenceMinutes: null,
        startTime: '2026-03-09T08:20:00+01:00',
        endTime: '2026-03-09T09:20:00+01:00',
        lesson: { sourceLessonId: 'L1', subjectName: 'Matematik', startTime: '2026-03-09T08:20:00+01:00' },
      };
      expect(issuePaths(parseRegistration(snapshot))).toEqual(['absenceMinutes']);
    });

    it.each(['lateArrival', 'earlyDeparture'])('rejects a %s without minutes even with a period', (category) => {
      const patch = {
        ...withoutLessonLink,
        category,
        validity: 'invalid',
        absenceMinutes: null,
        startTime: '2026-03-09T08:20:00+01:00',
        endTime: '2026-03-09T09:20:00+01:00',
      };
      expect(issuePaths(parseRegistration(patch))).toEqual(['absenceMinutes']);
    });

    it('rejects a registration with neither allDay, a period nor minutes', () => {
      expect(issuePaths(parseRegistration({ ...withoutLessonLink, absenceMinutes: null }))).toEqual(['absenceMinutes']);
    });

    it('accepts a whole-day registration without minutes', () => {
      expect(issuePaths(parseRegistration({ ...withoutLessonLink, absenceMinutes: null, allDay: true }))).toEqual([]);
    });

    it('accepts a half-day registration measured by its period', () => {
      const morning = {
        ...withoutLessonLink,
        absenceMinutes: null,
        allDay: false,
        startTime: '2026-03-09T00:00:00+01:00',
        endTime: '2026-03-09T12:00:00+01:00',
      };
      expect(issuePaths(parseRegistration(morning))).toEqual([]);
    });

    it('does not ask notices for minutes', () => {
      expect(issuePaths(parseNotice({ absenceMinutes: null }))).toEqual([]);
    });
  });

  it('rejects negative or fractional minutes', () => {
    expect(issuePaths(parseRegistration({ absenceMinutes: -5 }))).toEqual(['absenceMinutes']);
    expect(issuePaths(parseRegistration({ scheduledMinutes: 12.5 }))).toEqual(['scheduledMinutes']);
  });

  it('requires instants with an offset and dates as YYYY-MM-DD', () => {
    expect(issuePaths(parseNotice({ startTime: '2026-03-09T08:00:00' }))).toEqual(['startTime']);
    expect(issuePaths(parseNotice({ reportedAt: '2026-03-09 06:31' }))).toEqual(['reportedAt']);
    expect(issuePaths(parseNotice({ date: '2026-02-30' }))).toEqual(['date']);
    expect(issuePaths(parseNotice({ date: '9/3/2026' }))).toEqual(['date']);
  });

  it('reports several broken invariants at once', () => {
    const paths = issuePaths(parseNotice({ category: 'invalid', validity: 'valid', startTime: null }));
    expect(paths.sort()).toEqual(['category', 'startTime', 'validity']);
  });

  it('requires the source and the raw category code', () => {
    expect(issuePaths(parseNotice({ sourceCategoryCode: '' }))).toEqual(['sourceCategoryCode']);
    expect(issuePaths(parseNotice({ source: { ...exampleSourceRef('Absence', 'x'), sourceId: '' } }))).toEqual([
      'source.sourceId',
    ]);
  });
});

describe('AbsenceRecord forms', () => {
  it('lets only the source form leave the date to the pipeline', () => {
    expect(SourceAbsenceRecordSchema.safeParse({ ...exampleSourceNotice(), date: null }).success).toBe(true);
    expect(issuePaths(AbsenceRecordSchema.safeParse({ ...exampleNotice(), date: null }))).toEqual(['date']);
  });

  it('keeps source in the canonical form: an absence record is always one platform\'s fact', () => {
    const { source: _source, ...withoutSource } = exampleNotice();
    expect(issuePaths(AbsenceRecordSchema.safeParse(withoutSource))).toEqual(['source']);
  });
});
