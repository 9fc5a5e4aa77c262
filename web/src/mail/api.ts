// The mail service's calls (functions/mail/routes.ts), typed as the console uses them. `mailbox` is one of the
// caller's mailboxes (a shared one they belong to); absent, the API uses their own.
import { del, get, patch, post } from '../core/api';

export interface Person { address: string; name?: string }
export interface Attachment { index: number; fileName: string; contentType: string; size: number; inline: boolean; contentId?: string }
export interface Mailbox { address: string; kind: 'personal' | 'shared' | 'list'; name: string; usedBytes: number; quotaBytes: number }
export interface Folder { name: string; system: boolean }

export interface MessageSummary {
  id: string;
  mailbox: string;
  folder: string;
  seen: boolean;
  flagged: boolean;
  threadId: string;
  subject: string;
  from?: Person;
  to: Person[];
  cc: Person[];
  date: string;
  receivedAt: string;
  size: number;
  snippet: string;
  attachments: Attachment[];
  /** What became of each recipient, in the answer to a send. */
  delivery?: Record<string, string>;
  bcc?: string[];
  undelivered?: Record<string, string>;
}
export interface MessagePage { items: MessageSummary[]; cursor?: string }
export interface MessageDetail extends MessageSummary {
  text: string;
  /** Sanitized by the API (no script, no remote content); still shown only inside a sandboxed frame. */
  html?: string;
  /** Short-lived download links by attachment index. */
  downloads: Record<string, string>;
}

export interface SendBody {
  from?: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  attachments: string[];
  inReplyTo?: string;
  draft?: boolean;
}

const base = (tenant: string) => `/v1/${encodeURIComponent(tenant)}/mail`;
const box = (mailbox: string | undefined) => (mailbox ? { mailbox } : undefined);
const boxQuery = (mailbox: string | undefined) => (mailbox ? `?mailbox=${encodeURIComponent(mailbox)}` : '');

export const mailApi = {
  mailboxes: (tenant: string) => get<{ items: Mailbox[] }>(`${base(tenant)}/mailboxes`),
  folders: (tenant: string, mailbox?: string) => get<{ items: Folder[] }>(`${base(tenant)}/folders`, box(mailbox)),
  createFolder: (tenant: string, name: string, mailbox?: string) => post<{ items: Folder[] }>(`${base(tenant)}/folders`, { name, ...(mailbox ? { mailbox } : {}) }),
  messages: (tenant: string, folder: string, mailbox?: string, cursor?: string) =>
    get<MessagePage>(`${base(tenant)}/folders/${encodeURIComponent(folder)}/messages`, { limit: 50, mailbox, cursor }),
  message: (tenant: string, id: string, mailbox?: string) => get<MessageDetail>(`${base(tenant)}/messages/${encodeURIComponent(id)}`, box(mailbox)),
  update: (tenant: string, id: string, change: { seen?: boolean; flagged?: boolean; folder?: string }, mailbox?: string) =>
    patch<MessageSummary>(`${base(tenant)}/messages/${encodeURIComponent(id)}${boxQuery(mailbox)}`, change),
  purge: (tenant: string, id: string, mailbox?: string) => del<{ purged: true }>(`${base(tenant)}/messages/${encodeURIComponent(id)}${boxQuery(mailbox)}`),
  /** Sending is idempotent: the same key after a lost connection sends one message, not two. */
  send: (tenant: string, body: SendBody, idempotencyKey: string) => post<MessageSummary>(`${base(tenant)}/messages`, body, { idempotencyKey }),
  sendDraft: (tenant: string, id: string, mailbox?: string) => post<MessageSummary>(`${base(tenant)}/messages/${encodeURIComponent(id)}/send${boxQuery(mailbox)}`),
  search: (tenant: string, query: { q?: string; from?: string; mailbox?: string; cursor?: string }) => get<MessagePage>(`${base(tenant)}/search`, { limit: 50, ...query }),
  thread: (tenant: string, id: string, mailbox?: string) => get<MessagePage>(`${base(tenant)}/messages/${encodeURIComponent(id)}/thread`, box(mailbox)),
  rawPath: (tenant: string, id: string) => `${base(tenant)}/messages/${encodeURIComponent(id)}/raw`,
};

/** The API's own address rule (functions/mail/schemas.ts Address), checked before sending. */
export const ADDRESS = /^[^\s@<>"(),;:\\[\]]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/** "a@x.vn, b@y.vn; c@z.vn" → the addresses, trimmed and lower case. */
export const splitAddresses = (value: string): string[] => value.split(/[,;\s]+/).map((a) => a.trim().toLowerCase()).filter(Boolean);
