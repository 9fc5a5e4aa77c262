// Connection points (điểm cầu): the rooms of the province's units that take part in video conferences.
import { randomBytes } from 'node:crypto';
import { toVietnamIso } from '#shared/clock';
import { badRequest, conflict, notFound } from '#shared/errors';
import type { MeetingDeps } from './deps';
import type { CreatePoint, Point, UpdatePoint } from './schemas';
import { MEETING_TEXT as T } from './text';

const missing = (): never => {
  throw notFound('POINT_NOT_FOUND', T.pointNotFound.vi, T.pointNotFound.en);
};

export async function createPoint(deps: MeetingDeps, tenant: string, input: CreatePoint): Promise<Point> {
  if (!(await deps.directory.unit(tenant, input.unit))) throw badRequest('UNIT_UNKNOWN', T.unitUnknown.vi, T.unitUnknown.en, { unit: input.unit });
  const now = toVietnamIso(deps.clock());
  const point: Point = {
    id: input.id ?? `dc-${randomBytes(5).toString('hex')}`,
    unit: input.unit, name: input.name, capacity: input.capacity, equipment: input.equipment, active: input.active,
    version: 1, createdAt: now, updatedAt: now,
  };
  if (!(await deps.store.putPoint(tenant, point))) throw conflict('POINT_EXISTS', T.pointExists.vi, T.pointExists.en);
  return point;
}

export async function getPoint(deps: MeetingDeps, tenant: string, id: string): Promise<Point> {
  return (await deps.store.getPoint(tenant, id)) ?? missing();
}

export async function listPoints(deps: MeetingDeps, tenant: string, unit?: string): Promise<{ items: Point[] }> {
  const all = await deps.store.listPoints(tenant);
  return { items: all.filter((p) => !unit || p.unit === unit).sort((a, b) => a.unit.localeCompare(b.unit) || a.name.localeCompare(b.name, 'vi')) };
}

export async function updatePoint(deps: MeetingDeps, tenant: string, id: string, input: UpdatePoint): Promise<Point> {
  const point = await getPoint(deps, tenant, id);
  if (point.version !== input.version) throw conflict('VERSION_CONFLICT', T.versionConflict.vi, T.versionConflict.en);
  const { version: _v, ...changes } = input;
  const next: Point = { ...point, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)), version: point.version + 1, updatedAt: toVietnamIso(deps.clock()) };
  if (!(await deps.store.putPoint(tenant, next, point.version))) throw conflict('VERSION_CONFLICT', T.versionConflict.vi, T.versionConflict.en);
  return next;
}

/**
 * The points a meeting names, each existing and active: 400 POINT_UNKNOWN (another tenant's id is simply unknown
 * here) or POINT_INACTIVE, listing them. Points already in the meeting may stay even when since deactivated.
 */
export async function usablePoints(deps: MeetingDeps, tenant: string, ids: string[], alreadyIn: readonly string[] = []): Promise<Map<string, Point>> {
  const found = await Promise.all(ids.map((id) => deps.store.getPoint(tenant, id)));
  const unknown = ids.filter((_, i) => !found[i]);
  if (unknown.length) throw badRequest('POINT_UNKNOWN', T.pointUnknown.vi, T.pointUnknown.en, { points: unknown });
  const inactive = found.filter((p) => p && !p.active && !alreadyIn.includes(p.id)).map((p) => p!.id);
  if (inactive.length) throw badRequest('POINT_INACTIVE', T.pointInactive.vi, T.pointInactive.en, { points: inactive });
  return new Map(found.map((p) => [p!.id, p!]));
}
