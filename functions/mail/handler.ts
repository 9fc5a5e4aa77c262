// Lambda entry of the mail service's HTTP routes.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from '#shared/config';
import { documentClient } from '#shared/ddb';
import { notFound } from '#shared/errors';
import { httpHandler } from '#shared/http/handler';
import { mailOutboxTable, outboxKey } from '#shared/outbox';
import { mailRoutes, OutboxStatus } from './routes';

const db = documentClient();
const table = requireEnv(mailOutboxTable.envVar);

export const handler = httpHandler('mail', mailRoutes, {
  getOutboxMessage: async ({ tenant, params }) => {
    const out = await db.send(new GetCommand({ TableName: table, Key: outboxKey(tenant, params.id) }));
    if (!out.Item) throw notFound('MESSAGE_NOT_FOUND', 'Không tìm thấy thư này.', 'No such message.');
    return OutboxStatus.parse(out.Item);
  },
});
