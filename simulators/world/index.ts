/** The synthetic world every platform simulator renders a slice of. See README.md. */
export { createWorld, World, worldOptionsSchema, GENERATOR_VERSION } from './world.js';
export type { WorldOptions, QueryOptions } from './world.js';
export { WorldClockError } from './clock.js';
export { WorldEventError, injectedEventSchema } from './inject.js';
export type { InjectedEventInput, InjectedEvent, InjectionResult } from './inject.js';
export { ChangeQuery, mergeByChange } from './query.js';
export { luhnCheckDigit } from './civic-numbers.js';
export type { RecordCursor, QueryWindow } from './query.js';
export { STREAM_NAMES, compareRecords } from './rows.js';
export type {
  StreamName,
  SliceRecord,
  RowData,
  PupilRow,
  GuardianRow,
  GroupRow,
  NoticeRow,
  NoticeOrigin,
  RegistrationRow,
  LeaveRow,
  EnrolmentView,
  RelationView,
  GroupMemberView,
} from './rows.js';
export type { PlatformId } from './platform-ids.js';
export {
  MUNICIPALITIES,
  UNITS,
  allSlices,
  municipalityKeySchema,
  platformKeySchema,
  sliceInstance,
  sliceKey,
  sliceSchema,
  unitByCode,
  unitCodeSchema,
} from './units.js';
export type { MunicipalityKey, PlatformKey, SchoolType, Slice, Unit, UnitCode, UnitRole } from './units.js';
export type {
  AttendanceBuckets,
  Contact,
  Family,
  Guardian,
  LeaveStatus,
  LessonOccurrence,
  NoticeChannel,
  NoticeReason,
  Pupil,
  RegistrationType,
  RelationKind,
  ReporterRole,
  ScenarioKey,
  SecurityMarking,
  Staff,
  Validity,
} from './types.js';
export { SCENARIO_KEYS } from './types.js';
export type { ClassGroup } from './timetable.js';
export { LESSON_SLOTS, SUBJECTS } from './timetable.js';
export * as codes from './codes.js';
export { canonicalAbsences } from './canonical.js';
export type { CanonicalAbsence, AbsenceCategory } from './canonical.js';
export { computeEpisodes } from './episodes.js';
export type { Episode, EpisodeInput } from './episodes.js';
export type { GroundTruth, GroundTruthPerson, GroundTruthTotals, MalformedRecord, GroundTruthRelation, GroundTruthEnrolment } from './ground-truth.js';
export { malformedDecision } from './faults.js';
export type { MalformedKind } from './faults.js';
export {
  BREAKS,
  DAYS_WITHOUT_TEACHING,
  FIRST_SCHOOL_DAY,
  LAST_SCHOOL_DAY,
  SCHOOL_DAYS,
  SCHOOL_YEAR_FROM,
  SCHOOL_YEAR_NAME,
  SCHOOL_YEAR_TO,
  isSchoolDay,
  calendarDescription,
} from './calendar.js';
export {
  dayNumberOf,
  formatStockholm,
  instantToLocal,
  isoDateOf,
  isoWeek,
  isoWeekday,
  localDayNumberOf,
  localToInstant,
  startOfLocalDay,
  stockholmOffsetMinutes,
} from './stockholm-time.js';
export { DEFAULT_NOW } from './timeline-constants.js';
export { X12_DATES, X4_FIRST_DAY_AT_U4, X4_LAST_DAY_AT_U2, X8_CONVERSION_DATE } from './specials.js';
