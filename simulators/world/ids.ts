/**
 * Platform ids (platforms README §3). Two families:
 *
 * - **GUIDs** (Skola24, Skolplattformen, SS 12000, SchoolSoft's `guid`): UUIDv5 of
 *   `platform|instance|kind|worldKey` in a namespace derived from the seed. The instance (host,
 *   slug, customer id) is part of the name because two tenants of one platform are two databases:
 *   a guardian with a child in each municipality has a different id in each.
 *
 * - **Ordered integers** (SchoolSoft, InfoMentor): `⌊(createdAt − epoch) / 1 s⌋ · 2^bits + position`.
 *   The creation second dominates, so a record created in a later second always has a higher id,
 *   and no counter is kept anywhere. `position` is a structural number that the record's key
 *   determines and that no other record of the same kind created in the same second can have
 *   (for a lesson status: the pupil's position × 8 + the lesson slot — one pupil has one row per
 *   slot per day). Injected records count down from the top of the position range, which no
 *   generated record reaches. Each kind picks an epoch and a bit width that keep ids below 2^53.
 */
import { createHash } from 'node:crypto';
import type { WorldSeed } from './prng.js';
import type { PlatformKey } from './units.js';

const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

function formatUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** RFC 9562 UUID version 5 (SHA-1, name-based), lowercase. */
export function uuidV5(name: string, namespace: string): string {
  const digest = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  return formatUuid(bytes);
}

export function worldNamespace(seed: WorldSeed): string {
  return uuidV5(`skolbrygga-world:${seed}`, URL_NAMESPACE);
}

export function platformGuid(namespace: string, platform: PlatformKey, instance: string, kind: string, worldKey: string): string {
  const guid = uuidV5(`${platform}|${instance}|${kind}|${worldKey}`, namespace);
  // Skolplattformen writes GUIDs in uppercase; every other platform in lowercase.
  return platform === 'skolplattformen' ? guid.toUpperCase() : guid;
}

/** Skola24's base64 lesson ids: 16 bytes of a hash, as in `K5wdfg83xEkhvT9lZOrffw==`. */
export function base64Id(seed: WorldSeed, name: string): string {
  return createHash('sha256').update(`${seed}|${name}`).digest().subarray(0, 16).toString('base64');
}

export interface OrderedIdSpace {
  /** Epoch ms; every record of the kind is created after it. */
  readonly epochMs: number;
  readonly positionBits: number;
}

export const EPOCH_2015 = Date.UTC(2015, 0, 1);
export const EPOCH_2025 = Date.UTC(2025, 0, 1);

export function orderedId(space: OrderedIdSpace, createdAtMs: number, position: number): number {
  const second = Math.floor((createdAtMs - space.epochMs) / 1000);
  const positions = 2 ** space.positionBits;
  if (second < 0) throw new RangeError('record created before its id epoch');
  if (position < 0 || position >= positions || !Number.isInteger(position)) throw new RangeError('id position out of range');
  const id = second * positions + position;
  if (!Number.isSafeInteger(id)) throw new RangeError('ordered id exceeds 2^53');
  return id;
}

/** Position of the n-th injected record: counts down from the top of the range. */
export function injectedPosition(space: OrderedIdSpace, sequence: number): number {
  return 2 ** space.positionBits - 1 - sequence;
}

/** Creation second of an ordered id (for tests and for control-API lookups). */
export function createdSecondOf(space: OrderedIdSpace, id: number): number {
  return Math.floor(id / 2 ** space.positionBits);
}

/**
 * Id spaces. Pupil positions are `unitOrdinal · 2^18 + index` (< 7 · 2^18), guardian positions
 * `pupilPosition(anchor child) · 2 + guardian ordinal`.
 */
export const ID_SPACES = {
  pupil: { epochMs: EPOCH_2015, positionBits: 21 },
  guardian: { epochMs: EPOCH_2015, positionBits: 22 },
  /** pupil position · 8 + lesson slot */
  lessonRow: { epochMs: EPOCH_2025, positionBits: 24 },
  /** pupil position · 4 + (day parity · 2) + ordinal */
  noticeRow: { epochMs: EPOCH_2025, positionBits: 23 },
  /** InfoMentor's one attendance table: sub-kind · 2^24 + the position within it */
  attendanceRow: { epochMs: EPOCH_2025, positionBits: 26 },
  /** pupil position · 16 + month index */
  leaveRow: { epochMs: EPOCH_2025, positionBits: 25 },
  /** class position · 64 + weekday · 8 + slot, or class position for groups */
  schedule: { epochMs: EPOCH_2025, positionBits: 20 },
} as const satisfies Record<string, OrderedIdSpace>;

export const UNIT_POSITION_SHIFT = 2 ** 18;

export function pupilPosition(unitOrdinal: number, index: number): number {
  if (index >= UNIT_POSITION_SHIFT) throw new RangeError('unit too large for id positions');
  return unitOrdinal * UNIT_POSITION_SHIFT + index;
}
