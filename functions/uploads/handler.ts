// Lambda entry of the upload route: wires the uploads table and the tenant's files bucket to the routes.
import { requireEnv } from '#shared/config';
import { systemClock } from '#shared/clock';
import { documentClient } from '#shared/ddb';
import { httpHandler } from '#shared/http/handler';
import { powertoolsIdempotency } from '#shared/http/idempotency';
import { newId } from '#shared/ids';
import { usageTable } from '#shared/metering';
import { storageCheck } from '#shared/quota';
import { FILES_BUCKET_ENV, s3Client } from '#shared/s3';
import { uploadsTable } from '#shared/uploads';
import { uploadsRoutes } from './routes';
import * as uploads from './service';
import { dynamoUploadStore, s3PostPresigner } from './store';

const db = documentClient();
const deps: uploads.UploadsDeps = {
  store: dynamoUploadStore(db, requireEnv(uploadsTable.envVar)),
  presigner: s3PostPresigner(s3Client(), requireEnv(FILES_BUCKET_ENV)),
  clock: systemClock,
  newId,
  // The tenant's stored bytes from metering (the platform usage table), read on every request.
  storage: storageCheck(db, requireEnv(usageTable.envVar)),
};

export const handler = httpHandler('uploads', uploadsRoutes, {
  createUpload: async ({ tenant, caller, body }) => uploads.createUpload(deps, tenant, caller, body),
  getUpload: async ({ tenant, caller, params }) => uploads.getUpload(deps, tenant, caller, params.id),
}, powertoolsIdempotency());
