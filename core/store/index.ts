/**
 * The store: one Db interface over PostgreSQL (`pg`) and PGlite, versioned migrations, the
 * set-based bulk upsert, and one repository per aggregate — every repository method takes the
 * tenant id first and every query filters on it.
 */
export type { Db, DbDriverKind, Row, SqlParam } from './db.js';
export { openDb, parseDbUrl, DEFAULT_PGLITE_DIR } from './open-db.js';
export type { OpenDbOptions, DbTarget } from './open-db.js';
export { PGLITE_MEMORY } from './pglite-driver.js';
export { sqlStateOf } from './db-errors.js';
export { migrate, loadMigrations, checksumOf, MIGRATIONS_DIR } from './migrate.js';
export type { Migration } from './migrate.js';
export { bulkUpsert } from './bulk-upsert.js';
export type { BulkUpsertSpec, BulkUpsertResult, UpsertColumn, SqlColumnType } from './bulk-upsert.js';
export { identifier } from './sql.js';
export { createStore } from './store.js';
export type { Store, StoreOptions } from './store.js';

export type { SecretSealer } from './repositories/sealer.js';
export { sourceKey, createEntityRepository, createSourcedEntityRepository } from './repositories/canonical-entities.js';
export type {
  CanonicalEntity,
  EntityRepository,
  EntityTableSpec,
  ListOptions,
  ReadOptions,
  SourcedEntityRepository,
  SourcedUpsertOutcome,
  UpsertOutcome,
} from './repositories/canonical-entities.js';
export * as entityTables from './repositories/entity-tables.js';
export type { PersonsRepository, PersonUpsertOutcome } from './repositories/persons.js';
export type { AbsenceRecordsRepository, StudentRecordsFilter } from './repositories/absence-records.js';
export { TenantKeySchema } from './repositories/tenants.js';
export type { Tenant, TenantsRepository } from './repositories/tenants.js';
export type {
  MissingLink,
  ResolvedLink,
  SourceLinksRepository,
  SourceLinkUpsertOutcome,
  SourceLinkWrite,
  SourceStream,
  StoredSourceLink,
} from './repositories/source-links.js';
export { NewSyncRunSchema, StreamStatusSchema, SyncRunStatusSchema, SyncTriggerSchema } from './repositories/sync-runs.js';
export type {
  NewSyncRun,
  RunError,
  StreamCounts,
  StreamStatus,
  SyncRun,
  SyncRunStatus,
  SyncRunStream,
  SyncRunsRepository,
  SyncTrigger,
} from './repositories/sync-runs.js';
export type { Checkpoint, CheckpointKey, CheckpointsRepository } from './repositories/checkpoints.js';
export { QuarantineEntrySchema } from './repositories/quarantine.js';
export type { QuarantinedRecord, QuarantineEntry, QuarantineFilter, QuarantineRepository } from './repositories/quarantine.js';
export { HoldStatusSchema, NewHoldSchema, TrippedShareSchema } from './repositories/holds.js';
export type { Hold, HoldsRepository, HoldStatus, NewHold, TrippedShare } from './repositories/holds.js';
export { DecisionWriteSchema, RuleEventStatusSchema } from './repositories/decisions.js';
export type { Decision, DecisionFilter, DecisionsRepository, DecisionUpsertOutcome, DecisionWrite, RuleEventStatus } from './repositories/decisions.js';
export { WebhookEndpointConfigSchema } from './repositories/webhook-endpoints.js';
export type { WebhookEndpoint, WebhookEndpointConfig, WebhookEndpointsRepository } from './repositories/webhook-endpoints.js';
export { NewOutboxMessageSchema, OutboxStateSchema } from './repositories/outbox.js';
export type { NewOutboxMessage, OutboxMessage, OutboxRepository, OutboxState } from './repositories/outbox.js';
export { DeliveryAttemptSchema } from './repositories/deliveries.js';
export type { DeliveriesRepository, Delivery, DeliveryAttempt } from './repositories/deliveries.js';
export type { DeletionLogRepository, NewDeletionLogEntry } from './repositories/deletion-log.js';
export { AuditEntrySchema } from './repositories/audit-log.js';
export type { AuditEntry, AuditLogRepository, AuditRecord } from './repositories/audit-log.js';
export { ApiKeyRoleSchema, NewApiKeySchema } from './repositories/api-keys.js';
export type { ApiKey, ApiKeyRole, ApiKeysRepository, NewApiKey } from './repositories/api-keys.js';
