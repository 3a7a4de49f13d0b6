/**
 * Turns schema issues into the lines an IT administrator reads when the start is refused:
 * `<file>:<line>: <path>: <reason>`, one per problem, every problem at once, in file order.
 *
 * Values from the file are never repeated in a message: a misplaced secret must not reach a log.
 */
import type { z } from 'zod';
import { SkolbryggaError } from '../core/errors.js';

export interface ConfigProblem {
  /** Where in the file, as the administrator would navigate it: `tenants[0].platforms[2].schedule.cron`. */
  readonly path: string;
  readonly message: string;
  /** 1-based line in the file, when the file's text is known. */
  readonly line?: number | undefined;
}

/** Finds the line of a path in the file's text, or the nearest enclosing line it can. */
export type LineLocator = (path: readonly PropertyKey[]) => number | undefined;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `["tenants", 0, "rulePacks", "stockholm-gy"]` → `tenants[0].rulePacks.stockholm-gy`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text === '' ? '(top level)' : text;
}

/** Rewrites zod's generic wording where an administrator needs the configuration's words. */
function reasonOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union' && issue.discriminator !== undefined && 'options' in issue && issue.options) {
    return `must be one of: ${issue.options.map(String).join(', ')}`;
  }
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.message.startsWith('Too ')) {
    const small = issue.code === 'too_small';
    const bound = Number(small ? issue.minimum : issue.maximum);
    const inclusive = issue.inclusive !== false;
    if (issue.origin === 'number') {
      return `must be ${small ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than'} ${bound}`;
    }
    if (issue.origin === 'array') {
      return `must list ${small ? 'at least' : 'at most'} ${bound} ${bound === 1 ? 'item' : 'items'}`;
    }
    if (issue.origin === 'string') {
      return bound === 1 && small ? 'must not be empty' : `must be ${small ? 'at least' : 'at most'} ${bound} characters`;
    }
  }
  return issue.message;
}

/** One problem per issue; an unknown-keys issue becomes one problem per key, at that key. */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[], locate?: LineLocator): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: readonly PropertyKey[], message: string) => problems.push({ path: formatPath(path), message, line: locate?.(path) });
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add([...issue.path, key], 'unknown key: not part of the configuration format (check its spelling)');
    } else {
      add(issue.path, reasonOf(issue));
    }
  }
  return problems.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) || a.path.localeCompare(b.path));
}

/** The per-parse error map: a missing key reads "is required" instead of "expected string, received undefined". */
export const configErrorMap: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined;

export function configInvalidError(source: string, problems: readonly ConfigProblem[]): SkolbryggaError {
  const lines = problems.map((problem) => `  ${source}${problem.line === undefined ? '' : `:${problem.line}`}: ${problem.path}: ${problem.message}`);
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return new SkolbryggaError('SKB_CONFIG_INVALID', `${count} in ${source}\n${lines.join('\n')}`, {
    context: { file: source, problems: problems.length, firstPath: problems[0]?.path },
  });
}
