import { describe, expect, it } from 'vitest';
import { ID_SPACES, base64Id, createdSecondOf, injectedPosition, orderedId, platformGuid, uuidV5, worldNamespace } from './ids.js';

describe('platform ids', () => {
  it('computes RFC 9562 UUIDv5', () => {
    // The RFC's own example: "www.example.com" in the DNS namespace.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('derives GUIDs from seed, platform, instance, kind and key, in the platform case', () => {
    const namespace = worldNamespace('seed');
    const guid = platformGuid(namespace, 'skola24', 'sjostad.skola24.se', 'person', 'p:U1:0');
    expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(platformGuid(namespace, 'skola24', 'sjostad.skola24.se', 'person', 'p:U1:0')).toBe(guid);
    expect(platformGuid(namespace, 'skola24', 'abro.skola24.se', 'person', 'p:U1:0')).not.toBe(guid);
    expect(platformGuid(worldNamespace('other'), 'skola24', 'sjostad.skola24.se', 'person', 'p:U1:0')).not.toBe(guid);
    expect(platformGuid(namespace, 'skolplattformen', 'sjostad', 'student', 'p:U1:0')).toMatch(/^[0-9A-F-]{36}$/);
    expect(base64Id('seed', 'lesson')).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it('orders integer ids by creation second, whatever the position', () => {
    const space = ID_SPACES.lessonRow;
    const earlier = orderedId(space, Date.parse('2026-03-09T09:24:51+01:00'), 2 ** 24 - 1);
    const later = orderedId(space, Date.parse('2026-03-09T09:24:52+01:00'), 0);
    expect(later).toBeGreaterThan(earlier);
    expect(createdSecondOf(space, later) - createdSecondOf(space, earlier)).toBe(1);
    expect(orderedId(space, Date.parse('2026-03-09T09:24:51+01:00'), 7)).not.toBe(orderedId(space, Date.parse('2026-03-09T09:24:51+01:00'), 8));
    expect(injectedPosition(space, 0)).toBe(2 ** 24 - 1);
  });

  it('stays below 2^53 and refuses positions outside its range', () => {
    for (const space of Object.values(ID_SPACES)) {
      expect(Number.isSafeInteger(orderedId(space, Date.parse('2026-12-31T23:59:59Z'), 2 ** space.positionBits - 1))).toBe(true);
      expect(() => orderedId(space, Date.parse('2026-01-01T00:00:00Z'), 2 ** space.positionBits)).toThrow(RangeError);
    }
  });
});
