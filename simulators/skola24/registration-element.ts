/**
 * One `<Registration>` of the XML per-lesson absence export (skola24.md §6) as an xml2js element
 * object: children in the file's order, `xsi:nil="true"` for null on nillable elements, `Subject`
 * mixed (code attribute, name as text). The export never shows presence: a registration changed
 * back to "present" comes once more with `Deleted` = true.
 */
import { codes } from '../world/index.js';
import type { RegistrationRow, SliceRecord } from '../world/index.js';
import type { Directory } from './directory.js';
import { formatLocalDateTime, formatXmlStamp } from './wire-time.js';

/** An element object for xml2js's Builder: `$` attributes, `_` text, other keys child elements. */
export type XmlElement = Record<string, unknown>;

/** A fresh `xsi:nil` marker: the element is null, not empty. */
export function nil(): XmlElement {
  return { $: { 'xsi:nil': 'true' } };
}

function nillable(value: string | null): string | XmlElement {
  return value === null ? nil() : value;
}

const xmlBoolean = (value: boolean): string => (value ? 'true' : 'false');

export function renderRegistration(record: SliceRecord<RegistrationRow>, directory: Directory): XmlElement {
  const row = record.data;
  const lesson = row.lesson;
  const { type, isValid } = codes.skola24.registration(row);
  // Skola24's registrations always have a lesson; the fallback only keeps the function total.
  const lessonStart = lesson ? formatLocalDateTime(lesson.start) : `${row.date}T00:00:00`;
  const lessonEnd = lesson ? formatLocalDateTime(lesson.end) : `${row.date}T00:00:00`;
  return {
    RegistrationGuid: String(record.id),
    StudentPersonGuid: directory.pupilGuid(row.pupilKey) ?? '',
    LessonId: nillable(row.lessonId === null ? null : String(row.lessonId)),
    Date: row.date,
    LessonStart: lessonStart,
    LessonEnd: lessonEnd,
    LessonMinutes: String(lesson?.minutes ?? 0),
    Subject: lesson ? { $: { code: lesson.subjectCode }, _: lesson.subjectName } : nil(),
    GroupGuid: nillable(lesson ? directory.groupGuid(lesson.unit, lesson.groupKey) : null),
    GroupName: nillable(lesson?.groupName ?? null),
    TeacherSignature: nillable(lesson?.teacherSignature ?? null),
    Type: type,
    IsValid: isValid === null ? nil() : xmlBoolean(isValid),
    AbsenceMinutes: String(row.minutes),
    PlannedAbsenceId: nillable(row.noticeId === null ? null : String(row.noticeId)),
    LeaveApplicationGuid: nillable(row.leaveId === null ? null : String(row.leaveId)),
    // A teacher's empty comment field is "", not null (the file's example prints `<Comment />`).
    Comment: row.comment ?? '',
    IsReported: 'true',
    ReportedTime: formatXmlStamp(row.reportedAt),
    LastChanged: formatXmlStamp(record.lastChanged),
    Deleted: xmlBoolean(record.deleted),
  };
}
