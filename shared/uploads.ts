// Uploads: what every service needs to know about the suite's one upload route (functions/uploads). The table and
// its keys, the accepted types with their magic numbers, the size limit, and `verifyUpload`, which a service calls
// when one of its records references an upload: it proves the stored bytes are what was declared and hands back
// the item that claims the upload, to be written in the SAME transaction as the record.
import { createHash } from 'node:crypto';
// The SDK imports are of packages marked side-effect free (client-dynamodb, client-s3) and nothing else: the service
// catalog imports this module for `uploadsTable`, so whatever it imports at load lands in every function, the `api`
// one included. lib-dynamodb (and shared/ddb.ts, which imports it) is not marked so and would add ~330 KB there;
// hence the low-level DynamoDB commands below, which a DynamoDBDocumentClient sends unchanged.
import { GetItemCommand, UpdateItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { toVietnamIso, systemClock, type Clock } from './clock';
import { AppError, badRequest, conflict } from './errors';
import type { TableDef } from './table';

/**
 * The uploads table. Access patterns (every key starts with the tenant id):
 * - an upload of a tenant, by id:   pk `{tenant}#UPLOAD`, sk `{uploadId}`
 * `expiresAt` (epoch seconds) lets DynamoDB drop uploads that were never attached, 24 h after their request;
 * attaching removes it.
 */
export const uploadsTable: TableDef = {
  name: 'uploads',
  envVar: 'UPLOADS_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  // Its event log: metering integrates the stored files' sizes over time from it (functions/platform/metering).
  stream: true,
};

export const uploadPk = (tenant: string) => `${tenant}#UPLOAD`;
/** The object's key in the tenant's files bucket: begins with the tenant; the client's file name is not in it. */
export const uploadObjectKey = (tenant: string, uploadId: string) => `${tenant}/uploads/${uploadId}`;

/** Largest file anyone may upload: 20 MB (20 × 1024 × 1024 bytes). A service may accept less (`accept.maxBytes`). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** An upload that is never attached is forgotten this long after it was requested. */
export const PENDING_UPLOAD_TTL_SECONDS = 24 * 60 * 60;

/** Formats recognised by their first bytes. */
export type BinaryFormat = 'pdf' | 'png' | 'jpeg' | 'zip' | 'ole';

/** Magic numbers. ZIP is the container of OOXML (docx, xlsx) and ODF (odt); OLE2 that of legacy Office (doc, xls). */
export const MAGIC_NUMBERS: Record<BinaryFormat, readonly number[]> = {
  pdf: [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // \x89PNG\r\n\x1a\n
  jpeg: [0xff, 0xd8, 0xff],
  zip: [0x50, 0x4b, 0x03, 0x04], // PK\x03\x04
  ole: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
};

/** The accepted content types, each with the format its bytes must have ('text': no binary signature). */
export const UPLOAD_CONTENT_TYPES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'application/msword': 'ole',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'zip',
  'application/vnd.ms-excel': 'ole',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'zip',
  'application/vnd.oasis.opendocument.text': 'zip',
  'text/plain': 'text',
} as const satisfies Record<string, BinaryFormat | 'text'>;

export type UploadContentType = keyof typeof UPLOAD_CONTENT_TYPES;
export const ACCEPTED_CONTENT_TYPES = Object.keys(UPLOAD_CONTENT_TYPES) as [UploadContentType, ...UploadContentType[]];

export const isAcceptedContentType = (value: string): value is UploadContentType => Object.hasOwn(UPLOAD_CONTENT_TYPES, value);

/** How many leading bytes the checks look at. */
export const SNIFF_BYTES = 4096;

const startsWith = (head: Uint8Array, magic: readonly number[]) => head.length >= magic.length && magic.every((byte, i) => head[i] === byte);

/** The format the first bytes of a file announce, if it is one we know. */
export function sniffFormat(head: Uint8Array): BinaryFormat | undefined {
  return (Object.keys(MAGIC_NUMBERS) as BinaryFormat[]).find((format) => startsWith(head, MAGIC_NUMBERS[format]));
}

/**
 * Whether the first bytes of a file fit its declared type. Plain text has no magic number: it must not announce
 * a binary format, nor hold a NUL byte (binary data) unless it begins with a UTF-16 byte order mark.
 */
export function contentMatchesType(contentType: string, head: Uint8Array): boolean {
  if (!isAcceptedContentType(contentType)) return false;
  const expected = UPLOAD_CONTENT_TYPES[contentType];
  if (expected !== 'text') return startsWith(head, MAGIC_NUMBERS[expected]);
  if (sniffFormat(head)) return false;
  const utf16 = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  return utf16 || !head.subarray(0, SNIFF_BYTES).includes(0);
}

export const UPLOAD_STATUSES = ['pending', 'verified', 'attached'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

/** An upload as the table holds it (without pk/sk). */
export const StoredUpload = z.object({
  uploadId: z.string(),
  owner: z.string(),
  status: z.enum(UPLOAD_STATUSES),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  key: z.string(),
  createdAt: z.string(),
  /** TTL, epoch seconds; absent once attached. */
  expiresAt: z.number().optional(),
  sha256: z.string().optional(),
  /** The S3 version that was verified (versioned buckets only). */
  versionId: z.string().optional(),
  verifiedAt: z.string().optional(),
  attachedTo: z.string().optional(),
  attachedAt: z.string().optional(),
});
export type StoredUpload = z.infer<typeof StoredUpload>;

export const uploadItem = (tenant: string, upload: StoredUpload) => ({ pk: uploadPk(tenant), sk: upload.uploadId, ...upload });

export function storedUpload(item: Record<string, unknown>): StoredUpload {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return StoredUpload.parse(rest);
}

/** Expired but not yet removed by DynamoDB's TTL (which may take days): treated as gone. */
export const isExpired = (upload: StoredUpload, now: Date) => upload.expiresAt !== undefined && upload.expiresAt * 1000 <= now.getTime();

/** What the uploads helper says to people, Vietnamese first, English second. */
export const UPLOAD_TEXT = {
  notFound: { vi: 'Không tìm thấy tệp đã tải lên.', en: 'Upload not found.' },
  alreadyUsed: {
    vi: 'Tệp này đã được đính kèm vào một hồ sơ khác, vui lòng tải lên lại.',
    en: 'This upload is already attached to another record; upload the file again.',
  },
  missing: { vi: 'Chưa nhận được tệp: hãy tải tệp lên trước khi gửi.', en: 'The file has not been uploaded yet.' },
  sizeMismatch: {
    vi: 'Kích thước tệp đã tải lên khác với kích thước đã khai báo.',
    en: 'The uploaded file is not the size that was declared.',
  },
  typeMismatch: {
    vi: 'Nội dung tệp không đúng với loại tệp đã khai báo.',
    en: 'The file\'s content does not match its declared type.',
  },
  typeNotAccepted: { vi: 'Loại tệp này không được chấp nhận ở đây.', en: 'This type of file is not accepted here.' },
  tooLarge: { vi: 'Tệp vượt quá dung lượng cho phép ở đây.', en: 'The file is larger than allowed here.' },
  changed: {
    vi: 'Tệp đã bị thay đổi sau khi được kiểm tra, vui lòng tải lên lại.',
    en: 'The file changed after it was verified; upload it again.',
  },
} as const;

const err = {
  notFound: (uploadId: string) => badRequest('UPLOAD_NOT_FOUND', UPLOAD_TEXT.notFound.vi, UPLOAD_TEXT.notFound.en, { uploadId }),
  missing: (uploadId: string) => badRequest('UPLOAD_MISSING', UPLOAD_TEXT.missing.vi, UPLOAD_TEXT.missing.en, { uploadId }),
  sizeMismatch: (uploadId: string, declared: number, actual: number | undefined) =>
    badRequest('UPLOAD_SIZE_MISMATCH', UPLOAD_TEXT.sizeMismatch.vi, UPLOAD_TEXT.sizeMismatch.en, { uploadId, declared, actual }),
  typeMismatch: (uploadId: string, declared: string) =>
    badRequest('UPLOAD_TYPE_MISMATCH', UPLOAD_TEXT.typeMismatch.vi, UPLOAD_TEXT.typeMismatch.en, { uploadId, declared }),
  typeNotAccepted: (uploadId: string, accepted: readonly string[]) =>
    badRequest('UPLOAD_TYPE_NOT_ACCEPTED', UPLOAD_TEXT.typeNotAccepted.vi, UPLOAD_TEXT.typeNotAccepted.en, { uploadId, accepted }),
  tooLarge: (uploadId: string, maxBytes: number) =>
    badRequest('UPLOAD_TOO_LARGE', UPLOAD_TEXT.tooLarge.vi, UPLOAD_TEXT.tooLarge.en, { uploadId, maxBytes }),
  changed: (uploadId: string) => conflict('UPLOAD_CHANGED', UPLOAD_TEXT.changed.vi, UPLOAD_TEXT.changed.en, { uploadId }),
};

/** 409 UPLOAD_ALREADY_USED: also for a service whose transaction was cancelled on an `attach` item's condition. */
export const uploadAlreadyUsed = (uploadId: string): AppError =>
  conflict('UPLOAD_ALREADY_USED', UPLOAD_TEXT.alreadyUsed.vi, UPLOAD_TEXT.alreadyUsed.en, { uploadId });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface VerifyUploadInput {
  /** The service's client (`documentClient()`); a plain DynamoDBClient does too. */
  db: DynamoDBDocumentClient | DynamoDBClient;
  s3: S3Client;
  /** The physical uploads table: the function's `UPLOADS_TABLE` (bind `uploadsTable` in the service catalog). */
  tableName: string;
  /** The tenant's files bucket: `FILES_BUCKET` (`files: true` in the service catalog). */
  bucket: string;
  tenant: string;
  uploadId: string;
  /** Who submits the record: only the user who requested the upload may use it. */
  caller: { id: string };
  /** What this use accepts, narrower than the suite's limits. */
  accept?: { contentTypes?: readonly string[]; maxBytes?: number };
  /** What the upload is being attached to, e.g. `dossier#<id>#<slot>`: the same reference may verify again (retries). */
  reference: string;
  clock?: Clock;
}

/** One element of lib-dynamodb's TransactWriteCommand `TransactItems`. */
export interface AttachItem {
  Update: {
    TableName: string;
    Key: Record<string, string>;
    UpdateExpression: string;
    ConditionExpression: string;
    ExpressionAttributeNames: Record<string, string>;
    ExpressionAttributeValues: Record<string, unknown>;
  };
}

export interface VerifiedFile {
  uploadId: string;
  key: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  /** The S3 object version that was verified, in a versioned bucket: read that version, not the newest. */
  versionId?: string;
}

export interface VerifiedUpload {
  file: VerifiedFile;
  /** Put this into the same TransactWriteCommand as the record that references the file. */
  attach: AttachItem;
}

/** A DynamoDBDocumentClient shares its DynamoDBClient's middleware stack, so low-level commands pass through it as they are. */
const lowLevel = (db: VerifyUploadInput['db']) => db as DynamoDBClient;
const keyOf = (tenant: string, uploadId: string): Record<string, AttributeValue> => ({ pk: { S: uploadPk(tenant) }, sk: { S: uploadId } });
const strings = (values: Record<string, string>): Record<string, AttributeValue> =>
  Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { S: value }]));
/** An upload item holds strings and numbers only. */
const plain = (item: Record<string, AttributeValue>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).map(([name, value]) => [name, value.S ?? (value.N === undefined ? undefined : Number(value.N))]));
const isConditionFailure = (e: unknown) => e instanceof Error && e.name === 'ConditionalCheckFailedException';

async function readUpload(db: VerifyUploadInput['db'], tableName: string, tenant: string, uploadId: string): Promise<StoredUpload | undefined> {
  const out = await lowLevel(db).send(new GetItemCommand({ TableName: tableName, Key: keyOf(tenant, uploadId), ConsistentRead: true }));
  return out.Item ? storedUpload(plain(out.Item)) : undefined;
}

const isS3NotFound = (e: unknown) =>
  e instanceof Error && (e.name === 'NotFound' || e.name === 'NoSuchKey' || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404);
const isS3PreconditionFailed = (e: unknown) =>
  e instanceof Error && (e.name === 'PreconditionFailed' || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412);

/**
 * Checks an upload that a record of `reference` is about to reference, and returns the file's facts with the
 * transaction item that claims it. Refusals are AppErrors (400/409) the calling route can answer with as they are.
 * Reads the object once in full (up to 20 MB) to compute its SHA-256; repeating the call is harmless.
 */
export async function verifyUpload(input: VerifyUploadInput): Promise<VerifiedUpload> {
  const { db, s3, tableName, bucket, tenant, uploadId, caller, accept, reference } = input;
  const now = (input.clock ?? systemClock)();

  // 1. The record: an id of another tenant is in another partition, so it is simply not found; someone else's is
  //    answered the same, so ids cannot be probed.
  if (!UUID.test(uploadId)) throw err.notFound(uploadId);
  const upload = await readUpload(db, tableName, tenant, uploadId);
  if (!upload || upload.owner !== caller.id || isExpired(upload, now)) throw err.notFound(uploadId);
  if (upload.status === 'attached' && upload.attachedTo !== reference) throw uploadAlreadyUsed(uploadId);

  // 2. What this use accepts: decided on the declaration, before reading any bytes (the bytes are then proven to
  //    be what was declared).
  if (accept?.contentTypes && !accept.contentTypes.includes(upload.contentType)) throw err.typeNotAccepted(uploadId, accept.contentTypes);
  if (accept?.maxBytes !== undefined && upload.size > accept.maxBytes) throw err.tooLarge(uploadId, accept.maxBytes);

  // 3. The object. Its size is checked here, not trusted to the POST policy: s3rver ignores content-length-range.
  let head;
  try {
    head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: upload.key }));
  } catch (e) {
    if (isS3NotFound(e)) throw err.missing(uploadId);
    throw e;
  }
  if (head.ContentLength !== upload.size) throw err.sizeMismatch(uploadId, upload.size, head.ContentLength);
  // In AWS the policy's `eq $Content-Type` holds this; s3rver stores whatever the form said.
  if (head.ContentType !== upload.contentType) throw err.typeMismatch(uploadId, upload.contentType);

  // 4. The bytes: SHA-256 of exactly the object just looked at (its version, or its ETag), and its magic number.
  const { sha256, firstBytes } = await digestObject(s3, bucket, upload, head, uploadId);
  if (!contentMatchesType(upload.contentType, firstBytes)) throw err.typeMismatch(uploadId, upload.contentType);
  if (upload.sha256 !== undefined && upload.sha256 !== sha256) throw err.changed(uploadId);

  // 5. Record the check. Conditional, so it never undoes an attachment nor overwrites another checksum.
  if (upload.status !== 'attached') await recordVerified(input, sha256, head.VersionId, now);

  const file: VerifiedFile = {
    uploadId,
    key: upload.key,
    fileName: upload.fileName,
    contentType: upload.contentType,
    size: upload.size,
    sha256,
    ...(head.VersionId ? { versionId: head.VersionId } : {}),
  };
  return { file, attach: attachItem(tableName, tenant, uploadId, caller.id, sha256, reference, now) };
}

async function digestObject(s3: S3Client, bucket: string, upload: StoredUpload, head: { ETag?: string; VersionId?: string }, uploadId: string) {
  let object;
  try {
    object = await s3.send(new GetObjectCommand({
      Bucket: bucket,
      Key: upload.key,
      ...(head.VersionId ? { VersionId: head.VersionId } : { IfMatch: head.ETag }),
    }));
  } catch (e) {
    if (isS3NotFound(e)) throw err.missing(uploadId);
    if (isS3PreconditionFailed(e)) throw err.changed(uploadId);
    throw e;
  }
  // A stand-in that ignores If-Match (s3rver does) is caught here instead.
  if (head.ETag && object.ETag && object.ETag !== head.ETag) throw err.changed(uploadId);
  const hash = createHash('sha256');
  const first: Uint8Array[] = [];
  let firstLength = 0;
  let total = 0;
  for await (const chunk of object.Body as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > upload.size) {
      (object.Body as { destroy?: () => void }).destroy?.();
      throw err.sizeMismatch(uploadId, upload.size, undefined);
    }
    hash.update(chunk);
    if (firstLength < SNIFF_BYTES) {
      first.push(chunk.subarray(0, SNIFF_BYTES - firstLength));
      firstLength += Math.min(chunk.length, SNIFF_BYTES - firstLength);
    }
  }
  if (total !== upload.size) throw err.sizeMismatch(uploadId, upload.size, total);
  return { sha256: hash.digest('hex'), firstBytes: Buffer.concat(first) };
}

async function recordVerified(input: VerifyUploadInput, sha256: string, versionId: string | undefined, now: Date) {
  const { db, tableName, tenant, uploadId, reference, caller } = input;
  try {
    await lowLevel(db).send(new UpdateItemCommand({
      TableName: tableName,
      Key: keyOf(tenant, uploadId),
      UpdateExpression: 'SET #status = :verified, #sha = :sha, #verifiedAt = if_not_exists(#verifiedAt, :now)'
        + (versionId ? ', #versionId = :versionId' : ''),
      ConditionExpression: '#owner = :owner AND #status IN (:pending, :verified) AND (attribute_not_exists(#sha) OR #sha = :sha)',
      ExpressionAttributeNames: {
        '#status': 'status', '#sha': 'sha256', '#verifiedAt': 'verifiedAt', '#owner': 'owner', ...(versionId ? { '#versionId': 'versionId' } : {}),
      },
      ExpressionAttributeValues: strings({
        ':verified': 'verified', ':pending': 'pending', ':sha': sha256, ':owner': caller.id, ':now': toVietnamIso(now),
        ...(versionId ? { ':versionId': versionId } : {}),
      }),
    }));
  } catch (e) {
    if (!isConditionFailure(e)) throw e;
    // Someone acted in between: say what happened, from the item as it is now.
    const current = await readUpload(db, tableName, tenant, uploadId);
    if (!current || current.owner !== caller.id) throw err.notFound(uploadId);
    if (current.sha256 !== undefined && current.sha256 !== sha256) throw err.changed(uploadId);
    if (current.status === 'attached' && current.attachedTo !== reference) throw uploadAlreadyUsed(uploadId);
    if (current.status === 'attached') return; // attached to this very reference by a concurrent retry
    throw e;
  }
}

/**
 * The claim: the upload becomes `attached` to `reference`, and stops expiring. Its condition holds only if the
 * upload is still the caller's, verified with this checksum, and not attached elsewhere (attached to the same
 * reference passes: a retried save).
 */
function attachItem(tableName: string, tenant: string, uploadId: string, owner: string, sha256: string, reference: string, now: Date): AttachItem {
  return {
    Update: {
      TableName: tableName,
      Key: { pk: uploadPk(tenant), sk: uploadId },
      UpdateExpression: 'SET #status = :attached, #attachedTo = :ref, #attachedAt = if_not_exists(#attachedAt, :now) REMOVE #expiresAt',
      ConditionExpression: '#owner = :owner AND #sha = :sha AND (#status = :verified OR (#status = :attached AND #attachedTo = :ref))',
      ExpressionAttributeNames: {
        '#status': 'status', '#attachedTo': 'attachedTo', '#attachedAt': 'attachedAt', '#expiresAt': 'expiresAt', '#owner': 'owner', '#sha': 'sha256',
      },
      ExpressionAttributeValues: {
        ':attached': 'attached', ':verified': 'verified', ':ref': reference, ':owner': owner, ':sha': sha256, ':now': toVietnamIso(now),
      },
    },
  };
}

/**
 * The web app posts files straight to the tenant's bucket (a presigned POST, with progress) and opens presigned
 * downloads: the bucket allows these from the app's origin. In AWS that origin is https://<tenant domain>
 * (TenantStack); locally any origin, since the gateway's port is chosen at start (local/provision.ts).
 */
export const BROWSER_UPLOAD_CORS = { allowedMethods: ['POST', 'GET', 'HEAD'], allowedHeaders: ['*'], exposedHeaders: ['ETag'], maxAgeSeconds: 3000 } as const;
