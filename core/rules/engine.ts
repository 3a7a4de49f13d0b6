/**
 * The rule engine: a pure function of (student data, records, calendar, timetable, parameters,
 * run date) → events, plus the diff against the previous run's state (rules §2.6). No clock, no
 * I/O, no randomness: the run date is an argument and every date is a `YYYY-MM-DD` string.
 */
import type { DayNumber } from './calendar-date.js';
import { dayOf, formatDate, parseMonthDay } from './calendar-date.js';
import type { RunDiff } from './diff.js';
import { diffEvents } from './diff.js';
import type { RuleEvent, StatusedEvent } from './events.js';
import { evaluateSkollagen } from './packs/skollagen/index.js';
import type { CsnHistory } from './packs/stockholm-gy/ladder.js';
import { evaluateStockholmGy } from './packs/stockholm-gy/ladder.js';
import type { RulePackId, RulePackParameters } from './parameters.js';
import { defaultRuleParameters } from './parameters.js';
import type { RuleInput } from './prepared-input.js';
import { PreparedInput } from './prepared-input.js';
import { SchoolYears } from './school-calendar.js';
import { subjectsAt } from './subjects.js';
import type { Timeline } from './timeline.js';
import { TimelineBuilder } from './timeline.js';

export interface RunResult extends RunDiff {
  readonly run: string;
}

interface PackSetup<P extends RulePackId> {
  readonly pack: P;
  readonly parameters: RulePackParameters[P];
  readonly years: SchoolYears;
  /** Packs with equal keys read the same timeline (same school years and resolution parameters). */
  readonly timelineKey: string;
}

type AnyPackSetup = { [P in RulePackId]: PackSetup<P> }[RulePackId];

/** Pure evaluation over one input. Prepare once, evaluate any number of runs. */
export class RuleEngine {
  readonly prepared: PreparedInput;
  private readonly setups = new Map<RulePackId, AnyPackSetup>();

  constructor(input: RuleInput | PreparedInput) {
    this.prepared = input instanceof PreparedInput ? input : new PreparedInput(input);
  }

  /** The pack's parameters: the input's overrides over the defaults (§2.11, §3.1, §4.1). */
  parametersOf<P extends RulePackId>(pack: P): RulePackParameters[P] {
    return (this.setupOf(pack) as PackSetup<P>).parameters;
  }

  /**
   * Every event justified at `run`, in a deterministic order (subjects in input order, then packs,
   * then replay order); `diffEvents` puts a run in the order of §8. `previous` is the state
   * emitted before; only its events the replay no longer reaches are used (the CSN numbering and
   * withdrawal carried over, §2.6).
   */
  evaluate(run: string, packs: readonly RulePackId[], previous: readonly StatusedEvent[] = []): RuleEvent[] {
    const runDay = dayOf(run);
    const events: RuleEvent[] = [];
    const stockholm = packs.includes('stockholm-gy') ? this.setupOf('stockholm-gy') : null;
    const histories = stockholm ? csnHistories(previous, this.replayStartOf(runDay, stockholm)) : new Map<string, CsnHistory>();
    // Packs with the same common parameters read the same timelines: resolve once.
    const builders = new Map<string, TimelineBuilder>();
    for (const pack of packs) {
      const setup = this.setupOf(pack);
      if (!builders.has(setup.timelineKey)) {
        builders.set(setup.timelineKey, new TimelineBuilder(this.prepared, run, setup.years, setup.parameters));
      }
    }
    for (const subject of subjectsAt(this.prepared, run)) {
      const timelines = new Map<string, Timeline>();
      for (const pack of packs) {
        const setup = this.setupOf(pack);
        let timeline = timelines.get(setup.timelineKey);
        if (!timeline) {
          timeline = (builders.get(setup.timelineKey) as TimelineBuilder).build(subject);
          timelines.set(setup.timelineKey, timeline);
        }
        const found =
          setup.pack === 'stockholm-gy'
            ? evaluateStockholmGy(timeline, setup.parameters, histories.get(subject.key))
            : evaluateSkollagen(timeline, setup.parameters);
        for (const event of found) events.push(event);
      }
    }
    return events;
  }

  /**
   * One nightly run: the justified events diffed against `previous`, the state the last run
   * emitted for the same subjects and packs. Events absent from the evaluation are retracted
   * unless the replay no longer reaches them.
   */
  evaluateRun(run: string, packs: readonly RulePackId[], previous: readonly StatusedEvent[] = []): RunResult {
    const runDay = dayOf(run);
    const current = this.evaluate(run, packs, previous);
    const replayStarts = new Map<string, string>();
    const frozen = (event: StatusedEvent): boolean => {
      let start = replayStarts.get(event.pack);
      if (start === undefined) {
        start = formatDate(this.replayStartOf(runDay, this.setupOf(event.pack)));
        replayStarts.set(event.pack, start);
      }
      return event.triggerDate < start;
    };
    return { run, ...diffEvents(previous, current, frozen) };
  }

  /** Runs in order, each diffed against the one before (the first against `initial`). */
  evaluateRuns(runs: readonly string[], packs: readonly RulePackId[], initial: readonly StatusedEvent[] = []): RunResult[] {
    const results: RunResult[] = [];
    let state = initial;
    for (const run of runs) {
      const result = this.evaluateRun(run, packs, state);
      results.push(result);
      state = result.events;
    }
    return results;
  }

  private replayStartOf(run: DayNumber, setup: AnyPackSetup): DayNumber {
    return setup.years.previousStartOf(run);
  }

  private setupOf(pack: RulePackId): AnyPackSetup {
    let setup = this.setups.get(pack);
    if (!setup) {
      const overrides = this.prepared.input.parameters;
      setup =
        pack === 'stockholm-gy'
          ? setupFor('stockholm-gy', overrides['stockholm-gy'] ?? defaultRuleParameters('stockholm-gy'))
          : setupFor('skollagen', overrides.skollagen ?? defaultRuleParameters('skollagen'));
      this.setups.set(pack, setup);
    }
    return setup;
  }
}

function setupFor<P extends RulePackId>(pack: P, parameters: RulePackParameters[P]): PackSetup<P> {
  const { schoolYearStart, lateArrivalMaxMinutes, reportDeadlineDaysAfter } = parameters;
  return {
    pack,
    parameters,
    years: new SchoolYears(parseMonthDay(schoolYearStart)),
    timelineKey: `${schoolYearStart}|${lateArrivalMaxMinutes}|${reportDeadlineDaysAfter}`,
  };
}

/** What the frozen part of the state says about each subject's CSN history (§2.6 lookback). */
function csnHistories(previous: readonly StatusedEvent[], replayStart: DayNumber): Map<string, CsnHistory> {
  const start = formatDate(replayStart);
  const reports = new Map<string, number>();
  const resumed = new Map<string, Set<number>>();
  for (const event of previous) {
    if (event.pack !== 'stockholm-gy' || event.triggerDate >= start) continue;
    if (event.type === 'csn.report') reports.set(event.subject, Math.max(reports.get(event.subject) ?? 0, event.details.ordinal));
    if (event.type === 'csn.resume') {
      const set = resumed.get(event.subject) ?? new Set<number>();
      set.add(event.details.ordinal);
      resumed.set(event.subject, set);
    }
  }
  const histories = new Map<string, CsnHistory>();
  for (const [subject, lastOrdinal] of reports) {
    histories.set(subject, { lastOrdinal, withdrawn: !(resumed.get(subject)?.has(lastOrdinal) ?? false) });
  }
  return histories;
}
