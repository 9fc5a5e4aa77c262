// The mail service's routes: mailboxes, folders, messages (read, write, move, purge), threads, search, and what
// became of a notification the suite sent.
import * as z from 'zod';
import { defineRoutes } from '#shared/http/route';
import {
  CreateFolder, CreateMailbox, FolderParams, Folders, ListQuery, MailboxParams, MailboxQuery, MessageDetail, MessagePage, MessageParams, MessageSummary,
  MyMailboxes, SearchQuery, SendMessage, SharedMailbox, TenantParams, UpdateMailbox, UpdateMessage,
} from './schemas';

const STAFF = ['officer', 'clerk', 'leader', 'tenant-admin'] as const;
/** A message with attachments claims its uploads; the JSON itself stays small. */
const SEND_MAX_BYTES = 4 * 1024 * 1024;

export const OutboxParams = z.strictObject({ tenant: z.string(), id: z.string().min(1).max(300).regex(/^[\w.:-]+$/) });

export const OutboxStatus = z.object({
  id: z.string(),
  status: z.enum(['requested', 'sending', 'sent', 'failed']),
  to: z.array(z.object({ address: z.string(), name: z.string().optional() })),
  subject: z.string(),
  origin: z.object({ service: z.string(), reference: z.string() }),
  createdAt: z.string(),
  sentAt: z.string().optional(),
  messageId: z.string().optional(),
  /** Each recipient: delivered (into a mailbox of the province), sent (out through the transport), unknown, full… */
  delivery: z.record(z.string(), z.string()).optional(),
  /** Why a request could never be sent (e.g. ADDRESS_INVALID). */
  reason: z.string().optional(),
});

export const mailRoutes = defineRoutes({
  getOutboxMessage: {
    method: 'GET', path: '/v1/{tenant}/mail/outbox/{id}', access: ['tenant-admin'], params: OutboxParams, response: OutboxStatus,
    summary: 'Tình trạng một thư thông báo đã gửi / What became of a notification',
  },
  myMailboxes: {
    method: 'GET', path: '/v1/{tenant}/mail/mailboxes', access: STAFF, params: TenantParams, response: MyMailboxes,
    summary: 'Hộp thư của tôi (cá nhân và dùng chung) / My mailboxes (own and shared)',
  },
  createMailbox: {
    method: 'POST', path: '/v1/{tenant}/mail/mailboxes', access: ['tenant-admin'], params: TenantParams, body: CreateMailbox, response: SharedMailbox, status: 201,
    summary: 'Tạo hộp thư dùng chung hoặc nhóm thư / Create a shared mailbox or a distribution list',
  },
  updateMailbox: {
    method: 'PATCH', path: '/v1/{tenant}/mail/mailboxes/{address}', access: ['tenant-admin'], params: MailboxParams, body: UpdateMailbox, response: SharedMailbox,
    summary: 'Sửa thành viên, tên hộp thư dùng chung/nhóm thư / Edit a shared mailbox or list',
  },
  listFolders: {
    method: 'GET', path: '/v1/{tenant}/mail/folders', access: STAFF, params: TenantParams, query: MailboxQuery, response: Folders,
    summary: 'Các thư mục / Folders',
  },
  createFolder: {
    method: 'POST', path: '/v1/{tenant}/mail/folders', access: STAFF, params: TenantParams, body: CreateFolder, response: Folders, status: 201,
    summary: 'Tạo thư mục riêng / Create a folder of one\'s own',
  },
  listMessages: {
    method: 'GET', path: '/v1/{tenant}/mail/folders/{folder}/messages', access: STAFF, params: FolderParams, query: ListQuery, response: MessagePage,
    summary: 'Thư trong thư mục, mới nhất trước / A folder\'s messages, newest first',
  },
  sendMessage: {
    method: 'POST', path: '/v1/{tenant}/mail/messages', access: STAFF, params: TenantParams, body: SendMessage, response: MessageSummary, status: 201,
    idempotent: true, maxBodyBytes: SEND_MAX_BYTES, summary: 'Gửi thư / Send a message',
  },
  sendDraft: {
    method: 'POST', path: '/v1/{tenant}/mail/messages/{id}/send', access: STAFF, params: MessageParams, query: MailboxQuery, response: MessageSummary,
    summary: 'Gửi thư nháp / Send a draft',
  },
  searchMessages: {
    method: 'GET', path: '/v1/{tenant}/mail/search', access: STAFF, params: TenantParams, query: SearchQuery, response: MessagePage,
    summary: 'Tìm thư theo người gửi, từ khóa tiêu đề, ngày / Search by sender, subject words, dates',
  },
  getMessage: {
    method: 'GET', path: '/v1/{tenant}/mail/messages/{id}', access: STAFF, params: MessageParams, query: MailboxQuery, response: MessageDetail,
    summary: 'Đọc thư (HTML đã làm sạch, liên kết tải tệp đính kèm) / Read a message (sanitized HTML, attachment links)',
  },
  getRawMessage: {
    method: 'GET', path: '/v1/{tenant}/mail/messages/{id}/raw', access: STAFF, params: MessageParams, query: MailboxQuery, response: z.string(), produces: ['message/rfc822'],
    summary: 'Thư gốc (.eml) / The raw message (.eml)',
  },
  getThread: {
    method: 'GET', path: '/v1/{tenant}/mail/messages/{id}/thread', access: STAFF, params: MessageParams, query: MailboxQuery, response: MessagePage,
    summary: 'Các thư cùng chuỗi trao đổi / The thread of a message',
  },
  updateMessage: {
    method: 'PATCH', path: '/v1/{tenant}/mail/messages/{id}', access: STAFF, params: MessageParams, query: MailboxQuery, body: UpdateMessage, response: MessageSummary,
    summary: 'Đánh dấu đã đọc/gắn cờ, chuyển thư mục (Thùng rác = xóa) / Flags and folder (Trash = delete)',
  },
  purgeMessage: {
    method: 'DELETE', path: '/v1/{tenant}/mail/messages/{id}', access: STAFF, params: MessageParams, query: MailboxQuery, response: z.object({ purged: z.literal(true) }),
    summary: 'Xóa hẳn thư trong Thùng rác / Purge a message from Trash',
  },
});
