/**
 * Store bookkeeping around the entities: the provenance crosswalk (model §1.11), the deletion
 * log (model §1.12) and per-stream sync cursors (model §1.13). These exist only in canonical
 * form: connectors never emit them.
 */
import { z } from 'zod';
import { DeletionReasonSchema, PresenceSchema, SourceSystemSchema, SyncModeSchema } from './enums.js';
import { CanonicalTypeSchema } from './entity-types.js';
import {
  DateTimeSchema,
  IdSchema,
  NonEmptyStringSchema,
  Sha256HexSchema,
  SourceRefSchema,
} from './value-objects.js';

/** (source system, instance, entity type, source id) → canonical id, unique within a tenant. */
export const SourceLinkSchema = z.strictObject({
  id: IdSchema,
  tenantId: IdSchema,
  canonicalType: CanonicalTypeSchema,
  canonicalId: IdSchema,
  ...SourceRefSchema.shape,
  /** The platform's own timestamp (SS 12000 `meta.modified`, OneRoster `dateLastModified`). */
  sourceModifiedAt: DateTimeSchema.nullish(),
  firstSeenAt: DateTimeSchema,
  lastSeenAt: DateTimeSchema,
  /** The last time `contentHash` changed. */
  lastChangedAt: DateTimeSchema,
  /** Over the normalised source record: see `canonicalContent` and `contentHash`. */
  contentHash: Sha256HexSchema,
  /** Version of the mapping code that produced the canonical object. */
  mapperVersion: NonEmptyStringSchema,
  lastSyncRunId: IdSchema,
  presence: PresenceSchema,
  missingSince: DateTimeSchema.nullish(),
  /** Pointer into an encrypted raw store with short retention, if raw payloads are kept at all. */
  rawPayloadRef: NonEmptyStringSchema.nullish(),
});
export type SourceLink = z.infer<typeof SourceLinkSchema>;

/** What `/deletedEntities` is served from; survives retention purge, so it holds no personal data. */
export const DeletionLogEntrySchema = z
  .strictObject({
    id: IdSchema,
    tenantId: IdSchema,
    entityType: CanonicalTypeSchema,
    entityId: IdSchema,
    deletedAt: DateTimeSchema,
    reason: DeletionReasonSchema,
    /** The surviving Person when two turned out to be the same. */
    mergedIntoId: IdSchema.nullish(),
    /** e.g. `ss12000:deletedEntities`, `oneroster:tobedeleted`, `snapshot-missing x3`. */
    evidence: NonEmptyStringSchema.nullish(),
  })
  .superRefine((entry, ctx) => {
    if (entry.reason === 'merged' && entry.mergedIntoId == null) {
      ctx.addIssue({
        code: 'custom',
        path: ['mergedIntoId'],
        message: 'mergedIntoId is required when reason is merged',
      });
    }
  });
export type DeletionLogEntry = z.infer<typeof DeletionLogEntrySchema>;

/**
 * Where a stream resumes. Both cursor values are the server's, never the local clock: the
 * simulators (and real platforms) may run on a different clock from ours.
 */
export const SyncCursorSchema = z.strictObject({
  tenantId: IdSchema,
  sourceSystem: SourceSystemSchema,
  sourceInstance: NonEmptyStringSchema,
  /** The platform resource or stream the cursor belongs to (`absences`, `/persons`…). */
  resourceType: NonEmptyStringSchema,
  mode: SyncModeSchema,
  startedAt: DateTimeSchema,
  completedAt: DateTimeSchema.nullish(),
  /** Largest `meta.modified` / `dateLastModified` / changeVersion seen, as the server wrote it. */
  cursorValue: NonEmptyStringSchema.nullish(),
  /** The server's `Date` of the previous run's first `/deletedEntities` response. */
  deletedEntitiesCheckpoint: DateTimeSchema.nullish(),
});
export type SyncCursor = z.infer<typeof SyncCursorSchema>;
