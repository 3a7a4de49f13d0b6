import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exampleSourceOrganisation } from '../../core/model/examples.js';
import type { SourceRecord } from '../../core/model/index.js';
import { parseLocalDate } from './dates.js';
import { PageShapeError } from './errors.js';
import { atField, fieldPath, mapRecords, parsePageShape } from './quarantine.js';

const StudentSchema = z.object({
  personGuid: z.string().uuid(),
  personalIdentityNumber: z.string().regex(/^\d{8}-\d{4}$/),
  studentUnits: z.array(z.object({ unitGuid: z.string(), schoolYear: z.int() })),
  enrolledFrom: z.string(),
});
type Student = z.infer<typeof StudentSchema>;

const GUIDS = ['6b0d549b-6f03-475a-9600-a35a099950d8', '8d116ece-1738-47d9-bd9c-172411e20b8f', 'c9a3a4b3-1111-4e2e-8a8a-000000000001'];

function student(guid: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    personGuid: guid,
    personalIdentityNumber: '20130512-9825',
    studentUnits: [{ unitGuid: 'u1', schoolYear: 6 }],
    enrolledFrom: '2025-08-18',
    ...overrides,
  };
}

function organisation(student: Student): SourceRecord {
  // A known-valid source record per raw record, so the test exercises the helper, not a mapper.
  const example = exampleSourceOrganisation();
  const startDate = atField('enrolledFrom', () => parseLocalDate(student.enrolledFrom));
  return { ...example, source: { ...example.source, sourceId: student.personGuid }, startDate };
}

const options = {
  platform: 'skola24' as const,
  stream: 'persons' as const,
  schema: StudentSchema,
  sourceIdOf: (raw: unknown) => {
    const id = (raw as { personGuid?: unknown }).personGuid;
    return typeof id === 'string' ? id : '';
  },
  map: organisation,
};

describe('fieldPath', () => {
  it('joins keys with dots and indexes with brackets', () => {
    expect(fieldPath(['students', 3, 'personalIdentityNumber'])).toBe('students[3].personalIdentityNumber');
    expect(fieldPath([])).toBe('');
  });
});

describe('mapRecords', () => {
  it('keeps the valid records and names the failing field relative to the record', () => {
    const page = [
      student(GUIDS[0]!),
      student(GUIDS[1]!, { personalIdentityNumber: '201202299896' }),
      student(GUIDS[2]!, { studentUnits: [{ unitGuid: 'u1', schoolYear: 'sex' }] }),
    ];
    const result = mapRecords(page, options);
    expect(result.records).toHaveLength(1);
    expect(result.records[0]?.source.sourceId).toBe(GUIDS[0]);
    expect(result.quarantined).toEqual([
      { platform: 'skola24', stream: 'persons', sourceId: GUIDS[1], field: 'personalIdentityNumber', message: expect.any(String) },
      { platform: 'skola24', stream: 'persons', sourceId: GUIDS[2], field: 'studentUnits[0].schoolYear', message: expect.any(String) },
    ]);
    expect(JSON.stringify(result.quarantined)).not.toContain('201202299896');
  });

  it('quarantines a mapping failure under the field the mapper names', () => {
    const result = mapRecords([student(GUIDS[0]!, { enrolledFrom: '2013-02-30' }), student(GUIDS[1]!)], options);
    expect(result.records).toHaveLength(1);
    expect(result.quarantined).toEqual([
      expect.objectContaining({ sourceId: GUIDS[0], field: 'enrolledFrom', message: expect.stringContaining('calendar date') }),
    ]);
  });

  it('quarantines a mapped record the source-record schema refuses', () => {
    const result = mapRecords([student(GUIDS[0]!)], {
      ...options,
      map: (s) => ({ ...organisation(s), schoolUnitCode: 12 }) as unknown as SourceRecord,
    });
    expect(result.records).toEqual([]);
    expect(result.quarantined[0]).toMatchObject({ sourceId: GUIDS[0], field: 'schoolUnitCode' });
    expect(result.quarantined[0]?.message).toMatch(/^mapped record: /);
  });

  it('lets a mapper bug through instead of hiding it in quarantine', () => {
    expect(() =>
      mapRecords([student(GUIDS[0]!)], {
        ...options,
        map: () => {
          throw new TypeError('bug');
        },
      }),
    ).toThrow(TypeError);
  });

  it('throws PageShapeError for something that is not a list of records', () => {
    expect(() => mapRecords({ students: [] }, options)).toThrow(PageShapeError);
  });
});

describe('parsePageShape', () => {
  it('returns the envelope or names the path that is wrong', () => {
    const Envelope = z.object({ data: z.object({ students: z.array(z.unknown()), hasMorePages: z.boolean() }) });
    expect(parsePageShape(Envelope, { data: { students: [], hasMorePages: false } }, { platform: 'skola24' })).toEqual({
      data: { students: [], hasMorePages: false },
    });
    expect(() => parsePageShape(Envelope, { data: { students: 'x', hasMorePages: false } }, { platform: 'skola24' })).toThrow(
      /data\.students/,
    );
    try {
      parsePageShape(Envelope, { error: 'x' }, { platform: 'skola24', stream: 'persons', route: '/api/get/students' });
    } catch (error) {
      expect(error).toBeInstanceOf(PageShapeError);
      expect((error as PageShapeError).context).toMatchObject({ platform: 'skola24', stream: 'persons', route: '/api/get/students' });
    }
  });
});
