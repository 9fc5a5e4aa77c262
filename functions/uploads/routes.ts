// The suite's one upload route: a signed-in user asks to upload a file and gets a short-lived presigned POST to
// the tenant's bucket. Services check the file (shared/uploads.ts verifyUpload) when a record references it.
import { defineRoutes } from '#shared/http/route';
import { CreatedUpload, CreateUpload, TenantParams, Upload, UploadParams } from './schemas';

export const uploadsRoutes = defineRoutes({
  createUpload: {
    method: 'POST', path: '/v1/{tenant}/uploads', access: 'authenticated', params: TenantParams, body: CreateUpload, response: CreatedUpload,
    status: 201, idempotent: true,
    summary: 'Xin địa chỉ tải tệp lên / Request an upload URL for a file',
  },
  getUpload: {
    method: 'GET', path: '/v1/{tenant}/uploads/{id}', access: 'authenticated', params: UploadParams, response: Upload,
    summary: 'Xem tệp mình đã tải lên / Get one of your uploads',
  },
});
