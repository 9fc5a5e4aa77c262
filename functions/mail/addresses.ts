// Mail addresses as people type them into the compose form ("Nguyễn Văn A" <a@nghean.gov.vn>, several per field)
// and as the builder writes them. Deliberately narrower than RFC 5322: plain ASCII dot-atom addresses at a real
// domain name, because every address here ends up in an SMTP envelope, a DynamoDB key and a header we write
// ourselves; quoted local parts, IP literals and comments are valid but only ever seen in attacks and tests.
import { addressInvalid, assertHeaderSafe, tooManyRecipients } from './errors';

export interface Mailbox {
  address: string;
  name?: string;
}

/** The most addresses one message may go to (To, Cc and Bcc together), as the issue sets it. */
export const MAX_RECIPIENTS = 500;
/** The display names the outbox schema accepts are this long at most; a longer one is someone's mistake. */
export const MAX_NAME_LENGTH = 200;

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** `Canbo@NgheAn.gov.vn` → `Canbo@nghean.gov.vn`: domains are case-insensitive, local parts are the server's. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  return at < 0 ? trimmed : trimmed.slice(0, at) + trimmed.slice(at).toLowerCase();
}

export function isValidAddress(address: string): boolean {
  // RFC 5321's limits: 64 for the local part, 254 for a whole path that fits in `<…>` of a 256-octet command.
  if (address.length > 254) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at > 64) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();
  if (!LOCAL_PART.test(local) || domain.length > 253) return false;
  const labels = domain.split('.');
  // At least a name and a top-level domain, and the top level is never all digits (that would be an IP address).
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]!);
}

/** What follows the last `@`, lower-case, without judging the address (an envelope recipient, a token's email). */
export const domainPart = (address: string): string => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

/** The domain of a valid address, lower-case: how delivery decides between this tenant, another one and SES. */
export function domainOf(address: string): string {
  const normalized = normalizeAddress(address);
  if (!isValidAddress(normalized)) throw addressInvalid('address', address);
  return normalized.slice(normalized.lastIndexOf('@') + 1);
}

/** A structured mailbox checked and normalised; `field` names it in the error (`to[3]`). */
export function validMailbox(mailbox: Mailbox, field: string): Mailbox {
  assertHeaderSafe(mailbox.address, `${field}.address`);
  if (mailbox.name !== undefined) assertHeaderSafe(mailbox.name, `${field}.name`);
  const address = normalizeAddress(mailbox.address);
  if (!isValidAddress(address)) throw addressInvalid(field, mailbox.address);
  const name = mailbox.name?.trim();
  // Other control characters (tab aside) cannot inject a header, but no real name has them.
  if (name !== undefined && (name.length > MAX_NAME_LENGTH || /[\x00-\x08\x0b-\x1f\x7f]/.test(name))) {
    throw addressInvalid(`${field}.name`, name);
  }
  return name ? { address, name } : { address };
}

export function assertRecipientLimit(count: number, max = MAX_RECIPIENTS): void {
  if (count > max) throw tooManyRecipients(count, max);
}

/** Splits at commas and semicolons (Outlook users type those) that are outside quotes and angle brackets. */
function splitList(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (quoted && char === '\\' && i + 1 < value.length) {
      current += char + value[++i];
      continue;
    }
    if (char === '"' && !angle) quoted = !quoted;
    else if (char === '<' && !quoted) angle = true;
    else if (char === '>' && !quoted) angle = false;
    else if ((char === ',' || char === ';') && !quoted && !angle) {
      parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** One `Name <address>`, `"Name, Title" <address>` or bare `address`. */
function parseMailbox(entry: string, field: string): Mailbox {
  const match = /^(.*)<([^<>]*)>$/s.exec(entry);
  if (!match) return validMailbox({ address: entry }, field);
  let name = match[1]!.trim();
  const quoted = /^"(.*)"$/s.exec(name);
  if (quoted) name = quoted[1]!.replace(/\\(.)/gs, '$1');
  if (/[<>]/.test(match[1]!) && !quoted) throw addressInvalid(field, entry);
  return validMailbox(name ? { address: match[2]!, name } : { address: match[2]! }, field);
}

/**
 * The recipients of one field of the compose form: each entry may hold one address or several separated by
 * commas or semicolons. Addresses are normalised (domain lower-case) and given once (the first spelling and name
 * win, compared without case). More than `max` distinct addresses → TOO_MANY_RECIPIENTS, found before the rest
 * of a huge list is parsed.
 */
export function parseAddressList(input: readonly string[], options: { field?: string; max?: number } = {}): Mailbox[] {
  const field = options.field ?? 'addresses';
  const max = options.max ?? MAX_RECIPIENTS;
  const seen = new Map<string, Mailbox>();
  input.forEach((value, index) => {
    // Checked before splitting: a line break must be refused as injection, not split into harmless-looking parts.
    assertHeaderSafe(value, `${field}[${index}]`);
    for (const entry of splitList(value)) {
      const mailbox = parseMailbox(entry, `${field}[${index}]`);
      const key = mailbox.address.toLowerCase();
      if (seen.has(key)) continue;
      seen.set(key, mailbox);
      assertRecipientLimit(seen.size, max);
    }
  });
  return [...seen.values()];
}
