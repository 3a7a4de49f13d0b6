/**
 * Streams the page stream of the 150,000-student world — every unit's roster (pupils, guardians,
 * groups) through the platform that holds it, and one school day's notices and registrations
 * through the platform that registers them — and prints records/s and the peak growth of live
 * memory. The test suite asserts the memory bound on three of the seven units
 * (simulators/world/memory.test.ts); this bench covers all seven, which takes minutes.
 *
 * Run: `node --expose-gc --max-old-space-size=256 --import tsx bench/world-stream.ts [students]`
 */
import { createWorld } from '../simulators/world/index.js';
import type { PlatformKey, UnitCode } from '../simulators/world/index.js';

const STUDENTS = Number(process.argv[2] ?? 150_000);
const PAGE_SIZE = 1_000;
const SCHOOL_DAY = '2026-03-09';
const BOUND_MB = 300;

/** platforms/README §3.1: where each unit's roster and its lesson registrations live. */
const PLAN: ReadonlyArray<{ unit: UnitCode; tenant: 'sjostad' | 'abro'; roster: PlatformKey; absence: PlatformKey }> = [
  { unit: 'U1', tenant: 'sjostad', roster: 'skola24', absence: 'skola24' },
  { unit: 'U2', tenant: 'sjostad', roster: 'infomentor', absence: 'infomentor' },
  { unit: 'U3', tenant: 'sjostad', roster: 'skola24', absence: 'skola24' },
  { unit: 'U4', tenant: 'sjostad', roster: 'schoolsoft', absence: 'schoolsoft' },
  { unit: 'U5', tenant: 'sjostad', roster: 'infomentor', absence: 'ss12000' },
  { unit: 'U6', tenant: 'abro', roster: 'ss12000', absence: 'skola24' },
  { unit: 'U7', tenant: 'abro', roster: 'schoolsoft', absence: 'schoolsoft' },
];

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (see the header of this file)');
const liveRss = (): number => {
  gc();
  return process.memoryUsage().rss;
};

const world = createWorld({ seed: 'bench', students: STUDENTS });
const base = liveRss();
let peak = 0;
let records = 0;

function stream(query: { page(index: number, size: number): readonly unknown[] }): void {
  for (let page = 0; ; page++) {
    const rows = query.page(page, PAGE_SIZE);
    records += rows.length;
    if (page % 50 === 0) peak = Math.max(peak, liveRss() - base);
    if (rows.length < PAGE_SIZE) break;
  }
  peak = Math.max(peak, liveRss() - base);
}

const started = performance.now();
for (const { unit, tenant, roster, absence } of PLAN) {
  const unitStarted = performance.now();
  const before = records;
  const rosterSlice = { platform: roster, tenant } as const;
  const absenceSlice = { platform: absence, tenant } as const;
  const day = { units: unit, fromDate: SCHOOL_DAY, toDate: SCHOOL_DAY };
  stream(world.query(rosterSlice, 'pupils', { units: unit }));
  stream(world.query(rosterSlice, 'guardians', { units: unit }));
  stream(world.query(rosterSlice, 'groups', { units: unit }));
  stream(world.query(absenceSlice, 'notices', day));
  stream(world.query(absenceSlice, 'registrations', day));
  const seconds = (performance.now() - unitStarted) / 1000;
  console.log(`  ${unit} (${roster}/${absence}): ${records - before} records in ${seconds.toFixed(1)} s`);
}
const seconds = (performance.now() - started) / 1000;
const peakMb = peak / 1_048_576;
console.log(
  `world stream: ${STUDENTS} students, ${records} records in ${seconds.toFixed(1)} s → ` +
    `${Math.round(records / seconds)} records/s; peak live-memory growth ${peakMb.toFixed(0)} MB (bound ${BOUND_MB} MB)`,
);
if (peakMb >= BOUND_MB) process.exitCode = 1;
