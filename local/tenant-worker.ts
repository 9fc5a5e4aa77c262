// One worker thread per deployment: a tenant's functions with the tenant's environment, as a dedicated stack runs
// them in AWS, or the platform's (the exchange hub). It receives Lambda events from the gateway, the stream poller and
// the scheduler, and answers with what the handler returned. Its functions (name → entry) come from local/workers.ts.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

export interface Invocation {
  id: number;
  /** A service name (HTTP), a trigger's, a stream consumer's, a schedule's or an inbound function's name. */
  target: string;
  event: unknown;
}

export type InvocationResult = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string; errorType?: string };

type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;

const ROOT = join(import.meta.dirname, '..');
const { deployment, functions: entries } = workerData as { deployment: string; functions: Record<string, string> };
const loaded = new Map<string, Promise<LambdaHandler>>();

function handlerOf(target: string): Promise<LambdaHandler> {
  let handler = loaded.get(target);
  if (!handler) {
    const entry = Object.hasOwn(entries, target) ? entries[target] : undefined;
    if (!entry) throw new Error(`No function named ${target}`);
    handler = import(pathToFileURL(join(ROOT, entry)).href).then((m: { handler: LambdaHandler }) => m.handler);
    loaded.set(target, handler);
  }
  return handler;
}

function lambdaContext(target: string) {
  const deadline = Date.now() + 30_000;
  return {
    functionName: `${deployment}-${target}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${deployment}-${target}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${deployment}-${target}`,
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
    console.error(`[${deployment}/${target}]`, err);
    parentPort!.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err), errorType: err instanceof Error ? err.name : 'Error' } satisfies InvocationResult);
  }
});
