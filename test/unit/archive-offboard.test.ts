// The operator's rules around the tenant operations (functions/platform/archive/service.ts), with in-memory stores: when
// an offboarding is allowed, what the import window looks like around an import, refused or not, and how the archive
// runner runs each recorded operation once though its asynchronous invocation may be delivered twice.
import { recordOf } from '#functions/platform/tenants';
import { checkOffboardable, runOperation, startExport, startImport, startOffboarding, type RunDeps, type StartDeps } from '#functions/platform/archive/service';
import type { ArchiveStore, OperationKind, OperationRecord } from '#functions/platform/archive/store';
import type { ImportResult } from '#functions/platform/archive/operations';
import type { RunRequest } from '#functions/platform/archive/schemas';
import type { TenantRecord } from '#shared/registry';

const summary = { exportId: 'x', startedAt: 's', finishedAt: 'f', items: { dossiers: 3 }, objects: 2, bytes: 100 };

/** The registry table's operation records, with the claim the DynamoDB store keeps (claimedUntil, epoch ms). */
function memoryArchive(lastWrite: () => string | undefined): ArchiveStore {
  const items = new Map<string, OperationRecord & { claimedUntil?: number }>();
  const idOf = (kind: OperationKind, r: Record<string, unknown>) => String(r[`${kind}Id`]);
  const key = (kind: OperationKind, tenant: string, id: string) => `${tenant}|${kind}|${id}`;
  const ofKind = (kind: OperationKind, tenant: string) => [...items.entries()].filter(([k]) => k.startsWith(`${tenant}|${kind}|`)).sort(([a], [b]) => b.localeCompare(a)).map(([, r]) => strip(r));
  const strip = ({ claimedUntil: _claim, ...r }: OperationRecord & { claimedUntil?: number }) => r as never;
  return {
    put: async (kind, r) => void items.set(key(kind, r.tenant, idOf(kind, r)), { ...r }),
    get: async (kind, tenant, id) => { const r = items.get(key(kind, tenant, id)); return r && strip(r); },
    list: async (kind, tenant, limit) => ofKind(kind, tenant).slice(0, limit),
    latestCompletedExport: async (tenant) => ofKind('export', tenant).find((e: OperationRecord) => e.status === 'completed'),
    lastWrite: async () => lastWrite(),
    claim: async (kind, tenant, id, now, until) => {
      const r = items.get(key(kind, tenant, id));
      if (!r) return { state: 'missing' };
      if (r.status !== 'running') return { state: 'ended' };
      if (r.claimedUntil !== undefined && r.claimedUntil >= now.getTime()) return { state: 'busy' };
      r.claimedUntil = until.getTime();
      return { state: 'claimed', record: strip(r) };
    },
    release: async (kind, tenant, id) => { const r = items.get(key(kind, tenant, id)); if (r?.status === 'running') delete r.claimedUntil; },
    finish: async (kind, r) => {
      const k = key(kind, r.tenant, idOf(kind, r));
      if (items.get(k)?.status !== 'running') return false;
      items.set(k, { ...r });
      return true;
    },
  };
}

function world(status: TenantRecord['status'], options: { lastWrite?: string; importResult?: ImportResult } = {}) {
  let now = new Date('2026-11-24T03:00:00.000Z'); // 10:00 in Vietnam
  let record: TenantRecord = { ...recordOf({ id: 'hatinh', name: 'Hà Tĩnh', provinceCode: '42', domain: 'hatinh.gov.vn', rootAgency: '000.00.00.H30', tier: 'dedicated', plan: 'standard', services: ['directory'], region: 'ap-southeast-1' } as never, now), status };
  const windows: (TenantRecord['importWindow'] | undefined)[] = [];
  const calls: string[] = [];
  /** What the operator API handed the runner, not yet delivered. */
  const queued: RunRequest[] = [];
  const base = {
    clock: () => now,
    random: () => 'abcdef',
    store: {
      get: async () => record,
      list: async () => ({ items: [record] }),
      create: async () => 'created' as const,
      replace: async (next: TenantRecord, expected: number) => {
        if (expected !== record.version) return false;
        record = next;
        windows.push(next.importWindow);
        return true;
      },
    },
    archive: memoryArchive(() => options.lastWrite),
  };
  const start: StartDeps = { ...base, runner: { start: async (r) => void queued.push(r) } };
  const run: RunDeps = {
    ...base,
    operations: {
      exportData: async (r) => { calls.push('export'); now = new Date(now.getTime() + 1500); return { outcome: 'exported', manifestKey: `hatinh/exports/${r.exportId}/manifest.json`, summary }; },
      importData: async () => { calls.push('import'); now = new Date(now.getTime() + 2000); return options.importResult ?? { outcome: 'imported', summary }; },
      purgeData: async () => { calls.push('purge'); return { outcome: 'purged', items: 7, objects: 2 }; },
    },
  };
  /** Lambda delivering every queued invocation to the runner, once each. */
  const deliver = async () => { const outcomes = []; while (queued.length) outcomes.push(await runOperation(run, queued.shift()!)); return outcomes; };
  return { start, run, record: () => record, windows, calls, queued, deliver, tick: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('offboarding', () => {
  const reasonOf = async (promise: Promise<unknown>) => promise.then(() => 'allowed', (err) => `${err.code}:${err.details?.reason}`);

  it('needs a full suspension and a completed export', async () => {
    const active = world('active');
    expect(await reasonOf(checkOffboardable(active.start, active.record()))).toBe('EXPORT_REQUIRED:not-suspended');
    const readOnly = world('read-only');
    expect(await reasonOf(checkOffboardable(readOnly.start, readOnly.record()))).toBe('EXPORT_REQUIRED:not-suspended');
    const suspended = world('suspended');
    expect(await reasonOf(checkOffboardable(suspended.start, suspended.record()))).toBe('EXPORT_REQUIRED:no-export');
    // An export that is still running does not count.
    await startExport(suspended.start, 'hatinh');
    expect(await reasonOf(checkOffboardable(suspended.start, suspended.record()))).toBe('EXPORT_REQUIRED:no-export');
  });

  it('needs the export to have started after the last write; the same second is not after', async () => {
    // The export starts at 10:00:00 Vietnam time.
    const cases: [string | undefined, string][] = [
      [undefined, 'allowed'],
      ['2026-11-24T09:59:59+07:00', 'allowed'],
      ['2026-11-24T10:00:00+07:00', 'EXPORT_REQUIRED:written-since-export'],
      ['2026-11-24T10:00:01+07:00', 'EXPORT_REQUIRED:written-since-export'],
    ];
    for (const [lastWrite, expected] of cases) {
      const w = world('suspended', { lastWrite });
      await startExport(w.start, 'hatinh');
      await w.deliver();
      expect([lastWrite, await reasonOf(checkOffboardable(w.start, w.record()))]).toEqual([lastWrite, expected]);
    }
  });

  it('marks the tenant offboarded before the purge runs, so the consumers skip the deletions; again, it purges again', async () => {
    const w = world('suspended');
    const started = await startExport(w.start, 'hatinh');
    expect(started).toMatchObject({ exportId: '20261124T030000000Z-abcdef', status: 'running', startedAt: '2026-11-24T10:00:00+07:00' });
    await w.deliver();
    expect(await w.start.archive.get('export', 'hatinh', started.exportId)).toMatchObject({ status: 'completed', finishedAt: '2026-11-24T10:00:01+07:00', summary });

    const statusAtPurge: string[] = [];
    const purge = w.run.operations.purgeData;
    w.run.operations.purgeData = async (r) => { statusAtPurge.push(w.record().status); return purge(r); };
    const offboarded = await startOffboarding(w.start, 'hatinh');
    expect(offboarded).toMatchObject({ status: 'offboarded', purge: { status: 'running' }, archive: { exportId: started.exportId } });
    expect(w.calls).toEqual(['export']);
    await w.deliver();
    expect(statusAtPurge).toEqual(['offboarded']);
    expect(await w.start.archive.get('purge', 'hatinh', offboarded.purge.purgeId)).toMatchObject({ status: 'completed', purged: { items: 7, objects: 2 }, archive: { exportId: started.exportId } });

    w.tick(1000);
    await startOffboarding(w.start, 'hatinh');
    await w.deliver();
    expect(w.calls).toEqual(['export', 'purge', 'purge']);
    await expect(startExport(w.start, 'hatinh')).rejects.toMatchObject({ code: 'TENANT_OFFBOARDED' });
  });
});

describe('import window', () => {
  it('opens before the import and closes after it, and the import record says so', async () => {
    const w = world('active');
    const started = await startImport(w.start, 'hatinh', '20261124T030000000Z-abcdef');
    expect(w.windows).toEqual([]);
    await w.deliver();
    expect(w.windows).toEqual([{ from: '2026-11-24T10:00:00+07:00' }, { from: '2026-11-24T10:00:00+07:00', to: '2026-11-24T10:00:02+07:00' }]);
    expect(await w.start.archive.get('import', 'hatinh', started.importId)).toMatchObject({
      status: 'completed', summary, importWindow: { from: '2026-11-24T10:00:00+07:00', to: '2026-11-24T10:00:02+07:00' },
    });
  });

  it('refuses a second import while one is running (409 IMPORT_RUNNING), and marks one abandoned for an hour failed', async () => {
    const w = world('active');
    const first = await startImport(w.start, 'hatinh', '20261124T030000000Z-abcdef');
    w.tick(10 * 60_000);
    await expect(startImport(w.start, 'hatinh', '20261124T030000000Z-abcdef')).rejects.toMatchObject({
      status: 409, code: 'IMPORT_RUNNING', details: { importId: first.importId, startedAt: first.startedAt },
    });
    expect(w.queued).toHaveLength(1);
    // Its event never ran (say it went to the dead-letter queue): an hour after its start, the next import may begin.
    w.queued.length = 0;
    w.tick(50 * 60_000);
    const second = await startImport(w.start, 'hatinh', '20261124T030000000Z-abcdef');
    expect(await w.start.archive.get('import', 'hatinh', first.importId)).toMatchObject({ status: 'failed', error: expect.stringContaining('abandoned') });
    // A late redrive of the abandoned event finds it ended and leaves the deployment to the new import.
    expect(await runOperation(w.run, { operation: 'import', tenant: 'hatinh', id: first.importId })).toEqual({ outcome: 'skipped', reason: 'ended' });
    await w.deliver();
    expect(w.calls).toEqual(['import']);
    expect(await w.start.archive.get('import', 'hatinh', second.importId)).toMatchObject({ status: 'completed' });
  });

  it('on a refusal, records its status and code and puts back the window there was', async () => {
    const refused: ImportResult = { outcome: 'refused', status: 409, code: 'DEPLOYMENT_NOT_EMPTY', message: 'vi', messageEn: 'en' };
    const w = world('active', { importResult: refused });
    const first = await startImport(w.start, 'hatinh', '20261124T030000000Z-abcdef');
    await w.deliver();
    expect(await w.start.archive.get('import', 'hatinh', first.importId)).toMatchObject({ status: 'refused', refusal: { status: 409, code: 'DEPLOYMENT_NOT_EMPTY' } });
    expect(w.record().importWindow).toBeUndefined();

    const earlier = { from: '2026-11-24T09:00:00+07:00', to: '2026-11-24T09:00:05+07:00' };
    const again = world('active', { importResult: refused });
    await again.start.store.replace({ ...again.record(), importWindow: earlier, version: 2 }, 1);
    await startImport(again.start, 'hatinh', '20261124T030000000Z-abcdef');
    await again.deliver();
    expect(again.record().importWindow).toEqual(earlier);
  });

  it('on a failure, closes the window at the failure and records the error', async () => {
    const w = world('active');
    w.run.operations.importData = async () => { w.tick(3000); throw new Error('tinhso-hatinh-tenant-import failed (Unhandled): throttled'); };
    const started = await startImport(w.start, 'hatinh', '20261124T030000000Z-abcdef');
    expect(await w.deliver()).toEqual([{ outcome: 'ran', status: 'failed' }]);
    expect(w.record().importWindow).toEqual({ from: '2026-11-24T10:00:00+07:00', to: '2026-11-24T10:00:03+07:00' });
    expect(await w.start.archive.get('import', 'hatinh', started.importId)).toMatchObject({ status: 'failed', error: expect.stringContaining('throttled') });
  });
});

describe('the archive runner', () => {
  it('runs an export once though its invocation is delivered twice, one after the other', async () => {
    const w = world('active');
    await startExport(w.start, 'hatinh');
    w.queued.push(w.queued[0]!);
    expect(await w.deliver()).toEqual([{ outcome: 'ran', status: 'completed' }, { outcome: 'skipped', reason: 'ended' }]);
    expect(w.calls).toEqual(['export']);
  });

  it('leaves a record that another delivery is running to it (Lambda retries later), and takes over one whose run died', async () => {
    const w = world('active');
    const started = await startExport(w.start, 'hatinh');
    const request = w.queued.shift()!;
    // The first delivery holds the record while tenant-export runs.
    let release!: () => void;
    const exportData = w.run.operations.exportData;
    w.run.operations.exportData = (r) => new Promise((resolve) => { release = () => resolve(exportData(r)); });
    const first = runOperation(w.run, request);
    await new Promise((r) => setImmediate(r));
    await expect(runOperation(w.run, request)).rejects.toMatchObject({ name: 'RunBusyError' });
    release();
    w.run.operations.exportData = exportData;
    expect(await first).toEqual({ outcome: 'ran', status: 'completed' });
    expect(w.calls).toEqual(['export']);

    // A run that died without writing its outcome (a timeout) holds the record for 16 minutes, then a retry takes it.
    const dead = await startExport(w.start, 'hatinh');
    const deadRequest = w.queued.shift()!;
    expect(await w.start.archive.claim('export', 'hatinh', dead.exportId, w.run.clock(), new Date(w.run.clock().getTime() + 16 * 60_000))).toMatchObject({ state: 'claimed' });
    await expect(runOperation(w.run, deadRequest)).rejects.toMatchObject({ name: 'RunBusyError' });
    w.tick(16 * 60_000 + 1);
    expect(await runOperation(w.run, deadRequest)).toEqual({ outcome: 'ran', status: 'completed' });
    expect(started.exportId).not.toBe(dead.exportId);
  });

  it('gives the claim back when it cannot record the outcome, so that Lambda\'s retry runs it', async () => {
    const w = world('active');
    const started = await startExport(w.start, 'hatinh');
    const finish = w.run.archive.finish;
    w.run.archive.finish = async () => { throw new Error('ProvisionedThroughputExceededException'); };
    await expect(w.deliver()).rejects.toThrow('ProvisionedThroughputExceededException');
    expect(await w.start.archive.get('export', 'hatinh', started.exportId)).toMatchObject({ status: 'running' });
    w.run.archive.finish = finish;
    expect(await runOperation(w.run, { operation: 'export', tenant: 'hatinh', id: started.exportId })).toEqual({ outcome: 'ran', status: 'completed' });
  });

  it('marks the record failed at once when Lambda does not take the invocation', async () => {
    const w = world('active');
    w.start.runner.start = async () => { throw new Error('TooManyRequestsException'); };
    await expect(startExport(w.start, 'hatinh')).rejects.toThrow('TooManyRequestsException');
    expect(await w.start.archive.list('export', 'hatinh', 10)).toMatchObject([{ status: 'failed', error: 'TooManyRequestsException' }]);
  });
});
