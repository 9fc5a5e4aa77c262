// Request and response shapes of connection points and meetings (hội nghị truyền hình).
import * as z from 'zod';
import { AgencyCode } from '#shared/agency';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Version = z.number().int().positive();
/** ISO 8601 with an explicit offset; checked (and refused with TIME_INVALID) by the domain, which also reads it. */
const Instant = z.string().max(40).describe('ISO 8601 with offset, e.g. 2026-11-30T08:00:00+07:00');
const Timestamp = z.string().describe('ISO 8601 with the +07:00 offset');
export const PointId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'lowercase letters, digits and dashes' });
export const MeetingId = z.uuid();
/** An occurrence is named by its original start, `YYYYMMDDTHHMMSSZ` (iCalendar's RECURRENCE-ID in UTC). */
export const OccurrenceKey = z.string().regex(/^\d{8}T\d{6}Z$/, { message: 'an occurrence key such as 20261130T010000Z' });

export const TenantParams = z.object({ tenant: z.string() });
export const PointParams = z.object({ tenant: z.string(), id: PointId });
export const MeetingParams = z.object({ tenant: z.string(), id: MeetingId });

// ---- connection points (điểm cầu)

export const Point = z.object({
  id: PointId,
  unit: AgencyCode,
  name: z.string(),
  capacity: z.number().int(),
  equipment: z.array(z.string()),
  active: z.boolean(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Point = z.infer<typeof Point>;

export const CreatePoint = z.strictObject({
  /** Chosen by the admin so it reads well in links and feeds, e.g. `stp-phong-hop-1`; generated when absent. */
  id: PointId.optional(),
  unit: AgencyCode,
  name: Text(200),
  capacity: z.number().int().min(1).max(5000),
  equipment: z.array(Text(100)).max(30).default([]),
  active: z.boolean().default(true),
});
export type CreatePoint = z.infer<typeof CreatePoint>;

export const UpdatePoint = z.strictObject({
  name: Text(200).optional(),
  capacity: z.number().int().min(1).max(5000).optional(),
  equipment: z.array(Text(100)).max(30).optional(),
  active: z.boolean().optional(),
  version: Version,
});
export type UpdatePoint = z.infer<typeof UpdatePoint>;

export const PointsQuery = z.object({ unit: AgencyCode.optional() });
export const PointList = z.object({ items: z.array(Point) });

// ---- meetings

/** At most this many connection points in one meeting: one booking's transaction holds a lease per point. */
export const MAX_POINTS = 80;

export const CreateMeeting = z.strictObject({
  title: Text(500),
  chairUnit: AgencyCode,
  chairPerson: Text(200),
  hostPoint: PointId,
  /** The participating points besides the host (the host is always in). */
  points: z.array(PointId).max(MAX_POINTS - 1).default([]),
  start: Instant,
  end: Instant,
  agenda: Text(5000).optional(),
  documents: z.array(z.uuid()).max(10).default([]),
  /** An RRULE subset: FREQ=WEEKLY|MONTHLY, INTERVAL, BYDAY, and COUNT or UNTIL, e.g. `FREQ=WEEKLY;BYDAY=MO;COUNT=10`. */
  recurrence: z.string().max(200).optional(),
});
export type CreateMeeting = z.infer<typeof CreateMeeting>;

/**
 * A change of the series, or of one occurrence when `occurrence` is given: a new time, points added or removed,
 * a new title or agenda. Every change is checked for conflicts like a booking, and re-sent to every participant.
 */
export const ChangeMeeting = z.strictObject({
  version: Version,
  occurrence: OccurrenceKey.optional(),
  start: Instant.optional(),
  end: Instant.optional(),
  title: Text(500).optional(),
  agenda: Text(5000).optional(),
  chairPerson: Text(200).optional(),
  addPoints: z.array(PointId).max(MAX_POINTS).default([]),
  removePoints: z.array(PointId).max(MAX_POINTS).default([]),
});
export type ChangeMeeting = z.infer<typeof ChangeMeeting>;

export const CancelMeeting = z.strictObject({
  version: Version,
  occurrence: OccurrenceKey.optional(),
  reason: Text(1000),
});
export type CancelMeeting = z.infer<typeof CancelMeeting>;

export const CheckIn = z.strictObject({ point: PointId, occurrence: OccurrenceKey.optional() });
export const AttachMinutes = z.strictObject({
  kind: z.enum(['minutes', 'conclusions']).describe('biên bản | thông báo kết luận'),
  uploadId: z.uuid(),
  occurrence: OccurrenceKey.optional(),
});

/** How one occurrence differs from its series: moved, cancelled, or with other points. */
export const OccurrenceException = z.object({
  start: Timestamp.optional(),
  end: Timestamp.optional(),
  points: z.array(PointId).optional(),
  cancelled: z.boolean().optional(),
});
export type OccurrenceException = z.infer<typeof OccurrenceException>;

export const MeetingFile = z.object({ uploadId: z.string(), fileName: z.string(), contentType: z.string(), size: z.number(), key: z.string(), versionId: z.string().optional() });
export type MeetingFile = z.infer<typeof MeetingFile>;

export const Attendance = z.object({ occurrence: OccurrenceKey, point: PointId, at: Timestamp, by: z.string(), byName: z.string().optional() });
export const MinutesRecord = z.object({ kind: z.enum(['minutes', 'conclusions']), occurrence: OccurrenceKey.optional(), file: MeetingFile, at: Timestamp, by: z.string() });

export const Meeting = z.object({
  id: MeetingId,
  title: z.string(),
  chairUnit: AgencyCode,
  chairPerson: z.string(),
  hostPoint: PointId,
  points: z.array(PointId).describe('every point of the series, the host first'),
  start: Timestamp,
  end: Timestamp,
  agenda: z.string().optional(),
  documents: z.array(MeetingFile),
  recurrence: z.string().optional(),
  exceptions: z.record(OccurrenceKey, OccurrenceException),
  status: z.enum(['scheduled', 'cancelled']),
  cancelReason: z.string().optional(),
  /** iCalendar SEQUENCE: raised by every change participants are told about. */
  sequence: z.number().int().nonnegative(),
  video: z.object({ provider: z.enum(['jitsi', 'chime']), room: z.string() }),
  minutes: z.array(MinutesRecord),
  createdBy: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Version,
});
export type Meeting = z.infer<typeof Meeting>;

export const MeetingDetail = Meeting.extend({
  attendance: z.array(Attendance),
  /** Short-lived download links of the documents and minutes, by upload id. */
  downloads: z.record(z.string(), z.string()),
});

export const OccurrenceView = z.object({
  meetingId: MeetingId,
  occurrence: OccurrenceKey,
  title: z.string(),
  chairUnit: z.string(),
  chairPerson: z.string(),
  hostPoint: PointId,
  points: z.array(PointId),
  start: Timestamp,
  end: Timestamp,
  recurring: z.boolean(),
});
export type OccurrenceView = z.infer<typeof OccurrenceView>;

export const ListQuery = z.object({
  from: Instant,
  to: Instant,
  point: PointId.optional(),
  unit: AgencyCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(2000).optional(),
});
export const OccurrencePage = z.object({ items: z.array(OccurrenceView), cursor: z.string().optional() });

export const JoinQuery = z.object({ point: PointId, occurrence: OccurrenceKey.optional() });
export const JoinLink = z.object({ provider: z.enum(['jitsi', 'chime']), point: PointId, url: z.string(), expiresAt: Timestamp.optional(), attendee: z.record(z.string(), z.string()).optional() });

// ---- calendar feeds and the weekly schedule

export const FeedOwner = z.strictObject({ unit: AgencyCode.optional(), point: PointId.optional() })
  .refine((o) => (o.unit === undefined) !== (o.point === undefined), { message: 'exactly one of unit or point' });
export const Feed = z.object({ owner: z.string(), url: z.string(), createdAt: Timestamp });
export const FeedParams = z.object({ tenant: z.string(), token: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/) });

export const WeekQuery = z.object({ date: z.iso.date(), unit: AgencyCode.optional(), format: z.enum(['json', 'html']).default('json') });
const WeekItemView = z.object({
  meetingId: z.string(), occurrence: z.string(), title: z.string(), start: Timestamp, end: Timestamp,
  chairPerson: z.string(), chairUnitName: z.string(), location: z.string(), points: z.number(),
});
export const WeekSchedule = z.object({
  from: z.string(), to: z.string(),
  days: z.array(z.object({ date: z.string(), weekday: z.string(), morning: z.array(WeekItemView), afternoon: z.array(WeekItemView), evening: z.array(WeekItemView) })),
});
