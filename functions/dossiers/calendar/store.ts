// The tenant's calendars in the dossiers table: pk `{tenant}#CAL`, sk `{year}`. A year nobody edited is the seed.
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fallbackCalendar, VIETNAM_HOLIDAYS, type YearCalendar } from '#shared/calendar/index';
import { isConditionalFailure } from '#shared/ddb';
import { StoredCalendar } from './schemas';

export interface CalendarStore {
  get(tenant: string, year: number): Promise<StoredCalendar>;
  /** false when the stored version is not `expectedVersion` (0: nothing stored yet). */
  put(tenant: string, calendar: StoredCalendar, expectedVersion: number): Promise<boolean>;
}

export function seededCalendar(year: number): StoredCalendar {
  const seed: YearCalendar = VIETNAM_HOLIDAYS.find((c) => c.year === year) ?? fallbackCalendar(year);
  return { ...seed, version: 0, source: 'seeded' };
}

export function dynamoCalendarStore(db: DynamoDBDocumentClient, tableName: string): CalendarStore {
  return {
    async get(tenant, year) {
      const out = await db.send(new GetCommand({ TableName: tableName, Key: { pk: `${tenant}#CAL`, sk: String(year) } }));
      if (!out.Item) return seededCalendar(year);
      const { pk: _pk, sk: _sk, ...item } = out.Item;
      return StoredCalendar.parse(item);
    },
    async put(tenant, calendar, expectedVersion) {
      try {
        await db.send(new PutCommand({
          TableName: tableName,
          Item: { pk: `${tenant}#CAL`, sk: String(calendar.year), ...calendar },
          ...(expectedVersion === 0
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': expectedVersion } }),
        }));
        return true;
      } catch (err) {
        if (isConditionalFailure(err)) return false;
        throw err;
      }
    },
  };
}
