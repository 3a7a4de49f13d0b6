import { describe, expect, it } from 'vitest';
import { childOf, childrenOf, descendantsAt, parseXml, textOf, toRecord } from './xml.js';

const NS = 'http://skola24.se/Services/Integration';

function exportDoc(absences: string, prefix = ''): string {
  const p = prefix === '' ? '' : `${prefix}:`;
  const xmlns = prefix === '' ? `xmlns="${NS}"` : `xmlns:${prefix}="${NS}"`;
  return `<?xml version="1.0" encoding="utf-8"?>
<${p}LessonAbsenceExport ${xmlns} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <${p}Page number="1" size="1000" totalCount="2" hasMorePages="false" />
  <${p}Absences>${absences}</${p}Absences>
</${p}LessonAbsenceExport>`;
}

const absence = (p: string, id: string): string => `
    <${p}Absence>
      <${p}AbsenceId>${id}</${p}AbsenceId>
      <${p}PlannedAbsenceId xsi:nil="true" />
      <${p}Comment>Missade bussen &amp; kom 12:50</${p}Comment>
      <${p}TeacherSignature />
      <${p}AbsenceMinutes>60</${p}AbsenceMinutes>
      <${p}Subject><${p}Code>MA</${p}Code><${p}Name>Matematik</${p}Name></${p}Subject>
    </${p}Absence>`;

describe('parseXml', () => {
  it('gives one element and many elements the same shape', async () => {
    const one = await parseXml(exportDoc(absence('', 'a1')));
    const two = await parseXml(exportDoc(absence('', 'a1') + absence('', 'a2')));
    expect(descendantsAt(one, ['Absences', 'Absence'])).toHaveLength(1);
    expect(descendantsAt(two, ['Absences', 'Absence']).map((a) => textOf(a, 'AbsenceId'))).toEqual(['a1', 'a2']);
    const [first] = descendantsAt(one, ['Absences', 'Absence']);
    expect(toRecord(first!)).toEqual(toRecord(descendantsAt(two, ['Absences', 'Absence'])[0]!));
  });

  it('reads nil as null, an empty element as "", entities decoded, attributes by name', async () => {
    const root = await parseXml(exportDoc(absence('', 'a1')));
    const row = descendantsAt(root, ['Absences', 'Absence'])[0]!;
    expect(textOf(row, 'PlannedAbsenceId')).toBeNull();
    expect(textOf(row, 'TeacherSignature')).toBe('');
    expect(textOf(row, 'Comment')).toBe('Missade bussen & kom 12:50');
    expect(textOf(row, 'Missing')).toBeNull();
    expect(childOf(root, 'Page')?.attributes).toEqual({ number: '1', size: '1000', totalCount: '2', hasMorePages: 'false' });
    expect(root.attributes).toEqual({});
    expect(toRecord(row)).toEqual({
      AbsenceId: 'a1',
      PlannedAbsenceId: null,
      Comment: 'Missade bussen & kom 12:50',
      TeacherSignature: '',
      AbsenceMinutes: '60',
      Subject: [{ Code: 'MA', Name: 'Matematik' }],
    });
  });

  it('tolerates a BOM and a namespace prefix with identical output (S24-12)', async () => {
    const plain = await parseXml(exportDoc(absence('', 'a1')));
    const bom = await parseXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(exportDoc(absence('', 'a1')))]));
    const prefixed = await parseXml(exportDoc(absence('s24:', 'a1'), 's24'));
    expect(bom).toEqual(plain);
    expect(prefixed).toEqual(plain);
    expect(plain.name).toBe('LessonAbsenceExport');
  });

  it('keeps repeated leaves as lists and honours listNames', async () => {
    const root = await parseXml('<R><Tag>x</Tag><Tag>y</Tag><One>z</One><Nil xmlns:i="urn:x" i:nil="true"/></R>');
    expect(childrenOf(root, 'Tag').map((t) => t.text)).toEqual(['x', 'y']);
    expect(toRecord(root)).toEqual({ Tag: ['x', 'y'], One: 'z', Nil: null });
    expect(toRecord(root, ['One'])).toEqual({ Tag: ['x', 'y'], One: ['z'], Nil: null });
  });

  it('throws on a truncated document instead of returning a short page', async () => {
    const whole = exportDoc(absence('', 'a1') + absence('', 'a2'));
    await expect(parseXml(whole.slice(0, Math.floor(whole.length / 2)))).rejects.toThrow();
  });
});
