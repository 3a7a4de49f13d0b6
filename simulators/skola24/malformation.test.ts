import { describe, expect, it } from 'vitest';
import type { Malformation } from '../common/index.js';
import { MALFORMABLE_FIELDS, defectOf, isQuarantinable, malformJsonRecord, malformRegistrationElement } from './malformation.js';
import type { MalformableRecordKind } from './malformation.js';

/** A context whose fault profile always draws `drawn`, and whose pupils have the given civic defect. */
function contextDrawing(drawn: Malformation | null, civicDefect: string | null = null) {
  return {
    faults: { malformationFor: (_id: string | number, fields: readonly string[]) => (drawn && fields.length > 0 ? drawn : null) },
    world: { pupil: () => ({ civic: { defect: civicDefect } }) },
  } as unknown as Parameters<typeof defectOf>[0];
}

const record = { id: 'r-1', pupilKey: 'p:U1:20' };

describe('which defect a record is served with', () => {
  it('keeps a kind on a field that can carry it', () => {
    expect(defectOf(contextDrawing({ kind: 'badDate', field: 'dateTimeFrom' }), 'plannedAbsences', record)).toEqual({ kind: 'badDate', field: 'dateTimeFrom' });
    expect(defectOf(contextDrawing({ kind: 'unknownEnum', field: 'Type' }), 'registrations', record)).toEqual({ kind: 'unknownEnum', field: 'Type' });
  });

  it('moves a kind the drawn field cannot carry to the first field of the record that can', () => {
    expect(defectOf(contextDrawing({ kind: 'badCivicNo', field: 'lastChanged' }), 'students', record)).toEqual({ kind: 'badCivicNo', field: 'personalIdentityNumber' });
    expect(defectOf(contextDrawing({ kind: 'badDate', field: 'AbsenceMinutes' }), 'registrations', record)).toEqual({ kind: 'badDate', field: 'LessonStart' });
    expect(defectOf(contextDrawing({ kind: 'unknownEnum', field: 'LessonStart' }), 'registrations', record)).toEqual({ kind: 'unknownEnum', field: 'Type' });
    expect(defectOf(contextDrawing({ kind: 'wrongType', field: 'Type' }), 'registrations', record)).toEqual({ kind: 'wrongType', field: 'LessonStart' });
  });

  it('leaves a record intact when none of its fields can carry the kind', () => {
    expect(defectOf(contextDrawing({ kind: 'unknownEnum', field: 'lastChanged' }), 'plannedAbsences', record)).toBeNull();
    expect(defectOf(contextDrawing({ kind: 'badCivicNo', field: 'LessonStart' }), 'registrations', record)).toBeNull();
  });

  it('never malforms a record of an X9 pupil, which the world quarantines already', () => {
    expect(defectOf(contextDrawing({ kind: 'missingRequired', field: 'lastChanged' }, 'tenDigit'), 'students', record)).toBeNull();
    expect(defectOf(contextDrawing({ kind: 'missingRequired', field: 'lastChanged' }, 'tenDigit'), 'guardians', { id: 'g', pupilKey: null })).not.toBeNull();
  });

  it('only the listed fields are malformable', () => {
    const all: Record<MalformableRecordKind, readonly string[]> = MALFORMABLE_FIELDS;
    expect(new Set(Object.values(all).flat())).toEqual(
      new Set(['personalIdentityNumber', 'dateTimeFrom', 'lastChanged', 'studentPersonGuid', 'LessonStart', 'AbsenceMinutes', 'Type', 'StudentPersonGuid']),
    );
  });
});

describe('how a defect looks', () => {
  const student = { personGuid: 'g', personalIdentityNumber: '20130512-9825', lastChanged: '2025-08-11T09:00:00.0000000+02:00', isActive: true };

  it('JSON: missing, wrong type, bad check digit, impossible date', () => {
    expect(malformJsonRecord(student, { kind: 'missingRequired', field: 'lastChanged' })).toEqual({ personGuid: 'g', personalIdentityNumber: '20130512-9825', isActive: true });
    expect(malformJsonRecord(student, { kind: 'wrongType', field: 'personalIdentityNumber' }).personalIdentityNumber).toBe(201305129825);
    const bad = malformJsonRecord(student, { kind: 'badCivicNo', field: 'personalIdentityNumber' }).personalIdentityNumber;
    expect(bad).toMatch(/^20130512-982\d$/);
    expect(bad).not.toBe('20130512-9825');
    expect(malformJsonRecord(student, { kind: 'badDate', field: 'lastChanged' }).lastChanged).toBe('2025-02-30T09:00:00.0000000+02:00');
  });

  it('a bad check digit stays bad for a number that was already wrong (X9)', () => {
    const x9 = { ...student, personalIdentityNumber: '20120229-9896' };
    expect(malformJsonRecord(x9, { kind: 'badCivicNo', field: 'personalIdentityNumber' }).personalIdentityNumber).not.toBe('20120229-9895');
  });

  it('XML: missing element, text of the wrong type, impossible date, unknown Type', () => {
    const element = { LessonStart: '2026-03-09T08:20:00', AbsenceMinutes: '60', Type: 'Franvarande', StudentPersonGuid: '6b0d549b-6f03-475a-9600-a35a099950d8' };
    expect('Type' in malformRegistrationElement(element, { kind: 'missingRequired', field: 'Type' })).toBe(false);
    expect(malformRegistrationElement(element, { kind: 'wrongType', field: 'AbsenceMinutes' }).AbsenceMinutes).toBe('tio');
    expect(malformRegistrationElement(element, { kind: 'wrongType', field: 'LessonStart' }).LessonStart).toBe('20260309082000');
    expect(malformRegistrationElement(element, { kind: 'badDate', field: 'LessonStart' }).LessonStart).toBe('2026-02-30T08:20:00');
    expect(malformRegistrationElement(element, { kind: 'unknownEnum', field: 'Type' }).Type).toBe('Distansundervisning');
  });

  it('an unknown code is mapped by the connector, every other kind quarantined', () => {
    expect(isQuarantinable({ kind: 'unknownEnum' })).toBe(false);
    for (const kind of ['missingRequired', 'wrongType', 'badCivicNo', 'badDate'] as const) expect(isQuarantinable({ kind })).toBe(true);
  });
});
