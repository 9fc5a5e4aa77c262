// The operator's export, import and offboarding of a tenant (docs/archive.md), without AWS types. The work on the data
// runs in the tenant's deployment (tenant-export, tenant-import, tenant-purge) and may take up to Lambda's 15 minutes,
// so each operation is split in two: `start…` (the route) checks what needs no tenant work, records the operation as
// `running` and hands it to the archive runner, answering at once; `runOperation` (the runner, invoked
// asynchronously) invokes the tenant's function and records the outcome. Here are the rules around it: which export
// allows an offboarding, the import window the stream consumers read, the records, and running each record once.
import { randomBytes } from 'node:crypto';
import { toVietnamIso } from '#shared/clock';
import { AppError, conflict, notFound } from '#shared/errors';
import type { TenantRecord } from '#shared/registry';
import { getTenant, offboardedTenant, viewOf, type TenantsDeps } from '../tenants';
import { newExportId } from './format';
import type { ArchiveRunner, TenantOperations } from './invoke';
import type { RunRequest } from './schemas';
import { operationId, type ArchiveStore, type ExportRecord, type ImportRecord, type OperationKind, type OperationRecord, type OperationRecords, type PurgeRecord } from './store';

export interface ArchiveDeps extends TenantsDeps {
  archive: ArchiveStore;
  /** Six hex digits after the record's time (tests pass their own). */
  random?: () => string;
}

/** The operator API's side: it starts operations. */
export interface StartDeps extends ArchiveDeps {
  runner: ArchiveRunner;
}

/** The archive runner's side: it runs them. */
export interface RunDeps extends ArchiveDeps {
  operations: TenantOperations;
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

/** A time-sortable id (the export id's form) for a record made now. */
const newId = (deps: ArchiveDeps, now: Date) => newExportId(now, (deps.random ?? (() => randomBytes(3).toString('hex')))());
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * Records the operation as running, then hands it to the runner. When the runner cannot take it (Lambda refused the
 * invocation) the record says `failed` at once, and the route answers the error: never a record left running that
 * nothing runs.
 */
async function handOver<K extends OperationKind>(deps: StartDeps, kind: K, record: OperationRecords[K]): Promise<OperationRecords[K]> {
  await deps.archive.put(kind, record);
  try {
    await deps.runner.start({ operation: kind, tenant: record.tenant, id: operationId(kind, record) });
  } catch (err) {
    await deps.archive.finish(kind, { ...record, status: 'failed', finishedAt: toVietnamIso(deps.clock()), error: errorText(err) });
    throw err;
  }
  return record;
}

/**
 * Starts a complete archive of the tenant into its bucket: the export record says `running` until the runner writes
 * `completed` (with the manifest's summary) or `failed`. `startedAt` is taken here: the archive holds every write before it.
 */
export async function startExport(deps: StartDeps, id: string): Promise<ExportRecord> {
  const tenant = await getTenant(deps, id);
  if (tenant.status === 'offboarded') throw offboardedTenant();
  const now = deps.clock();
  return handOver(deps, 'export', { tenant: id, exportId: newId(deps, now), status: 'running', startedAt: toVietnamIso(now) });
}

/**
 * An import with no outcome after this long is abandoned: the runner's 15 minutes, tried three times by Lambda with its
 * pauses between, fit well within it. Its event is then in the runner's dead-letter queue (docs/archive.md).
 */
export const IMPORT_ABANDONED_MS = 60 * 60_000;

/**
 * One import of a tenant at a time: two at once would both find the deployment empty and write two archives into
 * it, or move each other's import window. An import still running refuses the next (409 IMPORT_RUNNING); one abandoned
 * is marked failed, so that a late redrive of its event finds it ended and does not run it after the new one.
 */
async function noImportRunning(deps: StartDeps, id: string, now: Date): Promise<void> {
  const [latest] = await deps.archive.list('import', id, 1);
  if (latest?.status !== 'running') return;
  if (now.getTime() - Date.parse(latest.startedAt) < IMPORT_ABANDONED_MS) {
    throw conflict('IMPORT_RUNNING', 'Một lần khôi phục dữ liệu của thuê bao này đang chạy; hãy chờ nó kết thúc.',
      'An import of this tenant is still running; wait for it to end.', { importId: latest.importId, startedAt: latest.startedAt });
  }
  await deps.archive.finish('import', { ...latest, status: 'failed', finishedAt: toVietnamIso(now), error: `abandoned: no outcome within ${IMPORT_ABANDONED_MS / 60_000} minutes` });
}

/** Starts restoring an archive (already in the tenant's bucket, under its exports prefix) into this empty deployment. */
export async function startImport(deps: StartDeps, id: string, exportId: string): Promise<ImportRecord> {
  const tenant = await getTenant(deps, id);
  if (tenant.status === 'offboarded') throw offboardedTenant();
  const now = deps.clock();
  await noImportRunning(deps, id, now);
  return handOver(deps, 'import', { tenant: id, importId: newId(deps, now), exportId, status: 'running', startedAt: toVietnamIso(now) });
}

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
 * consumers skip its records from then on, so the purge's deletions count nothing), then starts the deletion of its data
 * but the archives. Offboarding an offboarded tenant starts the purge again: the way to finish one that failed half way.
 */
export async function startOffboarding(deps: StartDeps, id: string) {
  const current = await getTenant(deps, id);
  let archive: ExportRecord | undefined;
  let record = current;
  if (current.status !== 'offboarded') {
    archive = await checkOffboardable(deps, current);
    record = await edit(deps, id, (r) => ({ ...r, status: 'offboarded', statusReason: `offboarded after export ${archive!.exportId}`, statusChangedAt: toVietnamIso(deps.clock()) }));
  } else {
    archive = await deps.archive.latestCompletedExport(id);
  }
  const kept = archive?.manifestKey ? { exportId: archive.exportId, manifestKey: archive.manifestKey } : undefined;
  const now = deps.clock();
  const purge = await handOver(deps, 'purge', { tenant: id, purgeId: newId(deps, now), status: 'running', startedAt: toVietnamIso(now), ...(kept ? { archive: kept } : {}) });
  return { ...viewOf(record), purge, ...(kept ? { archive: kept } : {}) };
}

const NOT_FOUND: Record<OperationKind, () => AppError> = {
  export: () => notFound('EXPORT_NOT_FOUND', 'Không có lần xuất dữ liệu này.', 'No such export.'),
  import: () => notFound('IMPORT_NOT_FOUND', 'Không có lần khôi phục dữ liệu này.', 'No such import.'),
  purge: () => notFound('PURGE_NOT_FOUND', 'Không có lần xóa dữ liệu này.', 'No such purge.'),
};

/** One record of the tenant, for the operator to poll; 404 for an unknown tenant or record. */
export async function getOperation<K extends OperationKind>(deps: ArchiveDeps, kind: K, id: string, recordId: string): Promise<OperationRecords[K]> {
  await getTenant(deps, id);
  const record = await deps.archive.get(kind, id, recordId);
  if (!record) throw NOT_FOUND[kind]();
  return record;
}

/** The tenant's records of one kind, newest first. */
export const listOperations = <K extends OperationKind>(deps: ArchiveDeps, kind: K, id: string, limit: number) =>
  getTenant(deps, id).then(() => deps.archive.list(kind, id, limit));

// —— The runner's side ——

/**
 * How long a run holds its record: longer than the runner's 15 minutes, so a live run is never taken over, and a run
 * that died (timed out) is taken over by Lambda's retry after it.
 */
export const RUN_LEASE_MS = 16 * 60_000;

/** Another delivery of the same event holds the record: thrown, so that Lambda retries later (and once it ended, skips). */
export class RunBusyError extends Error {
  override name = 'RunBusyError';
}

export type RunOutcome = { outcome: 'ran'; status: OperationRecord['status'] } | { outcome: 'skipped'; reason: 'ended' | 'missing' };

const finished = (deps: ArchiveDeps) => toVietnamIso(deps.clock());

async function runExport(deps: RunDeps, record: ExportRecord): Promise<ExportRecord> {
  try {
    const result = await deps.operations.exportData({ tenant: record.tenant, exportId: record.exportId });
    return { ...record, status: 'completed', finishedAt: finished(deps), manifestKey: result.manifestKey, summary: result.summary };
  } catch (err) {
    return { ...record, status: 'failed', finishedAt: finished(deps), error: errorText(err) };
  }
}

/**
 * The import window is opened on the registry record before tenant-import runs, and closed after, so that the stream
 * consumers leave the imported items alone. A refusal (nothing written) puts back the window there was before (none,
 * or an earlier import's, whose records the consumers may still be going through); a failure (a thrown error: something
 * may have been written) closes it at the failure, so that nothing imported is counted or sent. A window left open (a
 * run that broke half way) is replaced by the next import's.
 */
async function runImport(deps: RunDeps, record: ImportRecord): Promise<ImportRecord> {
  const id = record.tenant;
  const tenant = await getTenant(deps, id);
  if (tenant.status === 'offboarded') {
    const { status, code, message, messageEn } = offboardedTenant();
    return { ...record, status: 'refused', finishedAt: finished(deps), refusal: { status, code, message, messageEn } };
  }
  const from = toVietnamIso(deps.clock());
  await edit(deps, id, (r) => ({ ...r, importWindow: { from } }));
  let result;
  try {
    result = await deps.operations.importData({ tenant: id, exportId: record.exportId });
  } catch (err) {
    const closed = await edit(deps, id, (r) => ({ ...r, importWindow: { from, to: toVietnamIso(deps.clock()) } }));
    return { ...record, status: 'failed', finishedAt: finished(deps), importWindow: closed.importWindow, error: errorText(err) };
  }
  if (result.outcome === 'refused') {
    const previous = tenant.importWindow;
    await edit(deps, id, ({ importWindow: _window, ...r }) => (previous ? { ...r, importWindow: previous } : r));
    const { outcome: _outcome, ...refusal } = result;
    return { ...record, status: 'refused', finishedAt: finished(deps), refusal };
  }
  const closed = await edit(deps, id, (r) => ({ ...r, importWindow: { from, to: toVietnamIso(deps.clock()) } }));
  return { ...record, status: 'completed', finishedAt: finished(deps), summary: result.summary, importWindow: closed.importWindow };
}

async function runPurge(deps: RunDeps, record: PurgeRecord): Promise<PurgeRecord> {
  try {
    const { outcome: _outcome, ...purged } = await deps.operations.purgeData({ tenant: record.tenant });
    return { ...record, status: 'completed', finishedAt: finished(deps), purged };
  } catch (err) {
    return { ...record, status: 'failed', finishedAt: finished(deps), error: errorText(err) };
  }
}

const RUNS: { [K in OperationKind]: (deps: RunDeps, record: OperationRecords[K]) => Promise<OperationRecords[K]> } = {
  export: runExport,
  import: runImport,
  purge: runPurge,
};

/**
 * Runs one recorded operation and writes its outcome. An asynchronous invocation may be delivered more than once
 * (Lambda retries a run that failed, and may deliver an event twice): a record that is no longer `running` is not run
 * again, and one that another delivery is running (its claim) is left to it. A failure of the tenant's function is an
 * outcome (`failed`, recorded; the operator starts the operation again); a failure to record is not: the claim is
 * given back and the error thrown, so that Lambda retries the run, and after its retries the event goes to the
 * runner's dead-letter queue.
 */
export async function runOperation(deps: RunDeps, request: RunRequest): Promise<RunOutcome> {
  const { operation, tenant, id } = request;
  const now = deps.clock();
  const claim = await deps.archive.claim(operation, tenant, id, now, new Date(now.getTime() + RUN_LEASE_MS));
  if (claim.state === 'busy') throw new RunBusyError(`The ${operation} ${id} of ${tenant} is being run by another delivery`);
  if (claim.state !== 'claimed') return { outcome: 'skipped', reason: claim.state };
  try {
    const run = RUNS[operation] as (deps: RunDeps, record: OperationRecord) => Promise<OperationRecord>;
    const outcome = await run(deps, claim.record);
    if (!(await deps.archive.finish(operation, outcome))) return { outcome: 'skipped', reason: 'ended' };
    return { outcome: 'ran', status: outcome.status };
  } catch (err) {
    await deps.archive.release(operation, tenant, id).catch(() => undefined);
    throw err;
  }
}
