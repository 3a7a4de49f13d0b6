import { describe, expect, it } from 'vitest';
import { RuleEventSchema } from '../events.js';
import { evaluateScenario, lessons, scenario, student } from '../testing.js';
import type { evalOutput} from './output-v1.js';
import { EVAL_FORMAT, renderEvalJson, renderEvalTable } from './output-v1.js';

const records = [
  lessons('a3', '2025-09-08', ['P1', 'P2', 'P3'], 'invalid'),
  lessons('a1', '2025-09-02', ['P1', 'P2'], 'invalid'),
  lessons('a2', '2025-09-05', ['P3'], 'invalid'),
];

describe('output format v1', () => {
  it('prints one JSON document with each run’s state and delta in §8’s shape', () => {
    const results = evaluateScenario(scenario({ pack: ['stockholm-gy', 'skollagen'], records, runs: ['2025-09-05', '2025-09-12'] }));
    const output = JSON.parse(renderEvalJson(results)) as ReturnType<typeof evalOutput>;
    expect(output.format).toBe(EVAL_FORMAT);
    expect(output.runs.map((run) => (run as { run: string }).run)).toEqual(['2025-09-05', '2025-09-12']);
    const [, second] = output.runs as { events: Record<string, unknown>[]; delta: Record<string, unknown>[] }[];
    expect(second?.delta.map((e) => `${String(e.triggerDate)} ${String(e.type)}`)).toEqual([
      '2025-09-08 notify.invalid_absence',
      '2025-09-08 warning.oral',
    ]);
    for (const event of second?.events ?? []) {
      expect(Object.keys(event).slice(0, 10)).toEqual(['id', 'pack', 'type', 'status', 'triggerDate', 'subject', 'protectedIdentity', 'recipient', 'evidence', 'details']);
      expect(RuleEventSchema.safeParse(event).success).toBe(true);
    }
    expect(second?.events.find((e) => e.type === 'warning.oral')?.evidence).toEqual(['PA:a1', 'PA:a2', 'PA:a3']);
  });

  it('prints a readable table that masks protected subjects', () => {
    const subject = '200801182387';
    const results = evaluateScenario(
      scenario({
        records: records.map((r) => ({ ...r, subject })),
        runs: ['2025-09-12'],
        students: [student({ subject, birthDate: '2008-01-18', protection: 'sekretessmarkering' })],
      }),
    );
    const table = renderEvalTable(results);
    expect(table).toContain('Run 2025-09-12: 1 event(s) in force, 1 change(s)');
    expect(table).toMatch(/issued\s+2025-09-08\s+warning\.oral\s+\(protected\)\s+mentor\s+PA:a1 PA:a2 PA:a3\s+3 occasions, 360 min/);
    expect(table).not.toContain(subject);
  });

  it('says when a run changes nothing', () => {
    expect(renderEvalTable(evaluateScenario(scenario({ records: [], runs: ['2025-09-12'] })))).toContain('(no changes)');
  });
});
