// The platform's operations that run inside a tenant's deployment, with its grants (every table, the files bucket):
// export, import and purge of its data (docs/archive.md). The operator API invokes them by their fixed names,
// `tinhso-<tenant>-<name>` (tenantFunctionName); every name starts with `tenant-` (TENANT_OPERATION_PREFIX).
//
// What each needs in AWS (the CDK's TenantStack):
// - environment: the tenant's, as every service function gets it — TENANTS, every tenant table's variable (each
//   TableDef.envVar of TENANT_TABLES, the idempotency table included), FILES_BUCKET, S3_FORCE_PATH_STYLE when set,
//   TENANT_REGISTRY_TABLE (read by nothing here, harmless).
// - grants: on every tenant table, Scan + BatchWriteItem (tenant-export: Scan only; tenant-import: Scan + BatchWriteItem
//   PutRequest; tenant-purge: Scan + BatchWriteItem DeleteRequest); on the files bucket, ListBucket + GetObject +
//   PutObject (export: the archive goes into the same bucket; import) and ListBucket + DeleteObject (purge, through
//   DeleteObjects); the deployment's KMS key to decrypt and encrypt both.
//   The platform API's role may lambda:InvokeFunction `tinhso-*-tenant-*` and nothing else of a tenant.
// - timeout 15 minutes (Lambda's maximum) and memory 1024 MB (the TenantStack's OPERATION_MEMORY_MB): one table's JSON
//   Lines file and one object at a time are held in memory (objects are at most 20 MB, MAX_UPLOAD_BYTES), which 1 GB
//   holds for tables of up to ~150 MB of JSON; raise it (up to 10 GB) before exporting a bigger tenant. The archive
//   runner (below) invokes them synchronously and waits as long as they take. In CDK: bindTable on every tenant table
//   (grantReadWriteData: Scan, BatchWriteItem), bindFiles (grantReadWrite: List, Get, Put, Delete) and the
//   deployment's KMS key, allowInvokeBy the archive runner's role.
// - no reserved concurrency, no stream, no schedule, no dead-letter queue: the runner records a failure, and the operator
//   retries by calling the route again.
import { PLATFORM_DEPLOYMENT, tenantFunctionName } from '#shared/exchange';
import type { TenantOperationDef } from '../../index';

export const TENANT_OPERATIONS: TenantOperationDef[] = [
  { name: 'tenant-export', entry: 'functions/platform/archive/export.ts' },
  { name: 'tenant-import', entry: 'functions/platform/archive/import.ts' },
  { name: 'tenant-purge', entry: 'functions/platform/archive/purge.ts' },
];

/**
 * The archive runner: a control-plane function (PlatformStack, the `platform` worker locally) that the operator API
 * invokes asynchronously (InvocationType Event) with a RunRequest once it has recorded an export, import or purge as
 * `running`; it invokes the tenant's operation, waits for it (up to Lambda's 15 minutes) and records the outcome. Fixed
 * name `tinhso-platform-archive-runner` (the operator API names it; locally the gateway's Invoke API runs it in the
 * platform worker) and fixed role name (tenant stacks let that role, by name, invoke their operations).
 */
export const ARCHIVE_RUNNER = { name: 'archive-runner', entry: 'functions/platform/archive/runner.ts' } as const;
export const ARCHIVE_RUNNER_FUNCTION = tenantFunctionName(PLATFORM_DEPLOYMENT, ARCHIVE_RUNNER.name);
