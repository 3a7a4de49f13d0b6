/**
 * The 150,000-student world streamed page by page stays within a memory bound: one unit's roster
 * in full (U2: 24,000 pupils and their guardians) and two school days of its absence records. It runs in a child process with `--expose-gc`, so the
 * measure is live memory rather than garbage, and with a 256 MB old space, so V8 returns freed
 * memory instead of growing into it.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const INDEX_PATH = fileURLToPath(new URL('./index.ts', import.meta.url));
const BOUND_MB = 300;

const script = `
  const { createWorld } = await import(${JSON.stringify(INDEX_PATH)});
  const measure = () => { globalThis.gc(); return process.memoryUsage().rss; };
  const world = createWorld({ seed: 'memory', students: 150000 });
  const base = measure();
  let peak = 0;
  const counts = {};
  const sjostad = (platform) => ({ platform, tenant: 'sjostad' });
  const stream = (label, query, pageSize) => {
    let records = 0;
    for (let page = 0; ; page++) {
      const rows = query.page(page, pageSize);
      records += rows.length;
      if (page % 25 === 0) peak = Math.max(peak, measure() - base);
      if (rows.length < pageSize) break;
    }
    peak = Math.max(peak, measure() - base);
    counts[label] = records;
  };
  const started = Date.now();
  stream('U2 pupils', world.query(sjostad('infomentor'), 'pupils', { units: 'U2' }), 200);
  stream('U2 guardians', world.query(sjostad('infomentor'), 'guardians', { units: 'U2' }), 200);
  const days = { units: 'U2', fromDate: '2026-03-05', toDate: '2026-03-06' };
  stream('U2 registrations', world.query(sjostad('infomentor'), 'registrations', days), 200);
  stream('U2 notices', world.query(sjostad('infomentor'), 'notices', days), 200);
  counts.totalMs = Date.now() - started;
  process.stdout.write(JSON.stringify({ peakMb: peak / 1048576, counts }));
`;

describe('memory', () => {
  it(`streams the 150,000-student world in under ${BOUND_MB} MB of RSS growth`, () => {
    const output = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=256', '--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const result = JSON.parse(output) as { peakMb: number; counts: Record<string, number> };
    expect(result.counts['U2 guardians']).toBeGreaterThan(24_000);
    expect(result.counts['U2 pupils']).toBe(24_000);
    expect(result.counts['U2 registrations']).toBeGreaterThan(1_000);
    expect(result.counts['U2 notices']).toBeGreaterThan(500);
    expect(result.peakMb, `peak growth ${Math.round(result.peakMb)} MB`).toBeLessThan(BOUND_MB);
  }, 600_000);
});
