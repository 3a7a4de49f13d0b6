/**
 * The hub's own pages and bootstrap (infomentor.md §4, §5): the start page with `homeData`,
 * `SwitchEstablishment` (server-side selection) and the attendance app's `appData`.
 */
import type { Router } from 'express';
import type { SimulatorContext } from '../common/index.js';
import { codes } from '../world/index.js';
import { SERVICE_USER } from './account.js';
import { answeringEstablishment, establishmentById, establishmentsOf, switchEstablishment } from './establishments.js';
import { admitHubRequest, liveHubSession } from './hub-gate.js';
import { LIST_URLS } from './lists.js';
import { startPage } from './pages.js';
import type { HubSessionData, InfoMentorState } from './state.js';
import { redirect, redirectToLogin, sendJson } from './wire.js';

export const SWITCH_PATH = '/Account/EstablishmentSwitcher/SwitchEstablishment';
export const APP_DATA_PATH = '/attendance/attendance/appData';

/** Knob `leaveRequestApp` (1 = on): 0 takes the leave app off the account, to show the stream "not available". */
function hasLeaveRequestApp(context: SimulatorContext<InfoMentorState>): boolean {
  return (context.knobs.get('leaveRequestApp') ?? 1) > 0;
}

function homeData(context: SimulatorContext<InfoMentorState>, data: HubSessionData): unknown {
  const apps = ['attendance', 'classlist', ...(hasLeaveRequestApp(context) ? ['leaverequest'] : [])];
  return {
    account: {
      currentUser: SERVICE_USER,
      establishments: establishmentsOf(context, data.tenant).map((establishment) => ({
        id: establishment.id,
        name: establishment.name,
        schoolUnitCode: establishment.schoolUnitCode,
        switchEstablishmentUrl: `${SWITCH_PATH}/${establishment.id}`,
        selected: establishment.id === data.selectedEstablishmentId,
      })),
    },
    apps: apps.map((codeName) => ({ codeName })),
    // A hint with quotes and a semicolon: the page's JSON is cut at `; IMHome.home.init(`, never at the first `;`.
    texts: { establishmentSwitcher: 'Byt enhet under "Enheter"; listorna följer vald enhet' },
  };
}

export function mountHub(router: Router, context: SimulatorContext<InfoMentorState>): void {
  // Step 1 of the login without a live session; the start page with one.
  router.get('/', (request, response) => {
    if (!liveHubSession(context, request)) return redirectToLogin(response, '/');
    const session = admitHubRequest(context, request, response, 'page');
    if (!session) return;
    response.status(200).type('text/html; charset=utf-8').send(startPage(homeData(context, session.data)));
  });

  router.get(`${SWITCH_PATH}/:establishmentId`, (request, response) => {
    const session = admitHubRequest(context, request, response, 'page');
    if (!session) return;
    const establishmentId = request.params.establishmentId ?? '';
    const target = /^\d+$/.test(establishmentId) ? establishmentById(context, session.data.tenant, Number(establishmentId)) : null;
    // An establishment the account does not administer is ignored, as the real switcher does with a pupil not yours.
    if (target) switchEstablishment(context, session, target);
    redirect(response, '/');
  });

  router.post(APP_DATA_PATH, (request, response) => {
    const session = admitHubRequest(context, request, response, 'data');
    if (!session) return;
    const establishment = answeringEstablishment(context, session);
    if (!establishment) throw new Error('the session selects an establishment its account does not have');
    sendJson(response, {
      establishmentId: establishment.id,
      canViewEstablishmentAttendance: true,
      isIcelandic: false,
      translations: { absent: 'Frånvarande', late: 'Sen ankomst' },
      urls: {
        getEstablishmentAttendanceList: LIST_URLS.attendance,
        ...(hasLeaveRequestApp(context) ? { getEstablishmentLeaveRequestList: LIST_URLS.leaveRequests } : {}),
      },
      reasons: codes.infomentor.reasons.map((reason) => ({ id: reason.id, name: reason.name, absenceKind: reason.absenceKind, isValidAbsence: reason.isValidAbsence })),
    });
  });
}
