/**
 * The store facade: every repository over one Db. `transaction` gives a store bound to one
 * transaction, so a page's records, links, counts and checkpoint commit together.
 */
import type {
  Activity,
  CalendarEvent,
  Duty,
  Enrolment,
  Group,
  GroupMembership,
  GuardianRelation,
  LeaveApplication,
  LessonAttendance,
  Organisation,
} from '../model/index.js';
import type { Db } from './db.js';
import { createAbsenceRecordsRepository } from './repositories/absence-records.js';
import type { AbsenceRecordsRepository } from './repositories/absence-records.js';
import { createApiKeysRepository } from './repositories/api-keys.js';
import type { ApiKeysRepository } from './repositories/api-keys.js';
import { createAuditLogRepository } from './repositories/audit-log.js';
import type { AuditLogRepository } from './repositories/audit-log.js';
import { createEntityRepository, createSourcedEntityRepository } from './repositories/canonical-entities.js';
import type { EntityRepository, SourcedEntityRepository } from './repositories/canonical-entities.js';
import { createCheckpointsRepository } from './repositories/checkpoints.js';
import type { CheckpointsRepository } from './repositories/checkpoints.js';
import { createDecisionsRepository } from './repositories/decisions.js';
import type { DecisionsRepository } from './repositories/decisions.js';
import { createDeletionLogRepository } from './repositories/deletion-log.js';
import type { DeletionLogRepository } from './repositories/deletion-log.js';
import { createDeliveriesRepository } from './repositories/deliveries.js';
import type { DeliveriesRepository } from './repositories/deliveries.js';
import {
  ACTIVITIES,
  CALENDAR_EVENTS,
  DUTIES,
  ENROLMENTS,
  GROUP_MEMBERSHIPS,
  GROUPS,
  GUARDIAN_RELATIONS,
  LEAVE_APPLICATIONS,
  LESSON_ATTENDANCES,
  ORGANISATIONS,
} from './repositories/entity-tables.js';
import { createHoldsRepository } from './repositories/holds.js';
import type { HoldsRepository } from './repositories/holds.js';
import { createOutboxRepository } from './repositories/outbox.js';
import type { OutboxRepository } from './repositories/outbox.js';
import { createPersonsRepository } from './repositories/persons.js';
import type { PersonsRepository } from './repositories/persons.js';
import { createQuarantineRepository } from './repositories/quarantine.js';
import type { QuarantineRepository } from './repositories/quarantine.js';
import type { SecretSealer } from './repositories/sealer.js';
import { createSourceLinksRepository } from './repositories/source-links.js';
import type { SourceLinksRepository } from './repositories/source-links.js';
import { createSyncRunsRepository } from './repositories/sync-runs.js';
import type { SyncRunsRepository } from './repositories/sync-runs.js';
import { createTenantsRepository } from './repositories/tenants.js';
import type { TenantsRepository } from './repositories/tenants.js';
import { createWebhookEndpointsRepository } from './repositories/webhook-endpoints.js';
import type { WebhookEndpointsRepository } from './repositories/webhook-endpoints.js';

export interface StoreOptions {
  /** Encrypts secret fields; without it, writing a record with a civic number or reason text fails. */
  sealer?: SecretSealer;
}

export interface Store {
  readonly db: Db;
  readonly tenants: TenantsRepository;
  readonly organisations: EntityRepository<Organisation>;
  readonly persons: PersonsRepository;
  readonly guardianRelations: EntityRepository<GuardianRelation>;
  readonly enrolments: EntityRepository<Enrolment>;
  readonly groups: EntityRepository<Group>;
  readonly groupMemberships: EntityRepository<GroupMembership>;
  readonly activities: EntityRepository<Activity>;
  readonly calendarEvents: EntityRepository<CalendarEvent>;
  readonly duties: EntityRepository<Duty>;
  readonly lessonAttendances: EntityRepository<LessonAttendance>;
  readonly absenceRecords: AbsenceRecordsRepository;
  readonly leaveApplications: SourcedEntityRepository<LeaveApplication>;
  readonly sourceLinks: SourceLinksRepository;
  readonly syncRuns: SyncRunsRepository;
  readonly checkpoints: CheckpointsRepository;
  readonly quarantine: QuarantineRepository;
  readonly holds: HoldsRepository;
  readonly decisions: DecisionsRepository;
  readonly webhookEndpoints: WebhookEndpointsRepository;
  readonly outbox: OutboxRepository;
  readonly deliveries: DeliveriesRepository;
  readonly deletionLog: DeletionLogRepository;
  readonly auditLog: AuditLogRepository;
  readonly apiKeys: ApiKeysRepository;
  /** Runs `fn` with a store bound to one transaction (nested calls use savepoints). */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
}

export function createStore(db: Db, options: StoreOptions = {}): Store {
  const { sealer } = options;
  return {
    db,
    tenants: createTenantsRepository(db),
    organisations: createEntityRepository(db, ORGANISATIONS, sealer),
    persons: createPersonsRepository(db, sealer),
    guardianRelations: createEntityRepository(db, GUARDIAN_RELATIONS, sealer),
    enrolments: createEntityRepository(db, ENROLMENTS, sealer),
    groups: createEntityRepository(db, GROUPS, sealer),
    groupMemberships: createEntityRepository(db, GROUP_MEMBERSHIPS, sealer),
    activities: createEntityRepository(db, ACTIVITIES, sealer),
    calendarEvents: createEntityRepository(db, CALENDAR_EVENTS, sealer),
    duties: createEntityRepository(db, DUTIES, sealer),
    lessonAttendances: createEntityRepository(db, LESSON_ATTENDANCES, sealer),
    absenceRecords: createAbsenceRecordsRepository(db, sealer),
    leaveApplications: createSourcedEntityRepository(db, LEAVE_APPLICATIONS, sealer),
    sourceLinks: createSourceLinksRepository(db),
    syncRuns: createSyncRunsRepository(db),
    checkpoints: createCheckpointsRepository(db),
    quarantine: createQuarantineRepository(db),
    holds: createHoldsRepository(db),
    decisions: createDecisionsRepository(db),
    webhookEndpoints: createWebhookEndpointsRepository(db),
    outbox: createOutboxRepository(db),
    deliveries: createDeliveriesRepository(db),
    deletionLog: createDeletionLogRepository(db),
    auditLog: createAuditLogRepository(db),
    apiKeys: createApiKeysRepository(db),
    transaction: (fn) => db.transaction((tx) => fn(createStore(tx, options))),
  };
}
