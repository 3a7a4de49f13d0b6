/**
 * What the configuration needs to know about each platform kind: its streams (DESIGN §3, the
 * mapping sections of platforms/*.md) and the largest page it serves. Connectors declare the same
 * streams; this list lets a configuration be checked before any connector is loaded.
 */
import type { z } from 'zod';
import { SourceSystemSchema, StreamNameSchema, type StreamName } from '../core/model/index.js';

/** The platforms a municipality can configure: the source systems skolbrygga has connectors for. */
export const PlatformKindSchema = SourceSystemSchema.extract(['skola24', 'schoolsoft', 'infomentor', 'skolplattformen', 'ss12000']);
export type PlatformKind = z.infer<typeof PlatformKindSchema>;
export const PLATFORM_KINDS = PlatformKindSchema.options;

export const StreamSchema = StreamNameSchema;
export type Stream = StreamName;

const ALL_STREAMS = StreamSchema.options;
/** Skolplattformen carries no leave (it lives in Skola24); SS 12000's granted leave is an `Absence`. */
const WITHOUT_LEAVE = StreamSchema.exclude(['leaveApplications']).options;

export const PLATFORM_STREAMS = {
  skola24: ALL_STREAMS,
  schoolsoft: ALL_STREAMS,
  infomentor: ALL_STREAMS,
  skolplattformen: WITHOUT_LEAVE,
  ss12000: WITHOUT_LEAVE,
} as const satisfies Record<PlatformKind, readonly Stream[]>;

/** The largest page size each platform accepts on its list endpoints (its file's paging section). */
export const PLATFORM_MAX_PAGE_SIZE = {
  skola24: 500,
  schoolsoft: 500,
  infomentor: 200,
  skolplattformen: 500,
  ss12000: 1000,
} as const satisfies Record<PlatformKind, number>;
