// What billing reads of the usage table (shared/metering.ts key design): the month's usage (readMonthUsage) and the
// consumption tally's item, `TENANT#<id>` / `CONSUMPTION#<YYYY-MM>` (shared/consumption.ts).
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CONSUMPTION_FIELDS, consumptionKey, type Consumption } from '#shared/consumption';
import { readMonthUsage, type Month, type MonthUsage } from '#shared/metering';

export interface UsageReader {
  usage(tenant: string, month: Month): Promise<MonthUsage>;
  /** All zeros for a month nothing was tallied in. */
  consumption(tenant: string, month: Month): Promise<Consumption>;
}

export function dynamoUsageReader(db: DynamoDBDocumentClient, table: string): UsageReader {
  return {
    usage: (tenant, month) => readMonthUsage(db, table, tenant, month),
    async consumption(tenant, month) {
      const out = await db.send(new GetCommand({ TableName: table, Key: consumptionKey(tenant, month) }));
      const item = out.Item ?? {};
      return Object.fromEntries(CONSUMPTION_FIELDS.map((f) => [f, typeof item[f] === 'number' ? item[f] : 0])) as unknown as Consumption;
    },
  };
}
