/**
 * One world record → one SchoolSoft wire record, with the fault profile's defect (if any). The
 * list routes and the ground truth both go through here, so what is served malformed is exactly
 * what `/_control/world` lists.
 */
import type { Malformation, SimulatorContext } from '../common/index.js';
import type { GuardianRow, LeaveRow, NoticeRow, PupilRow, RegistrationRow, SliceRecord, StreamName } from '../world/index.js';
import { applyDefect, defectOf } from './malformation.js';
import type { RecordKind } from './malformation.js';
import { lessonCodes, makesRegistration, renderAbsenceReport, renderLeaveApplication, renderLessonStatus } from './render-absence.js';
import { renderParent, renderStudent } from './render-roster.js';
import type { RenderScope } from './render-roster.js';
import type { SchoolSoftState } from './state.js';

export interface WireRecord {
  /** The record as served (defect applied, no drift). */
  readonly body: object;
  readonly defect: Malformation | null;
}

/** The world stream each roster kind is read from (full snapshots). */
export const ROSTER_STREAM = { students: 'pupils', parents: 'guardians' } as const;
/** The world stream each change-window kind is read from. */
export const WINDOW_STREAM = { lessons: 'registrations', reports: 'notices', leave: 'leaveApplications' } as const;
export const STREAM_OF: Readonly<Record<RecordKind, StreamName>> = { ...ROSTER_STREAM, ...WINDOW_STREAM };

function render(context: SimulatorContext<SchoolSoftState>, scope: RenderScope, kind: RecordKind, record: SliceRecord): { body: object; makesRegistration?: boolean } {
  switch (kind) {
    case 'students':
      return { body: renderStudent(scope, record as SliceRecord<PupilRow>) };
    case 'parents':
      return { body: renderParent(scope, record as SliceRecord<GuardianRow>) };
    case 'lessons': {
      const lessonRecord = record as SliceRecord<RegistrationRow>;
      const overrides = context.state.lessonOverrides.get(String(record.id));
      return { body: renderLessonStatus(scope, lessonRecord, overrides), makesRegistration: makesRegistration(lessonCodes(lessonRecord, overrides)) };
    }
    case 'reports':
      return { body: renderAbsenceReport(scope, record as SliceRecord<NoticeRow>) };
    case 'leave':
      return { body: renderLeaveApplication(scope, record as SliceRecord<LeaveRow>) };
  }
}

export function wireRecord(context: SimulatorContext<SchoolSoftState>, scope: RenderScope, kind: RecordKind, record: SliceRecord): WireRecord {
  const rendered = render(context, scope, kind, record);
  const defect = defectOf(context.faults, { kind, id: Number(record.id), ...(rendered.makesRegistration === undefined ? {} : { makesRegistration: rendered.makesRegistration }) });
  return { body: defect ? applyDefect(rendered.body, defect) : rendered.body, defect };
}
