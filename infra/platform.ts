// The control plane's fixed names: what tenant stacks need to know of the platform stack without a CloudFormation
// reference to it (each tenant stack is deployed on its own, `-c tenant=<id>`, possibly before or without the other
// tenants). Kept out of both stacks so that neither imports the other, nor infra/app.ts (which imports both).
import { PLATFORM_DEPLOYMENT, exchangeTable, tenantFunctionName } from '#shared/exchange';
import { physicalTableName } from '#shared/table';
import { registryTable } from '#shared/registry';
import { usageTable } from '#shared/metering';
import { TENANT_OPERATION_PREFIX } from '#functions/index';
import { ARCHIVE_RUNNER } from '#functions/platform/archive/catalog';

/** Where the control plane lives; tenants that exchange documents must be in this region too, for now. */
export const PLATFORM_REGION = 'ap-southeast-1';

/** The deployment name of the control plane: its tables are `platform-<name>`. */
export const PLATFORM = PLATFORM_DEPLOYMENT;

/** The hub table's physical name, `platform-exchange`. */
export const HUB_TABLE_NAME = physicalTableName(PLATFORM, exchangeTable);

/** The hub bucket: S3 names are global, so the account and region make it unique. */
export const hubBucketName = (account: string, region: string): string => `tinhso-exchange-${account}-${region}`;

/**
 * The SES receipt rule set of the platform: only one rule set can be active in an account and region, so every
 * tenant stack adds its domain's rule to this one, by name (infra/constructs/mail-receiving.ts). The platform stack
 * creates it; the operator activates it once (docs/deploy.md).
 */
export const MAIL_RULE_SET_NAME = 'tinhso';

/** The fixed role name of a control-plane function (PLATFORM_STREAMS), `tinhso-platform-<name>`. */
export const platformRoleName = (fn: string): string => tenantFunctionName(PLATFORM, fn);

/** The hub's stream consumer (PLATFORM_STREAMS): tenant stacks let this role invoke their inbound functions. */
export const EXCHANGE_HUB = 'exchange-hub';
export const EXCHANGE_HUB_ROLE_NAME = platformRoleName(EXCHANGE_HUB);

/**
 * The function names the hub may invoke: every tenant's inbound functions, `tinhso-<tenant>-<channel>-inbound`
 * (tenantFunctionName and inboundFunction in shared/exchange.ts). An inbound function's name must end in `-inbound`.
 */
export const INBOUND_SUFFIX = '-inbound';
export const INBOUND_FUNCTION_PATTERN = tenantFunctionName('*', `*${INBOUND_SUFFIX}`);

/** The tenant registry's physical name, `platform-tenants`: every tenant function reads its own item by this name. */
export const TENANT_REGISTRY_TABLE_NAME = physicalTableName(PLATFORM, registryTable);

/** The usage table's physical name, `platform-usage`: tenant functions add their own tenant's tallies to it. */
export const USAGE_TABLE_NAME = physicalTableName(PLATFORM, usageTable);

/**
 * The registry and usage items a tenant's functions may touch: partition keys `TENANT#<id>` and `TENANT#<id>#…`
 * (shared/registry.ts, shared/metering.ts). Two patterns, because `TENANT#<id>*` alone would also admit a tenant
 * whose id merely starts with this one's (`hue` and `huenew`).
 */
export const tenantLeadingKeys = (tenant: string): string[] => [`TENANT#${tenant}`, `TENANT#${tenant}#*`];

/** The operator API's function: fixed role name (docs/operations.md). */
export const OPERATOR_API = 'operator-api';
export const OPERATOR_API_ROLE_NAME = platformRoleName(OPERATOR_API);

/**
 * The archive runner (functions/platform/archive/catalog.ts ARCHIVE_RUNNER): fixed role name, so that tenant stacks let
 * it, by name, invoke their operations. The operator API invokes the runner, never a tenant's function.
 */
export const ARCHIVE_RUNNER_ROLE_NAME = platformRoleName(ARCHIVE_RUNNER.name);

/**
 * The function names the archive runner may invoke: every tenant's operations (export, import, purge),
 * `tinhso-<tenant>-tenant-<operation>` (TENANT_OPERATION_PREFIX in functions/index.ts).
 */
export const TENANT_OPERATION_FUNCTION_PATTERN = tenantFunctionName('*', `${TENANT_OPERATION_PREFIX}*`);

/**
 * The operator's alarm topic: every tenant stack's alarms notify it, by an ARN built from this name (the platform
 * stack creates it, in PLATFORM_REGION). Operators subscribe to it (docs/operations.md).
 */
export const OPERATOR_ALARM_TOPIC_NAME = 'tinhso-operator-alarms';
