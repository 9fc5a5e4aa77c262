// Who has a mailbox, and who may use which: every official's own address, the shared unit mailboxes the
// tenant-admin sets members for, and distribution lists. An address of this tenant's domain that is none of these
// does not exist (SMTP 550).
import type { Caller } from '#shared/auth';
import { toVietnamIso } from '#shared/clock';
import { badRequest, conflict, forbidden, notFound } from '#shared/errors';
import { findTenant } from '#shared/tenancy';
import type { MailDeps } from './deps';
import { quotaOf } from './quota';
import type { SharedMailbox } from './schemas';
import { domainPart } from './addresses';

export type Resolved =
  | { kind: 'personal'; address: string; name: string }
  | { kind: 'shared'; address: string; name: string; box: SharedMailbox }
  | { kind: 'list'; address: string; name: string; box: SharedMailbox }
  | { kind: 'remote'; address: string }
  | { kind: 'unknown'; address: string };

export const domainOfTenant = (tenant: string): string => findTenant(tenant)?.domain ?? `${tenant}.invalid`;

export async function resolve(deps: MailDeps, tenant: string, address: string): Promise<Resolved> {
  const lower = address.toLowerCase();
  if (domainPart(lower) !== domainOfTenant(tenant)) return { kind: 'remote', address: lower };
  const box = await deps.store.getShared(tenant, lower);
  if (box) return { kind: box.kind, address: lower, name: box.name, box } as Resolved;
  const official = await deps.directory.officialByEmail(tenant, lower);
  if (official?.enabled) return { kind: 'personal', address: lower, name: official.name };
  return { kind: 'unknown', address: lower };
}

/** The mailboxes the caller reads: their own, and each shared mailbox they are a member of. */
export async function myMailboxes(deps: MailDeps, tenant: string, caller: Caller) {
  const own = caller.email.toLowerCase();
  const shared = (await deps.store.listShared(tenant)).filter((b) => b.kind === 'shared' && b.members.includes(own));
  const quota = quotaOf(tenant);
  const items = [{ address: own, kind: 'personal' as const, name: caller.name ?? own }, ...shared.map((b) => ({ address: b.address, kind: 'shared' as const, name: b.name }))];
  return { items: await Promise.all(items.map(async (b) => ({ ...b, usedBytes: await deps.store.usage(tenant, b.address), quotaBytes: quota }))) };
}

/**
 * The mailbox a request acts on: the caller's own unless `mailbox` names a shared mailbox they belong to. Anything
 * else is 403, without saying whether it exists: an official never reads a colleague's mailbox.
 */
export async function requireMailbox(deps: MailDeps, tenant: string, caller: Caller, mailbox?: string): Promise<string> {
  const own = caller.email.toLowerCase();
  if (!mailbox || mailbox.toLowerCase() === own) {
    if (domainPart(own) !== domainOfTenant(tenant)) throw forbidden('NO_MAILBOX', 'Tài khoản của bạn không có hộp thư công vụ.', 'Your account has no official mailbox.');
    return own;
  }
  const box = await deps.store.getShared(tenant, mailbox.toLowerCase());
  if (box?.kind === 'shared' && box.members.includes(own)) return box.address;
  throw forbidden('MAILBOX_FORBIDDEN', 'Bạn không có quyền dùng hộp thư này.', 'You may not use this mailbox.');
}

// ---- the tenant-admin's shared mailboxes and lists

export async function createMailbox(deps: MailDeps, tenant: string, input: { localPart: string; kind: 'shared' | 'list'; name: string; members: string[] }): Promise<SharedMailbox> {
  const address = `${input.localPart}@${domainOfTenant(tenant)}`;
  if (input.kind === 'shared') await requireOfficials(deps, tenant, input.members);
  if (await deps.directory.officialByEmail(tenant, address)) throw conflict('ADDRESS_TAKEN', 'Địa chỉ này là hộp thư của một cán bộ.', 'This address is an official\'s mailbox.');
  const now = toVietnamIso(deps.clock());
  const box: SharedMailbox = { address, kind: input.kind, name: input.name, members: [...new Set(input.members)], version: 1, createdAt: now, updatedAt: now };
  // A shared mailbox or list is one mailbox of the plan's quota, counted in the same transaction that creates it.
  if (!(await deps.store.createShared(tenant, box, await deps.mailboxes.charge(tenant, 1)))) throw conflict('ADDRESS_TAKEN', 'Địa chỉ hộp thư đã được dùng.', 'The mailbox address is taken.');
  return box;
}

export async function updateMailbox(deps: MailDeps, tenant: string, address: string, input: { version: number; name?: string; members?: string[] }): Promise<SharedMailbox> {
  const box = await deps.store.getShared(tenant, address);
  if (!box) throw notFound('MAILBOX_NOT_FOUND', 'Không tìm thấy hộp thư.', 'Mailbox not found.');
  if (box.version !== input.version) throw conflict('VERSION_CONFLICT', 'Hộp thư vừa được người khác cập nhật.', 'Someone else changed the mailbox.');
  if (input.members && box.kind === 'shared') await requireOfficials(deps, tenant, input.members);
  const next: SharedMailbox = {
    ...box, ...(input.name ? { name: input.name } : {}), ...(input.members ? { members: [...new Set(input.members)] } : {}),
    version: box.version + 1, updatedAt: toVietnamIso(deps.clock()),
  };
  if (!(await deps.store.putShared(tenant, next, box.version))) throw conflict('VERSION_CONFLICT', 'Hộp thư vừa được người khác cập nhật.', 'Someone else changed the mailbox.');
  return next;
}

/** A shared mailbox is read by officials of the tenant only. */
async function requireOfficials(deps: MailDeps, tenant: string, members: string[]): Promise<void> {
  const found = await Promise.all(members.map((m) => deps.directory.officialByEmail(tenant, m)));
  const unknown = members.filter((_, i) => !found[i]?.enabled);
  if (unknown.length) throw badRequest('MEMBER_UNKNOWN', 'Thành viên hộp thư dùng chung phải là cán bộ của tỉnh.', 'Members of a shared mailbox must be officials of the province.', { members: unknown });
}
