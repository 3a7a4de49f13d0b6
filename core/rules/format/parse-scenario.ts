/**
 * Reads a rule scenario v1 document: JSON syntax, then the strict schema, then the cross-field
 * rules. All problems come back together, one per path, so a file can be fixed in one pass.
 */
import type { z } from 'zod';
import { PreparedInput } from '../prepared-input.js';
import type { Scenario } from './scenario-v1.js';
import { ScenarioSchema } from './scenario-v1.js';
import type { InputIssue } from './validate-scenario.js';
import { formatPath, validateScenario } from './validate-scenario.js';

export type ParsedScenario =
  | { readonly ok: true; readonly scenario: Scenario; readonly prepared: PreparedInput }
  | { readonly ok: false; readonly issues: readonly InputIssue[] };

/** The value at a JSON path of a document, or undefined when a step is missing. */
function valueAt(document: unknown, path: readonly PropertyKey[]): unknown {
  let value = document;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Zod's issues in the `path: reason` form of §7.6; an unknown field gets its own path. */
export function issuesFromZod(error: z.ZodError, document: unknown): InputIssue[] {
  const issues: InputIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) issues.push({ path: formatPath([...issue.path, key]), message: 'unknown field' });
    } else if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && valueAt(document, issue.path) === undefined) {
      issues.push({ path: formatPath(issue.path), message: 'required field is missing' });
    } else {
      issues.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  return issues;
}

export function parseScenario(document: unknown): ParsedScenario {
  const parsed = ScenarioSchema.safeParse(document);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error, document) };
  const prepared = new PreparedInput(parsed.data);
  const issues = validateScenario(parsed.data, prepared);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, scenario: parsed.data, prepared };
}

export function parseScenarioText(text: string): ParsedScenario {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    // V8's message quotes the text around the fault, which may hold a civic number: keep only where.
    const where = /position \d+|line \d+ column \d+/.exec(error instanceof Error ? error.message : '');
    return { ok: false, issues: [{ path: '', message: `not valid JSON${where ? ` (at ${where[0]})` : ''}` }] };
  }
  return parseScenario(document);
}
