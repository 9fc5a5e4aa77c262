// S3 access shared by every service: one client per module, the tenant's files bucket from the environment, and
// presigned downloads of its objects (dossiers' forms and files, official documents' files).
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/** The tenant's files bucket (uploads, results, raw mail). */
export const FILES_BUCKET_ENV = 'FILES_BUCKET';
/**
 * `true` for S3-compatible stores that only answer path-style requests (s3rver locally). Configuration, not a
 * local switch: the endpoint itself comes from the SDK's AWS_ENDPOINT_URL_S3.
 */
export const S3_FORCE_PATH_STYLE_ENV = 'S3_FORCE_PATH_STYLE';

let client: S3Client | undefined;

export function s3Client(): S3Client {
  client ??= new S3Client({ forcePathStyle: process.env[S3_FORCE_PATH_STYLE_ENV] === 'true' });
  return client;
}

/** How a presigned download is served: its stored type, the verified version, and whether the browser saves it. */
export interface DownloadOptions {
  contentType: string;
  /** The object version that was verified (versioned buckets): a later overwrite of the key is not what is served. */
  versionId?: string;
  /** `attachment` saves the file under its name; `inline` lets the browser show it (a generated form). */
  disposition: 'attachment' | 'inline';
}

/** RFC 6266: an ASCII fallback name (diacritics dropped, đ → d, quotes and others → _) and the real name in UTF-8. */
export function contentDisposition(disposition: DownloadOptions['disposition'], fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** A presigned GET of `key` in `bucket`, valid `expiresInSeconds`, that the browser receives as `fileName`. */
export function presignedDownload(s3: S3Client, bucket: string, key: string, fileName: string, expiresInSeconds: number, options: DownloadOptions): Promise<string> {
  return getSignedUrl(s3, new GetObjectCommand({
    Bucket: bucket, Key: key, VersionId: options.versionId,
    ResponseContentType: options.contentType,
    ResponseContentDisposition: contentDisposition(options.disposition, fileName),
  }), { expiresIn: expiresInSeconds });
}
