// The control plane's stack: for now its key and the tenant registry table.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PlatformStack } from '#infra/stacks/platform-stack';

let template: Template;

beforeAll(() => {
  template = Template.fromStack(new PlatformStack(new App(), 'TinhSo-Platform', { env: { region: 'ap-southeast-1' } }));
});

it('holds the tenant registry: platform-tenants, pk/sk, on-demand, PITR, deletion protection, KMS, stream, retained', () => {
  // Prepare
  const keyId = Object.keys(template.findResources('AWS::KMS::Key'))[0];
  // Act
  const tables = Object.values(template.findResources('AWS::DynamoDB::Table'));
  // Assess
  expect(tables).toHaveLength(1);
  expect(tables[0]).toMatchObject({
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      TableName: 'platform-tenants',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    },
  });
});

it('has a rotating key, and everything is tagged TenantId=platform', () => {
  // Assess
  template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', Properties: { EnableKeyRotation: true } });
  for (const type of ['AWS::KMS::Key', 'AWS::DynamoDB::Table']) {
    for (const r of Object.values(template.findResources(type))) {
      expect(r.Properties.Tags).toContainEqual({ Key: 'TenantId', Value: 'platform' });
    }
  }
});
