// Receiving Internet mail for a tenant's domain with Amazon SES: a receipt rule in the platform's shared rule set
// (only one rule set can be active per account and region, so every tenant's rule goes into the one the platform
// stack makes, named by MAIL_RULE_SET_NAME) that first stores the raw message in the tenant's files bucket under
// `<tenant>/mail/incoming/` and then invokes the receiving function asynchronously with the SESEvent
// (functions/mail/inbound.ts). What still fails after Lambda's retries waits in an encrypted queue.
import { Duration, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { ReceiptRule, ReceiptRuleSet, TlsPolicy } from 'aws-cdk-lib/aws-ses';
import { Lambda, LambdaInvocationType, S3 } from 'aws-cdk-lib/aws-ses-actions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { incomingPrefix } from '#functions/mail/incoming';
import type { Tenant } from '#shared/tenant';
import { acknowledge, NAG } from './nag';
import type { ServiceFunction } from './service-function';

/** How long a received message may wait for the function (Lambda's retries of an asynchronous invocation). */
export const RECEIVE_MAX_EVENT_AGE = Duration.hours(6);

export interface MailReceivingProps {
  tenant: Tenant;
  /** The receiving function (the catalog's `receivesMail`), bound to the service's environment and grants. */
  fn: ServiceFunction;
  /** The tenant's files bucket: SES stores the raw message there, the function reads it and files it. */
  bucket: Bucket;
  /** The tenant's key: the bucket's default encryption, the failure queue's. */
  key: Key;
  /** The platform's receipt rule set, by name (infra/platform.ts): tenant stacks never reference the platform stack. */
  ruleSetName: string;
}

export class MailReceiving extends Construct {
  readonly rule: ReceiptRule;
  /** Asynchronous invocations that failed after Lambda's retries (or waited too long): the SESEvent, to replay. */
  readonly failures: Queue;

  constructor(scope: Construct, id: string, props: MailReceivingProps) {
    super(scope, id);
    const { tenant, fn, bucket, key } = props;
    const stack = Stack.of(this);

    // SES has already accepted the message when the function runs: an invocation that keeps failing must not lose it.
    this.failures = new Queue(this, 'Failures', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(this.failures, NAG.receiveFailureQueue);
    fn.function.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: RECEIVE_MAX_EVENT_AGE, onFailure: new SqsDestination(this.failures) });

    // The bucket's default encryption is the tenant's key: S3 encrypts what SES puts with it on SES's behalf, so the
    // key must let SES (for this account only, through S3 only) make data keys; Decrypt completes a multipart upload.
    key.addToResourcePolicy(new PolicyStatement({
      sid: `SesStoresReceivedMail${tenant.id}`,
      principals: [new ServicePrincipal('ses.amazonaws.com')],
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account, 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
    }));

    this.rule = new ReceiptRule(this, 'Rule', {
      ruleSet: ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', props.ruleSetName),
      receiptRuleName: `tinhso-${tenant.id}`,
      // Every address of the domain (not its subdomains): unknown ones are the function's to tell apart.
      recipients: [tenant.domain],
      // Spam and virus verdicts; the function refuses a message with a virus.
      scanEnabled: true,
      // Many senders' servers still offer no TLS; a refused official letter is worse than one sent in the clear.
      tlsPolicy: TlsPolicy.OPTIONAL,
      actions: [
        // Adds the bucket policy: ses.amazonaws.com may PutObject under the prefix, for this account (aws:SourceAccount).
        new S3({ bucket, objectKeyPrefix: incomingPrefix(tenant.id) }),
        // Adds the function's permission for ses.amazonaws.com, for this account. Asynchronous: SES does not wait.
        new Lambda({ function: fn.function, invocationType: LambdaInvocationType.EVENT }),
      ],
    });
  }
}
