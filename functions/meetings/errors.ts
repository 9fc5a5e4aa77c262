// The meetings' rule errors: bad input that the pure modules (time, recurrence) find. They are the suite's one
// error type (AppError, status 400) so that a handler passes them through unchanged; `message` is Vietnamese,
// `messageEn` English, `details` says which part of the input was wrong.
//
// Codes raised by the pure modules:
//   TIME_INVALID               not an ISO 8601 date-time with an explicit offset, or an impossible one
//   DATE_INVALID               not a real YYYY-MM-DD date
//   RECURRENCE_INVALID         a malformed RRULE (syntax, range, COUNT together with UNTIL, UNTIL before the start)
//   RECURRENCE_UNSUPPORTED     a valid RFC 5545 part outside the subset (DAILY, BYMONTHDAY, BYSETPOS, WKST=SU, …)
//   RECURRENCE_UNBOUNDED       neither COUNT nor UNTIL
//   RECURRENCE_TOO_LONG        more occurrences than allowed (200)
//   RECURRENCE_START_MISMATCH  the meeting's start is not itself an occurrence of the rule
import { badRequest, type AppError } from '#shared/errors';

export function ruleError(code: string, vi: string, en: string, details?: unknown): AppError {
  return badRequest(code, vi, en, details);
}
