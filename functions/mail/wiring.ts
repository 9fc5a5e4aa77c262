// Wires the mail service's ports to DynamoDB, S3, the directory, uploads and the outgoing transport.
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv, requireJsonEnv } from '#shared/config';
import { EXCHANGE_BUCKET_ENV, EXCHANGE_TENANTS_ENV, ExchangeTenants, exchangeTable } from '#shared/exchange';
import { exchangeHub } from '#shared/exchange-hub';
import { systemClock, type Clock } from '#shared/clock';
import { documentClient } from '#shared/ddb';
import { mailboxCounter, registryPolicy, unlimited, type PolicyReader } from '#shared/quota';
import { directoryKeys, directoryTable } from '#shared/directory';
import { FILES_BUCKET_ENV, s3Client } from '#shared/s3';
import { uploadsTable, verifyUpload } from '#shared/uploads';
import type { MailDeps } from './deps';
import { mailStore } from './store';
import { mailTable } from './tables';
import { transportFromEnv, type Transport } from './transport';

export interface WiringOptions {
  db: DynamoDBDocumentClient; s3: S3Client; clock: Clock; transport: Transport;
  /** The hub's table and bucket, and the tenants it connects; without it, every other domain goes to the transport. */
  exchange?: { table: string; bucket: string; tenants: ExchangeTenants };
  tables: { mail: string; uploads: string; directory: string };
  bucket: string;
  /** Limits of the mailboxes quota; without it (the bench) shared mailboxes are counted but not limited. */
  quotas?: PolicyReader;
}

export function mailWiring(o: WiringOptions): MailDeps {
  return {
    store: mailStore(o.db, o.s3, o.tables.mail, o.bucket),
    clock: o.clock,
    transport: o.transport,
    mailboxes: mailboxCounter(o.db, directoryTable, o.tables.directory, o.quotas ?? unlimited),
    ...(o.exchange ? { exchange: { hub: exchangeHub(o.db, o.s3, o.exchange.table, o.exchange.bucket), tenants: o.exchange.tenants } } : {}),
    directory: {
      async officialByEmail(tenant, email) {
        const byEmail = await o.db.send(new GetCommand({ TableName: o.tables.directory, Key: { pk: directoryKeys.email(tenant), sk: email.toLowerCase() } }));
        const userId = byEmail.Item?.userId as string | undefined;
        if (!userId) return undefined;
        const user = (await o.db.send(new GetCommand({ TableName: o.tables.directory, Key: { pk: directoryKeys.user(tenant), sk: userId } }))).Item;
        return user ? { id: userId, email: String(user.email), name: String(user.name), enabled: user.enabled !== false } : undefined;
      },
    },
    uploads: {
      async claim(tenant, uploadId, caller, reference) {
        const { file, attach } = await verifyUpload({ db: o.db, s3: o.s3, tableName: o.tables.uploads, bucket: o.bucket, tenant, uploadId, caller, reference, clock: o.clock });
        const out = await o.s3.send(new GetObjectCommand({ Bucket: o.bucket, Key: file.key, ...(file.versionId ? { VersionId: file.versionId } : {}) }));
        return { fileName: file.fileName, contentType: file.contentType, bytes: await out.Body!.transformToByteArray(), attach };
      },
    },
  };
}

export function mailFromEnv(): MailDeps {
  return mailWiring({
    db: documentClient(), s3: s3Client(), clock: systemClock, transport: transportFromEnv(),
    tables: { mail: requireEnv(mailTable.envVar), uploads: requireEnv(uploadsTable.envVar), directory: requireEnv(directoryTable.envVar) },
    bucket: requireEnv(FILES_BUCKET_ENV),
    quotas: registryPolicy,
    ...(process.env[exchangeTable.envVar] ? {
      exchange: {
        table: requireEnv(exchangeTable.envVar), bucket: requireEnv(EXCHANGE_BUCKET_ENV),
        tenants: requireJsonEnv(EXCHANGE_TENANTS_ENV, ExchangeTenants),
      },
    } : {}),
  });
}
