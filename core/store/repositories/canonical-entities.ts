/**
 * One repository shape for every canonical entity table (organisations, persons, enrolments …).
 * A table is described once — its filter columns, its secret fields, its natural key — and the
 * generic code turns canonical objects into rows and rows back into canonical objects.
 *
 * What a row holds: the filter columns, `data` (the object without id, tenantId, status, meta and
 * its secret fields, nulls dropped), secret fields encrypted in their own columns, and
 * `content_hash` over data + status + the secrets' keyed digests. The database owns `meta`:
 * `created_at` on insert, `modified_at` only when the hash changes.
 */
import { SkolbryggaError } from '../../errors.js';
import { canonicalContent, contentHash, stableStringify } from '../../model/index.js';
import type { CanonicalType, Meta, RecordStatus, SourceRef } from '../../model/index.js';
import { bulkUpsert } from '../bulk-upsert.js';
import type { BulkUpsertResult, BulkUpsertSpec, SqlColumnType, UpsertColumn } from '../bulk-upsert.js';
import type { Db, Row, SqlParam } from '../db.js';
import { identifier } from '../sql.js';
import { assertSameTenant, assertTenantId, clampLimit, iso } from './rows.js';
import { requireSealer } from './sealer.js';
import type { SecretSealer } from './sealer.js';

export interface CanonicalEntity {
  id: string;
  tenantId: string;
  status: RecordStatus;
  meta: Meta;
}

export interface EntityColumn<E> {
  name: string;
  type: SqlColumnType;
  value: (entity: E) => unknown;
}

/** A secret field: kept out of `data`, stored encrypted in `column`. */
export interface SealedField {
  field: string;
  column: string;
  /** `json` for object values (a civic number is `{ value, nationality }`). */
  encoding: 'text' | 'json';
}

export interface EntityTableSpec<E extends CanonicalEntity> {
  table: string;
  canonicalType: CanonicalType;
  /** Columns derived from the object that queries filter on. */
  columns: readonly EntityColumn<E>[];
  sealed?: readonly SealedField[];
  /** `id`: the pipeline resolved the canonical id. `source`: the natural key is the object's `source`. */
  keyedBy: 'id' | 'source';
}

export interface UpsertOutcome {
  /** Canonical ids as stored (on a natural-key conflict: the existing row's id). */
  added: string[];
  updated: string[];
  unchanged: string[];
}

export interface ReadOptions {
  /** Decrypt secret fields back into the objects (needs the sealer). */
  unseal?: boolean;
}

export interface ListOptions extends ReadOptions {
  status?: RecordStatus;
  /** Only objects modified after this instant (exclusive), like SS 12000 `meta.modified.after`. */
  modifiedAfter?: string;
  /** Keyset cursor: the last object of the previous page. */
  after?: { modified: string; id: string };
  limit?: number;
}

export interface EntityRepository<E extends CanonicalEntity> {
  readonly spec: EntityTableSpec<E>;
  /** Writes a batch in one statement; unchanged objects are not written. */
  upsert(tenantId: string, entities: readonly E[]): Promise<UpsertOutcome>;
  get(tenantId: string, id: string, options?: ReadOptions): Promise<E | undefined>;
  getMany(tenantId: string, ids: readonly string[], options?: ReadOptions): Promise<E[]>;
  /** Ordered by (modified, id): page with `after`. */
  list(tenantId: string, options?: ListOptions): Promise<E[]>;
  /** Tombstones active objects; returns the ids that were active. */
  markDeleted(tenantId: string, ids: readonly string[]): Promise<string[]>;
}

/** `system|instance|entityType|id`: how a SourceRef is looked up in maps. */
export function sourceKey(source: SourceRef): string {
  return stableStringify([source.sourceSystem, source.sourceInstance, source.sourceEntityType, source.sourceId]);
}

export const SOURCE_COLUMNS: readonly EntityColumn<{ source: SourceRef }>[] = [
  { name: 'source_system', type: 'text', value: (entity) => entity.source.sourceSystem },
  { name: 'source_instance', type: 'text', value: (entity) => entity.source.sourceInstance },
  { name: 'source_entity_type', type: 'text', value: (entity) => entity.source.sourceEntityType },
  { name: 'source_id', type: 'text', value: (entity) => entity.source.sourceId },
];

const BASE_COLUMNS = ['tenant_id', 'id', 'status', 'data', 'created_at', 'modified_at'] as const;

interface EntityRow extends Row {
  tenant_id: string;
  id: string;
  status: RecordStatus;
  data: Record<string, unknown>;
  created_at: Date;
  modified_at: Date;
}

/** Builds the row for one object: secrets sealed, data stripped, hash computed. */
export function entityRow<E extends CanonicalEntity>(
  spec: EntityTableSpec<E>,
  tenantId: string,
  entity: E,
  sealer: SecretSealer | undefined,
): Row {
  assertSameTenant(tenantId, entity.tenantId, spec.table);
  const record = entity as unknown as Record<string, unknown>;
  const sealedColumns: Row = {};
  const digests: Record<string, string> = {};
  for (const sealed of spec.sealed ?? []) {
    const value = record[sealed.field];
    if (value === null || value === undefined) {
      sealedColumns[sealed.column] = null;
      continue;
    }
    if (sealed.encoding === 'text' && typeof value !== 'string') {
      throw new SkolbryggaError('SKB_VALIDATION', 'a secret text field holds something else', { context: { table: spec.table, field: sealed.field } });
    }
    const plaintext = typeof value === 'string' ? value : stableStringify(value);
    const activeSealer = requireSealer(sealer, spec.table);
    sealedColumns[sealed.column] = activeSealer.encrypt(tenantId, plaintext);
    digests[sealed.field] = activeSealer.digest(tenantId, plaintext);
  }
  const data = canonicalContent(record, ['id', 'tenantId', 'status', ...(spec.sealed ?? []).map((sealed) => sealed.field)]);
  const derived: Row = {};
  for (const column of spec.columns) derived[column.name] = column.value(entity) ?? null;
  return {
    tenant_id: tenantId,
    id: entity.id,
    status: entity.status,
    ...derived,
    ...sealedColumns,
    data,
    // Plaintext secrets never enter the hash: stored beside `data`, it would let anyone with the
    // table brute-force a civic number or a short reason. Their keyed digests stand in for them.
    content_hash: contentHash({ data, status: entity.status, secrets: digests }),
    deleted_at: entity.status === 'deleted' ? new Date() : null,
  };
}

export function upsertSpec<E extends CanonicalEntity>(spec: EntityTableSpec<E>): BulkUpsertSpec {
  const columns: UpsertColumn[] = [
    { name: 'tenant_id', type: 'uuid' },
    { name: 'id', type: 'uuid', onUpdate: spec.keyedBy === 'id' ? 'set' : 'keep' },
    { name: 'status', type: 'text' },
    ...spec.columns.map(({ name, type }) => ({ name, type })),
    ...(spec.sealed ?? []).map(({ column }) => ({ name: column, type: 'text' as const })),
    { name: 'data', type: 'jsonb' },
    { name: 'content_hash', type: 'text' },
    { name: 'deleted_at', type: 'timestamptz' },
  ];
  return {
    table: spec.table,
    columns,
    conflictColumns: spec.keyedBy === 'id' ? ['tenant_id', 'id'] : ['tenant_id', ...SOURCE_COLUMNS.map((column) => column.name)],
    hashColumn: 'content_hash',
    setOnUpdate: { modified_at: 'now()' },
    returning: ['id'],
    // With a natural key the stored id of an unchanged row is not the one passed in: read it.
    selectUnchanged: spec.keyedBy === 'source',
  };
}

export function toEntity<E extends CanonicalEntity>(
  spec: EntityTableSpec<E>,
  row: EntityRow,
  sealer: SecretSealer | undefined,
  unseal: boolean,
): E {
  const entity: Record<string, unknown> = {
    ...row.data,
    id: row.id,
    tenantId: row.tenant_id,
    status: row.status,
    meta: { created: iso(row.created_at), modified: iso(row.modified_at) },
  };
  if (unseal) {
    for (const sealed of spec.sealed ?? []) {
      const ciphertext = row[sealed.column];
      if (typeof ciphertext !== 'string') continue;
      const plaintext = requireSealer(sealer, spec.table).decrypt(row.tenant_id, ciphertext);
      entity[sealed.field] = sealed.encoding === 'json' ? (JSON.parse(plaintext) as unknown) : plaintext;
    }
  }
  return entity as E;
}

export function selectList<E extends CanonicalEntity>(spec: EntityTableSpec<E>, unseal: boolean): string {
  const sealedColumns = unseal ? (spec.sealed ?? []).map((sealed) => sealed.column) : [];
  return [...BASE_COLUMNS, ...sealedColumns].map(identifier).join(', ');
}

function outcomeOf(result: BulkUpsertResult<{ id: string }>): UpsertOutcome {
  const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id);
  return { added: ids(result.added), updated: ids(result.updated), unchanged: ids(result.unchanged) };
}

export function createEntityRepository<E extends CanonicalEntity>(
  db: Db,
  spec: EntityTableSpec<E>,
  sealer?: SecretSealer,
): EntityRepository<E> {
  const table = identifier(spec.table);
  const bulkSpec = upsertSpec(spec);

  const read = (tenantId: string, where: string, params: readonly SqlParam[], options: ReadOptions & { tail?: string }) =>
    queryEntities(db, spec, sealer, tenantId, where, params, options);

  return {
    spec,
    async upsert(tenantId, entities) {
      assertTenantId(tenantId);
      const rows = entities.map((entity) => entityRow(spec, tenantId, entity, sealer));
      return outcomeOf(await bulkUpsert<{ id: string }>(db, bulkSpec, rows));
    },
    async get(tenantId, id, options = {}) {
      const [entity] = await read(tenantId, 'AND id = $2', [id], options);
      return entity;
    },
    async getMany(tenantId, ids, options = {}) {
      if (ids.length === 0) return [];
      return read(tenantId, 'AND id = ANY($2::uuid[])', [ids], { ...options, tail: 'ORDER BY id' });
    },
    async list(tenantId, options = {}) {
      const conditions: string[] = [];
      const params: SqlParam[] = [];
      const param = (value: SqlParam): string => {
        params.push(value);
        return `$${params.length + 1}`;
      };
      if (options.status) conditions.push(`AND status = ${param(options.status)}`);
      if (options.modifiedAfter) conditions.push(`AND modified_at > ${param(options.modifiedAfter)}::timestamptz`);
      if (options.after) {
        conditions.push(`AND (modified_at, id) > (${param(options.after.modified)}::timestamptz, ${param(options.after.id)}::uuid)`);
      }
      const limit = clampLimit(options.limit, 1000);
      return read(tenantId, conditions.join(' '), params, { ...options, tail: `ORDER BY modified_at, id LIMIT ${limit}` });
    },
    async markDeleted(tenantId, ids) {
      assertTenantId(tenantId);
      if (ids.length === 0) return [];
      const rows = await db.query<{ id: string }>(
        `UPDATE ${table} SET status = 'deleted', deleted_at = now(), modified_at = now()
          WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND status = 'active' RETURNING id`,
        [tenantId, ids],
      );
      return rows.map((row) => row.id);
    },
  };
}

/** For repositories that add queries: the rows of one table, as objects. */
export async function queryEntities<E extends CanonicalEntity>(
  db: Db,
  spec: EntityTableSpec<E>,
  sealer: SecretSealer | undefined,
  tenantId: string,
  where: string,
  params: readonly SqlParam[],
  options: ReadOptions & { tail?: string } = {},
): Promise<E[]> {
  assertTenantId(tenantId);
  const unseal = options.unseal === true;
  const rows = await db.query<EntityRow>(
    `SELECT ${selectList(spec, unseal)} FROM ${identifier(spec.table)} WHERE tenant_id = $1 ${where} ${options.tail ?? ''}`,
    [tenantId, ...params],
  );
  return rows.map((row) => toEntity(spec, row, sealer, unseal));
}

// ── Tables keyed by the source reference (absence records, leave applications) ─────────────

export interface SourcedUpsertOutcome extends UpsertOutcome {
  /** The stored id for each source reference in the batch, by `sourceKey`. */
  idBySource: Map<string, string>;
}

export interface SourcedEntityRepository<E extends CanonicalEntity & { source: SourceRef }>
  extends Omit<EntityRepository<E>, 'upsert'> {
  /**
   * Upserts on (tenant, source system, instance, entity type, source id): a reclassification
   * updates the same row and keeps its id; the id of a new object is the one passed in.
   */
  upsert(tenantId: string, entities: readonly E[]): Promise<SourcedUpsertOutcome>;
  getBySources(tenantId: string, sources: readonly SourceRef[], options?: ReadOptions): Promise<E[]>;
}

interface SourcedRow extends Row {
  id: string;
  source_system: string;
  source_instance: string;
  source_entity_type: string;
  source_id: string;
}

function sourceOfRow(row: SourcedRow): SourceRef {
  return {
    sourceSystem: row.source_system as SourceRef['sourceSystem'],
    sourceInstance: row.source_instance,
    sourceEntityType: row.source_entity_type,
    sourceId: row.source_id,
  };
}

export function createSourcedEntityRepository<E extends CanonicalEntity & { source: SourceRef }>(
  db: Db,
  spec: EntityTableSpec<E>,
  sealer?: SecretSealer,
): SourcedEntityRepository<E> {
  const base = createEntityRepository(db, spec, sealer);
  const bulkSpec = upsertSpec(spec);
  return {
    ...base,
    async upsert(tenantId, entities) {
      assertTenantId(tenantId);
      const rows = entities.map((entity) => entityRow(spec, tenantId, entity, sealer));
      const result = await bulkUpsert<SourcedRow>(db, bulkSpec, rows);
      const idBySource = new Map<string, string>();
      for (const row of [...result.added, ...result.updated, ...result.unchanged]) {
        idBySource.set(sourceKey(sourceOfRow(row)), row.id);
      }
      return { ...outcomeOf(result), idBySource };
    },
    async getBySources(tenantId, sources, options = {}) {
      if (sources.length === 0) return [];
      return queryEntities(
        db,
        spec,
        sealer,
        tenantId,
        `AND (source_system, source_instance, source_entity_type, source_id) IN (
           SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]))`,
        [
          sources.map((source) => source.sourceSystem),
          sources.map((source) => source.sourceInstance),
          sources.map((source) => source.sourceEntityType),
          sources.map((source) => source.sourceId),
        ],
        { ...options, tail: 'ORDER BY id' },
      );
    },
  };
}
