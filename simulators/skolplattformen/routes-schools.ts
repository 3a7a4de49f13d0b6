/** `GetSchools` and `SelectSchool`, the server-side selection every list answers for (platform file §3–§4). */
import express from 'express';
import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { driftRecord } from '../common/index.js';
import { appendCookie } from './cookies.js';
import { FAILURE, sendFailure, sendSuccess } from './envelope.js';
import { APP_BASE, SCHOOL_FORMS_COOKIE } from './paths.js';
import { hostedSchool, hostedSchools, renderSchool } from './schools.js';
import { admitJsonCall } from './session-gate.js';
import type { SkolplattformenContext } from './state.js';

export const PASCAL_EXTRA_FIELDS: readonly [string, string] = ['SyncSource', 'ExtraData'];

const selectSchoolBodySchema = z.object({ id: z.string().min(1) });

const parseJson = express.json();

/** A body that is not JSON is the platform's bad request (`Success: false`), not a simulator error. */
const lenientJson: RequestHandler = (request, response, next) => {
  parseJson(request, response, (error?: unknown) => {
    if (error) request.body = undefined;
    next();
  });
};

export function mountSchools(router: Router, context: SkolplattformenContext): void {
  router.get(`${APP_BASE}/GetSchools`, (request, response) => {
    if (!admitJsonCall(context, request, response)) return;
    sendSuccess(
      response,
      hostedSchools(context).map((school) => driftRecord(renderSchool(school, context.drift), context.drift, { names: PASCAL_EXTRA_FIELDS })),
    );
  });

  router.post(`${APP_BASE}/SelectSchool`, lenientJson, (request, response) => {
    const session = admitJsonCall(context, request, response);
    if (!session) return;
    const body = selectSchoolBodySchema.safeParse(request.body);
    if (!body.success) {
      sendFailure(response, FAILURE.badRequestBody);
      return;
    }
    const school = hostedSchool(context, body.data.id);
    if (!school) {
      sendFailure(response, FAILURE.unknownSchool);
      return;
    }
    session.data.schoolId = school.id;
    appendCookie(response, `${SCHOOL_FORMS_COOKIE}=${encodeURIComponent(school.forms.join(';'))}; path=/`);
    sendSuccess(response, { SchoolId: school.id, SchoolName: school.name });
  });
}
