// `tenant-export` (functions/platform/archive/catalog.ts): writes a complete archive of the tenant into its own bucket,
// under `<tenant>/exports/<exportId>/` — one JSON Lines file per table, a copy of every object, the user pool's
// accounts (without passwords: Cognito exports none), and manifest.json last, so that an archive without its manifest
// is an unfinished one. The operator API records the export in the registry.
import { toVietnamIso } from '#shared/clock';
import { findTenant } from '#shared/tenancy';
import { ARCHIVE_FORMAT, archivePrefix, itemToLine, manifestKey, objectFile, sha256, summaryOf, tableFile, type Manifest } from './format';
import { ExportRequest, WrongDeploymentError, type ExportResult } from './operations';
import { archivedTables, getObject, listObjects, putObject, scanTenant } from './tenant-data';
import { listAccounts } from './user-pool';
import { belongsTo, userToLine, USERS_FILE } from './users';
import { withConsumption } from '#shared/with-consumption';

// Counted in the tenant's consumption (shared/with-consumption.ts).
export const handler = withConsumption(handle);
async function handle(event: unknown): Promise<ExportResult> {
  const { tenant, exportId } = ExportRequest.parse(event);
  if (!findTenant(tenant)) throw new WrongDeploymentError(`This deployment does not serve tenant ${tenant}`);
  const startedAt = toVietnamIso(new Date());
  const prefix = archivePrefix(tenant, exportId);
  const encoder = new TextEncoder();

  const tables: Manifest['tables'] = [];
  for (const table of archivedTables()) {
    // A table's file is built in memory: fine up to a few hundred MB of items per table (docs/archive.md, Limits).
    const lines: string[] = [];
    for await (const page of scanTenant(table, tenant)) for (const item of page) lines.push(`${itemToLine(item)}\n`);
    const bytes = encoder.encode(lines.join(''));
    const file = tableFile(table.name);
    await putObject(prefix + file, { bytes, contentType: 'application/x-ndjson' });
    tables.push({ table: table.name, file, items: lines.length, size: bytes.length, sha256: sha256(bytes) });
  }

  const objects: Manifest['objects'] = [];
  for (const key of await listObjects(tenant, { archives: false })) {
    const object = await getObject(key);
    if (!object) continue; // deleted since it was listed
    const file = objectFile(key);
    await putObject(prefix + file, object);
    objects.push({
      key, file, size: object.bytes.length, sha256: sha256(object.bytes),
      ...(object.contentType ? { contentType: object.contentType } : {}), ...(object.metadata ? { metadata: object.metadata } : {}),
    });
  }

  // The accounts, so that an import can make them again and give the data's user ids (their `sub`s) to the new ones.
  const accounts = (await listAccounts(findTenant(tenant)!.auth.userPoolId)).filter((u) => belongsTo(u, tenant));
  const userBytes = encoder.encode(accounts.map((u) => `${userToLine(u)}\n`).join(''));
  await putObject(prefix + USERS_FILE, { bytes: userBytes, contentType: 'application/x-ndjson' });
  const users = { file: USERS_FILE, users: accounts.length, size: userBytes.length, sha256: sha256(userBytes) };

  const manifest: Manifest = { format: ARCHIVE_FORMAT, tenant, exportId, startedAt, finishedAt: toVietnamIso(new Date()), tables, objects, users };
  await putObject(manifestKey(tenant, exportId), { bytes: encoder.encode(JSON.stringify(manifest, null, 1)), contentType: 'application/json' });
  return { outcome: 'exported', manifestKey: manifestKey(tenant, exportId), summary: summaryOf(manifest) };
}
