// Bad input that the pure mail modules (addresses, mime, parse) find. They are the suite's one error type
// (AppError, status 400) so that a route or the SMTP side passes them through unchanged; `message` is Vietnamese,
// `messageEn` English, `details` says which part of the input was wrong (never the whole offending value, which
// may be large or hostile).
//
// Codes raised by the pure modules:
//   HEADER_INJECTION     a line break (CR/LF) or NUL in a value that becomes a header: subject, name, address,
//                        file name, Message-ID, extra header
//   ADDRESS_INVALID      not a plain ASCII address (local@domain.tld), or a display name that is too long
//   TOO_MANY_RECIPIENTS  more than MAX_RECIPIENTS addresses in one message
//   MESSAGE_ID_INVALID   a Message-ID (own, In-Reply-To or References) with spaces, brackets or non-ASCII inside
//   HEADER_INVALID       an extra header with a bad name, or one that would replace a header the builder writes
//   ATTACHMENT_INVALID   an attachment without a file name or with a content type that is not `type/subtype`
//   MESSAGE_INVALID      a message that cannot be built as given (no recipient at all, an invalid date)
//   MESSAGE_MALFORMED    an incoming raw message that is not a mail message
import { badRequest, type AppError } from '#shared/errors';

export type MailInputCode =
  | 'HEADER_INJECTION'
  | 'ADDRESS_INVALID'
  | 'TOO_MANY_RECIPIENTS'
  | 'MESSAGE_ID_INVALID'
  | 'HEADER_INVALID'
  | 'ATTACHMENT_INVALID'
  | 'MESSAGE_INVALID'
  | 'MESSAGE_MALFORMED';

export function mailInputError(code: MailInputCode, vi: string, en: string, details?: unknown): AppError {
  return badRequest(code, vi, en, details);
}

/**
 * A CR or LF would end the header and let the rest of the value write headers of its own (a Bcc to anyone, a
 * second body); NUL truncates values in some parsers. `field` names the input, e.g. `subject` or `to[2].name`.
 */
export function headerInjection(field: string): AppError {
  // The Vietnamese message keeps the English term: it is what an administrator searches the logs for.
  return mailInputError('HEADER_INJECTION',
    `Giá trị "${field}" của thư không được chứa ký tự xuống dòng (line break) hay ký tự điều khiển.`,
    `The mail value "${field}" must not contain a line break (CR/LF) or NUL.`, { field });
}

/** An address that is not one; `value` is cut so that a hostile input is not echoed whole. */
export function addressInvalid(field: string, value: string): AppError {
  return mailInputError('ADDRESS_INVALID', `Địa chỉ thư "${value.slice(0, 100)}" không hợp lệ.`,
    `"${value.slice(0, 100)}" is not a valid mail address.`, { field, value: value.slice(0, 320) });
}

export function tooManyRecipients(count: number, max: number): AppError {
  return mailInputError('TOO_MANY_RECIPIENTS', `Một thư được gửi tới tối đa ${max} người nhận (thư này có ${count}).`,
    `A message may have at most ${max} recipients (this one has ${count}).`, { count, max });
}

export function messageMalformed(reason: string): AppError {
  return mailInputError('MESSAGE_MALFORMED', 'Thư nhận được không đúng định dạng thư điện tử (RFC 5322).',
    `The message is not a well-formed Internet message (RFC 5322): ${reason}.`, { reason });
}

/** Throws HEADER_INJECTION when `value` would break out of its header line. */
export function assertHeaderSafe(value: string, field: string): void {
  if (/[\r\n\0]/.test(value)) throw headerInjection(field);
}
