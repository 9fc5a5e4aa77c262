// The operator's rules around the tenant operations (functions/platform/archive/service.ts), with in-memory stores:
// when an offboarding is allowed, and what the import window looks like around an import, refused or not.
import { recordOf } from '#functions/platform/tenants';
import { checkOffboardable, exportTenant, importTenant, offboardTenant, type ArchiveDeps } from '#functions/platform/archive/service';
import type { ExportRecord } from '#functions/platform/archive/store';
import type { ImportResult } from '#functions/platform/archive/operations';
import type { TenantRecord } from '#shared/registry';

const summary = { exportId: 'x', startedAt: 's', finishedAt: 'f', items: { dossiers: 3 }, objects: 2, bytes: 100 };

function world(status: TenantRecord['status'], options: { lastWrite?: string; importResult?: ImportResult } = {}) {
  let now = new Date('2026-11-24T03:00:00.000Z'); // 10:00 in Vietnam
  let record: TenantRecord = { ...recordOf({ id: 'hatinh', name: 'Hà Tĩnh', provinceCode: '42', domain: 'hatinh.gov.vn', rootAgency: '000.00.00.H30', tier: 'dedicated', plan: 'standard', services: ['directory'], region: 'ap-southeast-1' } as never, now), status };
  const windows: (TenantRecord['importWindow'] | undefined)[] = [];
  const exports = new Map<string, ExportRecord>();
  const calls: string[] = [];
  const deps: ArchiveDeps = {
    clock: () => now,
    random: () => 'abcdef',
    store: {
      get: async () => record,
      list: async () => ({ items: [record] }),
      create: async () => 'created',
      replace: async (next, expected) => {
        if (expected !== record.version) return false;
        record = next;
        windows.push(next.importWindow);
        return true;
      },
    },
    archive: {
      putExport: async (e) => void exports.set(e.exportId, e),
      listExports: async () => [...exports.values()].reverse(),
      latestCompletedExport: async () => [...exports.values()].reverse().find((e) => e.status === 'completed'),
      lastWrite: async () => options.lastWrite,
    },
    operations: {
      exportData: async (r) => { calls.push('export'); now = new Date(now.getTime() + 1500); return { outcome: 'exported', manifestKey: `hatinh/exports/${r.exportId}/manifest.json`, summary }; },
      importData: async () => { calls.push('import'); now = new Date(now.getTime() + 2000); return options.importResult ?? { outcome: 'imported', summary }; },
      purgeData: async () => { calls.push('purge'); return { outcome: 'purged', items: 7, objects: 2 }; },
    },
  };
  return { deps, record: () => record, windows, calls, tick: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe('offboarding', () => {
  const reasonOf = async (promise: Promise<unknown>) => promise.then(() => 'allowed', (err) => `${err.code}:${err.details?.reason}`);

  it('needs a full suspension and a completed export', async () => {
    const active = world('active');
    expect(await reasonOf(checkOffboardable(active.deps, active.record()))).toBe('EXPORT_REQUIRED:not-suspended');
    const readOnly = world('read-only');
    expect(await reasonOf(checkOffboardable(readOnly.deps, readOnly.record()))).toBe('EXPORT_REQUIRED:not-suspended');
    const suspended = world('suspended');
    expect(await reasonOf(checkOffboardable(suspended.deps, suspended.record()))).toBe('EXPORT_REQUIRED:no-export');
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
      await exportTenant(w.deps, 'hatinh');
      expect([lastWrite, await reasonOf(checkOffboardable(w.deps, w.record()))]).toEqual([lastWrite, expected]);
    }
  });

  it('marks the tenant offboarded before it purges, so the consumers skip the deletions; again, it purges again', async () => {
    const w = world('suspended');
    const exported = await exportTenant(w.deps, 'hatinh');
    expect(exported).toMatchObject({ exportId: '20261124T030000000Z-abcdef', status: 'completed', startedAt: '2026-11-24T10:00:00+07:00' });
    const statusAtPurge: string[] = [];
    const purge = w.deps.operations.purgeData;
    w.deps.operations.purgeData = async (r) => { statusAtPurge.push(w.record().status); return purge(r); };
    const done = await offboardTenant(w.deps, 'hatinh');
    expect(done).toMatchObject({ status: 'offboarded', purged: { items: 7, objects: 2 }, archive: { exportId: exported.exportId } });
    expect(statusAtPurge).toEqual(['offboarded']);
    await offboardTenant(w.deps, 'hatinh');
    expect(w.calls).toEqual(['export', 'purge', 'purge']);
    await expect(exportTenant(w.deps, 'hatinh')).rejects.toMatchObject({ code: 'TENANT_OFFBOARDED' });
  });
});

describe('import window', () => {
  it('opens before the import and closes after it', async () => {
    const w = world('active');
    const out = await importTenant(w.deps, 'hatinh', '20261124T030000000Z-abcdef');
    expect(w.windows).toEqual([{ from: '2026-11-24T10:00:00+07:00' }, { from: '2026-11-24T10:00:00+07:00', to: '2026-11-24T10:00:02+07:00' }]);
    expect(out.importWindow).toEqual({ from: '2026-11-24T10:00:00+07:00', to: '2026-11-24T10:00:02+07:00' });
  });

  it('on a refusal, answers its status and code and puts back the window there was', async () => {
    const refused: ImportResult = { outcome: 'refused', status: 409, code: 'DEPLOYMENT_NOT_EMPTY', message: 'vi', messageEn: 'en' };
    const w = world('active', { importResult: refused });
    await expect(importTenant(w.deps, 'hatinh', '20261124T030000000Z-abcdef')).rejects.toMatchObject({ status: 409, code: 'DEPLOYMENT_NOT_EMPTY' });
    expect(w.record().importWindow).toBeUndefined();

    const earlier = { from: '2026-11-24T09:00:00+07:00', to: '2026-11-24T09:00:05+07:00' };
    const again = world('active', { importResult: refused });
    await again.deps.store.replace({ ...again.record(), importWindow: earlier, version: 2 }, 1);
    await expect(importTenant(again.deps, 'hatinh', '20261124T030000000Z-abcdef')).rejects.toMatchObject({ code: 'DEPLOYMENT_NOT_EMPTY' });
    expect(again.record().importWindow).toEqual(earlier);
  });
});
