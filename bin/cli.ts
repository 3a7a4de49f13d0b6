/**
 * The `skolbrygga` command line: a thin layer over the folders it wires together. Each command
 * lives in bin/commands/ and returns an exit code; this file only declares them (commander parses
 * flags and prints help) and turns typed errors into a clear line on stderr.
 */
import { Command, CommanderError } from 'commander';
import { isSkolbryggaError } from '../core/errors.js';
import { registerConfigCheck } from './commands/config-check.js';
import { registerMigrate } from './commands/migrate.js';
import { registerRulesEval } from './commands/rules-eval.js';
import { registerSimulate } from './commands/simulate.js';

/** Exit codes shared by every command (DESIGN.md §10). */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export function buildProgram(): Command {
  const program = new Command()
    .name('skolbrygga')
    .description('Sync middleware for Swedish municipalities: platforms → canonical model → rules → webhooks')
    .exitOverride()
    .showHelpAfterError();
  registerMigrate(program);
  registerConfigCheck(program);
  registerRulesEval(program);
  registerSimulate(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are exits too, with code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (isSkolbryggaError(error)) {
      process.stderr.write(`skolbrygga: ${error.code}: ${error.message}\n`);
      return EXIT.failure;
    }
    throw error;
  }
}
