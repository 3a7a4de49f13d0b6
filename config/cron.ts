/**
 * Validation of cron expressions with cron-parser — the parser BullMQ's Job Schedulers use — so a
 * schedule that passes here is one the scheduler accepts, and a typo stops the start instead of
 * silently never running the nightly sync.
 *
 * One rule is ours: exactly five fields (minute hour day-of-month month day-of-week) or six with
 * seconds first. cron-parser also reads shorter expressions and macros (`@daily`), which makes a
 * forgotten field easy to miss in a config review.
 */
import { CronExpressionParser } from 'cron-parser';

/** Returns `undefined` when the expression is valid, else a reason. */
export function cronProblem(expression: string, tz = 'Europe/Stockholm'): string | undefined {
  const fields = expression.trim().split(/\s+/).filter((field) => field !== '');
  if (fields.length !== 5 && fields.length !== 6) {
    return `must have 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first, found ${fields.length}`;
  }
  try {
    CronExpressionParser.parse(fields.join(' '), { tz });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
