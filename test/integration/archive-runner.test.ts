// The archive runner through the local gateway's Lambda Invoke API, called as the operator API calls it (the SDK's
// LambdaClient): an Event invocation is answered 202 at once, a DryRun 204, an unknown function 404; and a second
// delivery of a run whose record already ended runs nothing (docs/archive.md, The asynchronous path). The records
// here are made directly in the registry table, for Nghệ An, so that no tenant work is done.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ARCHIVE_RUNNER_FUNCTION } from '#functions/platform/archive/catalog';
import { eventually, suiteInfo } from './support';

const TENANT = 'nghean';
const REGION = 'ap-southeast-1';
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const info = suiteInfo();
const lambda = new LambdaClient({ endpoint: info.url, region: REGION, credentials: CREDENTIALS });
const dynamo = new DynamoDBClient({ endpoint: info.endpoints.dynamodb, region: REGION, credentials: CREDENTIALS });
const db = DynamoDBDocumentClient.from(dynamo);
const s3 = new S3Client({ endpoint: info.endpoints.s3, region: REGION, credentials: CREDENTIALS, forcePathStyle: true });

afterAll(() => [lambda, dynamo, s3].forEach((c) => c.destroy()));

/** A fresh export id (time-sortable, as the operator API makes them). */
const newId = () => `${new Date().toISOString().replace(/[-:.]/g, '')}-${Math.floor(Math.random() * 0xffffff).toString(16).padStart(6, '0')}`;
const payload = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const decoded = (bytes: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(bytes));

describe('the archive runner through the Invoke API', () => {
  it('a second delivery of an export that already ended runs nothing and changes nothing', async () => {
    // Prepare: an export the runner already completed.
    const exportId = newId();
    const key = { pk: `TENANT#${TENANT}`, sk: `EXPORT#${exportId}` };
    const record = { tenant: TENANT, exportId, status: 'completed', startedAt: '2026-11-24T10:00:00+07:00', finishedAt: '2026-11-24T10:00:02+07:00' };
    await db.send(new PutCommand({ TableName: 'platform-tenants', Item: { ...key, ...record } }));
    // Act
    const out = await lambda.send(new InvokeCommand({ FunctionName: ARCHIVE_RUNNER_FUNCTION, Payload: payload({ operation: 'export', tenant: TENANT, id: exportId }) }));
    // Assess
    expect([out.StatusCode, out.FunctionError, decoded(out.Payload)]).toEqual([200, undefined, { outcome: 'skipped', reason: 'ended' }]);
    expect((await db.send(new GetCommand({ TableName: 'platform-tenants', Key: key, ConsistentRead: true }))).Item).toEqual({ ...key, ...record });
    const written = await s3.send(new ListObjectsV2Command({ Bucket: `tinhso-${TENANT}`, Prefix: `${TENANT}/exports/${exportId}/` }));
    expect(written.KeyCount ?? 0).toBe(0);
  });

  it('an Event invocation is answered 202 with no payload, and the run happens afterwards: a failure is recorded', async () => {
    // Prepare: a running export of a tenant with no deployment here, so that the run fails at once and harms nothing.
    const exportId = newId();
    const key = { pk: 'TENANT#khongco', sk: `EXPORT#${exportId}` };
    await db.send(new PutCommand({ TableName: 'platform-tenants', Item: { ...key, tenant: 'khongco', exportId, status: 'running', startedAt: '2026-11-24T10:00:00+07:00' } }));
    // Act
    const out = await lambda.send(new InvokeCommand({ FunctionName: ARCHIVE_RUNNER_FUNCTION, InvocationType: 'Event', Payload: payload({ operation: 'export', tenant: 'khongco', id: exportId }) }));
    // Assess
    expect([out.StatusCode, out.FunctionError, out.Payload?.length ?? 0]).toEqual([202, undefined, 0]);
    const ended = await eventually(async () => {
      const item = (await db.send(new GetCommand({ TableName: 'platform-tenants', Key: key, ConsistentRead: true }))).Item;
      return item?.status === 'running' ? undefined : item;
    });
    expect(ended).toMatchObject({ status: 'failed', error: expect.stringContaining('tinhso-khongco-tenant-export') });
    expect(ended!.claimedUntil).toBeUndefined();
  });

  it('a DryRun is 204; an unknown platform or tenant function is ResourceNotFoundException, asynchronously too', async () => {
    const dry = await lambda.send(new InvokeCommand({ FunctionName: ARCHIVE_RUNNER_FUNCTION, InvocationType: 'DryRun' }));
    expect(dry.StatusCode).toBe(204);
    for (const [name, type] of [['tinhso-platform-nothing', 'Event'], [`tinhso-${TENANT}-tenant-nothing`, 'RequestResponse']] as const) {
      await expect(lambda.send(new InvokeCommand({ FunctionName: name, InvocationType: type, Payload: payload({}) }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    }
  });
});
