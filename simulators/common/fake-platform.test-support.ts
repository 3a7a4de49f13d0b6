/**
 * A tiny platform definition for the framework's own tests: a login route, a JSON list with
 * drift and malformed records, an XML export, a streamed body and a mutating route. It is not a
 * real platform's wire format.
 */
import express from 'express';
import { z } from 'zod';
import { ControlError, defineSimulator } from './definition.js';
import type { SimulatorContext } from './definition.js';
import { driftRecord } from './drift.js';
import { createSimulator } from './simulator.js';
import type { SimulatorOptions } from './simulator.js';

export const FAKE_ITEM_COUNT = 40;
const MALFORMABLE = ['personalIdentityNumber', 'lastChanged'];

export interface FakeState {
  mutations: number;
  /** Usernames passed to the expire hook (`*` for all). */
  expired: string[];
}

const eventSchema = z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('ping') }), z.strictObject({ kind: z.literal('refused') })]);

export const fakePlatform = defineSimulator<FakeState>({
  platform: 'skola24',
  defaultPort: 7301,
  sessions: { idleTtlSeconds: 60, absoluteTtlSeconds: 3600 },
  knobs: { loginMinDelayMs: 2000, staleSelectionRate: 0 },
  driftToggles: ['xmlBom'],
  authRoutes: ['/login'],
  createState: () => ({ mutations: 0, expired: [] }),

  mount(router, context) {
    router.use(express.json());

    router.post('/login', (request, response) => {
      const body = request.body as { username?: string } | undefined;
      const session = context.sessions.create(body?.username ?? 'anonymous', {});
      response.json({ token: session.id });
    });

    router.get('/api/items', (request, response) => {
      const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
      const session = context.sessions.get(token);
      if (!session) {
        response.status(401).json({ sessionDead: true });
        return;
      }
      context.snapshots.note(context.clock.now());
      const items = Array.from({ length: FAKE_ITEM_COUNT }, (_, index) => {
        const id = `item-${index}`;
        const record: Record<string, unknown> = { id, personalIdentityNumber: '20130512-9825', lastChanged: context.clock.stockholm() };
        const defect = context.faults.malformationFor(id, MALFORMABLE);
        if (defect) record[defect.field] = defect.kind;
        return driftRecord(record, context.drift);
      });
      const expires = context.sessions.expiresAt(session, context.clock.now());
      response.json({ items, sessionExpires: expires === null ? null : new Date(expires).toISOString() });
    });

    router.get('/api/items/:id', (request, response) => {
      response.json({ id: request.params.id });
    });

    router.post('/api/mutate', (_request, response) => {
      context.state.mutations += 1;
      response.json({ mutations: context.state.mutations });
    });

    router.get('/xml/export', (_request, response) => {
      const rows = Array.from({ length: 50 }, (_, index) => `<Row><Id>${index}</Id></Row>`).join('');
      response.type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="utf-8"?><Export>${rows}</Export>`);
    });

    router.route('/stream').get((_request, response) => {
      response.type('text/plain');
      for (let index = 0; index < 10; index++) response.write(`chunk ${index}\n`);
      response.end();
    });
  },

  errorResponse(status) {
    if (status === 429) return { contentType: 'application/json', body: JSON.stringify({ error: 'too many requests' }) };
    return { contentType: 'text/html; charset=utf-8', body: `<html><body><h1>Server Error</h1><p>${status}</p></body></html>`, headers: { 'x-fake-error': 'yes' } };
  },

  injectEvent(context, body) {
    const event = eventSchema.parse(body);
    if (event.kind === 'refused') throw new ControlError(409, 'the fake platform refuses this event');
    const at = context.world.clock.stampInjection(context.platform);
    return { id: `ping-${at}` };
  },

  expireSessions(context, filter) {
    context.state.expired.push(filter.username ?? '*');
  },
});

/** A running fake simulator with a small control client. */
export interface RunningFake {
  readonly url: string;
  readonly context: SimulatorContext<FakeState>;
  control(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

export async function startFake(inputs: SimulatorOptions = { seed: 'fake-seed', students: 120 }): Promise<RunningFake> {
  const simulator = createSimulator(fakePlatform, inputs);
  const server = await simulator.listen();
  return {
    url: server.url,
    context: simulator.context,
    close: () => server.close(),
    control: (method, path, body) =>
      fetch(`${server.url}/_control${path}`, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      }),
  };
}

/** Logs in to the fake platform and returns the bearer header. */
export async function loginHeaders(url: string, username = 'skolbrygga@sjostad'): Promise<Record<string, string>> {
  const response = await fetch(`${url}/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
  const { token } = (await response.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
}
