/**
 * Rows of `GetEstablishmentLeaveRequestList` (infomentor.md §5): the real leave-request row plus
 * `pupilSourceId`, `approvedFromDate`, `approvedToDate`, `lastChanged` and `isDeleted`.
 */
import { codes, formatStockholm } from '../world/index.js';
import type { LeaveRow, SliceRecord } from '../world/index.js';
import { dateRangeTitle, swedishDate } from './dates.js';
import { listName, personNameOf, pupilSourceIdOf, timestampOf } from './render-context.js';
import type { RenderContext } from './render-context.js';

/** Who decides leave for the establishment, as `approvedByTitle` shows it. */
const DECIDER_TITLE = 'Rektor';

function secondaryApprovalText(status: string, approverName: string | null): string | null {
  if (approverName === null) return null;
  if (status === 'Pending') return `Väntar på godkännande från ${approverName}`;
  if (status === 'Approved') return `Godkänd av ${approverName}`;
  if (status === 'Denied') return `Nekad av ${approverName}`;
  return null;
}

export function renderLeaveRequest(render: RenderContext, record: SliceRecord<LeaveRow>): Record<string, unknown> {
  const row = record.data;
  const { world } = render.context;
  const { status, secondaryParentStatus } = codes.infomentor.leaveStatus(row);
  const applicant = personNameOf(render, row.applicantKey, row.unit);
  const approval = row.approvals[0] ?? null;
  const approver = approval ? world.guardian(approval.guardianKey) : null;
  const approverName = approver ? listName(approver) : null;
  const approverId = approval ? world.ids.guardian(render.slice, approval.guardianKey) : null;
  const approvalDate = approval?.at ?? null;
  const decided = row.decidedAt !== null;
  return {
    id: record.id,
    pupilSourceId: pupilSourceIdOf(render, row.unit, row.pupilKey),
    status,
    requesterComment: row.comment ?? row.reasonText,
    approverComment: row.decisionComment,
    createdBy: applicant ? listName(applicant) : null,
    createdByTitle: row.applicantRole === 'guardian' ? 'Vårdnadshavare' : 'Elev',
    approvedByTitle: decided ? DECIDER_TITLE : null,
    fromDate: row.fromDate,
    fromTime: null,
    toDate: row.toDate,
    toTime: null,
    approvedFromDate: row.approvedFromDate,
    approvedToDate: row.approvedToDate,
    updatedDate: timestampOf(render, record.lastChanged),
    dateRangeTitle: dateRangeTitle(row.fromDate, row.toDate),
    secondaryParentApproverId: approverId === null ? null : Number(approverId),
    secondaryParentApproverName: approverName,
    secondaryParentStatus,
    secondaryParentApprovalDate: approvalDate === null ? null : timestampOf(render, approvalDate),
    secondaryParentApprovalDateText: approvalDate === null ? null : swedishDate(formatStockholm(approvalDate).slice(0, 10)),
    secondaryApprovalText: secondaryApprovalText(secondaryParentStatus, approverName),
    canDelete: false,
    canApprove: status === 'Pending',
    canDeny: status === 'Pending',
    isAwaitingResponseFromCurrentUser: status === 'Pending',
    lastChanged: timestampOf(render, record.lastChanged),
    isDeleted: record.deleted,
  };
}
