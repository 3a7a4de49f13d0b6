/**
 * The world's only source of randomness. Every entity draws from its own stream, keyed by
 * (seed, entity kind, world key): a 128-bit hash of `kind\0key`, started from a state that
 * SHA-256 derives from the seed, seeds a small sfc32 generator. Streams are independent, so
 * adding a pupil, a day or a lesson never shifts what another one draws, and anything can be
 * recomputed alone, in any order, in any process. (The per-key hash is cyrb128 rather than
 * SHA-256: a year of pupil-days draws millions of streams, and this is ten times faster.)
 */
import { createHash } from 'node:crypto';

export type WorldSeed = string;

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), 32-bit state words. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(words: readonly [number, number, number, number]) {
    [this.a, this.b, this.c, this.d] = words;
    // A hash-derived state is already mixed; eight rounds more cost little.
    for (let round = 0; round < 8; round++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    let point = this.next() * total;
    for (const [value, weight] of entries) {
      point -= weight;
      if (point < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (last === undefined) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }
}

const seedStates = new Map<WorldSeed, readonly [number, number, number, number]>();

function seedState(seed: WorldSeed): readonly [number, number, number, number] {
  let state = seedStates.get(seed);
  if (!state) {
    const digest = createHash('sha256').update(`skolbrygga-world-seed\u0000${seed}`).digest();
    state = [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)];
    seedStates.set(seed, state);
  }
  return state;
}

/** cyrb128 (bryc, public domain), started from the seed's state instead of fixed constants. */
function hash128(start: readonly [number, number, number, number], text: string): [number, number, number, number] {
  let [h1, h2, h3, h4] = start;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = h2 ^ Math.imul(h1 ^ code, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ code, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ code, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ code, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** The stream for one entity: `rngFor(seed, 'pupilDay', 'p:U1:7|20521')`. */
export function rngFor(seed: WorldSeed, kind: string, key: string): Rng {
  return new Rng(hash128(seedState(seed), `${kind}\u0000${key}`));
}
