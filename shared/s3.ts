// S3 access shared by every service: one client per module, the tenant's files bucket from the environment.
import { S3Client } from '@aws-sdk/client-s3';

/** The tenant's files bucket (uploads, results, raw mail). */
export const FILES_BUCKET_ENV = 'FILES_BUCKET';
/**
 * `true` for S3-compatible stores that only answer path-style requests (s3rver locally). Configuration, not a
 * local switch: the endpoint itself comes from the SDK's AWS_ENDPOINT_URL_S3.
 */
export const S3_FORCE_PATH_STYLE_ENV = 'S3_FORCE_PATH_STYLE';

let client: S3Client | undefined;

export function s3Client(): S3Client {
  client ??= new S3Client({ forcePathStyle: process.env[S3_FORCE_PATH_STYLE_ENV] === 'true' });
  return client;
}
