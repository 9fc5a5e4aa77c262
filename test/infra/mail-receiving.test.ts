// Receiving Internet mail in AWS: the platform's receipt rule set (one can be active per account and region), each
// tenant's rule in it by name (S3 action to the files bucket under `<tenant>/mail/incoming/`, then the receiving
// function asynchronously), and the permissions each side needs: the bucket policy and the key policy for SES, the
// function's permission for SES, the function's own grants (the mail service's), and where failed invocations go.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SERVICES } from '#functions/index';
import { incomingPrefix } from '#functions/mail/incoming';
import { mailTable } from '#functions/mail/tables';
import { FILES_BUCKET_ENV } from '#shared/s3';
import { buildApp } from '#infra/app';
import { MAIL_RULE_SET_NAME } from '#infra/platform';
import type { PlatformStack } from '#infra/stacks/platform-stack';
import type { TenantStack } from '#infra/stacks/tenant-stack';
import { TENANTS_DIR } from '#infra/tenants';
import { flat } from '../support/cfn';

type Json = Record<string, unknown>;
interface Resource { Type: string; Properties: Json; DependsOn?: string[] }

const TENANT = 'hue';
const PREFIX = incomingPrefix(TENANT);
const RECEIVER = SERVICES.find((s) => s.receivesMail)!;
let dir: string;
let platform: PlatformStack;
let stack: TenantStack;
let resources: Record<string, Resource>;
let platformResources: Record<string, Resource>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tinhso-mail-receiving-'));
  const tenantsDir = join(dir, 'tenants');
  mkdirSync(tenantsDir);
  copyFileSync(join(TENANTS_DIR, `${TENANT}.json`), join(tenantsDir, `${TENANT}.json`));
  const built = buildApp({ tenantsDir, outdir: join(dir, 'cdk.out') });
  platform = built.platform!;
  stack = built.tenants[0]!;
  resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
  platformResources = Template.fromStack(platform).toJSON().Resources as Record<string, Resource>;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ofType = (type: string, from = resources): [string, Resource][] => Object.entries(from).filter(([, r]) => r.Type === type);
const idOf = (construct: { node: { defaultChild?: unknown } }): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
const receiverId = () => idOf(stack.mailReceiver!.fn.function);
const bucketId = () => idOf(stack.bucket);
const keyId = () => idOf(stack.key);

function roleStatements(fnId: string): Json[] {
  const roleId = ((resources[fnId]!.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'])[0]!;
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as unknown[]).some((r) => (r as { Ref?: string }).Ref === roleId))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement);
}

const actionsOf = (statement: Json): string[] => [statement.Action].flat() as string[];
const resourcesOf = (statement: Json): string[] => [statement.Resource].flat().map(flat);

describe('the receipt rule set', () => {
  it('is the platform\'s, named tinhso, and not activated by CloudFormation (the operator does it once)', () => {
    const sets = ofType('AWS::SES::ReceiptRuleSet', platformResources);
    expect(sets.map(([, s]) => s.Properties)).toEqual([{ RuleSetName: MAIL_RULE_SET_NAME }]);
    // No custom resource calls SetActiveReceiptRuleSet: that would displace the account's active set.
    expect(JSON.stringify(platformResources)).not.toContain('SetActiveReceiptRuleSet');
  });

  it('is not made by tenant stacks, which name it instead of referencing it', () => {
    expect(ofType('AWS::SES::ReceiptRuleSet')).toEqual([]);
    const [[, rule]] = ofType('AWS::SES::ReceiptRule') as [[string, Resource]];
    expect(rule.Properties.RuleSetName).toBe(MAIL_RULE_SET_NAME);
  });
});

describe('the tenant\'s receipt rule', () => {
  it('takes every address of the domain, scans, stores under the incoming prefix, then invokes the function asynchronously', () => {
    const rules = ofType('AWS::SES::ReceiptRule');
    expect(rules).toHaveLength(1);
    const [, rule] = rules[0]!;
    expect(rule.Properties.Rule).toEqual({
      Name: `tinhso-${TENANT}`,
      Enabled: true,
      Recipients: [`${TENANT}.gov.vn`],
      ScanEnabled: true,
      TlsPolicy: 'Optional',
      Actions: [
        { S3Action: { BucketName: { Ref: bucketId() }, ObjectKeyPrefix: PREFIX } },
        { LambdaAction: { FunctionArn: { 'Fn::GetAtt': [receiverId(), 'Arn'] }, InvocationType: 'Event' } },
      ],
    });
    expect(PREFIX).toBe(`${TENANT}/mail/incoming/`);
  });

  it('is created after the bucket policy and the function\'s permission (SES checks both when the rule is made)', () => {
    const [, rule] = ofType('AWS::SES::ReceiptRule')[0]!;
    const [policyId] = ofType('AWS::S3::BucketPolicy').find(([, p]) => flat(p.Properties.Bucket) === `<${bucketId()}>`)!;
    const [permissionId] = ofType('AWS::Lambda::Permission').find(([, p]) => p.Properties.Principal === 'ses.amazonaws.com')!;
    expect(rule.DependsOn).toEqual(expect.arrayContaining([policyId, permissionId]));
  });
});

describe('what SES may do', () => {
  it('put objects under the incoming prefix of the files bucket, for this account only', () => {
    const [, policy] = ofType('AWS::S3::BucketPolicy').find(([, p]) => flat(p.Properties.Bucket) === `<${bucketId()}>`)!;
    const statements = (policy.Properties.PolicyDocument as { Statement: Json[] }).Statement.filter((s) => (s.Principal as Json | undefined)?.Service === 'ses.amazonaws.com');
    expect(statements).toEqual([expect.objectContaining({
      Effect: 'Allow', Action: 's3:PutObject', Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    })]);
    expect(resourcesOf(statements[0]!)).toEqual([`<${bucketId()}.Arn>/${PREFIX}*`]);
  });

  it('have S3 encrypt what it puts with the tenant\'s key (data keys through S3, for this account only)', () => {
    const key = resources[keyId()]!;
    const statements = (key.Properties.KeyPolicy as { Statement: Json[] }).Statement.filter((s) => (s.Principal as Json | undefined)?.Service === 'ses.amazonaws.com');
    expect(statements).toHaveLength(1);
    expect(actionsOf(statements[0]!).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(statements[0]!.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' }, 'kms:ViaService': `s3.${stack.region}.amazonaws.com` },
    });
  });

  it('invoke the receiving function, for this account only, and no other function', () => {
    const permissions = ofType('AWS::Lambda::Permission').filter(([, p]) => p.Properties.Principal === 'ses.amazonaws.com');
    expect(permissions.map(([, p]) => p.Properties)).toEqual([{
      Action: 'lambda:InvokeFunction', Principal: 'ses.amazonaws.com', SourceAccount: { Ref: 'AWS::AccountId' },
      FunctionName: { 'Fn::GetAtt': [receiverId(), 'Arn'] },
    }]);
  });
});

describe('the receiving function', () => {
  it('is the catalog\'s receivesMail of the mail service, a minute long, with no fixed name (the hub\'s invoke pattern never covers it)', () => {
    expect(RECEIVER.name).toBe('mail');
    expect(RECEIVER.receivesMail).toEqual({ name: 'mail-receive', entry: 'functions/mail/inbound.ts' });
    const fn = resources[receiverId()]!;
    expect(fn.Properties.FunctionName).toBeUndefined();
    expect(fn.Properties.Timeout).toBe(60);
    expect((fn.Properties.Environment as { Variables: Json }).Variables).toMatchObject({ POWERTOOLS_SERVICE_NAME: 'mail-receive', MAIL_TRANSPORT: 'ses' });
  });

  it('has the mail service\'s environment and grants: its tables, the files bucket (reading what SES stored), SES sending', () => {
    const vars = (resources[receiverId()]!.Properties.Environment as { Variables: Json }).Variables;
    const [mailFn] = ofType('AWS::Lambda::Function').find(([, r]) => (r.Properties.Environment as { Variables: Json }).Variables.POWERTOOLS_SERVICE_NAME === 'mail')!;
    const serviceVars = (resources[mailFn]!.Properties.Environment as { Variables: Json }).Variables;
    const { POWERTOOLS_SERVICE_NAME: _a, ...own } = vars;
    const { POWERTOOLS_SERVICE_NAME: _b, ...service } = serviceVars;
    expect(own).toEqual(service);
    expect(vars[FILES_BUCKET_ENV]).toEqual({ Ref: bucketId() });
    expect(vars[mailTable.envVar]).toBeDefined();
    const statements = roleStatements(receiverId());
    const onObjects = statements.filter((s) => resourcesOf(s).includes(`<${bucketId()}.Arn>/*`));
    expect(onObjects.flatMap(actionsOf)).toEqual(expect.arrayContaining(['s3:GetObject*', 's3:PutObject']));
  });

  it('sends what fails after two retries, or waits six hours, to a queue encrypted with the tenant key', () => {
    // The receiver's own (scheduled jobs have theirs, to the tenant's dead-letter queue).
    const configs = ofType('AWS::Lambda::EventInvokeConfig').filter(([, c]) => (c.Properties.FunctionName as { Ref?: string }).Ref === receiverId());
    expect(configs).toHaveLength(1);
    const [, config] = configs[0]!;
    const queueId = idOf(stack.mailReceiver!.receiving.failures);
    expect(config.Properties).toMatchObject({
      FunctionName: { Ref: receiverId() }, MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    expect(resources[queueId]!.Properties).toMatchObject({ KmsMasterKeyId: { 'Fn::GetAtt': [keyId(), 'Arn'] }, MessageRetentionPeriod: 14 * 24 * 3600 });
    const sends = roleStatements(receiverId()).filter((s) => actionsOf(s).includes('sqs:SendMessage'));
    expect(sends.flatMap(resourcesOf)).toEqual([`<${queueId}.Arn>`]);
  });
});

describe('the files bucket', () => {
  it('expires SES\'s transit copies under the incoming prefix after 7 days (filing keeps its own copy)', () => {
    const rules = (resources[bucketId()]!.Properties.LifecycleConfiguration as { Rules: Json[] }).Rules;
    expect(rules).toContainEqual(expect.objectContaining({
      Id: 'ReceivedMailTransit', Prefix: PREFIX, ExpirationInDays: 7, NoncurrentVersionExpiration: { NoncurrentDays: 1 }, Status: 'Enabled',
    }));
  });
});
