// Receiving Internet mail: where a received message waits for the receiving function, and what the local SMTP server
// asks that function. Declarations only, shared by the function (inbound.ts), the tenant stack (the SES receipt
// rule's S3 action writes under the prefix) and local/smtp.ts, which import this file and not inbound.ts (that one
// connects to DynamoDB and S3 when it is loaded).
import * as z from 'zod';
import { MAX_RECIPIENTS } from './addresses';

/** Where received messages wait, in the tenant's files bucket: SES names the object by its message id. */
export const incomingPrefix = (tenant: string): string => `${tenant}/mail/incoming/`;

/** What the receiving side answers for one recipient before taking a message (an SMTP server's RCPT TO). */
export const RecipientCheck = z.enum(['ok', 'unknown', 'full', 'too-large', 'remote']);
export type RecipientCheck = z.infer<typeof RecipientCheck>;

/** Local SMTP, at RCPT TO: may these recipients take a message of `size` bytes (the SIZE the client declared)? */
export const CheckRequest = z.object({
  kind: z.literal('check'),
  tenant: z.string(),
  recipients: z.array(z.string()).min(1).max(MAX_RECIPIENTS),
  size: z.number().int().nonnegative().optional(),
});
export type CheckRequest = z.infer<typeof CheckRequest>;

/** Local SMTP, after DATA: deliver the raw message the server put into the files bucket at `key`. */
export const DeliverRequest = z.object({
  kind: z.literal('deliver'),
  tenant: z.string(),
  key: z.string().min(1),
  recipients: z.array(z.string()).min(1).max(MAX_RECIPIENTS),
  /** The SMTP envelope's MAIL FROM; empty for the null sender of a bounce. */
  envelopeFrom: z.string(),
});
export type DeliverRequest = z.infer<typeof DeliverRequest>;

export const LocalRequest = z.discriminatedUnion('kind', [CheckRequest, DeliverRequest]);
export type LocalRequest = z.infer<typeof LocalRequest>;

/**
 * What became of one recipient of a received message: delivery's outcomes, plus `remote` (not this tenant's domain:
 * received mail is never relayed) and `refused` (a message SES found a virus in).
 */
export type InboundOutcome = 'delivered' | 'duplicate' | 'full' | 'unknown' | 'sent' | 'failed' | 'remote' | 'too-large' | 'refused';

export interface CheckResult { results: Record<string, RecipientCheck> }

/**
 * A message refused whole, by code: MESSAGE_MALFORMED (not a mail message: SMTP 550 5.6.0), MESSAGE_TOO_LARGE (over
 * MAX_MESSAGE_BYTES: 552 5.3.4), INCOMING_NOT_FOUND (no object at the key: the server's own fault, 451).
 */
export type InboundError = 'MESSAGE_MALFORMED' | 'MESSAGE_TOO_LARGE' | 'INCOMING_NOT_FOUND';

export type DeliverResult = { outcomes: Record<string, InboundOutcome> } | { error: InboundError };
