// Request and response shapes of official mail (thư công vụ): mailboxes, folders, messages.
import * as z from 'zod';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Timestamp = z.string().describe('ISO 8601 with the +07:00 offset');
export const Address = z.string().trim().toLowerCase().max(254).regex(/^[^\s@<>"(),;:\\[\]]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/, { message: 'an email address such as canbo@nghean.gov.vn' });
export const MessageKey = z.string().regex(/^[0-9a-z]{16,40}$/, { message: 'a message id as the API gives it' });
/** INBOX, Sent, Drafts, Trash, Archive, or a folder of the user's own. */
export const SYSTEM_FOLDERS = ['INBOX', 'Sent', 'Drafts', 'Trash', 'Archive'] as const;
export const FolderName = z.string().trim().min(1).max(100).regex(/^[^/#\r\n\t]+$/, { message: 'no /, # or line breaks' });

export const TenantParams = z.object({ tenant: z.string() });
export const MailboxQuery = z.object({ mailbox: Address.optional().describe('one of the caller\'s mailboxes; their own when absent') });

export const Person = z.object({ address: z.string(), name: z.string().optional() });
export type Person = z.infer<typeof Person>;

// ---- mailboxes

export const MailboxKind = z.enum(['personal', 'shared', 'list']);
export const SharedMailbox = z.object({
  address: z.string(),
  kind: z.enum(['shared', 'list']),
  name: z.string(),
  /** Officials' addresses (a shared mailbox: who reads it) or any addresses (a list: who receives its mail). */
  members: z.array(z.string()),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type SharedMailbox = z.infer<typeof SharedMailbox>;

export const CreateMailbox = z.strictObject({
  /** The local part at the tenant's domain, e.g. `vanthu` for vanthu@nghean.gov.vn. */
  localPart: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/),
  kind: z.enum(['shared', 'list']),
  name: Text(200),
  members: z.array(Address).max(1000).default([]),
});
export const UpdateMailbox = z.strictObject({ version: z.number().int(), name: Text(200).optional(), members: z.array(Address).max(1000).optional() });
export const MailboxParams = z.object({ tenant: z.string(), address: Address });

export const MyMailbox = z.object({ address: z.string(), kind: MailboxKind, name: z.string(), usedBytes: z.number(), quotaBytes: z.number() });
export const MyMailboxes = z.object({ items: z.array(MyMailbox) });

// ---- messages

export const Attachment = z.object({ index: z.number().int(), fileName: z.string(), contentType: z.string(), size: z.number(), inline: z.boolean(), contentId: z.string().optional() });
export type Attachment = z.infer<typeof Attachment>;

/** A message as one mailbox holds it: its own folder and flags, the shared raw message by key. */
export const StoredMessage = z.object({
  id: MessageKey,
  mailbox: z.string(),
  folder: z.string(),
  seen: z.boolean(),
  flagged: z.boolean(),
  messageId: z.string(),
  threadId: z.string(),
  inReplyTo: z.string().optional(),
  references: z.array(z.string()),
  subject: z.string(),
  from: Person.optional(),
  to: z.array(Person),
  cc: z.array(Person),
  date: Timestamp,
  receivedAt: Timestamp,
  size: z.number(),
  rawKey: z.string(),
  snippet: z.string(),
  attachments: z.array(Attachment),
  /** SPF, DKIM and DMARC as the receiving side judged them (SES in AWS); none for mail written in the suite. */
  verdicts: z.record(z.string(), z.string()).optional(),
  /** The answer to a send: what became of each recipient (not stored: a list of 500 would weigh on every page of Sent). */
  delivery: z.record(z.string(), z.string()).optional(),
  /** A draft's Bcc recipients: they are in no header, so the draft keeps them for its sending. */
  bcc: z.array(z.string()).optional(),
  /** Stored with a sent message: the recipients it did not reach, and why (unknown, full, failed). */
  undelivered: z.record(z.string(), z.string()).optional(),
});
export type StoredMessage = z.infer<typeof StoredMessage>;

export const MessageSummary = StoredMessage.omit({ rawKey: true, references: true });
export const MessagePage = z.object({ items: z.array(MessageSummary), cursor: z.string().optional() });

export const MessageDetail = MessageSummary.extend({
  text: z.string(),
  /** Sanitized: no script, no remote content; inline images point to their download links. */
  html: z.string().optional(),
  downloads: z.record(z.string(), z.string()).describe('short-lived links by attachment index'),
});

export const SendMessage = z.strictObject({
  from: Address.optional(),
  to: z.array(Address).min(1).max(500),
  cc: z.array(Address).max(500).default([]),
  bcc: z.array(Address).max(500).default([]),
  subject: z.string().max(998),
  text: z.string().max(1_000_000),
  html: z.string().max(2_000_000).optional(),
  attachments: z.array(z.uuid()).max(20).default([]),
  /** The id (as the API gives it) of the message this answers: threads and References follow. */
  inReplyTo: MessageKey.optional(),
  /** Save it in Drafts, built and stored but sent to nobody (POST …/messages/{id}/send sends it later). */
  draft: z.boolean().default(false),
});
export type SendMessage = z.infer<typeof SendMessage>;

export const MessageParams = z.object({ tenant: z.string(), id: MessageKey });
export const FolderParams = z.object({ tenant: z.string(), folder: FolderName });
export const ListQuery = MailboxQuery.extend({ limit: z.coerce.number().int().min(1).max(100).default(50), cursor: z.string().max(2000).optional() });
export const UpdateMessage = z.strictObject({ seen: z.boolean().optional(), flagged: z.boolean().optional(), folder: FolderName.optional() });
export const Folders = z.object({ items: z.array(z.object({ name: z.string(), system: z.boolean() })) });
export const CreateFolder = z.strictObject({ mailbox: Address.optional(), name: FolderName });
export const SearchQuery = MailboxQuery.extend({
  q: z.string().max(200).optional(),
  from: Address.optional(),
  after: z.iso.date().optional(),
  before: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2000).optional(),
});
export const SendResult = MessageSummary;
