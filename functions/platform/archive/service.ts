// The operator's export, import and offboarding of a tenant (docs/archive.md), without AWS types. The work on the data
// runs in the tenant's deployment (tenant-export, tenant-import, tenant-purge); here are the rules around it: which
// export allows an offboarding, the import window the stream consumers read, the records of exports.
import { randomBytes } from 'node:crypto';
import { toVietnamIso } from '#shared/clock';
import { AppError, conflict } from '#shared/errors';
import type { TenantRecord } from '#shared/registry';
import { getTenant, offboardedTenant, viewOf, type TenantsDeps } from '../tenants';
import { newExportId } from './format';
import type { TenantOperations } from './invoke';
import type { ArchiveStore, ExportRecord } from './store';

export interface ArchiveDeps extends TenantsDeps {
  archive: ArchiveStore;
  operations: TenantOperations;
  /** Six hex digits after the export's time (tests pass their own). */
  random?: () => string;
}

/** Changes the registry record, re-reading it when someone else changed it meanwhile (the edits here are small). */
async function edit(deps: ArchiveDeps, id: string, change: (record: TenantRecord) => TenantRecord): Promise<TenantRecord> {
  for (let attempt = 0; ; attempt++) {
    const current = await getTenant(deps, id);
    const next = { ...change(current), updatedAt: toVietnamIso(deps.clock()), version: current.version + 1 };
    if (await deps.store.replace(next, current.version)) return next;
    if (attempt >= 2) throw conflict('VERSION_CONFLICT', 'Thuê bao vừa được người khác thay đổi, vui lòng thử lại.', 'Someone else changed this tenant; try again.');
  }
}

/**
 * Writes a complete archive of the tenant into its bucket and records it. The export record says `running` until the
 * tenant function answers, then `completed` (with the manifest's summary) or `failed`.
 */
export async function exportTenant(deps: ArchiveDeps, id: string): Promise<ExportRecord> {
  const tenant = await getTenant(deps, id);
  if (tenant.status === 'offboarded') throw offboardedTenant();
  const now = deps.clock();
  const exportId = newExportId(now, (deps.random ?? (() => randomBytes(3).toString('hex')))());
  const running: ExportRecord = { tenant: id, exportId, status: 'running', startedAt: toVietnamIso(now) };
  await deps.archive.putExport(running);
  try {
    const result = await deps.operations.exportData({ tenant: id, exportId });
    const completed: ExportRecord = { ...running, status: 'completed', finishedAt: toVietnamIso(deps.clock()), manifestKey: result.manifestKey, summary: result.summary };
    await deps.archive.putExport(completed);
    return completed;
  } catch (err) {
    await deps.archive.putExport({ ...running, status: 'failed', finishedAt: toVietnamIso(deps.clock()), error: (err as Error).message.slice(0, 500) });
    throw err;
  }
}

export const listExports = (deps: ArchiveDeps, id: string, limit: number) => getTenant(deps, id).then(() => deps.archive.listExports(id, limit));

const exportRequired = (why: string, whyEn: string, details: Record<string, unknown>) =>
  conflict('EXPORT_REQUIRED', `Chưa thể ngừng phục vụ: ${why}`, `Cannot offboard yet: ${whyEn}`, details);

/**
 * Whether the tenant may be offboarded now: suspended (so nothing changes any more), and its newest completed export
 * started after its last write — so the archive holds every byte the purge is about to delete.
 */
export async function checkOffboardable(deps: ArchiveDeps, tenant: TenantRecord): Promise<ExportRecord> {
  if (tenant.status !== 'suspended') {
    throw exportRequired('hãy tạm dừng hoàn toàn thuê bao, xuất dữ liệu, rồi ngừng phục vụ.', 'suspend the tenant fully, export it, then offboard it.',
      { reason: 'not-suspended', status: tenant.status });
  }
  const [latest, lastWrite] = await Promise.all([deps.archive.latestCompletedExport(tenant.id), deps.archive.lastWrite(tenant.id)]);
  if (!latest) throw exportRequired('thuê bao chưa có bản xuất dữ liệu nào hoàn tất.', 'the tenant has no completed export.', { reason: 'no-export' });
  if (lastWrite && Date.parse(latest.startedAt) <= Date.parse(lastWrite)) {
    throw exportRequired('dữ liệu đã thay đổi sau bản xuất gần nhất; hãy xuất lại.', 'its data changed after its latest export; export it again.',
      { reason: 'written-since-export', exportId: latest.exportId, exportStartedAt: latest.startedAt, lastWrite });
  }
  return latest;
}

/**
 * Offboards the tenant: checks the export, marks the record offboarded (every route 403 TENANT_OFFBOARDED, and stream
 * consumers skip its records from then on, so the purge's deletions count nothing), then deletes its data but the
 * archives. Offboarding an offboarded tenant runs the purge again: the way to finish one that failed half way.
 */
export async function offboardTenant(deps: ArchiveDeps, id: string) {
  const current = await getTenant(deps, id);
  let archive: ExportRecord | undefined;
  let record = current;
  if (current.status !== 'offboarded') {
    archive = await checkOffboardable(deps, current);
    record = await edit(deps, id, (r) => ({ ...r, status: 'offboarded', statusReason: `offboarded after export ${archive!.exportId}`, statusChangedAt: toVietnamIso(deps.clock()) }));
  } else {
    archive = await deps.archive.latestCompletedExport(id);
  }
  const purged = await deps.operations.purgeData({ tenant: id });
  return { ...viewOf(record), purged: { items: purged.items, objects: purged.objects }, ...(archive?.manifestKey ? { archive: { exportId: archive.exportId, manifestKey: archive.manifestKey } } : {}) };
}

/**
 * Restores an archive (already copied into the tenant's bucket, under its exports prefix) into this empty deployment.
 * The import window is opened on the registry record before, and closed after, so that the stream consumers leave the
 * imported items alone; a refusal (nothing written) puts back the window there was before (none, or an earlier import's). A window left open (the operator API stopped half way)
 * is replaced by the next import's.
 */
export async function importTenant(deps: ArchiveDeps, id: string, exportId: string) {
  const tenant = await getTenant(deps, id);
  if (tenant.status === 'offboarded') throw offboardedTenant();
  const from = toVietnamIso(deps.clock());
  await edit(deps, id, (r) => ({ ...r, importWindow: { from } }));
  let result;
  try {
    result = await deps.operations.importData({ tenant: id, exportId });
  } catch (err) {
    // Something may have been written: the window closes over it, so that nothing imported is counted or sent.
    await edit(deps, id, (r) => ({ ...r, importWindow: { from, to: toVietnamIso(deps.clock()) } }));
    throw err;
  }
  if (result.outcome === 'refused') {
    // Nothing was written: the window goes back to what it was, which may be an earlier import's whose records the
    // consumers are still going through.
    const previous = tenant.importWindow;
    await edit(deps, id, ({ importWindow: _window, ...r }) => (previous ? { ...r, importWindow: previous } : r));
    throw new AppError(result.status, result.code, result.message, result.messageEn, result.details);
  }
  const closed = await edit(deps, id, (r) => ({ ...r, importWindow: { from, to: toVietnamIso(deps.clock()) } }));
  return { exportId, summary: result.summary, importWindow: closed.importWindow! };
}
