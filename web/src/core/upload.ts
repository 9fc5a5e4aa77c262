// A file goes straight to the tenant's bucket: the API hands out a presigned POST for exactly this file
// (POST /v1/{tenant}/uploads), the browser posts it with progress, and the record that uses the file names its uploadId.
import { ApiError, NETWORK_TEXT, post } from './api';

export interface CreatedUpload { uploadId: string; url: string; fields: Record<string, string>; expiresAt: string; maxBytes: number }

/** By extension, what the API accepts (shared/uploads.ts UPLOAD_CONTENT_TYPES), for files the browser gives no type. */
export const ACCEPTED_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  txt: 'text/plain',
};

/** The accept attribute of a file input. */
export const ACCEPT_ATTRIBUTE = Object.keys(ACCEPTED_TYPES).map((ext) => `.${ext}`).join(',');

export const contentTypeOf = (file: File): string =>
  file.type || ACCEPTED_TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''] || 'application/octet-stream';

/** Posts the form with the file; onProgress gets 0…1. Rejects with ApiError NETWORK or UPLOAD_FAILED. */
function postForm(created: CreatedUpload, file: File, contentType: string, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(created.fields)) form.append(name, value);
    if (!('Content-Type' in created.fields)) form.append('Content-Type', contentType);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', created.url);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else {
        reject(new ApiError(xhr.status, 'UPLOAD_FAILED', { vi: `Kho lưu trữ từ chối tệp (mã ${xhr.status}). Hãy thử lại.`, en: `The storage refused the file (status ${xhr.status}). Try again.` }));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', NETWORK_TEXT));
    xhr.send(form);
  });
}

/** Uploads one file for a tenant; returns its uploadId. A retry asks for a fresh URL (the old one may have expired). */
export async function uploadFile(tenant: string, file: File, onProgress: (fraction: number) => void): Promise<string> {
  const contentType = contentTypeOf(file);
  const created = await post<CreatedUpload>(`/v1/${tenant}/uploads`, { fileName: file.name, contentType, size: file.size });
  await postForm(created, file, contentType, onProgress);
  return created.uploadId;
}
