/**
 * The connector contract (DESIGN §3): a manifest, `check()`, and `read(stream, checkpoint)` as an
 * async iterator of pages. The pipeline above a connector sees only this.
 */
import { z } from 'zod';
import { StreamNameSchema } from '../../core/model/index.js';
import type { SourceRecord, SourceSystem, StreamName } from '../../core/model/index.js';
import type { ConnectorError } from './errors.js';

export { StreamNameSchema };
export type { StreamName };

/**
 * Any JSON value. A connector narrows it with its own `checkpointSchema`; every cursor inside is a
 * value the server sent (snapshot time, window end, `meta.modified`, page token), never the local clock.
 */
export const CheckpointSchema = z.json();
export type Checkpoint = z.infer<typeof CheckpointSchema>;

/** One record that failed validation or mapping. Names the record by source id and the field by path only. */
export const QuarantineEntrySchema = z.strictObject({
  platform: z.string().min(1),
  stream: StreamNameSchema,
  /** The platform's id of the record, or `""` when even the id is unreadable. */
  sourceId: z.string(),
  /** Path relative to the record, e.g. `personalIdentityNumber` or `studentUnits[0].schoolYear`. */
  field: z.string(),
  message: z.string(),
});
export type QuarantineEntry = z.infer<typeof QuarantineEntrySchema>;

export interface Page<C extends Checkpoint = Checkpoint> {
  readonly records: SourceRecord[];
  readonly quarantined: QuarantineEntry[];
  /** Where to resume after this page; persisted only once the page is stored. */
  readonly checkpoint: C;
}

export interface ConnectorManifest<C extends Checkpoint = Checkpoint> {
  readonly platform: SourceSystem;
  readonly streams: readonly StreamName[];
  /** Bumped whenever a mapping changes, so stored raw codes can be replayed. */
  readonly mapperVersion: string;
  /** The platform file's "Request budget" formula, in words (e.g. `3 + 1 + ceil(changed / 500) per stream`). */
  readonly requestBudget: string;
  readonly checkpointSchema: z.ZodType<C>;
}

export type CheckResult =
  | { readonly ok: true; readonly requests: number }
  | { readonly ok: false; readonly requests: number; readonly error: ConnectorError };

export interface Connector<C extends Checkpoint = Checkpoint> {
  readonly manifest: ConnectorManifest<C>;
  /** Logs in and makes one cheap read: are the credentials good and the platform reachable? */
  check(): Promise<CheckResult>;
  /**
   * Reads one stream from `checkpoint` (null: from the beginning, a backfill). Throws a
   * `ConnectorError` when the stream cannot go on; other streams are read independently.
   */
  read(stream: StreamName, checkpoint: C | null): AsyncIterable<Page<C>>;
  /** Requests sent so far (logins and retries included), for budgets and the run summary. */
  requestCount(): number;
}

/** Validates a stored checkpoint against the connector's schema before a read resumes from it. */
export function parseCheckpoint<C extends Checkpoint>(manifest: ConnectorManifest<C>, value: unknown): C | null {
  if (value === null || value === undefined) return null;
  return manifest.checkpointSchema.parse(value);
}
