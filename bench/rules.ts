/**
 * Rule engine throughput: a full school year (2025/26, TESTCAL) for 20 000 generated students,
 * both packs, evaluated at the last day of the year. Inputs come from a seeded generator, so every
 * run measures the same work. Target: ≥ 5 000 students/s on one core.
 *
 * Students are evaluated in batches, one engine input per batch, the way the nightly pipeline
 * hands the engine the students whose records changed. Only the engine is timed — preparing the
 * input, replaying, resolving, evaluating both packs and diffing into the run's state and delta —
 * not the generator.
 *
 *   npx tsx bench/rules.ts [students] [batch size]
 */
import { performance } from 'node:perf_hooks';
import { addDays, dayOf, formatDate, isoWeekday } from '../core/rules/calendar-date.js';
import type { RecordVersion, Scenario, Student } from '../core/rules/format/scenario-v1.js';
import { RuleEngine } from '../core/rules/index.js';
import { FIVE_LESSONS, TESTCAL } from '../core/rules/testing.js';

const STUDENTS = Number(process.argv[2] ?? 20_000);
const BATCH = Number(process.argv[3] ?? 1_000);
const RUN = '2026-06-30';
const PACKS = ['stockholm-gy', 'skollagen'] as const;

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A syntactically valid 12-digit personnummer for a generated student (Luhn check digit). */
function civicNumber(birth: string, serial: number): string {
  const nine = `${birth.slice(2, 4)}${birth.slice(5, 7)}${birth.slice(8, 10)}${String(serial).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) {
    const product = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return `${birth.slice(0, 2)}${nine}${(10 - (sum % 10)) % 10}`;
}

const SCHOOL_DAYS: string[] = [];
for (let day = dayOf('2025-08-18'); day <= dayOf('2026-06-11'); day = addDays(day, 1)) {
  if (isoWeekday(day) <= 5) SCHOOL_DAYS.push(formatDate(day)); // breaks are dropped by the calendar
}
const LESSONS = FIVE_LESSONS.map((lesson) => lesson.id);

function offset(date: string): string {
  return date >= '2025-10-26' && date < '2026-03-29' ? '+01:00' : '+02:00';
}

interface RecordSpec {
  readonly lessons?: string[];
  readonly fullDay?: true;
  readonly minutes?: number;
  readonly category: RecordVersion['category'];
  readonly reportedAt?: string;
  readonly version?: number;
  readonly updatedAt?: string;
  readonly syncedOn?: string;
}

/**
 * One record version as JSON.parse would hand it over: a plain literal with every field. (Built
 * with object spreads instead, V8 makes every later property read several times slower, which
 * would measure the generator rather than the engine.)
 */
function record(id: string, date: string, subject: string, spec: RecordSpec): RecordVersion {
  const [platform = '', sourceRecordId = ''] = id.split(':');
  return {
    id,
    platform,
    sourceRecordId,
    version: spec.version ?? 1,
    updatedAt: spec.updatedAt ?? `${date}T16:00:00${offset(date)}`,
    syncedOn: spec.syncedOn ?? date,
    subject,
    schoolUnit: 'A',
    date,
    lessons: spec.lessons,
    start: undefined,
    end: undefined,
    fullDay: spec.fullDay,
    minutes: spec.minutes,
    category: spec.category,
    authority: spec.reportedAt ? 'reporter' : 'school',
    reportedAt: spec.reportedAt,
    decision: false,
    activity: 'lesson',
  };
}

function generate(count: number, next: () => number, firstIndex: number): Scenario {
  const students: Student[] = [];
  const records: RecordVersion[] = [];
  for (let s = firstIndex; s < firstIndex + count; s += 1) {
    const birth = `${2007 + Math.floor(next() * 3)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
    const subject = civicNumber(birth, 1 + (s % 999));
    students.push({
      subject,
      birthDate: birth,
      protection: next() < 0.01 ? 'skyddadFolkbokforing' : 'none',
      schoolType: next() < 0.8 ? 'GY' : 'GR',
      homeMunicipality: next() < 0.9 ? '0180' : '0114',
      enrolments: [{ schoolUnit: 'A', primary: true }],
      guardians: [{ subject: '198001139297', protection: 'none', receivesNotices: true, channels: ['sms'] }],
      identityLinks: [],
    });
    // Absence-heavy students climb the ladder; most have a few records.
    const recordCount = next() < 0.2 ? 40 + Math.floor(next() * 40) : Math.floor(next() * 20);
    for (let r = 0; r < recordCount; r += 1) {
      const date = SCHOOL_DAYS[Math.floor(next() * SCHOOL_DAYS.length)] as string;
      const first = Math.floor(next() * 5);
      const roll = next();
      const id = `s${s}r${r}`;
      if (roll < 0.45) {
        const lessons = LESSONS.slice(first, first + 1 + Math.floor(next() * 3));
        records.push(record(`PA:${id}`, date, subject, { lessons, category: 'invalid' }));
        if (next() < 0.1) {
          // A reclassification the next morning: a second version of the same record.
          const day = formatDate(addDays(dayOf(date), 1));
          records.push(record(`PA:${id}`, date, subject, { lessons, category: 'valid', version: 2, updatedAt: `${day}T09:00:00${offset(day)}`, syncedOn: day }));
        }
      } else if (roll < 0.65) {
        records.push(record(`PA:${id}`, date, subject, { lessons: [LESSONS[first] as string], minutes: 1 + Math.floor(next() * 25), category: 'late' }));
      } else if (roll < 0.85) {
        records.push(record(`PA:${id}`, date, subject, { fullDay: true, category: 'valid' }));
      } else {
        const reportedAt = `${date}T07:00:00${offset(date)}`;
        records.push(record(`PB:${id}`, date, subject, { lessons: LESSONS.slice(first), category: 'reported', reportedAt, updatedAt: reportedAt }));
      }
    }
  }
  // Built fully typed rather than parsed: validating 400 000 records would dominate the set-up.
  return {
    format: 'skolbrygga.rule-scenario/v1',
    pack: [...PACKS],
    calendar: { ...TESTCAL, schoolYears: TESTCAL.schoolYears.map((year) => ({ ...year })) },
    schoolUnits: { A: { huvudmanMunicipality: '0180' } },
    timetable: { weekly: [{ schoolUnit: 'A', weekdays: [1, 2, 3, 4, 5], lessons: FIVE_LESSONS }], extra: [] },
    students,
    records,
    parameters: {},
    runs: [RUN],
  };
}

const next = random(20_251_118);

// Warm up the JIT on a small input first, so the figure is the steady state of a nightly run.
new RuleEngine(generate(500, random(1), 0)).evaluateRun(RUN, PACKS);

let generating = 0;
let evaluating = 0;
let cpuMicros = 0;
let records = 0;
const byType = new Map<string, number>();
for (let first = 0; first < STUDENTS; first += BATCH) {
  const generatedAt = performance.now();
  const input = generate(Math.min(BATCH, STUDENTS - first), next, first);
  const startedAt = performance.now();
  const cpuBefore = process.cpuUsage();
  const { events } = new RuleEngine(input).evaluateRun(RUN, PACKS);
  const cpu = process.cpuUsage(cpuBefore);
  cpuMicros += cpu.user + cpu.system;
  evaluating += performance.now() - startedAt;
  generating += startedAt - generatedAt;
  records += input.records.length;
  for (const event of events) byType.set(event.type, (byType.get(event.type) ?? 0) + 1);
}
const seconds = evaluating / 1000;
const cpuSeconds = cpuMicros / 1e6;

process.stdout.write(
  [
    `rules bench: ${STUDENTS} students in batches of ${BATCH}, ${records} record versions, school year 2025/26, packs ${PACKS.join(' + ')}`,
    `  generated in ${(generating / 1000).toFixed(2)} s (not counted)`,
    `  evaluated in ${seconds.toFixed(2)} s → ${Math.round(STUDENTS / seconds)} students/s`,
    // On a shared machine the wall clock includes waiting for a core; CPU time is what one core spent.
    `  CPU time ${cpuSeconds.toFixed(2)} s (includes the garbage collector's helper threads) → ${Math.round(STUDENTS / cpuSeconds)} students per CPU-second`,
    `  events: ${[...byType].map(([type, n]) => `${type} ${n}`).join(', ')}`,
  ].join('\n') + '\n',
);
