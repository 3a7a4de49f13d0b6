/**
 * The streams a connector reads (DESIGN §3): each platform has the ones it carries. Named once
 * here so the configuration, the connectors and the pipeline agree on them.
 */
import { z } from 'zod';

export const StreamNameSchema = z.enum([
  'organisations',
  'persons',
  'guardianRelations',
  'enrolments',
  'groups',
  'absences',
  'leaveApplications',
]);
export type StreamName = z.infer<typeof StreamNameSchema>;
