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

const logger = new Logger({ serviceName: 'dossiers-stats' });
const store = dynamoStatsStore(documentClient(), requireEnv(dossiersTable.envVar));

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  // Imported dossiers were counted in the archive's statistics already (docs/archive.md).
  return consume(await recordsToProcess(event.Records), { store, now: () => new Date(), log: (message, details) => logger.error(message, details) });
}
