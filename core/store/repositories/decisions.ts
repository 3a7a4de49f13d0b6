/**
 * Rule decisions (rules §2.6, §8): the latest state of every event a pack has emitted, so the next
 * run can diff against it. One row per (tenant, pack, event id); each change bumps `version`.
 *
 * `eventId` must be the event's identity in pseudonymous form — its subject part replaced by the
 * subject's keyed hash — because the engine's raw identity contains the civic number.
 */
import { z } from 'zod';
import { DateSchema } from '../../model/index.js';
import { bulkUpsert } from '../bulk-upsert.js';
import type { BulkUpsertSpec } from '../bulk-upsert.js';
import type { Db, Row, SqlParam } from '../db.js';
import { assertTenantId, clampLimit, iso, isoOrNull } from './rows.js';

export const RuleEventStatusSchema = z.enum(['issued', 'amended', 'retracted']);
export type RuleEventStatus = z.infer<typeof RuleEventStatusSchema>;

export const DecisionWriteSchema = z.strictObject({
  pack: z.string().min(1),
  eventId: z.string().min(1),
  eventType: z.string().min(1),
  subjectKeyHash: z.string().min(1),
  studentId: z.uuid().nullable(),
  triggerDate: DateSchema,
  status: RuleEventStatusSchema,
  recipient: z.string().min(1),
  details: z.record(z.string(), z.unknown()),
  evidenceRecordIds: z.string().array(),
  protectedIdentity: z.boolean(),
  /** Hash of the normative fields (rules §8): a change is an amendment. */
  contentHash: z.string().min(1),
});
export type DecisionWrite = z.infer<typeof DecisionWriteSchema>;

export interface Decision extends DecisionWrite {
  id: string;
  version: number;
  lastRunId: string | null;
  firstIssuedAt: string;
  updatedAt: string;
  retractedAt: string | null;
}

export interface DecisionUpsertOutcome {
  /** Event ids, by what happened to them. */
  added: string[];
  updated: string[];
  unchanged: string[];
}

export interface DecisionFilter {
  pack?: string;
  studentId?: string;
  eventType?: string;
  /** `current`: everything not retracted. */
  status?: RuleEventStatus | 'current';
  limit?: number;
}

export interface DecisionsRepository {
  /** Stores a run's changes in one statement; a row is rewritten only if its hash or status changed. */
  upsert(tenantId: string, runId: string | null, decisions: readonly DecisionWrite[]): Promise<DecisionUpsertOutcome>;
  get(tenantId: string, pack: string, eventId: string): Promise<Decision | undefined>;
  /** The stored events of some subjects: what a new evaluation is diffed against. */
  listForSubjects(tenantId: string, pack: string, subjectKeyHashes: readonly string[]): Promise<Decision[]>;
  /** Ordered by trigger date (newest first), type and event id. */
  list(tenantId: string, filter?: DecisionFilter): Promise<Decision[]>;
}

const UPSERT: BulkUpsertSpec = {
  table: 'decisions',
  columns: [
    { name: 'tenant_id', type: 'uuid' },
    { name: 'pack', type: 'text' },
    { name: 'event_id', type: 'text' },
    { name: 'event_type', type: 'text' },
    { name: 'subject_key_hash', type: 'text' },
    { name: 'student_id', type: 'uuid' },
    { name: 'trigger_date', type: 'date' },
    { name: 'status', type: 'text' },
    { name: 'recipient', type: 'text' },
    { name: 'details', type: 'jsonb' },
    { name: 'evidence_record_ids', type: 'text[]' },
    { name: 'protected_identity', type: 'boolean' },
    { name: 'content_hash', type: 'text' },
    { name: 'last_run_id', type: 'uuid' },
    { name: 'retracted_at', type: 'timestamptz', onUpdate: 'keep' },
  ],
  conflictColumns: ['tenant_id', 'pack', 'event_id'],
  hashColumn: 'content_hash',
  alsoUpdateWhen: 't.status IS DISTINCT FROM EXCLUDED.status',
  setOnUpdate: {
    version: 't.version + 1',
    updated_at: 'now()',
    retracted_at: "CASE WHEN EXCLUDED.status = 'retracted' THEN now() ELSE NULL END",
  },
};

interface DecisionRow extends Row {
  id: string;
  pack: string;
  event_id: string;
  event_type: string;
  subject_key_hash: string;
  student_id: string | null;
  trigger_date: string;
  status: RuleEventStatus;
  recipient: string;
  details: Record<string, unknown>;
  evidence_record_ids: string[];
  protected_identity: boolean;
  content_hash: string;
  version: number;
  last_run_id: string | null;
  first_issued_at: Date;
  updated_at: Date;
  retracted_at: Date | null;
}

function toDecision(row: DecisionRow): Decision {
  return {
    id: row.id,
    pack: row.pack,
    eventId: row.event_id,
    eventType: row.event_type,
    subjectKeyHash: row.subject_key_hash,
    studentId: row.student_id,
    triggerDate: row.trigger_date,
    status: row.status,
    recipient: row.recipient,
    details: row.details,
    evidenceRecordIds: row.evidence_record_ids,
    protectedIdentity: row.protected_identity,
    contentHash: row.content_hash,
    version: row.version,
    lastRunId: row.last_run_id,
    firstIssuedAt: iso(row.first_issued_at),
    updatedAt: iso(row.updated_at),
    retractedAt: isoOrNull(row.retracted_at),
  };
}

export function createDecisionsRepository(db: Db): DecisionsRepository {
  return {
    async upsert(tenantId, runId, decisions) {
      assertTenantId(tenantId);
      const now = new Date();
      const rows = decisions.map((input) => {
        const decision = DecisionWriteSchema.parse(input);
        return {
          tenant_id: tenantId,
          pack: decision.pack,
          event_id: decision.eventId,
          event_type: decision.eventType,
          subject_key_hash: decision.subjectKeyHash,
          student_id: decision.studentId,
          trigger_date: decision.triggerDate,
          status: decision.status,
          recipient: decision.recipient,
          details: decision.details,
          // A set (rules §8): stored sorted so equal sets look equal.
          evidence_record_ids: [...decision.evidenceRecordIds].sort(),
          protected_identity: decision.protectedIdentity,
          content_hash: decision.contentHash,
          last_run_id: runId,
          retracted_at: decision.status === 'retracted' ? now : null,
        };
      });
      const result = await bulkUpsert<{ event_id: string }>(db, UPSERT, rows);
      const ids = (list: readonly { event_id: string }[]) => list.map((row) => row.event_id);
      return { added: ids(result.added), updated: ids(result.updated), unchanged: ids(result.unchanged) };
    },
    async get(tenantId, pack, eventId) {
      assertTenantId(tenantId);
      const [row] = await db.query<DecisionRow>('SELECT * FROM decisions WHERE tenant_id = $1 AND pack = $2 AND event_id = $3', [
        tenantId,
        pack,
        eventId,
      ]);
      return row ? toDecision(row) : undefined;
    },
    async listForSubjects(tenantId, pack, subjectKeyHashes) {
      assertTenantId(tenantId);
      if (subjectKeyHashes.length === 0) return [];
      const rows = await db.query<DecisionRow>(
        `SELECT * FROM decisions WHERE tenant_id = $1 AND pack = $2 AND subject_key_hash = ANY($3::text[])
          ORDER BY subject_key_hash, event_id`,
        [tenantId, pack, subjectKeyHashes],
      );
      return rows.map(toDecision);
    },
    async list(tenantId, filter = {}) {
      assertTenantId(tenantId);
      const params: SqlParam[] = [tenantId, filter.pack ?? null, filter.studentId ?? null, filter.eventType ?? null];
      let status = '';
      if (filter.status === 'current') status = "AND status <> 'retracted'";
      else if (filter.status) {
        params.push(filter.status);
        status = 'AND status = $5';
      }
      const rows = await db.query<DecisionRow>(
        `SELECT * FROM decisions
          WHERE tenant_id = $1 AND ($2::text IS NULL OR pack = $2) AND ($3::uuid IS NULL OR student_id = $3)
            AND ($4::text IS NULL OR event_type = $4) ${status}
          ORDER BY trigger_date DESC, event_type, event_id LIMIT ${clampLimit(filter.limit, 500)}`,
        params,
      );
      return rows.map(toDecision);
    },
  };
}
