/**
 * The JSON endpoints under `/api` (skola24.md §2 step 4, §3, §5): POST only, the envelope always
 * HTTP 200, access checked as in access.ts, paged lists over a snapshot. A GET anywhere under `/api`
 * is IIS's 405 page; an unknown path IIS's 404 page.
 */
import type { Request, Response, Router } from 'express';
import { driftRecord } from '../common/index.js';
import type { SimulatorContext } from '../common/index.js';
import type { GuardianRow, LeaveRow, NoticeRow, PupilRow, RowData, SliceRecord, StreamName } from '../world/index.js';
import { renderAbsenceReasons, renderActiveSchoolYear, renderLeaveApplication, renderPlannedAbsence } from './absence-records.js';
import { checkAccess } from './access.js';
import type { Access } from './access.js';
import { KNOB_DEFAULTS, MAX_PAGE_SIZE } from './constants.js';
import type { ScopeName, Tenant } from './constants.js';
import { Directory } from './directory.js';
import { VALIDATION, accessDeniedEnvelope, deadSessionEnvelope, successEnvelope, validationEnvelope } from './envelope.js';
import type { Envelope } from './envelope.js';
import { HTML_CONTENT_TYPE, iisErrorPage } from './iis-pages.js';
import { parseListRequest } from './list-request.js';
import { defectOf, malformJsonRecord } from './malformation.js';
import type { MalformableRecordKind } from './malformation.js';
import { readPage } from './paged-read.js';
import { renderGuardian, renderStudent, renderUnit } from './roster-records.js';
import type { JsonRecord } from './roster-records.js';
import type { LiveSession } from './session.js';
import type { Skola24State } from './state.js';
import { formatDotNetStamp } from './wire-time.js';

type Context = SimulatorContext<Skola24State>;

interface Call {
  readonly body: Readonly<Record<string, unknown>>;
  readonly tenant: Tenant;
  readonly live: LiveSession;
  readonly directory: Directory;
}

function bodyOf(request: Request): Readonly<Record<string, unknown>> {
  const body: unknown = request.body;
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function refusal(access: Exclude<Access, { outcome: 'granted' }>, context: Context): Envelope {
  switch (access.outcome) {
    case 'deadSession':
      return deadSessionEnvelope();
    case 'refused':
      return accessDeniedEnvelope(access.context, context.clock.now(), access.live.info);
    case 'unknownHost':
      return validationEnvelope([VALIDATION.hostName()], access.live.info);
  }
}

/** A POST endpoint: access first, then the answer, always as the envelope. */
function endpoint(router: Router, context: Context, path: string, scope: ScopeName, answer: (call: Call) => Envelope, hostInBody = true): void {
  router.post(path, (request: Request, response: Response) => {
    const body = bodyOf(request);
    const access = checkAccess(context, request, scope, hostInBody ? { hostName: body.hostName } : 'sessionHost');
    if (access.outcome !== 'granted') {
      response.json(refusal(access, context));
      return;
    }
    const directory = new Directory(context.world, context.slice(access.tenant.key));
    response.json(answer({ body, tenant: access.tenant, live: access.live, directory }));
  });
}

function isKind<D extends RowData>(record: SliceRecord, kind: D['kind']): record is SliceRecord<D> {
  return record.data.kind === kind;
}

interface PagedListSpec {
  readonly path: string;
  readonly scope: ScopeName;
  readonly stream: StreamName;
  /** The list's key in `data`: `students`, `plannedAbsences`, … */
  readonly listName: string;
  readonly filterByDate: boolean;
  readonly malformable: MalformableRecordKind;
  render(record: SliceRecord, directory: Directory, snapshot: number): JsonRecord | null;
}

const PAGED_LISTS: readonly PagedListSpec[] = [
  {
    path: '/api/get/integration/students',
    scope: 'integration',
    stream: 'pupils',
    listName: 'students',
    filterByDate: false,
    malformable: 'students',
    render: (record, directory) => (isKind<PupilRow>(record, 'pupil') ? renderStudent(record, directory) : null),
  },
  {
    path: '/api/get/integration/guardians',
    scope: 'integration',
    stream: 'guardians',
    listName: 'guardians',
    filterByDate: false,
    malformable: 'guardians',
    render: (record, directory, snapshot) => (isKind<GuardianRow>(record, 'guardian') ? renderGuardian(record, directory, snapshot) : null),
  },
  {
    path: '/api/get/planned/absence/changes',
    scope: 'plannedAbsence',
    stream: 'notices',
    listName: 'plannedAbsences',
    filterByDate: true,
    malformable: 'plannedAbsences',
    render: (record, directory) => (isKind<NoticeRow>(record, 'notice') ? renderPlannedAbsence(record, directory) : null),
  },
  {
    path: '/api/get/integration/leave/applications',
    scope: 'integration',
    stream: 'leaveApplications',
    listName: 'leaveApplications',
    filterByDate: true,
    malformable: 'leaveApplications',
    render: (record, directory) => (isKind<LeaveRow>(record, 'leave') ? renderLeaveApplication(record, directory) : null),
  },
];

function pagedList(context: Context, spec: PagedListSpec, call: Call): Envelope {
  const parsed = parseListRequest(call.body, {
    directory: call.directory,
    units: context.world.units(call.directory.slice),
    now: context.clock.now(),
    maxPageSize: MAX_PAGE_SIZE.json,
    drift: context.drift,
  });
  if (!parsed.ok) return validationEnvelope(parsed.errors, call.live.info);
  const { request } = parsed;
  const page = readPage(context, call.tenant.key, spec.stream, request, spec.filterByDate);
  const records = page.records.flatMap((record) => {
    const rendered = spec.render(record, call.directory, page.snapshot);
    if (!rendered) return [];
    const defect = defectOf(context, spec.malformable, record);
    return [driftRecord(defect ? malformJsonRecord(rendered, defect) : rendered, context.drift)];
  });
  return successEnvelope(
    {
      [spec.listName]: records,
      pageNumber: request.pageNumber,
      pageSize: request.pageSize,
      totalCount: page.totalCount,
      hasMorePages: page.hasMorePages,
      snapshotTime: formatDotNetStamp(page.snapshot),
    },
    call.live.info,
  );
}

function flag(context: Context, knob: 'userMustChangePassword' | 'hasAcceptedAgreement'): boolean {
  return (context.knobs.get(knob) ?? KNOB_DEFAULTS[knob]) > 0;
}

/** Drift `validationErrorsInData`: the units call fails the way the real one can, inside `data`. */
function unitsFailingInData(call: Call): Envelope {
  return successEnvelope({ units: [], validationErrors: [{ id: 9005, description: 'Du saknar behörighet till enheter på domänen.' }] }, call.live.info);
}

export function mountJsonApi(router: Router, context: Context): void {
  endpoint(
    router,
    context,
    '/api/get/user/info',
    'portal',
    (call) => successEnvelope({ userMustChangePassword: flag(context, 'userMustChangePassword'), hasAcceptedAgreement: flag(context, 'hasAcceptedAgreement') }, call.live.info),
    false,
  );

  endpoint(router, context, '/api/get/active/school/years', 'timetable', (call) =>
    successEnvelope({ activeSchoolYears: [driftRecord(renderActiveSchoolYear(call.directory), context.drift)], useSchoolYearsFeatures: true }, call.live.info),
  );

  endpoint(router, context, '/api/get/integration/units', 'integration', (call) => {
    if (context.drift.has('validationErrorsInData')) return unitsFailingInData(call);
    const units = context.world.units(call.directory.slice).map((unit) => driftRecord(renderUnit(unit, call.tenant.municipalityCode, call.directory), context.drift));
    return successEnvelope({ units }, call.live.info);
  });

  endpoint(router, context, '/api/get/absence/reasons', 'plannedAbsence', (call) =>
    successEnvelope({ absenceReasons: renderAbsenceReasons(call.directory).map((reason) => driftRecord(reason, context.drift)) }, call.live.info),
  );

  for (const spec of PAGED_LISTS) endpoint(router, context, spec.path, spec.scope, (call) => pagedList(context, spec, call));

  router.all('/api/*splat', (request: Request, response: Response) => {
    const status = request.method === 'POST' ? 404 : 405;
    if (status === 405) response.setHeader('Allow', 'POST');
    response.status(status).setHeader('Content-Type', HTML_CONTENT_TYPE);
    response.send(iisErrorPage(status));
  });
}
