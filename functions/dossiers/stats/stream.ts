// Lambda entry of the dossier statistics: fed by the dossiers table's stream (functions/index.ts, `dossiers-stats`).
// Idempotent under redelivery; see consumer.ts and docs/statistics.md.
import { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { requireEnv } from '#shared/config';
import { documentClient } from '#shared/ddb';
import { recordsToProcess } from '#shared/import-window';
import { dossiersTable } from '../tables';
import { consume } from './consumer';
import { dynamoStatsStore } from './store';
import { withConsumption } from '#shared/with-consumption';

const logger = new Logger({ serviceName: 'dossiers-stats' });
const store = dynamoStatsStore(documentClient(), requireEnv(dossiersTable.envVar));

// Counted in the tenant's consumption (shared/with-consumption.ts).
export const handler = withConsumption(handle);
async function handle(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  // Imported dossiers were counted in the archive's statistics already (docs/archive.md).
  return consume(await recordsToProcess(event.Records), { store, now: () => new Date(), log: (message, details) => logger.error(message, details) });
}
