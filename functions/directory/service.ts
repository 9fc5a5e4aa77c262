// Directory domain logic: the rules for units and officials, with storage and the user pool behind ports.
import { randomBytes } from 'node:crypto';
import type { Caller } from '#shared/auth';
import { toVietnamIso, type Clock } from '#shared/clock';
import { badRequest, conflict, notFound } from '#shared/errors';
import type { Role } from '#shared/http/route';
import type { MailboxCounter, TransactItem } from '#shared/quota';
import type { CreateUnit, CreateUser, Unit, UpdateUnit, UpdateUser, User } from './schemas';
import { DIRECTORY_TEXT } from './text';

export interface Page<T> {
  items: T[];
  cursor?: string;
}

export interface DirectoryStore {
  getUnit(tenant: string, code: string): Promise<Unit | undefined>;
  listUnits(tenant: string, filter: { level?: string; parent?: string; limit: number; cursor?: string }): Promise<Page<Unit>>;
  /** false when the code is taken. */
  insertUnit(tenant: string, unit: Unit): Promise<boolean>;
  /** false when the stored version is not `expectedVersion`. */
  replaceUnit(tenant: string, unit: Unit, expectedVersion: number): Promise<boolean>;
  getUser(tenant: string, id: string): Promise<User | undefined>;
  getUserIdByEmail(tenant: string, email: string): Promise<string | undefined>;
  listUsers(tenant: string, filter: { unit?: string; role?: string; limit: number; cursor?: string }): Promise<Page<User>>;
  /**
   * false when the id or the email is taken. `also` are written in the same transaction (the mailboxes counter): a
   * quota refusal among them throws QUOTA_EXCEEDED, and nothing is written.
   */
  insertUser(tenant: string, user: User, also?: TransactItem[]): Promise<boolean>;
  replaceUser(tenant: string, user: User, expectedVersion: number): Promise<boolean>;
  /** Removes the profile and its email claim with `also`, in one transaction; false when the version is not `expectedVersion`. */
  deleteUser(tenant: string, user: User, expectedVersion: number, also?: TransactItem[]): Promise<boolean>;
}

export interface PoolUserSpec {
  email: string;
  name: string;
  tenant: string;
  unit: string;
  roles: Role[];
  temporaryPassword: string;
}

/** The tenant's identity provider (Cognito): who can sign in, and with which tenant, unit and roles in the token. */
export interface UserPool {
  /** Creates the sign-in, or returns the existing one of this email if it belongs to this tenant (a retried create). */
  ensureUser(spec: PoolUserSpec): Promise<{ id: string; created: boolean }>;
  deleteUser(id: string): Promise<void>;
  updateUser(id: string, change: { name?: string; unit?: string; addRoles: Role[]; removeRoles: Role[]; enabled?: boolean }): Promise<void>;
}

export interface DirectoryDeps {
  store: DirectoryStore;
  clock: Clock;
}

const unitNotFound = () => notFound('UNIT_NOT_FOUND', DIRECTORY_TEXT.unitNotFound.vi, DIRECTORY_TEXT.unitNotFound.en);
const userNotFound = () => notFound('USER_NOT_FOUND', DIRECTORY_TEXT.userNotFound.vi, DIRECTORY_TEXT.userNotFound.en);
const versionConflict = () => conflict('VERSION_CONFLICT', DIRECTORY_TEXT.versionConflict.vi, DIRECTORY_TEXT.versionConflict.en);

/** A unit's parent must exist, and the hierarchy must stay a tree: a province unit has no parent, others have one. */
async function checkParent(deps: DirectoryDeps, tenant: string, code: string, level: Unit['level'], parentCode: string | undefined): Promise<void> {
  if (level === 'province') {
    if (parentCode) throw badRequest('INVALID_PARENT', DIRECTORY_TEXT.provinceHasNoParent.vi, DIRECTORY_TEXT.provinceHasNoParent.en);
    return;
  }
  if (!parentCode) throw badRequest('INVALID_PARENT', DIRECTORY_TEXT.parentRequired.vi, DIRECTORY_TEXT.parentRequired.en);
  // Walk up from the new parent: meeting the unit itself would make a cycle. Hierarchies are a few levels deep.
  let cursor: string | undefined = parentCode;
  for (let depth = 0; cursor; depth++) {
    if (cursor === code || depth > 20) throw badRequest('INVALID_PARENT', DIRECTORY_TEXT.parentCycle.vi, DIRECTORY_TEXT.parentCycle.en);
    const ancestor = await deps.store.getUnit(tenant, cursor);
    if (!ancestor) throw badRequest('PARENT_NOT_FOUND', DIRECTORY_TEXT.parentNotFound.vi, DIRECTORY_TEXT.parentNotFound.en, { parentCode: cursor });
    cursor = ancestor.parentCode;
  }
}

export async function createUnit(deps: DirectoryDeps, tenant: string, input: CreateUnit): Promise<Unit> {
  await checkParent(deps, tenant, input.code, input.level, input.parentCode);
  const now = toVietnamIso(deps.clock());
  const unit: Unit = { ...input, active: true, version: 1, createdAt: now, updatedAt: now };
  if (!(await deps.store.insertUnit(tenant, unit))) {
    throw conflict('UNIT_EXISTS', DIRECTORY_TEXT.unitExists.vi, DIRECTORY_TEXT.unitExists.en, { code: input.code });
  }
  return unit;
}

export async function getUnit(deps: DirectoryDeps, tenant: string, code: string): Promise<Unit> {
  return (await deps.store.getUnit(tenant, code)) ?? Promise.reject(unitNotFound());
}

export async function updateUnit(deps: DirectoryDeps, tenant: string, code: string, change: UpdateUnit): Promise<Unit> {
  const current = await getUnit(deps, tenant, code);
  if (current.version !== change.version) throw versionConflict();
  const { version: _version, ...fields } = change;
  if (fields.parentCode !== undefined && fields.parentCode !== current.parentCode) {
    await checkParent(deps, tenant, code, current.level, fields.parentCode);
  }
  const next: Unit = { ...current, ...fields, version: current.version + 1, updatedAt: toVietnamIso(deps.clock()) };
  if (!(await deps.store.replaceUnit(tenant, next, current.version))) throw versionConflict();
  return next;
}

/** 16 characters with each class Cognito's default password policy asks for. */
export function generateTemporaryPassword(): string {
  const bytes = randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
  return `Ts${bytes}9!`;
}

/** What creating or deleting an official needs besides the store: the sign-ins, and the mailboxes gauge. */
export interface OfficialDeps extends DirectoryDeps {
  pool: UserPool;
  /** Every official has a mailbox: counted in the same transaction as the profile (shared/quota.ts). */
  mailboxes: MailboxCounter;
}

export async function createUser(deps: OfficialDeps, tenant: string, input: CreateUser): Promise<User & { temporaryPassword?: string }> {
  const unit = await deps.store.getUnit(tenant, input.unit);
  if (!unit) throw badRequest('UNIT_NOT_FOUND', DIRECTORY_TEXT.unitNotFound.vi, DIRECTORY_TEXT.unitNotFound.en, { unit: input.unit });
  if (await deps.store.getUserIdByEmail(tenant, input.email)) {
    throw conflict('USER_EXISTS', DIRECTORY_TEXT.userExists.vi, DIRECTORY_TEXT.userExists.en, { email: input.email });
  }
  // Before the sign-in is made: a tenant at its mailboxes quota gets no Cognito user for a refused official.
  await deps.mailboxes.precheck(tenant, 1);
  const { temporaryPassword: given, ...profile } = input;
  const temporaryPassword = given ?? generateTemporaryPassword();
  const roles = profile.roles as Role[];
  const signIn = await deps.pool.ensureUser({ email: profile.email, name: profile.name, tenant, unit: profile.unit, roles, temporaryPassword });
  const now = toVietnamIso(deps.clock());
  const user: User = { ...profile, roles, id: signIn.id, enabled: true, version: 1, createdAt: now, updatedAt: now };
  let inserted: boolean;
  try {
    inserted = await deps.store.insertUser(tenant, user, [await deps.mailboxes.charge(tenant, 1)]);
  } catch (err) {
    // Lost the last mailbox to a concurrent create (or the store failed): the sign-in we made must not outlive it.
    if (signIn.created) await deps.pool.deleteUser(signIn.id);
    throw err;
  }
  if (!inserted) {
    // Another request registered this email first. Undo our sign-in only if we made it and the winner's profile
    // is not bound to it: a concurrent create may have adopted the very sign-in we made.
    const winner = await deps.store.getUserIdByEmail(tenant, input.email);
    if (signIn.created && winner !== signIn.id) await deps.pool.deleteUser(signIn.id);
    throw conflict('USER_EXISTS', DIRECTORY_TEXT.userExists.vi, DIRECTORY_TEXT.userExists.en, { email: input.email });
  }
  return given ? user : { ...user, temporaryPassword };
}

/**
 * Deletes an official: the sign-in is disabled first (so a failure later leaves no working account without a
 * profile), then the profile, its email claim and one mailbox of the gauge go in one transaction, then the sign-in is
 * deleted. Their stored mail stays in S3 and the mail table, billed as storage, as a disabled official's does.
 */
export async function deleteUser(deps: OfficialDeps, tenant: string, id: string, version: number): Promise<{ deleted: true }> {
  const current = await getUser(deps, tenant, id);
  if (current.version !== version) throw versionConflict();
  await deps.pool.updateUser(id, { enabled: false, addRoles: [], removeRoles: [] });
  if (!(await deps.store.deleteUser(tenant, current, version, [await deps.mailboxes.charge(tenant, -1)]))) {
    if (current.enabled) await deps.pool.updateUser(id, { enabled: true, addRoles: [], removeRoles: [] });
    throw versionConflict();
  }
  await deps.pool.deleteUser(id);
  return { deleted: true };
}

export async function getUser(deps: DirectoryDeps, tenant: string, id: string): Promise<User> {
  return (await deps.store.getUser(tenant, id)) ?? Promise.reject(userNotFound());
}

export async function updateUser(deps: DirectoryDeps & { pool: UserPool }, tenant: string, id: string, change: UpdateUser): Promise<User> {
  const current = await getUser(deps, tenant, id);
  if (current.version !== change.version) throw versionConflict();
  if (change.unit && change.unit !== current.unit && !(await deps.store.getUnit(tenant, change.unit))) {
    throw badRequest('UNIT_NOT_FOUND', DIRECTORY_TEXT.unitNotFound.vi, DIRECTORY_TEXT.unitNotFound.en, { unit: change.unit });
  }
  const { version: _version, ...fields } = change;
  const roles = (fields.roles ?? current.roles) as Role[];
  const next: User = { ...current, ...fields, roles, version: current.version + 1, updatedAt: toVietnamIso(deps.clock()) };
  const diff = {
    addRoles: roles.filter((r) => !current.roles.includes(r)),
    removeRoles: current.roles.filter((r) => !roles.includes(r)),
  };
  await deps.pool.updateUser(id, { name: fields.name, unit: fields.unit, enabled: fields.enabled, ...diff });
  if (!(await deps.store.replaceUser(tenant, next, current.version))) {
    // Someone changed the official in between: put the sign-in back as we found it, then report the conflict.
    await deps.pool.updateUser(id, {
      name: current.name, unit: current.unit, enabled: current.enabled, addRoles: diff.removeRoles, removeRoles: diff.addRoles,
    });
    throw versionConflict();
  }
  return next;
}

/** The caller's profile: officials from the directory, citizens (who are not in it) from their token. */
export async function me(deps: DirectoryDeps, caller: Caller) {
  const user = await deps.store.getUser(caller.tenant, caller.id);
  const unitCode = user?.unit ?? caller.unit;
  const unit = unitCode ? await deps.store.getUnit(caller.tenant, unitCode) : undefined;
  return {
    id: caller.id,
    email: user?.email ?? caller.email,
    name: user?.name ?? caller.name,
    tenant: caller.tenant,
    unit: unitCode,
    unitName: unit?.name,
    roles: user?.roles ?? caller.roles,
  };
}
