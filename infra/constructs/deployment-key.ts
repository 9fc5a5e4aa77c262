// A deployment's customer managed key (a tenant's, or the control plane's): rotating, retained, and usable by
// CloudWatch Logs of this account and region for the deployment's log groups.
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

export interface DeploymentKeyProps {
  alias: string;
  description: string;
}

export function deploymentKey(scope: Construct, id: string, props: DeploymentKeyProps): Key {
  const stack = Stack.of(scope);
  const key = new Key(scope, id, {
    alias: props.alias,
    description: props.description,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  key.addToResourcePolicy(new PolicyStatement({
    sid: 'CloudWatchLogsOfThisAccountAndRegion',
    principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    resources: ['*'],
    conditions: {
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      },
    },
  }));
  return key;
}
