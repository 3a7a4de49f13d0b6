/**
 * `PUT /_control/config {"wrongSchoolRate": 0.2}` (platform file §3): that share of list answers
 * comes for the previous school, as Stockholm's wrong-child bug did. The decision is a function
 * of (seed, how many list answers were given since the reset), so a run replays.
 */
import { uniformDraw } from '../common/deterministic.js';
import type { SkolplattformenContext } from './state.js';

export const WRONG_SCHOOL_KNOB = 'wrongSchoolRate';

export function answerForPreviousSchool(context: SkolplattformenContext): boolean {
  const rate = context.knobs.get(WRONG_SCHOOL_KNOB) ?? 0;
  if (rate <= 0) return false;
  context.state.listAnswers += 1;
  return uniformDraw(context.seed, 'skolplattformen', WRONG_SCHOOL_KNOB, context.state.listAnswers) < rate;
}
