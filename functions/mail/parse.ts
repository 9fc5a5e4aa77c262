// Reading a raw message (RFC 5322/MIME) as the mailbox stores and shows it: mailparser does the MIME work (what mail
// clients rely on: every charset, encoded words, RFC 2231, nested multiparts), this module turns its result into
// the plain shape the rest of the service uses and refuses what is not a mail message at all. Pure: no I/O.
import { compile } from 'html-to-text';
import { simpleParser, type AddressObject, type EmailAddress } from 'mailparser';
import type { Mailbox } from './addresses';
import { normalizeAddress } from './addresses';
import { messageMalformed } from './errors';

export interface ParsedAttachment {
  fileName: string;
  contentType: string;
  size: number;
  content: Buffer;
  /** The Content-ID without `<>`, which `cid:` URLs in the HTML name. */
  contentId?: string;
  /** Shown in the body (an embedded image) rather than offered as a file. */
  inline: boolean;
}

export interface ParsedMessage {
  /** Without `<>`; absent when the message has none (the store then gives it one). */
  messageId?: string;
  inReplyTo?: string;
  /** Oldest first, as written; without `<>`. */
  references: string[];
  subject: string;
  from?: Mailbox;
  to: Mailbox[];
  cc: Mailbox[];
  /** Present only when the message has a Reply-To header. */
  replyTo?: Mailbox[];
  /** Absent when the message has no Date header or one that is not a date. */
  date?: Date;
  /** The plain text; made from the HTML when the message has only HTML. */
  text: string;
  /** Unsanitized: pass it through sanitizeHtml before anyone sees it. */
  html?: string;
  attachments: ParsedAttachment[];
  /** Lower-case names, the first occurrence, unfolded, as written (encoded words are not decoded). */
  headers: Record<string, string>;
  /** Bytes of the raw message. */
  size: number;
}

/** `<a@b>` → `a@b`; the first id when a header holds several (or junk after it). */
function bareId(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const bracketed = /<([^<>\s]+)>/.exec(value);
  const id = bracketed ? bracketed[1] : value.trim().split(/\s+/)[0];
  return id || undefined;
}

function idList(value: string | string[] | undefined): string[] {
  const ids = [value ?? []].flat().flatMap((v) => {
    const bracketed = [...v.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
    return bracketed.length ? bracketed : v.split(/\s+/).filter(Boolean);
  });
  return [...new Set(ids)];
}

/** Mailboxes of an address header, groups flattened, entries without an address (a bare group name) left out. */
function mailboxes(value: AddressObject | AddressObject[] | undefined): Mailbox[] {
  const flat = (entries: EmailAddress[]): EmailAddress[] => entries.flatMap((e) => (e.group ? flat(e.group) : [e]));
  return flat([value ?? []].flat().flatMap((v) => v.value))
    .filter((e) => e.address)
    .map((e) => {
      const address = normalizeAddress(e.address!);
      const name = e.name.trim();
      return name ? { address, name } : { address };
    });
}

/**
 * A file name as the sender wrote it, made safe to offer for download: no folders (`../../x`), no control
 * characters; a part without a name gets `attachment-<n>`.
 */
function safeFileName(name: string | undefined, index: number): string {
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\x00-\x1f\x7f]/g, '').trim().slice(0, 255);
  return base && base !== '.' && base !== '..' ? base : `attachment-${index + 1}`;
}

/** HTML larger than this is not turned into text (the conversion's time grows with it); its text stays empty. */
const MAX_HTML_TO_TEXT = 1_000_000;
// Text for the snippet and search: no line wrapping, no image descriptions, link text without the URLs.
const htmlText = compile({
  wordwrap: false,
  selectors: [{ selector: 'img', format: 'skip' }, { selector: 'a', options: { ignoreHref: true } }],
  limits: { maxDepth: 200 },
});

/**
 * mailparser makes text from the HTML only when the HTML is the whole message; an HTML-only body inside
 * multipart/related (every message with an embedded logo) would otherwise have no text to search or preview.
 */
function textOf(text: string | undefined, html: string | undefined): string {
  if (text || !html || html.length > MAX_HTML_TO_TEXT) return text ?? '';
  try {
    return htmlText(html);
  } catch {
    return ''; // a page too deep to convert still shows as HTML
  }
}

export async function parseMessage(raw: Uint8Array | string): Promise<ParsedMessage> {
  const buffer = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  let mail;
  try {
    // keepCidLinks: inline images stay `cid:` links (the reader points them at short-lived links) instead of
    // becoming data: URLs inside the HTML; skipTextToHtml: nobody here shows the generated HTML of a text body.
    mail = await simpleParser(buffer, { keepCidLinks: true, skipTextToHtml: true });
  } catch (err) {
    throw messageMalformed(`not parseable (${(err as Error).message.slice(0, 200)})`);
  }
  // mailparser reads anything: a line without a colon becomes a header line with an empty name.
  const lines = (mail.headerLines ?? []).filter((l) => l.key !== '');
  if (lines.length === 0) throw messageMalformed('no headers');
  const headers: Record<string, string> = {};
  for (const { key, line } of lines) {
    if (key in headers) continue;
    headers[key] = line.slice(line.indexOf(':') + 1).replace(/\r?\n(?=[ \t])/g, '').trim();
  }
  const from = mailboxes(mail.from)[0];
  // mailparser puts "now" in place of a Date it cannot read; a message's date is what it says or nothing.
  const date = headers.date !== undefined && !Number.isNaN(Date.parse(headers.date)) ? mail.date : undefined;
  const messageId = bareId(mail.messageId);
  if (!from && !date && !messageId) throw messageMalformed('no From, no Date and no Message-ID');
  const inReplyTo = bareId(mail.inReplyTo);
  return {
    ...(messageId ? { messageId } : {}),
    ...(inReplyTo ? { inReplyTo } : {}),
    references: idList(mail.references),
    subject: mail.subject ?? '',
    ...(from ? { from } : {}),
    to: mailboxes(mail.to),
    cc: mailboxes(mail.cc),
    ...(mail.replyTo ? { replyTo: mailboxes(mail.replyTo) } : {}),
    ...(date ? { date } : {}),
    text: textOf(mail.text, mail.html || undefined),
    ...(mail.html ? { html: mail.html } : {}),
    attachments: mail.attachments.map((a, index) => ({
      fileName: safeFileName(a.filename, index),
      contentType: a.contentType,
      size: a.content.length,
      content: a.content,
      ...(a.cid ? { contentId: a.cid } : {}),
      inline: a.contentDisposition === 'inline' || a.related === true,
    })),
    headers,
    size: buffer.length,
  };
}

export interface ThreadHeaders {
  /** The message's own id; one that arrived without any has been given one by the store. */
  messageId: string;
  inReplyTo?: string;
  references?: readonly string[];
}

/** Message-ID → thread id of the messages the mailbox already has. */
export type KnownThreads = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/**
 * The ids that may place a message in a thread, in the order threadKey tries them: References from the newest
 * (the parent) back to the thread's root, then In-Reply-To; without the message's own id and repeats. What a store
 * looks up before calling threadKey.
 */
export function threadCandidates(message: ThreadHeaders): string[] {
  const ids = [...(message.references ?? [])].reverse();
  if (message.inReplyTo) ids.push(message.inReplyTo);
  return [...new Set(ids)].filter((id) => id !== message.messageId);
}

/**
 * The thread a message joins: that of the nearest message it refers to which the mailbox knows (so a reply whose
 * parent was deleted still joins through an older message of the thread), else a new thread named by the
 * message's own Message-ID.
 */
export function threadKey(message: ThreadHeaders, known: KnownThreads): string {
  const lookup = (id: string): string | undefined =>
    known instanceof Map ? known.get(id) : Object.hasOwn(known, id) ? (known as Record<string, string>)[id] : undefined;
  for (const id of threadCandidates(message)) {
    const thread = lookup(id);
    if (thread !== undefined) return thread;
  }
  return message.messageId;
}

/**
 * The first characters of a message for the list view: whitespace collapsed, NFC (so a cut never separates a
 * Vietnamese letter from its tone mark), at most `max` characters, cut at a word when one ends near the limit.
 */
export function snippet(text: string, max = 160): string {
  const flat = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  if (chars.length <= max) return flat;
  let cut = chars.slice(0, max - 1).join('');
  // Back to the last word's end unless the cut already is one, or that would throw away a fifth of the room.
  const space = cut.lastIndexOf(' ');
  if (chars[max - 1] !== ' ' && space >= cut.length * 0.8) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}
