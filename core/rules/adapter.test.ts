import { describe, expect, it } from 'vitest';
import { EXAMPLE_IDS, examplePerson, exampleNotice, exampleRegistration } from '../model/examples.js';
import type { AbsenceRecord, Person } from '../model/index.js';
import type { AdapterContext } from './adapter.js';
import { engineClassOf, toRecordVersion, toStudent, withSeconds } from './adapter.js';
import { RuleEngine } from './engine.js';
import { parseScenario } from './format/parse-scenario.js';
import { FIVE_LESSONS, TESTCAL } from './testing.js';

const STUDENT = '201401229834';

const context = (overrides: Partial<AdapterContext> = {}): AdapterContext => ({
  subjectOf: () => STUDENT,
  schoolUnitCodeOf: (id) => (id === EXAMPLE_IDS.school ? '99010005' : undefined),
  lessonIdOf: (record) => (record.calendarEventId === EXAMPLE_IDS.calendarEvent ? 'P1' : undefined),
  hasTimetable: true,
  ...overrides,
});

/** A registration of Leo's first lesson on 9 March 2026, with category and validity as given. */
function registration(category: AbsenceRecord['category'], validity: AbsenceRecord['validity'], changes: Partial<AbsenceRecord> = {}): AbsenceRecord {
  return { ...exampleRegistration(), category, validity, reasonText: null, ...changes };
}

describe('engineClassOf (§2.12 table)', () => {
  it('maps every canonical category and validity', () => {
    const cases: [AbsenceRecord['recordKind'], AbsenceRecord['category'], AbsenceRecord['validity'], string | null][] = [
      ['registration', 'valid', 'valid', 'valid/school'],
      ['registration', 'leave', 'valid', 'valid/school'],
      ['notice', 'leave', 'valid', 'valid/school'],
      ['registration', 'lateArrival', 'valid', 'valid/school'],
      ['registration', 'earlyDeparture', 'valid', 'valid/school'],
      ['registration', 'invalid', 'invalid', 'invalid/school'],
      ['registration', 'earlyDeparture', 'invalid', 'invalid/school'],
      ['registration', 'lateArrival', 'invalid', 'late/school'],
      ['registration', 'lateArrival', 'undetermined', 'late/school'],
      ['notice', 'reported', 'undetermined', 'reported/reporter'],
      ['registration', 'unspecified', 'undetermined', null],
      ['registration', 'otherSchoolActivity', 'valid', null],
      ['registration', 'earlyDeparture', 'undetermined', null],
    ];
    for (const [recordKind, category, validity, expected] of cases) {
      const result = engineClassOf({ recordKind, category, validity });
      expect(result ? `${result.category}/${result.authority}` : null, `${recordKind} ${category} ${validity}`).toBe(expected);
    }
  });
});

describe('toRecordVersion', () => {
  it('turns a guardian notice into a reporter record over its period', () => {
    const adapted = toRecordVersion({ record: exampleNotice(), version: 1, syncedOn: '2026-03-09' }, context());
    expect(adapted).toEqual({
      ok: true,
      record: {
        id: `ss12000:${EXAMPLE_IDS.notice}`,
        platform: 'ss12000',
        sourceRecordId: EXAMPLE_IDS.notice,
        version: 1,
        updatedAt: '2026-03-09T06:31:12+01:00',
        syncedOn: '2026-03-09',
        subject: STUDENT,
        schoolUnit: '99010005',
        start: '2026-03-09T08:00:00+01:00',
        end: '2026-03-09T16:00:00+01:00',
        category: 'reported',
        authority: 'reporter',
        reportedAt: '2026-03-09T06:31:12+01:00',
        decision: false,
        activity: 'lesson',
      },
    });
  });

  it('names the lesson of a registration, with its minutes, and marks rejections and fritidshem', () => {
    const invalid = registration('invalid', 'invalid', { absenceMinutes: 40, schoolType: 'FTH' });
    const adapted = toRecordVersion({ record: invalid, version: 2, syncedOn: '2026-03-10' }, context({ isRejection: () => true }));
    expect(adapted.ok && adapted.record).toMatchObject({
      date: '2026-03-09',
      lessons: ['P1'],
      minutes: 40,
      category: 'invalid',
      authority: 'school',
      decision: true,
      activity: 'fritidshem',
      version: 2,
    });
  });

  it('uses day records without a timetable', () => {
    const late = registration('lateArrival', 'invalid', { absenceMinutes: 7 });
    const adapted = toRecordVersion({ record: late, version: 1, syncedOn: '2026-03-09' }, context({ hasTimetable: false }));
    expect(adapted.ok && adapted.record).toMatchObject({ date: '2026-03-09', minutes: 7, category: 'late' });
    const allDay = toRecordVersion({ record: registration('valid', 'valid', { allDay: true, absenceMinutes: null }), version: 1, syncedOn: '2026-03-09' }, context({ hasTimetable: false }));
    expect(allDay.ok && allDay.record).toMatchObject({ date: '2026-03-09', fullDay: true });
  });

  it('skips what the rules do not count or cannot place', () => {
    const skip = (record: AbsenceRecord, overrides: Partial<AdapterContext> = {}) => toRecordVersion({ record, version: 1, syncedOn: '2026-03-09' }, context(overrides));
    expect(skip(registration('unspecified', 'undetermined')).ok).toBe(false);
    expect(skip(registration('invalid', 'invalid', { organisationId: null })).ok).toBe(false);
    expect(skip(registration('invalid', 'invalid'), { subjectOf: () => undefined }).ok).toBe(false);
    expect(skip(registration('lateArrival', 'invalid', { calendarEventId: null })).ok).toBe(false);
  });

  it('adds seconds to instants written without them', () => {
    expect(withSeconds('2026-03-09T08:00+01:00')).toBe('2026-03-09T08:00:00+01:00');
    expect(withSeconds('2026-03-09T08:00Z')).toBe('2026-03-09T08:00:00Z');
    expect(withSeconds('2026-03-09T08:00:30+01:00')).toBe('2026-03-09T08:00:30+01:00');
  });
});

describe('toStudent', () => {
  const guardian = (value: string | null, marking: Person['securityMarking'] = 'Ingen'): Person => ({
    ...examplePerson(),
    id: EXAMPLE_IDS.per,
    civicNo: value ? { value, nationality: 'SE' } : null,
    securityMarking: marking,
    protectedIdentity: marking !== 'Ingen' && marking !== null,
  });

  it('builds the engine student from the Person, enrolments and guardians', () => {
    const student = toStudent({
      person: { ...examplePerson(), securityMarking: 'Skyddad folkbokföring', protectedIdentity: true },
      schoolTypes: ['GR'],
      enrolments: [{ schoolUnit: '99010005', primary: true }],
      homeMunicipality: '9901',
      guardians: [
        { person: guardian('198001139297'), receivesNotices: true, channels: ['sms'] },
        { person: guardian(null), receivesNotices: true, channels: ['email'] },
      ],
      identityLinks: [],
    });
    expect(student).toEqual({
      subject: STUDENT,
      birthDate: '2014-01-22',
      protection: 'skyddadFolkbokforing',
      schoolType: 'GR',
      homeMunicipality: '9901',
      enrolments: [{ schoolUnit: '99010005', primary: true }],
      guardians: [{ subject: '198001139297', protection: 'none', receivesNotices: true, channels: ['sms'] }],
      identityLinks: [],
    });
  });

  it('counts anpassad gymnasieskola as gymnasium, and needs a civic number and an enrolment', () => {
    const base = { person: examplePerson(), enrolments: [{ schoolUnit: '99010005', primary: false }], homeMunicipality: '9901', guardians: [], identityLinks: [] };
    expect(toStudent({ ...base, schoolTypes: ['GYS'] })?.schoolType).toBe('GY');
    expect(toStudent({ ...base, schoolTypes: ['GYS'], person: { ...examplePerson(), civicNo: null } })).toBeNull();
    expect(toStudent({ ...base, schoolTypes: ['GY'], enrolments: [] })).toBeNull();
    expect(toStudent({ ...base, schoolTypes: ['GR'], person: { ...examplePerson(), birthDate: null } })?.birthDate).toBe('2014-01-22');
  });
});

describe('adapter output', () => {
  it('is valid scenario input the engine evaluates', () => {
    const student = toStudent({
      person: examplePerson(),
      schoolTypes: ['GR'],
      enrolments: [{ schoolUnit: '99010005', primary: true }],
      homeMunicipality: '0180',
      guardians: [{ person: { ...examplePerson(), civicNo: { value: '198001139297', nationality: 'SE' } }, receivesNotices: true, channels: ['sms'] }],
      identityLinks: [],
    });
    const versions = [
      { record: exampleNotice(), version: 1, syncedOn: '2026-03-09' },
      { record: registration('invalid', 'invalid', { id: EXAMPLE_IDS.registration, absenceMinutes: 60, source: { ...exampleRegistration().source, sourceId: 'reg-1' } }), version: 1, syncedOn: '2026-03-09' },
    ].map((version) => toRecordVersion(version, context()));
    const records = versions.flatMap((adapted) => (adapted.ok ? [adapted.record] : []));
    const calendar = { ...TESTCAL, schoolYears: [TESTCAL.schoolYears[0]!] };
    const evaluate = (withRecords: typeof records) => {
      const parsed = parseScenario({
        format: 'skolbrygga.rule-scenario/v1',
        pack: 'skollagen',
        calendar,
        schoolUnits: { '99010005': { huvudmanMunicipality: '0180' } },
        timetable: { weekly: [{ schoolUnit: '99010005', weekdays: [1, 2, 3, 4, 5], lessons: FIVE_LESSONS }], extra: [] },
        students: [student],
        records: withRecords,
        runs: ['2026-03-09'],
      });
      if (!parsed.ok) throw new Error(parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
      return new RuleEngine(parsed.prepared).evaluate('2026-03-09', ['skollagen']);
    };
    expect(records).toHaveLength(2);
    expect(evaluate(records.slice(1)).map((event) => event.id)).toEqual([`skollagen:notify.invalid_absence:${STUDENT}:2026-03-09`]);
    // The guardian's notice (06:31, before the lesson) makes the invalid registration "reported": no notice to send.
    expect(evaluate(records)).toEqual([]);
  });
});
