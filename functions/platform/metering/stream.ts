// Lambda entry of every metering consumer (functions/platform/metering/catalog.ts): one function per tenant table,
// fed by that table's stream, counting into the platform's usage table. The item's key says what it is (events.ts),
// so the same code serves each table.
import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { requireEnv, requireJsonEnv } from '#shared/config';
import { documentClient } from '#shared/ddb';
import { recordsToProcess, tenantOfRecord } from '#shared/import-window';
import { usageTable } from '#shared/metering';
import { tenantStates } from '#shared/registry';
import { DeployedTenants } from '#shared/tenant';
import { mayBeImported, meter } from './consumer';
import { dynamoMeterStore } from './store';

const logger = new Logger({ serviceName: 'metering' });
const store = dynamoMeterStore(documentClient(), requireEnv(usageTable.envVar));
const tenants = new Set(requireJsonEnv('TENANTS', DeployedTenants).map((t) => t.id));

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  // Records of an archive being imported were counted in the exported deployment, and are no new writes either; nor
  // are an offboarded tenant's (its purge). recordsToProcess reads the registry afresh; the stricter window check below
  // (the stream's stamps are coarse) reads the same record from the reader's cache.
  const kept = await recordsToProcess(event.Records);
  const states = tenantStates();
  const records: DynamoDBRecord[] = [];
  for (const record of kept) {
    const tenant = tenantOfRecord(record);
    const window = tenant ? (await states.get(tenant))?.importWindow : undefined;
    if (!mayBeImported(window, record.dynamodb?.ApproximateCreationDateTime)) records.push(record);
  }
  return meter(records, { store, tenants, now: () => new Date(), log: (message, details) => logger.warn(message, details) });
}
