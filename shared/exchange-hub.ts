// A tenant's side of the platform's exchange hub (shared/exchange.ts), for every exchanging service (documents' edXML,
// mail's messages): put an envelope (under this tenant's key prefix, once), and the objects it points to.
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionalFailure } from '#shared/ddb';
import { Envelope, ENVELOPE_RETENTION_SECONDS, envelopeKey } from '#shared/exchange';

export interface Hub {
  putObject(key: string, body: string | Uint8Array, contentType?: string): Promise<void>;
  getObject(key: string): Promise<string>;
  /** An object as its bytes (a raw mail message need not be UTF-8). */
  getObjectBytes(key: string): Promise<Uint8Array>;
  /** false when an envelope with this id was already put (a retry): it is delivered once either way. */
  putEnvelope(envelope: Envelope): Promise<boolean>;
}

export function exchangeHub(db: DynamoDBDocumentClient, s3: S3Client, table: string, bucket: string): Hub {
  return {
    async putObject(key, body, contentType = 'application/xml; charset=utf-8') {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
    },
    async getObject(key) {
      const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return out.Body!.transformToString('utf8');
    },
    async getObjectBytes(key) {
      const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return out.Body!.transformToByteArray();
    },
    async putEnvelope(envelope) {
      const parsed = Envelope.parse(envelope);
      try {
        await db.send(new PutCommand({
          TableName: table,
          Item: { ...envelopeKey(parsed.fromTenant, parsed.id), ...parsed, state: 'pending', expiresAt: Math.floor(Date.parse(parsed.createdAt) / 1000) + ENVELOPE_RETENTION_SECONDS },
          ConditionExpression: 'attribute_not_exists(pk)',
        }));
        return true;
      } catch (err) {
        if (isConditionalFailure(err)) return false;
        throw err;
      }
    },
  };
}
