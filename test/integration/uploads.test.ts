// Uploads end to end on the local suite: a citizen asks for an upload, POSTs the bytes straight to the bucket
// (s3rver) with the presigned form, and a service's verifyUpload proves the bytes and claims the upload in the same
// DynamoDB transaction as its record. s3rver enforces none of the POST policy, so the bad cases show verifyUpload
// catching what S3 would have refused.
import { createHash, randomBytes } from 'node:crypto';
import { AdminConfirmSignUpCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { MAX_UPLOAD_BYTES, verifyUpload, type VerifyUploadInput } from '#shared/uploads';
import { api, cognitoClient, officerOf, signIn, suiteInfo, tenantOf, unique } from './support';

const TABLE = 'nghean-uploads';
const BUCKET = 'tinhso-nghean';
const REGION = 'ap-southeast-1';
const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PDF = 'application/pdf';

let db: DynamoDBDocumentClient;
let s3: S3Client;

beforeAll(() => {
  const { endpoints } = suiteInfo();
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: endpoints.dynamodb, region: REGION, credentials }));
  s3 = new S3Client({ endpoint: endpoints.s3, region: REGION, credentials, forcePathStyle: true });
});

afterAll(() => {
  db.destroy();
  s3.destroy();
});

const citizen = () => signIn('nghean', 'congdan@example.vn');
const idOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub;
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

const pdfBytes = (size = 50_000) => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
const pngBytes = (size = 2_000) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size - 8)]);

interface Created { uploadId: string; url: string; fields: Record<string, string>; expiresAt: string; maxBytes: number }

async function requestUpload(token: string, body: Record<string, unknown>, tenant = 'nghean'): Promise<Created> {
  const res = await api('POST', `/v1/${tenant}/uploads`, { token, body });
  expect(res.status).toBe(201);
  return res.body as Created;
}

/** A browser's form POST: every field first, then the file as `file` (S3 ignores fields after the file). */
async function postFile(created: Created, data: Uint8Array, fieldOverrides: Record<string, string> = {}): Promise<number> {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...created.fields, ...fieldOverrides })) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(data)]), 'file');
  const res = await fetch(created.url, { method: 'POST', body: form });
  await res.arrayBuffer();
  return res.status;
}

/** Requests an upload of `data` declared as `contentType` (and `size`, by default its real size) and POSTs it. */
async function uploaded(token: string, contentType: string, data: Uint8Array, declaredSize = data.length, fileName = 'tờ khai.pdf') {
  const created = await requestUpload(token, { fileName, contentType, size: declaredSize });
  expect(await postFile(created, data)).toBe(204);
  return created;
}

const verify = (uploadId: string, token: string, extra: Partial<VerifyUploadInput> = {}) => verifyUpload({
  db, s3, tableName: TABLE, bucket: BUCKET, tenant: 'nghean', uploadId, caller: { id: idOf(token) }, reference: 'test-record#1', ...extra,
});

const item = async (uploadId: string, tenant = 'nghean') =>
  (await db.send(new GetCommand({ TableName: `${tenant}-uploads`, Key: { pk: `${tenant}#UPLOAD`, sk: uploadId }, ConsistentRead: true }))).Item;

describe('requesting an upload', () => {
  it('answers 201 with a presigned POST for exactly this key, type and size, valid 15 minutes', async () => {
    // Prepare
    const token = await citizen();
    const before = Date.now();
    // Act
    const res = await api('POST', '/v1/nghean/uploads', { token, body: { fileName: 'Đơn đề nghị.pdf', contentType: PDF, size: 12_345 } });
    // Assess
    expect(res.status).toBe(201);
    const { uploadId, url, fields, expiresAt, maxBytes } = res.body as Created;
    expect(uploadId).toMatch(UUID);
    expect(url).toBe(`${suiteInfo().endpoints.s3}/${BUCKET}`);
    expect(fields).toMatchObject({ key: `nghean/uploads/${uploadId}`, 'Content-Type': PDF, Policy: expect.any(String), 'X-Amz-Signature': expect.any(String) });
    const policy = JSON.parse(Buffer.from(fields.Policy!, 'base64').toString());
    expect(policy.conditions).toEqual(expect.arrayContaining([
      ['content-length-range', 12_345, 12_345], ['eq', '$Content-Type', PDF], { bucket: BUCKET }, { key: `nghean/uploads/${uploadId}` },
    ]));
    expect(expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    expect(Math.abs(new Date(expiresAt).getTime() - (before + 15 * 60_000))).toBeLessThan(60_000);
    expect(maxBytes).toBe(12_345);
  });

  it('records it as pending, owned by the caller, under a key that begins with the tenant and not the file name, for 24 h', async () => {
    // Prepare
    const token = await citizen();
    // Act
    const { uploadId } = await requestUpload(token, { fileName: 'CCCD mặt trước.jpg', contentType: 'image/jpeg', size: 100 });
    // Assess
    const stored = await item(uploadId);
    expect(stored).toMatchObject({
      pk: 'nghean#UPLOAD', sk: uploadId, uploadId, owner: idOf(token), status: 'pending', fileName: 'CCCD mặt trước.jpg',
      contentType: 'image/jpeg', size: 100, key: `nghean/uploads/${uploadId}`,
    });
    expect(stored!.expiresAt - Date.now() / 1000).toBeGreaterThan(24 * 3600 - 120);
    expect(stored!.expiresAt - Date.now() / 1000).toBeLessThanOrEqual(24 * 3600);
    const read = await api('GET', `/v1/nghean/uploads/${uploadId}`, { token });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ uploadId, status: 'pending', fileName: 'CCCD mặt trước.jpg', contentType: 'image/jpeg', size: 100, createdAt: stored!.createdAt });
    expect(read.body.createdAt).toMatch(/\+07:00$/);
  });

  it('is open to officials too', async () => {
    const res = await api('POST', '/v1/nghean/uploads', { token: await officerOf('nghean'), body: { fileName: 'cong-van.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 5000 } });
    expect(res.status).toBe(201);
  });

  it('answers a retry with the same Idempotency-Key with the same upload', async () => {
    const token = await citizen();
    const headers = { 'idempotency-key': `upload-${unique()}` };
    const body = { fileName: 'a.txt', contentType: 'text/plain', size: 10 };
    const first = await api('POST', '/v1/nghean/uploads', { token, body, headers });
    const retry = await api('POST', '/v1/nghean/uploads', { token, body, headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.uploadId).toBe(first.body.uploadId);
  });

  it.each([
    ['a hostile file name', { fileName: '../../x' }, 'body.fileName'],
    ['a Windows path', { fileName: '..\\..\\x.pdf' }, 'body.fileName'],
    ['a control character in the name', { fileName: 'a\u0000.pdf' }, 'body.fileName'],
    ['a right-to-left override in the name', { fileName: 'hoadon\u202efdp.exe' }, 'body.fileName'],
    ['a name of 256 characters', { fileName: `${'x'.repeat(252)}.pdf` }, 'body.fileName'],
    ['a disallowed type', { contentType: 'application/x-msdownload' }, 'body.contentType'],
    ['size 0', { size: 0 }, 'body.size'],
    ['over 20 MB', { size: MAX_UPLOAD_BYTES + 1 }, 'body.size'],
    ['a size that is not an integer', { size: 10.5 }, 'body.size'],
    ['an S3 key of its own', { key: 'hue/uploads/x' }, 'body'],
  ])('refuses %s with 400 VALIDATION_FAILED naming the field', async (_, change, path) => {
    // Act
    const res = await api('POST', '/v1/nghean/uploads', { token: await citizen(), body: { fileName: 'to-khai.pdf', contentType: PDF, size: 1000, ...change } });
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual([path]);
  });

  it('refuses malformed JSON with 400 INVALID_JSON', async () => {
    const res = await api('POST', '/v1/nghean/uploads', { token: await citizen(), rawBody: '{"fileName":"a.pdf",', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
  });
});

describe('reading an upload', () => {
  it('answers 404 UPLOAD_NOT_FOUND for someone else\'s upload, an unknown id, and another province\'s', async () => {
    // Prepare
    const { uploadId } = await requestUpload(await citizen(), { fileName: 'a.pdf', contentType: PDF, size: 10 });
    const hueUpload = await requestUpload(await signIn('hue', 'congdan@example.vn'), { fileName: 'a.pdf', contentType: PDF, size: 10 }, 'hue');
    // Act
    const others = await Promise.all([
      api('GET', `/v1/nghean/uploads/${uploadId}`, { token: await officerOf('nghean') }),
      api('GET', '/v1/nghean/uploads/6f1c2a52-3f7b-4c1e-9a55-2d1f4d5e6a7b', { token: await citizen() }),
      api('GET', `/v1/nghean/uploads/${hueUpload.uploadId}`, { token: await citizen() }),
    ]);
    // Assess
    for (const res of others) {
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'UPLOAD_NOT_FOUND', message: 'Không tìm thấy tệp đã tải lên.', messageEn: 'Upload not found.' });
    }
  });

  it('refuses an id that is not a UUID as a validation error, not a lookup', async () => {
    const res = await api('GET', '/v1/nghean/uploads/..%2F..%2Fx', { token: await citizen() });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('params.id');
  });
});

describe('verifying and attaching an upload', () => {
  it('proves the bytes, records the SHA-256, and claims the upload in the caller\'s transaction', async () => {
    // Prepare
    const token = await citizen();
    const data = pdfBytes();
    const { uploadId } = await uploaded(token, PDF, data);
    // Act
    const { file, attach } = await verify(uploadId, token, { reference: 'dossier#A' });
    // Assess: the facts a record stores
    expect(file).toEqual({ uploadId, key: `nghean/uploads/${uploadId}`, fileName: 'tờ khai.pdf', contentType: PDF, size: data.length, sha256: sha256(data) });
    expect((await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: file.key }))).ContentLength).toBe(data.length);
    const verified = await api('GET', `/v1/nghean/uploads/${uploadId}`, { token });
    expect(verified.body).toMatchObject({ status: 'verified', sha256: sha256(data) });
    expect(attach.Update).toMatchObject({ TableName: TABLE, Key: { pk: 'nghean#UPLOAD', sk: uploadId } });

    // Act: the record's transaction, with the attach item in it
    await db.send(new TransactWriteCommand({ TransactItems: [attach] }));
    // Assess
    expect(await item(uploadId)).toMatchObject({ status: 'attached', attachedTo: 'dossier#A', sha256: sha256(data) });
    expect((await item(uploadId))!.expiresAt).toBeUndefined();
    expect((await api('GET', `/v1/nghean/uploads/${uploadId}`, { token })).body.status).toBe('attached');
  });

  it('refuses a second record with 409 UPLOAD_ALREADY_USED, and lets the same record verify and attach again (a retry)', async () => {
    // Prepare
    const token = await citizen();
    const data = pdfBytes(3000);
    const { uploadId } = await uploaded(token, PDF, data);
    const first = await verify(uploadId, token, { reference: 'dossier#A' });
    await db.send(new TransactWriteCommand({ TransactItems: [first.attach] }));
    // Act / Assess
    await expect(verify(uploadId, token, { reference: 'dossier#B' })).rejects.toMatchObject({ status: 409, code: 'UPLOAD_ALREADY_USED' });
    const again = await verify(uploadId, token, { reference: 'dossier#A' });
    expect(again.file).toEqual(first.file);
    await db.send(new TransactWriteCommand({ TransactItems: [again.attach] }));
    expect(await item(uploadId)).toMatchObject({ status: 'attached', attachedTo: 'dossier#A' });
  });

  it('claims nothing when the record\'s transaction fails', async () => {
    // Prepare
    const token = await citizen();
    const { uploadId } = await uploaded(token, PDF, pdfBytes(1000));
    const { attach } = await verify(uploadId, token, { reference: 'dossier#lost' });
    // Act: the record's own write fails its condition
    const write = db.send(new TransactWriteCommand({
      TransactItems: [
        attach,
        { ConditionCheck: { TableName: TABLE, Key: { pk: 'nghean#UPLOAD', sk: 'no-such-record' }, ConditionExpression: 'attribute_exists(pk)' } },
      ],
    }));
    // Assess
    await expect(write).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    expect(await item(uploadId)).toMatchObject({ status: 'verified' });
    expect((await item(uploadId))!.attachedTo).toBeUndefined();
  });

  it('lets exactly one of two records racing for the same upload claim it', async () => {
    // Prepare: both verify while the upload is still free
    const token = await citizen();
    const { uploadId } = await uploaded(token, 'image/png', pngBytes());
    const [a, b] = await Promise.all([verify(uploadId, token, { reference: 'dossier#A' }), verify(uploadId, token, { reference: 'dossier#B' })]);
    // Act
    const results = await Promise.allSettled([a, b].map((v) => db.send(new TransactWriteCommand({ TransactItems: [v.attach] }))));
    // Assess
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const winner = results[0]!.status === 'fulfilled' ? 'dossier#A' : 'dossier#B';
    expect(await item(uploadId)).toMatchObject({ status: 'attached', attachedTo: winner });
  });

  it('lets the service narrow the types and the size it accepts', async () => {
    const token = await citizen();
    const { uploadId } = await uploaded(token, PDF, pdfBytes(5000));
    await expect(verify(uploadId, token, { accept: { contentTypes: ['image/png', 'image/jpeg'] } }))
      .rejects.toMatchObject({ status: 400, code: 'UPLOAD_TYPE_NOT_ACCEPTED', details: { uploadId, accepted: ['image/png', 'image/jpeg'] } });
    await expect(verify(uploadId, token, { accept: { maxBytes: 4096 } }))
      .rejects.toMatchObject({ status: 400, code: 'UPLOAD_TOO_LARGE', details: { uploadId, maxBytes: 4096 } });
    await expect(verify(uploadId, token, { accept: { contentTypes: [PDF], maxBytes: 5000 } })).resolves.toBeDefined();
  });
});

describe('what verifyUpload catches', () => {
  it('a file larger than declared: s3rver takes it (no content-length-range), verification does not', async () => {
    // Prepare
    const token = await citizen();
    const created = await requestUpload(token, { fileName: 'to-khai.pdf', contentType: PDF, size: 1000 });
    // Act
    const status = await postFile(created, pdfBytes(1500));
    // Assess
    expect(status).toBe(204);
    await expect(verify(created.uploadId, token)).rejects.toMatchObject({
      status: 400, code: 'UPLOAD_SIZE_MISMATCH', details: { uploadId: created.uploadId, declared: 1000, actual: 1500 },
      message: 'Kích thước tệp đã tải lên khác với kích thước đã khai báo.',
    });
    expect((await item(created.uploadId))!.status).toBe('pending');
  });

  it('PNG bytes declared as PDF', async () => {
    const token = await citizen();
    const { uploadId } = await uploaded(token, PDF, pngBytes());
    await expect(verify(uploadId, token)).rejects.toMatchObject({ status: 400, code: 'UPLOAD_TYPE_MISMATCH' });
    expect((await item(uploadId))!.sha256).toBeUndefined();
  });

  it('a form whose Content-Type differs from the declared one (S3 would refuse it; s3rver stores it)', async () => {
    const token = await citizen();
    const data = pdfBytes(2000);
    const created = await requestUpload(token, { fileName: 'a.pdf', contentType: PDF, size: data.length });
    expect(await postFile(created, data, { 'Content-Type': 'text/html' })).toBe(204);
    await expect(verify(created.uploadId, token)).rejects.toMatchObject({ status: 400, code: 'UPLOAD_TYPE_MISMATCH' });
  });

  it('nothing uploaded yet', async () => {
    const token = await citizen();
    const { uploadId } = await requestUpload(token, { fileName: 'a.pdf', contentType: PDF, size: 1000 });
    await expect(verify(uploadId, token)).rejects.toMatchObject({ status: 400, code: 'UPLOAD_MISSING' });
  });

  it('another citizen\'s upload, answered as not found', async () => {
    // Prepare: a second citizen of the province signs up
    const email = `congdan2.${unique()}@example.vn`;
    const { auth } = tenantOf('nghean');
    await cognitoClient().send(new SignUpCommand({ ClientId: auth.clientId, Username: email, Password: 'CongDan@2026', UserAttributes: [{ Name: 'email', Value: email }] }));
    await cognitoClient().send(new AdminConfirmSignUpCommand({ UserPoolId: auth.userPoolId, Username: email }));
    const other = await signIn('nghean', email, { password: 'CongDan@2026' });
    const { uploadId } = await uploaded(other, PDF, pdfBytes(1000));
    // Act / Assess
    await expect(verify(uploadId, await citizen())).rejects.toMatchObject({ status: 400, code: 'UPLOAD_NOT_FOUND', details: { uploadId } });
    const read = await api('GET', `/v1/nghean/uploads/${uploadId}`, { token: await citizen() });
    expect(read.status).toBe(404);
    await expect(verify(uploadId, other)).resolves.toBeDefined();
  });

  it('an upload of another province, answered as not found', async () => {
    const hueCitizen = await signIn('hue', 'congdan@example.vn');
    const created = await requestUpload(hueCitizen, { fileName: 'a.pdf', contentType: PDF, size: 1000 }, 'hue');
    expect(created.fields.key).toBe(`hue/uploads/${created.uploadId}`);
    expect(await postFile(created, pdfBytes(1000))).toBe(204);
    await expect(verify(created.uploadId, await citizen())).rejects.toMatchObject({ status: 400, code: 'UPLOAD_NOT_FOUND' });
    await expect(verify(created.uploadId, hueCitizen)).rejects.toMatchObject({ status: 400, code: 'UPLOAD_NOT_FOUND' });
  });

  it('an id that is not a UUID, or an upload past its 24 hours', async () => {
    const token = await citizen();
    await expect(verify('../x', token)).rejects.toMatchObject({ status: 400, code: 'UPLOAD_NOT_FOUND' });
    const { uploadId } = await uploaded(token, PDF, pdfBytes(1000));
    const tomorrow = () => new Date(Date.now() + 24 * 3600_000 + 60_000);
    await expect(verify(uploadId, token, { clock: tomorrow })).rejects.toMatchObject({ status: 400, code: 'UPLOAD_NOT_FOUND' });
  });

  it('bytes replaced after verification', async () => {
    // Prepare: verified, then the still-valid form is posted again with other bytes of the same size
    const token = await citizen();
    const created = await uploaded(token, PDF, pdfBytes(1000));
    await verify(created.uploadId, token);
    expect(await postFile(created, pdfBytes(1000))).toBe(204);
    // Act / Assess
    await expect(verify(created.uploadId, token)).rejects.toMatchObject({ status: 409, code: 'UPLOAD_CHANGED' });
  });

  it('plain text: accepted as text, refused when it carries a binary signature', async () => {
    const token = await citizen();
    const text = Buffer.from('Kính gửi Ủy ban nhân dân xã.\n'.repeat(50), 'utf8');
    const ok = await uploaded(token, 'text/plain', text, text.length, 'ghi chú.txt');
    await expect(verify(ok.uploadId, token)).resolves.toMatchObject({ file: { sha256: sha256(text), contentType: 'text/plain' } });
    const png = await uploaded(token, 'text/plain', pngBytes(), 2000, 'anh.txt');
    await expect(verify(png.uploadId, token)).rejects.toMatchObject({ code: 'UPLOAD_TYPE_MISMATCH' });
  });
});
