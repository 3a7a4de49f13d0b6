import { describe, expect, it } from 'vitest';
import type { Malformation } from '../common/index.js';
import { applyDefect, defectFor, presentFields } from './malformation.js';

const notice = { Id: '4CDD2055-930D-4EAF-94F4-733F3E7D1BFB', ChildId: '7F150524-34B9-45DF-9E77-69B10F4205B4', Channel: 'SMS', StartDate: '2026-03-09 08:00', Modified: '2026-03-09T06:52:40.27' };

function drawing(drawn: Malformation | null): { malformationFor: () => Malformation | null } {
  return { malformationFor: () => drawn };
}

describe('defectFor', () => {
  it('keeps a drawn defect that fits its field', () => {
    expect(defectFor(drawing({ kind: 'badDate', field: 'StartDate' }), 'x', ['StartDate', 'Modified'])).toEqual({ kind: 'badDate', field: 'StartDate' });
    expect(defectFor(drawing({ kind: 'wrongType', field: 'Channel' }), 'x', ['Channel'])).toEqual({ kind: 'wrongType', field: 'Channel' });
  });

  it('moves a kind to a field of the record that can hold it', () => {
    expect(defectFor(drawing({ kind: 'badDate', field: 'ChildId' }), 'x', ['StartDate', 'Modified', 'ChildId', 'Channel'])).toEqual({ kind: 'badDate', field: 'StartDate' });
    expect(defectFor(drawing({ kind: 'unknownEnum', field: 'StartDate' }), 'x', ['StartDate', 'Modified', 'ChildId', 'Channel'])).toEqual({ kind: 'unknownEnum', field: 'Channel' });
  });

  it('leaves a record intact when no field can hold the kind', () => {
    expect(defectFor(drawing({ kind: 'badCivicNo', field: 'Channel' }), 'x', ['StartDate', 'Modified', 'ChildId', 'Channel'])).toBeNull();
    expect(defectFor(drawing({ kind: 'unknownEnum', field: 'SOCIALNUMBER' }), 'x', ['SOCIALNUMBER', 'StartDate', 'Modified'])).toBeNull();
    expect(defectFor(drawing(null), 'x', ['SOCIALNUMBER'])).toBeNull();
  });
});

describe('applyDefect', () => {
  it('writes each kind in the platform style without touching other fields', () => {
    expect(applyDefect(notice, { kind: 'missingRequired', field: 'ChildId' })).not.toHaveProperty('ChildId');
    expect(applyDefect(notice, { kind: 'wrongType', field: 'Channel' }).Channel).toBe(1);
    expect(applyDefect(notice, { kind: 'wrongType', field: 'ChildId' }).ChildId).toBe(0x7f150524);
    expect(applyDefect(notice, { kind: 'badDate', field: 'StartDate' }).StartDate).toBe('2026-02-30 08:00');
    expect(applyDefect(notice, { kind: 'badDate', field: 'Modified' }).Modified).toBe('2026-02-30T06:52:40.27');
    expect(applyDefect(notice, { kind: 'unknownEnum', field: 'Channel' })).toMatchObject({ Channel: 'Fax', ChildId: notice.ChildId, StartDate: notice.StartDate });
    expect(applyDefect({ SOCIALNUMBER: '201305129825' }, { kind: 'badCivicNo', field: 'SOCIALNUMBER' }).SOCIALNUMBER).toBe('201305129828');
    expect(applyDefect({ SOCIALNUMBER: '201305129825' }, { kind: 'wrongType', field: 'SOCIALNUMBER' }).SOCIALNUMBER).toBe(201305129825);
    expect(applyDefect({ MODIFIED: '/Date(1754896360000)/' }, { kind: 'wrongType', field: 'MODIFIED' }).MODIFIED).toBe(1754896360000);
    expect(applyDefect({ MODIFIED: '/Date(1754896360000)/' }, { kind: 'badDate', field: 'MODIFIED' }).MODIFIED).toBe('/Date(NaN)/');
  });

  it('offers only fields that hold a value', () => {
    expect(presentFields('pupils', { SOCIALNUMBER: '201305129825', StartDate: null, Modified: '2025-08-11T09:00:00' })).toEqual(['SOCIALNUMBER', 'Modified']);
  });
});
