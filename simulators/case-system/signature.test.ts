import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isWebhookSecret, verifyWebhook } from './signature.js';

// The test vector of the Standard Webhooks specification's reference libraries.
const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: '1614265330',
  body: Buffer.from('{"test": 2432232314}'),
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const SPEC_NOW = 1614265330;

/** Computed locally with node:crypto, the way any Standard Webhooks sender does it. */
function sign(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

const headers = (signature: string, timestamp = SPEC.timestamp, id = SPEC.id) => ({ id, timestamp, signature });

describe('verifyWebhook', () => {
  it("accepts the specification's test vector", () => {
    expect(verifyWebhook(headers(SPEC.signature), SPEC.body, [SPEC.secret], SPEC_NOW)).toEqual({ verified: true });
    expect(sign(SPEC.secret, SPEC.id, SPEC.timestamp, SPEC.body.toString())).toBe(SPEC.signature);
  });

  it('refuses a changed body, id or timestamp', () => {
    expect(verifyWebhook(headers(SPEC.signature), Buffer.from('{"test": 2432232315}'), [SPEC.secret], SPEC_NOW)).toEqual({ verified: false, failure: 'noMatchingSignature' });
    expect(verifyWebhook(headers(SPEC.signature, SPEC.timestamp, 'msg_other'), SPEC.body, [SPEC.secret], SPEC_NOW)).toMatchObject({ verified: false });
    expect(verifyWebhook(headers(SPEC.signature, String(SPEC_NOW + 1)), SPEC.body, [SPEC.secret], SPEC_NOW)).toMatchObject({ verified: false });
  });

  it('finds a valid signature among several, space-separated, ignoring other versions and garbage', () => {
    const list = `v1a,aGVsbG8= v1,${Buffer.alloc(32, 1).toString('base64')} nonsense ${SPEC.signature}`;
    expect(verifyWebhook(headers(list), SPEC.body, [SPEC.secret], SPEC_NOW)).toEqual({ verified: true });
    expect(verifyWebhook(headers(`v2,${SPEC.signature.slice(3)}`), SPEC.body, [SPEC.secret], SPEC_NOW)).toMatchObject({ verified: false });
  });

  it('accepts either of two secrets during rotation', () => {
    const fresh = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const body = '{"type":"warning.oral"}';
    const byOld = sign(SPEC.secret, 'msg_1', SPEC.timestamp, body);
    const byNew = sign(fresh, 'msg_1', SPEC.timestamp, body);
    expect(verifyWebhook(headers(byOld, SPEC.timestamp, 'msg_1'), Buffer.from(body), [fresh, SPEC.secret], SPEC_NOW)).toEqual({ verified: true });
    expect(verifyWebhook(headers(byNew, SPEC.timestamp, 'msg_1'), Buffer.from(body), [fresh, SPEC.secret], SPEC_NOW)).toEqual({ verified: true });
    expect(verifyWebhook(headers(byOld, SPEC.timestamp, 'msg_1'), Buffer.from(body), [fresh], SPEC_NOW)).toMatchObject({ verified: false });
  });

  it('enforces the timestamp tolerance in both directions', () => {
    expect(verifyWebhook(headers(SPEC.signature), SPEC.body, [SPEC.secret], SPEC_NOW + 300)).toEqual({ verified: true });
    expect(verifyWebhook(headers(SPEC.signature), SPEC.body, [SPEC.secret], SPEC_NOW + 301)).toEqual({ verified: false, failure: 'timestampOutOfTolerance' });
    expect(verifyWebhook(headers(SPEC.signature), SPEC.body, [SPEC.secret], SPEC_NOW - 301)).toEqual({ verified: false, failure: 'timestampOutOfTolerance' });
    expect(verifyWebhook(headers(SPEC.signature), SPEC.body, [SPEC.secret], SPEC_NOW + 30, 10)).toMatchObject({ verified: false });
  });

  it('reports missing headers, a malformed timestamp and a missing secret', () => {
    expect(verifyWebhook({ id: SPEC.id, timestamp: SPEC.timestamp, signature: undefined }, SPEC.body, [SPEC.secret], SPEC_NOW)).toEqual({ verified: false, failure: 'missingHeaders' });
    expect(verifyWebhook(headers(SPEC.signature, '1614265330.5'), SPEC.body, [SPEC.secret], SPEC_NOW)).toEqual({ verified: false, failure: 'badTimestamp' });
    expect(verifyWebhook(headers(SPEC.signature), SPEC.body, ['not-a-secret'], SPEC_NOW)).toEqual({ verified: false, failure: 'noSecret' });
  });

  it('recognises whsec_ secrets', () => {
    expect(isWebhookSecret(SPEC.secret)).toBe(true);
    expect(isWebhookSecret('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe(false);
    expect(isWebhookSecret('whsec_')).toBe(false);
    expect(isWebhookSecret('whsec_not base64!')).toBe(false);
  });
});
