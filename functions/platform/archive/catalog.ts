// The platform's operations that run inside a tenant's deployment, with its grants (every table, the files bucket):
// export, import and purge of its data (docs/operations.md). The operator API invokes them by their fixed names,
// `tinhso-<tenant>-<name>` (tenantFunctionName); every name starts with `tenant-` (TENANT_OPERATION_PREFIX).
import type { TenantOperationDef } from '../../index';

export const TENANT_OPERATIONS: TenantOperationDef[] = [];
