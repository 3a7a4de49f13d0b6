import { describe, expect, it } from 'vitest';
import { diffEvents } from './diff.js';
import type { RuleEvent, StatusedEvent } from './events.js';
import { compareEvents, sortEvents } from './events.js';

function oral(overrides: Partial<Extract<RuleEvent, { type: 'warning.oral' }>> = {}): Extract<RuleEvent, { type: 'warning.oral' }> {
  return {
    id: 'stockholm-gy:warning.oral:200901072389:2025/26',
    pack: 'stockholm-gy',
    type: 'warning.oral',
    triggerDate: '2025-09-08',
    subject: '200901072389',
    protectedIdentity: false,
    recipient: 'mentor',
    evidence: ['PA:a1', 'PA:a2'],
    details: { schoolYear: '2025/26', windowStart: '2025-08-10', windowEnd: '2025-09-08', occasions: 3, invalidMinutes: 360 },
    ...overrides,
  };
}

const notice: RuleEvent = {
  id: 'skollagen:notify.invalid_absence:200901072389:2025-09-02',
  pack: 'skollagen',
  type: 'notify.invalid_absence',
  triggerDate: '2025-09-02',
  subject: '200901072389',
  protectedIdentity: false,
  recipient: 'guardians',
  evidence: ['PA:a1'],
  details: { absenceDate: '2025-09-02', lessons: ['A/P1', 'A/P2'], minutes: 120, dueDate: '2025-09-02' },
};

const stated = (event: RuleEvent, status: StatusedEvent['status']): StatusedEvent => ({ ...event, status });

describe('diffEvents', () => {
  it('issues everything at the first run, sorted by trigger date, type and id', () => {
    const { events, delta } = diffEvents([], [oral(), notice]);
    expect(events.map((e) => [e.type, e.status])).toEqual([
      ['notify.invalid_absence', 'issued'],
      ['warning.oral', 'issued'],
    ]);
    expect(delta).toEqual(events);
  });

  it('keeps an unchanged event with the status of its latest change and no delta', () => {
    const { events, delta } = diffEvents([stated(oral(), 'amended')], [oral()]);
    expect(events).toEqual([stated(oral(), 'amended')]);
    expect(delta).toEqual([]);
  });

  it('treats evidence and lessons as sets, and ignores descriptive fields', () => {
    const reordered = oral({ evidence: ['PA:a2', 'PA:a1'] });
    expect(diffEvents([stated(oral(), 'issued')], [reordered]).delta).toEqual([]);
    const lessonsReordered = { ...notice, details: { ...notice.details, lessons: ['A/P2', 'A/P1'] } } as RuleEvent;
    expect(diffEvents([stated(notice, 'issued')], [lessonsReordered]).delta).toEqual([]);
    const withAddressees = { ...notice, addressees: [{ subject: '198001139297', channels: ['sms'] }] };
    expect(diffEvents([stated(notice, 'issued')], [withAddressees]).delta).toEqual([]);
  });

  it('amends on a different trigger date, recipient, evidence or normative detail', () => {
    for (const changed of [
      oral({ triggerDate: '2025-09-09' }),
      oral({ evidence: ['PA:a1'] }),
      oral({ protectedIdentity: true }),
      oral({ details: { ...oral().details, invalidMinutes: 300 } }),
    ]) {
      const { events, delta } = diffEvents([stated(oral(), 'issued')], [changed]);
      expect(delta).toEqual([stated(changed, 'amended')]);
      expect(events).toEqual([stated(changed, 'amended')]);
    }
  });

  it('retracts an event no longer justified, once, with the content it last had', () => {
    const last = stated(oral({ evidence: ['PA:x'] }), 'amended');
    const { events, delta } = diffEvents([last], []);
    expect(events).toEqual([]);
    expect(delta).toEqual([{ ...last, status: 'retracted' }]);
  });

  it('issues an event again after a retraction', () => {
    expect(diffEvents([], [oral()]).delta[0]?.status).toBe('issued');
  });

  it('keeps frozen events as last emitted', () => {
    const old = stated(oral({ id: 'old', triggerDate: '2023-09-08' }), 'amended');
    const { events, delta } = diffEvents([old], [], (event) => event.triggerDate < '2024-07-01');
    expect(events).toEqual([old]);
    expect(delta).toEqual([]);
  });
});

describe('sortEvents', () => {
  it('orders like the plain comparison of trigger date, type and id, a shorter type first', () => {
    const report = { ...oral(), id: 'x:csn.report:1', type: 'csn.report' } as unknown as RuleEvent;
    const suppressed = { ...oral(), id: 'x:csn.report.suppressed:1', type: 'csn.report.suppressed' } as unknown as RuleEvent;
    const earlier = oral({ triggerDate: '2025-09-01', id: 'z' });
    const events = [suppressed, oral(), report, earlier];
    const sorted = sortEvents([...events]);
    expect(sorted).toEqual([...events].sort(compareEvents));
    expect(sorted.map((e) => e.type)).toEqual(['warning.oral', 'csn.report', 'csn.report.suppressed', 'warning.oral']);
  });
});
