// Writing mail: POST /mail/messages builds a standard MIME message, stores it once, files it in the sender's Sent
// and delivers it. `from` is the caller's own address or a shared mailbox they belong to (else 403).
import type { Caller } from '#shared/auth';
import { badRequest, notFound } from '#shared/errors';
import { assertRecipientLimit } from './addresses';
import type { MailDeps } from './deps';
import { deliver } from './delivery';
import { fileInto, storeRaw } from './filing';
import { domainOfTenant, requireMailbox, resolve } from './mailboxes';
import { buildMessage, newMessageId } from './mime';
import { MAX_MESSAGE_BYTES } from './quota';
import { setFlags, summaryOf } from './reading';
import type { SendMessage, StoredMessage } from './schemas';

export async function sendMessage(deps: MailDeps, tenant: string, caller: Caller, input: SendMessage): Promise<Omit<StoredMessage, 'rawKey' | 'references'>> {
  const from = await requireMailbox(deps, tenant, caller, input.from);
  const recipients = [...new Set([...input.to, ...input.cc, ...input.bcc])];
  assertRecipientLimit(recipients.length);
  // Every address of this province must exist before anything is stored: nothing half-sent.
  const resolved = await Promise.all(recipients.map((r) => resolve(deps, tenant, r)));
  const unknown = resolved.filter((r) => r.kind === 'unknown').map((r) => r.address);
  if (unknown.length) throw badRequest('RECIPIENT_UNKNOWN', 'Có người nhận không tồn tại trong hệ thống thư của tỉnh.', 'Some recipients do not exist in the province\'s mail.', { recipients: unknown });

  let thread: { inReplyTo: string; references: string[] } | undefined;
  if (input.inReplyTo) {
    const original = await deps.store.getMessage(tenant, from, input.inReplyTo);
    if (!original) throw notFound('MESSAGE_NOT_FOUND', 'Không tìm thấy thư được trả lời.', 'The message replied to was not found.');
    thread = { inReplyTo: original.messageId, references: [...original.references, original.messageId].slice(-20) };
  }
  const fromBox = await resolve(deps, tenant, from);
  const messageId = newMessageId(domainOfTenant(tenant));
  const claims = await Promise.all(input.attachments.map((u) => deps.uploads.claim(tenant, u, caller, `mail/${messageId}`)));
  const raw = new TextEncoder().encode(buildMessage({
    messageId, date: deps.clock(),
    from: { address: from, ...('name' in fromBox && fromBox.name ? { name: fromBox.name } : {}) },
    to: input.to.map((address) => ({ address })), cc: input.cc.map((address) => ({ address })),
    subject: input.subject, text: input.text, ...(input.html ? { html: input.html } : {}),
    ...(thread ? { inReplyTo: thread.inReplyTo, references: thread.references } : {}),
    attachments: claims.map((c) => ({ fileName: c.fileName, contentType: c.contentType, content: c.bytes })),
  }));
  if (raw.length > MAX_MESSAGE_BYTES) throw badRequest('MESSAGE_TOO_LARGE', 'Thư vượt quá 25 MB.', 'The message is over 25 MB.');
  const stored = await storeRaw(deps, tenant, raw);
  const folder = input.draft ? 'Drafts' : 'Sent';
  const sent = await fileInto(deps, tenant, from, stored, { folder, seen: true, bcc: input.bcc, extra: claims.map((c) => c.attach) });
  if (sent.outcome === 'full') throw badRequest('MAILBOX_FULL', 'Hộp thư của bạn đã đầy; hãy xóa bớt thư.', 'Your mailbox is full; delete some mail.');
  if (sent.outcome !== 'filed') throw badRequest('ALREADY_SENT', 'Thư này đã được gửi.', 'This message was already sent.');
  if (input.draft) return summaryOf(sent.message);
  return deliverFiled(deps, tenant, from, sent.message, stored, raw, recipients);
}

/** Delivers a message filed in the sender's Sent, and keeps on it the recipients it did not reach. */
async function deliverFiled(deps: MailDeps, tenant: string, from: string, message: StoredMessage, stored: Awaited<ReturnType<typeof storeRaw>>, raw: Uint8Array, recipients: string[]) {
  const delivery = await deliver(deps, tenant, stored, raw, recipients, from);
  const undelivered = Object.fromEntries(Object.entries(delivery).filter(([, outcome]) => !['delivered', 'sent', 'duplicate'].includes(outcome)));
  if (Object.keys(undelivered).length) await deps.store.setUndelivered(tenant, from, message.id, undelivered);
  return { ...summaryOf(message), delivery, ...(Object.keys(undelivered).length ? { undelivered } : {}) };
}

/** Sends a draft as it was saved: it moves from Drafts to Sent, then goes to its To, Cc and Bcc. */
export async function sendDraft(deps: MailDeps, tenant: string, mailbox: string, id: string) {
  const draft = await deps.store.getMessage(tenant, mailbox, id);
  if (!draft || draft.folder !== 'Drafts') throw notFound('DRAFT_NOT_FOUND', 'Không tìm thấy thư nháp.', 'Draft not found.');
  const recipients = [...new Set([...draft.to, ...draft.cc].map((p) => p.address.toLowerCase()).concat(draft.bcc ?? []))];
  const resolved = await Promise.all(recipients.map((r) => resolve(deps, tenant, r)));
  const unknown = resolved.filter((r) => r.kind === 'unknown').map((r) => r.address);
  if (unknown.length) throw badRequest('RECIPIENT_UNKNOWN', 'Có người nhận không tồn tại trong hệ thống thư của tỉnh.', 'Some recipients do not exist in the province\'s mail.', { recipients: unknown });
  const raw = await deps.store.getObject(draft.rawKey);
  const stored = await storeRaw(deps, tenant, raw);
  const moved = await setFlags(deps, tenant, mailbox, id, { folder: 'Sent' });
  return deliverFiled(deps, tenant, mailbox, { ...draft, ...moved, rawKey: draft.rawKey, references: draft.references }, stored, raw, recipients);
}
