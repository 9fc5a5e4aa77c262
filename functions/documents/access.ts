// Who may act for which unit. An official acts for their own unit; the clerks and leaders of a Văn phòng (shortName
// VP) also keep the records of the body it serves (its parent), as the office of a People's Committee does.
import type { Caller } from '#shared/auth';
import { forbidden } from '#shared/errors';
import type { Role } from '#shared/http/route';
import type { DocumentDeps } from './deps';
import { DOCUMENT_TEXT as T } from './text';

export async function actingUnits(deps: DocumentDeps, tenant: string, caller: Caller): Promise<string[]> {
  if (!caller.unit) return [];
  const unit = await deps.directory.unit(tenant, caller.unit);
  return unit?.shortName === 'VP' && unit.parentCode ? [unit.code, unit.parentCode] : [caller.unit];
}

export const hasRole = (caller: Caller, ...roles: Role[]) => caller.roles.some((r) => roles.includes(r));

/** 403 NOT_YOUR_UNIT unless the caller acts for one of `units` in one of `roles` (tenant-admins act for every unit). */
export async function requireUnit(deps: DocumentDeps, tenant: string, caller: Caller, units: string[], roles: Role[]): Promise<void> {
  if (hasRole(caller, 'tenant-admin')) return;
  const mine = await actingUnits(deps, tenant, caller);
  if (!hasRole(caller, ...roles) || !units.some((u) => mine.includes(u))) throw forbidden('NOT_YOUR_UNIT', T.notYourUnit.vi, T.notYourUnit.en);
}
