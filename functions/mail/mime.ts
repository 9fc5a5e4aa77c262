// A standard Internet message (RFC 5322 with MIME, RFC 2045–2047): UTF-8 everywhere, encoded words for headers
// with Vietnamese, base64 bodies, so any mail client shows it exactly. Pure: no I/O, and the same input always
// gives the same bytes (boundaries come from the Message-ID), so a retried send stores and sends one message.
import { randomBytes } from 'node:crypto';
import { assertRecipientLimit, isValidAddress, validMailbox, type Mailbox } from './addresses';
import { addressInvalid, assertHeaderSafe, mailInputError } from './errors';

export type { Mailbox } from './addresses';

/** A small text attachment made by a service itself (an invitation's .ics): line ends become CRLF, UTF-8. */
export interface TextAttachment {
  fileName: string;
  /** May carry parameters such as `method=REQUEST`; `charset=UTF-8` is added. */
  contentType: string;
  text: string;
}

/** Any file, sent byte for byte; a string is taken as its UTF-8 bytes. */
export interface BinaryAttachment {
  fileName: string;
  contentType: string;
  content: Uint8Array | string;
}

export type MimeAttachment = TextAttachment | BinaryAttachment;

export interface MimeMessage {
  /** Without angle brackets (`<…>` is accepted and removed), e.g. from newMessageId(). */
  messageId: string;
  date: Date;
  from: Mailbox;
  /** May be empty when the message goes to Cc or Bcc only (then `To: undisclosed-recipients:;`). */
  to: Mailbox[];
  cc?: Mailbox[];
  /** Validated and counted, never written: Bcc recipients exist only in the envelope, which the caller sends. */
  bcc?: Mailbox[];
  replyTo?: Mailbox | Mailbox[];
  /** The Message-ID this replies to, with or without `<>`. */
  inReplyTo?: string;
  /** The thread's Message-IDs, oldest first (the parent's References, then the parent's own id). */
  references?: readonly string[];
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. X-TinhSo-Reference; they cannot replace the headers written here. */
  headers?: Record<string, string>;
  attachments?: MimeAttachment[];
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/** A long ASCII value is folded at its spaces (a word longer than a line stays whole: RFC 5322 allows 998). */
function foldAscii(value: string): string {
  if (value.length <= 66) return value;
  const lines: string[] = [];
  let line = '';
  for (const word of value.split(/(?= )/)) {
    if (line && line.length + word.length > 66 && /\S/.test(word)) {
      lines.push(line);
      line = '';
    }
    line += word;
  }
  lines.push(line);
  // Folding puts CRLF before an existing space, so unfolding gives the value back exactly.
  return lines.join('\r\n');
}

/**
 * RFC 2047 encoded word(s), base64, split so that a header line stays within 78 characters (39 bytes make a
 * 64-character word) and no UTF-8 sequence is cut; words are folded onto continuation lines.
 */
export function encodeWord(value: string): string {
  if (ASCII_PRINTABLE.test(value)) return foldAscii(value);
  const words: string[] = [];
  let chunk = '';
  for (const char of value) {
    if (Buffer.byteLength(chunk + char, 'utf8') > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

export function formatMailbox(mailbox: Mailbox): string {
  if (!mailbox.name) return `<${mailbox.address}>`;
  const name = ASCII_PRINTABLE.test(mailbox.name) ? `"${mailbox.name.replace(/(["\\])/g, '\\$1')}"` : encodeWord(mailbox.name);
  return `${name}\r\n <${mailbox.address}>`;
}

/** `Tue, 24 Nov 2026 18:05:00 +0700`: the date in Vietnam, as people there received it. */
export function formatDate(date: Date): string {
  const local = new Date(date.getTime() + 7 * 3_600_000);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${days[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} +0700`;
}

/**
 * A new Message-ID for `domain` (the tenant's), without the angle brackets buildMessage adds: 96 random bits
 * (unguessable, so nobody can pre-empt a thread by sending an id first) and the time, which keeps ids of one
 * mailbox roughly in order when someone reads the raw headers.
 */
export function newMessageId(domain: string, now = new Date()): string {
  const lower = domain.trim().toLowerCase();
  assertHeaderSafe(lower, 'domain');
  if (!isValidAddress(`id@${lower}`)) throw addressInvalid('domain', domain);
  return `${randomBytes(12).toString('hex')}.${now.getTime().toString(36)}@${lower}`;
}

/** At most this many References are written: the thread's first and its latest, as mail clients trim them. */
export const MAX_REFERENCES = 20;

/** A Message-ID as written inside `<…>`: visible ASCII, no brackets or spaces; `<…>` around it is accepted. */
function messageIdOf(value: string, field: string): string {
  assertHeaderSafe(value, field);
  const id = value.trim().replace(/^<(.*)>$/s, '$1');
  if (!/^[\x21-\x3b\x3d\x3f-\x7e]{1,250}$/.test(id)) {
    throw mailInputError('MESSAGE_ID_INVALID', `Mã thư (Message-ID) "${field}" không hợp lệ.`,
      `The Message-ID in "${field}" is not valid.`, { field });
  }
  return id;
}

/** Headers a caller's extra headers may not replace: they carry the message's identity, recipients and body. */
const RESERVED_HEADERS = new Set(['message-id', 'date', 'from', 'sender', 'to', 'cc', 'bcc', 'reply-to', 'subject',
  'in-reply-to', 'references', 'mime-version', 'content-type', 'content-transfer-encoding', 'content-disposition']);

const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;\s*[a-z0-9!#$&^_.+-]+=("[^"\\]*"|[a-z0-9!#$&^_.+-]+))*$/i;

const wrap76 = (base64: string) => base64.replace(/.{76}/g, '$&\r\n');
const base64Body = (text: string) => wrap76(Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64'));

function part(contentType: string, body: string): string {
  return `Content-Type: ${contentType}; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Body(body)}\r\n`;
}

/** Characters RFC 2231 lets stand in an extended value; everything else is %XX of its UTF-8 bytes. */
const percentEncode = (char: string) =>
  /^[A-Za-z0-9!#$&+.^_`|~-]$/.test(char)
    ? char
    : [...Buffer.from(char, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

/**
 * A file name parameter. A short plain name is written as `name="…"`, which every client reads; anything else as
 * RFC 2231 `name*=UTF-8''…`, cut into numbered continuations (`name*0*=`, `name*1*=`) of whole characters so
 * that each stays on a line of its own within 78 characters.
 */
function fileNameParam(param: string, fileName: string): string {
  if (/^[\x20-\x7e]{1,60}$/.test(fileName) && !/["\\]/.test(fileName)) return `${param}="${fileName}"`;
  const encoded = [...fileName].map(percentEncode);
  if (encoded.join('').length <= 50) return `${param}*=UTF-8''${encoded.join('')}`;
  const pieces: string[] = [];
  let piece = "UTF-8''";
  for (const char of encoded) {
    if (piece.length + char.length > 50) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  pieces.push(piece);
  return pieces.map((p, i) => `${param}*${i}*=${p}`).join(';\r\n ');
}

function attachmentPart(attachment: MimeAttachment, field: string): string {
  assertHeaderSafe(attachment.fileName, `${field}.fileName`);
  assertHeaderSafe(attachment.contentType, `${field}.contentType`);
  const fileName = attachment.fileName.trim();
  if (!fileName || fileName.length > 255 || /[\x00-\x1f\x7f]/.test(fileName)) {
    throw mailInputError('ATTACHMENT_INVALID', `Tên tệp đính kèm "${field}" không hợp lệ.`,
      `The attachment file name in "${field}" is not valid.`, { field });
  }
  if (!CONTENT_TYPE.test(attachment.contentType.trim())) {
    throw mailInputError('ATTACHMENT_INVALID', `Kiểu nội dung của tệp đính kèm "${field}" không hợp lệ.`,
      `The attachment content type in "${field}" is not "type/subtype".`, { field });
  }
  let contentType = attachment.contentType.trim();
  let bytes: Buffer;
  if ('text' in attachment) {
    // The text form keeps what outbox requests always had: CRLF line ends (iCalendar requires them), UTF-8.
    bytes = Buffer.from(attachment.text.replace(/\r?\n/g, '\r\n'), 'utf8');
    if (!/;\s*charset=/i.test(contentType)) contentType += '; charset=UTF-8';
  } else if (typeof attachment.content === 'string') {
    bytes = Buffer.from(attachment.content, 'utf8');
    if (/^text\//i.test(contentType) && !/;\s*charset=/i.test(contentType)) contentType += '; charset=UTF-8';
  } else {
    bytes = Buffer.from(attachment.content.buffer, attachment.content.byteOffset, attachment.content.byteLength);
  }
  return `Content-Type: ${contentType};\r\n ${fileNameParam('name', fileName)}\r\n` +
    `Content-Disposition: attachment;\r\n ${fileNameParam('filename', fileName)}\r\n` +
    `Content-Transfer-Encoding: base64\r\n\r\n${wrap76(bytes.toString('base64'))}\r\n`;
}

/** Every distinct address the message goes to (To, Cc and Bcc), checked: what the SMTP envelope or SES needs. */
export function envelopeRecipients(message: Pick<MimeMessage, 'to' | 'cc' | 'bcc'>): string[] {
  const all = [
    ...message.to.map((m, i) => validMailbox(m, `to[${i}]`)),
    ...(message.cc ?? []).map((m, i) => validMailbox(m, `cc[${i}]`)),
    ...(message.bcc ?? []).map((m, i) => validMailbox(m, `bcc[${i}]`)),
  ];
  // Compared without case (no mail server here tells Canbo@ from canbo@); the first spelling is the one sent to.
  const byKey = new Map<string, string>();
  for (const { address } of all) if (!byKey.has(address.toLowerCase())) byKey.set(address.toLowerCase(), address);
  return [...byKey.values()];
}

/** The raw message, CRLF line ends, ready for SES SendEmail (Raw) or an .eml file. */
export function buildMessage(message: MimeMessage): string {
  // Every value that becomes a header is checked for line breaks first (header injection), then for its form.
  assertHeaderSafe(message.subject, 'subject');
  const messageId = messageIdOf(message.messageId, 'messageId');
  const from = validMailbox(message.from, 'from');
  const to = message.to.map((m, i) => validMailbox(m, `to[${i}]`));
  const cc = (message.cc ?? []).map((m, i) => validMailbox(m, `cc[${i}]`));
  const replyTo = (message.replyTo === undefined ? [] : [message.replyTo].flat()).map((m, i) => validMailbox(m, `replyTo[${i}]`));
  const recipients = envelopeRecipients(message);
  if (recipients.length === 0) {
    throw mailInputError('MESSAGE_INVALID', 'Thư cần có ít nhất một người nhận.', 'A message needs at least one recipient.');
  }
  assertRecipientLimit(recipients.length);
  if (Number.isNaN(message.date.getTime())) {
    throw mailInputError('MESSAGE_INVALID', 'Ngày gửi thư không hợp lệ.', 'The message date is not valid.', { field: 'date' });
  }
  const inReplyTo = message.inReplyTo === undefined ? undefined : messageIdOf(message.inReplyTo, 'inReplyTo');
  let references = [...new Set((message.references ?? []).map((r, i) => messageIdOf(r, `references[${i}]`)))];
  if (references.length > MAX_REFERENCES) references = [references[0]!, ...references.slice(-(MAX_REFERENCES - 1))];
  const extra = Object.entries(message.headers ?? {}).map(([name, value]) => {
    assertHeaderSafe(name, `headers.${name}`);
    assertHeaderSafe(value, `headers.${name}`);
    if (!/^[\x21-\x39\x3b-\x7e]{1,76}$/.test(name) || RESERVED_HEADERS.has(name.toLowerCase())) {
      throw mailInputError('HEADER_INVALID', `Không thể thêm tiêu đề thư "${name.slice(0, 80)}".`,
        `The header "${name.slice(0, 80)}" cannot be added.`, { field: 'headers' });
    }
    return [name, value] as const;
  });

  const header = (name: string, value: string) => `${name}: ${value}\r\n`;
  const list = (mailboxes: Mailbox[]) => mailboxes.map(formatMailbox).join(',\r\n ');
  let head = header('Message-ID', `<${messageId}>`) + header('Date', formatDate(message.date)) + header('From', formatMailbox(from));
  // A message to Bcc only says so in To rather than having no recipient header (some servers reject that).
  if (to.length) head += header('To', list(to));
  else if (!cc.length) head += header('To', 'undisclosed-recipients:;');
  if (cc.length) head += header('Cc', list(cc));
  if (replyTo.length) head += header('Reply-To', list(replyTo));
  if (inReplyTo) head += header('In-Reply-To', `<${inReplyTo}>`);
  if (references.length) head += header('References', references.map((r) => `<${r}>`).join('\r\n '));
  head += header('Subject', encodeWord(message.subject)) + header('MIME-Version', '1.0');
  for (const [name, value] of extra) head += header(name, encodeWord(value));

  const boundary = (kind: string) => `=_tinhso_${kind}_${Buffer.from(messageId).toString('hex').slice(0, 32)}`;
  // Boundaries start with "=_", which base64 (every body here) can never contain.
  const body = message.html
    ? `Content-Type: multipart/alternative;\r\n boundary="${boundary('alt')}"\r\n\r\n` +
      `--${boundary('alt')}\r\n${part('text/plain', message.text)}--${boundary('alt')}\r\n${part('text/html', message.html)}--${boundary('alt')}--\r\n`
    : part('text/plain', message.text);
  if (!message.attachments?.length) return head + body;
  // multipart/mixed: the readable body first, then each attachment with its (RFC 2231-encoded) file name.
  const mixed = boundary('mixed');
  const attachments = message.attachments.map((a, i) => `--${mixed}\r\n${attachmentPart(a, `attachments[${i}]`)}`).join('');
  return `${head}Content-Type: multipart/mixed;\r\n boundary="${mixed}"\r\n\r\n--${mixed}\r\n${body}${attachments}--${mixed}--\r\n`;
}
