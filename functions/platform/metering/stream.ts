// Lambda entry of every metering consumer (functions/platform/metering/catalog.ts): one function per tenant table,
// fed by that table's stream, counting into the platform's usage table. The item's key says what it is (events.ts),
// so the same code serves each table.
import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { requireEnv, requireJsonEnv } from '#shared/config';
import { documentClient } from '#shared/ddb';
import { recordsToProcess } from '#shared/import-window';
import { usageTable } from '#shared/metering';
import { DeployedTenants } from '#shared/tenant';
import { meter } from './consumer';
import { dynamoMeterStore } from './store';
import { withConsumption } from '#shared/with-consumption';

const logger = new Logger({ serviceName: 'metering' });
const store = dynamoMeterStore(documentClient(), requireEnv(usageTable.envVar));
const tenants = new Set(requireJsonEnv('TENANTS', DeployedTenants).map((t) => t.id));

// Counted in the tenant's consumption (shared/with-consumption.ts).
export const handler = withConsumption(handle);
async function handle(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  // Records of an archive being imported were counted in the exported deployment, and are no new writes either; nor
  // are an offboarded tenant's (its purge). recordsToProcess reads the registry afresh and allows for coarse stamps.
  const records = await recordsToProcess(event.Records);
  return meter(records, { store, tenants, now: () => new Date(), log: (message, details) => logger.warn(message, details) });
}
