/**
 * The golden scenarios of rules/README.md (§5, §9), run through the real command line exactly as
 * the contract's checker runs any implementation, plus the command's input-error contract (§7.6).
 * The contract folder sits beside the repository (../shared/rules).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const checker = fileURLToPath(new URL('../../shared/rules/check-golden.mjs', import.meta.url));
const goldenDir = fileURLToPath(new URL('../../shared/rules/golden/', import.meta.url));

function skolbrygga(...args: string[]) {
  return spawnSync(process.execPath, ['bin/skolbrygga.js', ...args], { cwd: repositoryRoot, encoding: 'utf8' });
}

describe('golden scenarios (rules §5)', () => {
  it('finds the contract’s checker beside the repository', () => {
    expect(existsSync(checker), `expected the golden checker at ${checker} (the shared/rules folder next to the repository)`).toBe(true);
  });

  it('passes every scenario with `skolbrygga rules eval --json`', () => {
    const run = spawnSync(
      process.execPath,
      [checker, '--cmd', 'node bin/skolbrygga.js rules eval --json --input {input}', '--verbose'],
      { cwd: repositoryRoot, encoding: 'utf8', timeout: 280_000 },
    );
    const summary = run.stdout.trim().split('\n').at(-1) ?? '';
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(summary).toMatch(/^\d+ passed, 0 failed$/);
  }, 300_000);
});

describe('rules eval input errors (rules §7.6)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'rules-eval-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('exits 2 naming file, path and reason for an unknown field, without civic numbers', () => {
    const file = join(scratch, 'unknown-field.json');
    writeFileSync(file, JSON.stringify({ format: 'skolbrygga.rule-scenario/v1', pack: 'skollagen', subjekt: '200901072389' }));
    const run = skolbrygga('rules', 'eval', '--json', '--input', file);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${file}: subjekt: unknown field`);
    expect(run.stderr).toContain(`${file}: calendar: required field is missing`);
    expect(run.stderr).not.toContain('200901072389');
  });

  it('exits 2 for malformed JSON, an unknown pack and a bad --at', () => {
    const file = join(scratch, 'broken.json');
    writeFileSync(file, '{"format": ');
    const broken = skolbrygga('rules', 'eval', '--input', file);
    expect(broken.status, broken.stderr).toBe(2);
    expect(broken.stderr).toContain('not valid JSON');
    const golden = join(goldenDir, 'G01.json');
    if (!existsSync(golden)) return;
    const unknownPack = skolbrygga('rules', 'eval', '--input', golden, '--pack', 'oslo');
    expect(unknownPack.status, unknownPack.stderr).toBe(2);
    expect(unknownPack.stderr).toContain('unknown pack "oslo"');
    const badDate = skolbrygga('rules', 'eval', '--input', golden, '--at', '2025-02-30');
    expect(badDate.status, badDate.stderr).toBe(2);
    expect(badDate.stderr).toContain('--at: must be a real date');
  });

  it('evaluates one run with --at and prints a table without --json', () => {
    const golden = join(goldenDir, 'G01.json');
    if (!existsSync(golden)) return;
    const json = skolbrygga('rules', 'eval', '--json', '--input', golden, '--at', '2025-09-08', '--pack', 'stockholm-gy,skollagen');
    expect(json.status, json.stderr).toBe(0);
    const output = JSON.parse(json.stdout) as { runs: { run: string; delta: { type: string; status: string }[] }[] };
    expect(output.runs.map((run) => run.run)).toEqual(['2025-09-08']);
    expect(output.runs[0]?.delta.filter((e) => e.type === 'warning.oral').map((e) => e.status)).toEqual(['issued']);
    expect(output.runs[0]?.delta.filter((e) => e.type === 'notify.invalid_absence')).toHaveLength(3);
    const table = skolbrygga('rules', 'eval', '--input', golden);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stdout).toContain('Run 2025-09-12: 1 event(s) in force, 1 change(s)');
  });
});
