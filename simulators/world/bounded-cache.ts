/**
 * A bounded memo that forgets the entries it learnt first. The world recomputes everything from
 * keys; caches only save work, and their bound keeps a 150,000-pupil world's memory flat. Reads
 * do not reorder entries: the world reads in sweeps, where first-in-first-out does as well as
 * least-recently-used and costs less.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  getOrCompute(key: K, compute: () => V): V {
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const value = compute();
    this.set(key, value);
    return value;
  }
}
