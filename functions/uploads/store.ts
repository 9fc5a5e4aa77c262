// The upload route's adapters: the uploads table (key design in shared/uploads.ts) and presigned POSTs to the
// tenant's files bucket.
import type { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalFailure } from '#shared/ddb';
import { storedUpload, uploadItem, uploadPk } from '#shared/uploads';
import type { PostPresigner, UploadStore } from './service';

export function dynamoUploadStore(db: DynamoDBDocumentClient, tableName: string): UploadStore {
  return {
    async insert(tenant, upload) {
      try {
        await db.send(new PutCommand({ TableName: tableName, Item: uploadItem(tenant, upload), ConditionExpression: 'attribute_not_exists(pk)' }));
        return true;
      } catch (err) {
        if (isConditionalFailure(err)) return false;
        throw err;
      }
    },
    async get(tenant, uploadId) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: { pk: uploadPk(tenant), sk: uploadId }, ConsistentRead: true }));
      return out.Item ? storedUpload(out.Item) : undefined;
    },
  };
}

/**
 * The POST policy allows exactly one object: this key, this Content-Type, exactly `size` bytes, for a few minutes.
 * S3 enforces it; s3rver (locally) does not, which is why verifyUpload checks the object again.
 */
export function s3PostPresigner(s3: S3Client, bucket: string): PostPresigner {
  return {
    async presignPost({ key, contentType, size, expiresInSeconds }) {
      const { url, fields } = await createPresignedPost(s3, {
        Bucket: bucket,
        Key: key,
        Conditions: [['content-length-range', size, size], ['eq', '$Content-Type', contentType]],
        Fields: { 'Content-Type': contentType },
        Expires: expiresInSeconds,
      });
      return { url, fields };
    },
  };
}
