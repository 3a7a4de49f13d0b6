/**
 * Simulator determinism across processes (platforms/README.md §4, §7): two separate processes
 * started with the same `(seed, students, now)` serve byte-identical data pages on every platform,
 * except `sessionExpires` / `SessionExpires`, token expiry times and opaque page tokens. A third
 * process with another seed must serve different pages, so the comparison can fail.
 *
 * Each process runs `startSimulators` (all five platforms) in a child `node --import tsx`; the test
 * talks to it with plain `fetch`, as a connector would, never through in-process state.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformKey } from '../simulators/world/index.js';
import { HubClient, PATHS as INFOMENTOR_PATHS, login as infoMentorLogin } from '../simulators/infomentor/hub-client.test-support.js';
import { DEVICE_ID, MONDAY_0309 } from '../simulators/schoolsoft/contract.test-support.js';
import { LESSON_ABSENCE_EXPORT_PATH, LOGIN_PATH, SCOPES, tenantOf } from '../simulators/skola24/constants.js';
import { cookieHeader, exportForm, listBody, parseLoginForm, storeCookies } from '../simulators/skola24/contract.test-support.js';
import type { CookieJar } from '../simulators/skola24/contract.test-support.js';
import { Browser } from '../simulators/skolplattformen/harness.test-support.js';
import { SJOSTAD as SS12000_SJOSTAD, apiPath, requestToken } from '../simulators/ss12000/contract.test-support.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEED = 'determinism';
const OTHER_SEED = 'determinism-other';
const STUDENTS = 120;
const NOW = '2026-03-10T02:00:00+01:00';
const NOW_MS = Date.parse(NOW);
const MONDAY = { fromDate: '2026-03-09', toDate: '2026-03-09' };
/** Skola24 refuses logins posted faster than this knob; both processes get the same small value. */
const SKOLA24_LOGIN_DELAY_MS = 25;

type Urls = Record<PlatformKey, string>;
/** Page name → the response's status and body text, for one platform. */
type Pages = Record<string, { status: number; body: string }>;

interface Fleet {
  readonly child: ChildProcess;
  readonly urls: Urls;
}

/** A child process running every simulator with one world; resolves once it prints its URLs. */
function startFleet(seed: string): Promise<Fleet> {
  const script = [
    "import { startSimulators } from './simulators/index.ts';",
    `const fleet = await startSimulators(${JSON.stringify({ seed, students: STUDENTS, now: NOW })});`,
    'process.stdout.write(JSON.stringify(fleet.urls) + "\\n");',
  ].join('\n');
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const newline = stdout.indexOf('\n');
      if (newline >= 0) resolve({ child, urls: JSON.parse(stdout.slice(0, newline)) as Urls });
    });
    child.once('exit', (code) => reject(new Error(`simulator process exited with ${String(code)} before listening: ${stderr}`)));
  });
}

async function stopFleet(fleet: Fleet | undefined): Promise<void> {
  if (!fleet || fleet.child.exitCode !== null || fleet.child.signalCode !== null) return;
  const exited = new Promise((resolve) => fleet.child.once('exit', resolve));
  fleet.child.kill('SIGTERM');
  await exited;
}

async function page(response: Promise<Response>): Promise<{ status: number; body: string }> {
  const answered = await response;
  return { status: answered.status, body: await answered.text() };
}

async function skola24Pages(url: string): Promise<Pages> {
  await fetch(`${url}/_control/config`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ loginMinDelayMs: SKOLA24_LOGIN_DELAY_MS }) });
  const tenant = tenantOf('sjostad');
  const jar: CookieJar = new Map();
  storeCookies(jar, await fetch(`${url}/`, { redirect: 'manual' }));
  const loginUrl = `${url}${LOGIN_PATH}?host=${tenant.hostName}`;
  const form = await fetch(loginUrl, { redirect: 'manual', headers: { cookie: cookieHeader(jar) } });
  storeCookies(jar, form);
  const hidden = parseLoginForm(await form.text());
  await sleep(SKOLA24_LOGIN_DELAY_MS + 10);
  const posted = await fetch(loginUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams({
      ...hidden,
      __POST_ID: String(Number(hidden.__POST_ID) + 1),
      DomainDropDown: tenant.municipalityCode,
      LoginUC$UserNameTB: tenant.username,
      LoginUC$PwdTB: tenant.password,
      LoginUC$LoginButton: 'Logga in',
    }).toString(),
  });
  storeCookies(jar, posted);
  if (!jar.has('.ASPXAUTH')) throw new Error(`skola24 login failed: ${posted.status}`);

  const api = (path: string, body: unknown, scope: string): Promise<{ status: number; body: string }> =>
    page(fetch(`${url}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie: cookieHeader(jar), 'content-type': 'application/json', 'X-Scope': scope }, body: JSON.stringify(body) }));
  const units = await api('/api/get/integration/units', { hostName: tenant.hostName }, SCOPES.integration);
  const unitGuid = (JSON.parse(units.body) as { data: { units: { unitGuid: string }[] } }).data.units[0]?.unitGuid ?? '';
  return {
    units,
    students: await api('/api/get/integration/students', listBody(tenant.hostName, unitGuid), SCOPES.integration),
    plannedAbsences: await api('/api/get/planned/absence/changes', listBody(tenant.hostName, unitGuid, MONDAY), SCOPES.plannedAbsence),
    lessonAbsenceXml: await page(
      fetch(`${url}${LESSON_ABSENCE_EXPORT_PATH}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded', 'X-Scope': SCOPES.integration },
        body: new URLSearchParams(exportForm(tenant.hostName, unitGuid, MONDAY)).toString(),
      }),
    ),
  };
}

async function schoolSoftPages(url: string): Promise<Pages> {
  const grant = await fetch(`${url}/sjostad/rest-api/login/token?clientId=skolbrygga-sjostad&grantType=client_credentials&clientSecret=sim-secret-sjostad`, {
    method: 'POST',
    headers: { deviceid: DEVICE_ID },
    redirect: 'manual',
  });
  const { access_token: token } = (await grant.json()) as { access_token: string };
  const eva = (path: string): Promise<{ status: number; body: string }> =>
    page(fetch(`${url}/sjostad/eva/api/${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json', deviceid: DEVICE_ID }, redirect: 'manual' }));
  return {
    students: await eva('v2/school/4/students?page=0&size=100'),
    lessonAbsences: await eva(`v2/school/4/student-absence/lessons/${MONDAY_0309}/${NOW_MS}?page=0&size=500`),
    absenceReports: await eva(`v2/school/4/student-absence/reports/${MONDAY_0309}/${NOW_MS}?page=0&size=500`),
  };
}

async function infoMentorPages(url: string): Promise<Pages> {
  const client = new HubClient(url);
  await infoMentorLogin(client);
  const list = (path: string): Promise<{ status: number; body: string }> =>
    page(client.post(path, { page: 1, pageSize: 100, changedSince: null, changedUntil: null, fromDate: null, toDate: null }));
  return { pupils: await list(INFOMENTOR_PATHS.pupils), attendance: await list(INFOMENTOR_PATHS.attendance), leave: await list(INFOMENTOR_PATHS.leave) };
}

async function skolplattformenPages(url: string): Promise<Pages> {
  const browser = new Browser(url);
  await browser.signInAndSelect();
  return {
    students: await page(browser.api('/GetStudents?rowLimit=100&startRow=0')),
    absenceNotices: await page(browser.api('/Franvaro/GetAnmalningar?rowLimit=100&startRow=0')),
  };
}

async function ss12000Pages(url: string): Promise<Pages> {
  const { access_token: token } = (await (await requestToken(url, 'sjostad')).json()) as { access_token: string };
  const get = (path: string): Promise<{ status: number; body: string }> =>
    page(fetch(`${url}${apiPath(SS12000_SJOSTAD, path)}`, { redirect: 'manual', headers: { authorization: `Bearer ${token}` } }));
  return { persons: await get('/persons?limit=50'), absences: await get('/absences?limit=50') };
}

const PAGES_OF: Record<PlatformKey, (url: string) => Promise<Pages>> = {
  skola24: skola24Pages,
  schoolsoft: schoolSoftPages,
  infomentor: infoMentorPages,
  skolplattformen: skolplattformenPages,
  ss12000: ss12000Pages,
};
const PLATFORMS = Object.keys(PAGES_OF) as PlatformKey[];
const ROSTER_PAGE: Record<PlatformKey, string> = { skola24: 'students', schoolsoft: 'students', infomentor: 'pupils', skolplattformen: 'students', ss12000: 'persons' };

/**
 * Masks exactly the §7 exceptions, by regex on the raw text (so every other byte, key order and
 * whitespace included, still takes part in the comparison): the JSON `sessionExpires` /
 * `SessionExpires` value, the XML `<SessionExpires>` element, and the opaque `pageToken` value.
 * Token expiries (`expires_in`, JWT `exp`) only appear in login answers, which are not compared.
 */
function maskVolatile(body: string): string {
  return body
    .replace(/("[sS]essionExpires"\s*:\s*)("[^"]*"|null)/g, '$1"<masked>"')
    .replace(/(<SessionExpires>)[^<]*(<\/SessionExpires>)/g, '$1<masked>$2')
    .replace(/("pageToken"\s*:\s*)"[^"]*"/g, '$1"<masked>"');
}

let first: Fleet | undefined;
let second: Fleet | undefined;
let other: Fleet | undefined;
const pages = { first: {} as Record<PlatformKey, Pages>, second: {} as Record<PlatformKey, Pages>, other: {} as Record<PlatformKey, Pages> };

beforeAll(async () => {
  [first, second, other] = await Promise.all([startFleet(SEED), startFleet(SEED), startFleet(OTHER_SEED)]);
  for (const platform of PLATFORMS) {
    const read = PAGES_OF[platform];
    [pages.first[platform], pages.second[platform], pages.other[platform]] = await Promise.all([read(first.urls[platform]), read(second.urls[platform]), read(other.urls[platform])]);
  }
}, 60_000);

afterAll(async () => {
  await Promise.all([stopFleet(first), stopFleet(second), stopFleet(other)]);
});

describe('two simulator processes with the same (seed, students, now)', () => {
  it.each(PLATFORMS)('%s serves byte-identical data pages, §7 exceptions masked', (platform) => {
    const left = pages.first[platform];
    const right = pages.second[platform];
    for (const [name, answer] of Object.entries(left)) {
      expect(answer.status, `${platform} ${name}: ${answer.body.slice(0, 200)}`).toBe(200);
      expect(answer.body.length, `${platform} ${name} is too small to say anything`).toBeGreaterThan(200);
      expect(maskVolatile(right[name]?.body ?? ''), `${platform} ${name}`).toBe(maskVolatile(answer.body));
    }
  });

  it.each(PLATFORMS)('%s serves a different roster page for another seed', (platform) => {
    const roster = ROSTER_PAGE[platform];
    const same = pages.first[platform][roster];
    const changed = pages.other[platform][roster];
    expect(changed?.status, `${platform} ${roster}`).toBe(200);
    expect(maskVolatile(changed?.body ?? ''), `${platform} ${roster}`).not.toBe(maskVolatile(same?.body ?? ''));
  });
});
