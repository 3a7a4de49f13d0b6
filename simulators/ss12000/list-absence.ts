/**
 * `GET /attendances` and `GET /absences` (§3, U5). Both are incremental through
 * `meta.modified.after`; withdrawn records leave the lists and are announced by
 * `/deletedEntities`. On `/absences`, `startTime.onOrAfter` and `endTime.onOrAfter` are
 * **exclusive** (the standard's own text), the `…onOrBefore` bounds inclusive.
 */
import { isoDateOf, localDayNumberOf } from '../world/index.js';
import type { NoticeRow, RegistrationRow, SliceRecord, StreamName, UnitCode } from '../world/index.js';
import { ArrayCollection, StreamCollection, entryOf, filteredSource } from './collections.js';
import type { Entry, EntrySource } from './collections.js';
import { byModifiedDesc, byNumber, metaMatches, parseMetaFilter, unitsOfOrganisations } from './filters.js';
import type { EntryOrder, MetaFilter } from './filters.js';
import type { ListResource } from './list-endpoint.js';
import { ABSENCE_FIELDS, ATTENDANCE_FIELDS, present } from './presentation.js';
import type { QueryParams } from './query-params.js';
import { References } from './references.js';
import { absenceType, renderAbsence, renderAttendance } from './render-absence.js';
import type { Scope } from './state.js';

interface StreamWindow {
  readonly after?: number;
  readonly units: readonly UnitCode[];
  readonly fromDate?: string;
  readonly toDate?: string;
}

/** A world stream's live (not deleted) records at the snapshot, as entries. */
function liveRecords(scope: Scope, stream: StreamName, snapshot: number, window: StreamWindow): EntrySource {
  const query = scope.world.query(scope.slice, stream, {
    after: window.after ?? null,
    until: snapshot,
    units: window.units,
    fromDate: window.fromDate ?? null,
    toDate: window.toDate ?? null,
  });
  return function* records(cursor) {
    for (const record of query.after(cursor)) if (!record.deleted) yield entryOf(record);
  };
}

/** The customer's units where SS 12000 carries data of `role`, narrowed by an organisation filter. */
function unitsFor(scope: Scope, role: 'notices' | 'registrations', organisation: string | undefined): UnitCode[] {
  const narrowed = unitsOfOrganisations(scope, organisation ? [organisation] : []);
  return scope.world
    .units(scope.slice, role)
    .map((unit) => unit.code)
    .filter((unit) => !narrowed || narrowed.includes(unit));
}

// ── Attendances ────────────────────────────────────────────────────────────────────────────

interface AttendanceParams {
  readonly meta: MetaFilter;
  readonly organisation?: string;
  readonly student?: string;
  readonly calendarEvent?: string;
  readonly names: boolean;
}

export const attendancesResource: ListResource<AttendanceParams> = {
  name: 'attendances',
  parse(params: QueryParams): AttendanceParams {
    return {
      meta: parseMetaFilter(params),
      organisation: params.uuid('organisation'),
      student: params.uuid('student'),
      calendarEvent: params.uuid('calendarEvent'),
      names: params.boolean('expandReferenceNames') ?? false,
    };
  },
  collect(scope, params, snapshot) {
    const refs = new References(scope, false);
    const source = liveRecords(scope, 'registrations', snapshot, { after: params.meta.modifiedAfter, units: unitsFor(scope, 'registrations', params.organisation) });
    return new StreamCollection(
      filteredSource(source, (entry) => {
        const registration = (entry.payload as SliceRecord<RegistrationRow>).data;
        return (
          metaMatches(params.meta, entry) &&
          (params.calendarEvent === undefined || String(registration.lessonId) === params.calendarEvent) &&
          (params.student === undefined || refs.personId(registration.pupilKey) === params.student)
        );
      }),
    );
  },
  render(entries, scope, params) {
    const refs = new References(scope, params.names);
    return entries.map((entry) =>
      present(scope.context, entry.id, renderAttendance(entry.payload as SliceRecord<RegistrationRow>, refs), { recordType: 'absences', fields: ATTENDANCE_FIELDS }),
    );
  },
};

// ── Absences ───────────────────────────────────────────────────────────────────────────────

const ABSENCE_SORT_KEYS = ['ModifiedDesc', 'StartTimeAsc', 'StartTimeDesc'] as const;

interface AbsenceParams {
  readonly meta: MetaFilter;
  readonly organisation?: string;
  readonly student?: string;
  readonly registeredBy?: string;
  readonly type?: string;
  /** Exclusive. */
  readonly startAfter?: number;
  readonly startOnOrBefore?: number;
  /** Exclusive. */
  readonly endAfter?: number;
  readonly endOnOrBefore?: number;
  readonly names: boolean;
  readonly sortkey?: (typeof ABSENCE_SORT_KEYS)[number];
}

const noticeOf = (entry: Entry): NoticeRow => (entry.payload as SliceRecord<NoticeRow>).data;
const endOf = (notice: NoticeRow): number => notice.end ?? notice.start;

const ABSENCE_ORDERS: Readonly<Record<(typeof ABSENCE_SORT_KEYS)[number], EntryOrder>> = {
  ModifiedDesc: byModifiedDesc,
  StartTimeAsc: byNumber((entry) => noticeOf(entry).start),
  StartTimeDesc: byNumber((entry) => noticeOf(entry).start, true),
};

export const absencesResource: ListResource<AbsenceParams> = {
  name: 'absences',
  parse(params: QueryParams): AbsenceParams {
    const type = params.string('type');
    return {
      meta: parseMetaFilter(params),
      organisation: params.uuid('organisation'),
      student: params.uuid('student'),
      registeredBy: params.uuid('registeredBy'),
      type,
      startAfter: params.instant('startTime.onOrAfter'),
      startOnOrBefore: params.instant('startTime.onOrBefore'),
      endAfter: params.instant('endTime.onOrAfter'),
      endOnOrBefore: params.instant('endTime.onOrBefore'),
      names: params.boolean('expandReferenceNames') ?? false,
      sortkey: params.oneOf('sortkey', ABSENCE_SORT_KEYS),
    };
  },
  collect(scope, params, snapshot) {
    const refs = new References(scope, false);
    // A notice's date filter is its first day, the local date of its start: a superset of the bounds.
    const source = liveRecords(scope, 'notices', snapshot, {
      after: params.meta.modifiedAfter,
      units: unitsFor(scope, 'notices', params.organisation),
      ...(params.startAfter !== undefined ? { fromDate: isoDateOf(localDayNumberOf(params.startAfter)) } : {}),
      ...(params.startOnOrBefore !== undefined ? { toDate: isoDateOf(localDayNumberOf(params.startOnOrBefore)) } : {}),
    });
    const filtered = filteredSource(source, (entry) => {
      const notice = noticeOf(entry);
      return (
        metaMatches(params.meta, entry) &&
        (params.startAfter === undefined || notice.start > params.startAfter) &&
        (params.startOnOrBefore === undefined || notice.start <= params.startOnOrBefore) &&
        (params.endAfter === undefined || endOf(notice) > params.endAfter) &&
        (params.endOnOrBefore === undefined || endOf(notice) <= params.endOnOrBefore) &&
        (params.type === undefined || absenceType(entry.payload as SliceRecord<NoticeRow>, scope.state) === params.type) &&
        (params.student === undefined || refs.personId(notice.pupilKey) === params.student) &&
        (params.registeredBy === undefined || refs.personId(notice.reporterKey) === params.registeredBy)
      );
    });
    if (!params.sortkey) return new StreamCollection(filtered);
    return new ArrayCollection([...filtered(null)].sort(ABSENCE_ORDERS[params.sortkey]));
  },
  render(entries, scope, params) {
    const refs = new References(scope, params.names);
    return entries.map((entry) =>
      present(scope.context, entry.id, renderAbsence(entry.payload as SliceRecord<NoticeRow>, refs, scope.state), { recordType: 'absences', fields: ABSENCE_FIELDS }),
    );
  },
};
