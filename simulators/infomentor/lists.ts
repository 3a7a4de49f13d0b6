/**
 * The four paged lists (infomentor.md §5, §6): one body, one paged object, rows of the selected
 * establishment with `changedSince < lastChanged ≤ changedUntil`, each as it was at
 * `changedUntil`, ordered by (`lastChanged`, `id`). Drift `bareArrayLists`, `attendance2025Shape`,
 * `jsonDateIso`, `extraFields` and `reorderFields` and malformed records are applied here.
 */
import type { RequestHandler, Router } from 'express';
import { driftRecord } from '../common/index.js';
import type { SimulatorContext } from '../common/index.js';
import type { RowData, SliceRecord, StreamName } from '../world/index.js';
import { formatTimestamp } from './dates.js';
import type { TimestampStyle } from './dates.js';
import { answeringEstablishment } from './establishments.js';
import { admitHubRequest } from './hub-gate.js';
import { isRefusal, parseListRequest } from './list-request.js';
import type { ListRequest } from './list-request.js';
import { applyDefect, defectOf } from './malformed.js';
import { PagedQuery } from './paged-query.js';
import { renderAttendanceRow, toAttendance2025Shape } from './render-attendance.js';
import type { RenderContext } from './render-context.js';
import { renderLeaveRequest } from './render-leave.js';
import { renderParent, renderPupil } from './render-roster.js';
import type { InfoMentorState } from './state.js';
import { sendJson } from './wire.js';

export const PAGE_SIZE_LIMIT = 200;
const ISSUED_CURSORS_KEPT = 1000;

export const LIST_URLS = {
  pupils: '/ClassList/classlist/GetPupilList',
  parents: '/ClassList/classlist/GetParentList',
  attendance: '/attendance/attendance/GetEstablishmentAttendanceList',
  leaveRequests: '/attendance/attendance/GetEstablishmentLeaveRequestList',
} as const;

interface ListDefinition {
  readonly listUrl: string;
  readonly itemUrl: string;
  readonly streams: readonly StreamName[];
  /** `fromDate`/`toDate` filter attendance by `shortDate` and leave by `fromDate`; the class lists ignore them. */
  readonly filtersByDate: boolean;
  readonly render: (render: RenderContext, record: SliceRecord) => Record<string, unknown>;
  readonly isAttendance: boolean;
}

function narrowed<Kind extends RowData['kind']>(record: SliceRecord, kind: Kind): SliceRecord<Extract<RowData, { kind: Kind }>> {
  if (record.data.kind !== kind) throw new TypeError(`expected a ${kind} record, got ${record.data.kind}`);
  return record as SliceRecord<Extract<RowData, { kind: Kind }>>;
}

const LISTS: readonly ListDefinition[] = [
  {
    listUrl: LIST_URLS.pupils,
    itemUrl: '/ClassList/classlist/GetPupil',
    streams: ['pupils'],
    filtersByDate: false,
    render: (render, record) => renderPupil(render, narrowed(record, 'pupil')),
    isAttendance: false,
  },
  {
    listUrl: LIST_URLS.parents,
    itemUrl: '/ClassList/classlist/GetParent',
    streams: ['guardians'],
    filtersByDate: false,
    render: (render, record) => renderParent(render, narrowed(record, 'guardian')),
    isAttendance: false,
  },
  {
    listUrl: LIST_URLS.attendance,
    itemUrl: '/attendance/attendance/GetAttendance',
    streams: ['notices', 'registrations'],
    filtersByDate: true,
    render: renderAttendanceRow,
    isAttendance: true,
  },
  {
    listUrl: LIST_URLS.leaveRequests,
    itemUrl: '/attendance/attendance/GetLeaveRequest',
    streams: ['leaveApplications'],
    filtersByDate: true,
    render: (render, record) => renderLeaveRequest(render, narrowed(record, 'leave')),
    isAttendance: false,
  },
];

function timestampStyle(context: SimulatorContext<InfoMentorState>): TimestampStyle {
  return context.drift.has('jsonDateIso') ? 'isoLocal' : 'dotnet';
}

/** A cursor as the wire writes it; local texts are remembered so they come back as the same instant. */
function issueCursor(context: SimulatorContext<InfoMentorState>, instant: number, style: TimestampStyle): string {
  const text = formatTimestamp(instant, style);
  if (style === 'isoLocal') {
    const issued = context.state.issuedLocalCursors;
    issued.delete(text);
    issued.set(text, instant);
    if (issued.size > ISSUED_CURSORS_KEPT) issued.delete(issued.keys().next().value ?? text);
  }
  return text;
}

function itemOf(definition: ListDefinition, render: RenderContext, record: SliceRecord): Record<string, unknown> {
  const { context } = render;
  let item = definition.render(render, record);
  const defect = defectOf(context, record);
  if (defect) applyDefect(item, defect, render.style);
  if (definition.isAttendance && context.drift.has('attendance2025Shape')) item = toAttendance2025Shape(item);
  return driftRecord(item, context.drift);
}

function queryKey(definition: ListDefinition, unit: string, request: ListRequest, until: number): string {
  const dates = definition.filtersByDate ? `${request.fromDate ?? ''}|${request.toDate ?? ''}` : '|';
  return `${definition.listUrl}|${unit}|${request.changedSince ?? 'all'}|${until}|${dates}`;
}

function listHandler(context: SimulatorContext<InfoMentorState>, definition: ListDefinition): RequestHandler {
  return (request, response) => {
    const session = admitHubRequest(context, request, response, 'data');
    if (!session) return;
    const now = context.clock.now();
    const maxPageSize = Math.min(PAGE_SIZE_LIMIT, context.knobs.get('maxPageSize') ?? PAGE_SIZE_LIMIT);
    const parsed = parseListRequest(request.body, { maxPageSize, now, issuedCursor: (text) => context.state.issuedLocalCursors.get(text) });
    if (isRefusal(parsed)) return sendJson(response, parsed);
    const establishment = answeringEstablishment(context, session);
    if (!establishment) throw new Error('the session selects an establishment its account does not have');

    const style = timestampStyle(context);
    const until = parsed.changedUntil ?? Math.floor(now / 1000) * 1000;
    const slice = context.slice(session.data.tenant);
    const query = context.state.queries.getOrCreate(queryKey(definition, establishment.unit, parsed, until), () => {
      const dates = definition.filtersByDate ? { fromDate: parsed.fromDate, toDate: parsed.toDate } : {};
      return new PagedQuery(definition.streams.map((stream) => context.world.query(slice, stream, { after: parsed.changedSince, until, units: establishment.unit, ...dates })));
    });
    const totalItems = query.count();
    const more = parsed.page * parsed.pageSize < totalItems;
    const render: RenderContext = { context, slice, establishment, style, asOf: until };
    const items = query.page(parsed.page, parsed.pageSize).map((record) => itemOf(definition, render, record));
    const changedUntil = issueCursor(context, until, style);

    // A list that fits one page may come back bare; its snapshot is then the response's Date.
    if (context.drift.has('bareArrayLists') && parsed.page === 1 && !more) return sendJson(response, items);
    sendJson(response, {
      page: parsed.page,
      pageSize: parsed.pageSize,
      totalItems,
      more,
      listUrl: definition.listUrl,
      itemUrl: definition.itemUrl,
      establishmentId: establishment.id,
      changedSince: parsed.changedSince === null ? null : formatTimestamp(parsed.changedSince, style),
      changedUntil,
      items,
    });
  };
}

export function mountLists(router: Router, context: SimulatorContext<InfoMentorState>): void {
  for (const definition of LISTS) router.post(definition.listUrl, listHandler(context, definition));
}
