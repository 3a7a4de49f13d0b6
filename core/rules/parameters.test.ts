import { describe, expect, it } from 'vitest';
import {
  defaultRuleParameters,
  MonthDaySchema,
  RuleParameterOverridesSchema,
  SkollagenParametersSchema,
  StockholmGyParametersSchema,
} from './parameters.js';

describe('rule pack parameters', () => {
  it('fills every default of rules §2.11 and §3.1 for stockholm-gy', () => {
    expect(StockholmGyParametersSchema.parse({})).toEqual({
      lateArrivalMaxMinutes: 15,
      reportDeadlineDaysAfter: 0,
      schoolYearStart: '07-01',
      oralMinInvalidMinutes: 240,
      oralMinOccasions: 3,
      oralWindowDays: 30,
      continuationGraceSchoolDays: 1,
      writtenLateArrivals: 3,
      lateCountsTowardOral: false,
      regainCleanSchoolDays: 20,
      studiehjalpEndAge: 20,
      hemkommunNotice: 'auto',
    });
  });

  it('fills every default of rules §2.11 and §4.1 for skollagen', () => {
    expect(defaultRuleParameters('skollagen')).toEqual({
      lateArrivalMaxMinutes: 15,
      reportDeadlineDaysAfter: 0,
      schoolYearStart: '07-01',
      notifyGuardiansUnderAge: 18,
      notifyAdultStudent: true,
      notifyIncludesLate: false,
      lastLessonMayWait: true,
      investigationSharePercent: 10,
      investigationWindowDays: 30,
      investigationMinScheduledMinutes: 1200,
      investigationConsecutiveFullDays: 5,
      investigationCountsCategories: ['invalid', 'valid', 'reported', 'late'],
      investigationRearmDays: 30,
    });
  });

  it('keeps overrides and defaults the rest', () => {
    const parameters = StockholmGyParametersSchema.parse({ oralMinOccasions: 2, lateCountsTowardOral: true });
    expect(parameters.oralMinOccasions).toBe(2);
    expect(parameters.lateCountsTowardOral).toBe(true);
    expect(parameters.oralWindowDays).toBe(30);
  });

  it('refuses an unknown parameter name, so a typo is not silently the default', () => {
    const result = StockholmGyParametersSchema.safeParse({ oralMinOcasions: 2 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
    // A skollagen parameter is unknown to stockholm-gy and the other way round.
    expect(StockholmGyParametersSchema.safeParse({ notifyAdultStudent: false }).success).toBe(false);
    expect(SkollagenParametersSchema.safeParse({ oralWindowDays: 30 }).success).toBe(false);
  });

  it.each([
    ['oralMinInvalidMinutes', 0],
    ['oralMinInvalidMinutes', 12.5],
    ['oralWindowDays', 0],
    ['continuationGraceSchoolDays', -1],
    ['studiehjalpEndAge', 15],
    ['hemkommunNotice', 'always'],
    ['lateArrivalMaxMinutes', '15'],
  ])('refuses stockholm-gy %s = %j', (name, value) => {
    const result = StockholmGyParametersSchema.safeParse({ [name]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([name]);
  });

  it.each([
    ['investigationSharePercent', 0],
    ['investigationSharePercent', 101],
    ['investigationCountsCategories', []],
    ['investigationCountsCategories', ['invalid', 'invalid']],
    ['investigationCountsCategories', ['skolk']],
    ['notifyGuardiansUnderAge', 0],
  ])('refuses skollagen %s = %j', (name, value) => {
    const result = SkollagenParametersSchema.safeParse({ [name]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(name);
  });

  it('refuses more oral occasions than days in the window', () => {
    const result = StockholmGyParametersSchema.safeParse({ oralMinOccasions: 11, oralWindowDays: 10 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['oralMinOccasions']);
    expect(StockholmGyParametersSchema.safeParse({ oralMinOccasions: 10, oralWindowDays: 10 }).success).toBe(true);
  });

  it.each([
    ['07-01', true],
    ['08-15', true],
    ['12-31', true],
    ['02-28', true],
    ['02-29', false],
    ['04-31', false],
    ['13-01', false],
    ['00-10', false],
    ['7-1', false],
  ])('schoolYearStart %s valid: %s', (value, valid) => {
    expect(MonthDaySchema.safeParse(value).success).toBe(valid);
  });

  it('checks overrides per pack and refuses an unknown pack', () => {
    const overrides = RuleParameterOverridesSchema.parse({ skollagen: { notifyAdultStudent: false } });
    expect(overrides.skollagen?.notifyAdultStudent).toBe(false);
    expect(overrides['stockholm-gy']).toBeUndefined();
    expect(RuleParameterOverridesSchema.safeParse({ 'goteborg-gy': {} }).success).toBe(false);
  });
});
