// The tenant's web app in AWS (infra/constructs/web-hosting.ts), asserted property by property: CloudFront in front of
// a private bucket and of the tenant's API on the same origin, the app built at synth with its one province, and the
// files bucket open to the browser from the tenant's domain.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BROWSER_UPLOAD_CORS } from '#shared/uploads';
import { buildApp } from '#infra/app';
import { contentSecurityPolicy, webCertificateContextKey, WebHosting } from '#infra/constructs/web-hosting';
import type { TenantStack } from '#infra/stacks/tenant-stack';

type Json = Record<string, unknown>;
interface Resource { Type: string; Properties: Json }

const TENANT = 'hue';
const DOMAIN = 'hue.gov.vn';
/** CloudFront's managed policies, by their documented ids. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

const outdirs: string[] = [];
let stack: TenantStack;
let outdir: string;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'tinhso-web-hosting-'));
  outdirs.push(outdir);
  stack = buildApp({ context: { tenant: TENANT }, outdir }).tenants[0]!;
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
});

afterAll(() => { for (const dir of outdirs) rmSync(dir, { recursive: true, force: true }); });

const idOf = (element: { node: { defaultChild?: unknown } }): string => stack.getLogicalId(element.node.defaultChild as CfnElement);
const ofType = (type: string): [string, Resource][] => Object.entries(resources).filter(([, r]) => r.Type === type);
const distributionConfig = (): Json => resources[idOf(stack.web.distribution)]!.Properties.DistributionConfig as Json;
const originById = (config: Json, id: unknown): Json => (config.Origins as Json[]).find((o) => o.Id === id)!;

describe('the distribution', () => {
  it('/v1/* goes to the tenant\'s HTTP API: nothing cached, every viewer header but Host, every method, HTTPS only', () => {
    // Act
    const config = distributionConfig();
    const behaviours = config.CacheBehaviors as Json[];
    // Assess
    expect(behaviours.map((b) => b.PathPattern)).toEqual(['/v1/*']);
    const api = behaviours[0]!;
    expect(api).toMatchObject({
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
      ViewerProtocolPolicy: 'https-only',
    });
    const origin = originById(config, api.TargetOriginId);
    expect(origin.DomainName).toEqual({ 'Fn::Join': ['', [{ Ref: idOf(stack.api) }, '.execute-api.ap-southeast-1.', { Ref: 'AWS::URLSuffix' }]] });
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
  });

  it('the default behaviour is the private web bucket through origin access control, index.html at /', () => {
    // Act
    const config = distributionConfig();
    const behaviour = config.DefaultCacheBehavior as Json;
    const origin = originById(config, behaviour.TargetOriginId);
    const oacId = ((origin.OriginAccessControlId as { 'Fn::GetAtt': string[] })['Fn::GetAtt'])[0]!;
    // Assess
    expect(config.DefaultRootObject).toBe('index.html');
    expect(behaviour).toMatchObject({ CachePolicyId: CACHING_OPTIMIZED, ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'] });
    expect(origin.DomainName).toEqual({ 'Fn::GetAtt': [idOf(stack.web.bucket), 'RegionalDomainName'] });
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    expect(resources[oacId]!.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
  });

  it('logs every request into its own bucket; without a certificate it answers on CloudFront\'s domain', () => {
    // Act
    const config = distributionConfig();
    // Assess
    expect(config.Logging).toEqual({ Bucket: { 'Fn::GetAtt': [idOf(stack.web.logs), 'RegionalDomainName'] }, Prefix: 'cloudfront/' });
    expect(config.Aliases).toBeUndefined();
    expect(template.toJSON().Outputs.WebUrl.Value).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [idOf(stack.web.distribution), 'DomainName'] }]] });
  });

  it('security headers on every response: a CSP of self, Cognito and the files bucket; nosniff, DENY, HSTS', () => {
    // Act
    const config = distributionConfig();
    const policyIds = [config.DefaultCacheBehavior as Json, ...(config.CacheBehaviors as Json[])].map((b) => b.ResponseHeadersPolicyId);
    const [policyId] = ofType('AWS::CloudFront::ResponseHeadersPolicy').map(([id]) => id);
    const headers = (resources[policyId!]!.Properties.ResponseHeadersPolicyConfig as Json).SecurityHeadersConfig as Json;
    const csp = stack.resolve(contentSecurityPolicy('ap-southeast-1', stack.bucket.bucketRegionalDomainName));
    // Assess
    expect(policyIds).toEqual([{ Ref: policyId }, { Ref: policyId }]);
    expect(headers.ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: csp, Override: true });
    const text = JSON.stringify(csp);
    expect(text).toContain("script-src 'self';");
    expect(text).toContain("connect-src 'self' https://cognito-idp.ap-southeast-1.amazonaws.com https://");
    expect(text).toContain(`"Fn::GetAtt":["${idOf(stack.bucket)}","RegionalDomainName"]`);
    expect(headers).toMatchObject({
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 31_536_000, IncludeSubdomains: false, Override: true },
    });
  });
});

describe('the web bucket', () => {
  it('blocks public access, takes TLS only, is encrypted and access-logged; CloudFront of this distribution alone reads it', () => {
    // Prepare
    const bucketId = idOf(stack.web.bucket);
    // Act
    const bucket = resources[bucketId]!.Properties;
    const statements = ofType('AWS::S3::BucketPolicy').filter(([, p]) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: bucketId }))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Json[] }).Statement);
    // Assess
    expect(bucket.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    expect(bucket.LoggingConfiguration).toMatchObject({ LogFilePrefix: 'web/' });
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    const read = statements.find((s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: 'cloudfront.amazonaws.com' }))!;
    expect(read).toMatchObject({ Effect: 'Allow', Action: 's3:GetObject' });
    expect(JSON.stringify(read.Condition)).toContain(idOf(stack.web.distribution));
  });

  it('the app is built at synth (index.html, hashed assets) and deployed with app-config.json naming the tenant alone', () => {
    // Act
    const deployments = ofType('Custom::CDKBucketDeployment').map(([, d]) => d.Properties);
    const keys = (d: Json) => (d.SourceObjectKeys as string[]).map((k) => k.replace(/\.zip$/, ''));
    const staged = (hash: string) => join(outdir, `asset.${hash}`);
    const configDir = deployments.flatMap(keys).map(staged).find((dir) => existsSync(join(dir, 'app-config.json')))!;
    const appDir = deployments.flatMap(keys).map(staged).find((dir) => existsSync(join(dir, 'index.html')))!;
    // Assess
    expect(JSON.parse(readFileSync(join(configDir, 'app-config.json'), 'utf8'))).toEqual({ tenants: [{ id: TENANT, name: 'Huế' }] });
    expect(readFileSync(join(appDir, 'index.html'), 'utf8')).toMatch(/<script type="module" src="\/assets\/main-[A-Z0-9]+\.js">/);
    expect(readdirSync(join(appDir, 'assets')).some((f) => /^main-[A-Z0-9]+\.js$/.test(f))).toBe(true);
    for (const d of deployments) expect(d.DestinationBucketName).toEqual({ Ref: idOf(stack.web.bucket) });
  });

  it('hashed assets are cached for a year and kept across releases; index.html and app-config.json are revalidated', () => {
    // Act
    const deployments = ofType('Custom::CDKBucketDeployment').map(([, d]) => d.Properties);
    const shell = deployments.find((d) => JSON.stringify(d.Include) === JSON.stringify(['index.html', 'app-config.json']))!;
    const assets = deployments.find((d) => d !== shell)!;
    // Assess
    expect(deployments).toHaveLength(2);
    expect(assets).toMatchObject({ Exclude: ['index.html', 'app-config.json'], Prune: false, SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' } });
    expect(shell).toMatchObject({ Exclude: ['*'], Prune: false, SystemMetadata: { 'cache-control': 'no-cache' } });
    expect((shell.SourceObjectKeys as string[])).toHaveLength(2);
  });
});

describe('the files bucket', () => {
  it('lets the browser on the tenant\'s domain POST uploads and read downloads (CORS)', () => {
    // Act
    const cors = resources[idOf(stack.bucket)]!.Properties.CorsConfiguration as { CorsRules: Json[] };
    // Assess
    expect(cors.CorsRules).toEqual([{
      AllowedOrigins: [`https://${DOMAIN}`],
      AllowedMethods: [...BROWSER_UPLOAD_CORS.allowedMethods],
      AllowedHeaders: [...BROWSER_UPLOAD_CORS.allowedHeaders],
      ExposedHeaders: [...BROWSER_UPLOAD_CORS.exposedHeaders],
      MaxAge: BROWSER_UPLOAD_CORS.maxAgeSeconds,
    }]);
  });
});

describe('with a certificate for the tenant\'s domain', () => {
  /** The construct alone in a stack of its own, with the API and buckets it is given: no function to bundle. */
  function hosting(certificateArn: string | undefined, context: Json = {}): Stack & { web: WebHosting } {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'tinhso-web-hosting-cert-')), context });
    outdirs.push(app.outdir);
    const bare = new Stack(app, 'Web', { env: { region: 'ap-southeast-1' } });
    const logs = new Bucket(bare, 'AccessLogs');
    const web = new WebHosting(bare, 'Web', { tenant: stack.tenant, api: new HttpApi(bare, 'Api'), files: new Bucket(bare, 'Files'), accessLogs: logs, certificateArn });
    return Object.assign(bare, { web });
  }

  it('answers on the domain with TLS 1.2 at least, its URL is the domain\'s, and cdk-nag finds nothing in the web app', () => {
    // Prepare
    const bare = hosting(CERTIFICATE);
    // Act
    const json = Template.fromStack(bare).toJSON() as { Resources: Record<string, Resource> };
    const config = json.Resources[bare.getLogicalId(bare.web.distribution.node.defaultChild as CfnElement)]!.Properties.DistributionConfig as Json;
    const findings = new AwsSolutionsChecks().validateScope(bare.web).violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`));
    // Assess
    expect(config.Aliases).toEqual([DOMAIN]);
    expect(config.ViewerCertificate).toEqual({ AcmCertificateArn: CERTIFICATE, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    expect(bare.web.url).toBe(`https://${DOMAIN}`);
    expect(findings).toEqual([]);
  });

  it('a certificate outside us-east-1 is refused at synth, with the context key to fix', () => {
    expect(() => hosting('arn:aws:acm:ap-southeast-1:123456789012:certificate/x'))
      .toThrow(`${webCertificateContextKey(TENANT)}: "arn:aws:acm:ap-southeast-1:123456789012:certificate/x" is not an ACM certificate ARN of us-east-1`);
  });

  it('is taken from the context, `-c tinhso:web-certificate:<tenant>=<arn>`', () => {
    // Act
    const bare = hosting(undefined, { 'tinhso:web-certificate:hue': CERTIFICATE });
    // Assess
    expect(bare.web.domainName).toBe(DOMAIN);
  });
});
