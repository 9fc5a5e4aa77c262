// The one wrapper around every Lambda entry point of a tenant deployment (docs/billing.md): it counts the invocation
// and its GB-seconds into the container's consumption tally (shared/consumption.ts) and flushes the tally when due.
// HTTP functions get it through httpHandler; every other entry (stream consumers, schedules, inbound, mail receiving,
// tenant operations, Cognito triggers) exports `handler = withConsumption(...)`. test/unit/consumption.test.ts checks
// that each entry the deployment runs does.
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { flushConsumptionIfDue, recordInvocation } from './consumption';
import { documentClient } from './ddb';

let logger: Logger | undefined;
const warn = (message: string, err: unknown) => (logger ??= new Logger({ serviceName: 'consumption' })).warn(message, { error: String(err) });

/**
 * `handler`, measured: the invocation counts whether it returns or throws (Lambda bills both), and the flush runs
 * before the result goes back, so that its write is done before Lambda freezes the container. The flush never throws.
 */
export function withConsumption<E, R>(handler: (event: E, context: Context) => Promise<R>): (event: E, context: Context) => Promise<R> {
  return async (event, context) => {
    const started = performance.now();
    try {
      return await handler(event, context);
    } finally {
      // Lambda gives the memory in the context; the environment has it too (a caller that passes no context).
      recordInvocation(performance.now() - started, Number((context as Context | undefined)?.memoryLimitInMB ?? process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE));
      await flushConsumptionIfDue(documentClient, warn);
    }
  };
}
