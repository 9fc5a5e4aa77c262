// The mail service's routes. So far: what became of a notification the suite sent (the mailboxes come with #6).
import * as z from 'zod';
import { defineRoutes } from '#shared/http/route';

export const OutboxParams = z.strictObject({ tenant: z.string(), id: z.string().min(1).max(300).regex(/^[\w.:-]+$/) });

export const OutboxStatus = z.object({
  id: z.string(),
  status: z.enum(['requested', 'sending', 'sent']),
  to: z.array(z.object({ address: z.string(), name: z.string().optional() })),
  subject: z.string(),
  origin: z.object({ service: z.string(), reference: z.string() }),
  createdAt: z.string(),
  sentAt: z.string().optional(),
  messageId: z.string().optional(),
});

export const mailRoutes = defineRoutes({
  getOutboxMessage: {
    method: 'GET', path: '/v1/{tenant}/mail/outbox/{id}', access: ['tenant-admin'], params: OutboxParams, response: OutboxStatus,
    summary: 'Tình trạng một thư thông báo đã gửi / What became of a notification',
  },
});
