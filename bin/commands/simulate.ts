/**
 * `skolbrygga simulate --platform P [--port N] [--host H] [--students N] [--seed S] [--now T]`:
 * runs one platform simulator, or the case-system receiver (`--platform case-system`), until
 * SIGINT or SIGTERM, then closes the server gracefully. Bad arguments → one line on stderr, exit 2.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { CASE_SYSTEM_DEFAULT_PORT, createCaseSystem } from '../../simulators/case-system/index.js';
import type { RunningServer } from '../../simulators/common/index.js';
import { DEFAULT_SEED, DEFAULT_STUDENTS, SimulatorNotRegisteredError, registeredPlatforms, startSimulator } from '../../simulators/index.js';
import { platformKeySchema } from '../../simulators/world/index.js';

const USAGE_ERROR = 2;
export const CASE_SYSTEM = 'case-system';

interface SimulateOptions {
  readonly platform: string;
  readonly port?: string;
  readonly host: string;
  readonly students: string;
  readonly seed: string;
  readonly now?: string;
}

const argumentsSchema = z.object({
  platform: z.union([platformKeySchema, z.literal(CASE_SYSTEM)], { error: `--platform: one of ${[...platformKeySchema.options, CASE_SYSTEM].join(', ')}` }),
  port: z.coerce.number({ error: '--port: a whole number 0–65535' }).int('--port: a whole number 0–65535').min(0).max(65535).optional(),
  host: z.string().min(1),
  students: z.coerce.number({ error: '--students: a whole number ≥ 120' }).int('--students: a whole number ≥ 120').min(120, '--students: a whole number ≥ 120'),
  seed: z.string().min(1, '--seed: must not be empty'),
  now: z.iso.datetime({ offset: true, error: '--now: an RFC 3339 instant with offset, e.g. 2026-03-10T02:00:00+01:00' }).optional(),
});

/** Resolves on the first SIGINT or SIGTERM (or when `signal` aborts), with the listeners removed again. */
function untilStopped(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (signal?.aborted) stop();
    else signal?.addEventListener('abort', stop);
  });
}

export interface SimulateIo {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  /** Stops the server like SIGINT does (tests). */
  readonly signal?: AbortSignal;
}

const processIo: SimulateIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

export async function runSimulate(options: SimulateOptions, io: SimulateIo = processIo): Promise<void> {
  const parsed = argumentsSchema.safeParse(options);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) io.stderr(issue.message);
    process.exitCode = USAGE_ERROR;
    return;
  }
  const { platform, port, host, students, seed, now } = parsed.data;
  let server: RunningServer;
  if (platform === CASE_SYSTEM) {
    server = await createCaseSystem().listen(port ?? CASE_SYSTEM_DEFAULT_PORT, host);
  } else {
    try {
      server = await startSimulator({ platform, port, host, seed, students, ...(now === undefined ? {} : { now }) });
    } catch (error) {
      if (!(error instanceof SimulatorNotRegisteredError)) throw error;
      io.stderr(`--platform: no simulator for ${platform} yet (available: ${[...registeredPlatforms(), CASE_SYSTEM].join(', ')})`);
      process.exitCode = USAGE_ERROR;
      return;
    }
  }
  const world = platform === CASE_SYSTEM ? '' : ` (seed ${seed}, students ${students}${now ? `, now ${now}` : ''})`;
  io.stdout(`${platform} simulator listening on ${server.url}${world}; control API at ${server.url}/_control; Ctrl-C stops it`);
  await untilStopped(io.signal);
  await server.close();
  io.stdout(`${platform} simulator stopped`);
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description('run one platform simulator (or the case-system webhook receiver) until SIGINT/SIGTERM')
    .requiredOption('--platform <platform>', `${platformKeySchema.options.join(' | ')} | ${CASE_SYSTEM}`)
    .option('--port <n>', `port (default: the platform's own, 7301–7305; case-system ${CASE_SYSTEM_DEFAULT_PORT})`)
    .option('--host <host>', 'interface to listen on; the control API answers loopback peers only', '127.0.0.1')
    .option('--students <n>', "pupils of Sjöstad (Åbro gets a fifth); 120 is 'tiny'", String(DEFAULT_STUDENTS))
    .option('--seed <s>', 'world seed', DEFAULT_SEED)
    .option('--now <t>', 'start of the simulated clock, RFC 3339 (default 2026-03-10T02:00:00+01:00)')
    .action((options: SimulateOptions) => runSimulate(options));
}
