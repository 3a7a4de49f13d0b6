/**
 * Rule pack `skollagen` (rules §4): statutory duties for any school type — same-day information
 * about invalid absence (S1) and investigation of repeated or longer absence (S2).
 */
import type { RuleEvent } from '../../events.js';
import type { SkollagenParameters } from '../../parameters.js';
import type { Timeline } from '../../timeline.js';
import { investigationRecommendations } from './investigation.js';
import { sameDayNotices } from './same-day-notice.js';

export function evaluateSkollagen(timeline: Timeline, parameters: SkollagenParameters): RuleEvent[] {
  return [...sameDayNotices(timeline, parameters), ...investigationRecommendations(timeline, parameters)];
}
