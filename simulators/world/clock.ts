/**
 * The simulated clock of one world. It stands still unless moved, never moves backwards, and
 * remembers the latest snapshot time each platform handed out, so an injected event can be
 * stamped after it (platforms README §4.1) and always shows in the next run.
 */
import type { PlatformKey } from './units.js';

export class WorldClockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorldClockError';
  }
}

export class WorldClock {
  private current: number;
  private readonly snapshots = new Map<PlatformKey, number>();

  constructor(now: number) {
    this.current = now;
  }

  now(): number {
    return this.current;
  }

  /** Moves the clock; a time before the current one is refused (simulators answer 409). */
  set(instant: number): void {
    if (instant < this.current) throw new WorldClockError('the clock cannot move backwards');
    this.current = instant;
  }

  advance(milliseconds: number): void {
    this.set(this.current + milliseconds);
  }

  noteSnapshot(platform: PlatformKey, instant: number): void {
    this.snapshots.set(platform, Math.max(instant, this.snapshots.get(platform) ?? -Infinity));
  }

  lastSnapshot(platform: PlatformKey): number | null {
    return this.snapshots.get(platform) ?? null;
  }

  /** When an injected event is stamped: max(now, last snapshot + 1 s). The clock follows it. */
  stampInjection(platform: PlatformKey): number {
    const last = this.lastSnapshot(platform);
    const stamp = Math.max(this.current, last === null ? -Infinity : last + 1000);
    this.current = stamp;
    return stamp;
  }
}
