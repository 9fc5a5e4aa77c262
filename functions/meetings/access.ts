// Who may act on a meeting: clerks, leaders and the tenant-admin schedule for any unit of the province (the office
// arranges the leaders' meetings); an officer only for their own unit.
import type { Caller } from '#shared/auth';
import { forbidden } from '#shared/errors';
import { MEETING_TEXT as T } from './text';

const ANY_UNIT = ['clerk', 'leader', 'tenant-admin'] as const;

export const mayActFor = (caller: Caller, unit: string): boolean =>
  caller.roles.some((r) => (ANY_UNIT as readonly string[]).includes(r)) || caller.unit === unit;

export function requireChair(caller: Caller, chairUnit: string): void {
  if (!mayActFor(caller, chairUnit)) throw forbidden('NOT_YOUR_UNIT', T.notYourUnit.vi, T.notYourUnit.en);
}

/** A point's room is run by its unit: its staff check in and join for it. */
export function requirePointUnit(caller: Caller, pointUnit: string): void {
  if (!caller.roles.includes('tenant-admin') && caller.unit !== pointUnit) throw forbidden('NOT_YOUR_POINT', T.notYourPoint.vi, T.notYourPoint.en);
}
