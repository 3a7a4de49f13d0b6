import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubCivicNumbers, scrubPersonalData, CIVIC_NO_PLACEHOLDER, REDACTED } from './log.js';

/** A logger whose lines are collected, so a test can read exactly what would be written. */
function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), output: () => lines.join('') };
}

// Civic numbers of the example cast (platforms/README.md §3.3) in every form a platform writes.
const CIVIC_NUMBERS = [
  '201305129825', '20130512-9825', '130512-9825', '1305129825', '100101+9809', '20130101TF01', '201211679855',
];

describe('log redaction', () => {
  it.each([
    'civicNo', 'personnummer', 'pnr', 'ssn', 'socialSecurityNumber', 'civicNumber', 'samordningsnummer',
  ])('censors the common key %s at any depth', (key) => {
    const { logger, output } = capture();
    logger.info({ [key]: '201305129825' }, 'top');
    logger.info({ person: { [key]: { value: '201305129825' } } }, 'nested');
    logger.info({ batch: [{ deeper: { list: [{ [key]: '201305129825' }] } }] }, 'deep');
    const text = output();
    expect(text).not.toContain('201305129825');
    expect(text).toContain(REDACTED);
  });

  it.each(CIVIC_NUMBERS)('scrubs %s from free text in messages, values and errors', (sample) => {
    const { logger, output } = capture();
    logger.info(`student ${sample} was absent`);
    logger.warn({ detail: `record for ${sample} rejected`, list: [`x ${sample}`] }, 'rejected');
    logger.error({ err: new Error(`lookup failed for ${sample}`) }, 'failed');
    logger.info('format %s', sample);
    const text = output();
    expect(text).not.toContain(sample);
    expect(text.split(CIVIC_NO_PLACEHOLDER).length - 1).toBeGreaterThanOrEqual(4);
  });

  it('censors names and free-text reasons', () => {
    const { logger, output } = capture();
    logger.info({ student: { givenName: 'Saga', familyName: 'Lind' }, reasonText: 'migrän' }, 'x');
    const text = output();
    expect(text).not.toMatch(/Saga|Lind|migrän/);
  });

  it('keeps what operators need', () => {
    const { logger, output } = capture();
    logger.info({ tenant: 'sjostad', platform: 'skola24', stream: 'absences', added: 120, runId: 'r1' }, 'page stored');
    const line = JSON.parse(output()) as Record<string, unknown>;
    expect(line).toMatchObject({ tenant: 'sjostad', platform: 'skola24', stream: 'absences', added: 120, msg: 'page stored' });
  });

  it('leaves dates, times and short numbers alone', () => {
    expect(scrubCivicNumbers('2026-03-10T02:00:00+01:00 took 1234 ms, page 20')).toBe(
      '2026-03-10T02:00:00+01:00 took 1234 ms, page 20',
    );
  });

  it('handles circular objects', () => {
    const a: Record<string, unknown> = { civicNo: '201305129825' };
    a.self = a;
    expect(scrubPersonalData(a)).toEqual({ civicNo: REDACTED, self: '[circular]' });
  });
});
