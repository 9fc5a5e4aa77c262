// Reading a mailbox: folders, a folder's messages newest first, one message (sanitized HTML, attachment links),
// the raw .eml, flags and moves, threads, search by sender, subject words and dates (through entries, no Scan).
import { conflict, badRequest, notFound } from '#shared/errors';
import { foldVietnamese, searchWords } from '#shared/text';
import type { MailDeps } from './deps';
import { attachmentKey, searchKeys } from './filing';
import { parseMessage } from './parse';
import { sanitizeHtml } from './sanitize';
import { SYSTEM_FOLDERS, type StoredMessage } from './schemas';
import { keys, messageItem, sortKeyOf, type TransactItem } from './store';

/** A message as the API shows it: without the raw message's key and the References list. */
export const summaryOf = (m: StoredMessage) => {
  const { rawKey: _raw, references: _refs, ...rest } = m;
  return rest;
};
const missing = (): never => {
  throw notFound('MESSAGE_NOT_FOUND', 'Không tìm thấy thư.', 'Message not found.');
};

export async function folders(deps: MailDeps, tenant: string, mailbox: string) {
  const own = await deps.store.folders(tenant, mailbox);
  return { items: [...SYSTEM_FOLDERS.map((name) => ({ name, system: true })), ...own.sort((a, b) => a.localeCompare(b, 'vi')).map((name) => ({ name, system: false }))] };
}

export async function createFolder(deps: MailDeps, tenant: string, mailbox: string, name: string) {
  if ((SYSTEM_FOLDERS as readonly string[]).includes(name)) throw conflict('FOLDER_EXISTS', 'Thư mục này đã có.', 'The folder exists.');
  await deps.store.putFolder(tenant, mailbox, name);
  return folders(deps, tenant, mailbox);
}

async function requireFolder(deps: MailDeps, tenant: string, mailbox: string, name: string): Promise<void> {
  if ((SYSTEM_FOLDERS as readonly string[]).includes(name)) return;
  if (!(await deps.store.folders(tenant, mailbox)).includes(name)) throw notFound('FOLDER_NOT_FOUND', 'Không có thư mục này.', 'No such folder.');
}

export async function listFolder(deps: MailDeps, tenant: string, mailbox: string, folder: string, limit: number, cursor?: string) {
  await requireFolder(deps, tenant, mailbox, folder);
  const { items, cursor: next } = await deps.store.inFolder(tenant, mailbox, folder, limit, cursor);
  return { items: items.map(summaryOf), ...(next ? { cursor: next } : {}) };
}

async function load(deps: MailDeps, tenant: string, mailbox: string, id: string): Promise<StoredMessage> {
  return (await deps.store.getMessage(tenant, mailbox, id)) ?? missing();
}

export async function readMessage(deps: MailDeps, tenant: string, mailbox: string, id: string) {
  const m = await load(deps, tenant, mailbox, id);
  const parsed = await parseMessage(await deps.store.getObject(m.rawKey));
  const sha = m.rawKey.replace(/^.*\/raw\//, '').replace(/\.eml$/, '');
  const downloads = Object.fromEntries(await Promise.all(m.attachments.map(async (a) => [String(a.index), await deps.store.link(attachmentKey(tenant, sha, a.index), a.fileName)] as const)));
  let html = parsed.html ? sanitizeHtml(parsed.html) : undefined;
  // Inline images (cid:) point to their short-lived links: the only images a message may show.
  for (const a of m.attachments) if (a.contentId && html) html = html.split(`cid:${a.contentId}`).join(downloads[String(a.index)]!);
  if (!m.seen) await setFlags(deps, tenant, mailbox, id, { seen: true });
  return { ...summaryOf(m), seen: true, text: parsed.text, ...(html ? { html } : {}), downloads };
}

export async function rawMessage(deps: MailDeps, tenant: string, mailbox: string, id: string): Promise<string> {
  const m = await load(deps, tenant, mailbox, id);
  return Buffer.from(await deps.store.getObject(m.rawKey)).toString('utf8');
}

/** Flags and the folder (Trash is "delete"); the folder index follows the item in the same write. */
export async function setFlags(deps: MailDeps, tenant: string, mailbox: string, id: string, change: { seen?: boolean; flagged?: boolean; folder?: string }) {
  const m = await load(deps, tenant, mailbox, id);
  if (change.folder) await requireFolder(deps, tenant, mailbox, change.folder);
  const next = { ...m, ...(change.seen !== undefined ? { seen: change.seen } : {}), ...(change.flagged !== undefined ? { flagged: change.flagged } : {}), ...(change.folder ? { folder: change.folder } : {}) };
  await deps.store.transact([{ Put: { TableName: deps.store.table, ConditionExpression: 'attribute_exists(pk)', Item: messageItem(tenant, mailbox, next) } }]);
  return summaryOf(next);
}

/** Purges a message from Trash: its item, its Message-ID, its search entries, and its size from the usage. */
export async function purge(deps: MailDeps, tenant: string, mailbox: string, id: string): Promise<void> {
  const m = await load(deps, tenant, mailbox, id);
  if (m.folder !== 'Trash') throw conflict('NOT_IN_TRASH', 'Chỉ xóa hẳn được thư trong Thùng rác.', 'Only a message in Trash can be purged.');
  const sortKey = sortKeyOf(m);
  const table = deps.store.table;
  const items: TransactItem[] = [
    { Delete: { TableName: table, Key: keys.message(tenant, mailbox, id), ConditionExpression: 'attribute_exists(pk)' } },
    { Delete: { TableName: table, Key: keys.messageId(tenant, mailbox, m.messageId) } },
    { Update: { TableName: table, Key: keys.usage(tenant, mailbox), UpdateExpression: 'ADD usedBytes :minus', ExpressionAttributeValues: { ':minus': -m.size } } },
    ...searchKeys(m).map((key) => ({ Delete: { TableName: table, Key: { pk: keys.find(tenant, mailbox, key), sk: sortKey } } })),
  ];
  await deps.store.transact(items);
}

export async function thread(deps: MailDeps, tenant: string, mailbox: string, id: string) {
  const m = await load(deps, tenant, mailbox, id);
  return { items: (await deps.store.inThread(tenant, mailbox, m.threadId)).map(summaryOf) };
}

/** Search: the most selective entry (sender, else a subject word, else every message) by date range; the rest filter. */
export async function search(deps: MailDeps, tenant: string, mailbox: string, q: { q?: string; from?: string; after?: string; before?: string; limit: number; cursor?: string }) {
  const words = q.q ? searchWords(q.q, 10).filter((w) => searchKeys({ subject: w }).includes(`WORD#${w}`)) : [];
  if (q.q && !words.length) throw badRequest('QUERY_TOO_SHORT', 'Từ khóa tìm kiếm quá ngắn.', 'The search words are too short.');
  const key = q.from ? `FROM#${q.from.toLowerCase()}` : words.length ? `WORD#${words[0]}` : 'ALL';
  const from = q.after ? new Date(`${q.after}T00:00:00+07:00`).toISOString() : '0';
  // Dates are days in Vietnam; `before` includes its whole day.
  const to = q.before ? new Date(Date.parse(`${q.before}T00:00:00+07:00`) + 86_400_000).toISOString() : '~';
  const page = await deps.store.findPage(keys.find(tenant, mailbox, key), from, to, q.limit, q.cursor);
  const messages = await deps.store.getMessages(tenant, mailbox, page.items.map((i) => i.id as string));
  const matches = messages.filter((m) => {
    const subject = foldVietnamese(m.subject);
    return words.every((w) => subject.split(/[^\p{L}\p{N}]+/u).includes(w));
  });
  return { items: matches.map(summaryOf), ...(page.cursor ? { cursor: page.cursor } : {}) };
}
