// `skolbrygga config check` as an administrator runs it on an edited file.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../bin/skolbrygga.js', import.meta.url));
const example = fileURLToPath(new URL('../config/examples/municipalities.yaml', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'skolbrygga-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function check(args: string[], env: NodeJS.ProcessEnv = {}) {
  return run(process.execPath, [cli, 'config', 'check', ...args], { env: { PATH: process.env.PATH, ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('skolbrygga config check', () => {
  it('accepts the example configuration', async () => {
    const result = await check(['--config', example]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/valid — 2 municipalities, \d+ platforms/);
  });

  it('names the file, the path and the reason of a mistake, and exits 1', async () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, readFileSync(example, 'utf8').replace('cron: "0 2 * * *"', 'cron: "0 25 * * *"'));
    const result = await check(['--config', broken]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SKB_CONFIG_INVALID');
    expect(result.stderr).toContain(broken);
    expect(result.stderr).toMatch(/tenants\[0\]\.platforms\[0\]\.schedule\.cron/);
    expect(result.stderr).toMatch(/0-23/);
  });

  it('with --secrets, names every unset variable and never a value', async () => {
    const result = await check(['--config', example, '--secrets'], { SKB_SJOSTAD_SKOLA24_USER: 'skolbrygga@sjostad' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SKB_SECRET_MISSING');
    expect(result.stderr).toContain('SKB_SJOSTAD_SKOLA24_PASSWORD');
    expect(result.stderr).not.toContain('skolbrygga@sjostad');
  });
});
