// Wires the documents service's ports to DynamoDB, S3 and the directory: the HTTP handler, the stream dispatcher,
// the inbound function, the reminder job and the bench all use it.
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from '#shared/config';
import { systemClock, type Clock } from '#shared/clock';
import { documentClient } from '#shared/ddb';
import { directoryKeys, directoryTable, unitMembers } from '#shared/directory';
import { EXCHANGE_BUCKET_ENV, exchangeTable } from '#shared/exchange';
import { mailOutboxTable, mailRequestItem } from '#shared/outbox';
import { quotaMeter, registryPolicy, type PolicyReader } from '#shared/quota';
import { FILES_BUCKET_ENV, presignedDownload, s3Client } from '#shared/s3';
import { uploadsTable, verifyUpload } from '#shared/uploads';
import type { DocumentDeps, UnitInfo } from './deps';
import { exchangeHub } from '#shared/exchange-hub';
import type { ExchangeDeps } from './exchange/outbound';
import { exchangeSigner } from './exchange/signer';
import { dynamoDocumentsStore } from './store';
import { documentsTable } from './tables';

export interface WiringOptions {
  db: DynamoDBDocumentClient; s3: S3Client; clock: Clock;
  tables: { documents: string; uploads: string; outbox: string; directory: string; exchange: string };
  buckets: { files: string; exchange: string };
  /** Where the tenant's quotas are read (the registry in the functions); without it nothing is counted. */
  quotas?: PolicyReader;
}

export function documentsWiring(o: WiringOptions): ExchangeDeps {
  const units = new Map<string, Promise<UnitInfo | undefined>>();
  const deps: DocumentDeps = {
    store: dynamoDocumentsStore(o.db, o.tables.documents),
    clock: o.clock,
    ...(o.quotas ? { quota: quotaMeter(o.db, documentsTable, o.tables.documents, o.quotas) } : {}),
    outbox: { item: (request) => mailRequestItem(o.tables.outbox, request) },
    directory: {
      // Units change rarely: one read per unit per warm function is enough.
      unit(tenant, code) {
        const key = `${tenant}/${code}`;
        let found = units.get(key);
        if (!found) {
          found = o.db.send(new GetCommand({ TableName: o.tables.directory, Key: { pk: directoryKeys.unit(tenant), sk: code } }))
            .then((out) => out.Item as UnitInfo | undefined);
          units.set(key, found);
          found.then((u) => { if (!u) units.delete(key); }, () => units.delete(key));
        }
        return found;
      },
      async official(tenant, userId) {
        const out = await o.db.send(new GetCommand({ TableName: o.tables.directory, Key: { pk: directoryKeys.user(tenant), sk: userId } }));
        return out.Item ? { email: String(out.Item.email), name: String(out.Item.name), enabled: out.Item.enabled !== false } : undefined;
      },
      members: (tenant, unit, roles) => unitMembers(o.db, o.tables.directory, tenant, unit, roles),
    },
    files: {
      async claim(tenant, uploadId, caller, accept, reference) {
        const { file, attach } = await verifyUpload({ db: o.db, s3: o.s3, tableName: o.tables.uploads, bucket: o.buckets.files, tenant, uploadId, caller, accept, reference });
        return { file, attach };
      },
      async read(file) {
        const out = await o.s3.send(new GetObjectCommand({ Bucket: o.buckets.files, Key: file.key, ...(file.versionId ? { VersionId: file.versionId } : {}) }));
        return out.Body!.transformToByteArray();
      },
      async write(key, bytes, contentType) {
        const out = await o.s3.send(new PutObjectCommand({ Bucket: o.buckets.files, Key: key, Body: bytes, ContentType: contentType }));
        return out.VersionId ? { versionId: out.VersionId } : {};
      },
      downloadUrl: (file, expiresInSeconds) => presignedDownload(o.s3, o.buckets.files, file.key, file.fileName, expiresInSeconds,
        { contentType: file.contentType, versionId: file.versionId, disposition: 'attachment' }),
    },
  };
  return { ...deps, hub: exchangeHub(o.db, o.s3, o.tables.exchange, o.buckets.exchange), signer: exchangeSigner };
}

/** The wiring from the function's environment (the same in AWS and locally). */
export function documentsFromEnv(): ExchangeDeps {
  return documentsWiring({
    db: documentClient(), s3: s3Client(), clock: systemClock,
    tables: {
      documents: requireEnv(documentsTable.envVar), uploads: requireEnv(uploadsTable.envVar), outbox: requireEnv(mailOutboxTable.envVar),
      directory: requireEnv(directoryTable.envVar), exchange: requireEnv(exchangeTable.envVar),
    },
    buckets: { files: requireEnv(FILES_BUCKET_ENV), exchange: requireEnv(EXCHANGE_BUCKET_ENV) },
    quotas: registryPolicy,
  });
}
