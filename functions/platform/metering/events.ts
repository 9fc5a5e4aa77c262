// What a tenant-table stream record means for billing (docs/metering.md): its key says what the item is, its old and
// new images what changed. Pure: no AWS, no clock; the consumer hands in the record's time.
//
// Events are counted when they happen and never taken back (a dossier submitted stays submitted even if the dossier is
// later purged). What is held over time (officials, mailboxes, stored bytes, future meeting hours) is counted as the
// difference between the new and the old image, so a change or a removal corrects it.
import { addDelta, monthOf, storageChange, type UsageDeltas } from '#shared/metering';
// The metering reads what a meeting item means in time with the meetings service's own pure function (the recurrence
// rule and exceptions), rather than a second implementation of RFC 5545 expansion that could drift from it.
import { occurrencesOf } from '#functions/meetings/occurrences';

export type Image = Record<string, unknown>;

export interface RecordFacts {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  pk: string;
  sk: string;
  oldImage?: Image;
  newImage?: Image;
  /** When the change happened (the stream's ApproximateCreationDateTime). */
  at: Date;
}

/** The kind of item a key names, for the item kinds billing cares about; undefined for the rest. */
export type ItemKind = 'dossier' | 'documentRecipient' | 'meeting' | 'mailMessage' | 'sharedMailbox' | 'official' | 'upload';

/** Keys as the services write them (their tables.ts); every pk begins with `<tenant>#`. */
export function itemKind(pk: string, sk: string): ItemKind | undefined {
  const rest = pk.slice(pk.indexOf('#') + 1);
  if (pk.indexOf('#') <= 0) return undefined;
  if (rest.startsWith('DOSSIER#') && sk === 'DOSSIER') return 'dossier';
  if (rest.startsWith('DOC#') && sk.startsWith('TO#')) return 'documentRecipient';
  if (rest.startsWith('MEETING#') && sk === 'MEETING') return 'meeting';
  // `{t}#MBX#{address}` / `M#{id}`; search entries are under `{t}#MBX#{address}#FIND#…` and do not start with `M#`.
  if (rest.startsWith('MBX#') && !rest.includes('#FIND#') && sk.startsWith('M#')) return 'mailMessage';
  if (rest === 'MAILBOX') return 'sharedMailbox';
  if (rest === 'USER') return 'official';
  if (rest === 'UPLOAD') return 'upload';
  return undefined;
}

const HOUR_MS = 3_600_000;
type MeetingImage = Parameters<typeof occurrencesOf>[0];

function isMeeting(image: Image | undefined): image is Image & MeetingImage {
  return !!image && typeof image.start === 'string' && typeof image.end === 'string' && Array.isArray(image.points) && typeof image.status === 'string';
}

/**
 * Connection-point hours of a meeting item by month of each occurrence's start, counting only occurrences that had not
 * ended at `at`: an occurrence that is over is history, and a later change of the series (cancelled, points removed)
 * does not take it back.
 */
export function pointHoursByMonth(image: Image | undefined, at: Date): Map<string, number> {
  const hours = new Map<string, number>();
  if (!isMeeting(image)) return hours;
  const meeting: MeetingImage = { ...image, exceptions: (image.exceptions as MeetingImage['exceptions'] | undefined) ?? {} };
  for (const o of occurrencesOf(meeting)) {
    if (o.end.getTime() <= at.getTime()) continue;
    const month = monthOf(o.start);
    hours.set(month, (hours.get(month) ?? 0) + ((o.end.getTime() - o.start.getTime()) / HOUR_MS) * o.points.length);
  }
  return hours;
}

const size = (image: Image | undefined) => (typeof image?.size === 'number' ? image.size : 0);
const present = (image: Image | undefined) => (image ? 1 : 0);
const enabledOfficial = (image: Image | undefined) => (image && image.enabled !== false ? 1 : 0);

/** What the record changes in the tenant's usage, by month; empty when nothing billable changed. */
export function deltasOf(record: RecordFacts): UsageDeltas {
  const deltas: UsageDeltas = {};
  const { eventName, oldImage, newImage, at } = record;
  const month = monthOf(at);
  switch (itemKind(record.pk, record.sk)) {
    case 'dossier':
      // A dossier item is written when the dossier is submitted (online, at the counter, or from another system).
      if (eventName === 'INSERT') addDelta(deltas, month, 'dossiers', 1);
      break;
    case 'documentRecipient':
      // One trace line per recipient agency, written once when the issued document goes out.
      if (eventName === 'INSERT') addDelta(deltas, month, 'documentsSent', 1);
      break;
    case 'meeting': {
      // A REMOVE is a purge, not a cancellation (cancelling sets status `cancelled`): it takes nothing back.
      if (eventName === 'REMOVE') break;
      const before = pointHoursByMonth(oldImage, at);
      const after = pointHoursByMonth(newImage, at);
      for (const m of new Set([...before.keys(), ...after.keys()])) addDelta(deltas, m, 'meetingHours', (after.get(m) ?? 0) - (before.get(m) ?? 0));
      break;
    }
    case 'mailMessage': {
      // Sent by an official: filed in the sender's Sent, directly or from Drafts. System notifications go through the
      // outbox (shared/outbox.ts) and are filed in no mailbox, so they are not billed as mail sent.
      const intoSent = newImage?.folder === 'Sent' && (eventName === 'INSERT' || (eventName === 'MODIFY' && oldImage?.folder === 'Drafts'));
      if (intoSent) addDelta(deltas, month, 'mailSent', 1);
      storageChange(deltas, at, size(newImage) - size(oldImage));
      break;
    }
    case 'sharedMailbox':
      addDelta(deltas, month, 'mailboxesDelta', present(newImage) - present(oldImage));
      break;
    case 'official':
      // Every official has a mailbox (functions/mail: the directory's officials), enabled or not: their mail is kept.
      addDelta(deltas, month, 'mailboxesDelta', present(newImage) - present(oldImage));
      addDelta(deltas, month, 'officialsDelta', enabledOfficial(newImage) - enabledOfficial(oldImage));
      break;
    case 'upload':
      storageChange(deltas, at, size(newImage) - size(oldImage));
      break;
    default:
      break;
  }
  return deltas;
}
