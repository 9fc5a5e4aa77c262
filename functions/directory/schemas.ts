// Request and response shapes of the directory: units (agencies) and the officials who work in them.
import * as z from 'zod';
import { AgencyCode } from '#shared/agency';
import { ROLES, STAFF_ROLES } from '#shared/http/route';

export const UNIT_LEVELS = ['province', 'department', 'commune'] as const;

const Name = z.string().trim().min(2).max(200);
const Phone = z.string().trim().regex(/^\+?[0-9 .-]{8,15}$/, { message: 'số điện thoại không hợp lệ (invalid phone number)' });
const Email = z.string().trim().toLowerCase().pipe(z.email().max(254));
const Version = z.number().int().positive();
const Limit = z.coerce.number().int().min(1).max(100).default(50);
const Cursor = z.string().max(1024).optional();
const Timestamp = z.string().describe('ISO 8601 with the +07:00 offset');

export const Unit = z.object({
  code: AgencyCode,
  name: z.string(),
  shortName: z.string().optional(),
  level: z.enum(UNIT_LEVELS),
  parentCode: AgencyCode.optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  address: z.string().optional(),
  active: z.boolean(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Unit = z.infer<typeof Unit>;

export const CreateUnit = z.strictObject({
  code: AgencyCode,
  name: Name,
  shortName: z.string().trim().min(1).max(50).optional(),
  level: z.enum(UNIT_LEVELS),
  parentCode: AgencyCode.optional(),
  email: Email.optional(),
  phone: Phone.optional(),
  address: z.string().trim().max(300).optional(),
});
export type CreateUnit = z.infer<typeof CreateUnit>;

export const UpdateUnit = z.strictObject({
  version: Version.describe('the version you read; another change in between answers 409'),
  name: Name.optional(),
  shortName: z.string().trim().min(1).max(50).optional(),
  parentCode: AgencyCode.optional(),
  email: Email.optional(),
  phone: Phone.optional(),
  address: z.string().trim().max(300).optional(),
  active: z.boolean().optional(),
});
export type UpdateUnit = z.infer<typeof UpdateUnit>;

export const UnitParams = z.strictObject({ tenant: z.string(), code: AgencyCode });
export const TenantParams = z.strictObject({ tenant: z.string() });

export const ListUnitsQuery = z.strictObject({
  level: z.enum(UNIT_LEVELS).optional(),
  parent: AgencyCode.optional(),
  limit: Limit,
  cursor: Cursor,
});

export const UnitPage = z.object({ items: z.array(Unit), cursor: z.string().optional() });

const StaffRole = z.enum(STAFF_ROLES as [string, ...string[]]);

export const User = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  unit: AgencyCode,
  roles: z.array(z.enum(ROLES)),
  position: z.string().optional(),
  phone: z.string().optional(),
  enabled: z.boolean(),
  version: Version,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type User = z.infer<typeof User>;

export const CreateUser = z.strictObject({
  email: Email,
  name: Name,
  unit: AgencyCode,
  roles: z.array(StaffRole).min(1).max(4).refine((r) => new Set(r).size === r.length, { message: 'vai trò bị lặp (duplicate role)' }),
  position: z.string().trim().max(100).optional(),
  phone: Phone.optional(),
  temporaryPassword: z.string().min(8).max(64).optional().describe('if absent a password is generated and returned once'),
});
export type CreateUser = z.infer<typeof CreateUser>;

export const CreatedUser = User.extend({ temporaryPassword: z.string().optional() });

export const UpdateUser = z.strictObject({
  version: Version,
  name: Name.optional(),
  unit: AgencyCode.optional(),
  roles: z.array(StaffRole).min(1).max(4).refine((r) => new Set(r).size === r.length, { message: 'vai trò bị lặp (duplicate role)' }).optional(),
  position: z.string().trim().max(100).optional(),
  phone: Phone.optional(),
  enabled: z.boolean().optional(),
});
export type UpdateUser = z.infer<typeof UpdateUser>;

export const UserParams = z.strictObject({ tenant: z.string(), id: z.uuid() });

/** Deleting an official names the version read (a DELETE has no body): two admins at once get one success, one 409. */
export const DeleteUserQuery = z.strictObject({ version: z.coerce.number().int().positive() });
export const DeletedUser = z.object({ deleted: z.literal(true) });

export const ListUsersQuery = z.strictObject({
  unit: AgencyCode.optional(),
  role: z.enum(ROLES).optional(),
  limit: Limit,
  cursor: Cursor,
});

export const UserPage = z.object({ items: z.array(User), cursor: z.string().optional() });

export const Me = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().optional(),
  tenant: z.string(),
  unit: AgencyCode.optional(),
  unitName: z.string().optional(),
  roles: z.array(z.enum(ROLES)),
});
