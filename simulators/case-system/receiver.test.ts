import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCaseSystem } from './receiver.js';
import type { Delivery } from './receiver.js';
import type { RunningServer } from '../common/serve.js';

const SECRET = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;
const NEXT_SECRET = `whsec_${Buffer.alloc(32, 4).toString('base64')}`;

let server: RunningServer;

beforeEach(async () => {
  server = await createCaseSystem().listen();
  await control('PUT', '/endpoints/kommun', { secret: SECRET });
});

afterEach(async () => {
  await server.close();
});

function control(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}/_control${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

function signature(secret: string, id: string, timestamp: string, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

async function deliver(id: string, options: { secret?: string; endpoint?: string; type?: string; timestamp?: number; signatureHeader?: string } = {}): Promise<Response> {
  const body = JSON.stringify({ type: options.type ?? 'warning.oral', timestamp: '2026-03-10T01:00:00Z', data: { status: 'issued' } });
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return fetch(`${server.url}/hooks/${options.endpoint ?? 'kommun'}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': options.signatureHeader ?? signature(options.secret ?? SECRET, id, timestamp, body),
    },
    body,
  });
}

async function deliveries(): Promise<{ deliveries: Delivery[]; duplicates: number }> {
  return (await (await control('GET', '/deliveries')).json()) as { deliveries: Delivery[]; duplicates: number };
}

describe('POST /hooks/:endpoint', () => {
  it('accepts a correctly signed delivery with 204 and stores it', async () => {
    const response = await deliver('msg_1');
    expect(response.status).toBe(204);
    const { deliveries: stored } = await deliveries();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ endpoint: 'kommun', webhookId: 'msg_1', type: 'warning.oral', verified: true, attempt: 1, status: 204, duplicate: false, failure: null });
    expect(stored[0]?.payload).toMatchObject({ data: { status: 'issued' } });
    expect(Number.isNaN(Date.parse(stored[0]?.receivedAt ?? ''))).toBe(false);
  });

  it('refuses a wrong signature, a stale timestamp and an unknown endpoint, storing them unverified', async () => {
    expect((await deliver('msg_bad', { secret: NEXT_SECRET })).status).toBe(401);
    expect((await deliver('msg_old', { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
    expect((await deliver('msg_where', { endpoint: 'elsewhere' })).status).toBe(404);
    const { deliveries: stored } = await deliveries();
    expect(stored.map((delivery) => [delivery.webhookId, delivery.verified, delivery.failure])).toEqual([
      ['msg_bad', false, 'noMatchingSignature'],
      ['msg_old', false, 'timestampOutOfTolerance'],
      ['msg_where', false, 'unknownEndpoint'],
    ]);
  });

  it('answers a duplicate of an accepted webhook-id with 204 and counts it', async () => {
    expect((await deliver('msg_dup')).status).toBe(204);
    expect((await deliver('msg_dup')).status).toBe(204);
    expect((await deliver('msg_dup')).status).toBe(204);
    const { deliveries: stored, duplicates } = await deliveries();
    expect(duplicates).toBe(2);
    expect(stored.map((delivery) => [delivery.attempt, delivery.duplicate])).toEqual([
      [1, false],
      [2, true],
      [3, true],
    ]);
  });

  it('verifies with either secret during rotation and with several signatures in the header', async () => {
    await control('PUT', '/endpoints/kommun', { secret: NEXT_SECRET, secrets: [SECRET] });
    expect((await deliver('msg_old_key', { secret: SECRET })).status).toBe(204);
    expect((await deliver('msg_new_key', { secret: NEXT_SECRET })).status).toBe(204);
    await control('PUT', '/endpoints/kommun', { secret: NEXT_SECRET });
    expect((await deliver('msg_retired', { secret: SECRET })).status).toBe(401);
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: 'warning.oral', timestamp: '2026-03-10T01:00:00Z', data: { status: 'issued' } });
    const both = `${signature(SECRET, 'msg_both', String(timestamp), body)} ${signature(NEXT_SECRET, 'msg_both', String(timestamp), body)}`;
    expect((await deliver('msg_both', { timestamp, signatureHeader: both })).status).toBe(204);
  });
});

describe('PUT /_control/behaviour', () => {
  it('fails every delivery with the configured status and Retry-After; a failed delivery is not accepted; {} restores 204', async () => {
    expect((await control('PUT', '/behaviour', { status: 429, retryAfterSeconds: 7 })).status).toBe(204);
    const refused = await deliver('msg_1');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('7');
    await control('PUT', '/behaviour', {});
    expect((await deliver('msg_1')).status).toBe(204);
    const { deliveries: stored, duplicates } = await deliveries();
    expect(stored.map((delivery) => [delivery.attempt, delivery.status, delivery.duplicate])).toEqual([
      [1, 429, false],
      [2, 204, false],
    ]);
    expect(duplicates).toBe(0);
  });

  it('fails every n-th delivery with failEvery', async () => {
    await control('PUT', '/behaviour', { failEvery: 3 });
    const statuses: number[] = [];
    for (let index = 1; index <= 6; index++) statuses.push((await deliver(`msg_${index}`)).status);
    expect(statuses).toEqual([204, 204, 500, 204, 204, 500]);
  });

  it('is down for downForSeconds, then answers 204 again', async () => {
    await control('PUT', '/behaviour', { downForSeconds: 0.5 });
    expect((await deliver('msg_1')).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 550));
    expect((await deliver('msg_1')).status).toBe(204);
  });

  it('delays answers by delayMs', async () => {
    await control('PUT', '/behaviour', { delayMs: 60 });
    const started = performance.now();
    expect((await deliver('msg_1')).status).toBe(204);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('refuses an invalid behaviour or secret with 400', async () => {
    expect((await control('PUT', '/behaviour', { status: 99 })).status).toBe(400);
    expect((await control('PUT', '/behaviour', { flaky: true })).status).toBe(400);
    expect((await control('PUT', '/endpoints/kommun', { secret: 'plain-text' })).status).toBe(400);
  });
});

describe('deliveries and health', () => {
  it('clears deliveries and duplicate counts on DELETE', async () => {
    await deliver('msg_1');
    await deliver('msg_1');
    expect((await control('DELETE', '/deliveries')).status).toBe(204);
    expect(await deliveries()).toEqual({ deliveries: [], duplicates: 0 });
    expect((await deliver('msg_1')).status).toBe(204);
    expect((await deliveries()).deliveries[0]).toMatchObject({ attempt: 1, duplicate: false });
  });

  it('answers health', async () => {
    expect(await (await control('GET', '/health')).json()).toEqual({ ok: true });
  });

  it('takes endpoints from its options', async () => {
    const configured = await createCaseSystem({ endpoints: { preset: { secret: SECRET } } }).listen();
    try {
      const body = '{"type":"sync.completed"}';
      const timestamp = String(Math.floor(Date.now() / 1000));
      const response = await fetch(`${configured.url}/hooks/preset`, {
        method: 'POST',
        headers: { 'webhook-id': 'msg_x', 'webhook-timestamp': timestamp, 'webhook-signature': signature(SECRET, 'msg_x', timestamp, body) },
        body,
      });
      expect(response.status).toBe(204);
    } finally {
      await configured.close();
    }
  });
});
