/**
 * `POST /Services/Integration/LessonAbsenceExport.asmx/GetLessonAbsences` (skola24.md §6): an ASMX
 * method taking a url-encoded form. ASMX binds parameters before the method runs, so a form
 * missing one answers `500 text/plain` "Missing parameter" first; then the session, scope and host
 * are checked, then the fields, and any failure is a document with `Validation` and no result.
 * A wrong `X-Scope` or another tenant's host (JSON: exception 403) is a `ValidationError` with
 * code 403 here, the XML document having no exception element.
 */
import type { Request, Response, Router } from 'express';
import { driftRecord } from '../common/index.js';
import type { SimulatorContext } from '../common/index.js';
import type { RegistrationRow, SliceRecord } from '../world/index.js';
import { checkAccess } from './access.js';
import { LESSON_ABSENCE_EXPORT_PATH, MAX_PAGE_SIZE } from './constants.js';
import { Directory } from './directory.js';
import { VALIDATION } from './envelope.js';
import type { ValidationError } from './envelope.js';
import { XML_CONTENT_TYPE, renderExportDocument } from './export-document.js';
import type { ExportDocument } from './export-document.js';
import { HTML_CONTENT_TYPE, iisErrorPage, missingParameterText } from './iis-pages.js';
import { parseListRequest } from './list-request.js';
import { defectOf, malformRegistrationElement } from './malformation.js';
import { readPage } from './paged-read.js';
import { renderRegistration } from './registration-element.js';
import { DEAD_SESSION } from './session.js';
import type { Skola24State } from './state.js';

type Context = SimulatorContext<Skola24State>;

/** The method's parameters in signature order: the first one missing is the one ASMX names. */
export const EXPORT_PARAMETERS = ['hostName', 'unitGuid', 'schoolYear', 'changedSince', 'snapshotTime', 'fromDate', 'toDate', 'pageNumber', 'pageSize'] as const;
type ExportParameter = (typeof EXPORT_PARAMETERS)[number];

const XML_NAMES: readonly [string, string] = ['SimulatorExtraField', 'SimulatorExtraObject'];

type ExportForm = { readonly missing: ExportParameter } | { readonly missing: null; readonly fields: Readonly<Record<ExportParameter, string>> };

/** The form's fields, or the first parameter (in signature order) it lacks. */
function readForm(request: Request): ExportForm {
  const body: unknown = request.body;
  const form = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const fields = {} as Record<ExportParameter, string>;
  for (const name of EXPORT_PARAMETERS) {
    const value = form[name];
    const first = Array.isArray(value) ? (value[0] as unknown) : value;
    if (typeof first !== 'string') return { missing: name };
    fields[name] = first;
  }
  return { missing: null, fields };
}

function send(response: Response, context: Context, document: ExportDocument): void {
  response.status(200).setHeader('Content-Type', XML_CONTENT_TYPE);
  response.setHeader('Cache-Control', 'private, max-age=0');
  response.send(renderExportDocument(document, context.drift));
}

function isRegistration(record: SliceRecord): record is SliceRecord<RegistrationRow> {
  return record.data.kind === 'registration';
}

function exportPage(request: Request, response: Response, context: Context): void {
  const form = readForm(request);
  if (form.missing !== null) {
    response.status(500).setHeader('Content-Type', 'text/plain; charset=utf-8');
    response.send(missingParameterText(form.missing));
    return;
  }
  const { fields } = form;
  const access = checkAccess(context, request, 'integration', { hostName: fields.hostName });
  const fail = (validation: readonly ValidationError[], session = access.outcome === 'deadSession' ? DEAD_SESSION : access.live.info): void =>
    send(response, context, { session, validation, result: null });
  switch (access.outcome) {
    case 'deadSession':
      fail([VALIDATION.session()], DEAD_SESSION);
      return;
    case 'refused':
      fail([{ code: 403, label: access.context, message: 'Åtkomst nekad' }]);
      return;
    case 'unknownHost':
      fail([VALIDATION.hostName()]);
      return;
    case 'granted':
      break;
  }
  const directory = new Directory(context.world, context.slice(access.tenant.key));
  const parsed = parseListRequest(fields, {
    directory,
    units: context.world.units(directory.slice, 'registrations'),
    now: context.clock.now(),
    maxPageSize: MAX_PAGE_SIZE.xml,
    drift: context.drift,
  });
  if (!parsed.ok) {
    fail(parsed.errors);
    return;
  }
  const page = readPage(context, access.tenant.key, 'registrations', parsed.request, true);
  const registrations = page.records.filter(isRegistration).map((record) => {
    const element = renderRegistration(record, directory);
    const defect = defectOf(context, 'registrations', record);
    return driftRecord(defect ? malformRegistrationElement(element, defect) : element, context.drift, { names: XML_NAMES });
  });
  const { unit, pageNumber, pageSize } = parsed.request;
  send(response, context, {
    session: access.live.info,
    validation: [],
    result: {
      unit: { guid: directory.unitGuid(unit.code), schoolUnitCode: unit.schoolUnitCode, name: unit.name },
      page: { number: pageNumber, size: pageSize, totalCount: page.totalCount, hasMorePages: page.hasMorePages },
      snapshot: page.snapshot,
      registrations,
    },
  });
}

export function mountLessonAbsenceExport(router: Router, context: Context): void {
  router.post(LESSON_ABSENCE_EXPORT_PATH, (request: Request, response: Response) => exportPage(request, response, context));
  router.all('/Services/*splat', (request: Request, response: Response) => {
    const status = request.method === 'POST' ? 404 : 405;
    if (status === 405) response.setHeader('Allow', 'POST');
    response.status(status).setHeader('Content-Type', HTML_CONTENT_TYPE);
    response.send(iisErrorPage(status));
  });
}
