import { describe, expect, it } from 'vitest';
import { rngFor } from './prng.js';

const draws = (seed: string, kind: string, key: string): number[] => {
  const rng = rngFor(seed, kind, key);
  return Array.from({ length: 8 }, () => rng.nextUint32());
};

describe('seeded streams', () => {
  it('repeat for the same (seed, kind, key)', () => {
    expect(draws('s', 'pupil', 'p:U1:7')).toEqual(draws('s', 'pupil', 'p:U1:7'));
  });

  it('differ by seed, by kind and by key, and do not collide on concatenation', () => {
    const base = draws('s', 'pupil', 'p:U1:7');
    expect(draws('t', 'pupil', 'p:U1:7')).not.toEqual(base);
    expect(draws('s', 'family', 'p:U1:7')).not.toEqual(base);
    expect(draws('s', 'pupil', 'p:U1:8')).not.toEqual(base);
    expect(draws('s', 'pupi', 'lp:U1:7')).not.toEqual(base);
  });

  it('is uniform enough for rates: 4 % of 100,000 streams draw below 0.04', () => {
    let hits = 0;
    for (let index = 0; index < 100_000; index++) if (rngFor('s', 'illness', `p:U1:${index}|20521`).chance(0.04)) hits++;
    expect(hits / 100_000).toBeGreaterThan(0.037);
    expect(hits / 100_000).toBeLessThan(0.043);
  });

  it('draws integers inside inclusive bounds', () => {
    const rng = rngFor('s', 'test', 'bounds');
    const seen = new Set<number>();
    for (let index = 0; index < 2000; index++) seen.add(rng.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });
});
