/**
 * Leave applications (ledighetsansökan, X10): at most one per pupil and month, drawn from the
 * pupil's own stream, so a pupil's whole year of applications is a pure function of its key.
 * About 3.5 % of pupils apply per month for 1–5 school days 14–40 days ahead; 80 % of decisions
 * approve (some only partly), some applications need both guardians, some are withdrawn.
 */
import { LAST_SCHOOL_DAY_NUMBER, isSchoolDay, nextSchoolDay, schoolDayIndexAtOrAfter, SCHOOL_DAYS } from './calendar.js';
import { BoundedCache } from './bounded-cache.js';
import { rngFor } from './prng.js';
import type { Rng, WorldSeed } from './prng.js';
import { isOfAgeAt } from './roster.js';
import type { Roster } from './roster.js';
import { SPECIALS } from './specials.js';
import type { LeaveScript } from './specials.js';
import { MS_PER_DAY, MS_PER_HOUR, dayNumberOf, isoWeek, localToInstant, startOfLocalDay } from './stockholm-time.js';
import type { Timetable } from './timetable.js';
import type { GuardianApproval, LeaveApplication, LeaveReason, LeaveState, Pupil, Versioned } from './types.js';
import { unitByCode } from './units.js';

const APPLY_SHARE_PER_MONTH = 0.035;
const MONTHS = 10;
const FIRST_MONTH = { year: 2025, month: 8 };

const REASONS: readonly (readonly [LeaveReason, string])[] = [
  ['vacation', 'Familjeresa'],
  ['vacation', 'Resa'],
  ['family', 'Familjeangelägenhet'],
  ['family', 'Släktbröllop'],
  ['other', 'Tävling'],
];

interface LeavePlan {
  readonly appliedAt: number;
  readonly fromDay: number;
  readonly toDay: number;
  readonly reason: LeaveReason;
  readonly reasonText: string;
  readonly comment: string | null;
  /** Applicant: guardian ordinal in the pupil's relations, or 'self'. */
  readonly applicant: number | 'self';
  readonly secondGuardian: { readonly ordinal: number; readonly approves: boolean; readonly at: number } | null;
  readonly underReviewAt: number | null;
  readonly outcome: { readonly kind: 'approved' | 'partiallyApproved' | 'rejected'; readonly at: number; readonly approvedToDay: number | null } | { readonly kind: 'withdrawn'; readonly at: number } | null;
}

function monthStart(monthIndex: number): number {
  const month = FIRST_MONTH.month + monthIndex;
  const year = FIRST_MONTH.year + Math.floor((month - 1) / 12);
  return Date.UTC(year, (month - 1) % 12, 1) / MS_PER_DAY;
}

/** Consecutive school days from `from` inside one ISO week, at most `length`. */
function leaveDays(from: number, length: number): number[] {
  const days = [from];
  while (days.length < length) {
    const last = days[days.length - 1] ?? from;
    const next = nextSchoolDay(last);
    if (next === null || next !== last + 1 || isoWeek(next).week !== isoWeek(from).week) break;
    days.push(next);
  }
  return days;
}

const at = (iso: string): number => Date.parse(iso);

/** The examples' applications (platform files: Skola24, SchoolSoft, InfoMentor), by pupil and month. */
const CAST_PLANS: Readonly<Record<string, LeavePlan>> = {
  'p:U3:0|7': {
    appliedAt: at('2026-03-02T10:14:00+01:00'), fromDay: dayNumberOf('2026-04-20'), toDay: dayNumberOf('2026-04-24'),
    reason: 'vacation', reasonText: 'Familjeresa', comment: 'Resa till släkt', applicant: 0,
    secondGuardian: { ordinal: 1, approves: true, at: at('2026-03-11T09:00:00+01:00') }, underReviewAt: null,
    outcome: { kind: 'approved', at: at('2026-03-13T10:00:00+01:00'), approvedToDay: null },
  },
  'p:U4:0|7': {
    appliedAt: at('2026-03-02T10:14:00+01:00'), fromDay: dayNumberOf('2026-04-20'), toDay: dayNumberOf('2026-04-24'),
    reason: 'vacation', reasonText: 'Resa', comment: 'Resa till släkt', applicant: 0,
    secondGuardian: { ordinal: 1, approves: true, at: at('2026-03-11T18:30:00+01:00') }, underReviewAt: null,
    outcome: { kind: 'approved', at: at('2026-03-16T11:00:00+01:00'), approvedToDay: null },
  },
  'p:U2:0|7': {
    appliedAt: at('2026-03-02T10:14:00+01:00'), fromDay: dayNumberOf('2026-04-16'), toDay: dayNumberOf('2026-04-17'),
    reason: 'family', reasonText: 'Släktbröllop', comment: 'Släktbröllop', applicant: 0,
    secondGuardian: { ordinal: 1, approves: true, at: at('2026-03-10T18:00:00+01:00') }, underReviewAt: null,
    outcome: { kind: 'partiallyApproved', at: at('2026-03-12T09:30:00+01:00'), approvedToDay: dayNumberOf('2026-04-16') },
  },
};

/** Special pupils' scripted outcomes (X10 at tiny size): applied in November for 1–3 December. */
function scriptedPlan(script: LeaveScript, pupil: Pupil): LeavePlan {
  const appliedAt = at('2025-11-10T10:00:00+01:00');
  const hasGuardian = pupil.relations.length > 0 && !pupil.adultAtStart;
  const base = {
    appliedAt, fromDay: dayNumberOf('2025-12-01'), toDay: dayNumberOf('2025-12-03'), reason: 'vacation' as const,
    reasonText: 'Resa', comment: null, applicant: hasGuardian ? 0 : ('self' as const), secondGuardian: null,
    underReviewAt: appliedAt + 4 * MS_PER_HOUR,
  };
  const decidedAt = at('2025-11-14T14:00:00+01:00');
  switch (script) {
    case 'withdrawn':
      return { ...base, outcome: { kind: 'withdrawn', at: at('2025-11-12T19:00:00+01:00') } };
    case 'approved':
      return { ...base, outcome: { kind: 'approved', at: decidedAt, approvedToDay: null } };
    case 'partiallyApproved':
      return { ...base, outcome: { kind: 'partiallyApproved', at: decidedAt, approvedToDay: dayNumberOf('2025-12-01') } };
    case 'rejected':
      return { ...base, outcome: { kind: 'rejected', at: decidedAt, approvedToDay: null } };
  }
}

export class LeaveBook {
  private readonly cache: BoundedCache<string, readonly LeaveApplication[]>;

  constructor(
    private readonly seed: WorldSeed,
    roster: Roster,
    private readonly timetable: Timetable,
  ) {
    this.cache = new BoundedCache(roster.cacheCapacity);
  }

  applications(pupil: Pupil): readonly LeaveApplication[] {
    return this.cache.getOrCompute(pupil.key, () => this.compute(pupil));
  }

  /** The approved application covering the day, if the decision came before the day began. */
  approvedLeaveOn(pupil: Pupil, day: number): { application: LeaveApplication; state: LeaveState } | null {
    const dayStart = startOfLocalDay(day);
    for (const application of this.applications(pupil)) {
      const state = stateAt(application, dayStart);
      if (!state || (state.status !== 'approved' && state.status !== 'partiallyApproved')) continue;
      if (state.approvedFromDay !== null && state.approvedToDay !== null && day >= state.approvedFromDay && day <= state.approvedToDay) {
        return { application, state };
      }
    }
    return null;
  }

  private compute(pupil: Pupil): LeaveApplication[] {
    if (pupil.registerOnly) return [];
    const special = pupil.specialIndex === null ? null : SPECIALS[pupil.unit][pupil.specialIndex] ?? null;
    const applications: LeaveApplication[] = [];
    for (let monthIndex = 0; monthIndex < MONTHS; monthIndex++) {
      const key = `${pupil.key}|${monthIndex}`;
      let plan = CAST_PLANS[key] ?? null;
      if (!plan && special?.leaveScript && monthIndex === 3) plan = scriptedPlan(special.leaveScript, pupil);
      plan ??= this.drawPlan(pupil, monthIndex, rngFor(this.seed, 'leave', key));
      if (!plan) continue;
      const application = this.materialise(pupil, monthIndex, plan);
      if (application) applications.push(application);
    }
    return applications;
  }

  private drawPlan(pupil: Pupil, monthIndex: number, rng: Rng): LeavePlan | null {
    if (!rng.chance(APPLY_SHARE_PER_MONTH)) return null;
    const first = monthStart(monthIndex);
    const days = monthStart(monthIndex + 1) - first;
    const appliedDay = first + rng.int(0, days - 1);
    const appliedAt = localToInstant(appliedDay, rng.int(8 * 60, 21 * 60)) + rng.int(0, 59) * 1000;
    // At least two weeks ahead, as the schools ask; late in the year, before the year ends.
    let earliest = appliedDay + rng.int(14, 40);
    if (earliest > LAST_SCHOOL_DAY_NUMBER) earliest = appliedDay + 14;
    const fromDay = SCHOOL_DAYS[schoolDayIndexAtOrAfter(earliest)];
    if (fromDay === undefined) return null;
    const span = leaveDays(fromDay, rng.int(1, 5));
    const toDay = span[span.length - 1] ?? fromDay;
    const [reason, reasonText] = rng.pick(REASONS);
    const custodians = pupil.relations.filter((relation) => relation.kind === 'custodian');
    const adult = pupil.adultAtStart || isOfAgeAt(pupil, appliedAt) || custodians.length === 0;
    const applicant = adult ? ('self' as const) : pupil.relations.indexOf(rng.pick(custodians));
    let secondGuardian: LeavePlan['secondGuardian'] = null;
    if (applicant !== 'self' && custodians.length > 1 && rng.chance(0.35)) {
      const other = custodians.find((relation) => pupil.relations.indexOf(relation) !== applicant);
      if (other) secondGuardian = { ordinal: pupil.relations.indexOf(other), approves: rng.chance(0.92), at: appliedAt + rng.int(2, 72) * MS_PER_HOUR };
    }
    const underReviewAt = secondGuardian ? null : appliedAt + rng.int(2, 24) * MS_PER_HOUR;
    let outcome: LeavePlan['outcome'];
    if (secondGuardian && !secondGuardian.approves) outcome = null;
    else if (rng.chance(0.07)) outcome = { kind: 'withdrawn', at: appliedAt + rng.int(25, 120) * MS_PER_HOUR };
    else {
      const earliest = Math.max(appliedAt + 3 * 24 * MS_PER_HOUR, (secondGuardian?.at ?? 0) + MS_PER_HOUR);
      const decidedAt = earliest + rng.int(0, 7 * 24) * MS_PER_HOUR;
      const draw = rng.next();
      // SchoolSoft has no partial approval: its units approve in full.
      const partialPossible = span.length > 1 && unitByCode(this.unitOn(pupil, fromDay) ?? pupil.unit).platforms.leave[0] !== 'schoolsoft';
      if (draw < 0.8 && partialPossible && rng.chance(0.15)) {
        outcome = { kind: 'partiallyApproved', at: decidedAt, approvedToDay: span[Math.floor(span.length / 2) - 1] ?? fromDay };
      } else if (draw < 0.8) outcome = { kind: 'approved', at: decidedAt, approvedToDay: null };
      else outcome = { kind: 'rejected', at: decidedAt, approvedToDay: null };
    }
    if (outcome && outcome.at >= startOfLocalDay(fromDay)) return null;
    return { appliedAt, fromDay, toDay, reason, reasonText, comment: null, applicant, secondGuardian, underReviewAt, outcome };
  }

  private unitOn(pupil: Pupil, day: number): Pupil['unit'] | null {
    const enrolment = pupil.enrolments.find(
      (candidate) => dayNumberOf(candidate.startDate) <= day && (candidate.endDate === null || dayNumberOf(candidate.endDate) >= day),
    );
    return enrolment?.unit ?? null;
  }

  private materialise(pupil: Pupil, monthIndex: number, plan: LeavePlan): LeaveApplication | null {
    if (plan.fromDay > LAST_SCHOOL_DAY_NUMBER || !isSchoolDay(plan.fromDay)) return null;
    const unit = this.unitOn(pupil, plan.fromDay);
    const unitAtEnd = this.unitOn(pupil, plan.toDay);
    if (!unit || unit !== unitAtEnd) return null;
    const applicantKey = plan.applicant === 'self' ? pupil.key : pupil.relations[plan.applicant]?.guardianKey;
    if (!applicantKey) return null;
    const staff = this.timetable.staff(unit);
    const decider = staff[rngFor(this.seed, 'leaveDecider', `${pupil.key}|${monthIndex}`).int(0, staff.length - 1)] ?? staff[0];

    const versions: Versioned<LeaveState>[] = [];
    let approvals: GuardianApproval[] = [];
    const second = plan.secondGuardian;
    const secondKey = second ? pupil.relations[second.ordinal]?.guardianKey ?? null : null;
    if (secondKey) approvals = [{ guardianKey: secondKey, approved: null, at: null }];
    const base: LeaveState = { status: secondKey ? 'awaitingGuardian' : 'submitted', approvals, approvedFromDay: null, approvedToDay: null, decidedAt: null, decidedByKey: null, decisionComment: null };
    versions.push({ at: plan.appliedAt, state: base });

    const events: { at: number; apply: (state: LeaveState) => LeaveState }[] = [];
    if (second && secondKey) {
      events.push({
        at: second.at,
        apply: (state) => ({
          ...state,
          status: second.approves ? 'underReview' : 'rejectedByGuardian',
          approvals: [{ guardianKey: secondKey, approved: second.approves, at: second.at }],
        }),
      });
    }
    if (plan.underReviewAt !== null) events.push({ at: plan.underReviewAt, apply: (state) => ({ ...state, status: 'underReview' }) });
    const outcome = plan.outcome;
    if (outcome) {
      events.push({
        at: outcome.at,
        apply: (state) => {
          if (outcome.kind === 'withdrawn') return { ...state, status: 'withdrawn' };
          const approved = outcome.kind !== 'rejected';
          return {
            ...state,
            status: outcome.kind,
            approvedFromDay: approved ? plan.fromDay : null,
            approvedToDay: approved ? (outcome.approvedToDay ?? plan.toDay) : null,
            decidedAt: outcome.at,
            decidedByKey: decider?.key ?? null,
            decisionComment: outcome.kind === 'partiallyApproved' ? 'Beviljas för första dagen' : outcome.kind === 'rejected' ? 'Beviljas inte: prov under perioden' : null,
          };
        },
      });
    }
    events.sort((left, right) => left.at - right.at);
    let state = base;
    for (const event of events) {
      // Nothing happens to an application after it is settled (withdrawn, rejected, decided).
      if (state.status === 'withdrawn' || state.status === 'rejectedByGuardian' || state.decidedAt !== null) break;
      state = event.apply(state);
      versions.push({ at: event.at, state });
    }
    return {
      key: `l:${pupil.key}|${monthIndex}`,
      pupilKey: pupil.key,
      unit,
      monthIndex,
      fromDay: plan.fromDay,
      toDay: plan.toDay,
      reason: plan.reason,
      reasonText: plan.reasonText,
      comment: plan.comment,
      applicantKey,
      applicantRole: plan.applicant === 'self' ? 'student' : 'guardian',
      appliedAt: plan.appliedAt,
      versions,
    };
  }
}

/** The application's state as of an instant, or null before it was filed. */
export function stateAt(application: LeaveApplication, instant: number): LeaveState | null {
  let state: LeaveState | null = null;
  for (const version of application.versions) {
    if (version.at > instant) break;
    state = version.state;
  }
  return state;
}
