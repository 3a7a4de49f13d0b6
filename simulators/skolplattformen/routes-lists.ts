/** The paged lists `GetStudents`, `GetGuardians` and `Franvaro/GetAnmalningar` (platform file §4). */
import type { Request, Response, Router } from 'express';
import type { ChangeQuery } from '../world/index.js';
import { FAILURE, sendFailure, sendSuccess } from './envelope.js';
import { LISTS, wireRow } from './list-rows.js';
import type { ListKind } from './list-rows.js';
import { parsePaging, snapshotWindow } from './paging.js';
import type { PagingRequest, SnapshotWindow } from './paging.js';
import { APP_BASE } from './paths.js';
import { renderScope } from './render-scope.js';
import { hostedSchool, previousSchool } from './schools.js';
import type { SchoolView } from './schools.js';
import { admitJsonCall } from './session-gate.js';
import { cachedQuery } from './state.js';
import type { SkolplattformenContext } from './state.js';
import { formatLocalTimestamp } from './wire-dates.js';
import { answerForPreviousSchool } from './wrong-school.js';

function snapshotQuery(context: SkolplattformenContext, school: SchoolView, list: ListKind, window: SnapshotWindow, paging: PagingRequest): ChangeQuery {
  const key = [school.source.platform, school.unit, list.stream, window.after, window.until, paging.fromDate, paging.toDate].join('|');
  return cachedQuery(context.state, key, () =>
    context.world.query(school.source, list.stream, { after: window.after, until: window.until, units: school.unit, fromDate: paging.fromDate, toDate: paging.toDate }),
  );
}

/**
 * The school a page is answered for: the selected one, or with `wrongSchoolRate` sometimes the
 * previous one, but only when that answer has rows (an empty wrong answer could not be told from
 * an empty right one, and no client could protect itself from it).
 */
function answeringSchool(context: SkolplattformenContext, selected: SchoolView, list: ListKind, window: SnapshotWindow, paging: PagingRequest): SchoolView {
  if (!answerForPreviousSchool(context)) return selected;
  const previous = previousSchool(context);
  return snapshotQuery(context, previous, list, window, paging).range(paging.startRow, 1).length > 0 ? previous : selected;
}

function answerList(context: SkolplattformenContext, list: ListKind, request: Request, response: Response): void {
  const session = admitJsonCall(context, request, response);
  if (!session) return;
  const selected = session.data.schoolId === null ? null : hostedSchool(context, session.data.schoolId);
  if (!selected) {
    sendFailure(response, FAILURE.noSchoolSelected);
    return;
  }
  const paging = parsePaging(request, list.dateFilters);
  if (!paging.ok) {
    sendFailure(response, paging.message);
    return;
  }
  const window = snapshotWindow(paging.value, context.clock.now());
  if (!window.ok) {
    sendFailure(response, window.message);
    return;
  }
  const school = answeringSchool(context, selected, list, window.value, paging.value);
  const query = snapshotQuery(context, school, list, window.value, paging.value);
  const scope = renderScope(context, school, window.value.until);
  const rows = query.range(paging.value.startRow, paging.value.rowLimit).map((record) => wireRow(scope, list, record).row);
  sendSuccess(response, { Rows: rows, TotalRows: query.count(), ChangedUntil: formatLocalTimestamp(window.value.until) });
}

export function mountLists(router: Router, context: SkolplattformenContext): void {
  for (const list of LISTS) {
    router.get(`${APP_BASE}${list.path}`, (request, response) => answerList(context, list, request, response));
  }
}
