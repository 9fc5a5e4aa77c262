// Request and response shapes of the upload route.
import * as z from 'zod';
import { ACCEPTED_CONTENT_TYPES, MAX_UPLOAD_BYTES, UPLOAD_STATUSES } from '#shared/uploads';
import { fieldMessage, UPLOADS_TEXT } from './text';

const Timestamp = z.string().describe('ISO 8601 with the +07:00 offset');

export const MAX_FILE_NAME_LENGTH = 255;

/**
 * Why a file name is refused, or undefined when it is fine. The name is only ever shown and offered back as the
 * download's name (it is never part of a storage key), but it must not pass for a path, nor hide or reorder
 * characters: no / or \, no control characters (C0, DEL, C1, line separators), no bidirectional overrides
 * (`hóa-đơn\u202Efdp.exe` would display as `hóa-đơnexe.pdf`), no lone surrogates, not `.` or `..`.
 */
export function fileNameProblem(name: string): keyof typeof UPLOADS_TEXT | undefined {
  if (name.length < 1 || name.length > MAX_FILE_NAME_LENGTH) return 'fileNameLength';
  if (/[/\\]/.test(name)) return 'fileNameSeparator';
  if (/[\p{Cc}\p{Zl}\p{Zp}\p{Cs}]/u.test(name)) return 'fileNameControl';
  if (/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(name)) return 'fileNameBidi';
  if (name === '.' || name === '..') return 'fileNameDots';
  return undefined;
}

/** Trimmed, and in NFC (macOS sends Vietnamese decomposed: `a` + U+0300 rather than `à`). */
export const FileName = z.string()
  .trim()
  .overwrite((name) => name.normalize('NFC'))
  .min(1, { message: fieldMessage(UPLOADS_TEXT.fileNameLength) })
  .max(MAX_FILE_NAME_LENGTH, { message: fieldMessage(UPLOADS_TEXT.fileNameLength) })
  .superRefine((name, ctx) => {
    const problem = fileNameProblem(name);
    if (problem && problem !== 'fileNameLength') ctx.addIssue({ code: 'custom', message: fieldMessage(UPLOADS_TEXT[problem]) });
  });

export const ContentType = z.enum(ACCEPTED_CONTENT_TYPES, { message: fieldMessage(UPLOADS_TEXT.contentType) });

export const CreateUpload = z.strictObject({
  fileName: FileName,
  contentType: ContentType,
  size: z.number()
    .int()
    .min(1, { message: fieldMessage(UPLOADS_TEXT.sizeTooSmall) })
    .max(MAX_UPLOAD_BYTES, { message: fieldMessage(UPLOADS_TEXT.sizeTooLarge) })
    .describe('the file\'s exact size in bytes; the upload URL accepts exactly this many'),
});
export type CreateUpload = z.infer<typeof CreateUpload>;

export const CreatedUpload = z.object({
  uploadId: z.uuid(),
  url: z.string().describe('POST the form here: every field of `fields` first, then the file as `file`'),
  fields: z.record(z.string(), z.string()),
  expiresAt: Timestamp.describe('the URL works until then (15 minutes)'),
  maxBytes: z.number().int().describe('the size the URL accepts: the declared size'),
});
export type CreatedUpload = z.infer<typeof CreatedUpload>;

export const Upload = z.object({
  uploadId: z.uuid(),
  status: z.enum(UPLOAD_STATUSES).describe('pending: requested; verified: checked by a service; attached: part of a record'),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string().optional().describe('hex, once verified'),
  createdAt: Timestamp,
});
export type Upload = z.infer<typeof Upload>;

export const TenantParams = z.strictObject({ tenant: z.string() });
export const UploadParams = z.strictObject({ tenant: z.string(), id: z.uuid() });
