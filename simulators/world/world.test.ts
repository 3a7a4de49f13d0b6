/** The world as simulators use it: determinism, the clock, snapshots, injection, tenants and ids. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { WorldClockError } from './clock.js';
import { shownRelations } from './codes.js';
import { all, at, guardianData, noticeData, pupilData, registrationData, slice } from './test-helpers.js';
import { allSlices, sliceKey, unitsOf } from './units.js';
import { createWorld } from './world.js';
import type { World } from './world.js';

const INDEX_PATH = fileURLToPath(new URL('./index.ts', import.meta.url));

/** A digest of several pages and a ground truth: what "the same bytes" must cover. */
function fingerprint(world: World): string {
  const parts = [
    world.query(slice('skola24'), 'registrations').page(3, 100),
    world.query(slice('schoolsoft'), 'pupils').page(0, 50),
    world.query(slice('infomentor'), 'notices', { after: '2026-02-01T00:00:00+01:00' }).page(0, 200),
    world.query(slice('ss12000', 'abro'), 'guardians').page(0, 50),
    world.groundTruth(slice('skolplattformen')),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

describe('determinism', () => {
  it('gives the same bytes for the same (seed, students, now), in this process and in another', () => {
    const first = fingerprint(createWorld({ seed: 'same', students: 120 }));
    expect(fingerprint(createWorld({ seed: 'same', students: 120 }))).toBe(first);
    const script = `
      const { createWorld } = await import(${JSON.stringify(INDEX_PATH)});
      const { createHash } = await import('node:crypto');
      const world = createWorld({ seed: 'same', students: 120 });
      const slice = (platform, tenant = 'sjostad') => ({ platform, tenant });
      const parts = [
        world.query(slice('skola24'), 'registrations').page(3, 100),
        world.query(slice('schoolsoft'), 'pupils').page(0, 50),
        world.query(slice('infomentor'), 'notices', { after: '2026-02-01T00:00:00+01:00' }).page(0, 200),
        world.query(slice('ss12000', 'abro'), 'guardians').page(0, 50),
        world.groundTruth(slice('skolplattformen')),
      ];
      process.stdout.write(createHash('sha256').update(JSON.stringify(parts)).digest('hex'));`;
    const other = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(other.trim()).toBe(first);
  });

  it('differs for another seed', () => {
    expect(fingerprint(createWorld({ seed: 'other', students: 120 }))).not.toBe(fingerprint(createWorld({ seed: 'same', students: 120 })));
    expect(createWorld({ seed: 'other', students: 120 }).hash).not.toBe(createWorld({ seed: 'same', students: 120 }).hash);
  });

  it('does not reshuffle existing pupils when the world grows', () => {
    const small = createWorld({ seed: 'grow', students: 1500 });
    const large = createWorld({ seed: 'grow', students: 1501 });
    for (const key of ['p:U1:0', 'p:U1:40', 'p:U2:100', 'p:U4:250', 'p:U5:77', 'p:U6:30']) {
      const before = small.pupil(key);
      const after = large.pupil(key);
      expect({ ...after, scenarios: [] }).toEqual({ ...before, scenarios: [] });
      expect(large.ids.pupil(slice('ss12000', before.municipality), key)).toBe(small.ids.pupil(slice('ss12000', before.municipality), key));
    }
    const day = { fromDate: '2026-02-10', toDate: '2026-02-10' };
    const sagaBefore = all(small.query(slice('skola24'), 'registrations', day)).filter((record) => record.pupilKey === 'p:U1:40');
    const sagaAfter = all(large.query(slice('skola24'), 'registrations', day)).filter((record) => record.pupilKey === 'p:U1:40');
    expect(sagaAfter).toEqual(sagaBefore);
  });
});

describe('the clock and snapshots', () => {
  let world: World;
  beforeAll(() => {
    world = createWorld({ seed: 'clock', students: 120 });
  });

  it('starts at the default clock and never shows the future', () => {
    expect(world.now()).toBe(at('2026-03-10T02:00:00+01:00'));
    expect(() => world.query(slice('skola24'), 'registrations', { until: '2026-03-11T00:00:00+01:00' })).toThrow(RangeError);
    for (const record of all(world.query(slice('skola24'), 'registrations', { after: -1 }))) expect(record.lastChanged).toBeLessThanOrEqual(world.now());
    expect(() => world.setNow('2026-03-01T00:00:00+01:00')).toThrow(WorldClockError);
  });

  it('shows each record as it was at the snapshot, and its change in the next run', () => {
    const yearEnd = createWorld({ seed: 'clock', students: 120, now: '2026-06-30T00:00:00+02:00' });
    const changed = all(yearEnd.query(slice('skola24'), 'registrations')).find((record) => record.lastChanged > record.createdAt + 3_600_000);
    expect(changed).toBeDefined();
    if (!changed) return;
    const before = all(yearEnd.query(slice('skola24'), 'registrations', { until: changed.createdAt, fromDate: registrationData(changed).date, toDate: registrationData(changed).date })).find((record) => record.key === changed.key);
    expect(before?.lastChanged).toBeLessThan(changed.lastChanged);
    expect(JSON.stringify(before?.data)).not.toBe(JSON.stringify(changed.data));
    const next = all(yearEnd.query(slice('skola24'), 'registrations', { after: before?.lastChanged ?? 0, until: changed.lastChanged })).find((record) => record.key === changed.key);
    expect(next?.data).toEqual(changed.data);
  });

  it('reveals the next night’s changes when the clock advances a day', () => {
    const advancing = createWorld({ seed: 'clock', students: 120 });
    const snapshot = advancing.now();
    const known = new Set(all(advancing.query(slice('infomentor'), 'registrations')).map((record) => record.key));
    advancing.advanceMinutes(1440);
    const night = all(advancing.query(slice('infomentor'), 'registrations', { after: snapshot }));
    expect(night.length).toBeGreaterThan(0);
    for (const record of night) {
      expect(record.lastChanged).toBeGreaterThan(snapshot);
      expect(record.lastChanged).toBeLessThanOrEqual(advancing.now());
    }
    expect(night.some((record) => !known.has(record.key))).toBe(true);
  });

  it('pages a snapshot without gaps or repeats, by page number and by cursor', () => {
    const query = world.query(slice('skola24'), 'registrations');
    const everything = all(query);
    expect(query.count()).toBe(everything.length);
    const pages = [0, 1, 2, 3].flatMap((index) => query.page(index, 97));
    expect(pages.map((record) => record.key)).toEqual(everything.slice(0, 4 * 97).map((record) => record.key));
    const last = everything[99];
    const afterCursor = last ? [...query.after(last)].slice(0, 5) : [];
    expect(afterCursor.map((record) => record.key)).toEqual(everything.slice(100, 105).map((record) => record.key));
    for (let index = 1; index < everything.length; index++) {
      const previous = everything[index - 1];
      const current = everything[index];
      if (previous && current) expect(previous.lastChanged).toBeLessThanOrEqual(current.lastChanged);
    }
  });
});

describe('injected events', () => {
  it('stamps a notice after the last snapshot and shows it in the next run only', () => {
    const world = createWorld({ seed: 'inject', students: 120 });
    const first = world.query(slice('skola24'), 'notices', { after: '2026-03-09T02:00:00+01:00' });
    const before = first.count();
    const snapshot = first.window.until;
    const result = world.injectEvent({ kind: 'notice', slice: slice('skola24'), pupilKey: 'p:U1:0', allDay: true, firstDate: '2026-03-10', reason: 'illness' });
    expect(result.at).toBe(snapshot + 1000);
    expect(world.now()).toBe(result.at);
    expect(all(world.query(slice('skola24'), 'notices', { after: '2026-03-09T02:00:00+01:00', until: snapshot }))).toHaveLength(before);
    const next = all(world.query(slice('skola24'), 'notices', { after: snapshot }));
    expect(next.map((record) => record.id)).toContain(result.id);
    expect(noticeData(next.find((record) => record.id === result.id)!)).toMatchObject({ pupilKey: 'p:U1:0', allDay: true, firstDate: '2026-03-10', unit: 'U1' });
    // Another platform never sees it.
    expect(all(world.query(slice('skolplattformen'), 'notices', { after: snapshot })).map((record) => record.id)).not.toContain(result.id);
  });

  it('changes a registration: old state in the old snapshot, new state and a tombstone later', () => {
    const world = createWorld({ seed: 'inject', students: 120 });
    const snapshot = world.now();
    const target = all(world.query(slice('skola24'), 'registrations', { fromDate: '2026-03-09', toDate: '2026-03-09' })).find((record) => registrationData(record).validity === 'invalid');
    expect(target).toBeDefined();
    if (!target) return;
    const changed = world.injectEvent({ kind: 'recordChange', slice: slice('skola24'), stream: 'registrations', id: target.id, validity: 'valid' });
    expect(changed.key).toBe(target.key);
    const old = all(world.query(slice('skola24'), 'registrations', { until: snapshot, fromDate: '2026-03-09', toDate: '2026-03-09' })).find((record) => record.key === target.key);
    expect(registrationData(old!).validity).toBe('invalid');
    const fresh = all(world.query(slice('skola24'), 'registrations', { after: snapshot })).find((record) => record.key === target.key);
    expect(fresh).toMatchObject({ lastChanged: changed.at, deleted: false });
    expect(registrationData(fresh!).validity).toBe('valid');
    const removed = world.injectEvent({ kind: 'recordChange', slice: slice('skola24'), stream: 'registrations', id: target.id, deleted: true });
    const tombstone = all(world.query(slice('skola24'), 'registrations', { after: changed.at })).find((record) => record.key === target.key);
    expect(tombstone).toMatchObject({ deleted: true, lastChanged: removed.at });
  });

  it('ends a relation, deletes a person and adds a SchoolSoft registration with a higher id', () => {
    const world = createWorld({ seed: 'inject', students: 120 });
    const ended = world.injectEvent({ kind: 'relationEnd', slice: slice('skolplattformen'), guardianKey: 'g:f:lind:0', pupilKey: 'p:U1:0' });
    const karin = guardianData(world.guardianRecord(slice('skolplattformen'), 'g:f:lind:0'));
    expect(karin.children[0]).toMatchObject({ removed: true, validTo: '2026-03-10' });
    expect(shownRelations('skolplattformen', karin.children, world.now())).toEqual([]);
    expect(guardianData(world.guardianRecord(slice('skola24'), 'g:f:lind:0')).children[0]?.removed).toBe(false);
    expect(world.guardianRecord(slice('skolplattformen'), 'g:f:lind:0')?.lastChanged).toBe(ended.at);

    world.injectEvent({ kind: 'personDelete', slice: slice('ss12000'), worldKey: 'p:U5:0' });
    expect(world.pupilRecord(slice('ss12000'), 'p:U5:0')?.deleted).toBe(true);
    expect(all(world.query(slice('ss12000'), 'pupils')).some((record) => record.key === 'p:U5:0')).toBe(false);

    const existing = all(world.query(slice('schoolsoft'), 'registrations', { after: -1 }));
    const injected = world.injectEvent({ kind: 'registration', slice: slice('schoolsoft'), pupilKey: 'p:U4:5', date: '2026-03-09', slot: 2, type: 'absent', validity: 'invalid' });
    for (const record of existing) expect(Number(injected.id)).toBeGreaterThan(Number(record.id));
    expect(() => world.injectEvent({ kind: 'notice', slice: slice('schoolsoft'), pupilKey: 'p:U1:0', allDay: true, firstDate: '2026-03-10' })).toThrow();
  });
});

describe('tenant separation', () => {
  it('gives every slice only its own municipality’s records', () => {
    const world = createWorld({ seed: 'tenants', students: 120 });
    for (const candidate of allSlices()) {
      const own = new Set(unitsOf(candidate.tenant).map((unit) => unit.code));
      for (const stream of ['pupils', 'guardians', 'notices', 'registrations', 'leaveApplications'] as const) {
        for (const record of world.query(candidate, stream, { after: -1 })) {
          for (const unit of record.units) expect(own.has(unit), `${sliceKey(candidate)} ${stream} ${record.key}`).toBe(true);
          if (record.data.kind === 'guardian') {
            for (const child of record.data.children) expect(own.has(world.pupil(child.pupilKey).unit)).toBe(true);
          }
        }
      }
    }
    const abroGuardian = guardianData(world.guardianRecord(slice('skola24', 'abro'), 'g:f:tvakommuner:0'));
    expect(abroGuardian.children.map((child) => child.pupilKey)).toEqual(['p:U6:0']);
    expect(world.pupilRecord(slice('skola24', 'abro'), 'p:U1:0')).toBeNull();
    expect(world.groundTruth(slice('skola24', 'abro')).persons.every((person) => !person.worldKey.startsWith('p:U1') && !person.worldKey.startsWith('p:U3'))).toBe(true);
  });
});

describe('ordered platform ids', () => {
  it('grow with creation time in SchoolSoft and InfoMentor, and never repeat', () => {
    const world = createWorld({ seed: 'ids', students: 120, now: '2026-06-30T00:00:00+02:00' });
    const spaces: [ReturnType<typeof slice>, ('pupils' | 'guardians' | 'notices' | 'registrations' | 'leaveApplications')[]][] = [
      [slice('schoolsoft'), ['pupils']],
      [slice('schoolsoft'), ['guardians']],
      [slice('schoolsoft'), ['notices']],
      [slice('schoolsoft'), ['registrations']],
      [slice('schoolsoft'), ['leaveApplications']],
      [slice('infomentor'), ['pupils']],
      [slice('infomentor'), ['guardians']],
      [slice('infomentor'), ['notices', 'registrations']],
      [slice('infomentor'), ['leaveApplications']],
      [slice('schoolsoft', 'abro'), ['registrations']],
    ];
    for (const [candidate, streams] of spaces) {
      const records = streams.flatMap((stream) => all(world.query(candidate, stream, { after: -1 })));
      expect(records.length, `${sliceKey(candidate)} ${streams.join('+')}`).toBeGreaterThan(0);
      const ids = records.map((record) => record.id);
      expect(ids.every((id) => typeof id === 'number')).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      const byCreation = [...records].sort((left, right) => left.createdAt - right.createdAt);
      for (let index = 1; index < byCreation.length; index++) {
        const previous = byCreation[index - 1]!;
        const current = byCreation[index]!;
        if (Math.floor(current.createdAt / 1000) > Math.floor(previous.createdAt / 1000)) expect(Number(current.id)).toBeGreaterThan(Number(previous.id));
      }
    }
  });

  it('are the same for a referenced person as for the person’s own record', () => {
    const world = createWorld({ seed: 'ids', students: 120 });
    for (const candidate of allSlices()) {
      for (const record of world.query(candidate, 'pupils').page(0, 20)) expect(world.ids.pupil(candidate, record.key)).toBe(record.id);
      for (const record of world.query(candidate, 'guardians').page(0, 20)) expect(world.ids.guardian(candidate, record.key)).toBe(record.id);
    }
    expect(pupilData(world.pupilRecord(slice('skolplattformen'), 'p:U1:0')).civicNo).toBe('201305129825');
  });
});
