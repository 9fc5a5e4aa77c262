// The usage table as the metering consumers write it (key design in shared/metering.ts). Every write is under the
// tenant's own partition `TENANT#<tenant>` (IAM dynamodb:LeadingKeys in AWS).
import { TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { cancelledOnCondition, isConditionalFailure } from '#shared/ddb';
import { usageKeys, type UsageDeltas } from '#shared/metering';

export interface MeterStore {
  /** Adds the deltas unless the event was counted already: 'duplicate' then, and nothing changes. */
  apply(tenant: string, eventId: string, deltas: UsageDeltas, expiresAt: number): Promise<'applied' | 'duplicate'>;
  /** Raises the tenant's LAST_WRITE to `at` (ISO 8601, +07:00); never lowers it. */
  raiseLastWrite(tenant: string, at: string): Promise<void>;
}

/** A transaction holds at most 100 items: the marker and 99 months (a meeting series spans far fewer). */
const MAX_MONTHS = 99;

export function dynamoMeterStore(db: DynamoDBDocumentClient, table: string): MeterStore {
  return {
    async apply(tenant, eventId, deltas, expiresAt) {
      const months = Object.entries(deltas);
      if (months.length > MAX_MONTHS) throw new Error(`A stream record changes ${months.length} months of usage; at most ${MAX_MONTHS} fit a transaction`);
      const pk = usageKeys.pk(tenant);
      try {
        await db.send(new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: table, Item: { pk, sk: usageKeys.event(eventId), expiresAt }, ConditionExpression: 'attribute_not_exists(pk)' } },
            ...months.map(([month, counts]) => {
              const fields = Object.entries(counts);
              return {
                Update: {
                  TableName: table, Key: { pk, sk: usageKeys.month(month) },
                  UpdateExpression: `SET tenant = :tenant, #month = :month ADD ${fields.map((_, i) => `#f${i} :v${i}`).join(', ')}`,
                  ExpressionAttributeNames: { '#month': 'month', ...Object.fromEntries(fields.map(([f], i) => [`#f${i}`, f])) },
                  ExpressionAttributeValues: { ':tenant': tenant, ':month': month, ...Object.fromEntries(fields.map(([, v], i) => [`:v${i}`, v])) },
                },
              };
            }),
          ],
        }));
        return 'applied';
      } catch (err) {
        // Only the marker has a condition: a cancellation on it means this record was counted before.
        if (cancelledOnCondition(err)) return 'duplicate';
        throw err;
      }
    },

    async raiseLastWrite(tenant, at) {
      try {
        await db.send(new UpdateCommand({
          TableName: table, Key: { pk: usageKeys.pk(tenant), sk: usageKeys.lastWrite },
          UpdateExpression: 'SET #at = :at, tenant = :tenant',
          ConditionExpression: 'attribute_not_exists(#at) OR #at < :at',
          ExpressionAttributeNames: { '#at': 'at' }, ExpressionAttributeValues: { ':at': at, ':tenant': tenant },
        }));
      } catch (err) {
        if (!isConditionalFailure(err)) throw err; // already as late or later
      }
    },
  };
}
