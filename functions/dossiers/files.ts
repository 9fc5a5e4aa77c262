// The dossiers' adapter to the suite's uploads: verify an upload and hand back the item that claims it.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { verifyUpload } from '#shared/uploads';
import type { Files } from './service';

export function uploadFiles(db: DynamoDBDocumentClient, s3: S3Client, tableName: string, bucket: string): Files {
  return {
    async claim(tenant, uploadId, caller, accept, reference) {
      const { file, attach } = await verifyUpload({ db, s3, tableName, bucket, tenant, uploadId, caller, accept, reference });
      return { file, attach };
    },
  };
}
