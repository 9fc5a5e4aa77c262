// Lambda entry of the mail service's HTTP routes (thư công vụ).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from '#shared/config';
import { documentClient } from '#shared/ddb';
import { notFound } from '#shared/errors';
import { httpHandler, rawResponse } from '#shared/http/handler';
import { powertoolsIdempotency } from '#shared/http/idempotency';
import { mailOutboxTable, outboxKey } from '#shared/outbox';
import { createMailbox, myMailboxes, requireMailbox, updateMailbox } from './mailboxes';
import * as reading from './reading';
import { mailRoutes, OutboxStatus } from './routes';
import { sendDraft, sendMessage } from './send';
import { mailFromEnv } from './wiring';

const db = documentClient();
const outboxTableName = requireEnv(mailOutboxTable.envVar);
const deps = mailFromEnv();

export const handler = httpHandler('mail', mailRoutes, {
  getOutboxMessage: async ({ tenant, params }) => {
    const out = await db.send(new GetCommand({ TableName: outboxTableName, Key: outboxKey(tenant, params.id) }));
    if (!out.Item) throw notFound('MESSAGE_NOT_FOUND', 'Không tìm thấy thư này.', 'No such message.');
    return OutboxStatus.parse(out.Item);
  },
  myMailboxes: ({ tenant, caller }) => myMailboxes(deps, tenant, caller!),
  createMailbox: ({ tenant, body }) => createMailbox(deps, tenant, body),
  updateMailbox: ({ tenant, params, body }) => updateMailbox(deps, tenant, params.address, body),
  listFolders: async ({ tenant, caller, query }) => reading.folders(deps, tenant, await requireMailbox(deps, tenant, caller!, query.mailbox)),
  createFolder: async ({ tenant, caller, body }) => reading.createFolder(deps, tenant, await requireMailbox(deps, tenant, caller!, body.mailbox), body.name),
  listMessages: async ({ tenant, caller, params, query }) =>
    reading.listFolder(deps, tenant, await requireMailbox(deps, tenant, caller!, query.mailbox), params.folder, query.limit, query.cursor),
  sendMessage: ({ tenant, caller, body }) => sendMessage(deps, tenant, caller!, body),
  sendDraft: async ({ tenant, caller, params, query }) => sendDraft(deps, tenant, await requireMailbox(deps, tenant, caller!, query.mailbox), params.id),
  searchMessages: async ({ tenant, caller, query }) => reading.search(deps, tenant, await requireMailbox(deps, tenant, caller!, query.mailbox), query),
  getMessage: async ({ tenant, caller, params, query }) => reading.readMessage(deps, tenant, await requireMailbox(deps, tenant, caller!, query.mailbox), params.id),
  getRawMessage: async ({ tenant, caller, params, query }) =>
    rawResponse('message/rfc822', await reading.rawMessage(deps, tenant, await requireMailbox(deps, tenant, caller!, query.mailbox), params.id), `${params.id}.eml`),
  getThread: async ({ tenant, caller, params, query }) => reading.thread(deps, tenant, await requireMailbox(deps, tenant, caller!, query.mailbox), params.id),
  updateMessage: async ({ tenant, caller, params, query, body }) => reading.setFlags(deps, tenant, await requireMailbox(deps, tenant, caller!, query.mailbox), params.id, body),
  async purgeMessage({ tenant, caller, params, query }) {
    await reading.purge(deps, tenant, await requireMailbox(deps, tenant, caller!, query.mailbox), params.id);
    return { purged: true as const };
  },
}, powertoolsIdempotency());
