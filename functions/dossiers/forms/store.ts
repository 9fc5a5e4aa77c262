// The forms' adapters: the dossier item read directly (key design in ../tables.ts), the procedure version's
// requirements, and the PDFs in the tenant's files bucket.
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { presignedDownload } from '#shared/s3';
import { dynamoProcedureStore } from '../procedures/store';
import { Dossier } from '../schemas';
import type { FormFiles, FormSources } from './service';
import type { TenantNaming } from './format';

export function dynamoFormSources(db: DynamoDBDocumentClient, tableName: string, tenantNaming: (tenant: string) => TenantNaming | undefined): FormSources {
  const procedures = dynamoProcedureStore(db, tableName);
  return {
    async dossier(tenant, code) {
      // Strongly consistent: a form asked for right after the action that makes it must see that action.
      const out = await db.send(new GetCommand({ TableName: tableName, Key: { pk: `${tenant}#DOSSIER#${code}`, sk: 'DOSSIER' }, ConsistentRead: true }));
      return out.Item ? Dossier.parse(out.Item) : undefined;
    },
    async requirements(tenant, procedureCode, version) {
      const procedure = await procedures.getVersion(tenant, procedureCode, version);
      return new Map((procedure?.documents ?? []).map((r) => [r.id, { name: r.name, ...(r.copies ? { copies: r.copies } : {}) }]));
    },
    tenant: tenantNaming,
  };
}

const isNotFound = (err: unknown): boolean =>
  err instanceof Error && (err.name === 'NotFound' || err.name === 'NoSuchKey' || (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404);

export function s3FormFiles(s3: S3Client, bucket: string): FormFiles {
  return {
    async stored(key) {
      try {
        const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return head.Metadata?.sha256;
      } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
      }
    },
    async store(key, pdf, sha256) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: pdf, ContentType: 'application/pdf', Metadata: { sha256 } }));
    },
    downloadUrl(key, fileName, expiresInSeconds, file) {
      // An uploaded file is saved under its name; a form (a PDF, the latest of its key) opens in the browser.
      return presignedDownload(s3, bucket, key, fileName, expiresInSeconds, file
        ? { contentType: file.contentType, versionId: file.versionId, disposition: 'attachment' }
        : { contentType: 'application/pdf', disposition: 'inline' });
    },
  };
}
