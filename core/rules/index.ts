/**
 * The rule engine (rules/README.md): packs `stockholm-gy` and `skollagen` over a common model of
 * occurrences, replayed per run and diffed into issued / amended / retracted events.
 */
export { RuleEngine } from './engine.js';
export { engineClassOf, toRecordVersion, toStudent } from './adapter.js';
export type { AbsenceRecordVersion, AdaptedRecord, AdapterContext, GuardianInput, StudentInput } from './adapter.js';
export type { RunResult } from './engine.js';
export { diffEvents } from './diff.js';
export type { RunDiff } from './diff.js';
export {
  EventStatusSchema,
  EventTypeSchema,
  NORMATIVE_DETAIL_KEYS,
  RecipientSchema,
  RuleEventSchema,
  compareEvents,
  normativeKey,
  sortEvents,
} from './events.js';
export type { EventOfType, EventStatus, EventType, Recipient, RuleEvent, StatusedEvent } from './events.js';
export { PreparedInput } from './prepared-input.js';
export type { RuleInput } from './prepared-input.js';
export {
  CalendarSchema,
  RecordVersionSchema,
  SCENARIO_FORMAT,
  ScenarioSchema,
  SchoolUnitSchema,
  StudentSchema,
  TimetableSchema,
} from './format/scenario-v1.js';
export type { Calendar, RecordVersion, Scenario, SchoolUnit, Student, Timetable } from './format/scenario-v1.js';
export { parseScenario, parseScenarioText } from './format/parse-scenario.js';
export type { ParsedScenario } from './format/parse-scenario.js';
export type { InputIssue } from './format/validate-scenario.js';
export { EVAL_FORMAT, evalOutput, renderEvalJson, renderEvalTable } from './format/output-v1.js';
export * from './parameters.js';
