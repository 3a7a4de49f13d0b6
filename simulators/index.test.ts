import { describe, expect, it } from 'vitest';
import { fakePlatform } from './common/fake-platform.test-support.js';
import { SimulatorNotRegisteredError, loadSimulatorDefinition, registeredPlatforms, startSimulators } from './index.js';

describe('registry', () => {
  it('lists registered platforms in platform order and refuses an unknown one', async () => {
    const registered = registeredPlatforms();
    const order = ['skola24', 'schoolsoft', 'infomentor', 'skolplattformen', 'ss12000'];
    expect([...registered].sort((left, right) => order.indexOf(left) - order.indexOf(right))).toEqual(registered);
    await expect(loadSimulatorDefinition('moodle')).rejects.toBeInstanceOf(SimulatorNotRegisteredError);
    for (const platform of registered) expect((await loadSimulatorDefinition(platform)).platform).toBe(platform);
  });
});

describe('startSimulators', () => {
  it('starts the given platforms and the case system on ephemeral loopback ports, and stops them all', async () => {
    const fleet = await startSimulators({ seed: 'fleet', students: 120, now: '2026-03-11T02:00:00+01:00', definitions: [fakePlatform] });
    const skola24 = fleet.urls.skola24 ?? '';
    try {
      expect(skola24).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(fleet.caseSystem.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${skola24}/_control/health`)).json()).toMatchObject({ platform: 'skola24', seed: 'fleet', now: '2026-03-11T01:00:00.000Z' });
      expect(await (await fetch(`${fleet.caseSystem.url}/_control/health`)).json()).toEqual({ ok: true });
      expect(fleet.simulators.skola24?.context.students).toBe(120);
    } finally {
      await fleet.stop();
    }
    await expect(fetch(`${skola24}/_control/health`)).rejects.toThrow();
    await expect(fetch(`${fleet.caseSystem.url}/_control/health`)).rejects.toThrow();
  });

  it('starts only the case system when no platform is registered yet (empty-safe)', async () => {
    const fleet = await startSimulators({ seed: 'fleet', students: 120, definitions: [] });
    try {
      expect(fleet.urls).toEqual({});
      expect((await fetch(`${fleet.caseSystem.url}/_control/health`)).status).toBe(200);
    } finally {
      await fleet.stop();
    }
  });
});
