// The platform's Lambda invocations around a tenant operation (locally the gateway's Invoke API, through the SDK's own
// AWS_ENDPOINT_URL_LAMBDA): the operator API starts the archive runner (InvocationType Event: queued, answered at
// once), and the runner invokes `tinhso-<tenant>-tenant-*` and waits for its answer (RequestResponse; a function error
// throws).
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type * as z from 'zod';
import { tenantFunctionName } from '#shared/exchange';
import { ExportResult, ImportResult, PurgeResult, type ExportRequest, type ImportRequest, type PurgeRequest } from './operations';
import type { RunRequest } from './schemas';

export interface TenantOperations {
  exportData(request: ExportRequest): Promise<ExportResult>;
  importData(request: ImportRequest): Promise<ImportResult>;
  purgeData(request: PurgeRequest): Promise<PurgeResult>;
}

/** Hands a recorded operation to the archive runner, which runs it after the route has answered. */
export interface ArchiveRunner {
  start(request: RunRequest): Promise<void>;
}

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

export function lambdaTenantOperations(lambda = new LambdaClient({})): TenantOperations {
  async function invoke<T>(tenant: string, fn: string, request: unknown, schema: z.ZodType<T>): Promise<T> {
    const name = tenantFunctionName(tenant, fn);
    const out = await lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: 'RequestResponse', Payload: encode(request) }));
    const payload = out.Payload ? new TextDecoder().decode(out.Payload) : '';
    if (out.FunctionError) throw new Error(`${name} failed (${out.FunctionError}): ${payload.slice(0, 500)}`);
    return schema.parse(JSON.parse(payload));
  }
  return {
    exportData: (request) => invoke(request.tenant, 'tenant-export', request, ExportResult),
    importData: (request) => invoke(request.tenant, 'tenant-import', request, ImportResult),
    purgeData: (request) => invoke(request.tenant, 'tenant-purge', request, PurgeResult),
  };
}

/**
 * Lambda queues the event and answers 202; it retries a run that fails (twice), then sends the event to the runner's
 * dead-letter queue. Anything but 202 (throttling, a missing function) throws here, while the route can still say so.
 */
export function lambdaArchiveRunner(functionName: string, lambda = new LambdaClient({})): ArchiveRunner {
  return {
    async start(request) {
      const out = await lambda.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: encode(request) }));
      if (out.StatusCode !== 202) throw new Error(`${functionName} did not take the ${request.operation} of ${request.tenant} (status ${out.StatusCode})`);
    },
  };
}
