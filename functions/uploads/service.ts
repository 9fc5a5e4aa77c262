// Upload domain logic: requesting an upload and reading one's own, with storage and the presigner behind ports.
import type { Caller } from '#shared/auth';
import { toVietnamIso, type Clock } from '#shared/clock';
import { notFound } from '#shared/errors';
import type { StorageCheck } from '#shared/quota';
import { isExpired, PENDING_UPLOAD_TTL_SECONDS, uploadObjectKey, type StoredUpload } from '#shared/uploads';
import type { CreatedUpload, CreateUpload, Upload } from './schemas';
import { UPLOADS_TEXT } from './text';

/** How long a presigned POST works. */
export const UPLOAD_URL_TTL_SECONDS = 15 * 60;

export interface UploadStore {
  /** false when the id is taken. */
  insert(tenant: string, upload: StoredUpload): Promise<boolean>;
  get(tenant: string, uploadId: string): Promise<StoredUpload | undefined>;
}

/** Signs a browser-style POST to the files bucket that accepts exactly this object. */
export interface PostPresigner {
  presignPost(request: { key: string; contentType: string; size: number; expiresInSeconds: number }): Promise<{ url: string; fields: Record<string, string> }>;
}

export interface UploadsDeps {
  store: UploadStore;
  presigner: PostPresigner;
  clock: Clock;
  newId: () => string;
  /** The storageGb quota (shared/quota.ts storageCheck); absent in in-process tests that do not meter. */
  storage?: StorageCheck;
}

const uploadNotFound = () => notFound('UPLOAD_NOT_FOUND', UPLOADS_TEXT.uploadNotFound.vi, UPLOADS_TEXT.uploadNotFound.en);

export async function createUpload(deps: UploadsDeps, tenant: string, caller: Caller, input: CreateUpload): Promise<CreatedUpload> {
  // The declared size is what the presigned POST will accept: refused before any slot exists for it.
  await deps.storage?.(tenant, input.size);
  const now = deps.clock();
  const uploadId = deps.newId();
  const upload: StoredUpload = {
    uploadId,
    owner: caller.id,
    status: 'pending',
    fileName: input.fileName,
    contentType: input.contentType,
    size: input.size,
    key: uploadObjectKey(tenant, uploadId),
    createdAt: toVietnamIso(now),
    expiresAt: Math.floor(now.getTime() / 1000) + PENDING_UPLOAD_TTL_SECONDS,
  };
  // The record first: a URL is never handed out for an upload we do not know.
  if (!(await deps.store.insert(tenant, upload))) throw new Error(`upload id ${uploadId} is taken`);
  const { url, fields } = await deps.presigner.presignPost({
    key: upload.key, contentType: upload.contentType, size: upload.size, expiresInSeconds: UPLOAD_URL_TTL_SECONDS,
  });
  return {
    uploadId,
    url,
    fields,
    expiresAt: toVietnamIso(new Date(now.getTime() + UPLOAD_URL_TTL_SECONDS * 1000)),
    maxBytes: upload.size,
  };
}

/** The caller's own upload; anyone else's, or an expired one, is not found (never "forbidden": ids are not probed). */
export async function getUpload(deps: UploadsDeps, tenant: string, caller: Caller, uploadId: string): Promise<Upload> {
  const upload = await deps.store.get(tenant, uploadId);
  if (!upload || upload.owner !== caller.id || isExpired(upload, deps.clock())) throw uploadNotFound();
  return {
    uploadId: upload.uploadId,
    status: upload.status,
    fileName: upload.fileName,
    contentType: upload.contentType,
    size: upload.size,
    ...(upload.sha256 ? { sha256: upload.sha256 } : {}),
    createdAt: upload.createdAt,
  };
}
