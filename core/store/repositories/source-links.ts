/**
 * Source links (model §1.11): which platform record is which canonical object, and what the
 * store last knew about it. Also the deletion bookkeeping of full snapshots (DESIGN §4): what a
 * run saw, which links went missing, which were deleted at the source.
 */
import type { CanonicalType, Presence, SourceLink, SourceRef } from '../../model/index.js';
import { bulkUpsert } from '../bulk-upsert.js';
import type { BulkUpsertSpec } from '../bulk-upsert.js';
import type { Db, Row } from '../db.js';
import { sourceKey } from './canonical-entities.js';
import { assertTenantId, iso, isoOrNull } from './rows.js';

export interface SourceLinkWrite {
  source: SourceRef;
  canonicalType: CanonicalType;
  canonicalId: string;
  /** sha256 hex over the normalised source record. */
  contentHash: string;
  sourceModifiedAt?: string | null;
  mapperVersion: string;
}

export type StoredSourceLink = SourceLink & { missingRuns: number };

/** The records of one kind in one platform instance: the unit a full snapshot covers. */
export type SourceStream = Pick<SourceRef, 'sourceSystem' | 'sourceInstance' | 'sourceEntityType'>;

export interface SourceLinkUpsertOutcome {
  /** `sourceKey`s of the links, by what happened to them. */
  added: string[];
  updated: string[];
  unchanged: string[];
}

export interface ResolvedLink {
  canonicalType: CanonicalType;
  canonicalId: string;
  presence: Presence;
}

export interface MissingLink {
  source: SourceRef;
  canonicalType: CanonicalType;
  canonicalId: string;
  /** Consecutive successful full runs that did not see it (1 = first time missing). */
  missingRuns: number;
}

export interface SourceLinksRepository {
  /**
   * Records a batch of links seen in run `runId`, in one statement. A link is rewritten only when
   * its content hash, canonical id or mapper version changed, or when it was missing or deleted
   * and is back; otherwise nothing is written.
   */
  upsert(tenantId: string, runId: string, links: readonly SourceLinkWrite[]): Promise<SourceLinkUpsertOutcome>;
  /** Canonical ids for source references (refs → ids), by `sourceKey`. */
  resolve(tenantId: string, sources: readonly SourceRef[]): Promise<Map<string, ResolvedLink>>;
  listForCanonical(tenantId: string, canonicalType: CanonicalType, canonicalId: string): Promise<StoredSourceLink[]>;
  /** Notes the source ids one page of a full snapshot contained (re-recording a page replaces it). */
  recordSeen(tenantId: string, runId: string, stream: SourceStream, pageNo: number, sourceIds: readonly string[]): Promise<void>;
  /** How many present links of the stream the run has not seen, out of how many: for holds. */
  countUnseen(tenantId: string, runId: string, stream: SourceStream): Promise<{ unseen: number; present: number }>;
  /**
   * After a successful full run: every link of the stream the run did not see becomes (or stays)
   * `missing`, its missing-run count going up by one. Returns them, so the caller can tombstone
   * those that reached the threshold.
   */
  markUnseenMissing(tenantId: string, runId: string, stream: SourceStream): Promise<MissingLink[]>;
  /** Deletions the platform reported: the links become `deleted`. Returns the affected links. */
  markDeleted(tenantId: string, runId: string, sources: readonly SourceRef[]): Promise<MissingLink[]>;
  /** Of these canonical objects, the ones whose every link is deleted (model §1.12: only then tombstone). */
  withAllLinksDeleted(tenantId: string, canonicalType: CanonicalType, canonicalIds: readonly string[]): Promise<string[]>;
}

const UPSERT: BulkUpsertSpec = {
  table: 'source_links',
  columns: [
    { name: 'tenant_id', type: 'uuid' },
    { name: 'source_system', type: 'text' },
    { name: 'source_instance', type: 'text' },
    { name: 'source_entity_type', type: 'text' },
    { name: 'source_id', type: 'text' },
    { name: 'canonical_type', type: 'text' },
    { name: 'canonical_id', type: 'uuid' },
    { name: 'content_hash', type: 'text' },
    { name: 'source_modified_at', type: 'timestamptz' },
    { name: 'mapper_version', type: 'text' },
    { name: 'last_sync_run_id', type: 'uuid' },
    { name: 'presence', type: 'text' },
    { name: 'missing_since', type: 'timestamptz' },
    { name: 'missing_runs', type: 'integer' },
  ],
  conflictColumns: ['tenant_id', 'source_system', 'source_instance', 'source_entity_type', 'source_id'],
  hashColumn: 'content_hash',
  alsoUpdateWhen:
    "t.presence <> 'present' OR t.canonical_id <> EXCLUDED.canonical_id OR t.mapper_version <> EXCLUDED.mapper_version",
  setOnUpdate: {
    last_seen_at: 'now()',
    last_changed_at: 'CASE WHEN t.content_hash IS DISTINCT FROM EXCLUDED.content_hash THEN now() ELSE t.last_changed_at END',
  },
};

interface LinkRow extends Row {
  tenant_id: string;
  id: string;
  source_system: SourceRef['sourceSystem'];
  source_instance: string;
  source_entity_type: string;
  source_id: string;
  canonical_type: CanonicalType;
  canonical_id: string;
  content_hash: string;
  source_modified_at: Date | null;
  first_seen_at: Date;
  last_seen_at: Date;
  last_changed_at: Date;
  mapper_version: string;
  last_sync_run_id: string;
  presence: Presence;
  missing_since: Date | null;
  missing_runs: number;
  raw_payload_ref: string | null;
}

function sourceOf(row: Pick<LinkRow, 'source_system' | 'source_instance' | 'source_entity_type' | 'source_id'>): SourceRef {
  return {
    sourceSystem: row.source_system,
    sourceInstance: row.source_instance,
    sourceEntityType: row.source_entity_type,
    sourceId: row.source_id,
  };
}

function toLink(row: LinkRow): StoredSourceLink {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    canonicalType: row.canonical_type,
    canonicalId: row.canonical_id,
    ...sourceOf(row),
    sourceModifiedAt: isoOrNull(row.source_modified_at),
    firstSeenAt: iso(row.first_seen_at),
    lastSeenAt: iso(row.last_seen_at),
    lastChangedAt: iso(row.last_changed_at),
    contentHash: row.content_hash,
    mapperVersion: row.mapper_version,
    lastSyncRunId: row.last_sync_run_id,
    presence: row.presence,
    missingSince: isoOrNull(row.missing_since),
    rawPayloadRef: row.raw_payload_ref,
    missingRuns: row.missing_runs,
  };
}

type MissingRow = Pick<LinkRow, 'source_system' | 'source_instance' | 'source_entity_type' | 'source_id' | 'canonical_type' | 'canonical_id' | 'missing_runs'>;

function toMissing(row: MissingRow): MissingLink {
  return { source: sourceOf(row), canonicalType: row.canonical_type, canonicalId: row.canonical_id, missingRuns: row.missing_runs };
}

const MISSING_RETURNING = 'source_system, source_instance, source_entity_type, source_id, canonical_type, canonical_id, missing_runs';

/** The source ids a run saw in one stream. */
const SEEN = `
  SELECT DISTINCT seen_id FROM sync_run_seen, unnest(source_ids) AS seen_id
   WHERE tenant_id = $1 AND run_id = $2 AND source_system = $3 AND source_instance = $4 AND source_entity_type = $5`;

const IN_STREAM = 'l.tenant_id = $1 AND l.source_system = $3 AND l.source_instance = $4 AND l.source_entity_type = $5';

function sourceArrays(sources: readonly SourceRef[]): string[][] {
  return [
    sources.map((source) => source.sourceSystem),
    sources.map((source) => source.sourceInstance),
    sources.map((source) => source.sourceEntityType),
    sources.map((source) => source.sourceId),
  ];
}

export function createSourceLinksRepository(db: Db): SourceLinksRepository {
  const streamParams = (tenantId: string, runId: string, stream: SourceStream) => [
    tenantId,
    runId,
    stream.sourceSystem,
    stream.sourceInstance,
    stream.sourceEntityType,
  ];

  return {
    async upsert(tenantId, runId, links) {
      assertTenantId(tenantId);
      const rows = links.map((link) => ({
        tenant_id: tenantId,
        source_system: link.source.sourceSystem,
        source_instance: link.source.sourceInstance,
        source_entity_type: link.source.sourceEntityType,
        source_id: link.source.sourceId,
        canonical_type: link.canonicalType,
        canonical_id: link.canonicalId,
        content_hash: link.contentHash,
        source_modified_at: link.sourceModifiedAt ?? null,
        mapper_version: link.mapperVersion,
        last_sync_run_id: runId,
        presence: 'present',
        missing_since: null,
        missing_runs: 0,
      }));
      const result = await bulkUpsert<LinkRow>(db, UPSERT, rows);
      const keys = (list: readonly LinkRow[]) => list.map((row) => sourceKey(sourceOf(row)));
      return { added: keys(result.added), updated: keys(result.updated), unchanged: keys(result.unchanged) };
    },

    async resolve(tenantId, sources) {
      assertTenantId(tenantId);
      if (sources.length === 0) return new Map();
      const rows = await db.query<LinkRow>(
        `SELECT l.source_system, l.source_instance, l.source_entity_type, l.source_id, l.canonical_type, l.canonical_id, l.presence
           FROM source_links l
           JOIN unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS k(s, i, e, id)
             ON l.source_system = k.s AND l.source_instance = k.i AND l.source_entity_type = k.e AND l.source_id = k.id
          WHERE l.tenant_id = $1`,
        [tenantId, ...sourceArrays(sources)],
      );
      return new Map(
        rows.map((row) => [sourceKey(sourceOf(row)), { canonicalType: row.canonical_type, canonicalId: row.canonical_id, presence: row.presence }]),
      );
    },

    async listForCanonical(tenantId, canonicalType, canonicalId) {
      assertTenantId(tenantId);
      const rows = await db.query<LinkRow>(
        `SELECT * FROM source_links WHERE tenant_id = $1 AND canonical_type = $2 AND canonical_id = $3
          ORDER BY source_system, source_instance, source_entity_type, source_id`,
        [tenantId, canonicalType, canonicalId],
      );
      return rows.map(toLink);
    },

    async recordSeen(tenantId, runId, stream, pageNo, sourceIds) {
      assertTenantId(tenantId);
      await db.query(
        `INSERT INTO sync_run_seen (tenant_id, run_id, source_system, source_instance, source_entity_type, page_no, source_ids)
         VALUES ($1, $2, $3, $4, $5, $6, $7::text[])
         ON CONFLICT (tenant_id, run_id, source_system, source_instance, source_entity_type, page_no)
           DO UPDATE SET source_ids = EXCLUDED.source_ids`,
        [...streamParams(tenantId, runId, stream), pageNo, sourceIds],
      );
    },

    async countUnseen(tenantId, runId, stream) {
      assertTenantId(tenantId);
      const [row] = await db.query<{ unseen: number; present: number }>(
        `WITH seen AS (${SEEN})
         SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM seen WHERE seen.seen_id = l.source_id)) AS unseen,
                count(*) AS present
           FROM source_links l
          WHERE ${IN_STREAM} AND l.presence = 'present'`,
        streamParams(tenantId, runId, stream),
      );
      return { unseen: row?.unseen ?? 0, present: row?.present ?? 0 };
    },

    async markUnseenMissing(tenantId, runId, stream) {
      assertTenantId(tenantId);
      const rows = await db.query<MissingRow>(
        `WITH seen AS (${SEEN})
         UPDATE source_links l
            SET presence = 'missing', missing_since = COALESCE(l.missing_since, now()), missing_runs = l.missing_runs + 1
          WHERE ${IN_STREAM} AND l.presence IN ('present', 'missing')
            AND NOT EXISTS (SELECT 1 FROM seen WHERE seen.seen_id = l.source_id)
         RETURNING ${MISSING_RETURNING}`,
        streamParams(tenantId, runId, stream),
      );
      return rows.map(toMissing);
    },

    async markDeleted(tenantId, runId, sources) {
      assertTenantId(tenantId);
      if (sources.length === 0) return [];
      const rows = await db.query<MissingRow>(
        `UPDATE source_links l
            SET presence = 'deleted', last_sync_run_id = $2, last_seen_at = now()
           FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) AS k(s, i, e, id)
          WHERE l.tenant_id = $1 AND l.presence <> 'deleted'
            AND l.source_system = k.s AND l.source_instance = k.i AND l.source_entity_type = k.e AND l.source_id = k.id
         RETURNING ${MISSING_RETURNING.split(', ').map((column) => `l.${column}`).join(', ')}`,
        [tenantId, runId, ...sourceArrays(sources)],
      );
      return rows.map(toMissing);
    },

    async withAllLinksDeleted(tenantId, canonicalType, canonicalIds) {
      assertTenantId(tenantId);
      if (canonicalIds.length === 0) return [];
      const rows = await db.query<{ canonical_id: string }>(
        `SELECT canonical_id FROM source_links
          WHERE tenant_id = $1 AND canonical_type = $2 AND canonical_id = ANY($3::uuid[])
          GROUP BY canonical_id
         HAVING bool_and(presence = 'deleted')
          ORDER BY canonical_id`,
        [tenantId, canonicalType, canonicalIds],
      );
      return rows.map((row) => row.canonical_id);
    },
  };
}
