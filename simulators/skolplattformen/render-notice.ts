/**
 * A `Franvaro/GetAnmalningar` row (platform file §4): a guardian's (or pupil's, or staff's)
 * absence notice with its channel, the SMS as sent, `ChannelData` as JSON inside a string, and
 * four date formats in one row.
 */
import { uniformDraw } from '../common/deterministic.js';
import { codes } from '../world/index.js';
import type { Contact, NoticeRow, SliceRecord } from '../world/index.js';
import { formatDotNetDate, formatLocalMinute, formatLocalTimestamp, formatSwedishDisplay } from './wire-dates.js';
import { pupilIds, recordId } from './render-scope.js';
import type { RenderScope } from './render-scope.js';

export const LOWERCASE_GUIDS_DRIFT = 'lowercaseGuids';

/** Share of app and web notices whose `ChannelData` is not valid JSON ("rarely", platform file §4). */
export const INVALID_CHANNEL_DATA_RATE = 0.06;

interface Reporter {
  readonly name: string;
  readonly contact: Contact | null;
}

function reporterOf(scope: RenderScope, notice: NoticeRow): Reporter {
  const key = notice.reporterKey;
  if (key.startsWith('g:')) {
    const guardian = scope.world.guardian(key);
    return { name: `${guardian.givenName} ${guardian.familyName}`, contact: guardian.contact };
  }
  if (key.startsWith('p:')) {
    const pupil = scope.world.pupil(key);
    return { name: `${pupil.givenName} ${pupil.familyName}`, contact: pupil.contact };
  }
  const staff = scope.world.staff(notice.unit).find((member) => member.key === key);
  return { name: staff ? `${staff.givenName} ${staff.familyName}` : 'Skolan', contact: null };
}

/** `070-1234567` → `+46701234567`. */
function internationalNumber(mobile: string): string {
  return `+46${mobile.replace(/\D/g, '').replace(/^0/, '')}`;
}

/**
 * Channel metadata as the channel left it; nothing is mapped from it. Null for phone calls and
 * for protected reporters (their number must not leave), and for a few app and web notices a
 * truncated document, as the real field sometimes is.
 */
function channelData(scope: RenderScope, id: string, notice: NoticeRow, reporter: Reporter): string | null {
  if (notice.channel === 'Telefon' || reporter.contact === null) return null;
  if (notice.channel === 'SMS') {
    const from = scope.context.state.smsSenders.get(id) ?? internationalNumber(reporter.contact.mobile);
    return JSON.stringify({ From: from, ReceivedAt: formatLocalMinute(notice.createdAt) });
  }
  const draw = uniformDraw(scope.context.seed, 'skolplattformen', 'channelData', id);
  const document =
    notice.channel === 'App'
      ? JSON.stringify({ AppVersion: '4.12.0', Platform: draw < 0.5 ? 'iOS' : 'Android' })
      : JSON.stringify({ UserAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)', Form: 'AnmalFranvaro' });
  return draw < INVALID_CHANNEL_DATA_RATE ? document.slice(0, Math.floor(document.length / 2)) : document;
}

export function renderNotice(scope: RenderScope, record: SliceRecord<NoticeRow>): Record<string, unknown> {
  const notice = record.data;
  const id = recordId(scope, record, 'notice');
  const pupil = pupilIds(scope, notice.pupilKey);
  const reporter = reporterOf(scope, notice);
  const childId = scope.context.drift.has(LOWERCASE_GUIDS_DRIFT) ? pupil.Id.toLowerCase() : pupil.Id;
  return {
    Id: id,
    ChildId: childId,
    SDSId: pupil.SDSId,
    SchoolId: scope.school.id,
    Channel: notice.channel,
    RawText: notice.channel === 'SMS' ? notice.smsText : null,
    ChannelData: channelData(scope, id, notice, reporter),
    WholeDay: notice.allDay,
    // Whole days give dates only, the end inclusive; part days give local minutes.
    StartDate: notice.allDay ? notice.firstDate : formatLocalMinute(notice.start),
    EndDate: notice.allDay ? notice.lastDate : notice.end === null ? null : formatLocalMinute(notice.end),
    DisplayDate: formatSwedishDisplay(notice.start, !notice.allDay),
    ReportedBy: reporter.name,
    ReportedByRole: codes.skolplattformen.role(notice.reporterRole),
    Created: formatDotNetDate(notice.createdAt),
    Modified: formatLocalTimestamp(record.lastChanged),
    ForwardedToSkola24: notice.forwarded === true,
    Cancelled: record.deleted,
  };
}
