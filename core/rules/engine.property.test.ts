/**
 * Properties the engine must keep for any history (issue 5): order independence, deduplication,
 * monotonicity of warnings, determinism, and no warning resting on reclassified evidence.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOf, formatDate, isoWeekday } from './calendar-date.js';
import { RuleEngine } from './engine.js';
import type { StatusedEvent } from './events.js';
import { renderEvalJson } from './format/output-v1.js';
import { parseScenario } from './format/parse-scenario.js';
import type { Scenario } from './format/scenario-v1.js';
import type { RecordDraft } from './testing.js';
import { at, scenario } from './testing.js';

const PACKS = ['stockholm-gy', 'skollagen'] as const;
const RUN = '2025-12-19';
const LESSON_IDS = ['P1', 'P2', 'P3', 'P4', 'P5'];
const LESSON_TIMES = ['08:30', '09:45', '11:00', '13:00', '14:15'];

/** Weekdays of the autumn term 2025 (the autumn break is dropped by the calendar, not here). */
const TERM_DAYS: string[] = [];
for (let day = dayOf('2025-08-18'); day <= dayOf('2025-12-19'); day = addDays(day, 1)) {
  if (isoWeekday(day) <= 5 && !(formatDate(day) >= '2025-10-27' && formatDate(day) <= '2025-10-31')) TERM_DAYS.push(formatDate(day));
}

const recordArbitrary = fc.record({
  // Half the term: dense enough that ladders climb to CSN reports and resumes in many samples.
  day: fc.integer({ min: 0, max: Math.floor(TERM_DAYS.length / 2) }),
  shape: fc.constantFrom('lessons', 'one-lesson', 'late', 'interval', 'report', 'fullDay'),
  firstLesson: fc.integer({ min: 0, max: 4 }),
  lessonCount: fc.integer({ min: 1, max: 5 }),
  minutes: fc.integer({ min: 1, max: 60 }),
  category: fc.constantFrom('invalid', 'invalid', 'invalid', 'valid', 'reported'),
  platform: fc.constantFrom('PA', 'PB'),
  hour: fc.integer({ min: 7, max: 20 }),
  reportDelay: fc.integer({ min: 0, max: 2 }),
});

type RecordSpec = typeof recordArbitrary extends fc.Arbitrary<infer T> ? T : never;

function toRecord(spec: RecordSpec, index: number): RecordDraft {
  const date = TERM_DAYS[spec.day] as string;
  const id = `r${index}`;
  const options = { platform: spec.platform, updatedAt: at(date, `${String(spec.hour).padStart(2, '0')}:00`) };
  const named = LESSON_IDS.slice(spec.firstLesson, Math.min(5, spec.firstLesson + spec.lessonCount));
  const category = spec.category;
  const base = {
    id: `${spec.platform}:${id}`,
    platform: spec.platform,
    sourceRecordId: id,
    version: 1,
    updatedAt: options.updatedAt,
    syncedOn: date,
    subject: '200901072389',
    schoolUnit: 'A',
    decision: false,
    activity: 'lesson' as const,
  };
  switch (spec.shape) {
    case 'lessons':
      return { ...base, date, lessons: named, category, authority: 'school' };
    case 'one-lesson':
      return { ...base, date, lessons: [LESSON_IDS[spec.firstLesson] as string], minutes: spec.minutes, category, authority: 'school' };
    case 'late':
      return { ...base, date, lessons: [LESSON_IDS[spec.firstLesson] as string], minutes: Math.min(spec.minutes, 25), category: 'late', authority: 'school' };
    case 'interval': {
      const start = at(date, LESSON_TIMES[spec.firstLesson] as string);
      const end = new Date(Date.parse(start) + spec.minutes * 3 * 60_000).toISOString().replace('.000Z', 'Z');
      const { date: _date, ...rest } = { ...base, date };
      return { ...rest, start, end, category, authority: 'school' };
    }
    case 'report': {
      const reportedAt = at(formatDate(addDays(dayOf(date), spec.reportDelay)), '07:00');
      return { ...base, updatedAt: reportedAt, syncedOn: reportedAt.slice(0, 10), date, lessons: named, category: 'reported', authority: 'reporter', reportedAt };
    }
    case 'fullDay':
      return { ...base, date, fullDay: true, category, authority: 'school' };
  }
}

const historyArbitrary = fc.array(recordArbitrary, { minLength: 0, maxLength: 40 }).map((specs) => specs.map(toRecord));

function build(records: RecordDraft[], runs: string[] = [RUN]): Scenario {
  const input = scenario({ pack: [...PACKS], records, runs });
  const checked = parseScenario(JSON.parse(JSON.stringify(input)));
  if (!checked.ok) throw new Error(`generated an invalid scenario: ${checked.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return checked.scenario;
}

function stateOf(records: RecordDraft[], runs?: string[]): StatusedEvent[] {
  const input = build(records, runs);
  return new RuleEngine(input).evaluateRuns(input.runs, PACKS).at(-1)?.events ?? [];
}

const WARNINGS = new Set(['warning.oral', 'warning.written', 'notify.invalid_absence']);

describe('engine properties', () => {
  it('does not depend on the order of the records', () => {
    fc.assert(
      fc.property(historyArbitrary.chain((records) => fc.tuple(fc.constant(records), fc.shuffledSubarray(records, { minLength: records.length }))), ([records, shuffled]) => {
        expect(stateOf(shuffled)).toEqual(stateOf(records));
      }),
      { numRuns: 60 },
    );
  });

  it('is not changed by a record duplicated under another platform (beyond naming it as evidence)', () => {
    fc.assert(
      fc.property(historyArbitrary, fc.nat(), (records, pick) => {
        fc.pre(records.length > 0);
        const original = records[pick % records.length] as RecordDraft;
        const copy = { ...original, platform: 'PZ', id: `PZ:${original.sourceRecordId}` };
        const withCopy = stateOf([...records, copy]).map((event) => ({
          ...event,
          evidence: [...new Set(event.evidence.map((id) => (id === copy.id ? original.id : id)))].sort(),
        }));
        expect(withCopy).toEqual(stateOf(records));
      }),
      { numRuns: 60 },
    );
  });

  it('never gains a warning from an added valid or reported absence', () => {
    const harmless = recordArbitrary.map(
      (spec): RecordSpec => ({ ...spec, shape: spec.shape === 'late' ? 'report' : spec.shape, category: spec.shape === 'report' ? 'reported' : 'valid' }),
    );
    fc.assert(
      fc.property(historyArbitrary, fc.array(harmless, { minLength: 1, maxLength: 5 }), (records, extraSpecs) => {
        const extra = extraSpecs.map((spec, i) => toRecord(spec, 1000 + i));
        const warnings = (state: StatusedEvent[]): Set<string> => new Set(state.filter((e) => WARNINGS.has(e.type)).map((e) => e.id));
        const before = warnings(stateOf(records));
        for (const id of warnings(stateOf([...records, ...extra]))) expect(before.has(id)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same output when evaluated twice', () => {
    fc.assert(
      fc.property(historyArbitrary, (records) => {
        const input = build(records, ['2025-10-01', RUN]);
        const engine = new RuleEngine(input);
        const first = renderEvalJson(engine.evaluateRuns(input.runs, PACKS));
        expect(renderEvalJson(engine.evaluateRuns(input.runs, PACKS))).toBe(first);
        expect(renderEvalJson(new RuleEngine(build(records, ['2025-10-01', RUN])).evaluateRuns(input.runs, PACKS))).toBe(first);
      }),
      { numRuns: 30 },
    );
  });

  it('never keeps a warning whose evidence was reclassified from invalid to valid', () => {
    fc.assert(
      fc.property(historyArbitrary, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (records, picks) => {
        const invalid = records.filter((r) => r.category === 'invalid' || r.category === 'late');
        fc.pre(invalid.length > 0);
        const reclassified = new Set(picks.map((p) => (invalid[p % invalid.length] as RecordDraft).id));
        const versions = records
          .filter((r) => reclassified.has(r.id))
          .map((r) => ({ ...r, version: 2, category: 'valid' as const, updatedAt: at(RUN, '23:00'), syncedOn: RUN }));
        const state = stateOf([...records, ...versions], ['2025-12-18', RUN]);
        for (const event of state) {
          if (event.type === 'investigation.recommended') continue;
          for (const id of event.evidence) expect(reclassified.has(id)).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });
});
