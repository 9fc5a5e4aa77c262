// cdk-nag (AwsSolutions pack): every finding we accept, with its reason, in this one file.
// cdk-nag 3 runs as a CDK validation plugin; a finding is accepted with Validations.of(scope).acknowledge(), on the
// narrowest construct that causes it (a function, its role, a route, the user pool), never on a stack or the app.
// Findings not acknowledged fail synthesis (errors) or show in the validation report (warnings);
// test/infra/nag.test.ts fails on either, and on an acknowledgment that no longer covers any finding.
import { Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { TenantTable } from './tenant-table';

export interface NagAcknowledgment {
  /** A rule id, with the finding in brackets where the rule reports several (e.g. `AwsSolutions-IAM5[Resource::*]`). */
  id: string;
  reason: string;
}

export function acknowledge(scope: IConstruct, ...acks: NagAcknowledgment[]): void {
  Validations.of(scope).acknowledge(...acks);
}

/** How cdk-nag names `Fn::GetAtt <resource>.Arn` inside a finding. */
const arnOf = (resource: CfnResource): string => `<${Stack.of(resource).resolve(resource.logicalId)}.Arn>`;

/** How cdk-nag flattens a resolved ARN inside a finding: `Ref` as `<Id>`, `Fn::GetAtt` as `<Id.Attr>`, joins joined. */
function flatten(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const node = value as Record<string, unknown>;
  if (Array.isArray(node['Fn::Join'])) {
    const [delimiter, items] = node['Fn::Join'] as [string, unknown[]];
    return items.map(flatten).join(delimiter);
  }
  if (Array.isArray(node['Fn::GetAtt'])) return `<${(node['Fn::GetAtt'] as unknown[]).map(flatten).join('.')}>`;
  if (node.Ref !== undefined) return `<${flatten(node.Ref)}>`;
  return JSON.stringify(value);
}

/** The IAM5 finding of a wildcard resource, an ARN string that may hold tokens (an account, a partition). */
const wildcardResource = (scope: IConstruct, arn: string): string => `AwsSolutions-IAM5[Resource::${flatten(Stack.of(scope).resolve(arn))}]`;

export const NAG = {
  /** On each function role (ServiceFunction). */
  xrayWildcard: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'Tracing is ACTIVE: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, only `*`.',
  },
  /** On each function role bound to a table with GSIs (ServiceFunction.bindTable). */
  tableIndexes: (table: TenantTable): NagAcknowledgment => ({
    id: `AwsSolutions-IAM5[Resource::${arnOf(table.table.node.defaultChild as CfnResource)}/index/*]`,
    reason: `Grant on the ${table.def.name} table includes its own GSIs (index/*); it names that one table and no other.`,
  }),
  /** On each function role bound to a table, or sending to a stream consumer's on-failure queue (ServiceFunction). */
  kmsDataKeyWildcards: [
    {
      id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
      reason: 'Added by the DynamoDB table (or on-failure queue) grant for the deployment\'s customer managed key; scoped to that one key.',
    },
    {
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason: 'Added by the DynamoDB table (or on-failure queue) grant for the deployment\'s customer managed key; scoped to that one key.',
    },
  ] satisfies NagAcknowledgment[],
  /** On each function role bound to the files bucket (ServiceFunction.bindFiles). */
  filesBucket: (bucket: CfnResource): NagAcknowledgment[] => [
    ...['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*'].map((action) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: 'Added by the files bucket grant (read/write); scoped to the tenant\'s files bucket and its objects.',
    })),
    {
      id: `AwsSolutions-IAM5[Resource::${arnOf(bucket)}/*]`,
      reason: 'The objects of the tenant\'s own files bucket (every key begins with the tenant id); no other bucket.',
    },
  ],
  /** On each role of a tenant function that exchanges through the hub (ServiceFunction.bindExchange). */
  exchangeBucket: (scope: IConstruct, ownPrefix: string, anyObject: string): NagAcknowledgment[] => [
    {
      id: wildcardResource(scope, ownPrefix),
      reason: 'The tenant writes (and reads) envelopes under its own prefix of the platform\'s hub bucket, `<tenant>/`, and nowhere else in it.',
    },
    {
      id: wildcardResource(scope, anyObject),
      reason: 'Read only (s3:GetObject): a recipient fetches the envelope another tenant left in the hub bucket, by the key the hub hands it; transit copies, kept 30 days.',
    },
  ],
  /** On the exchange hub's role (ServiceFunction.bindExchangeHub). */
  inboundFunctions: (scope: IConstruct, arn: string): NagAcknowledgment => ({
    id: wildcardResource(scope, arn),
    reason: 'The hub invokes the inbound functions of every tenant stack, deployed independently in this account: named by the fixed pattern tinhso-<tenant>-<channel>-inbound, not by reference.',
  }),
  /** On the archive runner's role (ServiceFunction.allowInvokeOf). */
  tenantOperations: (scope: IConstruct, arn: string): NagAcknowledgment => ({
    id: wildcardResource(scope, arn),
    reason: 'The archive runner invokes the export, import and purge functions of every tenant stack, deployed independently in this account: named by the fixed pattern tinhso-<tenant>-tenant-<operation>, not by reference.',
  }),
  /** On each tenant's dead-letter queue (TenantStack). */
  tenantDeadLetterQueue: {
    id: 'AwsSolutions-SQS3',
    reason: 'This queue is itself the tenant\'s dead-letter queue (stream consumers\' on-failure destination, scheduled jobs\' failures); a dead-letter queue of it would hold nothing. Redrive: docs/operations.md.',
  },
  /** On the operator pool. */
  operatorThreatProtection: {
    id: 'AwsSolutions-COG8',
    reason: 'Threat protection needs the Cognito Plus feature plan, billed per monthly active user; the operator pool has a handful of users, each with required TOTP MFA and no self sign-up.',
  },
  /** On every function (ServiceFunction). */
  runtime: {
    id: 'AwsSolutions-L1',
    reason: 'Node.js 22 is the runtime the suite is built and tested for (ARCHITECTURE.md, Handlers; LAMBDA_BUNDLE targets node22); moving to a newer one is a deliberate upgrade.',
  },
  /** On the tenant user pool. */
  mfa: {
    id: 'AwsSolutions-COG2',
    reason: 'MFA is optional (authenticator app, no SMS): citizens register themselves with an email and cannot be forced into MFA; requiring it of officials is a later issue.',
  },
  threatProtection: {
    id: 'AwsSolutions-COG8',
    reason: 'Threat protection (adaptive authentication, compromised-credential checks) needs the Cognito Plus feature plan, billed per monthly active user; the Essentials plan is used until a plan pays for it (premium).',
  },
  /** On each stream consumer's role (ServiceFunction.consumeStream). */
  listStreams: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'The event source mapping\'s stream read grant adds dynamodb:ListStreams, which supports no resource-level permission; the read actions name the one table\'s stream.',
  },
  /** On the archive runner's dead-letter queue of failed asynchronous runs (PlatformStack). */
  asyncFailureQueue: {
    id: 'AwsSolutions-SQS3',
    reason: 'This queue is itself the dead-letter destination of the archive runner\'s asynchronous invocations (its on-failure destination); a dead-letter queue of it would hold nothing. Redrive: docs/archive.md.',
  },
  /** On each stream consumer's on-failure queue (ServiceFunction.consumeStream). */
  onFailureQueue: {
    id: 'AwsSolutions-SQS3',
    reason: 'This queue is itself the dead-letter destination of a stream consumer (the event source mapping\'s on-failure destination); a dead-letter queue of it would hold nothing.',
  },
  /** On the queue of a tenant's received mail that its function failed to take (MailReceiving). */
  receiveFailureQueue: {
    id: 'AwsSolutions-SQS3',
    reason: 'This queue is itself the on-failure destination of the mail-receiving function\'s asynchronous invocations (the SESEvents it could not take after Lambda\'s retries); a dead-letter queue of it would hold nothing.',
  },
  /** On the tenant's Jitsi app secret. */
  jitsiSecret: {
    id: 'AwsSolutions-SMG4',
    reason: 'The same value is configured in the province\'s Jitsi server (its JWT app secret), which Secrets Manager cannot update: it is rotated by the operator on both sides together (docs/meetings.md).',
  },
  /** On the meetings functions of a tenant on Amazon Chime SDK. */
  chimeMeetings: {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'chime:CreateMeeting and chime:CreateAttendee support no resource-level permission (the meeting does not exist before the call).',
  },
  /** On each tenant's web distribution (WebHosting). */
  webGeoRestriction: {
    id: 'AwsSolutions-CFR1',
    reason: 'Public services of a Vietnamese province are for its citizens wherever they are, those living or travelling abroad included: no country is refused.',
  },
  webWaf: {
    id: 'AwsSolutions-CFR2',
    reason: 'A web ACL for CloudFront must live in us-east-1, a stack of its own the tenant stacks do not have yet; the API behind /v1/* is throttled per tenant by its plan (API Gateway stage throttle).',
  },
  /** On a tenant's web distribution without a certificate of its own (WebHosting). */
  webDefaultCertificate: {
    id: 'AwsSolutions-CFR4',
    reason: 'Without a certificate for the tenant\'s domain the distribution uses CloudFront\'s own (*.cloudfront.net), whose minimum protocol cannot be set; with one (docs/web.md) it is TLSv1.2_2021.',
  },
  /**
   * On the handler of CDK's BucketDeployment (a singleton function at the stack's root, WebHosting): CDK's own code,
   * which copies the web app from the CDK assets bucket into the web bucket.
   */
  webDeployment: (scope: IConstruct, webBucket: CfnResource, assetObjects: string): NagAcknowledgment[] => [
    {
      id: 'AwsSolutions-L1',
      reason: 'CDK\'s BucketDeployment handler (Python, the AWS CLI layer) runs the runtime CDK pins for it; it runs at deploy time only, and moves with aws-cdk-lib upgrades.',
    },
    {
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'CDK\'s BucketDeployment handler role carries the basic execution policy (its own log group only); the construct offers no inline alternative.',
    },
    ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => ({
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason: 'Added by BucketDeployment\'s grants: read of the CDK assets bucket, read/write of the web bucket; no other bucket.',
    })),
    {
      id: `AwsSolutions-IAM5[Resource::${arnOf(webBucket)}/*]`,
      reason: 'The objects of the tenant\'s web bucket: the built app (index.html, assets/, app-config.json) and nothing else.',
    },
    {
      id: wildcardResource(scope, assetObjects),
      reason: 'Read of the CDK assets bucket of this account and region, where `cdk deploy` uploads the built web app (a zip named by its hash).',
    },
  ],
  /** On each public route of the HTTP API. */
  publicRoute: {
    id: 'AwsSolutions-APIG4',
    reason: 'Public by design (route access `public` in the service\'s routes.ts): health, the OpenAPI document, a tenant\'s public sign-in configuration, a calendar feed addressed by its secret link.',
  },
} as const;
