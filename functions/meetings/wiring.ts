// Wires the meetings service's ports to DynamoDB, S3, the directory, the mail outbox and the video provider.
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from '#shared/config';
import { systemClock, type Clock } from '#shared/clock';
import { documentClient } from '#shared/ddb';
import { directoryKeys, directoryTable, unitMembers } from '#shared/directory';
import { mailOutboxTable, mailRequestItem } from '#shared/outbox';
import { quotaMeter, registryPolicy, type PolicyReader } from '#shared/quota';
import { FILES_BUCKET_ENV, s3Client } from '#shared/s3';
import { uploadsTable, verifyUpload } from '#shared/uploads';
import type { MeetingDeps, UnitInfo, VideoProvider } from './deps';
import { meetingsStore } from './store';
import { meetingsTable } from './tables';
import { videoFromEnv } from './video';

export interface WiringOptions {
  db: DynamoDBDocumentClient; s3: S3Client; clock: Clock; video: VideoProvider;
  tables: { meetings: string; uploads: string; outbox: string; directory: string };
  bucket: string;
  /** Where the tenant's quotas are read (the registry in the functions); without it nothing is counted. */
  quotas?: PolicyReader;
}

export function meetingsWiring(o: WiringOptions): MeetingDeps {
  return {
    store: meetingsStore(o.db, o.tables.meetings),
    clock: o.clock,
    ...(o.quotas ? { quota: quotaMeter(o.db, meetingsTable, o.tables.meetings, o.quotas) } : {}),
    video: o.video,
    outbox: { item: (request) => mailRequestItem(o.tables.outbox, request) },
    directory: {
      async unit(tenant, code) {
        const out = await o.db.send(new GetCommand({ TableName: o.tables.directory, Key: { pk: directoryKeys.unit(tenant), sk: code } }));
        return out.Item as UnitInfo | undefined;
      },
      members: (tenant, unit, roles) => unitMembers(o.db, o.tables.directory, tenant, unit, roles),
      async userName(tenant, userId) {
        const out = await o.db.send(new GetCommand({ TableName: o.tables.directory, Key: { pk: directoryKeys.user(tenant), sk: userId } }));
        return out.Item?.name as string | undefined;
      },
    },
    files: {
      async claim(tenant, uploadId, caller, reference) {
        const { file, attach } = await verifyUpload({ db: o.db, s3: o.s3, tableName: o.tables.uploads, bucket: o.bucket, tenant, uploadId, caller, reference, clock: o.clock });
        const { sha256: _sha, ...meetingFile } = file;
        return { file: meetingFile, attach };
      },
      link: (file) => getSignedUrl(o.s3, new GetObjectCommand({ Bucket: o.bucket, Key: file.key, ...(file.versionId ? { VersionId: file.versionId } : {}) }), { expiresIn: 300 }),
    },
  };
}

export function meetingsFromEnv(): MeetingDeps {
  return meetingsWiring({
    db: documentClient(), s3: s3Client(), clock: systemClock, video: videoFromEnv(),
    tables: {
      meetings: requireEnv(meetingsTable.envVar), uploads: requireEnv(uploadsTable.envVar),
      outbox: requireEnv(mailOutboxTable.envVar), directory: requireEnv(directoryTable.envVar),
    },
    bucket: requireEnv(FILES_BUCKET_ENV),
    quotas: registryPolicy,
  });
}
