// A standard Internet message (RFC 5322 with MIME, RFC 2045–2047): UTF-8 everywhere, encoded words for headers
// with Vietnamese, base64 bodies, so any mail client shows it exactly.

export interface Mailbox {
  address: string;
  name?: string;
}

export interface MimeMessage {
  messageId: string;
  date: Date;
  from: Mailbox;
  to: Mailbox[];
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. X-TinhSo-Reference. */
  headers?: Record<string, string>;
  /** Text attachments (an invitation's .ics); the content type may carry parameters such as `method=REQUEST`. */
  attachments?: { fileName: string; contentType: string; text: string }[];
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/**
 * RFC 2047 encoded word(s), base64, split so that a header line stays within 78 characters (39 bytes make a
 * 64-character word) and no UTF-8 sequence is cut; words are folded onto continuation lines.
 */
export function encodeWord(value: string): string {
  if (ASCII_PRINTABLE.test(value)) return value;
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

const base64Body = (text: string) => Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');

function part(contentType: string, body: string): string {
  return `Content-Type: ${contentType}; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Body(body)}\r\n`;
}

/** The raw message, CRLF line ends, ready for SES SendEmail (Raw) or an .eml file. */
export function buildMessage(message: MimeMessage): string {
  // A line break in any value would start a header of the sender's choosing (header injection).
  const values = [message.messageId, message.subject, message.from.address, message.from.name ?? '',
    ...message.to.flatMap((m) => [m.address, m.name ?? '']), ...Object.values(message.headers ?? {})];
  if (values.some((v) => /[\r\n]/.test(v))) throw new Error('A mail header value must not contain a line break');
  const header = (name: string, value: string) => `${name}: ${value}\r\n`;
  let head = header('Message-ID', `<${message.messageId}>`) + header('Date', formatDate(message.date)) +
    header('From', formatMailbox(message.from)) + header('To', message.to.map(formatMailbox).join(',\r\n ')) +
    header('Subject', encodeWord(message.subject)) + header('MIME-Version', '1.0');
  for (const [name, value] of Object.entries(message.headers ?? {})) head += header(name, value);
  const boundary = (kind: string) => `=_tinhso_${kind}_${Buffer.from(message.messageId).toString('hex').slice(0, 32)}`;
  const body = message.html
    ? `Content-Type: multipart/alternative; boundary="${boundary('alt')}"\r\n\r\n` +
      `--${boundary('alt')}\r\n${part('text/plain', message.text)}--${boundary('alt')}\r\n${part('text/html', message.html)}--${boundary('alt')}--\r\n`
    : part('text/plain', message.text);
  if (!message.attachments?.length) return head + body;
  // multipart/mixed: the readable body first, then each attachment with its (RFC 2231-encoded) file name.
  const mixed = boundary('mixed');
  const attachments = message.attachments.map((a) => {
    const name = `filename*=UTF-8''${encodeURIComponent(a.fileName)}`;
    return `--${mixed}\r\nContent-Type: ${a.contentType}; charset=UTF-8; ${name.replace('filename*', 'name*')}\r\n` +
      `Content-Disposition: attachment; ${name}\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Body(a.text)}\r\n`;
  }).join('');
  return `${head}Content-Type: multipart/mixed; boundary="${mixed}"\r\n\r\n--${mixed}\r\n${body}${attachments}--${mixed}--\r\n`;
}
