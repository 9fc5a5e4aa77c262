// The web app of one tenant: web/src built at synth into a private bucket, served by CloudFront on the tenant's domain,
// with /v1/* passed to the tenant's HTTP API on the same origin, so the browser needs no CORS for the API. The same
// split as the local gateway (local/gateway.ts isWebPath). docs/web.md describes it for the operator.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DefaultStackSynthesizer, DockerImage, Duration, RemovalPolicy, Stack, Token, type CfnResource } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods, CachePolicy, Distribution, HeadersFrameOption, HeadersReferrerPolicy, HttpVersion, OriginProtocolPolicy,
  OriginRequestPolicy, ResponseHeadersPolicy, SecurityPolicyProtocol, ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { BROWSER_UPLOAD_CORS } from '#shared/uploads';
import type { Tenant } from '#shared/tenant';
import { acknowledge, NAG } from './nag';

const REPO_DIR = join(import.meta.dirname, '..', '..');
const WEB_DIR = join(REPO_DIR, 'web');

/**
 * CDK context naming a tenant's ACM certificate (us-east-1, as CloudFront requires) for its domain:
 * `-c tinhso:web-certificate:<tenant>=arn:aws:acm:us-east-1:…`. Without it the app is served on the CloudFront domain.
 */
export const webCertificateContextKey = (tenant: string): string => `tinhso:web-certificate:${tenant}`;

const BOOTSTRAP_QUALIFIER_CONTEXT = '@aws-cdk/core:bootstrapQualifier';

const US_EAST_1_CERTIFICATE = /^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/;

/** index.html and app-config.json: revalidated at every load, so a release or a config change shows at once. */
const SHELL_FILES = ['index.html', 'app-config.json'];
/** Everything under assets/ carries a content hash in its name (web/build.ts): cached for a year, never changed. */
const IMMUTABLE = [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()];
const REVALIDATE = [CacheControl.noCache()];

/** HSTS for a year. Not for subdomains: the tenant's domain is the province's, whose other hosts we do not run. */
const HSTS_MAX_AGE = Duration.days(365);

export interface WebHostingProps {
  tenant: Tenant;
  /** The tenant's HTTP API ($default stage): CloudFront's origin for /v1/*. */
  api: HttpApi;
  /** The tenant's files bucket: the browser POSTs uploads to it (presigned) and follows download links to it. */
  files: Bucket;
  /** Where the stack's buckets write their server access logs. */
  accessLogs: IBucket;
  /** An ACM certificate (us-east-1) for the tenant's domain; by default the context's `webCertificateContextKey`. */
  certificateArn?: string;
}

/**
 * Builds web/ into `outputDir` with the local toolchain (esbuild, as for the Lambda bundles): no Docker. A failed build
 * (a syntax error, the 200 KB budget exceeded) fails the synth with the build's own message.
 */
export function buildWebAsset(outputDir: string): true {
  try {
    execFileSync(process.execPath, ['--import', 'tsx', join(WEB_DIR, 'build-cli.ts'), '--out', outputDir], { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const { stderr, stdout, message } = err as { stderr?: Buffer; stdout?: Buffer; message: string };
    throw new Error(`Building the web app for deployment failed (node --import tsx web/build-cli.ts --out ${outputDir}): ${String(stderr ?? '').trim() || String(stdout ?? '').trim() || message}`);
  }
  return true;
}

export class WebHosting extends Construct {
  readonly bucket: Bucket;
  readonly logs: Bucket;
  readonly distribution: Distribution;
  /** The custom domain when a certificate is given, else CloudFront's own. */
  readonly domainName: string;
  readonly url: string;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    const { tenant, api, files, accessLogs } = props;
    const stack = Stack.of(this);

    // Public files of the app only: SSE-S3 (CloudFront's OAC reads it without a key grant), never public, TLS only.
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'web/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudFront's standard logs are written with ACLs: this bucket alone allows them (the others enforce the owner).
    this.logs = new Bucket(this, 'CdnLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(365), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'web-cdn-logs/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const certificateArn = props.certificateArn ?? (this.node.tryGetContext(webCertificateContextKey(tenant.id)) as string | undefined);
    if (certificateArn !== undefined && !Token.isUnresolved(certificateArn) && !US_EAST_1_CERTIFICATE.test(certificateArn)) {
      throw new Error(`${webCertificateContextKey(tenant.id)}: "${certificateArn}" is not an ACM certificate ARN of us-east-1 (CloudFront takes certificates from there only)`);
    }

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `Tinh So ${tenant.id}: security headers of the web app`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(stack.region, files.bucketRegionalDomainName), override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        strictTransportSecurity: { accessControlMaxAge: HSTS_MAX_AGE, includeSubdomains: false, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Tinh So ${tenant.id} web app and API`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // The app routes by the URL's hash (#/<tenant>/…): every page is index.html, so no rewrite of 403/404 is needed.
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
      },
      additionalBehaviors: {
        // The API on the same origin. Nothing cached; every header but Host (API Gateway routes by its own host name)
        // goes through, Authorization included (allowed with caching disabled), and every query string and method.
        '/v1/*': {
          origin: new HttpOrigin(`${api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
      ...(certificateArn
        ? { domainNames: [tenant.domain], certificate: Certificate.fromCertificateArn(this, 'Certificate', certificateArn), minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021 }
        : {}),
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
    });
    acknowledge(this.distribution, NAG.webGeoRestriction, NAG.webWaf);
    // CloudFront's own certificate (*.cloudfront.net) accepts TLSv1 and cannot be told otherwise; a custom one can.
    if (!certificateArn) acknowledge(this.distribution, NAG.webDefaultCertificate);

    this.domainName = certificateArn ? tenant.domain : this.distribution.distributionDomainName;
    this.url = `https://${this.domainName}`;

    // The browser POSTs uploads straight to the files bucket (presigned) and reads downloads from it. The origin is the
    // tenant's domain only: naming the distribution's domain here would close a cycle (the distribution's CSP names
    // this bucket). On CloudFront's own domain the app works, but uploads need the custom domain (docs/web.md).
    files.addCorsRule({
      allowedOrigins: [`https://${tenant.domain}`],
      allowedMethods: BROWSER_UPLOAD_CORS.allowedMethods.map((m) => HttpMethods[m]),
      allowedHeaders: [...BROWSER_UPLOAD_CORS.allowedHeaders],
      exposedHeaders: [...BROWSER_UPLOAD_CORS.exposedHeaders],
      maxAge: BROWSER_UPLOAD_CORS.maxAgeSeconds,
    });

    // web/ built at synth by the local toolchain; never in Docker (the image below is required by the type, never run).
    const app = Source.asset(WEB_DIR, {
      bundling: {
        image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-slim'),
        local: { tryBundle: (outputDir) => buildWebAsset(outputDir) },
      },
    });
    // The one province this deployment serves (the app's province picker shows it alone).
    const config = Source.jsonData('app-config.json', { tenants: [{ id: tenant.id, name: tenant.name }] });

    // Hashed assets first, kept across releases (prune off): a page loaded before a release still finds its chunks.
    const assets = new BucketDeployment(this, 'Assets', {
      destinationBucket: this.bucket,
      sources: [app],
      exclude: SHELL_FILES,
      prune: false,
      cacheControl: IMMUTABLE,
    });
    // Then the shell that names them, and the config: revalidated at each load.
    const shell = new BucketDeployment(this, 'Shell', {
      destinationBucket: this.bucket,
      sources: [app, config],
      exclude: ['*'],
      include: SHELL_FILES,
      prune: false,
      cacheControl: REVALIDATE,
    });
    shell.node.addDependency(assets);
    acknowledgeDeploymentHandler(stack, this.bucket);
  }
}

/**
 * Scripts and styles from the app's own origin only; the API on the same origin; Cognito's endpoint for sign-in
 * (web/src/core/auth.ts); the files bucket for the presigned upload POST and downloads. Images may be data: and blob:
 * URLs (the favicon, previews of a picked file). Preact's `style` props go through the CSSOM, which CSP allows.
 */
export function contentSecurityPolicy(region: string, filesDomain: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' https://cognito-idp.${region}.amazonaws.com https://${filesDomain}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** BucketDeployment's handler is a singleton function at the stack's root (`Custom::CDKBucketDeployment…`). */
function acknowledgeDeploymentHandler(stack: Stack, webBucket: Bucket): void {
  // Where `cdk deploy` uploads file assets: the bootstrap bucket of the default synthesizer (its qualifier).
  const qualifier = (stack.node.tryGetContext(BOOTSTRAP_QUALIFIER_CONTEXT) as string | undefined) ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  const assetObjects = `arn:aws:s3:::cdk-${qualifier}-assets-\${AWS::AccountId}-${stack.region}/*`;
  for (const child of stack.node.children) {
    if (child.node.id.startsWith('Custom::CDKBucketDeployment')) acknowledge(child, ...NAG.webDeployment(child, webBucket.node.defaultChild as CfnResource, assetObjects));
  }
}
