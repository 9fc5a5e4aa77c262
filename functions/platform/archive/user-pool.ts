// The tenant operations' side of the user pool in AWS terms (docs/archive.md, The user pool): list its accounts with
// their groups (export), make them again (import), delete them (purge). The pool is the tenant's own
// (DeployedTenant.auth.userPoolId, in the functions' TENANTS), and the operations may touch that pool only (TenantStack).
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminDeleteUserCommand, AdminDisableUserCommand, AdminGetUserCommand,
  CognitoIdentityProviderClient, ListGroupsCommand, ListUsersCommand, ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { archivedUser, signInName, type ArchivedUser } from './users';

const cognito = new CognitoIdentityProviderClient({});

const attributeOf = (attributes: { Name?: string; Value?: string }[] | undefined, name: string) => attributes?.find((a) => a.Name === name)?.Value;

/**
 * Every account of the pool, page by page (ListUsers), with its groups unless told not to (the purge needs none). The
 * groups are read group by group (ListGroups, then ListUsersInGroup of each): a pool has a handful of groups (the roles)
 * but may have hundreds of thousands of citizens, and one AdminListGroupsForUser per account would take longer than
 * the export's 15 minutes at Cognito's request rates.
 */
export async function listAccounts(userPoolId: string, options: { groups: boolean } = { groups: true }): Promise<ArchivedUser[]> {
  const groups = options.groups ? await groupsByUser(userPoolId) : new Map<string, string[]>();
  const accounts: ArchivedUser[] = [];
  let token: string | undefined;
  do {
    const page = await cognito.send(new ListUsersCommand({ UserPoolId: userPoolId, PaginationToken: token, Limit: 60 }));
    for (const user of page.Users ?? []) accounts.push(archivedUser(user, groups.get(user.Username!) ?? []));
    token = page.PaginationToken;
  } while (token);
  return accounts;
}

/** Each username's groups, from the members of every group of the pool. */
async function groupsByUser(userPoolId: string): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  let groupToken: string | undefined;
  do {
    const groups = await cognito.send(new ListGroupsCommand({ UserPoolId: userPoolId, NextToken: groupToken, Limit: 60 }));
    for (const { GroupName } of groups.Groups ?? []) {
      if (!GroupName) continue;
      let token: string | undefined;
      do {
        const page = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: userPoolId, GroupName, NextToken: token, Limit: 60 }));
        for (const { Username } of page.Users ?? []) if (Username) byUser.set(Username, [...(byUser.get(Username) ?? []), GroupName]);
        token = page.NextToken;
      } while (token);
    }
    groupToken = groups.NextToken;
  } while (groupToken);
  return byUser;
}

/** An account of the pool as the import needs it: the name to reach it by, its id and the tenant it says it is of. */
export interface PoolAccount {
  username: string;
  sub: string;
  tenant?: string;
}

/** The pool's account that signs in with this name (an email), or undefined. */
export async function findAccount(userPoolId: string, name: string): Promise<PoolAccount | undefined> {
  try {
    const out = await cognito.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: name }));
    return { username: out.Username!, sub: attributeOf(out.UserAttributes, 'sub') ?? out.Username!, tenant: attributeOf(out.UserAttributes, 'custom:tenant') };
  } catch (err) {
    if ((err as Error).name === 'UserNotFoundException') return undefined;
    throw err;
  }
}

/**
 * Makes an archived account again: its attributes (email_verified kept), no message — the import is silent, and the
 * operator sends the invitations when the province opens (docs/archive.md) — and no known password: Cognito generates
 * a temporary one that nobody is told, which the invitation (AdminCreateUser with MessageAction RESEND) replaces.
 * Returns undefined when the name is taken meanwhile (the caller looks it up again).
 */
export async function createAccount(userPoolId: string, user: ArchivedUser): Promise<PoolAccount | undefined> {
  try {
    const out = await cognito.send(new AdminCreateUserCommand({
      UserPoolId: userPoolId,
      Username: signInName(user),
      MessageAction: 'SUPPRESS',
      UserAttributes: Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value })),
    }));
    return { username: out.User!.Username!, sub: attributeOf(out.User!.Attributes, 'sub') ?? out.User!.Username!, tenant: user.attributes['custom:tenant'] };
  } catch (err) {
    if ((err as Error).name === 'UsernameExistsException') return undefined;
    throw err;
  }
}

/** Its archived groups (adding a member twice is no error) and, when it was disabled, disabled again. */
export async function settleAccount(userPoolId: string, username: string, user: ArchivedUser): Promise<void> {
  for (const group of user.groups) await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }));
  if (!user.enabled) await cognito.send(new AdminDisableUserCommand({ UserPoolId: userPoolId, Username: username }));
}

/** Deletes an account; one already gone is no error (a purge runs again to finish). */
export async function deleteAccount(userPoolId: string, username: string): Promise<void> {
  try {
    await cognito.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username }));
  } catch (err) {
    if ((err as Error).name !== 'UserNotFoundException') throw err;
  }
}
