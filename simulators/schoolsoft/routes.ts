/**
 * SchoolSoft's routes (schoolsoft.md §2, §4): the token endpoint, the web app's `Login.jsp` (only
 * ever a redirect target), and the Eva API under `/{slug}/eva/api/` with its inconsistent path
 * shapes copied exactly — v1 `schools/{orgId}`, v2 `school/{orgId}`. Anything else is a Spring
 * `404`, including "corrected" shapes, other letter case and a trailing slash.
 */
import express from 'express';
import type { Request, RequestHandler, Response, Router } from 'express';
import { driftRecord } from '../common/index.js';
import type { SimulatorContext } from '../common/index.js';
import { authenticateEva } from './eva-auth.js';
import type { EvaCaller } from './eva-auth.js';
import { MAX_WINDOW_DAYS, changeWindow, parseWindow, rosterSnapshot } from './lists.js';
import { ROSTER_STREAM, WINDOW_STREAM, wireRecord } from './records.js';
import { leaveReasonCodeValues, renderSchool, renderSchoolYear } from './render-roster.js';
import type { RenderScope } from './render-roster.js';
import { page, pageRequest, sendJson, sendNotFound, sendSpringError } from './spring.js';
import type { SchoolSoftState } from './state.js';
import { schoolOf, schoolsOf } from './tenancy.js';
import type { School } from './tenancy.js';
import { tokenEndpoint } from './tokens.js';

type Context = SimulatorContext<SchoolSoftState>;

export const EVA = '/:slug/eva/api';
export const TOKEN_ROUTE = '/:slug/rest-api/login/token';
export const LOGIN_JSP_ROUTE = '/:slug/jsp/Login.jsp';
export const DEFAULT_MAX_PAGE_SIZE = 500;

const WINDOW_MESSAGES = {
  notANumber: "Failed to convert value of type 'java.lang.String' to required type 'long'",
  inTheFuture: 'toMs is in the future',
  empty: 'fromMs must be before toMs',
  tooLong: `The window must not span more than ${MAX_WINDOW_DAYS} days`,
} as const;

/**
 * Spring matches paths exactly; express does not (case-insensitive, optional trailing slash). API
 * paths whose spelling express would forgive are answered 404 here, before routing.
 */
function exactPathsOnly(context: Context): RequestHandler {
  return (request, response, next) => {
    const path = request.path;
    const isApi = /^\/[^/]+\/(eva|rest-api)\//i.test(path);
    if (isApi && (path !== path.toLowerCase() || path.endsWith('/'))) {
      sendNotFound(response, request, context.clock.now(), context.drift);
      return;
    }
    next();
  };
}

function methodNotAllowed(context: Context, allowed: string): RequestHandler {
  return (request, response) => {
    response.setHeader('Allow', allowed);
    sendSpringError(response, request, 405, `Request method '${request.method}' is not supported`, context.clock.now(), context.drift);
  };
}

function sendList(context: Context, response: Response, records: readonly object[]): void {
  sendJson(response, 200, records.map((record) => driftRecord(record, context.drift)), context.drift);
}

/** An Eva handler: runs only for a live token of the path's slug. */
function eva(context: Context, handler: (caller: EvaCaller, request: Request, response: Response) => void): RequestHandler {
  return (request, response) => {
    const caller = authenticateEva(context, request, response);
    if (caller) handler(caller, request, response);
  };
}

/** An Eva handler under `{orgId}`: the school must be one of the caller's tenant. */
function evaSchool(context: Context, handler: (caller: EvaCaller, school: School, request: Request, response: Response) => void): RequestHandler {
  return eva(context, (caller, request, response) => {
    const orgText = String(request.params.orgId);
    if (!/^\d{1,9}$/.test(orgText)) {
      sendSpringError(response, request, 400, "Failed to convert value of type 'java.lang.String' to required type 'java.lang.Integer'", context.clock.now(), context.drift);
      return;
    }
    const school = schoolOf(context, caller.tenant, Number(orgText));
    if (!school) {
      sendSpringError(response, request, 404, `No school with orgId ${orgText}`, context.clock.now(), context.drift);
      return;
    }
    handler(caller, school, request, response);
  });
}

function scopeOf(context: Context, caller: EvaCaller): RenderScope {
  return { world: context.world, slice: context.slice(caller.tenant), asOf: context.clock.now() };
}

function maxPageSize(context: Context): number {
  return context.knobs.get('maxPageSize') ?? DEFAULT_MAX_PAGE_SIZE;
}

function rosterPage(context: Context, kind: keyof typeof ROSTER_STREAM): RequestHandler {
  return evaSchool(context, (caller, school, request, response) => {
    const { page: number, size } = pageRequest(request.query, maxPageSize(context));
    const records = rosterSnapshot(context, caller.tenant, school, ROSTER_STREAM[kind]);
    const scope = scopeOf(context, caller);
    const content = records.slice(number * size, (number + 1) * size).map((record) => driftRecord(wireRecord(context, scope, kind, record).body, context.drift));
    sendJson(response, 200, page(content, number, size, records.length), context.drift);
  });
}

function windowPage(context: Context, kind: keyof typeof WINDOW_STREAM): RequestHandler {
  return evaSchool(context, (caller, school, request, response) => {
    const window = parseWindow(String(request.params.fromMs), String(request.params.toMs), context.clock.now());
    if (typeof window === 'string') {
      sendSpringError(response, request, 400, WINDOW_MESSAGES[window], context.clock.now(), context.drift);
      return;
    }
    const { page: number, size } = pageRequest(request.query, maxPageSize(context));
    const query = changeWindow(context, caller.tenant, school, WINDOW_STREAM[kind], window);
    const total = query.count();
    const scope = scopeOf(context, caller);
    const content = query.page(number, size).map((record) => driftRecord(wireRecord(context, scope, kind, record).body, context.drift));
    // SchoolSoft's agenda style: a list that fits in one page comes as a bare array.
    if (context.drift.has('bareArrayLists') && number === 0 && total <= size) {
      sendJson(response, 200, content, context.drift);
      return;
    }
    sendJson(response, 200, page(content, number, size, total), context.drift);
  });
}

const LOGIN_PAGE = '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>SchoolSoft</title></head><body><form method="post" action="Login.jsp"><input name="ssusername"><input name="sspassword" type="password"><button>Logga in</button></form></body></html>';

export function mountRoutes(router: Router, context: Context): void {
  router.use(exactPathsOnly(context));
  router.use(express.urlencoded({ extended: false }));

  router.route(TOKEN_ROUTE).post(tokenEndpoint(context)).all(methodNotAllowed(context, 'POST'));
  // Only ever the target of drift `redirectToLoginJsp`; the request log shows whether a client followed it.
  router.get(LOGIN_JSP_ROUTE, (_request, response) => {
    response.status(200).type('text/html; charset=utf-8').send(LOGIN_PAGE);
  });

  const get = (path: string, handler: RequestHandler): void => {
    router.route(`${EVA}${path}`).get(handler).all(methodNotAllowed(context, 'GET'));
  };

  get(
    '/v1/schools',
    eva(context, (caller, _request, response) => {
      sendList(context, response, schoolsOf(context, caller.tenant).map((school) => renderSchool(school, caller.tenant)));
    }),
  );
  get(
    '/v1/schools/:orgId/school-years',
    evaSchool(context, (caller, _school, _request, response) => {
      sendList(context, response, [renderSchoolYear(context.world, context.slice(caller.tenant))]);
    }),
  );
  get(
    '/v1/schools/:orgId/codevalues/student-leave-reasons',
    evaSchool(context, (_caller, _school, request, response) => {
      if (typeof request.query.langId !== 'string' || !/^\d+$/.test(request.query.langId)) {
        sendSpringError(response, request, 400, "Required request parameter 'langId' for method parameter type Integer is not present", context.clock.now(), context.drift);
        return;
      }
      sendList(context, response, leaveReasonCodeValues());
    }),
  );
  get('/v2/school/:orgId/students', rosterPage(context, 'students'));
  get('/v2/school/:orgId/parents', rosterPage(context, 'parents'));
  get('/v2/school/:orgId/student-absence/lessons/:fromMs/:toMs', windowPage(context, 'lessons'));
  get('/v2/school/:orgId/student-absence/reports/:fromMs/:toMs', windowPage(context, 'reports'));
  get('/v2/school/:orgId/student-leave/:fromMs/:toMs', windowPage(context, 'leave'));

  router.all('/*splat', (request, response) => {
    sendNotFound(response, request, context.clock.now(), context.drift);
  });
}
