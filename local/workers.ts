// The gateway's side of the tenant workers: start one per tenant, invoke a function in it, stop them all.
import { Worker } from 'node:worker_threads';
import type { DeployedTenant } from '#shared/tenant';
import type { Endpoints } from './env';
import { functionEnvironment } from './env';
import type { InvocationResult } from './tenant-worker';

export interface TenantWorkers {
  invoke(tenant: string, target: string, event: unknown): Promise<unknown>;
  has(tenant: string): boolean;
  stop(): Promise<void>;
}

export function startTenantWorkers(tenants: DeployedTenant[], endpoints: Endpoints, dataDir: string): TenantWorkers {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const workers = new Map(tenants.map((tenant) => {
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./tenant-worker.ts', import.meta.url).href, tenant: tenant.id },
      env: { ...process.env, ...functionEnvironment(tenant, endpoints, dataDir) },
    });
    worker.on('message', (message: InvocationResult) => {
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) call?.resolve(message.result);
      else call?.reject(new Error(message.error));
    });
    worker.on('error', (err) => console.error(`tenant worker ${tenant.id} failed:`, err));
    return [tenant.id, worker] as const;
  }));

  return {
    has: (tenant) => workers.has(tenant),
    invoke(tenant, target, event) {
      const worker = workers.get(tenant);
      if (!worker) return Promise.reject(new Error(`No worker for tenant ${tenant}`));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, target, event });
      });
    },
    async stop() {
      await Promise.all([...workers.values()].map((w) => w.terminate()));
    },
  };
}
