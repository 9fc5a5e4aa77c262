// The environment a tenant's functions get locally: the same variables CDK sets in AWS, pointed at the stand-ins
// through the SDK's own endpoint variables.
import { join } from 'node:path';
import { SERVICES } from '#functions/index';
import { physicalTableName } from '#shared/table';
import type { DeployedTenant } from '#shared/tenant';
import { FILES_BUCKET_ENV, S3_FORCE_PATH_STYLE_ENV } from '#shared/s3';

export const localBucketName = (tenantId: string) => `tinhso-${tenantId}`;

export interface Endpoints {
  dynamodb: string;
  s3: string;
  cognito: string;
}

export function functionEnvironment(tenant: DeployedTenant, endpoints: Endpoints, dataDir: string): Record<string, string> {
  const tables = Object.fromEntries(SERVICES.flatMap((s) => [...s.tables, ...(s.reads ?? [])]).map((t) => [t.envVar, physicalTableName(tenant.id, t)]));
  return {
    TENANTS: JSON.stringify([tenant]),
    ...tables,
    AWS_REGION: tenant.auth.region,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognito,
    [FILES_BUCKET_ENV]: localBucketName(tenant.id),
    // Mail to people lands as .eml files, one folder per tenant (SES in AWS).
    MAIL_TRANSPORT: 'folder',
    MAIL_OUTBOX_DIR: join(dataDir, 'outbox', tenant.id),
    // s3rver answers path-style requests only (no wildcard DNS for bucket subdomains here).
    [S3_FORCE_PATH_STYLE_ENV]: 'true',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
    POWERTOOLS_TRACE_ENABLED: 'false',
  };
}

/** s3rver's fixed key pair; DynamoDB Local (-sharedDb) and cognito-local accept any. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
