// The one HTTP Lambda adapter every service uses: route by routeKey, enforce access and tenancy, validate,
// run the route's implementation, answer in the suite's error shape.
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { recordRequest } from '../consumption';
import { callerFromClaims, hasAnyRole, operatorFromClaims, type Caller, type JwtClaims } from '../auth';
import { AppError, errorBody, forbidden, internalError, missingRole, notFound, tenantNotFound, unauthorized, wrongTenant } from '../errors';
import { PLAN_SERVICE_OF } from '../plans';
import { tenantStates, type TenantStateReader } from '../registry';
import { findTenant } from '../tenancy';
import { withConsumption } from '../with-consumption';
import type { Idempotency } from './idempotency';
import { observability } from './observability';
import { parseWith, readBody } from './request';
import { isTenantScoped, routeKey, type RouteDef, type Routes } from './route';

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface RequestInput<R extends RouteDef> {
  params: Infer<R['params']>;
  query: Infer<R['query']>;
  body: Infer<R['body']>;
  /** The path's tenant; '' on routes outside /v1/{tenant}. */
  tenant: string;
  caller: R['access'] extends 'public' ? Caller | undefined : Caller;
  headers: Record<string, string | undefined>;
}

export type RouteImpl<R extends RouteDef> = (input: RequestInput<R>) => Promise<z.input<R['response']> | (R['produces'] extends readonly string[] ? RawResponse : never)>;
export type Implementations<RS extends Routes> = { [K in keyof RS]: RouteImpl<RS[K]> };

const RAW = Symbol('raw response');

/** A text answer in one of the route's `produces` types (CSV, HTML, XML) instead of JSON. */
export interface RawResponse {
  [RAW]: true;
  contentType: string;
  body: string;
  /** Offered as a download under this name. */
  fileName?: string;
}

export const rawResponse = (contentType: string, body: string, fileName?: string): RawResponse => ({ [RAW]: true, contentType, body, fileName });
const isRawResponse = (value: unknown): value is RawResponse => typeof value === 'object' && value !== null && RAW in value;

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

/**
 * `idempotency` is passed in by services that have idempotent routes, so the others do not load (nor pay the
 * cold start of) the DynamoDB persistence it needs.
 */
export interface HttpHandlerOptions {
  /** The registry's view of each tenant (status, plan); the platform's registry table unless given (unit tests). */
  tenantStates?: TenantStateReader;
}

export function httpHandler<RS extends Routes>(service: string, routes: RS, implementations: Implementations<RS>, idempotency?: Idempotency, options: HttpHandlerOptions = {}) {
  const idempotentRoute = Object.entries(routes).find(([, route]) => route.idempotent);
  if (idempotentRoute && !idempotency) throw new Error(`${service}.${idempotentRoute[0]} is idempotent: pass an Idempotency to httpHandler`);
  const { logger, metrics, tracer } = observability(service);
  const byKey = new Map(Object.entries(routes).map(([operation, route]) => [routeKey(route), { operation, route }]));

  async function dispatch(event: HttpEvent, context: Context): Promise<HttpResult> {
    const response = await respond(event, context);
    // The tenant's AWS consumption for the cost report (shared/consumption.ts): one API Gateway request; the
    // invocation and its GB-seconds are counted by withConsumption, as for every function.
    recordRequest();
    // Per tenant: how much each province uses, and how much of it fails (the tenant dimension is added in respond).
    metrics.addMetric('Requests', MetricUnit.Count, 1);
    if (response.statusCode! >= 400) metrics.addMetric(response.statusCode! >= 500 ? 'ServerErrors' : 'ClientErrors', MetricUnit.Count, 1);
    return response;
  }

  async function respond(event: HttpEvent, context: Context): Promise<HttpResult> {
    const match = byKey.get(event.routeKey);
    try {
      if (!match) throw notFound('ROUTE_NOT_FOUND', 'Không có chức năng này.', 'No such route.');
      const { operation, route } = match;
      const tenant = isTenantScoped(route) ? (event.pathParameters?.tenant ?? '') : '';
      logger.appendKeys({ tenant, correlationId: event.requestContext.requestId, operation });
      // Only known tenants become dimensions: a path of random tenant ids must not mint paid custom metrics.
      if (tenant && findTenant(tenant)) metrics.addDimension('tenant', tenant);
      const caller = authorize(route, tenant, event.requestContext.authorizer?.jwt?.claims as JwtClaims | undefined, service);
      if (tenant) await requireOpen(options.tenantStates ?? tenantStates(), tenant, route);

      const input = {
        params: route.params ? parseWith(route.params, event.pathParameters ?? {}, 'params') : undefined,
        query: route.query ? parseWith(route.query, event.queryStringParameters ?? {}, 'query') : undefined,
        body: route.body ? parseWith(route.body, readBody(event, route), 'body') : undefined,
        tenant,
        caller,
        headers: event.headers ?? {},
      } as RequestInput<typeof route>;
      const implementation = implementations[operation] as RouteImpl<RouteDef>;
      const idempotencyKey = route.idempotent ? event.headers?.['idempotency-key'] : undefined;
      const result = idempotencyKey && idempotency
        ? await idempotency.run({ scope: `${tenant}#${service}.${operation}`, key: idempotencyKey, input, context, run: implementation })
        : await implementation(input);
      if (isRawResponse(result)) {
        if (!route.produces?.includes(result.contentType)) throw new Error(`${operation} may not answer ${result.contentType}`);
        return {
          statusCode: route.status ?? 200,
          headers: {
            'content-type': `${result.contentType}; charset=utf-8`, 'cache-control': 'no-store',
            ...(result.fileName ? { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(result.fileName)}` } : {}),
          },
          body: result.body,
        };
      }
      return json(route.status ?? 200, route.response.parse(result));
    } catch (err) {
      const appError = err instanceof AppError ? err : idempotency?.toAppError(err);
      if (appError) {
        logger.info('request refused', { status: appError.status, code: appError.code });
        return json(appError.status, errorBody(appError));
      }
      logger.error('request failed', err as Error);
      return json(500, errorBody(internalError()));
    }
  }

  // Measured outside the middlewares: their time is billed too.
  return withConsumption(middy(dispatch)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics))
    .use(captureLambdaHandler(tracer)));
}

/** A service the tenant's plan does not include answers 403 on every route, after the tenant checks (no data read). */
function requireInPlan(service: string, tenant: string): void {
  const planService = PLAN_SERVICE_OF[service];
  if (!tenant || !planService) return;
  if (!findTenant(tenant)?.services.includes(planService)) {
    throw forbidden('SERVICE_NOT_IN_PLAN', 'Gói dịch vụ của tỉnh không bao gồm chức năng này.', 'The province\'s plan does not include this service.');
  }
}

const READS = new Set(['GET', 'HEAD']);

/**
 * What the operator decided (the registry): a suspended tenant answers 403 on every route, one suspended read-only
 * answers reads only, an offboarded one nothing. A tenant the registry does not know yet is served as deployed.
 */
async function requireOpen(states: TenantStateReader, tenant: string, route: RouteDef): Promise<void> {
  const state = await states.get(tenant);
  if (!state || state.status === 'active') return;
  if (state.status === 'offboarded') {
    throw new AppError(403, 'TENANT_OFFBOARDED', 'Tỉnh/thành phố này đã ngừng sử dụng hệ thống.', 'This province has left the suite.');
  }
  if (state.status === 'read-only' && READS.has(route.method)) return;
  throw new AppError(403, 'TENANT_SUSPENDED',
    state.status === 'read-only'
      ? 'Hệ thống của tỉnh đang tạm dừng: chỉ được xem, không được thay đổi dữ liệu.'
      : 'Hệ thống của tỉnh đang tạm dừng hoạt động.',
    state.status === 'read-only' ? 'The province\'s service is suspended: reading only, no changes.' : 'The province\'s service is suspended.',
    { mode: state.status === 'read-only' ? 'read-only' : 'full' });
}

/**
 * 401 without a token, 403 for another tenant's token (before any data is read), 404 for an unknown tenant, 403 for a
 * service the tenant's plan leaves out, 403 for a role.
 */
function authorize(route: RouteDef, tenant: string, claims: JwtClaims | undefined, service: string): Caller | undefined {
  if (route.access === 'operator') {
    // The platform's API: its JWT authorizer admits tokens of the platform's user pool only; the group decides.
    const operator = operatorFromClaims(claims);
    if (!claims) throw unauthorized();
    if (!operator) throw missingRole();
    return operator;
  }
  if (route.access === 'public') {
    if (tenant && !findTenant(tenant)) throw tenantNotFound();
    requireInPlan(service, tenant);
    return undefined;
  }
  const caller = callerFromClaims(claims);
  if (!caller) throw unauthorized();
  if (tenant && caller.tenant !== tenant) throw wrongTenant();
  if (tenant && !findTenant(tenant)) throw tenantNotFound();
  requireInPlan(service, tenant);
  if (route.access !== 'authenticated' && !hasAnyRole(caller, route.access)) throw missingRole();
  return caller;
}
