/**
 * From the canonical store to the engine (rules §2.12): AbsenceRecord versions, the student's
 * Person, guardians and enrolments become the engine's records and student (format v1 shapes).
 *
 * What the canonical model cannot say is asked of the caller through `AdapterContext`: which
 * skolenhetskod an organisation has, which timetable lesson a record concerns, and whether a
 * registration is the school's explicit rejection of a report. Everything here is a pure mapping.
 */
import { birthDateOf } from '../identity/index.js';
import type { AbsenceRecord, Person, SchoolType, SourceRef } from '../model/index.js';
import type { RecordCategory, RecordVersion, Student } from './format/scenario-v1.js';
import { parseInstant } from './stockholm-time.js';

/** One stored version of a canonical absence record. */
export interface AbsenceRecordVersion {
  readonly record: AbsenceRecord;
  /** 1, 2, … in the order the store saved this record's versions (`meta.modified` ascending). */
  readonly version: number;
  /** The night (`YYYY-MM-DD`) that first stored this version. */
  readonly syncedOn: string;
}

export interface AdapterContext {
  /** The engine subject key (12-digit civic number) of the record's student, after identity links. */
  readonly subjectOf: (record: AbsenceRecord) => string | undefined;
  /** Skolenhetskod of an Organisation id. */
  readonly schoolUnitCodeOf: (organisationId: string) => string | undefined;
  /**
   * The timetable lesson id the record concerns (from its calendar event or lesson snapshot), or
   * undefined. Only asked when the input has a timetable.
   */
  readonly lessonIdOf: (record: AbsenceRecord) => string | undefined;
  /** Whether the input carries a timetable (§2.4); without one, records become day records. */
  readonly hasTimetable: boolean;
  /** True when the platform marks this registration as the school's rejection of a report. */
  readonly isRejection?: (record: AbsenceRecord) => boolean;
  /** `platform` and `sourceRecordId` of evidence ids; default: source system and source id. */
  readonly evidenceNameOf?: (source: SourceRef) => { readonly platform: string; readonly sourceRecordId: string };
}

export type AdaptedRecord =
  | { readonly ok: true; readonly record: RecordVersion }
  | { readonly ok: false; readonly reason: string };

type EngineClass = { readonly category: RecordCategory; readonly authority: 'school' | 'reporter' };

/** The category table of §2.12; null = not passed to the engine. */
export function engineClassOf(record: Pick<AbsenceRecord, 'recordKind' | 'category' | 'validity'>): EngineClass | null {
  const { recordKind, category, validity } = record;
  if (recordKind === 'notice') {
    if (category === 'reported') return { category: 'reported', authority: 'reporter' };
    // Granted leave is the school's decision (F11, F62).
    if (category === 'leave') return { category: 'valid', authority: 'school' };
    return null;
  }
  switch (category) {
    case 'valid':
    case 'leave':
      return { category: 'valid', authority: 'school' };
    case 'invalid':
      return { category: 'invalid', authority: 'school' };
    case 'lateArrival':
      if (validity === 'valid') return { category: 'valid', authority: 'school' };
      return { category: 'late', authority: 'school' };
    case 'earlyDeparture':
      if (validity === 'valid') return { category: 'valid', authority: 'school' };
      if (validity === 'invalid') return { category: 'invalid', authority: 'school' };
      return null;
    default:
      // unspecified, otherSchoolActivity, and a registration marked reported.
      return null;
  }
}

const FRITIDSHEM: ReadonlySet<SchoolType> = new Set(['FTH', 'OPPFTH']);

/** `…T08:30+01:00` → `…T08:30:00+01:00`: the engine reads RFC 3339 with seconds. */
export function withSeconds(instant: string): string {
  return instant.replace(/T(\d{2}:\d{2})(?=[Zz+-])/, 'T$1:00');
}

/** One canonical record version as an engine record, or why it is not passed. */
export function toRecordVersion(version: AbsenceRecordVersion, context: AdapterContext): AdaptedRecord {
  const { record } = version;
  const engineClass = engineClassOf(record);
  if (!engineClass) return { ok: false, reason: `category ${record.category} (${record.validity}) is not passed to the rules` };
  const subject = context.subjectOf(record);
  if (!subject) return { ok: false, reason: 'the student has no subject key' };
  const schoolUnit = record.organisationId ? context.schoolUnitCodeOf(record.organisationId) : undefined;
  if (!schoolUnit) return { ok: false, reason: 'the school unit is unknown' };

  const name = context.evidenceNameOf?.(record.source) ?? { platform: record.source.sourceSystem, sourceRecordId: record.source.sourceId };
  const reporter = engineClass.authority === 'reporter';
  const minutes = record.absenceMinutes ?? undefined;
  const shape = shapeOf(record, engineClass.category, minutes, context);
  if ('reason' in shape) return { ok: false, reason: shape.reason };

  return {
    ok: true,
    record: {
      id: `${name.platform}:${name.sourceRecordId}`,
      platform: name.platform,
      sourceRecordId: name.sourceRecordId,
      version: version.version,
      updatedAt: withSeconds(record.meta.modified),
      syncedOn: version.syncedOn,
      subject,
      schoolUnit,
      // One literal with every field (absent ones undefined): see createEvent on object spreads.
      date: shape.date,
      lessons: shape.lessons,
      start: shape.start,
      end: shape.end,
      fullDay: shape.fullDay,
      minutes: shape.minutes,
      category: engineClass.category,
      authority: engineClass.authority,
      reportedAt: reporter ? withSeconds(record.reportedAt) : undefined,
      decision: !reporter && (context.isRejection?.(record) ?? false),
      activity: record.schoolType && FRITIDSHEM.has(record.schoolType) ? 'fritidshem' : 'lesson',
    },
  };
}

type Shape = Pick<RecordVersion, 'date' | 'lessons' | 'start' | 'end' | 'fullDay' | 'minutes'>;

/**
 * Where and how long (§7.5). A named lesson is the most precise; then a whole day; then the
 * record's own period; without a timetable, a day with minutes. A late arrival must name its
 * lesson (or, without a timetable, its day): a period cannot say how late.
 */
function shapeOf(record: AbsenceRecord, category: RecordCategory, minutes: number | undefined, context: AdapterContext): Shape | { reason: string } {
  const date = record.date;
  if (context.hasTimetable) {
    const lesson = context.lessonIdOf(record);
    if (lesson) {
      if (category === 'late' && minutes === undefined) return { reason: 'a late arrival without minutes' };
      return { date, lessons: [lesson], minutes };
    }
    if (category === 'late') return { reason: 'a late arrival whose lesson is not in the timetable' };
    if (record.allDay) return { date, fullDay: true };
    const period = periodOf(record);
    if (period) return period;
    return { reason: 'neither a lesson, a whole day nor a period' };
  }
  if (record.allDay) return { date, fullDay: true, minutes };
  if (minutes !== undefined) return { date, minutes };
  if (category === 'late') return { reason: 'a late arrival without minutes' };
  return periodOf(record) ?? { reason: 'neither minutes, a whole day nor a period' };
}

function periodOf(record: AbsenceRecord): Shape | null {
  const start = record.startTime ?? record.lesson?.startTime;
  const end = record.endTime ?? record.lesson?.endTime;
  if (!start || !end) return null;
  const from = withSeconds(start);
  const to = withSeconds(end);
  const ok = (parseInstant(to) ?? 0) > (parseInstant(from) ?? 0);
  return ok ? { start: from, end: to } : null;
}

// ── Student ──────────────────────────────────────────────────────────────────────────────────

export type Channel = Student['guardians'][number]['channels'][number];

export interface GuardianInput {
  readonly person: Person;
  /** The guardian may receive notices (GuardianRelation permission `receiveNotices`, or the platform's setting). */
  readonly receivesNotices: boolean;
  readonly channels: readonly Channel[];
}

export interface StudentInput {
  readonly person: Person;
  /** The school types of the student's current enrolments. */
  readonly schoolTypes: readonly SchoolType[];
  /** Current enrolments by skolenhetskod; `primary` for the unit that reports to CSN, if known. */
  readonly enrolments: readonly { readonly schoolUnit: string; readonly primary: boolean }[];
  /** Where the student is folkbokförd (with skyddad folkbokföring: where they actually stay, F10). */
  readonly homeMunicipality: string;
  readonly guardians: readonly GuardianInput[];
  /** Civic-number changes seen under one SourceLink (X8). */
  readonly identityLinks: readonly { readonly previousSubject: string; readonly syncedOn: string }[];
}

/** §2.9: a person counts as protected when marked, or when the store already derived it. */
function protectionOf(person: Person): Student['protection'] {
  if (person.securityMarking === 'Skyddad folkbokföring') return 'skyddadFolkbokforing';
  if (person.securityMarking === 'Sekretessmarkering' || person.protectedIdentity) return 'sekretessmarkering';
  return 'none';
}

function birthDateFromNumber(subject: string): string | null {
  try {
    return birthDateOf(subject);
  } catch {
    return null; // not a valid number: no birth date to read
  }
}

/** Upper-secondary school forms (gymnasieskola, anpassad gymnasieskola) are what `stockholm-gy` covers. */
const GYMNASIUM: ReadonlySet<SchoolType> = new Set(['GY', 'GYS']);

/**
 * The engine's student. Returns null when the student has no civic number (the subject key) or
 * no enrolment. Guardians without a civic number cannot be named and are left out; they still
 * get the school platform's own notices.
 */
export function toStudent(input: StudentInput): Student | null {
  const subject = input.person.civicNo?.value;
  if (!subject || !/^\d{12}$/.test(subject) || input.enrolments.length === 0) return null;
  const birthDate = input.person.birthDate ?? birthDateFromNumber(subject);
  if (!birthDate) return null;
  return {
    subject,
    birthDate,
    protection: protectionOf(input.person),
    schoolType: input.schoolTypes.some((type) => GYMNASIUM.has(type)) ? 'GY' : 'GR',
    homeMunicipality: input.homeMunicipality,
    enrolments: input.enrolments.map((enrolment) => ({ schoolUnit: enrolment.schoolUnit, primary: enrolment.primary })),
    guardians: input.guardians.flatMap((guardian) => {
      const number = guardian.person.civicNo?.value;
      if (!number || !/^\d{12}$/.test(number)) return [];
      return [{ subject: number, protection: protectionOf(guardian.person), receivesNotices: guardian.receivesNotices, channels: [...guardian.channels] }];
    }),
    identityLinks: input.identityLinks.map((link) => ({ previousSubject: link.previousSubject, syncedOn: link.syncedOn })),
  };
}
