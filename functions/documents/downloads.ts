// Downloading a document's files: a presigned link for a few minutes to the version that was verified when the file
// was attached (or received). Whoever may read the document may download its files; the caller has been checked.
import { toVietnamIso } from '#shared/clock';
import { notFound } from '#shared/errors';
import type { DocumentDeps } from './deps';
import type { DocumentFile, FileLink, IncomingDocument, OutgoingDocument } from './schemas';
import { DOCUMENT_TEXT as T } from './text';

/** How long a file's download URL works. */
export const FILE_URL_TTL_SECONDS = 5 * 60;

/** Every file of a document: an outgoing one's draft, signed PDF and annexes; an incoming copy's files. */
export const filesOf = (doc: OutgoingDocument | IncomingDocument): DocumentFile[] =>
  doc.kind === 'incoming' ? doc.files : [doc.mainFile, ...(doc.signedFile ? [doc.signedFile] : []), ...doc.annexes];

/** A file's id in the URL: its upload; a file received from outside the province has none, so its SHA-256. */
export const fileIdOf = (file: DocumentFile): string => file.uploadId ?? file.sha256;

/** The link to the file `fileId` of a document the caller may read; 404 FILE_NOT_FOUND when it has no such file. */
export async function fileLink(deps: DocumentDeps, doc: OutgoingDocument | IncomingDocument, fileId: string): Promise<FileLink> {
  const file = filesOf(doc).find((f) => fileIdOf(f) === fileId);
  if (!file) throw notFound('FILE_NOT_FOUND', T.fileNotFound.vi, T.fileNotFound.en);
  return {
    url: await deps.files.downloadUrl(file, FILE_URL_TTL_SECONDS),
    expiresAt: toVietnamIso(new Date(deps.clock().getTime() + FILE_URL_TTL_SECONDS * 1000)),
    fileName: file.fileName,
    sha256: file.sha256,
  };
}
