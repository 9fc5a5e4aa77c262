// `tenant-import` (functions/platform/archive/catalog.ts): restores an archive that tenant-export wrote into an empty
// deployment of the same tenant. Everything is checked before anything is written — the manifest, the size and SHA-256
// of every file, the count of every table, that each item and object is the tenant's, that the deployment holds none of
// its data — and a failed check is a refusal with its code. The files are read twice (checked, then written) rather
// than held in memory, and checked again on the second read.
import { findTenant } from '#shared/tenancy';
import { archivePrefix, itemFromLine, linesOf, manifestKey, Manifest, sha256, summaryOf, type Item } from './format';
import { ImportRequest, WrongDeploymentError, type ImportResult, type Refusal } from './operations';
import { archivedTables, batchWrite, getObject, hasTenantItems, hasTenantObjects, putObject, putRequests, type StoredObject, type TenantTable } from './tenant-data';
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

  for (const { entry, table } of tables) {
    await batchWrite(table, putRequests(itemsOf((await checkedFile(prefix, entry)).bytes, entry, table, tenant)));
  }
  for (const entry of manifest.objects) {
    const { bytes } = await checkedFile(prefix, entry);
    await putObject(entry.key, { bytes, contentType: entry.contentType, metadata: entry.metadata });
  }
  return { outcome: 'imported', summary: summaryOf(manifest) };
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
