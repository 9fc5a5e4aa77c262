// The server access log bucket each stack's data bucket logs to (cdk-nag AwsSolutions-S1).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/** Private, TLS only, kept a year; its construct id is `AccessLogs` in the given scope. */
export function accessLogsBucket(scope: Construct): Bucket {
  return new Bucket(scope, 'AccessLogs', {
    // Server access log delivery supports SSE-S3 only, not SSE-KMS.
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    lifecycleRules: [{ expiration: Duration.days(365), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
