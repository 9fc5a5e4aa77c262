// Lambda entry of the archive runner (catalog.ts ARCHIVE_RUNNER): invoked asynchronously by the operator API with a
// RunRequest, it runs the recorded export, import or purge in the tenant's deployment and records the outcome
// (service.ts runOperation). What it throws, Lambda retries twice, then sends to the runner's dead-letter queue.
import { Logger } from '@aws-lambda-powertools/logger';
import { systemClock } from '#shared/clock';
import { requireEnv } from '#shared/config';
import { documentClient } from '#shared/ddb';
import { usageTable } from '#shared/metering';
import { registryTable } from '#shared/registry';
import { dynamoRegistryStore } from '../store';
import { lambdaTenantOperations } from './invoke';
import { RunRequest } from './schemas';
import { runOperation, type RunDeps, type RunOutcome } from './service';
import { dynamoArchiveStore } from './store';
import { ARCHIVE_RUNNER } from './catalog';

const logger = new Logger({ serviceName: ARCHIVE_RUNNER.name });
const registry = requireEnv(registryTable.envVar);

const deps: RunDeps = {
  store: dynamoRegistryStore(documentClient(), registry),
  archive: dynamoArchiveStore(documentClient(), registry, requireEnv(usageTable.envVar)),
  operations: lambdaTenantOperations(),
  clock: systemClock,
};

export async function handler(event: unknown): Promise<RunOutcome> {
  const request = RunRequest.parse(event);
  logger.appendKeys({ tenantId: request.tenant });
  try {
    const outcome = await runOperation(deps, request);
    logger.info('archive run', { ...request, ...outcome });
    return outcome;
  } catch (err) {
    logger.error('archive run broke; Lambda retries it', { ...request, error: err as Error });
    throw err;
  } finally {
    logger.resetKeys();
  }
}
