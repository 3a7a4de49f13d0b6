/**
 * `skolbrygga rules eval --input F [--pack K[,K]] [--at DATE] [--json]` (rules/README.md §8):
 * evaluates a rule scenario offline and prints its events. Invalid input or arguments → one line
 * per problem on stderr (file, JSON path, reason) and exit code 2.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { RuleEngine, RulePackIdSchema, parseScenarioText, renderEvalJson, renderEvalTable } from '../../core/rules/index.js';
import type { RulePackId } from '../../core/rules/index.js';
import { parseDate } from '../../core/rules/calendar-date.js';

const USAGE_ERROR = 2;

interface EvalOptions {
  readonly input: string;
  readonly pack?: string;
  readonly at?: string;
  readonly json?: boolean;
}

function fail(lines: readonly string[]): void {
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.exitCode = USAGE_ERROR;
}

function readInput(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    fail([`${file}: cannot read the file (${code})`]);
    return null;
  }
}

function packsFrom(option: string | undefined, fallback: RulePackId | readonly RulePackId[]): RulePackId[] | string {
  if (option === undefined) return [fallback].flat();
  const packs: RulePackId[] = [];
  for (const name of option.split(',').map((part) => part.trim())) {
    const parsed = RulePackIdSchema.safeParse(name);
    if (!parsed.success) return `--pack: unknown pack "${name}" (known: ${RulePackIdSchema.options.join(', ')})`;
    if (!packs.includes(parsed.data)) packs.push(parsed.data);
  }
  return packs;
}

export function runRulesEval(options: EvalOptions): void {
  if (options.at !== undefined && parseDate(options.at) === null) return fail(['--at: must be a real date written YYYY-MM-DD']);
  const text = readInput(options.input);
  if (text === null) return;
  const parsed = parseScenarioText(text);
  if (!parsed.ok) return fail(parsed.issues.map((issue) => `${options.input}: ${issue.path || '$'}: ${issue.message}`));
  const packs = packsFrom(options.pack, parsed.scenario.pack);
  if (typeof packs === 'string') return fail([packs]);
  const runs = options.at === undefined ? parsed.scenario.runs : [options.at];
  const results = new RuleEngine(parsed.prepared).evaluateRuns(runs, packs);
  process.stdout.write(options.json ? renderEvalJson(results) : renderEvalTable(results));
}

export function registerRulesEval(program: Command): void {
  const rules = program.command('rules').description('absence rule packs (rules/README.md)');
  rules
    .command('eval')
    .description('evaluate rule packs offline on a rule scenario file (format v1) and print the events')
    .requiredOption('--input <file>', 'rule scenario file (skolbrygga.rule-scenario/v1)')
    .option('--pack <ids>', "packs to evaluate, comma-separated (default: the file's pack)")
    .option('--at <date>', "evaluate one run at this date instead of the file's runs")
    .option('--json', 'print output format v1 (skolbrygga.rule-eval/v1)')
    .action((options: EvalOptions) => runRulesEval(options));
}
