/**
 * SchoolSoft's records as they go over the wire (schoolsoft.md §4), one zod schema each: the
 * renderers' types are inferred from them, and the contract tests parse responses with them
 * (strict: an unexpected key is a failure).
 */
import { z } from 'zod';

/** `yyyy-MM-dd HH:mm:ss.S` with the fraction always `.0`. */
export const localTimestampSchema = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.0$/);
/** `YYYYMMDD-NNNN`, or an X9 short `YYMMDD-NNNN`. */
export const socialNumberSchema = z.string().regex(/^(\d{8}|\d{6})-\d{4}$/);
const clockSchema = z.string().regex(/^\d{2}:\d{2}$/);
const id = z.number().int().nonnegative();

export const schoolSchema = z.strictObject({
  orgId: id,
  name: z.string(),
  schoolUnitCode: z.string(),
  schoolTypes: z.array(z.string()),
  municipalityCode: z.string(),
  active: z.boolean(),
});
export type School = z.infer<typeof schoolSchema>;

export const schoolYearSchema = z.strictObject({
  schoolYearId: id,
  name: z.string(),
  startDate: z.number().int(),
  endDate: z.number().int(),
  current: z.boolean(),
});
export type SchoolYear = z.infer<typeof schoolYearSchema>;

export const codeValueSchema = z.strictObject({ codeValueId: id, name: z.string() });
export type CodeValue = z.infer<typeof codeValueSchema>;

export const studentSchoolSchema = z.strictObject({
  orgId: id,
  className: z.string().nullable(),
  schoolType: z.string(),
  schoolYear: z.number().int(),
  startDate: z.number().int(),
  endDate: z.number().int().nullable(),
  studentActive: z.boolean(),
});

export const studentSchema = z.strictObject({
  studentId: id,
  guid: z.uuid(),
  username: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  socialNumber: socialNumberSchema,
  isOfAge: z.boolean(),
  protectedIdentity: z.boolean(),
  schools: z.array(studentSchoolSchema),
  changed: localTimestampSchema,
  deleted: z.boolean(),
});
export type Student = z.infer<typeof studentSchema>;

export const RELATIONS = ['GUARDIAN', 'CONTACT', 'TRUSTEE', 'FOSTER_PARENT'] as const;

export const parentSchema = z.strictObject({
  userId: id,
  guid: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  socialNumber: socialNumberSchema,
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  protectedIdentity: z.boolean(),
  children: z.array(z.strictObject({ studentId: id, relation: z.enum(RELATIONS), parentAllowedAccess: z.boolean() })),
  changed: localTimestampSchema,
  deleted: z.boolean(),
});
export type Parent = z.infer<typeof parentSchema>;

export const lessonStatusSchema = z.strictObject({
  id,
  studentId: id,
  schoolYear: z.string(),
  week: z.number().int().min(1).max(53),
  dayId: z.number().int().min(0).max(6),
  lessonId: id,
  subject: z.string(),
  subjectName: z.string(),
  teachingGroup: z.string(),
  startTime: clockSchema,
  endTime: clockSchema,
  length: z.number().int(),
  lessonStatus: z.number().int(),
  lessonStatusStudent: z.number().int(),
  hasAbsenceReportForLesson: z.boolean(),
  comment: z.string(),
  nrOfMinutesAbsent: z.number().int(),
  reportedBy: z.string(),
  changed: localTimestampSchema,
  deleted: z.boolean(),
});
export type LessonStatus = z.infer<typeof lessonStatusSchema>;

export const absenceReportSchema = z.strictObject({
  reportId: id,
  studentId: id,
  schoolYear: z.string(),
  week: z.number().int().min(1).max(53),
  dayId: z.number().int().min(0).max(6),
  fullDay: z.boolean(),
  lessonIds: z.array(id),
  startTime: clockSchema.nullable(),
  endTime: clockSchema.nullable(),
  reportedByUserId: id.nullable(),
  reportedByUserType: z.number().int(),
  reportedBy: z.string(),
  comment: z.string(),
  creDate: localTimestampSchema,
  changed: localTimestampSchema,
  deleted: z.boolean(),
});
export type AbsenceReport = z.infer<typeof absenceReportSchema>;

export const leaveApplicationSchema = z.strictObject({
  id,
  studentId: id,
  fromDate: z.number().int(),
  toDate: z.number().int(),
  days: z.number().int(),
  reason: id,
  reasonName: z.string(),
  description: z.string().nullable(),
  leisureSchool: z.boolean(),
  status: z.number().int().min(1).max(8),
  createdBy: id.nullable(),
  createdByName: z.string(),
  creDate: localTimestampSchema,
  confirmations: z.array(z.strictObject({ parentId: id.nullable(), parentName: z.string(), confirmed: z.boolean().nullable(), changed: localTimestampSchema.nullable() })),
  decidedBy: id.nullable(),
  decidedByName: z.string().nullable(),
  decisionComment: z.string().nullable(),
  changed: localTimestampSchema,
  deleted: z.boolean(),
});
export type LeaveApplication = z.infer<typeof leaveApplicationSchema>;

/** The v2 `Page` envelope over records of `item`. */
export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.strictObject({
    content: z.array(item),
    number: z.number().int().nonnegative(),
    size: z.number().int().positive(),
    totalElements: z.number().int().nonnegative(),
    totalPages: z.number().int().nonnegative(),
    numberOfElements: z.number().int().nonnegative(),
    first: z.boolean(),
    last: z.boolean(),
    empty: z.boolean(),
  });
}

/** Spring Boot's error body. */
export const springErrorSchema = z.strictObject({
  timestamp: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/),
  status: z.number().int(),
  error: z.string(),
  message: z.string(),
  path: z.string(),
});
