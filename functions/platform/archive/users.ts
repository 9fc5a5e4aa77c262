// The accounts of a tenant's user pool in its archive (`cognito/users.jsonl`, docs/archive.md), without AWS clients:
// one account per line, with what AdminCreateUser needs to make it again and the `sub` it had, so that an import can
// map the old user ids to the new ones. Cognito exports no password: a recreated account gets a new one.
import * as z from 'zod';

/** Relative to the archive's prefix, like the tables' and the objects' files. */
export const USERS_FILE = 'cognito/users.jsonl';

export const ArchivedUser = z.object({
  /** The pool's username. In a pool whose users sign in with their email it is a UUID (the `sub`), not reusable. */
  username: z.string().min(1),
  /** The user id everywhere in the tenant's data; a recreated account gets a new one. */
  sub: z.string().min(1),
  enabled: z.boolean(),
  /** UserStatus (CONFIRMED, FORCE_CHANGE_PASSWORD, …) when exported; every recreated account starts FORCE_CHANGE_PASSWORD. */
  status: z.string(),
  /** Every attribute but `sub`: email, email_verified, name, phone_number, custom:tenant, custom:unit, … */
  attributes: z.record(z.string(), z.string()),
  groups: z.array(z.string()),
});
export type ArchivedUser = z.infer<typeof ArchivedUser>;

/** An account as ListUsers and its groups' ListUsersInGroup describe it, as the archive keeps it. */
export function archivedUser(user: {
  Username?: string; Enabled?: boolean; UserStatus?: string; Attributes?: { Name?: string; Value?: string }[];
}, groups: string[]): ArchivedUser {
  const attributes: Record<string, string> = {};
  for (const { Name, Value } of user.Attributes ?? []) if (Name && Value !== undefined) attributes[Name] = Value;
  const { sub, ...rest } = attributes;
  if (!sub) throw new Error(`User ${user.Username} has no sub`);
  return {
    username: user.Username ?? sub, sub, enabled: user.Enabled ?? true, status: user.UserStatus ?? 'UNKNOWN', attributes: rest, groups: [...groups].sort(),
  };
}

/**
 * Whether an account of the pool is the tenant's: a pool serves one tenant (its TenantStack's), and every account of it
 * carries `custom:tenant` (set by the directory or by the sign-up trigger); one that names another tenant is left alone.
 */
export const belongsTo = (user: ArchivedUser, tenant: string) => (user.attributes['custom:tenant'] ?? tenant) === tenant;

/** The name the account signs in with, and the one to create it with again: its email when it has one. */
export const signInName = (user: ArchivedUser) => user.attributes.email ?? user.username;

export const userToLine = (user: ArchivedUser) => JSON.stringify(user);

export function userFromLine(line: string): ArchivedUser {
  return ArchivedUser.parse(JSON.parse(line));
}

/**
 * The cognito-idp actions each tenant operation calls (functions/platform/archive/user-pool.ts), which the TenantStack
 * allows on the tenant's own pool only.
 */
export const POOL_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  'tenant-export': ['cognito-idp:ListUsers', 'cognito-idp:ListGroups', 'cognito-idp:ListUsersInGroup'],
  'tenant-import': ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser', 'cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminDisableUser'],
  'tenant-purge': ['cognito-idp:ListUsers', 'cognito-idp:AdminDeleteUser'],
};
