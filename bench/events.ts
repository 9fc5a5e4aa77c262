// The first request each function gets in the cold-start runs: complete API Gateway HTTP API (v2) events
// for requests that need no I/O (no network is reachable) yet go through the whole middleware chain.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isTenantScoped, routeKey, type RouteDef } from '#shared/http/route';

export interface Probe {
  /** e.g. 'GET /v1/health', exactly as the service's routes declare it. */
  routeKey: string;
  rawPath: string;
  pathParameters?: Record<string, string>;
  /** The status the function must answer with; anything else is reported as wrong. */
  expectedStatus: number;
}

/**
 * Per service name, where the default does not fit. The default (`defaultProbe`) is the service's first protected
 * tenant route called without a token: everything loads, and the request is refused with 401 before any I/O.
 */
export const PROBES: Record<string, Probe> = {
  // A form of a dossier without a token: the PDF writer and the font load; refused with 401 before any I/O.
  'dossier-forms': {
    routeKey: 'GET /v1/{tenant}/dossiers/{code}/forms/receipt',
    rawPath: '/v1/nghean/dossiers/000.00.31.H41-261124-0001/forms/receipt',
    pathParameters: { tenant: 'nghean', code: '000.00.31.H41-261124-0001' },
    expectedStatus: 401,
  },
  // Public, no tenant: the router, Logger/Metrics/Tracer middlewares, the response schema.
  api: { routeKey: 'GET /v1/health', rawPath: '/v1/health', expectedStatus: 200 },
  // Staff-only: everything is loaded (SDK clients, store, schemas), the request is refused with 401 before any I/O.
  directory: {
    routeKey: 'GET /v1/{tenant}/units',
    rawPath: '/v1/nghean/units',
    pathParameters: { tenant: 'nghean' },
    expectedStatus: 401,
  },
};

export function defaultProbe(routes: Record<string, RouteDef>): Probe | undefined {
  const route = Object.values(routes).find((r) => r.access !== 'public' && isTenantScoped(r) && !/\{(?!tenant\})/.test(r.path));
  if (!route) return undefined;
  return { routeKey: routeKey(route), rawPath: route.path.replace('{tenant}', 'nghean'), pathParameters: { tenant: 'nghean' }, expectedStatus: 401 };
}

export const BENCH_TIME_EPOCH = Date.UTC(2025, 6, 1, 2, 0, 0);

export function httpEvent(probe: Probe, requestId: string): APIGatewayProxyEventV2 {
  const method = probe.routeKey.split(' ')[0] ?? 'GET';
  const headers = {
    accept: 'application/json',
    'accept-encoding': 'gzip, deflate, br',
    'content-length': '0',
    host: 'api.tinhso.example',
    'user-agent': 'tinhso-bench/1.0',
    'x-amzn-trace-id': 'Root=1-68634000-0123456789abcdef01234567',
    'x-forwarded-for': '203.0.113.10',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
  };
  return {
    version: '2.0',
    routeKey: probe.routeKey,
    rawPath: probe.rawPath,
    rawQueryString: '',
    headers,
    ...(probe.pathParameters ? { pathParameters: probe.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench00000',
      domainName: headers.host,
      domainPrefix: 'api',
      http: { method, path: probe.rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: headers['user-agent'] },
      requestId,
      routeKey: probe.routeKey,
      stage: '$default',
      time: '01/Jul/2025:02:00:00 +0000',
      timeEpoch: BENCH_TIME_EPOCH,
    },
    isBase64Encoded: false,
  };
}
