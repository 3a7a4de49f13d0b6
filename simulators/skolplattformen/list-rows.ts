/**
 * The three paged lists as one description each, and the rows of a page as the wire shows them:
 * rendered, malformed by the fault profile, then drifted. The ground truth renders through the
 * same function, so it lists exactly the defects a client meets.
 */
import { driftRecord } from '../common/index.js';
import type { GuardianRow, NoticeRow, PupilRow, SliceRecord, StreamName } from '../world/index.js';
import { malformRow } from './malformation.js';
import type { MalformableRecordType } from './malformation.js';
import { renderGuardian } from './render-guardian.js';
import { renderNotice } from './render-notice.js';
import { recordId } from './render-scope.js';
import type { GuidKind, RenderScope } from './render-scope.js';
import { renderStudent } from './render-student.js';
import type { Malformation } from '../common/index.js';

export interface ListKind {
  readonly path: string;
  readonly stream: Extract<StreamName, 'pupils' | 'guardians' | 'notices'>;
  readonly recordType: MalformableRecordType;
  readonly guidKind: GuidKind;
  /** Notices also take `fromDate`/`toDate`. */
  readonly dateFilters: boolean;
  /** `extraFields` names in the list's casing. */
  readonly extraFieldNames: readonly [string, string];
  render(scope: RenderScope, record: SliceRecord): Record<string, unknown>;
}

export const LISTS: readonly ListKind[] = [
  {
    path: '/GetStudents',
    stream: 'pupils',
    recordType: 'pupils',
    guidKind: 'student',
    dateFilters: false,
    extraFieldNames: ['SyncSource', 'ExtraData'],
    render: (scope, record) => renderStudent(scope, record as SliceRecord<PupilRow>),
  },
  {
    path: '/GetGuardians',
    stream: 'guardians',
    recordType: 'guardians',
    guidKind: 'guardian',
    dateFilters: false,
    extraFieldNames: ['SIS_SOURCE', 'SIS_EXTRA'],
    render: (scope, record) => renderGuardian(scope, record as SliceRecord<GuardianRow>),
  },
  {
    path: '/Franvaro/GetAnmalningar',
    stream: 'notices',
    recordType: 'absences',
    guidKind: 'notice',
    dateFilters: true,
    extraFieldNames: ['SyncSource', 'ExtraData'],
    render: (scope, record) => renderNotice(scope, record as SliceRecord<NoticeRow>),
  },
];

export interface WireRow {
  readonly id: string;
  readonly row: Record<string, unknown>;
  readonly defect: Malformation | null;
}

/** One record as the list answers it. */
export function wireRow(scope: RenderScope, list: ListKind, record: SliceRecord): WireRow {
  const id = recordId(scope, record, list.guidKind);
  const { row, defect } = malformRow(scope.context.faults, list.recordType, id, list.render(scope, record));
  return { id, row: driftRecord(row, scope.context.drift, { names: list.extraFieldNames }), defect };
}
