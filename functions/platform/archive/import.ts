// `tenant-import` (functions/platform/archive/catalog.ts): restores an archive that tenant-export wrote into an empty
// deployment of the same tenant. Everything is checked before anything is written — the manifest, the size and SHA-256
// of every file, the count of every table, that each item and object is the tenant's, that the deployment holds none of
// its data — and a failed check is a refusal with its code. The files are read twice (checked, then written) rather
// than held in memory, and checked again on the second read. Then the user pool's accounts are made again (or found,
// when the pool already has one with that email) and every old user id in the data is rewritten to the pool's.
import { findTenant } from '#shared/tenancy';
import { archivePrefix, itemFromLine, linesOf, manifestKey, Manifest, sha256, summaryOf, type Item } from './format';
import { ImportRequest, WrongDeploymentError, type ImportResult, type Refusal } from './operations';
import { rewriteItem, rewriteMetadata, rewriteString, subMap, type SubMap } from './rewrite';
import { archivedTables, batchWrite, getObject, hasTenantItems, hasTenantObjects, putObject, putRequests, type StoredObject, type TenantTable } from './tenant-data';
import { createAccount, findAccount, settleAccount, type PoolAccount } from './user-pool';
import { belongsTo, signInName, userFromLine, type ArchivedUser } from './users';
import { withConsumption } from '#shared/with-consumption';

const refusal = (status: number, code: string, message: string, messageEn: string, details?: unknown): Refusal =>
  ({ outcome: 'refused', status, code, message, messageEn, ...(details !== undefined ? { details } : {}) });

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.messageEn);
  }
}

const corrupt = (file: string, why: string) =>
  new Refused(refusal(422, 'ARCHIVE_CORRUPT', `Tệp ${file} của bản sao lưu không khớp với danh mục (${why}); không có gì được ghi.`,
    `The archive's file ${file} does not match its manifest (${why}); nothing was written.`, { file, reason: why }));

/** A file of the archive, as the manifest describes it; refused when missing or when its size or SHA-256 differ. */
async function checkedFile(prefix: string, entry: { file: string; size: number; sha256: string }): Promise<StoredObject> {
  const object = await getObject(prefix + entry.file);
  if (!object) throw corrupt(entry.file, 'missing');
  if (object.bytes.length !== entry.size) throw corrupt(entry.file, `size ${object.bytes.length}, manifest ${entry.size}`);
  if (sha256(object.bytes) !== entry.sha256) throw corrupt(entry.file, 'SHA-256 differs');
  return object;
}

/** The items of a table's file; refused when a line is unreadable, is another tenant's, or the count differs. */
function itemsOf(bytes: Uint8Array, entry: Manifest['tables'][number], table: TenantTable, tenant: string): Item[] {
  const items = linesOf(bytes).map((line, i) => {
    try {
      return itemFromLine(line);
    } catch {
      throw corrupt(entry.file, `line ${i + 1} is not an item`);
    }
  });
  if (items.length !== entry.items) throw corrupt(entry.file, `${items.length} items, manifest ${entry.items}`);
  if (items.some((item) => !item[table.partitionKey]?.S?.startsWith(`${tenant}#`))) throw corrupt(entry.file, `an item is not tenant ${tenant}'s`);
  return items;
}

/** The accounts of the archive's users file; refused like a table's file when a line, the count or a tenant differs. */
async function usersOf(prefix: string, entry: NonNullable<Manifest['users']>, tenant: string): Promise<ArchivedUser[]> {
  const users = linesOf((await checkedFile(prefix, entry)).bytes).map((line, i) => {
    try {
      return userFromLine(line);
    } catch {
      throw corrupt(entry.file, `line ${i + 1} is not an account`);
    }
  });
  if (users.length !== entry.users) throw corrupt(entry.file, `${users.length} accounts, manifest ${entry.users}`);
  if (users.some((u) => !belongsTo(u, tenant))) throw corrupt(entry.file, `an account is not tenant ${tenant}'s`);
  return users;
}

/**
 * The pool's accounts that already sign in with an archived account's name: mapped to, not made again, so that an
 * import run again (after a failure) finds the accounts the first run made. One of another tenant is refused.
 */
async function existingAccounts(userPoolId: string, users: ArchivedUser[], tenant: string): Promise<Map<string, PoolAccount>> {
  const found = new Map<string, PoolAccount>();
  for (const user of users) {
    const account = await findAccount(userPoolId, signInName(user));
    if (!account) continue;
    if (account.tenant !== undefined && account.tenant !== tenant) {
      throw new Refused(refusal(409, 'USER_OF_ANOTHER_TENANT', `Tài khoản ${signInName(user)} trong nhóm người dùng thuộc về ${account.tenant}, không phải ${tenant}; không có gì được ghi.`,
        `The pool's account ${signInName(user)} is ${account.tenant}'s, not ${tenant}'s; nothing was written.`, { username: signInName(user), tenant: account.tenant }));
    }
    found.set(user.sub, account);
  }
  return found;
}

/** Makes the archive's accounts again (or takes the existing ones): their old id → their id in this pool. */
async function restoreAccounts(userPoolId: string, users: ArchivedUser[], existing: Map<string, PoolAccount>) {
  let created = 0;
  const ids: [string, string][] = [];
  for (const user of users) {
    let account = existing.get(user.sub);
    if (!account) {
      account = await createAccount(userPoolId, user);
      if (account) created++;
      else account = await findAccount(userPoolId, signInName(user)); // made meanwhile: taken like an existing one
      if (!account) throw new Error(`Account ${signInName(user)} neither created nor found`);
    }
    await settleAccount(userPoolId, account.username, user);
    ids.push([user.sub, account.sub]);
  }
  return { map: subMap(ids), created, existing: users.length - created };
}

async function readManifest(tenant: string, exportId: string): Promise<Manifest> {
  const object = await getObject(manifestKey(tenant, exportId));
  if (!object) {
    throw new Refused(refusal(404, 'ARCHIVE_NOT_FOUND', `Không có bản sao lưu ${exportId} trong kho tệp của ${tenant}.`,
      `No archive ${exportId} in ${tenant}'s bucket (${manifestKey(tenant, exportId)}).`));
  }
  let manifest: Manifest;
  try {
    manifest = Manifest.parse(JSON.parse(new TextDecoder().decode(object.bytes)));
  } catch {
    throw new Refused(refusal(422, 'ARCHIVE_INVALID', 'Danh mục của bản sao lưu không đọc được.', 'The archive\'s manifest is unreadable.'));
  }
  if (manifest.tenant !== tenant || manifest.exportId !== exportId) {
    throw new Refused(refusal(422, 'ARCHIVE_INVALID', `Bản sao lưu này là của ${manifest.tenant}, không phải của ${tenant}.`,
      `This archive is ${manifest.tenant}'s (${manifest.exportId}), not ${tenant}'s (${exportId}).`));
  }
  return manifest;
}

/** Matches the manifest's tables with this deployment's; a table the deployment lacks cannot be restored. */
function tablesOf(manifest: Manifest): { entry: Manifest['tables'][number]; table: TenantTable }[] {
  const here = new Map(archivedTables().map((t) => [t.name, t]));
  const unknown = manifest.tables.filter((t) => !here.has(t.table)).map((t) => t.table);
  if (unknown.length) {
    throw new Refused(refusal(422, 'ARCHIVE_INVALID', `Bản sao lưu có bảng mà hệ thống này không có: ${unknown.join(', ')}.`,
      `The archive has tables this deployment lacks: ${unknown.join(', ')}.`, { tables: unknown }));
  }
  return manifest.tables.map((entry) => ({ entry, table: here.get(entry.table)! }));
}

async function importArchive(tenant: string, exportId: string): Promise<ImportResult> {
  const manifest = await readManifest(tenant, exportId);
  const tables = tablesOf(manifest);
  const prefix = archivePrefix(tenant, exportId);
  const badKey = manifest.objects.find((o) => !o.key.startsWith(`${tenant}/`) || o.key.startsWith(`${tenant}/exports/`));
  if (badKey) throw corrupt(badKey.file, `object key ${badKey.key} is outside the tenant's data`);

  // First pass: every file and count, before a single write.
  for (const { entry, table } of tables) itemsOf((await checkedFile(prefix, entry)).bytes, entry, table, tenant);
  for (const entry of manifest.objects) await checkedFile(prefix, entry);
  const users = manifest.users ? await usersOf(prefix, manifest.users, tenant) : [];

  // Into an empty deployment only: merging with live data would mix two histories and break the counters.
  for (const { table } of tables) {
    if (await hasTenantItems(table, tenant)) {
      throw new Refused(refusal(409, 'DEPLOYMENT_NOT_EMPTY', `Bảng ${table.name} của ${tenant} đã có dữ liệu; chỉ khôi phục vào hệ thống trống.`,
        `${tenant}'s table ${table.name} holds data; an archive is restored into an empty deployment only.`, { table: table.name }));
    }
  }
  if (await hasTenantObjects(tenant)) {
    throw new Refused(refusal(409, 'DEPLOYMENT_NOT_EMPTY', `Kho tệp của ${tenant} đã có tệp; chỉ khôi phục vào hệ thống trống.`,
      `${tenant}'s bucket holds files besides its archives; an archive is restored into an empty deployment only.`));
  }
  // The pool need not be empty: an account it already has (same email) keeps its id, and the data is rewritten to it.
  const userPoolId = findTenant(tenant)!.auth.userPoolId;
  const existing = await existingAccounts(userPoolId, users, tenant);

  const accounts = await restoreAccounts(userPoolId, users, existing);
  const ids: SubMap = accounts.map;
  for (const { entry, table } of tables) {
    const items = itemsOf((await checkedFile(prefix, entry)).bytes, entry, table, tenant).map((item) => rewriteItem(item, ids));
    await batchWrite(table, putRequests(items));
  }
  for (const entry of manifest.objects) {
    const { bytes } = await checkedFile(prefix, entry);
    // An object key or metadata naming a user changes with the items that name it.
    await putObject(rewriteString(entry.key, ids), { bytes, contentType: entry.contentType, metadata: rewriteMetadata(entry.metadata, ids) });
  }
  return { outcome: 'imported', summary: { ...summaryOf(manifest), accounts: { created: accounts.created, existing: accounts.existing } } };
}

// Counted in the tenant's consumption (shared/with-consumption.ts).
export const handler = withConsumption(handle);
async function handle(event: unknown): Promise<ImportResult> {
  const { tenant, exportId } = ImportRequest.parse(event);
  if (!findTenant(tenant)) throw new WrongDeploymentError(`This deployment does not serve tenant ${tenant}`);
  try {
    return await importArchive(tenant, exportId);
  } catch (err) {
    if (err instanceof Refused) return err.refusal;
    throw err;
  }
}
