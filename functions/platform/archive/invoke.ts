// The operator API's way into a tenant's deployment: Lambda's Invoke of `tinhso-<tenant>-tenant-*` (RequestResponse;
// locally the gateway's Invoke API, through the SDK's own AWS_ENDPOINT_URL_LAMBDA). A function error throws.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type * as z from 'zod';
import { tenantFunctionName } from '#shared/exchange';
import { ExportResult, ImportResult, PurgeResult, type ExportRequest, type ImportRequest, type PurgeRequest } from './operations';

export interface TenantOperations {
  exportData(request: ExportRequest): Promise<ExportResult>;
  importData(request: ImportRequest): Promise<ImportResult>;
  purgeData(request: PurgeRequest): Promise<PurgeResult>;
}

export function lambdaTenantOperations(lambda = new LambdaClient({})): TenantOperations {
  async function invoke<T>(tenant: string, fn: string, request: unknown, schema: z.ZodType<T>): Promise<T> {
    const name = tenantFunctionName(tenant, fn);
    const out = await lambda.send(new InvokeCommand({
      FunctionName: name, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify(request)),
    }));
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
