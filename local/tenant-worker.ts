// One worker thread per tenant: the tenant's functions with the tenant's environment, as a dedicated stack runs
// them in AWS. It receives Lambda events from the gateway and answers with what the handler returned.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { SERVICES, USER_POOL_TRIGGERS } from '#functions/index';

export interface Invocation {
  id: number;
  /** A service name (HTTP), a trigger's, a stream consumer's or a schedule's function name. */
  target: string;
  event: unknown;
}

export type InvocationResult = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;

const ROOT = join(import.meta.dirname, '..');
const entries: Record<string, string> = Object.fromEntries([
  ...SERVICES.map((s) => [s.name, s.entry]),
  ...SERVICES.flatMap((s) => [...(s.streams ?? []), ...(s.schedules ?? [])].map((f) => [f.name, f.entry])),
  ...Object.values(USER_POOL_TRIGGERS).map((t) => [t.name, t.entry]),
]);
const loaded = new Map<string, Promise<LambdaHandler>>();

function handlerOf(target: string): Promise<LambdaHandler> {
  let handler = loaded.get(target);
  if (!handler) {
    const entry = entries[target];
    if (!entry) throw new Error(`No function named ${target}`);
    handler = import(pathToFileURL(join(ROOT, entry)).href).then((m: { handler: LambdaHandler }) => m.handler);
    loaded.set(target, handler);
  }
  return handler;
}

function lambdaContext(target: string) {
  const deadline = Date.now() + 30_000;
  return {
    functionName: `${workerData.tenant}-${target}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${workerData.tenant}-${target}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${workerData.tenant}-${target}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

parentPort!.on('message', async ({ id, target, event }: Invocation) => {
  try {
    const handler = await handlerOf(target);
    const result = await handler(event, lambdaContext(target));
    parentPort!.postMessage({ id, ok: true, result } satisfies InvocationResult);
  } catch (err) {
    console.error(`[${workerData.tenant}/${target}]`, err);
    parentPort!.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies InvocationResult);
  }
});
