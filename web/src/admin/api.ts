// The administration area's typed calls: units and officials (directory), procedures and the year's calendar.
import { get, patch, post, put } from '../core/api';
import type { Role } from '../core/auth';

export type UnitLevel = 'province' | 'department' | 'commune';
export interface Unit {
  code: string; name: string; shortName?: string; level: UnitLevel; parentCode?: string; email?: string; phone?: string; address?: string;
  active: boolean; version: number;
}
export interface User {
  id: string; email: string; name: string; unit: string; roles: Role[]; position?: string; phone?: string; enabled: boolean; version: number;
}
export type StaffRole = Exclude<Role, 'citizen'>;
export const STAFF_ROLES: StaffRole[] = ['clerk', 'officer', 'leader', 'tenant-admin'];

interface Page<T> { items: T[]; cursor?: string }

/** Every page of a list; `limit` is the route's largest page (100 for most lists, 50 for versions). */
async function all<T>(path: string, query: Record<string, string | undefined> = {}, limit = 100): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await get<Page<T>>(path, { ...query, limit, cursor });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

export const listUnits = (tenant: string) => all<Unit>(`/v1/${tenant}/units`);
export const getUnit = (tenant: string, code: string) => get<Unit>(`/v1/${tenant}/units/${encodeURIComponent(code)}`);
export const createUnit = (tenant: string, body: Record<string, unknown>, key: string) => post<Unit>(`/v1/${tenant}/units`, body, { idempotencyKey: key });
export const updateUnit = (tenant: string, code: string, body: Record<string, unknown>) => patch<Unit>(`/v1/${tenant}/units/${encodeURIComponent(code)}`, body);

export const listUsers = (tenant: string, unit?: string) => all<User>(`/v1/${tenant}/users`, { unit });
export const getUser = (tenant: string, id: string) => get<User>(`/v1/${tenant}/users/${encodeURIComponent(id)}`);
export const createUser = (tenant: string, body: Record<string, unknown>, key: string) =>
  post<User & { temporaryPassword?: string }>(`/v1/${tenant}/users`, body, { idempotencyKey: key });
export const updateUser = (tenant: string, id: string, body: Record<string, unknown>) => patch<User>(`/v1/${tenant}/users/${encodeURIComponent(id)}`, body);

export interface ProcedureSummary { code: string; name: string; field: string; unit: string; level: number; processingDays: number | null; fee: number; version: number; publishedAt?: string }

/** The content of a version, what a PUT sends back (the version's own number, status and dates dropped). */
export interface ProcedureContent {
  code: string; name: string; field: string; unit: string; level: 2 | 3 | 4; processingDays: number | null; fee: number; feeNote?: string;
  documents: unknown[]; form: unknown[]; steps: unknown[]; legalBasis?: string;
}
export interface ProcedureVersion extends ProcedureContent {
  version: number; revision: number; status: 'draft' | 'published'; createdAt: string; updatedAt: string; publishedAt?: string;
}

export const contentOf = (v: ProcedureVersion): ProcedureContent => {
  const { code, name, field, unit, level, processingDays, fee, feeNote, documents, form, steps, legalBasis } = v;
  return { code, name, field, unit, level, processingDays, fee, feeNote, documents, form, steps, legalBasis };
};

export const listProcedures = (tenant: string) => all<ProcedureSummary>(`/v1/${tenant}/procedures`);
/** Every version, newest first (the API lists them so). */
export const listVersions = (tenant: string, code: string) => all<ProcedureVersion>(`/v1/${tenant}/procedures/${encodeURIComponent(code)}/versions`, {}, 50);
export const updateProcedure = (tenant: string, code: string, body: { version: number; revision: number; content: ProcedureContent }) =>
  put<ProcedureVersion>(`/v1/${tenant}/procedures/${encodeURIComponent(code)}`, body);
export const publishProcedure = (tenant: string, code: string, body: { version: number; revision: number }) =>
  post<ProcedureVersion>(`/v1/${tenant}/procedures/${encodeURIComponent(code)}/publish`, body);

export interface CalendarDay { date: string; name: string }
export interface YearCalendar {
  year: number; officeHours: unknown; holidays: CalendarDay[]; workingDays: CalendarDay[]; version: number; source: 'seeded' | 'tenant';
  updatedAt?: string; updatedBy?: string;
}
export const getCalendar = (tenant: string, year: number) => get<YearCalendar>(`/v1/${tenant}/calendar/${year}`);
export const putCalendar = (tenant: string, year: number, body: { version: number; officeHours: unknown; holidays: CalendarDay[]; workingDays: CalendarDay[] }) =>
  put<YearCalendar>(`/v1/${tenant}/calendar/${year}`, body);
