/** A `GetGuardians` row (platform file §4): SIS style, ALL-CAPS keys, `/Date(ms)/` stamp. */
import { codes } from '../world/index.js';
import type { GuardianRow, SliceRecord } from '../world/index.js';
import { formatDotNetDate } from './wire-dates.js';
import { pupilIds, recordId } from './render-scope.js';
import type { RenderScope } from './render-scope.js';

export function renderGuardian(scope: RenderScope, record: SliceRecord<GuardianRow>): Record<string, unknown> {
  const guardian = record.data;
  // Ended relations leave CHILDREN (the world moves the record's stamp when one ends).
  const children = codes.shownRelations('skolplattformen', guardian.children, scope.until).map((relation) => ({
    ...pupilIds(scope, relation.pupilKey),
    RELATION: codes.skolplattformen.relation(relation.kind),
  }));
  const contact = guardian.contact;
  return {
    GUARDIAN_ID: recordId(scope, record, 'guardian'),
    FIRSTNAME: guardian.givenName,
    LASTNAME: guardian.familyName,
    SOCIALNUMBER: guardian.civicNo,
    ADDRESS: contact?.address ?? null,
    TELMOBILE: contact?.mobile ?? null,
    EMAILHOME: contact?.email ?? null,
    PROTECTED: guardian.protectedIdentity,
    CHILDREN: children,
    // Every list row names its school, so a client can tell a wrong-school answer (platform file §3).
    SchoolId: scope.school.id,
    MODIFIED: formatDotNetDate(record.lastChanged),
    REMOVED: record.deleted,
  };
}
