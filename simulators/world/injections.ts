/**
 * What `POST /_control/events` added to one world: new records, changes to generated records,
 * ended relations and deleted persons. Generated rows consult this store as they are built, so an
 * injected change shows in every query from its stamp on. Injections live in memory only; they
 * are few, and a `reset` clears them with the world.
 */
import type { RegistrationType, Validity, AttendanceBuckets } from './types.js';
import type { RowTimeline, StreamName } from './rows.js';
import { sliceKey } from './units.js';
import type { Slice } from './units.js';

export interface RecordPatch {
  readonly at: number;
  readonly type?: RegistrationType;
  readonly validity?: Validity;
  readonly minutes?: number;
  readonly buckets?: AttendanceBuckets;
  /** Registrations: withdrawn (Skola24 `Deleted`); notices: cancelled. */
  readonly deleted?: boolean;
}

/** Where and when a generated day-anchored row was patched: its anchor day and the patch's stamp. */
export interface PatchedDay {
  readonly day: number;
  readonly at: number;
}

export class InjectionStore {
  private readonly relationEnds = new Map<string, number>();
  private readonly deletions = new Map<string, number>();
  private readonly patchesByRow = new Map<string, RecordPatch[]>();
  private readonly patchedDaysByStream = new Map<string, PatchedDay[]>();
  private readonly rowsByStream = new Map<string, RowTimeline[]>();
  private readonly sequences = new Map<string, number>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Next sequence number of injected records in a slice (ordered ids count down with it). */
  nextSequence(slice: Slice): number {
    const key = sliceKey(slice);
    const next = this.sequences.get(key) ?? 0;
    this.sequences.set(key, next + 1);
    return next;
  }

  endRelation(slice: Slice, guardianKey: string, pupilKey: string, at: number): void {
    this.relationEnds.set(`${sliceKey(slice)}|${guardianKey}>${pupilKey}`, at);
    this.count++;
  }

  relationEndedAt(slice: Slice, guardianKey: string, pupilKey: string): number | null {
    return this.relationEnds.get(`${sliceKey(slice)}|${guardianKey}>${pupilKey}`) ?? null;
  }

  deletePerson(slice: Slice, worldKey: string, at: number): void {
    this.deletions.set(`${sliceKey(slice)}|${worldKey}`, at);
    this.count++;
  }

  personDeletedAt(slice: Slice, worldKey: string): number | null {
    return this.deletions.get(`${sliceKey(slice)}|${worldKey}`) ?? null;
  }

  /**
   * Patch a generated row. `anchorDay` is the school day whose outcome produces it (its date:
   * a notice's first day, a lesson's date); null for rows no day anchors.
   */
  patch(slice: Slice, stream: StreamName, rowKey: string, anchorDay: number | null, patch: RecordPatch): void {
    const key = `${sliceKey(slice)}|${stream}|${rowKey}`;
    const list = this.patchesByRow.get(key) ?? [];
    list.push(patch);
    this.patchesByRow.set(key, list);
    if (anchorDay !== null) {
      const streamKey = `${sliceKey(slice)}|${stream}`;
      const days = this.patchedDaysByStream.get(streamKey) ?? [];
      days.push({ day: anchorDay, at: patch.at });
      this.patchedDaysByStream.set(streamKey, days);
    }
    this.count++;
  }

  /**
   * Anchor days of every patch in a slice stream. A patch can come long after its row's own
   * events, so a change query must sweep these days too, not only the days near its window.
   */
  patchedDays(slice: Slice, stream: StreamName): readonly PatchedDay[] {
    return this.patchedDaysByStream.get(`${sliceKey(slice)}|${stream}`) ?? [];
  }

  patches(slice: Slice, stream: StreamName, rowKey: string): readonly RecordPatch[] {
    return this.patchesByRow.get(`${sliceKey(slice)}|${stream}|${rowKey}`) ?? [];
  }

  addRow(slice: Slice, row: RowTimeline): void {
    const key = `${sliceKey(slice)}|${row.stream}`;
    const list = this.rowsByStream.get(key) ?? [];
    list.push(row);
    this.rowsByStream.set(key, list);
    this.count++;
  }

  rows(slice: Slice, stream: StreamName): readonly RowTimeline[] {
    return this.rowsByStream.get(`${sliceKey(slice)}|${stream}`) ?? [];
  }

  /** Apply patches to a row injected earlier (its key is in this store). */
  replaceRow(slice: Slice, row: RowTimeline): void {
    const key = `${sliceKey(slice)}|${row.stream}`;
    const list = this.rowsByStream.get(key) ?? [];
    const index = list.findIndex((candidate) => candidate.key === row.key);
    if (index >= 0) list[index] = row;
  }
}
