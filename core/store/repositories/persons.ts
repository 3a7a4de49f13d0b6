/**
 * Persons. Identity resolution (model §1.4): within a tenant, the same civic-number hash is the
 * same person, so a person with a hash is upserted on (tenant, civic_no_hash) among active
 * persons — a second platform's record of the pupil lands on the existing row and gets its id.
 * A person without a civic number is keyed by the id the pipeline resolved from its source link.
 */
import type { Person } from '../../model/index.js';
import { bulkUpsert } from '../bulk-upsert.js';
import type { BulkUpsertSpec } from '../bulk-upsert.js';
import type { Db } from '../db.js';
import { createEntityRepository, entityRow, queryEntities, upsertSpec } from './canonical-entities.js';
import type { EntityRepository, ReadOptions, UpsertOutcome } from './canonical-entities.js';
import { PERSONS } from './entity-tables.js';
import { assertTenantId } from './rows.js';
import type { SecretSealer } from './sealer.js';

export interface PersonUpsertOutcome extends UpsertOutcome {
  /** The stored person id for each civic-number hash in the batch (existing ids win). */
  idByCivicNoHash: Map<string, string>;
}

export interface PersonsRepository extends Omit<EntityRepository<Person>, 'upsert'> {
  upsert(tenantId: string, persons: readonly Person[]): Promise<PersonUpsertOutcome>;
  /** Active persons by civic-number hash. */
  findByCivicNoHashes(tenantId: string, hashes: readonly string[], options?: ReadOptions): Promise<Map<string, Person>>;
}

const BY_CIVIC_NO_HASH: BulkUpsertSpec = {
  ...upsertSpec(PERSONS),
  columns: upsertSpec(PERSONS).columns.map((column) => (column.name === 'id' ? { ...column, onUpdate: 'keep' as const } : column)),
  conflictColumns: ['tenant_id', 'civic_no_hash'],
  conflictWhere: "status = 'active' AND civic_no_hash IS NOT NULL",
  returning: ['id'],
  selectUnchanged: true,
};
const BY_ID = upsertSpec(PERSONS);

export function createPersonsRepository(db: Db, sealer?: SecretSealer): PersonsRepository {
  const base = createEntityRepository(db, PERSONS, sealer);
  return {
    ...base,
    async upsert(tenantId, persons) {
      assertTenantId(tenantId);
      const byHash = persons.filter((person) => person.status === 'active' && person.civicNoHash != null);
      const byId = persons.filter((person) => !(person.status === 'active' && person.civicNoHash != null));
      const hashed = await bulkUpsert<{ id: string; civic_no_hash: string }>(
        db,
        BY_CIVIC_NO_HASH,
        byHash.map((person) => entityRow(PERSONS, tenantId, person, sealer)),
      );
      const plain = await bulkUpsert<{ id: string }>(db, BY_ID, byId.map((person) => entityRow(PERSONS, tenantId, person, sealer)));
      const idByCivicNoHash = new Map<string, string>();
      for (const row of [...hashed.added, ...hashed.updated, ...hashed.unchanged]) idByCivicNoHash.set(row.civic_no_hash, row.id);
      const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id);
      return {
        added: [...ids(hashed.added), ...ids(plain.added)],
        updated: [...ids(hashed.updated), ...ids(plain.updated)],
        unchanged: [...ids(hashed.unchanged), ...ids(plain.unchanged)],
        idByCivicNoHash,
      };
    },
    async findByCivicNoHashes(tenantId, hashes, options = {}) {
      if (hashes.length === 0) return new Map();
      const persons = await queryEntities(
        db,
        PERSONS,
        sealer,
        tenantId,
        "AND status = 'active' AND civic_no_hash = ANY($2::text[])",
        [hashes],
        options,
      );
      return new Map(persons.map((person) => [person.civicNoHash ?? '', person]));
    },
  };
}
