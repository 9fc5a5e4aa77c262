// Filing a message into a mailbox: the raw message is stored once in the tenant's bucket (keyed by its SHA-256, so
// a list of 500 members or a redelivery stores it once), and each mailbox gets one index item. A mailbox files a
// Message-ID once (a redelivered message is a duplicate, not a second copy), within its quota, with its search
// entries, all in one transaction.
import { createHash, randomBytes } from 'node:crypto';
import { toVietnamIso } from '#shared/clock';
import { searchWords } from '#shared/text';
import type { MailDeps } from './deps';
import { parseMessage, snippet, threadKey, type ParsedMessage } from './parse';
import { quotaOf } from './quota';
import type { Attachment, StoredMessage } from './schemas';
import { keys, messageItem, sortKeyOf, type TransactItem } from './store';

/**
 * Subject words indexed per message. Each entry costs 2 WCU per mailbox in the filing transaction (the bench:
 * 18 entries were 36 of 48 WCU per recipient), so words that find nothing are left out and the rest capped.
 */
const MAX_WORDS = 10;
/** Words in nearly every official subject: an entry for them would list the whole mailbox. */
const STOP_WORDS = new Set(['ve', 'viec', 'so', 'nam', 'thang', 'ngay', 'cua', 'va', 'cac', 'cho', 'tai', 'the', 're', 'fw', 'fwd', 'tl']);

export interface StoredRaw {
  sha256: string;
  rawKey: string;
  size: number;
  parsed: ParsedMessage;
  attachments: Attachment[];
}

export const attachmentKey = (tenant: string, sha256: string, index: number) => `${tenant}/mail/attachments/${sha256}/${index}`;

/** Stores the raw message and each attachment once; parsing refuses a malformed message (400 MESSAGE_MALFORMED). */
export async function storeRaw(deps: MailDeps, tenant: string, raw: Uint8Array): Promise<StoredRaw> {
  const parsed = await parseMessage(raw);
  const sha256 = createHash('sha256').update(raw).digest('hex');
  const rawKey = `${tenant}/mail/raw/${sha256}.eml`;
  if (!(await deps.store.exists(rawKey))) {
    await Promise.all(parsed.attachments.map((a, i) => deps.store.putObject(attachmentKey(tenant, sha256, i), a.content, a.contentType)));
    await deps.store.putObject(rawKey, raw, 'message/rfc822'); // last: its presence means the attachments are there
  }
  const attachments = parsed.attachments.map((a, index) => ({
    index, fileName: a.fileName, contentType: a.contentType, size: a.size, inline: a.inline, ...(a.contentId ? { contentId: a.contentId } : {}),
  }));
  return { sha256, rawKey, size: raw.length, parsed, attachments };
}

/** A new message id: sortable by time, then random. */
const newId = (now: Date) => `${now.getTime().toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;

export const messageIdOf = (stored: StoredRaw) => stored.parsed.messageId ?? `${stored.sha256}@tinhso.invalid`;

export function searchKeys(m: Pick<StoredMessage, 'subject' | 'from'>): string[] {
  return [...searchWords(m.subject, MAX_WORDS + STOP_WORDS.size).filter((w) => !STOP_WORDS.has(w)).slice(0, MAX_WORDS).map((w) => `WORD#${w}`), ...(m.from ? [`FROM#${m.from.address.toLowerCase()}`] : []), 'ALL'];
}

export type FileOutcome = { outcome: 'filed'; message: StoredMessage } | { outcome: 'duplicate'; id: string } | { outcome: 'full' };

export interface FileOptions {
  folder: string;
  seen: boolean;
  verdicts?: Record<string, string>;
  /** A draft's Bcc recipients. */
  bcc?: string[];
  /** Written in the same transaction (e.g. the uploads a sent message claims). */
  extra?: TransactItem[];
}

export async function fileInto(deps: MailDeps, tenant: string, address: string, stored: StoredRaw, options: FileOptions): Promise<FileOutcome> {
  const { parsed } = stored;
  const messageId = messageIdOf(stored);
  // No read of the Message-ID first: the transaction's condition refuses a duplicate (1 RCU per recipient saved).
  const related = [...parsed.references, ...(parsed.inReplyTo ? [parsed.inReplyTo] : [])].slice(-10);
  const threads = new Map<string, string>();
  for (const ref of related) {
    const found = await deps.store.byMessageId(tenant, address, ref);
    if (found) threads.set(ref, found.threadId);
  }
  const now = deps.clock();
  const id = newId(now);
  const receivedAt = toVietnamIso(now);
  const message: StoredMessage = {
    id, mailbox: address, folder: options.folder, seen: options.seen, flagged: false,
    messageId, threadId: threadKey({ messageId, inReplyTo: parsed.inReplyTo, references: parsed.references }, threads),
    ...(parsed.inReplyTo ? { inReplyTo: parsed.inReplyTo } : {}), references: parsed.references,
    subject: parsed.subject, ...(parsed.from ? { from: parsed.from } : {}), to: parsed.to, cc: parsed.cc,
    date: toVietnamIso(parsed.date ?? now), receivedAt, size: stored.size, rawKey: stored.rawKey, snippet: snippet(parsed.text, 160),
    attachments: stored.attachments, ...(options.verdicts ? { verdicts: options.verdicts } : {}), ...(options.bcc?.length ? { bcc: options.bcc } : {}),
  };
  const sortKey = sortKeyOf(message);
  const limit = quotaOf(tenant) - stored.size;
  const table = deps.store.table;
  const items: TransactItem[] = [
    { Put: { TableName: table, Item: messageItem(tenant, address, message) } },
    { Put: { TableName: table, Item: { ...keys.messageId(tenant, address, messageId), id, threadId: message.threadId }, ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Update: {
        TableName: table, Key: keys.usage(tenant, address), UpdateExpression: 'ADD usedBytes :size',
        ConditionExpression: 'attribute_not_exists(usedBytes) OR usedBytes <= :limit', ExpressionAttributeValues: { ':size': stored.size, ':limit': limit },
      },
    },
    ...searchKeys(message).map((key) => ({ Put: { TableName: table, Item: { pk: keys.find(tenant, address, key), sk: sortKey, id } } })),
    ...(options.extra ?? []),
  ];
  if (limit < 0) return { outcome: 'full' };
  try {
    await deps.store.transact(items);
  } catch (err) {
    if ((err as Error).name !== 'TransactionCanceledException') throw err;
    const reasons = (err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    if (reasons[1]?.Code === 'ConditionalCheckFailed') return { outcome: 'duplicate', id: (await deps.store.byMessageId(tenant, address, messageId))?.id ?? '' };
    if (reasons[2]?.Code === 'ConditionalCheckFailed') return { outcome: 'full' };
    throw err;
  }
  return { outcome: 'filed', message };
}
