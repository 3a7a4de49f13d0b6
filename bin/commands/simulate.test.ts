import { afterEach, describe, expect, it } from 'vitest';
import { runSimulate } from './simulate.js';

const defaults = { host: '127.0.0.1', students: '120', seed: 'cli' };

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const controller = new AbortController();
  return { out, err, controller, io: { stdout: (line: string) => out.push(line), stderr: (line: string) => err.push(line), signal: controller.signal } };
}

async function waitFor(predicate: () => boolean): Promise<void> {
  for (let tries = 0; tries < 200 && !predicate(); tries++) await new Promise((resolve) => setTimeout(resolve, 10));
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('skolbrygga simulate', () => {
  it('runs the case-system receiver, prints its URL and closes it when stopped', async () => {
    const { out, controller, io } = capture();
    const running = runSimulate({ ...defaults, platform: 'case-system', port: '0' }, io);
    await waitFor(() => out.length > 0);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out[0] ?? '')?.[0] ?? '';
    expect(url).not.toBe('');
    expect(await (await fetch(`${url}/_control/health`)).json()).toEqual({ ok: true });
    controller.abort();
    await running;
    expect(out.at(-1)).toBe('case-system simulator stopped');
    await expect(fetch(`${url}/_control/health`)).rejects.toThrow();
    expect(process.exitCode).toBeUndefined();
  });

  it('refuses bad arguments with one line each and exit code 2, starting nothing', async () => {
    const { err, out, io } = capture();
    await runSimulate({ ...defaults, platform: 'moodle', port: 'x', students: '10', now: 'tomorrow' }, io);
    expect(process.exitCode).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(4);
    expect(err.join('\n')).toContain('--platform');
    expect(err.join('\n')).toContain('--now');
  });
});
