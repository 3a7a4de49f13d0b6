/** Absence records (model §1.9): one row per source record, keyed by its source reference. */
import type { AbsenceRecord, RecordStatus } from '../../model/index.js';
import type { Db, SqlParam } from '../db.js';
import { createSourcedEntityRepository, queryEntities } from './canonical-entities.js';
import type { ReadOptions, SourcedEntityRepository } from './canonical-entities.js';
import { ABSENCE_RECORDS } from './entity-tables.js';
import { assertTenantId } from './rows.js';
import type { SecretSealer } from './sealer.js';

export interface StudentRecordsFilter extends ReadOptions {
  /** School-local dates, inclusive. */
  from?: string;
  to?: string;
  /** Default: active records only. */
  status?: RecordStatus | 'any';
}

export interface AbsenceRecordsRepository extends SourcedEntityRepository<AbsenceRecord> {
  /** The records of some students (what a rule evaluation needs), by student, date and id. */
  listForStudents(tenantId: string, studentIds: readonly string[], filter?: StudentRecordsFilter): Promise<AbsenceRecord[]>;
  /** Students with a record modified after `since` (exclusive): whose rules must be re-evaluated. */
  studentsModifiedSince(tenantId: string, since: string): Promise<string[]>;
}

export function createAbsenceRecordsRepository(db: Db, sealer?: SecretSealer): AbsenceRecordsRepository {
  const base = createSourcedEntityRepository(db, ABSENCE_RECORDS, sealer);
  return {
    ...base,
    async listForStudents(tenantId, studentIds, filter = {}) {
      if (studentIds.length === 0) return [];
      const params: SqlParam[] = [studentIds];
      let where = 'AND student_id = ANY($2::uuid[])';
      const status = filter.status ?? 'active';
      if (status !== 'any') {
        params.push(status);
        where += ` AND status = $${params.length + 1}`;
      }
      if (filter.from) {
        params.push(filter.from);
        where += ` AND date >= $${params.length + 1}::date`;
      }
      if (filter.to) {
        params.push(filter.to);
        where += ` AND date <= $${params.length + 1}::date`;
      }
      return queryEntities(db, ABSENCE_RECORDS, sealer, tenantId, where, params, {
        ...filter,
        tail: 'ORDER BY student_id, date, id',
      });
    },
    async studentsModifiedSince(tenantId, since) {
      assertTenantId(tenantId);
      const rows = await db.query<{ student_id: string }>(
        'SELECT DISTINCT student_id FROM absence_records WHERE tenant_id = $1 AND modified_at > $2::timestamptz ORDER BY student_id',
        [tenantId, since],
      );
      return rows.map((row) => row.student_id);
    },
  };
}
