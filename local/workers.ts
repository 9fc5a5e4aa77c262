// The gateway's side of the workers: one worker thread per deployment (each tenant, and the platform), each running
// the functions of its deployment with its environment; invoke a function in one, stop them all.
import { Worker } from 'node:worker_threads';
import { METER_CONSUMERS, PLATFORM_API, PLATFORM_STREAMS, SERVICES, TENANT_OPERATIONS, USER_POOL_TRIGGERS } from '#functions/index';
import { PLATFORM_DEPLOYMENT } from '#shared/exchange';
import { ARCHIVE_RUNNER } from '#functions/platform/archive/catalog';
import type { DeployedTenant } from '#shared/tenant';
import type { Endpoints } from './env';
import { functionEnvironment, platformEnvironment } from './env';
import type { InvocationResult } from './tenant-worker';

export interface Workers {
  /** Calls function `target` of deployment `deployment` (a tenant id, or `platform`) with a Lambda event. */
  invoke(deployment: string, target: string, event: unknown): Promise<unknown>;
  has(deployment: string): boolean;
  /** Whether the deployment's worker has a function of that name. */
  hasFunction(deployment: string, target: string): boolean;
  stop(): Promise<void>;
}

/** One worker: a deployment's name, its functions (name → entry file) and its environment. */
export interface WorkerSpec {
  deployment: string;
  functions: Record<string, string>;
  env: Record<string, string>;
}

/**
 * A tenant's functions: each service (HTTP), its stream consumers, schedules, inbound function and the function that
 * receives mail (the local SMTP server calls it), and the triggers.
 */
export function tenantFunctions(services = SERVICES): Record<string, string> {
  return Object.fromEntries([
    ...services.map((s) => [s.name, s.entry]),
    ...services.flatMap((s) => [...(s.streams ?? []), ...(s.schedules ?? []), ...(s.inbound ? [s.inbound] : []), ...(s.receivesMail ? [s.receivesMail] : [])].map((f) => [f.name, f.entry])),
    ...Object.values(USER_POOL_TRIGGERS).map((t) => [t.name, t.entry]),
    // The platform's functions that run in each tenant's deployment: metering consumers, export, import, purge.
    ...[...METER_CONSUMERS, ...TENANT_OPERATIONS].map((f) => [f.name, f.entry]),
  ]);
}

export const tenantWorker = (tenant: DeployedTenant, endpoints: Endpoints, dataDir: string, peers: DeployedTenant[] = [tenant]): WorkerSpec => ({
  deployment: tenant.id, functions: tenantFunctions(), env: functionEnvironment(tenant, endpoints, dataDir, peers),
});

/**
 * The control plane's functions (the operator API, the exchange hub, the archive runner), calling the tenants'
 * functions, and the operator API the runner, through the gateway at `gatewayUrl`.
 */
export const platformWorker = (tenants: DeployedTenant[], endpoints: Endpoints, gatewayUrl: string): WorkerSpec => ({
  deployment: PLATFORM_DEPLOYMENT,
  functions: Object.fromEntries([[PLATFORM_API.name, PLATFORM_API.entry], ...PLATFORM_STREAMS.map((f) => [f.name, f.entry]), [ARCHIVE_RUNNER.name, ARCHIVE_RUNNER.entry]]),
  env: platformEnvironment(tenants, endpoints, gatewayUrl),
});

export function startWorkers(specs: WorkerSpec[]): Workers {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const workers = new Map(specs.map((spec) => {
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./tenant-worker.ts', import.meta.url).href, deployment: spec.deployment, functions: spec.functions },
      env: { ...process.env, ...spec.env },
    });
    worker.on('message', (message: InvocationResult) => {
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) call?.resolve(message.result);
      else call?.reject(Object.assign(new Error(message.error), { name: message.errorType ?? 'Error' }));
    });
    worker.on('error', (err) => console.error(`worker ${spec.deployment} failed:`, err));
    return [spec.deployment, { worker, functions: spec.functions }] as const;
  }));

  return {
    has: (deployment) => workers.has(deployment),
    hasFunction: (deployment, target) => Object.hasOwn(workers.get(deployment)?.functions ?? {}, target),
    invoke(deployment, target, event) {
      const worker = workers.get(deployment)?.worker;
      if (!worker) return Promise.reject(new Error(`No worker for ${deployment}`));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, target, event });
      });
    },
    async stop() {
      await Promise.all([...workers.values()].map((w) => w.worker.terminate()));
    },
  };
}
