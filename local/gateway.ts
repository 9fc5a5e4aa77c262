// The local API Gateway: HTTP requests → API Gateway HTTP API v2 events → the same handlers Lambda runs.
// It verifies tokens like the JWT authorizer, applies the tenant rule before any handler runs, and serves
// the Lambda Invoke API: cognito-local calls it for its triggers, the platform's exchange hub for the tenants' inbound
// functions (`tinhso-<tenant>-<fn>`), the operator API for the archive runner (`tinhso-platform-archive-runner`,
// asynchronously), and the runner for the tenants' operations.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { flattenClaim } from '#shared/auth';
import { AppError, errorBody, internalError, notFound, tenantNotFound, unauthorized, wrongTenant } from '#shared/errors';
import { isPlatformRoute, isTenantScoped } from '#shared/http/route';
import type { DeployedTenant, TenantAuth } from '#shared/tenant';
import { PLATFORM_DEPLOYMENT } from '#shared/exchange';
import { toVietnamIso } from '#shared/clock';
import { PLATFORM_API, SERVICES } from '#functions/index';
import { tokenVerifier } from './jwt';
import { routeTable } from './routing';
import type { Workers } from './workers';

/** API Gateway's own limit for an HTTP API payload. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
const LAMBDA_INVOKE = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
/** tenantFunctionName's form: tenant ids have no hyphen (shared/tenant.ts TenantId). */
const TENANT_FUNCTION = /^tinhso-([a-z][a-z0-9]*)-(.+)$/;

export interface GatewayOptions {
  tenants: DeployedTenant[];
  /** The platform's user pool: the operator API (/platform/v1/…) admits its tokens and no tenant's. */
  operatorAuth: TenantAuth;
  workers: Workers;
  cognitoEndpoint: string;
  port: number;
  /**
   * The built web app (web/build.ts), served at / as CloudFront serves it from the tenant's web bucket. `dir` is
   * asked at every request: with WEB_DEV=1, `refresh` rebuilds when index.html is asked for and `dir` moves to the
   * new build, so a reload shows the code just saved.
   */
  web?: { dir(): string; refresh?(): Promise<unknown> };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

const sendError = (res: ServerResponse, err: AppError, headers: Record<string, string> = {}) => send(res, err.status, errorBody(err), headers);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD_BYTES) {
      throw new AppError(413, 'PAYLOAD_TOO_LARGE', 'Dữ liệu gửi lên quá lớn.', 'The request is too large.', { limit: MAX_PAYLOAD_BYTES });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const isText = (contentType: string | undefined) => !contentType || /^(text\/|application\/(json|xml|x-www-form-urlencoded)|.*\+json|.*\+xml)/i.test(contentType);

function headerMap(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

function queryMap(search: URLSearchParams): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const key of new Set(search.keys())) out[key] = search.getAll(key).join(',');
  return Object.keys(out).length ? out : undefined;
}

const WEB_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2',
};

/** Whether a path belongs to the web app rather than to an API (the same split as CloudFront's behaviours). */
const isWebPath = (path: string) => !path.startsWith('/v1/') && path !== '/v1' && !path.startsWith('/platform/') && !path.startsWith('/2015-03-31/');

/**
 * The web app's files. Hashed assets are cached for a year; index.html never, so a new release is picked up at once.
 * /app-config.json lists the provinces to choose from (in AWS the deployment writes it with its one province).
 */
async function serveWeb(res: ServerResponse, options: GatewayOptions, path: string) {
  if (path === '/app-config.json') {
    return send(res, 200, { tenants: options.tenants.map((t) => ({ id: t.id, name: t.name })) }, { 'cache-control': 'no-cache' });
  }
  const file = path === '/' ? 'index.html' : normalize(decodeURIComponent(path)).replace(/^([/\\])+/, '');
  if (file === 'index.html') await options.web!.refresh?.();
  const webDir = options.web!.dir();
  if (file.startsWith('..')) throw notFound('ROUTE_NOT_FOUND', 'Không có trang này.', 'No such page.');
  try {
    const body = await readFile(join(webDir, file));
    const immutable = file.startsWith('assets/');
    res.writeHead(200, {
      'content-type': WEB_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  } catch {
    throw notFound('ROUTE_NOT_FOUND', 'Không có trang này.', 'No such page.');
  }
}

export async function startGateway(options: GatewayOptions): Promise<{ server: Server; url: string }> {
  const routes = routeTable([...SERVICES, PLATFORM_API]);
  const verify = await tokenVerifier(options.tenants.map((t) => t.auth), options.cognitoEndpoint);
  // The PlatformStack's API has its own JWT authorizer, on the platform's pool: a tenant's token is a 401 there.
  const verifyOperator = await tokenVerifier([options.operatorAuth], options.cognitoEndpoint);
  const tenantIds = new Set(options.tenants.map((t) => t.id));
  const defaultTenant = options.tenants[0]!.id;

  /**
   * Lambda's Invoke. `tinhso-<tenant>-<fn>` (tenantFunctionName, or its ARN) runs <fn> in that tenant's worker, and
   * `tinhso-platform-<fn>` in the platform's; any other name is a Cognito trigger, run for the tenant whose user pool
   * the event names. RequestResponse (the default): a function that throws answers 200 with X-Amz-Function-Error, as
   * Lambda does, so the SDK reports FunctionError. Event: 202 with no payload at once, the function runs afterwards and
   * a failure is logged (Lambda's two retries and the dead-letter queue are AWS's: docs/archive.md). DryRun: 204.
   */
  async function handleInvoke(req: IncomingMessage, res: ServerResponse, functionName: string) {
    const event = JSON.parse((await readBody(req)).toString('utf8') || 'null') as { userPoolId?: string } | null;
    const invocationType = req.headers['x-amz-invocation-type'] ?? 'RequestResponse';
    if (!['RequestResponse', 'Event', 'DryRun'].includes(String(invocationType))) {
      return send(res, 400, { Type: 'User', message: `Invalid InvocationType: ${String(invocationType)}` }, { 'x-amzn-errortype': 'InvalidParameterValueException' });
    }
    const name = functionName.replace(/^arn:aws:lambda:[^:]*:[^:]*:function:/, '');
    const named = TENANT_FUNCTION.exec(name);
    let tenant: string;
    let target: string;
    if (named && (tenantIds.has(named[1]!) || named[1] === PLATFORM_DEPLOYMENT)) {
      [tenant, target] = [named[1]!, named[2]!];
      if (!options.workers.hasFunction(tenant, target)) {
        return send(res, 404, { Type: 'User', message: `Function not found: ${name}` }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
      }
    } else {
      const byPool = options.tenants.find((t) => t.auth.userPoolId === event?.userPoolId);
      if (!byPool) return send(res, 404, { Type: 'User', message: `Function not found: ${name} (no tenant of that name, no tenant uses user pool ${event?.userPoolId})` }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
      [tenant, target] = [byPool.id, name];
    }
    if (invocationType === 'DryRun') {
      res.writeHead(204);
      return res.end();
    }
    if (invocationType === 'Event') {
      res.writeHead(202);
      res.end();
      options.workers.invoke(tenant, target, event).catch((err: unknown) => console.error(`gateway: asynchronous invocation of ${name} failed:`, err));
      return;
    }
    let result: unknown;
    try {
      result = await options.workers.invoke(tenant, target, event);
    } catch (err) {
      return send(res, 200, { errorMessage: (err as Error).message, errorType: (err as Error).name || 'Error' }, { 'x-amz-function-error': 'Unhandled' });
    }
    send(res, 200, result ?? null);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL) {
    const method = req.method ?? 'GET';
    const match = routes.match(method, url.pathname);
    if (!match) throw notFound('ROUTE_NOT_FOUND', 'Không có chức năng này.', 'No such route.');
    if ('allowed' in match) {
      return sendError(res, new AppError(405, 'METHOD_NOT_ALLOWED', 'Phương thức không được hỗ trợ.', 'Method not allowed.'), { allow: match.allowed.join(', ') });
    }
    const tenant = isTenantScoped(match.route) ? match.pathParameters.tenant! : undefined;
    const platform = isPlatformRoute(match.route);
    let claims: Record<string, unknown> | undefined;
    if (match.route.access !== 'public') {
      claims = await (platform ? verifyOperator : verify)(req.headers.authorization);
      if (!claims) throw unauthorized();
      if (tenant !== undefined && claims['custom:tenant'] !== tenant) throw wrongTenant();
    }
    if (tenant !== undefined && !tenantIds.has(tenant)) throw tenantNotFound();

    const body = await readBody(req);
    const headers = headerMap(req);
    const text = isText(headers['content-type']);
    const now = new Date();
    const event = {
      version: '2.0',
      routeKey: match.routeKey,
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      cookies: req.headers.cookie?.split(/;\s*/),
      headers,
      queryStringParameters: queryMap(url.searchParams),
      pathParameters: Object.keys(match.pathParameters).length ? match.pathParameters : undefined,
      requestContext: {
        accountId: 'local', apiId: 'local', domainName: headers.host ?? 'localhost', domainPrefix: 'local',
        http: { method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
        requestId: randomUUID(), routeKey: match.routeKey, stage: '$default', time: toVietnamIso(now), timeEpoch: now.getTime(),
        ...(claims ? { authorizer: { jwt: { claims: Object.fromEntries(Object.entries(claims).map(([k, v]) => [k, flattenClaim(v)])), scopes: null } } } : {}),
      },
      body: body.length ? (text ? body.toString('utf8') : body.toString('base64')) : undefined,
      isBase64Encoded: body.length > 0 && !text,
    };
    const result = (await options.workers.invoke(platform ? PLATFORM_DEPLOYMENT : tenant ?? defaultTenant, match.service, event)) as {
      statusCode?: number; headers?: Record<string, string>; body?: string; isBase64Encoded?: boolean; cookies?: string[];
    };
    const responseHeaders: Record<string, string | string[]> = { ...(result.headers ?? {}) };
    if (result.cookies?.length) responseHeaders['set-cookie'] = result.cookies;
    res.writeHead(result.statusCode ?? 200, responseHeaders);
    res.end(result.body === undefined ? undefined : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8'));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const invoke = LAMBDA_INVOKE.exec(url.pathname);
    const web = options.web && (req.method === 'GET' || req.method === 'HEAD') && isWebPath(url.pathname);
    const work = invoke && req.method === 'POST' ? handleInvoke(req, res, decodeURIComponent(invoke[1]!))
      : web ? serveWeb(res, options, url.pathname)
        : handleApi(req, res, url);
    work.catch((err: unknown) => {
      if (res.headersSent) return res.destroy();
      if (err instanceof AppError) return sendError(res, err);
      console.error('gateway:', err);
      sendError(res, internalError());
    });
  });
  // Idle connections stay open a minute, as behind API Gateway or a load balancer: a client that paused (a test blocked
  // in a synchronous child process) must not reuse a socket the server closed after Node's default 5 s.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}
