/**
 * The SS 12000 source's routes (§1, §3): the token endpoint, the lists and lookups under
 * `/ss12000v2-api/source/{customerId}/v2.0`, subscriptions, and `404 NOT_FOUND` for every
 * resource this source does not publish (duties, placements, programmes, …).
 */
import express from 'express';
import type { Request, RequestHandler, Response, Router } from 'express';
import { authorize, issueToken } from './auth.js';
import { dispatcherOf } from './callbacks.js';
import { ArrayCollection } from './collections.js';
import type { Entry } from './collections.js';
import { API_PREFIX, TOKEN_PATH } from './constants.js';
import { ApiError, platformErrors } from './errors.js';
import { readListPage } from './list-endpoint.js';
import type { ListResource } from './list-endpoint.js';
import { absencesResource, attendancesResource } from './list-absence.js';
import { aggregatedAttendanceResource } from './list-aggregated.js';
import { deletedEntitiesResource } from './list-deleted.js';
import { groupsResource } from './list-groups.js';
import { organisationsResource } from './list-organisations.js';
import { personsResource } from './list-persons.js';
import { activitiesResource, calendarEventsResource } from './list-teaching.js';
import { lookupCalendarEvents, lookupOrganisations, lookupPersons } from './lookups.js';
import type { JsonRecord } from './presentation.js';
import { QueryParams } from './query-params.js';
import type { Scope, Ss12000Context, Subscription } from './state.js';
import { createSubscription, deleteSubscription, findSubscription, liveSubscriptions, renderSubscription, renewSubscription } from './subscriptions.js';

const api = (path: string): string => `${API_PREFIX}${path}`;

const subscriptionsResource: ListResource<Record<string, never>> = {
  name: 'subscriptions',
  parse: () => ({}),
  collect: (scope) =>
    new ArrayCollection(liveSubscriptions(scope).map((subscription): Entry<Subscription> => ({ lastChanged: 0, createdAt: 0, id: subscription.id, key: subscription.id, payload: subscription }))),
  render: (entries) => entries.map((entry) => renderSubscription(entry.payload as Subscription)),
};

function scopeIn(response: Response): Scope {
  return (response.locals as { scope: Scope }).scope;
}

export function mountRoutes(router: Router, context: Ss12000Context): void {
  // The token is checked before a body is read: an unauthorised caller learns nothing about its body.
  const bearer: RequestHandler = (request, response, next) => {
    (response.locals as { scope?: Scope }).scope = authorize(context, request);
    next();
  };
  const json = express.json({ limit: '1mb' });
  const list =
    <Params>(resource: ListResource<Params>): RequestHandler =>
    (request, response) => {
      response.json(readListPage(resource, scopeIn(response), new QueryParams(request.query)));
    };
  const lookup =
    (find: (scope: Scope, body: unknown, params: QueryParams) => JsonRecord[]): RequestHandler =>
    (request: Request, response) => {
      response.json(find(scopeIn(response), request.body, new QueryParams(request.query)));
    };
  const subscriptionId = (request: Request): string => String(request.params.id ?? '');

  router.post(TOKEN_PATH, express.urlencoded({ extended: false }), (request, response) => issueToken(context, request, response));

  router.get(api('/organisations'), bearer, list(organisationsResource));
  router.post(api('/organisations/lookup'), bearer, json, lookup(lookupOrganisations));
  router.get(api('/persons'), bearer, list(personsResource));
  router.post(api('/persons/lookup'), bearer, json, lookup(lookupPersons));
  router.get(api('/groups'), bearer, list(groupsResource));
  router.get(api('/activities'), bearer, list(activitiesResource));
  router.get(api('/calendarEvents'), bearer, list(calendarEventsResource));
  router.post(api('/calendarEvents/lookup'), bearer, json, lookup(lookupCalendarEvents));
  router.get(api('/attendances'), bearer, list(attendancesResource));
  router.get(api('/absences'), bearer, list(absencesResource));
  router.get(api('/aggregatedAttendance'), bearer, list(aggregatedAttendanceResource));
  router.get(api('/deletedEntities'), bearer, list(deletedEntitiesResource));

  router.get(api('/subscriptions'), bearer, list(subscriptionsResource));
  router.post(api('/subscriptions'), bearer, json, (request, response) => {
    const scope = scopeIn(response);
    const subscription = createSubscription(scope, request.body);
    dispatcherOf(context).watch(scope.tenant);
    response.status(201).json(renderSubscription(subscription));
  });
  router.get(api('/subscriptions/:id'), bearer, (request, response) => {
    response.json(renderSubscription(findSubscription(scopeIn(response), subscriptionId(request))));
  });
  router.patch(api('/subscriptions/:id'), bearer, (request, response) => {
    response.json(renderSubscription(renewSubscription(scopeIn(response), subscriptionId(request))));
  });
  router.delete(api('/subscriptions/:id'), bearer, (request, response) => {
    deleteSubscription(scopeIn(response), subscriptionId(request));
    response.status(204).end();
  });

  router.all(api('/*splat'), bearer, () => {
    throw new ApiError('NOT_FOUND', 'This source does not publish that resource');
  });
  router.all(['/', '/*splat'], () => {
    throw new ApiError('NOT_FOUND', 'Not found');
  });
  router.use(platformErrors);
}
