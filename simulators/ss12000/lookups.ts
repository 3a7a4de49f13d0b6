/**
 * `POST /organisations/lookup`, `POST /persons/lookup`, `POST /calendarEvents/lookup` (§3): a
 * JSON body of id lists, answered with a **bare array** as of now. A body naming more than the
 * knob `maxLookupIds` items is `503 RESPONSE_TOO_LARGE` (the standard's overload answer), which
 * the connector meets by halving its batch.
 */
import { z } from 'zod';
import type { GroupRow, SliceRecord } from '../world/index.js';
import { KNOB_DEFAULTS } from './constants.js';
import { ApiError, badRequest } from './errors.js';
import { everyPerson, parsePersonRenderParams, renderPersons } from './list-persons.js';
import type { PersonPayload } from './list-persons.js';
import { organisationEntries, renderOrganisation } from './list-organisations.js';
import { eventEntry, renderCalendarEvents } from './list-teaching.js';
import type { EventPayload } from './list-teaching.js';
import type { Entry } from './collections.js';
import type { JsonRecord } from './presentation.js';
import { isUuid } from './query-params.js';
import type { QueryParams } from './query-params.js';
import { References } from './references.js';
import type { Scope } from './state.js';
import { lessonOfEvent } from './timetable-index.js';

const uuidList = z.array(z.string().refine(isUuid, 'must be a UUID').transform((id) => id.toLowerCase())).default([]);
const textList = z.array(z.string()).default([]);

const organisationLookupSchema = z.object({ ids: uuidList, schoolUnitCodes: textList, organisationCodes: textList });
const personLookupSchema = z.object({ ids: uuidList, civicNos: textList });
const calendarEventLookupSchema = z.object({ ids: uuidList });

function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badRequest(`The lookup body is invalid: ${parsed.error.issues.map((issue) => issue.path.join('.') || 'body').join(', ')}`);
  return parsed.data;
}

function requireSize(scope: Scope, count: number): void {
  const limit = scope.context.knobs.get('maxLookupIds') ?? KNOB_DEFAULTS.maxLookupIds;
  if (count > limit) throw new ApiError('RESPONSE_TOO_LARGE', `The lookup names ${count} items; the response would be too large (at most ${limit})`);
}

export function lookupOrganisations(scope: Scope, body: unknown, params: QueryParams): JsonRecord[] {
  const wanted = parseBody(organisationLookupSchema, body);
  requireSize(scope, wanted.ids.length + wanted.schoolUnitCodes.length + wanted.organisationCodes.length);
  const refs = new References(scope, params.boolean('expandReferenceNames') ?? false);
  return organisationEntries(scope, scope.world.now())
    .filter((entry) => {
      const { unit, code } = entry.payload;
      return wanted.ids.includes(entry.id) || (unit !== null && wanted.schoolUnitCodes.includes(unit.schoolUnitCode)) || wanted.organisationCodes.includes(code);
    })
    .map((entry) => renderOrganisation(entry, scope, refs));
}

export function lookupPersons(scope: Scope, body: unknown, params: QueryParams): JsonRecord[] {
  const wanted = parseBody(personLookupSchema, body);
  requireSize(scope, wanted.ids.length + wanted.civicNos.length);
  const renderParams = parsePersonRenderParams(params);
  const now = scope.world.now();
  const found = everyPerson(scope, now).filter((entry) => {
    const payload = entry.payload as PersonPayload;
    return wanted.ids.includes(entry.id) || (payload.kind === 'record' && wanted.civicNos.includes(payload.record.data.civicNo));
  });
  return renderPersons(found, scope, renderParams, now);
}

export function lookupCalendarEvents(scope: Scope, body: unknown, params: QueryParams): JsonRecord[] {
  const wanted = parseBody(calendarEventLookupSchema, body);
  requireSize(scope, wanted.ids.length);
  const now = scope.world.now();
  const groups = new Map<string, SliceRecord<GroupRow>>();
  for (const record of scope.world.query(scope.slice, 'groups', { until: now })) groups.set(record.key, record as SliceRecord<GroupRow>);
  const entries: Entry<EventPayload>[] = [];
  for (const id of new Set(wanted.ids)) {
    const lesson = lessonOfEvent(scope, id);
    const entry = lesson ? eventEntry(scope, lesson, groups) : null;
    if (entry) entries.push(entry);
  }
  return renderCalendarEvents(entries, scope, { expand: [], names: params.boolean('expandReferenceNames') ?? false }, now);
}
