/**
 * LeaveApplication (model §1.10, ledighetsansökan). SS 12000 has only the outcome (an Absence of
 * type `Beviljad ledighet`); the application workflow is our extension. An approval produces
 * `leave` notices (AbsenceRecords), listed in `resultingAbsenceIds`.
 */
import { z } from 'zod';
import {
  ConsentDecisionSchema,
  DecisionStatusSchema,
  LeaveReasonCategorySchema,
  RequestedByRoleSchema,
} from './enums.js';
import { requireStartBeforeEnd } from './intervals.js';
import { defineEntity, defineParts, optionalRef, optionalRefList, perForm, ref } from './two-forms.js';
import { DateTimeSchema, SourceRefSchema } from './value-objects.js';

/** One custodian's answer, where a platform requires every custodian to agree. */
const guardianConsent = defineParts({
  guardian: ref(),
  decision: ConsentDecisionSchema,
  /** When the custodian answered; empty while pending. */
  at: DateTimeSchema.nullish(),
});

export const GuardianConsentSchema = guardianConsent.canonical;
export type GuardianConsent = z.infer<typeof GuardianConsentSchema>;

export const SourceGuardianConsentSchema = guardianConsent.source;
export type SourceGuardianConsent = z.infer<typeof SourceGuardianConsentSchema>;

const leaveApplication = defineEntity('LeaveApplication', {
  student: ref(),
  organisation: optionalRef(),
  /** Normally a guardian. */
  requestedBy: optionalRef(),
  requestedByRole: RequestedByRoleSchema,
  requestedAt: DateTimeSchema,
  /** The requested period. */
  startTime: DateTimeSchema,
  endTime: DateTimeSchema,
  reasonCategory: LeaveReasonCategorySchema.nullish(),
  /** Free text: sensitive, never logged. */
  reasonText: z.string().nullish(),
  decisionStatus: DecisionStatusSchema,
  /** The granted period when it differs from the requested one (partial approval). */
  approvedStartTime: DateTimeSchema.nullish(),
  approvedEndTime: DateTimeSchema.nullish(),
  decidedAt: DateTimeSchema.nullish(),
  /** Staff: mentor or principal. */
  decidedBy: optionalRef(),
  decisionComment: z.string().nullish(),
  guardianConsents: perForm(GuardianConsentSchema.array().nullish(), SourceGuardianConsentSchema.array().nullish()),
  /** The `leave` notices created on approval. */
  resultingAbsence: optionalRefList(),
  source: SourceRefSchema,
});

function checkPeriods(
  record: {
    startTime: string;
    endTime: string;
    approvedStartTime?: string | null | undefined;
    approvedEndTime?: string | null | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  requireStartBeforeEnd(ctx, record.startTime, record.endTime, { start: 'startTime', end: 'endTime' });
  requireStartBeforeEnd(ctx, record.approvedStartTime, record.approvedEndTime, {
    start: 'approvedStartTime',
    end: 'approvedEndTime',
  });
}

export const LeaveApplicationSchema = leaveApplication.canonical.superRefine(checkPeriods);
export type LeaveApplication = z.infer<typeof LeaveApplicationSchema>;

export const SourceLeaveApplicationSchema = leaveApplication.source.superRefine(checkPeriods);
export type SourceLeaveApplication = z.infer<typeof SourceLeaveApplicationSchema>;
