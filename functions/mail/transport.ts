// Where outgoing mail goes, by configuration: Amazon SES (raw message, DKIM by the tenant's domain identity) or a
// folder of .eml files (the local suite; any mail client opens them). Not a local switch: both are real transports.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { createTransport } from 'nodemailer';
import { requireEnv } from '#shared/config';

export interface Envelope {
  from: string;
  to: string[];
}

export interface Transport {
  /** Sends the raw RFC 5322 message. Sending the same messageId again must not make a second copy where avoidable. */
  send(raw: string, envelope: Envelope, messageId: string): Promise<void>;
}

export function sesTransport(ses = new SESv2Client({})): Transport {
  return {
    async send(raw, envelope) {
      await ses.send(new SendEmailCommand({
        FromEmailAddress: envelope.from,
        Destination: { ToAddresses: envelope.to },
        Content: { Raw: { Data: Buffer.from(raw, 'utf8') } },
      }));
    },
  };
}

/** One `<messageId>.eml` per message: a redelivered message overwrites its own file, never makes a second. */
export function folderTransport(dir: string): Transport {
  return {
    async send(raw, _envelope, messageId) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, `${messageId.replace(/[^\w.@-]/g, '_')}.eml`), raw, 'utf8');
    },
  };
}

/**
 * Through an SMTP relay (`smtp://host:port`, or `smtps://user:pass@host:465`): locally, when the province's own
 * relay or a test mail server should get the mail instead of the folder. The raw message goes as it is, with the
 * envelope given (Bcc recipients are in the envelope only).
 */
export function smtpTransport(url: string): Transport {
  const transporter = createTransport(url);
  return {
    async send(raw, envelope) {
      await transporter.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw });
    },
  };
}

export function transportFromEnv(): Transport {
  const kind = requireEnv('MAIL_TRANSPORT');
  if (kind === 'ses') return sesTransport();
  if (kind === 'folder') return folderTransport(requireEnv('MAIL_OUTBOX_DIR'));
  if (kind === 'smtp') return smtpTransport(requireEnv('SMTP_RELAY_URL'));
  throw new Error(`MAIL_TRANSPORT must be ses, folder or smtp, not ${kind}`);
}
