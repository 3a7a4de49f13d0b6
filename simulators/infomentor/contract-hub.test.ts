/**
 * The start page, the establishment switch and `appData` of the InfoMentor simulator
 * (platforms/infomentor.md §4, §5; IM-04, IM-05).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HubClient, LARKANG, PATHS, TALLMO, homeDataOf, listPage, login, startInfoMentor } from './hub-client.test-support.js';
import type { RunningInfoMentor } from './hub-client.test-support.js';

let sim: RunningInfoMentor;

beforeAll(async () => {
  sim = await startInfoMentor();
});

afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  await sim.control('POST', '/reset', { seed: 'skolbrygga', students: 120 });
  await sim.control('PUT', '/config', {});
});

async function loggedIn(): Promise<HubClient> {
  const client = new HubClient(sim.url);
  await login(client);
  return client;
}

interface HomeData {
  account: { currentUser: { id: number; name: string }; establishments: { id: number; name: string; schoolUnitCode: string; switchEstablishmentUrl: string; selected: boolean }[] };
  apps: { codeName: string }[];
  texts: Record<string, string>;
}

async function homeData(client: HubClient): Promise<{ html: string; data: HomeData }> {
  const response = await client.send('GET', '/');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const html = await response.text();
  return { html, data: homeDataOf(html) as HomeData };
}

describe('start page (§5, IM-04)', () => {
  it('carries homeData in one script line, cut at "; IMHome.home.init(", with Swedish letters and escaped quotes', async () => {
    const { html, data } = await homeData(await loggedIn());
    expect(html).toContain(
      '<script>IMHome.home.homeData = {"account":{"currentUser":{"id":5512001,"name":"Skolbrygga, Integration"},"establishments":[{"id":20417,"name":"Tallmoskolan","schoolUnitCode":"99010002","switchEstablishmentUrl":"/Account/EstablishmentSwitcher/SwitchEstablishment/20417","selected":true},{"id":20419,"name":"Lärkängsskolan","schoolUnitCode":"99010005","switchEstablishmentUrl":"/Account/EstablishmentSwitcher/SwitchEstablishment/20419","selected":false}]},"apps":[{"codeName":"attendance"},{"codeName":"classlist"},{"codeName":"leaverequest"}]',
    );
    expect(html).toMatch(/; IMHome\.home\.init\(/);
    expect(html).toContain('\\"Enheter\\";');
    expect(data.account.establishments.map((establishment) => establishment.name)).toEqual(['Tallmoskolan', 'Lärkängsskolan']);
    expect(data.texts.establishmentSwitcher).toContain('"Enheter"; ');
  });

  it('drops the leaverequest app when knob leaveRequestApp is 0, and appData then has no leave url', async () => {
    expect((await sim.control('PUT', '/config', { leaveRequestApp: 0 })).status).toBe(204);
    const client = await loggedIn();
    const { data } = await homeData(client);
    expect(data.apps.map((app) => app.codeName)).toEqual(['attendance', 'classlist']);
    const appData = (await (await client.post(PATHS.appData)).json()) as { urls: Record<string, string> };
    expect(Object.keys(appData.urls)).toEqual(['getEstablishmentAttendanceList']);
  });
});

describe('appData (§5)', () => {
  it("is the selected establishment's bootstrap with the simulator's eight reasons", async () => {
    const response = await (await loggedIn()).post(PATHS.appData, {});
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({
      establishmentId: TALLMO,
      canViewEstablishmentAttendance: true,
      isIcelandic: false,
      translations: { absent: 'Frånvarande', late: 'Sen ankomst' },
      urls: { getEstablishmentAttendanceList: '/attendance/attendance/GetEstablishmentAttendanceList', getEstablishmentLeaveRequestList: '/attendance/attendance/GetEstablishmentLeaveRequestList' },
      reasons: [
        { id: 1, name: 'Sjuk', absenceKind: 'Absence', isValidAbsence: true },
        { id: 2, name: 'Läkarbesök', absenceKind: 'Absence', isValidAbsence: true },
        { id: 3, name: 'Ledighet', absenceKind: 'Leave', isValidAbsence: true },
        { id: 4, name: 'Sen ankomst', absenceKind: 'Late', isValidAbsence: false },
        { id: 5, name: 'Ogiltig frånvaro', absenceKind: 'Absence', isValidAbsence: false },
        { id: 6, name: 'Gick tidigare', absenceKind: 'LeftEarly', isValidAbsence: false },
        { id: 7, name: 'Annan skolaktivitet', absenceKind: 'OtherActivity', isValidAbsence: true },
        { id: 8, name: 'Övrigt', absenceKind: 'Absence', isValidAbsence: null },
      ],
    });
  });

  it('accepts a form-encoded post as older clients send it', async () => {
    const client = await loggedIn();
    const response = await client.send('POST', PATHS.appData, { form: {} });
    expect(((await response.json()) as { establishmentId: number }).establishmentId).toBe(TALLMO);
  });
});

describe('the selected establishment is server state (§4, IM-05)', () => {
  it('SwitchEstablishment answers 302 to /, and every list then answers for the new establishment', async () => {
    const client = await loggedIn();
    const switched = await client.send('GET', PATHS.switchTo(LARKANG));
    expect(switched.status).toBe(302);
    expect(switched.headers.get('location')).toBe('/');
    const { data } = await homeData(client);
    expect(data.account.establishments.map((establishment) => [establishment.id, establishment.selected])).toEqual([
      [TALLMO, false],
      [LARKANG, true],
    ]);
    expect(((await (await client.post(PATHS.appData)).json()) as { establishmentId: number }).establishmentId).toBe(LARKANG);
    const pupils = await listPage(client, PATHS.pupils);
    expect(pupils.establishmentId).toBe(LARKANG);
    expect(new Set(pupils.items.map((item) => item.establishmentName))).toEqual(new Set(['Lärkängsskolan']));
    const attendance = await listPage(client, PATHS.attendance);
    expect(attendance.items.length).toBeGreaterThan(0);
    for (const item of attendance.items) expect(String(item.pupilSourceId)).toMatch(/^20419\|\d+\|NEMANDI_SKOLI$/);
    // Lärkängsskolan's lessons are registered in SS 12000: InfoMentor shows its notices, no lesson rows.
    for (const item of attendance.items) expect(item.subject).toBeNull();

    // One session, one selection: a second session still starts on the first establishment.
    const other = await loggedIn();
    expect((await listPage(other, PATHS.pupils)).establishmentId).toBe(TALLMO);
  });

  it('ignores a switch to an establishment the account does not administer', async () => {
    const client = await loggedIn();
    expect((await client.send('GET', PATHS.switchTo(99999))).status).toBe(302);
    expect((await listPage(client, PATHS.pupils)).establishmentId).toBe(TALLMO);
  });

  it('with staleSelectionRate the first data response after a switch answers for the previous establishment', async () => {
    expect((await sim.control('PUT', '/config', { staleSelectionRate: 1 })).status).toBe(204);
    const client = await loggedIn();
    await client.send('GET', PATHS.switchTo(LARKANG));
    const stale = await listPage(client, PATHS.pupils);
    expect(stale.establishmentId).toBe(TALLMO);
    for (const item of stale.items) expect(item.establishmentId).toBe(TALLMO);
    const fresh = await listPage(client, PATHS.pupils);
    expect(fresh.establishmentId).toBe(LARKANG);
    for (const item of fresh.items) expect(item.establishmentId).toBe(LARKANG);
    // Switching again to the same establishment is never stale.
    await client.send('GET', PATHS.switchTo(LARKANG));
    expect((await listPage(client, PATHS.pupils)).establishmentId).toBe(LARKANG);
  });

  it('makes a deterministic share of switches stale at a rate below 1', async () => {
    expect((await sim.control('PUT', '/config', { staleSelectionRate: 0.5 })).status).toBe(204);
    const run = async (): Promise<boolean[]> => {
      const client = await loggedIn();
      const outcomes: boolean[] = [];
      for (let index = 0; index < 12; index++) {
        const target = index % 2 === 0 ? LARKANG : TALLMO;
        await client.send('GET', PATHS.switchTo(target));
        const appData = (await (await client.post(PATHS.appData)).json()) as { establishmentId: number };
        outcomes.push(appData.establishmentId !== target);
      }
      return outcomes;
    };
    const first = await run();
    expect(first).toContain(true);
    expect(first).toContain(false);
    await sim.control('POST', '/reset', { seed: 'skolbrygga', students: 120 });
    expect(await run()).toEqual(first);
  });
});
