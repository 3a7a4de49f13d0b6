/**
 * `createWorld({ seed, students, now })`: the one deterministic synthetic world every simulator
 * renders a slice of (platforms README §3). Nothing is generated up front; every record is a pure
 * function of its key and is computed when a query reaches it.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ANCHOR_LAG_DAYS, ANCHOR_LEAD_DAYS, AbsenceModel } from './absence.js';
import { calendarDescription, isSchoolDay } from './calendar.js';
import { WorldClock } from './clock.js';
import { buildGroundTruth } from './ground-truth.js';
import type { GroundTruth } from './ground-truth.js';
import { ID_SPACES, createdSecondOf } from './ids.js';
import { WorldEventError, injectedEventSchema } from './inject.js';
import type { InjectedEvent, InjectedEventInput, InjectionResult } from './inject.js';
import { InjectionStore } from './injections.js';
import { LeaveBook } from './leave.js';
import { PlatformIds, groupPosition, isOrderedPlatform } from './platform-ids.js';
import type { PlatformId } from './platform-ids.js';
import { ChangeQuery, selectVersion } from './query.js';
import type { QueryWindow } from './query.js';
import { Roster } from './roster.js';
import { AbsenceRows, attendanceBuckets } from './rows-absence.js';
import { RosterRows } from './rows-roster.js';
import type { NoticeRow, RegistrationRow, RowTimeline, SliceRecord, StreamName } from './rows.js';
import { SliceSources } from './sources.js';
import { dayNumberOf, formatMinuteOfDay, instantToLocal, isoDateOf, localDayNumberOf, startOfLocalDay } from './stockholm-time.js';
import { DEFAULT_NOW } from './timeline-constants.js';
import { Timetable } from './timetable.js';
import type { ClassGroup } from './timetable.js';
import type { Family, Guardian, LessonOccurrence, Pupil, RegistrationState, Staff } from './types.js';
import { UNITS, allSlices, municipalityByKey, sliceKey, sliceRosterUnits, sliceUnits, unitByCode } from './units.js';
import type { MunicipalityKey, Slice, Unit, UnitCode, UnitRole } from './units.js';

/** Bump when generated data changes shape or content: it is part of `worldHash`. */
export const GENERATOR_VERSION = 1;

const instantSchema = z.union([z.number(), z.iso.datetime({ offset: true }), z.date()]).transform((value) =>
  typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : value.getTime(),
);

export const worldOptionsSchema = z.object({
  seed: z.union([z.string().min(1), z.number().int()]).transform(String),
  /** Pupils of Sjöstad; Åbro has a fifth as many. `tiny` = 120, default 1,500, bench 20,000. */
  students: z.number().int().min(120).max(500_000).default(1500),
  now: instantSchema.optional(),
});
export type WorldOptions = z.input<typeof worldOptionsSchema>;

export interface QueryOptions {
  /** Exclusive lower bound on lastChanged (`changedSince`); null or absent = full snapshot. */
  readonly after?: number | string | null;
  /** The snapshot; default the world's now. Never later than now. */
  readonly until?: number | string;
  /** Only these units (default: every unit of the slice). */
  readonly units?: UnitCode | readonly UnitCode[];
  /** Inclusive `YYYY-MM-DD` filter on the record's date (backfill windows). */
  readonly fromDate?: string | null;
  readonly toDate?: string | null;
}

function toInstant(value: number | string): number {
  return typeof value === 'number' ? value : Date.parse(value);
}

export class World {
  readonly seed: string;
  readonly students: number;
  /** Same inputs, same hash: `GET /_control/health` reports it. */
  readonly hash: string;
  readonly clock: WorldClock;
  private readonly roster: Roster;
  private readonly timetable: Timetable;
  private readonly leaveBook: LeaveBook;
  private readonly injections = new InjectionStore();
  private readonly platformIds: PlatformIds;
  private readonly rosterRows: RosterRows;
  private readonly absenceRows: AbsenceRows;
  private readonly sourceFactory: SliceSources;

  constructor(options: WorldOptions) {
    const parsed = worldOptionsSchema.parse(options);
    this.seed = parsed.seed;
    this.students = parsed.students;
    this.hash = createHash('sha256').update(`skolbrygga-world|${GENERATOR_VERSION}|${this.seed}|${this.students}`).digest('hex').slice(0, 16);
    this.clock = new WorldClock(parsed.now ?? DEFAULT_NOW);
    this.roster = new Roster(this.seed, this.students);
    this.timetable = new Timetable(this.seed, this.roster);
    this.leaveBook = new LeaveBook(this.seed, this.roster, this.timetable);
    this.platformIds = new PlatformIds(this.seed);
    this.rosterRows = new RosterRows(this.roster, this.timetable, this.platformIds, this.injections);
    this.absenceRows = new AbsenceRows(this.roster, this.platformIds, this.injections);
    const absence = new AbsenceModel(this.seed, this.timetable, this.leaveBook);
    this.sourceFactory = new SliceSources({
      roster: this.roster,
      leave: this.leaveBook,
      absence,
      rosterRows: this.rosterRows,
      absenceRows: this.absenceRows,
      injections: this.injections,
    });
  }

  // ── Clock ────────────────────────────────────────────────────────────────────────────────

  now(): number {
    return this.clock.now();
  }

  /** Moves the clock (RFC 3339 or epoch ms); throws WorldClockError if it would go backwards. */
  setNow(instant: number | string): void {
    this.clock.set(toInstant(instant));
  }

  advanceMinutes(minutes: number): void {
    this.clock.advance(minutes * 60_000);
  }

  // ── Structure ────────────────────────────────────────────────────────────────────────────

  slices(): Slice[] {
    return allSlices();
  }

  /** The slice's units: all it shows, or those whose data of `role` it carries. */
  units(slice: Slice, role?: UnitRole): readonly Unit[] {
    return role ? sliceUnits(slice, role) : sliceRosterUnits(slice);
  }

  unitSize(unit: UnitCode): number {
    return this.roster.unitSize(unit);
  }

  calendar(): ReturnType<typeof calendarDescription> {
    return calendarDescription();
  }

  pupil(key: string): Pupil {
    return this.roster.pupil(key);
  }

  guardian(key: string): Guardian {
    return this.roster.guardian(key);
  }

  family(key: string): Family {
    return this.roster.family(key);
  }

  /** Guardians of a pupil's family that exist (have a relation). */
  guardiansOf(pupilKey: string): Guardian[] {
    return this.roster.guardianKeysOfFamily(this.roster.pupil(pupilKey).familyKey).map((key) => this.roster.guardian(key));
  }

  /** Every pupil whose home is in the municipality, in unit and index order. */
  pupilKeys(municipality: MunicipalityKey): Generator<string> {
    return this.roster.pupilKeysOf(municipality);
  }

  staff(unit: UnitCode): readonly Staff[] {
    return this.timetable.staff(unit);
  }

  groups(unit: UnitCode): ClassGroup[] {
    return this.timetable.groups(unit);
  }

  lessonsOfUnit(unit: UnitCode, date: string): LessonOccurrence[] {
    return this.timetable.lessonsOfUnit(unit, dayNumberOf(date));
  }

  lessonsOfPupil(pupilKey: string, date: string): LessonOccurrence[] {
    return this.timetable.lessonsOfPupil(this.roster.pupil(pupilKey), dayNumberOf(date));
  }

  // ── Ids ──────────────────────────────────────────────────────────────────────────────────

  /** Platform ids of anything a record references. */
  get ids(): {
    pupil: (slice: Slice, pupilKey: string) => PlatformId | null;
    guardian: (slice: Slice, guardianKey: string) => PlatformId | null;
    secondaryPupil: (slice: Slice, pupilKey: string) => PlatformId | null;
    unit: (slice: Slice, unit: UnitCode) => PlatformId;
    huvudman: (slice: Slice) => string;
    schoolYear: (slice: Slice) => PlatformId;
    group: (slice: Slice, group: ClassGroup) => PlatformId;
    lesson: (slice: Slice, lesson: LessonOccurrence) => PlatformId;
    activity: (slice: Slice, groupKey: string, subjectCode: string) => string;
    staff: (slice: Slice, staffKey: string) => string;
    named: (slice: Slice, kind: string, key: string) => string;
  } {
    const ids = this.platformIds;
    return {
      pupil: (slice, pupilKey) => this.rosterRows.pupilId(slice, pupilKey),
      guardian: (slice, guardianKey) => this.rosterRows.guardianId(slice, guardianKey),
      secondaryPupil: (slice, pupilKey) => {
        const pupil = this.roster.pupil(pupilKey);
        const createdAt = this.rosterRows.pupilCreatedAt(slice, pupil);
        return createdAt === null ? null : ids.secondaryPupilId(slice, pupilKey, createdAt, pupil.position);
      },
      unit: (slice, unit) => ids.unit(slice, unit),
      huvudman: (slice) => ids.huvudman(slice),
      schoolYear: (slice) => ids.schoolYear(slice),
      group: (slice, group) => ids.group(slice, group.key, groupPosition(group.unit, group.yearGroup, group.classIndex)),
      lesson: (slice, lesson) => ids.lesson(slice, lesson, lesson.groupPosition),
      activity: (slice, groupKey, subjectCode) => ids.activity(slice, groupKey, subjectCode),
      staff: (slice, staffKey) => ids.staff(slice, staffKey),
      named: (slice, kind, key) => ids.named(slice, kind, key),
    };
  }

  // ── Queries ──────────────────────────────────────────────────────────────────────────────

  private window(slice: Slice, options: QueryOptions): QueryWindow {
    const until = options.until === undefined ? this.now() : toInstant(options.until);
    if (until > this.now()) throw new RangeError('a snapshot cannot be later than the world clock');
    const sliceUnitCodes = sliceRosterUnits(slice).map((unit) => unit.code);
    const requested = options.units === undefined ? sliceUnitCodes : typeof options.units === 'string' ? [options.units] : [...options.units];
    return {
      after: options.after === undefined || options.after === null ? null : toInstant(options.after),
      until,
      units: requested.filter((unit) => sliceUnitCodes.includes(unit)),
      fromDay: options.fromDate ? dayNumberOf(options.fromDate) : null,
      toDay: options.toDate ? dayNumberOf(options.toDate) : null,
    };
  }

  /**
   * The slice stream's records changed in (after, until], each as of `until`, ordered by
   * (lastChanged, id). Records the snapshot as handed out by the slice's platform.
   */
  query(slice: Slice, stream: StreamName, options: QueryOptions = {}): ChangeQuery {
    const window = this.window(slice, options);
    this.clock.noteSnapshot(slice.platform, window.until);
    return new ChangeQuery(this.sourceFactory.sources(slice, stream, window.units), window);
  }

  /** Every record of the stream as of `asOf` (default now), tombstones included. */
  private everything(slice: Slice, stream: StreamName, asOf: number, fromDay: number | null = null, toDay: number | null = null): ChangeQuery {
    const window: QueryWindow = { after: -1, until: asOf, units: sliceRosterUnits(slice).map((unit) => unit.code), fromDay, toDay };
    return new ChangeQuery(this.sourceFactory.sources(slice, stream, window.units), window);
  }

  /**
   * Every record of the slice stream as of `asOf` (default now), tombstones included, WITHOUT
   * noting a snapshot: for ground-truth overrides and control lookups, which hand nothing out.
   */
  records(slice: Slice, stream: StreamName, asOf = this.now()): ChangeQuery {
    return this.everything(slice, stream, asOf);
  }

  /** A pupil's record in the slice as of `asOf`, or null if the slice does not show it. */
  pupilRecord(slice: Slice, pupilKey: string, asOf = this.now()): SliceRecord | null {
    const timeline = this.rosterRows.pupilTimeline(slice, pupilKey);
    return timeline ? this.latest(timeline, asOf) : null;
  }

  guardianRecord(slice: Slice, guardianKey: string, asOf = this.now()): SliceRecord | null {
    const timeline = this.rosterRows.guardianTimeline(slice, guardianKey);
    return timeline ? this.latest(timeline, asOf) : null;
  }

  private latest(timeline: RowTimeline, asOf: number): SliceRecord | null {
    return selectVersion(timeline, { after: -1, until: asOf, units: UNITS.map((unit) => unit.code), fromDay: null, toDay: null });
  }

  /** The record with this platform id (tombstones included), as of `asOf`. */
  findById(slice: Slice, stream: StreamName, id: PlatformId, asOf = this.now()): SliceRecord | null {
    const wanted = String(id);
    if (isOrderedPlatform(slice.platform) && typeof id === 'number' && (stream === 'notices' || stream === 'registrations')) {
      // An ordered id carries its creation second, and a day's records are created near the day.
      const space = slice.platform === 'infomentor' ? ID_SPACES.attendanceRow : stream === 'notices' ? ID_SPACES.noticeRow : ID_SPACES.lessonRow;
      const createdDay = localDayNumberOf(space.epochMs + createdSecondOf(space, id) * 1000);
      for (const record of this.everything(slice, stream, asOf, createdDay - ANCHOR_LAG_DAYS, createdDay + ANCHOR_LEAD_DAYS)) {
        if (String(record.id) === wanted) return record;
      }
    }
    for (const record of this.everything(slice, stream, asOf)) if (String(record.id) === wanted) return record;
    return null;
  }

  /** The pupil a platform knows by this civic number (12 or 10 digits, with or without `-`). */
  findPupilByCivicNo(slice: Slice, civicNo: string, asOf = this.now()): string | null {
    const digits = civicNo.replace(/[-+]/g, '');
    for (const pupilKey of this.rosterRows.candidatePupilKeys(slice)) {
      const record = this.pupilRecord(slice, pupilKey, asOf);
      if (!record || record.data.kind !== 'pupil') continue;
      const shown = record.data.civicNo;
      if (shown === digits || shown.slice(-10) === digits.slice(-10)) return pupilKey;
    }
    return null;
  }

  // ── Injection ────────────────────────────────────────────────────────────────────────────

  injectEvent(input: InjectedEventInput): InjectionResult {
    const event = injectedEventSchema.parse(input);
    this.requireSliceExists(event.slice);
    switch (event.kind) {
      case 'notice':
        return this.injectNotice(event);
      case 'registration':
        return this.injectRegistration(event);
      case 'recordChange':
        return this.injectChange(event);
      case 'relationEnd': {
        const guardianId = this.rosterRows.guardianId(event.slice, event.guardianKey);
        const pupilId = this.rosterRows.pupilId(event.slice, event.pupilKey);
        if (guardianId === null || pupilId === null) throw new WorldEventError('guardian or pupil not in this slice');
        const at = this.clock.stampInjection(event.slice.platform);
        this.injections.endRelation(event.slice, event.guardianKey, event.pupilKey, at);
        return { id: guardianId, key: event.guardianKey, at };
      }
      case 'personDelete': {
        const id = event.worldKey.startsWith('g:') ? this.rosterRows.guardianId(event.slice, event.worldKey) : this.rosterRows.pupilId(event.slice, event.worldKey);
        if (id === null) throw new WorldEventError('person not in this slice');
        const at = this.clock.stampInjection(event.slice.platform);
        this.injections.deletePerson(event.slice, event.worldKey, at);
        return { id, key: event.worldKey, at };
      }
    }
  }

  private requireSliceExists(slice: Slice): void {
    if (sliceRosterUnits(slice).length === 0) throw new WorldEventError(`no such slice ${sliceKey(slice)}`);
  }

  private unitOfPupilIn(slice: Slice, pupil: Pupil, day: number, role: UnitRole): UnitCode {
    const units = sliceUnits(slice, role).map((unit) => unit.code);
    const enrolment = pupil.enrolments.find(
      (candidate) => units.includes(candidate.unit) && dayNumberOf(candidate.startDate) <= day && (candidate.endDate === null || dayNumberOf(candidate.endDate) >= day),
    );
    if (!enrolment) throw new WorldEventError('the pupil has no enrolment in this slice on that day');
    return enrolment.unit;
  }

  private injectNotice(event: Extract<InjectedEvent, { kind: 'notice' }>): InjectionResult {
    const { slice } = event;
    if (!this.roster.hasPupil(event.pupilKey)) throw new WorldEventError('unknown pupil');
    const pupil = this.roster.pupil(event.pupilKey);
    const firstDay = event.firstDate ? dayNumberOf(event.firstDate) : event.start !== undefined ? localDayNumberOf(event.start) : null;
    if (firstDay === null) throw new WorldEventError('a notice needs firstDate or start');
    const lastDay = event.lastDate ? dayNumberOf(event.lastDate) : firstDay;
    const unit = this.unitOfPupilIn(slice, pupil, firstDay, 'notices');
    const lessons = this.timetable.lessonsOfPupil(pupil, firstDay).filter((lesson) => lesson.unit === unit);
    let start: number;
    let end: number;
    if (event.allDay) {
      start = startOfLocalDay(firstDay);
      end = startOfLocalDay(lastDay + 1);
    } else if (event.slots && event.slots.length > 0) {
      const covered = lessons.filter((lesson) => event.slots?.includes(lesson.slot));
      start = covered[0]?.start ?? startOfLocalDay(firstDay);
      end = covered[covered.length - 1]?.end ?? startOfLocalDay(firstDay + 1);
    } else {
      start = event.start ?? startOfLocalDay(firstDay);
      end = event.end ?? startOfLocalDay(lastDay + 1);
    }
    const covered = lessons.filter((lesson) => lesson.start < end && lesson.end > start);
    const at = this.clock.stampInjection(slice.platform);
    const sequence = this.injections.nextSequence(slice);
    const key = `inj:${sliceKey(slice)}:${sequence}`;
    const leave = event.origin === 'leave';
    const reporterRole = leave ? 'staff' : (event.reporterRole ?? (pupil.relations.length > 0 && !(at >= startOfLocalDay(pupil.eighteenthBirthday)) ? 'guardian' : 'student'));
    const data: NoticeRow = {
      kind: 'notice',
      noticeKey: key,
      origin: event.origin,
      pupilKey: pupil.key,
      unit,
      firstDate: isoDateOf(firstDay),
      lastDate: isoDateOf(lastDay),
      allDay: event.allDay,
      partOfDay: event.partOfDay,
      start,
      end,
      lessons: covered.map((lesson) => ({ lessonKey: lesson.key, lessonId: this.platformIds.lesson(slice, lesson, lesson.groupPosition), start: lesson.start, end: lesson.end })),
      reason: event.reason,
      comment: event.comment,
      channel: event.channel,
      smsText: event.smsText,
      reporterKey: leave ? (this.timetable.staff(unit)[0]?.key ?? pupil.key) : reporterRole === 'guardian' ? (pupil.relations[0]?.guardianKey ?? pupil.key) : pupil.key,
      reporterRole,
      createdAt: at,
      cancelled: false,
      leaveKey: null,
      leaveId: null,
    };
    const id = this.platformIds.injected(slice, 'notice', key, at, sequence);
    this.injections.addRow(slice, { stream: 'notices', key, id, pupilKey: pupil.key, createdAt: at, filterDay: firstDay, versions: [{ at, deleted: false, units: [unit], data }] });
    return { id, key, at };
  }

  private injectRegistration(event: Extract<InjectedEvent, { kind: 'registration' }>): InjectionResult {
    const { slice } = event;
    if (!this.roster.hasPupil(event.pupilKey)) throw new WorldEventError('unknown pupil');
    const pupil = this.roster.pupil(event.pupilKey);
    const day = dayNumberOf(event.date);
    if (!isSchoolDay(day)) throw new WorldEventError('not a school day');
    const unit = this.unitOfPupilIn(slice, pupil, day, 'registrations');
    const lesson = this.timetable
      .lessonsOfPupil(pupil, day)
      .find((candidate) => candidate.unit === unit && (event.slot !== undefined ? candidate.slot === event.slot : event.startTime !== undefined ? formatMinuteOfDay(instantToLocal(candidate.start).minuteOfDay) === event.startTime : true));
    if (!lesson) throw new WorldEventError('the pupil has no such lesson that day');
    const minutes = event.minutes ?? (event.type === 'late' || event.type === 'leftEarly' ? 10 : lesson.minutes);
    const patch = { type: event.type, validity: event.validity, minutes, ...(event.buckets ? { buckets: event.buckets } : {}) };
    // A lesson the pupil already has a row for is changed, not duplicated.
    const existingKey = `r:${pupil.key}|${lesson.key}`;
    const existing = this.findByKeyOn(slice, 'registrations', existingKey, day);
    const at = this.clock.stampInjection(slice.platform);
    if (existing) {
      this.injections.patch(slice, 'registrations', existingKey, day, { at, ...patch });
      return { id: existing.id, key: existingKey, at };
    }
    const sequence = this.injections.nextSequence(slice);
    const key = `inj:${sliceKey(slice)}:${sequence}`;
    const state: RegistrationState = { type: event.type, validity: event.validity, minutes, notice: null, leave: null, comment: event.comment, buckets: event.buckets ?? null };
    const data: RegistrationRow = {
      kind: 'registration',
      registrationKey: key,
      pupilKey: pupil.key,
      unit,
      date: event.date,
      lesson,
      lessonId: this.platformIds.lesson(slice, lesson, lesson.groupPosition),
      dayLevel: false,
      type: state.type,
      validity: state.validity,
      minutes,
      comment: event.comment,
      noticeId: null,
      hasNotice: false,
      leaveKey: null,
      leaveId: null,
      reportedAt: at,
      reporterKey: lesson.teacherKey,
      reporterRole: 'staff',
      buckets: attendanceBuckets(state, lesson.minutes),
    };
    const id = this.platformIds.injected(slice, 'registration', key, at, sequence);
    this.injections.addRow(slice, { stream: 'registrations', key, id, pupilKey: pupil.key, createdAt: at, filterDay: day, versions: [{ at, deleted: false, units: [unit], data }] });
    return { id, key, at };
  }

  private findByKeyOn(slice: Slice, stream: StreamName, key: string, day: number): SliceRecord | null {
    for (const record of this.everything(slice, stream, this.now(), day, day)) if (record.key === key) return record;
    return null;
  }

  private injectChange(event: Extract<InjectedEvent, { kind: 'recordChange' }>): InjectionResult {
    const { slice, stream } = event;
    const record = this.findById(slice, stream, event.id);
    if (!record) throw new WorldEventError('no record with that id in this slice');
    const at = this.clock.stampInjection(slice.platform);
    const patch = {
      at,
      ...(event.type ? { type: event.type } : {}),
      ...(event.validity ? { validity: event.validity } : {}),
      ...(event.minutes !== undefined ? { minutes: event.minutes } : {}),
      ...(event.buckets ? { buckets: event.buckets } : {}),
      ...(event.deleted !== undefined ? { deleted: event.deleted } : {}),
    };
    const injected = this.injections.rows(slice, stream).find((row) => row.key === record.key);
    if (injected) {
      const last = injected.versions[injected.versions.length - 1];
      if (last) {
        let data = last.data;
        if (data.kind === 'registration') {
          const state: RegistrationState = { type: patch.type ?? data.type, validity: patch.validity ?? data.validity, minutes: patch.minutes ?? data.minutes, notice: null, leave: null, comment: data.comment, buckets: patch.buckets ?? null };
          data = { ...data, type: state.type, validity: state.validity, minutes: state.minutes, buckets: attendanceBuckets(state, data.lesson?.minutes ?? 0) };
        } else if (data.kind === 'notice' && patch.deleted) {
          data = { ...data, cancelled: true };
        }
        this.injections.replaceRow(slice, { ...injected, versions: [...injected.versions, { at, deleted: patch.deleted ?? false, units: last.units, data }] });
      }
    } else {
      this.injections.patch(slice, stream, record.key, record.filterDay, patch);
    }
    return { id: record.id, key: record.key, at };
  }

  // ── Ground truth ─────────────────────────────────────────────────────────────────────────

  /** What a backfill of this slice as of `asOf` (default now) must produce (`GET /_control/world`). */
  groundTruth(slice: Slice, asOf = this.now()): GroundTruth {
    return buildGroundTruth(this.sourceFactory, this.rosterRows, [slice], asOf, { municipality: slice.tenant, slice });
  }

  /** What syncing every platform of the municipality must produce (the demo's `expected` totals). */
  municipalityGroundTruth(municipality: MunicipalityKey, asOf = this.now()): GroundTruth {
    municipalityByKey(municipality);
    const slices = allSlices().filter((slice) => slice.tenant === municipality);
    return buildGroundTruth(this.sourceFactory, this.rosterRows, slices, asOf, { municipality, slice: null });
  }

  unit(code: UnitCode): Unit {
    return unitByCode(code);
  }
}

export function createWorld(options: WorldOptions): World {
  return new World(options);
}
