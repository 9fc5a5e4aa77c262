// The exchange hub seen from a tenant stack: the tenant's signing key, its functions' rights on the platform's hub
// (its own key prefix only), and the inbound functions the hub invokes, all by fixed names, never by reference.
// Written against the catalog: every service with `exchange` or `inbound` (documents today), plus a probe service
// added here only (with a scheduled job), so that every kind of function is checked whatever the catalog holds.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { PLATFORM_STREAMS, SERVICES, type ServiceDef } from '#functions/index';
import { EXCHANGE_BUCKET_ENV, EXCHANGE_KEY_ID_ENV, exchangeTable, tenantFunctionName } from '#shared/exchange';
import { buildApp } from '#infra/app';
import { EXCHANGE_HUB_ROLE_NAME, HUB_TABLE_NAME, hubBucketName, INBOUND_FUNCTION_PATTERN, PLATFORM_REGION } from '#infra/platform';
import type { PlatformStack } from '#infra/stacks/platform-stack';
import type { TenantStack } from '#infra/stacks/tenant-stack';
import { TENANTS_DIR } from '#infra/tenants';
import { flat } from '../support/cfn';

type Json = Record<string, unknown>;
interface Resource { Type: string; Properties: Json }

/** Test-only: an exchanging service with a scheduled job and an inbound function, on an existing entry file. */
const PROBE: ServiceDef = {
  name: 'exchange-probe',
  routes: {},
  tables: [],
  entry: 'functions/api/handler.ts',
  exchange: true,
  schedules: [{ name: 'exchange-probe-job', schedule: 'rate(1 day)', entry: 'functions/api/handler.ts' }],
  inbound: { name: 'exchange-probe-inbound', entry: 'functions/api/handler.ts' },
};

// At load: it.each reads the catalog when the tests are collected, before beforeAll.
SERVICES.push(PROBE);

const TENANT = 'hue';
let outdir: string;
let platform: PlatformStack;
let stack: TenantStack;
let resources: Record<string, Resource>;
let platformResources: Record<string, Resource>;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'tinhso-exchange-'));
  const built = buildApp({ outdir });
  platform = built.platform!;
  stack = built.tenants.find((t) => t.tenant.id === TENANT)!;
  resources = Template.fromStack(stack).toJSON().Resources as Record<string, Resource>;
  platformResources = Template.fromStack(platform).toJSON().Resources as Record<string, Resource>;
});

afterAll(() => {
  SERVICES.splice(SERVICES.indexOf(PROBE), 1);
  rmSync(outdir, { recursive: true, force: true });
});

const exchanging = (): ServiceDef[] => SERVICES.filter((s) => s.exchange);
/** Every function of a service: its HTTP function, stream consumers, jobs and inbound function. */
const functionsOf = (s: ServiceDef): string[] => [s.name, ...(s.streams ?? []).map((d) => d.name), ...(s.schedules ?? []).map((d) => d.name), ...(s.inbound ? [s.inbound.name] : [])];
const EXCHANGING_FUNCTIONS = (): string[] => exchanging().flatMap(functionsOf);

const ofType = (type: string, from = resources): [string, Resource][] => Object.entries(from).filter(([, r]) => r.Type === type);

const functionNamed = (name: string): [string, Resource] => {
  const found = ofType('AWS::Lambda::Function').filter(([, r]) => (r.Properties.Environment as { Variables: Json }).Variables.POWERTOOLS_SERVICE_NAME === name);
  expect(found).toHaveLength(1);
  return found[0]!;
};

function statementsOf(fn: Resource): Json[] {
  const roleId = ((fn.Properties.Role as { 'Fn::GetAtt': string[] })['Fn::GetAtt'])[0]!;
  return ofType('AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as unknown[]).some((r) => (r as { Ref?: string }).Ref === roleId))
    .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement);
}

const actionsOf = (statement: Json): string[] => [statement.Action].flat() as string[];
const resourcesOf = (statement: Json): string[] => [statement.Resource].flat().map(flat);

/** A function name matches the hub's invoke pattern (`*` any run of characters, as IAM reads it). */
const matchesPattern = (name: string): boolean =>
  new RegExp(`^${INBOUND_FUNCTION_PATTERN.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\-]/g, '\\$&')).join('.*')}$`).test(name);

const HUB_TABLE_ARN = `arn:aws:dynamodb:${PLATFORM_REGION}:<AWS::AccountId>:table/${HUB_TABLE_NAME}`;
const HUB_BUCKET = hubBucketName('<AWS::AccountId>', PLATFORM_REGION);

it('the catalog\'s exchanging services: documents (with its inbound function), and the probe', () => {
  expect(exchanging().map((s) => s.name)).toEqual(expect.arrayContaining(['documents', PROBE.name]));
  expect(SERVICES.find((s) => s.name === 'documents')?.inbound?.name).toBe('documents-inbound');
  for (const s of SERVICES.filter((x) => x.inbound)) expect(s.exchange).toBe(true);
});

describe('the tenant\'s exchange key', () => {
  it('is an asymmetric RSA_2048 SIGN_VERIFY key, alias alias/tinhso-<tenant>-exchange, retained', () => {
    // Prepare
    const keyId = stack.getLogicalId(stack.exchangeKey!.node.defaultChild as never);
    // Act
    const key = resources[keyId] as Resource & { DeletionPolicy?: string };
    const aliases = ofType('AWS::KMS::Alias').filter(([, a]) => flat(a.Properties.TargetKeyId) === `<${keyId}.Arn>` || flat(a.Properties.TargetKeyId) === `<${keyId}>`);
    // Assess
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties).toMatchObject({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    expect(key.Properties.EnableKeyRotation).not.toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
    expect(aliases.map(([, a]) => a.Properties.AliasName)).toEqual([`alias/tinhso-${TENANT}-exchange`]);
  });

  it.each(EXCHANGING_FUNCTIONS())('%s: EXCHANGE_KEY_ID is the key, which it may sign with and read the public half of, nothing more', (name) => {
    // Prepare
    const keyId = stack.getLogicalId(stack.exchangeKey!.node.defaultChild as never);
    const [, fn] = functionNamed(name);
    // Act
    const vars = (fn.Properties.Environment as { Variables: Json }).Variables;
    const onKey = statementsOf(fn).filter((s) => resourcesOf(s).includes(`<${keyId}.Arn>`));
    // Assess
    expect(vars[EXCHANGE_KEY_ID_ENV]).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(onKey.flatMap(actionsOf).sort()).toEqual(['kms:GetPublicKey', 'kms:Sign']);
  });
});

describe('the hub table and bucket, by name', () => {
  it('the names tenant stacks use are the platform\'s: table, bucket, hub role; no cross-stack reference', () => {
    // Prepare
    const [, table] = ofType('AWS::DynamoDB::Table', platformResources).find(([, t]) => t.Properties.TableName === HUB_TABLE_NAME)!;
    const buckets = ofType('AWS::S3::Bucket', platformResources).map(([, b]) => b.Properties.BucketName).filter(Boolean).map(flat);
    const roles = ofType('AWS::IAM::Role', platformResources).map(([, r]) => r.Properties.RoleName);
    // Assess
    expect(table.Properties.TableName).toBe(`platform-${exchangeTable.name}`);
    expect(buckets).toEqual([HUB_BUCKET]);
    expect(roles).toContain(EXCHANGE_HUB_ROLE_NAME);
    expect(PLATFORM_STREAMS.map((d) => d.name)).toContain('exchange-hub');
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('Fn::ImportValue');
  });

  it.each(EXCHANGING_FUNCTIONS())('%s: EXCHANGE_TABLE; PutItem and GetItem on the hub table, on its own tenant\'s key prefix only', (name) => {
    // Prepare
    const [, fn] = functionNamed(name);
    // Act
    const vars = (fn.Properties.Environment as { Variables: Json }).Variables;
    const onHub = statementsOf(fn).filter((s) => resourcesOf(s).includes(HUB_TABLE_ARN));
    // Assess
    expect(vars[exchangeTable.envVar]).toBe(HUB_TABLE_NAME);
    expect(onHub).toHaveLength(1);
    expect(onHub[0]).toMatchObject({ Effect: 'Allow', Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${TENANT}#*`] } } });
    expect(actionsOf(onHub[0]!).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem']);
    expect(resourcesOf(onHub[0]!)).toEqual([HUB_TABLE_ARN]);
  });

  it.each(EXCHANGING_FUNCTIONS())('%s: EXCHANGE_BUCKET; writes under <tenant>/ only, reads any envelope', (name) => {
    // Prepare
    const [, fn] = functionNamed(name);
    // Act
    const vars = (fn.Properties.Environment as { Variables: Json }).Variables;
    const onBucket = statementsOf(fn).filter((s) => resourcesOf(s).some((r) => r.startsWith(`arn:aws:s3:::${HUB_BUCKET}`)));
    const grants = onBucket.flatMap((s) => resourcesOf(s).flatMap((r) => actionsOf(s).map((a) => `${a} ${r}`))).sort();
    // Assess
    expect(flat(vars[EXCHANGE_BUCKET_ENV])).toBe(HUB_BUCKET);
    expect(grants).toEqual([
      `s3:GetObject arn:aws:s3:::${HUB_BUCKET}/*`,
      `s3:GetObject arn:aws:s3:::${HUB_BUCKET}/${TENANT}/*`,
      `s3:PutObject arn:aws:s3:::${HUB_BUCKET}/${TENANT}/*`,
    ]);
  });

  it('services that do not exchange get neither the key, nor the hub table, nor the hub bucket', () => {
    const others = SERVICES.filter((s) => !s.exchange).flatMap(functionsOf);
    expect(others.length).toBeGreaterThan(0);
    for (const name of others) {
      const [, fn] = functionNamed(name);
      const vars = (fn.Properties.Environment as { Variables: Json }).Variables;
      const text = JSON.stringify(statementsOf(fn));
      expect({ name, vars: [EXCHANGE_KEY_ID_ENV, exchangeTable.envVar, EXCHANGE_BUCKET_ENV].filter((v) => v in vars) }).toEqual({ name, vars: [] });
      expect({ name, hub: text.includes(HUB_TABLE_NAME) || text.includes('tinhso-exchange-') || text.includes('kms:Sign') }).toEqual({ name, hub: false });
    }
  });
});

describe('inbound functions', () => {
  const inbound = () => SERVICES.filter((s) => s.inbound).map((s) => [s.inbound!.name, s] as const);

  it.each(inbound())('%s: the fixed name tinhso-<tenant>-<name>, which the hub\'s invoke pattern matches', (name) => {
    // Act
    const [, fn] = functionNamed(name);
    // Assess
    expect(fn.Properties.FunctionName).toBe(tenantFunctionName(TENANT, name));
    expect(matchesPattern(fn.Properties.FunctionName as string)).toBe(true);
  });

  it.each(inbound())('%s: a resource-based permission lets the hub\'s role, by ARN, invoke it; nobody else', (name) => {
    // Prepare
    const [fnId] = functionNamed(name);
    // Act
    const permissions = ofType('AWS::Lambda::Permission').filter(([, p]) => flat(p.Properties.FunctionName).startsWith(`<${fnId}`));
    // Assess
    expect(permissions.map(([, p]) => ({ action: p.Properties.Action, principal: flat(p.Properties.Principal) }))).toEqual([
      { action: 'lambda:InvokeFunction', principal: `arn:aws:iam::<AWS::AccountId>:role/${EXCHANGE_HUB_ROLE_NAME}` },
    ]);
  });

  it.each(inbound())('%s: the environment and grants of its service, through the same bindings', (name, service) => {
    // Prepare
    const [, fn] = functionNamed(name);
    const [, serviceFn] = functionNamed(service.name);
    const vars = (f: Resource) => (f.Properties.Environment as { Variables: Json }).Variables;
    // Act
    const { POWERTOOLS_SERVICE_NAME: own, ...rest } = vars(fn);
    const { POWERTOOLS_SERVICE_NAME: _svc, ...serviceRest } = vars(serviceFn);
    // Assess
    expect(own).toBe(name);
    expect(rest).toEqual(serviceRest);
    const grants = (f: Resource) => statementsOf(f).map((s) => ({ actions: actionsOf(s).sort(), resources: resourcesOf(s).sort() }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(grants(fn).filter((g) => !g.actions.some((a) => a.startsWith('logs:'))).map((g) => g.actions))
      .toEqual(grants(serviceFn).filter((g) => !g.actions.some((a) => a.startsWith('logs:'))).map((g) => g.actions));
  });

  it('no other function of the tenant is named for the hub or open to it', () => {
    // Prepare
    const inboundNames = new Set(inbound().map(([name]) => tenantFunctionName(TENANT, name)));
    // Act
    const named = ofType('AWS::Lambda::Function').map(([, f]) => f.Properties.FunctionName).filter((n): n is string => typeof n === 'string');
    const forHub = ofType('AWS::Lambda::Permission').filter(([, p]) => flat(p.Properties.Principal).includes(EXCHANGE_HUB_ROLE_NAME));
    // Assess
    expect(named.filter(matchesPattern).sort()).toEqual([...inboundNames].sort());
    expect(forHub).toHaveLength(inboundNames.size);
  });
});

describe('regions', () => {
  it('a tenant outside the platform\'s region is warned about at synth: its functions would look for the hub in their own region', () => {
    // Prepare: Huế moved to Tokyo
    const tenantsDir = join(outdir, 'tenants-elsewhere');
    mkdirSync(tenantsDir);
    const hue = JSON.parse(readFileSync(join(TENANTS_DIR, `${TENANT}.json`), 'utf8')) as Json;
    writeFileSync(join(tenantsDir, `${TENANT}.json`), JSON.stringify({ ...hue, region: 'ap-northeast-1' }));
    // Act
    const elsewhere = buildApp({ tenantsDir, context: { tenant: TENANT }, outdir: join(outdir, 'elsewhere') }).tenants[0]!;
    // Assess
    Annotations.fromStack(elsewhere).hasWarning('/TinhSo-Tenant-hue', Match.stringLikeRegexp(`exchange hub in ${PLATFORM_REGION}`));
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});
