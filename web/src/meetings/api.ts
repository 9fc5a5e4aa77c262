// Typed calls to the meetings service (functions/meetings/routes.ts) and the directory's units and officials.
import { get, patch, post } from '../core/api';

export interface Point { id: string; unit: string; name: string; capacity: number; equipment: string[]; active: boolean }
export interface Unit { code: string; name: string; shortName?: string; email?: string; active: boolean }
export interface Official { id: string; email: string; name: string; unit: string; roles: string[]; enabled: boolean }

export interface Occurrence {
  meetingId: string;
  occurrence: string;
  title: string;
  chairUnit: string;
  chairPerson: string;
  hostPoint: string;
  points: string[];
  start: string;
  end: string;
  recurring: boolean;
}

export interface Attendance { occurrence: string; point: string; at: string; by: string; byName?: string }

export interface Meeting {
  id: string;
  title: string;
  chairUnit: string;
  chairPerson: string;
  hostPoint: string;
  points: string[];
  start: string;
  end: string;
  agenda?: string;
  recurrence?: string;
  status: 'scheduled' | 'cancelled';
  cancelReason?: string;
  sequence: number;
  video: { provider: string; room: string };
  version: number;
  attendance?: Attendance[];
}

/** What a booking sends: the meeting's own fields, before the API gives it an id, a version and a room. */
export type CreateMeeting = Pick<Meeting, 'title' | 'chairUnit' | 'chairPerson' | 'hostPoint' | 'points' | 'start' | 'end' | 'agenda'>;

export interface ChangeMeeting {
  version: number;
  start?: string;
  end?: string;
  title?: string;
  agenda?: string;
  chairPerson?: string;
  addPoints?: string[];
  removePoints?: string[];
}

/** What a refused booking (409 POINT_BUSY) says in error.details: each busy point and the meetings it has then. */
export interface Collision { point: string; meetings: { meetingId: string; title: string; occurrence: string; start: string; end: string }[] }

export interface JoinLink { provider: string; point: string; url: string; expiresAt?: string }

export interface WeekItem { meetingId: string; occurrence: string; title: string; start: string; end: string; chairPerson: string; chairUnitName: string; location: string; points: number }
export interface WeekDay { date: string; weekday: string; morning: WeekItem[]; afternoon: WeekItem[]; evening: WeekItem[] }
export interface WeekSchedule { from: string; to: string; days: WeekDay[] }

const base = (tenant: string) => `/v1/${encodeURIComponent(tenant)}`;

export const listPoints = async (tenant: string): Promise<Point[]> => (await get<{ items: Point[] }>(`${base(tenant)}/points`)).items;

/** Every unit of the province (pages of 100 until the cursor runs out). */
export async function listUnits(tenant: string): Promise<Unit[]> {
  const out: Unit[] = [];
  let cursor: string | undefined;
  do {
    const page = await get<{ items: Unit[]; cursor?: string }>(`${base(tenant)}/units`, { limit: 100, cursor });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

export const listOfficials = async (tenant: string, unit: string): Promise<Official[]> =>
  (await get<{ items: Official[] }>(`${base(tenant)}/users`, { unit, limit: 100 })).items;

/** Every occurrence overlapping [from, to) (of one point when given), following the cursor. */
export async function listOccurrences(tenant: string, from: string, to: string, point?: string): Promise<Occurrence[]> {
  const out: Occurrence[] = [];
  let cursor: string | undefined;
  do {
    const page = await get<{ items: Occurrence[]; cursor?: string }>(`${base(tenant)}/meetings`, { from, to, point, limit: 200, cursor });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

export const getMeeting = (tenant: string, id: string) => get<Meeting>(`${base(tenant)}/meetings/${encodeURIComponent(id)}`);
export const createMeeting = (tenant: string, body: CreateMeeting, idempotencyKey: string) =>
  post<Meeting>(`${base(tenant)}/meetings`, body, { idempotencyKey });
export const changeMeeting = (tenant: string, id: string, body: ChangeMeeting) => patch<Meeting>(`${base(tenant)}/meetings/${encodeURIComponent(id)}`, body);
export const cancelMeeting = (tenant: string, id: string, version: number, reason: string) =>
  post<Meeting>(`${base(tenant)}/meetings/${encodeURIComponent(id)}/cancel`, { version, reason });
export const joinLink = (tenant: string, id: string, point: string) => get<JoinLink>(`${base(tenant)}/meetings/${encodeURIComponent(id)}/join`, { point });
export const weekSchedule = (tenant: string, date: string) => get<WeekSchedule>(`${base(tenant)}/schedule/week`, { date });
