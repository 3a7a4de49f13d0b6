/**
 * Every scenario of platforms README §3.2 at `tiny` (120) and at the default size (1,500), and the
 * example cast of §3.3 with its exact civic numbers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalAbsences } from './canonical.js';
import { shownRelations } from './codes.js';
import { computeEpisodes } from './episodes.js';
import { SPECIALS, X12_DATES } from './specials.js';
import { all, at, guardianData, leaveData, noticeData, pupilData, registrationData, slice } from './test-helpers.js';
import type { GroundTruth } from './ground-truth.js';
import { allSlices, sliceKey, sliceUnits } from './units.js';
import type { Slice } from './units.js';
import { startOfLocalDay } from './stockholm-time.js';
import { createWorld } from './world.js';
import type { World } from './world.js';

const MONDAY = { fromDate: '2026-03-09', toDate: '2026-03-09' };
const registrationSlices = allSlices().filter((candidate) => sliceUnits(candidate, 'registrations').length > 0);

describe.each([120, 1500])('scenarios with %i students', (students) => {
  let world: World;
  /** The same world with its clock at the end of the school year. */
  let yearEnd: World;
  const truths = new Map<string, GroundTruth>();
  const truthOf = (candidate: Slice): GroundTruth => {
    let truth = truths.get(sliceKey(candidate));
    if (!truth) {
      truth = world.groundTruth(candidate);
      truths.set(sliceKey(candidate), truth);
    }
    return truth;
  };
  beforeAll(() => {
    world = createWorld({ seed: 'scenarios', students });
    yearEnd = createWorld({ seed: 'scenarios', students, now: '2026-06-30T12:00:00+02:00' });
  });

  it('has the example cast with exact names, civic numbers, classes and families', () => {
    const cast: [string, string, string, string | null][] = [
      ['p:U1:0', 'Saga Lind', '201305129825', '6B'],
      ['p:U4:0', 'Elias Lind', '201109039816', '8A'],
      ['p:U3:0', 'Wilma Ek', '200803159847', 'NA2A'],
      ['p:U4:1', 'Noah Holm', '200909219875', 'ES1A'],
      ['p:U2:0', 'Lukas Becker', '201211679855', '7C'],
      ['p:U2:1', 'Alva Nyström', '201106189887', '8B'],
      ['p:U5:0', 'Leo Sund', '201401229834', '5A'],
      ['p:U2:2', 'Ture Ahlgren', '201202299896', '7A'],
    ];
    for (const [key, name, civicNo, className] of cast) {
      const pupil = world.pupil(key);
      expect(`${pupil.givenName} ${pupil.familyName}`).toBe(name);
      expect(pupil.civic.initial).toBe(civicNo);
      expect(pupil.enrolments[0]?.className).toBe(className);
    }
    const names = (key: string): string[] => world.guardiansOf(key).map((guardian) => `${guardian.givenName} ${guardian.familyName} ${guardian.civic.initial}`);
    expect(names('p:U1:0')).toEqual(['Karin Berg 198202149863', 'Johan Lind 198007309936']);
    expect(names('p:U4:0')).toEqual(names('p:U1:0'));
    expect(names('p:U3:0')[0]).toBe('Maja Ek 197904049801');
    expect(names('p:U2:0')[0]).toBe('Anna Becker 198403729844');
    expect(names('p:U5:0')[0]).toBe('Per Sund 197709059914');
    expect(world.pupil('p:U2:0').civic.initialType).toBe('samordningsnummer');
    expect(world.guardian('g:f:becker:0').civic.initialType).toBe('samordningsnummer');
    expect(world.pupil('p:U2:1').securityMarking).toBe('Skyddad folkbokföring');
    expect(world.pupil('p:U2:2').civic.defect).toBe('badCheckDigit');
    expect(pupilData(world.pupilRecord(slice('skola24'), 'p:U1:0')).civicNo).toBe('201305129825');
  });

  it('X1: a notice in one platform, its copy and the registrations in another, one fact', () => {
    const filed = all(world.query(slice('skolplattformen'), 'notices', MONDAY)).find((record) => record.pupilKey === 'p:U1:0');
    const copy = all(world.query(slice('skola24'), 'notices', MONDAY)).find((record) => record.pupilKey === 'p:U1:0');
    const registrations = all(world.query(slice('skola24'), 'registrations', MONDAY)).filter((record) => record.pupilKey === 'p:U1:0');
    expect(filed && noticeData(filed)).toMatchObject({ origin: 'filed', channel: 'SMS', smsText: '130512-9825 0800-1200', createdAt: at('2026-03-09T06:52:40+01:00') });
    expect(copy && noticeData(copy)).toMatchObject({ origin: 'forwarded', reporterRole: 'system', createdAt: at('2026-03-09T06:54:02+01:00') });
    expect(copy?.id).not.toBe(filed?.id);
    const matematik = registrations.map(registrationData).find((row) => row.lesson?.slot === 0);
    expect(matematik).toMatchObject({ type: 'absent', validity: 'valid', minutes: 60, noticeId: copy?.id, reportedAt: at('2026-03-09T09:24:51+01:00') });
    expect(matematik?.lesson).toMatchObject({ subjectCode: 'MA', teacherSignature: 'LHO', start: at('2026-03-09T08:20:00+01:00') });
    expect(registrations.map(registrationData).find((row) => row.lesson?.slot === 3)).toMatchObject({ type: 'late', validity: 'invalid', minutes: 10, comment: 'Missade bussen & kom 12:50' });

    const records = [filed, copy, ...registrations].flatMap((record) => (record ? canonicalAbsences(record === filed ? 'skolplattformen' : 'skola24', record, world.now()) : []));
    const episodes = computeEpisodes(records);
    expect(episodes).toHaveLength(2);
    expect(episodes[0]?.platformRecordIds).toEqual(expect.arrayContaining([String(filed?.id), String(copy?.id), String(registrations.find((record) => registrationData(record).lesson?.slot === 0)?.id)]));

    const leoNotice = all(world.query(slice('infomentor'), 'notices', MONDAY)).find((record) => record.pupilKey === 'p:U5:0');
    const mirror = all(world.query(slice('ss12000'), 'notices', MONDAY)).find((record) => record.pupilKey === 'p:U5:0');
    const attendance = all(world.query(slice('ss12000'), 'registrations', MONDAY)).filter((record) => record.pupilKey === 'p:U5:0').map(registrationData);
    expect(leoNotice && noticeData(leoNotice).allDay).toBe(true);
    expect(mirror && noticeData(mirror)).toMatchObject({ origin: 'mirrored', allDay: false, start: at('2026-03-09T08:00:00+01:00'), end: at('2026-03-09T16:00:00+01:00'), createdAt: at('2026-03-09T06:31:12+01:00') });
    expect(attendance.find((row) => row.lesson?.slot === 0)).toMatchObject({ buckets: { valid: 60, invalid: 0, other: 0, attendance: 0 }, reportedAt: at('2026-03-09T09:24:00+01:00') });
  });

  it('X2: every pupil of U1–U5 is an SS 12000 person; U1 pupils are in Skolplattformen and Skola24', () => {
    for (const pupilKey of world.pupilKeys('sjostad')) {
      expect(world.pupilRecord(slice('ss12000'), pupilKey), pupilKey).not.toBeNull();
      if (pupilKey.startsWith('p:U1:')) {
        expect(world.pupilRecord(slice('skolplattformen'), pupilKey)).not.toBeNull();
        expect(world.pupilRecord(slice('skola24'), pupilKey)).not.toBeNull();
      }
    }
  });

  it('X3: two gymnasium pupils at U4 and U3 at once, with absence at both on one day', () => {
    for (const [pupilKey, date] of [['p:U4:1', '2026-02-03'], ['p:U4:2', '2025-11-11']] as const) {
      expect(pupilData(world.pupilRecord(slice('schoolsoft'), pupilKey)).enrolments.map((enrolment) => enrolment.unit)).toEqual(['U4']);
      expect(pupilData(world.pupilRecord(slice('skola24'), pupilKey)).enrolments.map((enrolment) => enrolment.unit)).toEqual(['U3']);
      expect(pupilData(world.pupilRecord(slice('ss12000'), pupilKey)).enrolments.map((enrolment) => enrolment.unit)).toEqual(['U4', 'U3']);
      const day = { fromDate: date, toDate: date };
      expect(all(world.query(slice('schoolsoft'), 'registrations', day)).some((record) => record.pupilKey === pupilKey)).toBe(true);
      expect(all(world.query(slice('skola24'), 'registrations', { ...day, units: 'U3' })).some((record) => record.pupilKey === pupilKey)).toBe(true);
      expect(all(world.query(slice('schoolsoft'), 'notices', day)).some((record) => record.pupilKey === pupilKey)).toBe(true);
      expect(all(world.query(slice('skola24'), 'notices', day)).some((record) => record.pupilKey === pupilKey)).toBe(true);
    }
  });

  it('X4: a pupil leaves U2 on 2026-01-16 and starts at U4 on 2026-01-19 under a new id', () => {
    const transfer = 'p:U2:7';
    expect(pupilData(world.pupilRecord(slice('infomentor'), transfer)).enrolments[0]).toMatchObject({ unit: 'U2', endDate: '2026-01-16' });
    expect(world.pupilRecord(slice('schoolsoft'), transfer, at('2026-01-19T06:29:00+01:00'))).toBeNull();
    const atU4 = world.pupilRecord(slice('schoolsoft'), transfer);
    expect(atU4?.createdAt).toBe(at('2026-01-19T06:30:00+01:00'));
    expect(Number(atU4?.id)).toBeGreaterThan(Number(world.ids.pupil(slice('schoolsoft'), 'p:U4:0')));
    expect(world.lessonsOfPupil(transfer, '2026-01-16').every((lesson) => lesson.unit === 'U2')).toBe(true);
    expect(world.lessonsOfPupil(transfer, '2026-01-19').every((lesson) => lesson.unit === 'U4')).toBe(true);
    expect(world.lessonsOfPupil(transfer, '2026-01-19').length).toBeGreaterThan(0);
  });

  it('X5: guardians of several children, across platforms and municipalities', () => {
    for (const municipality of ['sjostad', 'abro'] as const) {
      const counts = new Map<string, number>();
      for (const relation of world.municipalityGroundTruth(municipality).guardianRelations) counts.set(relation.guardianKey, (counts.get(relation.guardianKey) ?? 0) + 1);
      const several = [...counts.values()].filter((count) => count >= 2 && count <= 3).length;
      expect(several / counts.size, municipality).toBeGreaterThanOrEqual(0.1);
    }
    // Karin has Saga in Skola24 and Elias in SchoolSoft.
    expect(guardianData(world.guardianRecord(slice('skola24'), 'g:f:lind:0')).children.map((child) => child.pupilKey)).toEqual(['p:U1:0']);
    expect(guardianData(world.guardianRecord(slice('schoolsoft'), 'g:f:lind:0')).children.map((child) => child.pupilKey)).toEqual(['p:U4:0']);
    const inSjostad = world.guardianRecord(slice('skola24', 'sjostad'), 'g:f:tvakommuner:0');
    const inAbro = world.guardianRecord(slice('skola24', 'abro'), 'g:f:tvakommuner:0');
    expect(inSjostad && inAbro).toBeTruthy();
    expect(inSjostad?.id).not.toBe(inAbro?.id);
  });

  it('X6: Wilma turns 18 on 2026-03-15; the relation ends the day before and she reports for herself', () => {
    expect(world.pupil('p:U3:0').birthDate).toBe('2008-03-15');
    const before = guardianData(world.guardianRecord(slice('skola24'), 'g:f:ek:0', at('2026-03-14T23:59:00+01:00'))).children[0];
    const after = world.guardianRecord(slice('skola24'), 'g:f:ek:0', at('2026-03-15T00:00:00+01:00'));
    expect(before).toMatchObject({ validTo: null, pupilIsOfAge: false });
    expect(guardianData(after).children[0]).toMatchObject({ validTo: '2026-03-14', pupilIsOfAge: true });
    expect(after?.lastChanged).toBe(at('2026-03-15T00:00:00+01:00'));
    expect(pupilData(world.pupilRecord(slice('skola24'), 'p:U3:0', at('2026-03-15T00:00:00+01:00'))).isOfAge).toBe(true);
    const ss12000 = pupilData(world.pupilRecord(slice('ss12000'), 'p:U3:0', at('2026-03-16T00:00:00+01:00')));
    expect(shownRelations('ss12000', ss12000.guardians, at('2026-03-16T00:00:00+01:00'))).toEqual([]);
    const turning = ['U3', 'U4', 'U7'].flatMap((unit) => [...Array(world.unitSize(unit as 'U3')).keys()].map((index) => world.pupil(`p:${unit}:${index}`))).filter((pupil) => pupil.scenarios.includes('X6'));
    expect(turning.length).toBeGreaterThanOrEqual(2);
    // Notices filed after an 18th birthday are the pupil's own.
    let selfReported = 0;
    for (const record of all(yearEnd.query(slice('skola24'), 'notices', { units: 'U3' }))) {
      const row = noticeData(record);
      if (row.createdAt < startOfLocalDay(yearEnd.pupil(row.pupilKey).eighteenthBirthday)) continue;
      expect(row.reporterRole, row.noticeKey).not.toBe('guardian');
      selfReported++;
    }
    expect(selfReported).toBeGreaterThan(0);
  });

  it('X7: protected pupils in every slice, a Sekretessmarkering, protected guardians without contact data', () => {
    for (const candidate of allSlices()) {
      const truth = truthOf(candidate);
      const protectedPupils = truth.persons.filter((person) => person.roles.includes('student') && person.scenarios.includes('X7'));
      expect(protectedPupils.length, sliceKey(candidate)).toBeGreaterThanOrEqual(2);
    }
    expect(world.pupil('p:U2:3').securityMarking).toBe('Sekretessmarkering');
    expect(pupilData(world.pupilRecord(slice('ss12000'), 'p:U2:3')).securityMarking).toBe('Sekretessmarkering');
    const alva = pupilData(world.pupilRecord(slice('infomentor'), 'p:U2:1'));
    expect(alva.contact).toBeNull();
    for (const guardian of world.guardiansOf('p:U2:1')) {
      expect(guardian.securityMarking).toBe('Skyddad folkbokföring');
      expect(guardian.contact).toBeNull();
    }
    let protectedCount = 0;
    let pupils = 0;
    for (const municipality of ['sjostad', 'abro'] as const) {
      for (const key of world.pupilKeys(municipality)) {
        pupils++;
        if (world.pupil(key).securityMarking !== 'Ingen') protectedCount++;
      }
    }
    expect(protectedCount / pupils).toBeGreaterThanOrEqual(0.005);
  });

  it('X8: samordningsnummer in every slice; one per slice becomes a personnummer on 2026-02-02 under the same id', () => {
    for (const candidate of allSlices()) {
      const pupils = truthOf(candidate).persons.filter((person) => person.roles.includes('student') && person.scenarios.includes('X8') && !person.quarantined);
      expect(pupils.length, sliceKey(candidate)).toBeGreaterThanOrEqual(2);
      const converted = pupils.filter((person) => world.pupil(person.worldKey).civic.change !== null);
      expect(converted.length, sliceKey(candidate)).toBeGreaterThanOrEqual(1);
      const key = converted[0]?.worldKey ?? '';
      const before = world.pupilRecord(candidate, key, at('2026-02-01T12:00:00+01:00'));
      const after = world.pupilRecord(candidate, key, at('2026-02-02T09:00:00+01:00'));
      expect(Number(pupilData(before).civicNo.slice(6, 8))).toBeGreaterThan(60);
      expect(pupilData(after)).toMatchObject({ civicNoType: 'personnummer' });
      expect(Number(pupilData(after).civicNo.slice(6, 8))).toBeLessThanOrEqual(31);
      expect(after?.id).toBe(before?.id);
      expect(after?.lastChanged).toBe(at('2026-02-02T08:00:00+01:00'));
    }
    let samordning = 0;
    let pupils = 0;
    for (const key of world.pupilKeys('sjostad')) {
      pupils++;
      if (world.pupil(key).civic.initialType === 'samordningsnummer') samordning++;
    }
    expect(samordning / pupils).toBeGreaterThanOrEqual(0.01);
  });

  it('X9: three malformed civic numbers per platform slice; the temporary number is valid in SS 12000', () => {
    for (const candidate of allSlices()) {
      const truth = truthOf(candidate);
      const bad = truth.malformed.filter((entry) => entry.kind === 'badCivicNo' && entry.recordType === 'pupils');
      expect(bad.length, sliceKey(candidate)).toBeGreaterThanOrEqual(3);
      const defects = new Set(truth.persons.filter((person) => person.quarantined).map((person) => world.pupil(person.worldKey).civic.defect));
      expect([...defects].sort(), sliceKey(candidate)).toEqual(['badCheckDigit', 'impossibleDate', 'tenDigit']);
      expect(truth.malformed.every((entry) => entry.kind === 'badCivicNo' || entry.field === 'studentRef')).toBe(true);
    }
    expect(pupilData(world.pupilRecord(slice('skola24'), 'p:U1:7')).civicNo.startsWith('20130230')).toBe(true);
    expect(pupilData(world.pupilRecord(slice('skola24'), 'p:U1:8')).civicNo).toHaveLength(10);
    const temporary = truthOf(slice('ss12000')).persons.find((person) => person.civicNo === '20130101TF01');
    expect(temporary).toMatchObject({ quarantined: false });
    expect(world.pupilRecord(slice('infomentor'), temporary?.worldKey ?? '')).toBeNull();
  });

  it('X10: leave applications approved, partly approved, rejected, withdrawn, some needing both guardians', () => {
    const rows = allSlices().flatMap((candidate) => all(yearEnd.query(candidate, 'leaveApplications')).map(leaveData));
    const statuses = new Set(rows.map((row) => row.status));
    for (const status of ['approved', 'partiallyApproved', 'rejected', 'withdrawn']) expect(statuses.has(status as 'approved'), status).toBe(true);
    expect(rows.some((row) => row.approvals.length > 0)).toBe(true);
    const wilma = rows.find((row) => row.pupilKey === 'p:U3:0');
    expect(wilma).toMatchObject({ fromDate: '2026-04-20', toDate: '2026-04-24', appliedAt: at('2026-03-02T10:14:00+01:00'), reasonText: 'Familjeresa', status: 'approved' });
    if (students >= 1500) {
      let pupils = 0;
      for (const municipality of ['sjostad', 'abro'] as const) for (const _ of yearEnd.pupilKeys(municipality)) pupils++;
      const byMonth = new Map<string, Set<string>>();
      for (const row of rows) {
        const month = new Date(row.appliedAt).toISOString().slice(0, 7);
        byMonth.set(month, (byMonth.get(month) ?? new Set()).add(row.pupilKey));
      }
      for (const month of ['2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05']) {
        expect((byMonth.get(month)?.size ?? 0) / pupils, month).toBeGreaterThanOrEqual(0.02);
      }
      const decided = rows.filter((row) => ['approved', 'partiallyApproved', 'rejected'].includes(row.status));
      const approved = decided.filter((row) => row.status !== 'rejected');
      expect(approved.length / decided.length).toBeGreaterThan(0.72);
      expect(approved.length / decided.length).toBeLessThan(0.88);
    }
  });

  it('X11: registrations corrected and deleted, notices cancelled', () => {
    const source = students >= 1500 ? world : yearEnd;
    const registrations = all(source.query(slice('skola24'), 'registrations', { after: -1 }));
    const corrected = registrations.filter((record) => record.lastChanged > record.createdAt);
    const deleted = registrations.filter((record) => record.deleted);
    const notices = all(source.query(slice('skolplattformen'), 'notices', { after: -1 }));
    const cancelled = notices.filter((record) => record.deleted);
    expect(deleted.length).toBeGreaterThan(0);
    expect(cancelled.length).toBeGreaterThan(0);
    expect(corrected.some((record) => registrationData(record).validity === 'valid' && registrationData(record).hasNotice)).toBe(true);
    for (const record of corrected) {
      expect(record.lastChanged - record.createdAt).toBeGreaterThanOrEqual(5 * 60_000);
      expect(record.lastChanged - record.createdAt).toBeLessThanOrEqual(73 * 3_600_000 + 24 * 3_600_000);
    }
    if (students >= 1500) {
      expect(corrected.length / registrations.length).toBeGreaterThanOrEqual(0.05);
      expect(deleted.length / registrations.length).toBeGreaterThanOrEqual(0.003);
      expect(cancelled.length / notices.length).toBeGreaterThanOrEqual(0.025);
    }
  });

  it('X12: registrations around both DST changes in every registration slice, and changes inside the repeated hour', () => {
    for (const candidate of registrationSlices) {
      for (const date of X12_DATES) {
        const records = all(yearEnd.query(candidate, 'registrations', { fromDate: date, toDate: date }));
        expect(records.length, `${sliceKey(candidate)} ${date}`).toBeGreaterThan(0);
      }
    }
    const friday = all(world.query(slice('skola24'), 'registrations', { fromDate: '2025-10-24', toDate: '2025-10-24' }));
    const stamps = new Set(friday.map((record) => record.lastChanged));
    expect(stamps.has(at('2025-10-26T02:25:00+02:00'))).toBe(true);
    expect(stamps.has(at('2025-10-26T02:25:00+01:00'))).toBe(true);
    const first = friday.map(registrationData).find((row) => row.pupilKey === 'p:U1:9' && row.lesson?.slot === 0);
    expect(first?.lesson?.start).toBe(at('2025-10-24T08:20:00+02:00'));
    const monday = all(world.query(slice('schoolsoft'), 'registrations', { fromDate: '2025-11-03', toDate: '2025-11-03' })).map(registrationData);
    expect(monday.find((row) => row.pupilKey === 'p:U4:11')?.lesson?.start).toBe(at('2025-11-03T08:20:00+01:00'));
  });

  it('has the default absence rates: about 3 % of pupil-days with a late arrival', () => {
    const schoolDays = 132; // 2025-08-18 … 2026-03-09
    const pupils = world.unitSize('U1') + world.unitSize('U3') + 2;
    const late = all(world.query(slice('skola24'), 'registrations')).filter((record) => registrationData(record).type === 'late').length;
    const share = late / (pupils * schoolDays);
    expect(share).toBeGreaterThan(students >= 1500 ? 0.02 : 0.01);
    expect(share).toBeLessThan(0.04);
  });
});

describe('special pupils', () => {
  it('fit in the smallest unit', () => {
    for (const specials of Object.values(SPECIALS)) expect(specials.length).toBeLessThanOrEqual(12);
  });
});
