// Metering against the local suite (docs/metering.md): each billable action of Đà Nẵng raises its month's usage by
// exactly its amount, counted from the services' streams; a stream record delivered twice is counted once; every
// write raises the tenant's LAST_WRITE. Other test files may act on Đà Nẵng meanwhile, but none of them makes billable
// events there (its signups make citizens, who are not officials): each step compares the usage before and after it.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { BYTES_PER_GB, monthBounds, monthOf } from '#shared/metering';
import { createCa, issueCertificate, minimalPdf, signPdf } from '../support/pki';
import { adminOf, api, eventually, newCitizen, operatorToken, pdfBytes, signIn, suiteInfo, unique, uploadFile } from './support';

const T = 'danang';
const ROOT = '000.00.00.H17';
const OFFICE = '000.01.00.H17';
const COMMUNE = '000.00.31.H17';
const BIRTH = '1.001193.000.00.00.H17';
const user = (local: 'vanthu' | 'canbo' | 'lanhdao') => signIn(T, `${local}@danang.gov.vn`);

const db = DynamoDBDocumentClient.from(new DynamoDBClient({
  endpoint: suiteInfo().endpoints.dynamodb, region: 'ap-southeast-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
}));
afterAll(() => db.destroy());

type Usage = Record<'dossiers' | 'documentsSent' | 'meetingHours' | 'mailSent' | 'activeOfficials' | 'mailboxes' | 'storageGbMonths' | 'storageBytes', number>;

async function usage(month = monthOf(new Date())): Promise<Usage> {
  const res = await api('GET', `/platform/v1/tenants/${T}/usage?month=${month}`, { token: await operatorToken() });
  expect(res.status).toBe(200);
  return res.body;
}

/** Waits until `field` of the month's usage is `expected`, and gives the usage then. */
const reaches = (field: keyof Usage, expected: number, month?: string) =>
  eventually(async () => {
    const now = await usage(month);
    return Math.abs(now[field] - expected) < 1e-9 ? now : undefined;
  }, 40_000);

describe('the usage route', () => {
  it('answers the operator with the month\'s usage and the tenant\'s quotas', async () => {
    const res = await api('GET', `/platform/v1/tenants/${T}/usage`, { token: await operatorToken() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tenant: T, month: monthOf(new Date()), quotas: { dossiers: expect.any(Number), storageGb: expect.any(Number) } });
  });

  it.each([
    ['a malformed month', `/platform/v1/tenants/${T}/usage?month=2026-13`, 400],
    ['an unknown tenant', '/platform/v1/tenants/khongco/usage', 404],
  ])('refuses %s', async (_, path, status) => {
    expect((await api('GET', path, { token: await operatorToken() })).status).toBe(status);
  });

  it('refuses a tenant\'s token', async () => {
    expect((await api('GET', `/platform/v1/tenants/${T}/usage`, { token: await adminOf(T) })).status).toBe(401);
  });
});

describe('billable events counted from the streams', () => {
  it('counts an uploaded file\'s bytes, integrated to the end of the month', async () => {
    const before = await usage();
    const bytes = pdfBytes(`metering ${unique()}`);
    const from = Math.floor(Date.now() / 1000) * 1000;
    await uploadFile(T, await user('canbo'), 'do-luong.pdf', 'application/pdf', bytes);
    const to = Date.now();
    const after = await reaches('storageBytes', before.storageBytes + bytes.length);
    const { start, end } = monthBounds(monthOf(new Date()));
    const fraction = (t: number) => (bytes.length * (end.getTime() - t)) / (BYTES_PER_GB * (end.getTime() - start.getTime()));
    const rise = after.storageGbMonths - before.storageGbMonths;
    expect(rise).toBeGreaterThanOrEqual(fraction(to) - 1e-9);
    expect(rise).toBeLessThanOrEqual(fraction(from) + 1e-9);
  });

  it('counts a dossier submitted', async () => {
    const before = await usage();
    const citizen = await newCitizen(T);
    const documents = [
      { requirementId: 'to-khai', uploadId: await uploadFile(T, citizen, 'to-khai.pdf', 'application/pdf', pdfBytes('to khai')) },
      { requirementId: 'giay-chung-sinh', uploadId: await uploadFile(T, citizen, 'chung-sinh.pdf', 'application/pdf', pdfBytes('chung sinh')) },
    ];
    const res = await api('POST', `/v1/${T}/dossiers`, {
      token: citizen,
      body: {
        procedureCode: BIRTH, documents,
        applicant: { fullName: 'Trần Thị Mai', idNumber: '048190001234', phone: '0905 123 456', address: 'Số 1, đường Bạch Đằng, phường Hải Châu, Đà Nẵng' },
        form: { hoTenTre: 'Trần Văn Bình', ngaySinh: '2026-11-20', gioiTinh: 'Nam', noiSinh: 'Bệnh viện Phụ sản Đà Nẵng', hoTenMe: 'Trần Thị Mai', cccdMe: '048190001234', quanHe: 'Mẹ', soDienThoai: '0905123456' },
      },
    });
    expect(res.status).toBe(201);
    await reaches('dossiers', before.dossiers + 1);
  });

  it('counts a document sent to two agencies once per recipient', async () => {
    const before = await usage();
    const clerk = await user('vanthu');
    const leader = await user('lanhdao');
    const ca = createCa('Test Root CA đo lường');
    const signer = issueCertificate(ca, 'Lê Văn Lãnh Đạo', { organization: 'UBND thành phố Đà Nẵng' });
    const created = await api('POST', `/v1/${T}/documents`, {
      token: clerk,
      body: {
        type: 'ke-hoach', subject: `Kế hoạch đo lường ${unique()}`, draftingUnit: OFFICE, urgency: 'thuong',
        signer: { name: 'Lê Văn Lãnh Đạo', position: 'Chủ tịch', authority: 'TM.', onBehalfOf: 'ỦY BAN NHÂN DÂN' },
        recipients: [{ agency: '000.02.00.H17' }, { agency: '000.03.00.H17' }],
        mainUploadId: await uploadFile(T, clerk, 'du-thao.pdf', 'application/pdf', minimalPdf('du thao')),
      },
    });
    expect(created.status).toBe(201);
    const signed = signPdf(minimalPdf('ban ky'), signer, { signingTime: new Date() });
    const approved = await api('POST', `/v1/${T}/documents/${created.body.id}/approve`, {
      token: leader, body: { version: created.body.version, signedUploadId: await uploadFile(T, leader, 'ban-ky.pdf', 'application/pdf', signed) },
    });
    expect(approved.status).toBe(200);
    const issued = await api('POST', `/v1/${T}/documents/${created.body.id}/issue`, { token: clerk, body: { version: approved.body.version } });
    expect(issued.status).toBe(200);
    await reaches('documentsSent', before.documentsSent + 2);
  });

  it('counts a meeting of 2 points × 1.5 h as 3 hours, and takes them back when it is cancelled', async () => {
    const admin = await adminOf(T);
    const points = [`meter-${unique()}`, `meter-${unique()}`];
    for (const id of points) {
      const res = await api('POST', `/v1/${T}/points`, { token: admin, body: { id, unit: ROOT, name: `Phòng họp ${id}`, capacity: 10 } });
      expect(res.status).toBe(201);
    }
    const start = new Date(Math.ceil((Date.now() + 3_600_000) / 3_600_000) * 3_600_000);
    const month = monthOf(start);
    const before = await usage(month);
    const clerk = await user('vanthu');
    const booked = await api('POST', `/v1/${T}/meetings`, {
      token: clerk,
      body: {
        title: 'Giao ban đo lường', chairUnit: ROOT, chairPerson: 'Chủ tịch UBND thành phố', hostPoint: points[0], points: [points[1]],
        start: start.toISOString(), end: new Date(start.getTime() + 90 * 60_000).toISOString(),
      },
    });
    expect(booked.status).toBe(201);
    await reaches('meetingHours', before.meetingHours + 3, month);
    const cancelled = await api('POST', `/v1/${T}/meetings/${booked.body.id}/cancel`, { token: clerk, body: { version: booked.body.version, reason: 'Hoãn' } });
    expect(cancelled.status).toBe(200);
    await reaches('meetingHours', before.meetingHours, month);
  });

  it('counts a mail an official sent', async () => {
    const before = await usage();
    const res = await api('POST', `/v1/${T}/mail/messages`, { token: await user('canbo'), body: { to: ['vanthu@danang.gov.vn'], subject: `Đo lường ${unique()}`, text: 'Nội dung' } });
    expect(res.status).toBe(201);
    await reaches('mailSent', before.mailSent + 1);
  });

  it('counts a new official as active, with a mailbox', async () => {
    const before = await usage();
    const res = await api('POST', `/v1/${T}/users`, {
      token: await adminOf(T), body: { email: `do.luong.${unique()}@danang.gov.vn`, name: 'Nguyễn Đo Lường', unit: COMMUNE, roles: ['officer'] },
    });
    expect(res.status).toBe(201);
    const after = await reaches('activeOfficials', before.activeOfficials + 1);
    expect(after.mailboxes).toBe(before.mailboxes + 1);
  });
});

describe('duplicate delivery and the last write', () => {
  const invoke = (consumer: string, event: unknown) =>
    fetch(`${suiteInfo().url}/2015-03-31/functions/tinhso-${T}-${consumer}/invocations`, { method: 'POST', body: JSON.stringify(event) });

  it('counts a stream record delivered twice once', async () => {
    const before = await usage();
    const pk = `${T}#DOSSIER#METER-${unique()}`;
    const event = {
      Records: [{
        eventID: randomUUID(), eventName: 'INSERT', eventSource: 'aws:dynamodb', awsRegion: 'ap-southeast-1',
        dynamodb: {
          ApproximateCreationDateTime: Math.floor(Date.now() / 1000), Keys: marshall({ pk, sk: 'DOSSIER' }),
          NewImage: marshall({ pk, sk: 'DOSSIER', code: pk.split('#')[2] }), SequenceNumber: '1', StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      }],
    };
    for (const _ of [1, 2]) {
      const res = await invoke('meter-dossiers', event);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ batchItemFailures: [] });
    }
    expect((await usage()).dossiers).toBe(before.dossiers + 1);
  });

  it('raises LAST_WRITE after a write to any of the tenant\'s tables', async () => {
    const read = async () => (await db.send(new GetCommand({ TableName: 'platform-usage', Key: { pk: `TENANT#${T}`, sk: 'LAST_WRITE' } }))).Item?.at as string | undefined;
    const before = await read();
    // LAST_WRITE is rounded up to its second (and the earlier steps' writes were just seen): write after it has passed.
    while (before && Date.now() < Date.parse(before) + 1000) await new Promise((r) => setTimeout(r, 100));
    const wrote = Date.now();
    const res = await api('POST', `/v1/${T}/mail/folders`, { token: await user('canbo'), body: { name: `Đo lường ${unique()}` } });
    expect(res.status).toBeLessThan(300);
    const after = await eventually(async () => {
      const at = await read();
      return at && (!before || at > before) && Date.parse(at) >= wrote ? at : undefined;
    }, 25_000);
    expect(after).toMatch(/\+07:00$/);
  });
});
