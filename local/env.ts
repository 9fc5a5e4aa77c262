// The environment a tenant's functions get locally: the same variables CDK sets in AWS, pointed at the stand-ins
// through the SDK's own endpoint variables. The platform's functions (the exchange hub) get platformEnvironment.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VIDEO_ENV } from '#functions/meetings/video-config';
import { PLATFORM_TABLES, SERVICES } from '#functions/index';
import { EXCHANGE_BUCKET_ENV, EXCHANGE_KEY_FILE_ENV, EXCHANGE_TENANTS_ENV, exchangeTable, exchangeTenantsOf, PLATFORM_DEPLOYMENT } from '#shared/exchange';
import { usageTable } from '#shared/metering';
import { registryTable, TENANT_STATE_CACHE_ENV } from '#shared/registry';
import { physicalTableName } from '#shared/table';
import type { DeployedTenant } from '#shared/tenant';
import { FILES_BUCKET_ENV, S3_FORCE_PATH_STYLE_ENV } from '#shared/s3';

export const LOCAL_REGION = 'ap-southeast-1';

export const localBucketName = (tenantId: string) => `tinhso-${tenantId}`;
/** The hub bucket (PlatformStack's in AWS): `tinhso-platform-exchange`. */
export const localExchangeBucket = localBucketName(`${PLATFORM_DEPLOYMENT}-exchange`);
/** A tenant's exchange signing key (an asymmetric KMS key in AWS): an RSA-2048 PEM made once by provisioning. */
export const exchangeKeyFile = (dataDir: string, tenantId: string) => join(dataDir, 'keys', `${tenantId}.pem`);
/** A tenant's Jitsi app secret (Secrets Manager in AWS): made once by provisioning. */
export const jitsiSecretFile = (dataDir: string, tenantId: string) => join(dataDir, 'keys', `${tenantId}.jitsi`);

export interface Endpoints {
  dynamodb: string;
  s3: string;
  cognito: string;
}

/** What every local function gets: credentials, region, the stand-ins' endpoints, Powertools settings. */
function commonEnvironment(region: string, endpoints: Endpoints): Record<string, string> {
  return {
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognito,
    // s3rver answers path-style requests only (no wildcard DNS for bucket subdomains here).
    [S3_FORCE_PATH_STYLE_ENV]: 'true',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
    POWERTOOLS_TRACE_ENABLED: 'false',
  };
}

const exchangeTableName = physicalTableName(PLATFORM_DEPLOYMENT, exchangeTable);

/** `peers`: every tenant the suite serves (the exchange hub connects them; mail to their domains goes through it). */
export function functionEnvironment(tenant: DeployedTenant, endpoints: Endpoints, dataDir: string, peers: DeployedTenant[] = [tenant]): Record<string, string> {
  const tables = Object.fromEntries(SERVICES.flatMap((s) => [...s.tables, ...(s.reads ?? [])]).map((t) => [t.envVar, physicalTableName(tenant.id, t)]));
  return {
    TENANTS: JSON.stringify([tenant]),
    ...tables,
    ...commonEnvironment(tenant.auth.region, endpoints),
    // The platform's registry: each function reads its tenant's status and quotas there. A suspension shows within a
    // second locally (10 s in AWS), so that tests need not wait.
    [registryTable.envVar]: physicalTableName(PLATFORM_DEPLOYMENT, registryTable),
    [TENANT_STATE_CACHE_ENV]: '1',
    // The platform's usage table: the metering consumers count the tenant's billable events there.
    [usageTable.envVar]: physicalTableName(PLATFORM_DEPLOYMENT, usageTable),
    CONSUMPTION_FLUSH_SECONDS: '1', // the consumption tally flushes every second locally (60 s in AWS), so tests see it
    [FILES_BUCKET_ENV]: localBucketName(tenant.id),
    // Mail to other domains lands as .eml files, one folder per tenant, or goes to the SMTP relay given by
    // SMTP_RELAY_URL when `npm start` has one (SES in AWS).
    ...(process.env.SMTP_RELAY_URL ? { MAIL_TRANSPORT: 'smtp', SMTP_RELAY_URL: process.env.SMTP_RELAY_URL } : { MAIL_TRANSPORT: 'folder' }),
    MAIL_OUTBOX_DIR: join(dataDir, 'outbox', tenant.id),
    // The platform's exchange hub: envelopes go into its table and bucket, signed with the tenant's key.
    [exchangeTable.envVar]: exchangeTableName,
    [EXCHANGE_BUCKET_ENV]: localExchangeBucket,
    [EXCHANGE_KEY_FILE_ENV]: exchangeKeyFile(dataDir, tenant.id),
    [EXCHANGE_TENANTS_ENV]: JSON.stringify(exchangeTenantsOf(peers)),
    // Video meetings: the tenant's Jitsi settings, as CDK sets them from the tenant file (the secret from Secrets Manager).
    [VIDEO_ENV.provider]: 'jitsi',
    [VIDEO_ENV.jitsiDomain]: `meet.${tenant.domain}`,
    [VIDEO_ENV.jitsiAppId]: `tinhso-${tenant.id}`,
    [VIDEO_ENV.jitsiSecret]: existsSync(jitsiSecretFile(dataDir, tenant.id)) ? readFileSync(jitsiSecretFile(dataDir, tenant.id), 'utf8') : '',
  };
}

/**
 * The environment of the platform's functions (the exchange hub): its tables and bucket, the tenants it connects,
 * and the Lambda endpoint — the local gateway's Invoke API — through which it calls the tenants' inbound functions.
 */
export function platformEnvironment(tenants: DeployedTenant[], endpoints: Endpoints, gatewayUrl: string): Record<string, string> {
  const exchangeTenants = exchangeTenantsOf(tenants);
  return {
    ...Object.fromEntries(PLATFORM_TABLES.map((t) => [t.envVar, physicalTableName(PLATFORM_DEPLOYMENT, t)])),
    [EXCHANGE_BUCKET_ENV]: localExchangeBucket,
    [EXCHANGE_TENANTS_ENV]: JSON.stringify(exchangeTenants),
    ...commonEnvironment(LOCAL_REGION, endpoints),
    AWS_ENDPOINT_URL_LAMBDA: gatewayUrl,
  };
}

/** s3rver's fixed key pair; DynamoDB Local (-sharedDb) and cognito-local accept any. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
