import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cronProblem } from './cron.js';

describe('cronProblem', () => {
  it.each([
    '0 2 * * *',
    '*/15 * * * *',
    '0 0 2 * * *',
    '0 2 * * MON-FRI',
    '0 2 * * mon,wed,fri',
    '0 2 1,15 * *',
    '30 3 ? JAN,JUL *',
    '0 2 * * 7',
    '0 8-18/2 * * 1-5',
    '5/10 * * * *',
    '0 2 L * *',
    '0 2 29 2 *',
    '  0   2 * * *  ',
  ])('accepts %j', (expression) => {
    expect(cronProblem(expression)).toBeUndefined();
  });

  it.each([
    ['0 2 * *', 'must have 5 fields'],
    ['0 0 0 2 * * *', 'found 7'],
    ['', 'found 0'],
    ['@daily', 'found 1'],
    ['60 * * * *', 'expected range 0-59'],
    ['0 24 * * *', 'expected range 0-23'],
    ['0 2 0 * *', 'expected range 1-31'],
    ['0 2 * 13 *', 'expected range 1-12'],
    ['0 2 * * 8', 'expected range 0-7'],
    ['60 0 2 * * *', 'expected range 0-59'],
    ['*/0 * * * *', 'every 0'],
    ['5-1 * * * *', 'Invalid range'],
    ['0 2 30 2 *', 'day of month'],
    ['0 2 31 4,6,9,11 *', 'day of month'],
    ['a b c d e', 'Invalid characters'],
    ['1,,2 * * * *', 'list'],
  ])('refuses %j', (expression, reason) => {
    expect(cronProblem(expression)).toContain(reason);
  });

  it('accepts every expression built from in-range values', () => {
    const field = (min: number, max: number) =>
      fc.oneof(
        fc.constant('*'),
        fc.integer({ min, max }).map(String),
        fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
        fc.integer({ min: 1, max: max - min + 1 }).map((step) => `*/${step}`),
      );
    fc.assert(
      fc.property(field(0, 59), field(0, 23), field(1, 28), field(1, 12), field(0, 7), (...parts) => {
        expect(cronProblem(parts.join(' '))).toBeUndefined();
      }),
    );
  });
});
