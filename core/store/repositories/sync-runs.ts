/** Sync runs and their per platform × stream statistics (DESIGN §4, §8). */
import { z } from 'zod';
import { SkolbryggaError } from '../../errors.js';
import { SyncModeSchema } from '../../model/index.js';
import type { Db, Row, SqlParam } from '../db.js';
import { assertTenantId, clampLimit, iso, isoOrNull } from './rows.js';

export const SyncRunStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'held', 'discarded']);
export type SyncRunStatus = z.infer<typeof SyncRunStatusSchema>;
export const SyncTriggerSchema = z.enum(['schedule', 'manual', 'api', 'cli', 'demo', 'retry']);
export type SyncTrigger = z.infer<typeof SyncTriggerSchema>;
export const StreamStatusSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'skipped']);
export type StreamStatus = z.infer<typeof StreamStatusSchema>;

export const NewSyncRunSchema = z.strictObject({
  mode: SyncModeSchema,
  trigger: SyncTriggerSchema,
  /** Set when the run covers one platform only. */
  platform: z.string().min(1).nullish(),
});
export type NewSyncRun = z.infer<typeof NewSyncRunSchema>;

/** An error as a run records it: the catalog code and a message without personal data. */
export interface RunError {
  code: string;
  message: string;
}

export interface SyncRun {
  id: string;
  tenantId: string;
  status: SyncRunStatus;
  mode: NewSyncRun['mode'];
  trigger: SyncTrigger;
  platform: string | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: RunError | null;
}

export interface StreamCounts {
  pages: number;
  added: number;
  updated: number;
  unchanged: number;
  deleted: number;
  quarantined: number;
}

export interface SyncRunStream extends StreamCounts {
  runId: string;
  platform: string;
  stream: string;
  status: StreamStatus;
  startedAt: string | null;
  finishedAt: string | null;
  error: RunError | null;
}

export interface SyncRunsRepository {
  create(tenantId: string, run: NewSyncRun): Promise<SyncRun>;
  /** queued → running. */
  start(tenantId: string, runId: string): Promise<SyncRun>;
  /** Ends a run (succeeded, failed, held) or decides a held one (succeeded after approval, discarded). */
  finish(tenantId: string, runId: string, status: Exclude<SyncRunStatus, 'queued' | 'running'>, error?: RunError): Promise<SyncRun>;
  get(tenantId: string, runId: string): Promise<SyncRun | undefined>;
  /** Newest first. */
  listRecent(tenantId: string, options?: { limit?: number; platform?: string }): Promise<SyncRun[]>;
  /** Starts (or restarts, after a crash) one stream of a run. */
  startStream(tenantId: string, runId: string, platform: string, stream: string): Promise<void>;
  /** Adds one page's counts; call in the page's transaction. */
  addStreamCounts(tenantId: string, runId: string, platform: string, stream: string, counts: Partial<StreamCounts>): Promise<void>;
  finishStream(tenantId: string, runId: string, platform: string, stream: string, status: Exclude<StreamStatus, 'queued' | 'running'>, error?: RunError): Promise<void>;
  listStreams(tenantId: string, runId: string): Promise<SyncRunStream[]>;
}

interface RunRow extends Row {
  id: string;
  tenant_id: string;
  status: SyncRunStatus;
  mode: NewSyncRun['mode'];
  trigger: SyncTrigger;
  platform: string | null;
  queued_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  error_code: string | null;
  error_message: string | null;
}

interface StreamRow extends Row, StreamCounts {
  run_id: string;
  platform: string;
  stream: string;
  status: StreamStatus;
  started_at: Date | null;
  finished_at: Date | null;
  error_code: string | null;
  error_message: string | null;
}

function errorOf(row: { error_code: string | null; error_message: string | null }): RunError | null {
  return row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' };
}

function toRun(row: RunRow): SyncRun {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    status: row.status,
    mode: row.mode,
    trigger: row.trigger,
    platform: row.platform,
    queuedAt: iso(row.queued_at),
    startedAt: isoOrNull(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
    error: errorOf(row),
  };
}

function toStream(row: StreamRow): SyncRunStream {
  return {
    runId: row.run_id,
    platform: row.platform,
    stream: row.stream,
    status: row.status,
    pages: row.pages,
    added: row.added,
    updated: row.updated,
    unchanged: row.unchanged,
    deleted: row.deleted,
    quarantined: row.quarantined,
    startedAt: isoOrNull(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
    error: errorOf(row),
  };
}

const RUN_COLUMNS = 'id, tenant_id, status, mode, trigger, platform, queued_at, started_at, finished_at, error_code, error_message';
const COUNT_FIELDS = ['pages', 'added', 'updated', 'unchanged', 'deleted', 'quarantined'] as const;

/** Which statuses a run may move to from which. */
const FINISHABLE_FROM: Record<Exclude<SyncRunStatus, 'queued' | 'running'>, readonly SyncRunStatus[]> = {
  succeeded: ['running', 'held'],
  failed: ['queued', 'running'],
  held: ['running'],
  discarded: ['held'],
};

export function createSyncRunsRepository(db: Db): SyncRunsRepository {
  async function transition(tenantId: string, runId: string, set: string, from: readonly SyncRunStatus[], params: readonly SqlParam[]): Promise<SyncRun> {
    assertTenantId(tenantId);
    const [row] = await db.query<RunRow>(
      `UPDATE sync_runs SET ${set} WHERE tenant_id = $1 AND id = $2 AND status = ANY($3::text[]) RETURNING ${RUN_COLUMNS}`,
      [tenantId, runId, from, ...params],
    );
    if (row) return toRun(row);
    const [current] = await db.query<{ status: string }>('SELECT status FROM sync_runs WHERE tenant_id = $1 AND id = $2', [tenantId, runId]);
    if (!current) throw new SkolbryggaError('SKB_NOT_FOUND', 'sync run not found', { context: { runId } });
    throw new SkolbryggaError('SKB_CONFLICT', 'the sync run is not in a state that allows this', {
      context: { runId, status: current.status },
    });
  }

  return {
    async create(tenantId, run) {
      assertTenantId(tenantId);
      const parsed = NewSyncRunSchema.parse(run);
      const [row] = await db.query<RunRow>(
        `INSERT INTO sync_runs (tenant_id, mode, trigger, platform) VALUES ($1, $2, $3, $4) RETURNING ${RUN_COLUMNS}`,
        [tenantId, parsed.mode, parsed.trigger, parsed.platform ?? null],
      );
      return toRun(row!);
    },
    start(tenantId, runId) {
      return transition(tenantId, runId, "status = 'running', started_at = now()", ['queued'], []);
    },
    finish(tenantId, runId, status, error) {
      return transition(
        tenantId,
        runId,
        'status = $4, finished_at = now(), error_code = $5, error_message = $6',
        FINISHABLE_FROM[status],
        [status, error?.code ?? null, error?.message ?? null],
      );
    },
    async get(tenantId, runId) {
      assertTenantId(tenantId);
      const [row] = await db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM sync_runs WHERE tenant_id = $1 AND id = $2`, [tenantId, runId]);
      return row ? toRun(row) : undefined;
    },
    async listRecent(tenantId, options = {}) {
      assertTenantId(tenantId);
      const rows = await db.query<RunRow>(
        `SELECT ${RUN_COLUMNS} FROM sync_runs WHERE tenant_id = $1 AND ($2::text IS NULL OR platform = $2)
          ORDER BY queued_at DESC, id LIMIT ${clampLimit(options.limit, 50, 1000)}`,
        [tenantId, options.platform ?? null],
      );
      return rows.map(toRun);
    },
    async startStream(tenantId, runId, platform, stream) {
      assertTenantId(tenantId);
      // A restart after a crash keeps the counts of the pages already committed.
      await db.query(
        `INSERT INTO sync_run_streams (tenant_id, run_id, platform, stream, status, started_at)
         VALUES ($1, $2, $3, $4, 'running', now())
         ON CONFLICT (tenant_id, run_id, platform, stream)
           DO UPDATE SET status = 'running', finished_at = NULL, error_code = NULL, error_message = NULL`,
        [tenantId, runId, platform, stream],
      );
    },
    async addStreamCounts(tenantId, runId, platform, stream, counts) {
      assertTenantId(tenantId);
      const increments = COUNT_FIELDS.map((field) => {
        const value = counts[field] ?? 0;
        if (!Number.isInteger(value) || value < 0) throw new SkolbryggaError('SKB_VALIDATION', 'stream counts must be non-negative integers', { context: { field } });
        return value;
      });
      const rows = await db.query(
        `UPDATE sync_run_streams
            SET ${COUNT_FIELDS.map((field, index) => `${field} = ${field} + $${index + 5}`).join(', ')}
          WHERE tenant_id = $1 AND run_id = $2 AND platform = $3 AND stream = $4
         RETURNING run_id`,
        [tenantId, runId, platform, stream, ...increments],
      );
      if (rows.length === 0) throw new SkolbryggaError('SKB_NOT_FOUND', 'stream not started in this run', { context: { runId, platform, stream } });
    },
    async finishStream(tenantId, runId, platform, stream, status, error) {
      assertTenantId(tenantId);
      const rows = await db.query(
        `UPDATE sync_run_streams SET status = $5, finished_at = now(), error_code = $6, error_message = $7
          WHERE tenant_id = $1 AND run_id = $2 AND platform = $3 AND stream = $4 RETURNING run_id`,
        [tenantId, runId, platform, stream, status, error?.code ?? null, error?.message ?? null],
      );
      if (rows.length === 0) throw new SkolbryggaError('SKB_NOT_FOUND', 'stream not started in this run', { context: { runId, platform, stream } });
    },
    async listStreams(tenantId, runId) {
      assertTenantId(tenantId);
      const rows = await db.query<StreamRow>(
        'SELECT * FROM sync_run_streams WHERE tenant_id = $1 AND run_id = $2 ORDER BY platform, stream',
        [tenantId, runId],
      );
      return rows.map(toStream);
    },
  };
}
