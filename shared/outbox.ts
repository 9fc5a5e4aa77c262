// The transactional outbox of mail to people: a service writes a message request into the mail service's outbox
// table in the same transaction as its own change; the mail service's stream consumer builds and sends it. So no
// change is saved without its notification, and no notification leaves for a change that was rolled back.
import * as z from 'zod';
import type { TableDef } from './table';

/** Owned by the mail service; other services may only put requests into it. */
export const mailOutboxTable: TableDef = {
  name: 'mail-outbox',
  envVar: 'MAIL_OUTBOX_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  stream: true,
  ttlAttribute: 'expiresAt',
};

/** Recipients of one request: a notice to more people is several requests (recipientBatches), written together. */
export const MAX_RECIPIENTS_PER_REQUEST = 50;

/** The recipients in groups of MAX_RECIPIENTS_PER_REQUEST, one request each. */
export const recipientBatches = <T>(recipients: readonly T[]): T[][] =>
  Array.from({ length: Math.ceil(recipients.length / MAX_RECIPIENTS_PER_REQUEST) }, (_, i) =>
    recipients.slice(i * MAX_RECIPIENTS_PER_REQUEST, (i + 1) * MAX_RECIPIENTS_PER_REQUEST));

export const MailAddress = z.object({ address: z.email(), name: z.string().max(200).optional() });

export const MailRequest = z.object({
  /** Stable for the event it announces (e.g. `dossiers.<code>.v3.accept`): a retried change requests it once. */
  id: z.string().min(1).max(300).regex(/^[\w.:-]+$/),
  tenant: z.string(),
  /** A local part at the tenant's domain, e.g. `motcua` → motcua@nghean.gov.vn; the display name is Vietnamese. */
  from: z.object({ local: z.string().regex(/^[a-z0-9._-]+$/), name: z.string().max(200) }),
  to: z.array(MailAddress).min(1).max(MAX_RECIPIENTS_PER_REQUEST),
  subject: z.string().min(1).max(500),
  text: z.string().max(100_000),
  html: z.string().max(200_000).optional(),
  /** Small text attachments made by the service itself, e.g. a meeting's `invite.ics` (text/calendar; method=REQUEST). */
  attachments: z.array(z.object({
    fileName: z.string().min(1).max(200).regex(/^[^\r\n"\\/]+$/),
    contentType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+(; *[a-z-]+=[A-Za-z0-9-]+)*$/),
    text: z.string().max(200_000),
  })).max(5).optional(),
  /** Who asked, for the record: the service and the thing it is about. */
  origin: z.object({ service: z.string(), reference: z.string() }),
  createdAt: z.string(),
});
export type MailRequest = z.infer<typeof MailRequest>;

export const outboxKey = (tenant: string, id: string) => ({ pk: `${tenant}#OUTBOX#${id}`, sk: 'REQUEST' });

/** Kept 30 days after the request, then DynamoDB removes it (the sent .eml stays in the mailbox/archive). */
const RETENTION_SECONDS = 30 * 24 * 3600;

/**
 * A lib-dynamodb TransactWrite item that requests the mail. It does not overwrite an earlier request with the same
 * id (the condition), and a second identical request is simply not written: put it with the change it announces.
 */
export function mailRequestItem(tableName: string, request: MailRequest) {
  const parsed = MailRequest.parse(request);
  return {
    Put: {
      TableName: tableName,
      Item: { ...outboxKey(parsed.tenant, parsed.id), ...parsed, status: 'requested', expiresAt: Math.floor(Date.parse(parsed.createdAt) / 1000) + RETENTION_SECONDS },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
