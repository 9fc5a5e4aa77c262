// The $default stage of an HTTP API with JSON access logs in a log group of its own, encrypted with the deployment's
// key: the tenants' APIs and the operator API log the same fields, so one Logs Insights query reads both.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { LogGroupLogDestination, type HttpApi, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { FUNCTION_LOG_RETENTION } from './service-function';

export const API_ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  userAgent: '$context.identity.userAgent',
} as const;

/**
 * Adds the auto-deployed `$default` stage with access logs (`<id>AccessLogs`, kept as long as function logs) and, when
 * given, a throttle for every route (a tenant's plan's rate limit: API Gateway answers 429 beyond it).
 */
export function loggedDefaultStage(scope: Construct, id: string, api: HttpApi, key: IKey, throttle?: { rps: number; burst: number }): HttpStage {
  const accessLogs = new LogGroup(scope, `${id}AccessLogs`, {
    retention: FUNCTION_LOG_RETENTION,
    encryptionKey: key,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  return api.addStage('DefaultStage', {
    stageName: '$default',
    autoDeploy: true,
    ...(throttle ? { throttle: { rateLimit: throttle.rps, burstLimit: throttle.burst } } : {}),
    accessLogSettings: {
      destination: new LogGroupLogDestination(accessLogs),
      format: AccessLogFormat.custom(JSON.stringify(API_ACCESS_LOG_FIELDS)),
    },
  });
}
