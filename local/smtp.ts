// The local suite's SMTP server: what an SES receipt rule is in AWS. It takes mail for the tenants' domains from any
// SMTP client and hands it to the same receiving function (the mail service's `mail-receive`, run in the tenant's
// worker): at RCPT TO it asks `{ kind: 'check' }`, after DATA it stores the raw bytes in the tenant's bucket under
// `<tenant>/mail/incoming/` (where SES's S3 action puts them) and asks `{ kind: 'deliver' }`.
//
// Local only: it listens on 127.0.0.1, without AUTH or STARTTLS, and never relays (other domains are refused).
// Replies carry RFC 3463 enhanced codes in their text; the library's own mapping knows codes by number only and would
// answer a refused relay (550) as an unknown mailbox (5.1.1).
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { isValidAddress, MAX_RECIPIENTS, normalizeAddress } from '#functions/mail/addresses';
import { incomingPrefix, type CheckResult, type DeliverResult, type InboundOutcome, type RecipientCheck } from '#functions/mail/incoming';
import { MAX_MESSAGE_BYTES } from '#functions/mail/quota';
import { SERVICES } from '#functions/index';
import type { DeployedTenant } from '#shared/tenant';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localBucketName, type Endpoints } from './env';
import type { Workers } from './workers';

/** The catalog's mail-receiving function (functions/index.ts `receivesMail`). */
const RECEIVER = SERVICES.find((s) => s.receivesMail)?.receivesMail?.name;

export interface SmtpOptions {
  port: number;
  tenants: DeployedTenant[];
  workers: Workers;
  endpoints: Endpoints;
  /** The largest message taken (SIZE, and 552 after DATA); MAX_MESSAGE_BYTES unless said. */
  maxMessageBytes?: number;
}

export interface RunningSmtp {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** An SMTP reply the library sends as `<code> <text>` (the text begins with the enhanced status code). */
const reply = (code: number, text: string): Error & { responseCode: number } => Object.assign(new Error(text), { responseCode: code });

const REPLY = {
  relay: (domain: string) => reply(550, `5.7.1 Relaying denied: ${domain} is not a domain of this suite`),
  badAddress: () => reply(553, '5.1.3 Bad recipient address syntax'),
  unknown: (address: string) => reply(550, `5.1.1 <${address}>: no such mailbox here`),
  full: (address: string) => reply(452, `4.2.2 <${address}>: mailbox full, try again later`),
  tooLarge: (limit: number) => reply(552, `5.3.4 Message too big: the limit is ${limit} bytes`),
  tooManyRecipients: () => reply(452, `4.5.3 Too many recipients: at most ${MAX_RECIPIENTS} per message`),
  malformed: () => reply(550, '5.6.0 Not a well-formed Internet message (RFC 5322)'),
  temporary: () => reply(451, '4.3.0 Temporary failure, try again later'),
};

const ACCEPTED: InboundOutcome[] = ['delivered', 'duplicate', 'sent'];

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

export async function startSmtp(options: SmtpOptions): Promise<RunningSmtp> {
  if (!RECEIVER) throw new Error('No service of the catalog receives mail (receivesMail): the SMTP server has no one to hand mail to');
  const limit = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  const byDomain = new Map(options.tenants.map((t) => [t.domain.toLowerCase(), t.id]));
  const s3 = new S3Client({ endpoint: options.endpoints.s3, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
  const invoke = <T>(tenant: string, event: unknown) => options.workers.invoke(tenant, RECEIVER, event) as Promise<T>;

  /** What SIZE the client declared in MAIL FROM, if any. */
  const declaredSize = (session: SMTPServerSession): number | undefined => {
    const size = session.envelope.mailFrom ? (session.envelope.mailFrom.args || {}).SIZE : undefined;
    return typeof size === 'string' ? Number(size) : undefined;
  };

  async function checkRecipient(address: SMTPServerAddress, session: SMTPServerSession): Promise<void> {
    const recipient = normalizeAddress(address.address);
    if (!isValidAddress(recipient)) throw REPLY.badAddress();
    const tenant = byDomain.get(domainOf(recipient));
    if (!tenant) throw REPLY.relay(domainOf(recipient));
    if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) throw REPLY.tooManyRecipients();
    const size = declaredSize(session);
    let result: RecipientCheck | undefined;
    try {
      result = (await invoke<CheckResult>(tenant, { kind: 'check', tenant, recipients: [recipient], ...(size === undefined ? {} : { size }) })).results[recipient];
    } catch {
      throw REPLY.temporary(); // the worker failed (a stand-in is down): the client tries again later
    }
    if (result === 'unknown') throw REPLY.unknown(recipient);
    if (result === 'full') throw REPLY.full(recipient);
    if (result === 'too-large') throw REPLY.tooLarge(limit);
    if (result !== 'ok') throw REPLY.relay(domainOf(recipient));
  }

  /** One tenant's share: the raw bytes into its bucket, then its receiving function; the object is transit only. */
  async function deliverTo(tenant: string, raw: Buffer, recipients: string[], envelopeFrom: string): Promise<DeliverResult> {
    const bucket = localBucketName(tenant);
    const key = `${incomingPrefix(tenant)}${randomUUID()}.eml`;
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: raw, ContentType: 'message/rfc822' }));
    try {
      return await invoke<DeliverResult>(tenant, { kind: 'deliver', tenant, key, recipients, envelopeFrom });
    } finally {
      // storeRaw kept its own copy (by SHA-256); SES's copy in AWS expires by the bucket's lifecycle rule instead.
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })).catch(() => undefined);
    }
  }

  /**
   * After DATA: deliver per tenant and turn the outcomes into one reply. SMTP has one reply for all recipients of a
   * message: it is a refusal only when no recipient got it (452 when one was full, as the client may retry; 550 when
   * they are gone), and 250 naming the ones that did not when some got it (no bounce message is sent locally).
   * A retry after a 4xx delivers again, which files nothing twice (Message-ID per mailbox).
   */
  async function receive(raw: Buffer, session: SMTPServerSession): Promise<string> {
    const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    const byTenant = new Map<string, string[]>();
    for (const { address } of session.envelope.rcptTo) {
      const recipient = normalizeAddress(address);
      const tenant = byDomain.get(domainOf(recipient))!; // checked at RCPT TO
      byTenant.set(tenant, [...(byTenant.get(tenant) ?? []), recipient]);
    }
    const outcomes: Record<string, InboundOutcome> = {};
    for (const [tenant, recipients] of byTenant) {
      let result: DeliverResult;
      try {
        result = await deliverTo(tenant, raw, recipients, envelopeFrom);
      } catch {
        throw REPLY.temporary();
      }
      if ('error' in result) {
        if (result.error === 'MESSAGE_MALFORMED') throw REPLY.malformed();
        if (result.error === 'MESSAGE_TOO_LARGE') throw REPLY.tooLarge(limit);
        throw REPLY.temporary();
      }
      Object.assign(outcomes, result.outcomes);
    }
    const entries = Object.entries(outcomes);
    const missed = entries.filter(([, o]) => !ACCEPTED.includes(o));
    if (missed.length === entries.length) {
      const first = missed.find(([, o]) => o === 'full') ?? missed.find(([, o]) => o === 'failed') ?? missed[0];
      if (!first) throw REPLY.temporary();
      if (first[1] === 'full') throw REPLY.full(first[0]);
      if (first[1] === 'failed') throw REPLY.temporary();
      throw REPLY.unknown(first[0]);
    }
    return missed.length
      ? `2.0.0 Delivered to ${entries.length - missed.length} of ${entries.length}; not delivered: ${missed.map(([a, o]) => `<${a}> (${o})`).join(', ')}`
      : '2.0.0 Delivered';
  }

  const server = new SMTPServer({
    name: 'tinhso.localhost',
    banner: 'Tinh So local SMTP: mail for the tenants\' domains only',
    // Local and loopback only: nobody signs in, and nothing is encrypted on 127.0.0.1.
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    // Advertised as SIZE <limit>: a client that declares a bigger message is refused at MAIL FROM (552).
    size: limit,
    logger: false,
    // The greeting names the client by its reverse DNS otherwise: a lookup per connection, slow where DNS is absent.
    disableReverseLookup: true,
    // A stopping suite does not wait long for an idle client.
    closeTimeout: 1_000,
    onRcptTo(address, session, callback) {
      checkRecipient(address, session).then(() => callback(), (err: Error) => callback(err));
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      // Past the limit the rest is read and dropped: SMTP cannot refuse in the middle of DATA, and it is not kept.
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= limit) chunks.push(chunk);
      });
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        if (stream.sizeExceeded || size > limit) return callback(REPLY.tooLarge(limit));
        receive(Buffer.concat(chunks), session).then((message) => callback(null, message), (err: Error) => callback(err));
      });
    },
  });

  const host = '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  // After listening, errors of single connections (a client that hangs up) are the library's to handle.
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;
  return {
    host,
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
