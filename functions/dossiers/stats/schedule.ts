// Lambda entry of the nightly daily report (`dossiers-stats-daily`, functions/index.ts): for every tenant of the
// deployment, yesterday's figures by receiving unit, frozen once. Safe to run twice: the first report stays.
import { Logger } from '@aws-lambda-powertools/logger';
import type { ScheduledEvent } from 'aws-lambda';
import { requireEnv, requireJsonEnv } from '#shared/config';
import { documentClient } from '#shared/ddb';
import { DeployedTenants } from '#shared/tenant';
import { dossiersTable } from '../tables';
import { takeDailySnapshot } from './service';
import { dynamoStatsStore } from './store';
import { withConsumption } from '#shared/with-consumption';

const logger = new Logger({ serviceName: 'dossiers-stats-daily' });
const store = dynamoStatsStore(documentClient(), requireEnv(dossiersTable.envVar));
const tenants = requireJsonEnv('TENANTS', DeployedTenants);

// Counted in the tenant's consumption (shared/with-consumption.ts).
export const handler = withConsumption(handle);
async function handle(event: ScheduledEvent): Promise<{ tenant: string; day: string; created: boolean }[]> {
  const time = new Date(event.time);
  const results = [];
  for (const tenant of tenants) {
    const result = await takeDailySnapshot(store, tenant.id, time, new Date());
    logger.info('daily report', { tenant: tenant.id, ...result });
    results.push({ tenant: tenant.id, ...result });
  }
  return results;
}
