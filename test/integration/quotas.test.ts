// Quotas enforced where the action happens (docs/plans.md), against the local suite: the last action the quota allows,
// the first it refuses (429 QUOTA_EXCEEDED naming the quota, nothing written), overage admitted when the operator
// turns it on, and two actions racing for the last unit; monthly quotas, and the mailboxes and storage gauges. Thanh Hóa (premium) is reserved for this file: no
// other test changes its quotas or acts in it. Limits are set relative to the counter read from the service's own
// table before each case, so the cases hold however many actions earlier ones took.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { api, eventually, operatorToken, pdfBytes, poolHasUser, signIn, suiteInfo, unique, uploadFile } from './support';
import { createCa, issueCertificate, minimalPdf, signPdf } from '../support/pki';

const T = 'thanhhoa';
const ROOT = '000.00.00.H56';
const OFFICE = '000.01.00.H56';
/** Three departments of Thanh Hóa: the recipients of the documents issued here. */
const DEPARTMENTS = ['000.02.00.H56', '000.03.00.H56', '000.04.00.H56'];
const BIRTH = '1.001193.000.00.00.H56';

const info = suiteInfo();
const db = DynamoDBDocumentClient.from(new DynamoDBClient({
  endpoint: info.endpoints.dynamodb, region: 'ap-southeast-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
}));

/** The month now, in Vietnam's time (written out here rather than taken from the code under test). */
const thisMonth = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);

/** What the service's own counter holds for a quota and month (0 before the first action). */
async function used(table: 'dossiers' | 'documents' | 'meetings', quota: string, month: string): Promise<number> {
  const out = await db.send(new GetCommand({ TableName: `${T}-${table}`, Key: { pk: `${T}#QUOTA`, sk: `${quota}#${month}` }, ConsistentRead: true }));
  return Number(out.Item?.used ?? 0);
}

/** The operator's PATCH of Thanh Hóa's quotas and overage, then a pause past the functions' 1 s registry cache. */
async function setQuotas(quotas: Record<string, number | null>, overage: boolean): Promise<void> {
  const token = await operatorToken();
  const current = await api('GET', `/platform/v1/tenants/${T}`, { token });
  const res = await api('PATCH', `/platform/v1/tenants/${T}`, { token, body: { quotas, overage, version: current.body.version } });
  expect(res.status).toBe(200);
  await new Promise((r) => setTimeout(r, 1_300));
}

afterAll(async () => {
  await setQuotas({ dossiers: null, documentsSent: null, meetingHours: null, mailboxes: null, storageGb: null }, true);
});

function expectRefused(res: { status: number; body: any }, quota: string, limit: number, month: string) { // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(res.status).toBe(429);
  expect(res.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { quota, limit, month } });
  expect(res.body.error.messageEn).toContain(quota);
  expect(res.body.error.message).toMatch(/hạn mức/);
}

describe('dossiers per month', () => {
  const citizen = () => signIn(T, 'congdan@example.vn');
  const applicant = { fullName: 'Lê Thị Thanh', idNumber: '038190001234', phone: '0912 345 678', address: 'Số 1, phường Hạc Thành, Thanh Hóa' };
  const form = {
    hoTenTre: 'Lê Văn Hóa', ngaySinh: '2026-11-20', gioiTinh: 'Nam', noiSinh: 'Bệnh viện Đa khoa tỉnh Thanh Hóa',
    hoTenMe: 'Lê Thị Thanh', cccdMe: '038190001234', quanHe: 'Mẹ', soDienThoai: '0912345678',
  };
  const documents = async (token: string) => [
    { requirementId: 'to-khai', uploadId: await uploadFile(T, token, 'tờ khai.pdf', 'application/pdf', pdfBytes('to khai')) },
    { requirementId: 'giay-chung-sinh', uploadId: await uploadFile(T, token, 'giấy chứng sinh.pdf', 'application/pdf', pdfBytes('chung sinh')) },
  ];
  const submit = (token: string, docs: unknown) => api('POST', `/v1/${T}/dossiers`, { token, body: { procedureCode: BIRTH, applicant, form, documents: docs } });
  const mine = async (token: string) => (await api('GET', `/v1/${T}/me/dossiers?limit=100`, { token })).body.items.length as number;

  it('admits the last dossier of the quota, refuses the next with 429 and writes nothing of it', async () => {
    const token = await citizen();
    const month = thisMonth();
    const limit = (await used('dossiers', 'dossiers', month)) + 1;
    await setQuotas({ dossiers: limit }, false);

    const last = await submit(token, await documents(token));
    expect(last.status).toBe(201);
    expect(await used('dossiers', 'dossiers', month)).toBe(limit);

    const before = await mine(token);
    const refusedFiles = await documents(token);
    const refused = await submit(token, refusedFiles);
    expectRefused(refused, 'dossiers', limit, month);
    expect(await mine(token)).toBe(before);
    expect(await used('dossiers', 'dossiers', month)).toBe(limit);

    // Nothing of the refused one was written: its uploads are still unclaimed, and make a dossier once there is room.
    await setQuotas({ dossiers: limit + 1 }, false);
    const later = await submit(token, refusedFiles);
    expect(later.status).toBe(201);
    expect(await mine(token)).toBe(before + 1);
  });

  it('admits and counts a dossier beyond the quota when the operator turns overage on', async () => {
    const token = await citizen();
    const month = thisMonth();
    const limit = await used('dossiers', 'dossiers', month);
    await setQuotas({ dossiers: limit }, true);
    const res = await submit(token, await documents(token));
    expect(res.status).toBe(201);
    expect(await used('dossiers', 'dossiers', month)).toBe(limit + 1);
  });

  it('admits exactly one of two dossiers racing for the last one', async () => {
    const token = await citizen();
    const month = thisMonth();
    const limit = (await used('dossiers', 'dossiers', month)) + 1;
    await setQuotas({ dossiers: limit }, false);
    const [a, b] = [await documents(token), await documents(token)];
    const before = await mine(token);
    const results = await Promise.all([submit(token, a), submit(token, b)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 429]);
    expectRefused(results.find((r) => r.status === 429)!, 'dossiers', limit, month);
    expect(await mine(token)).toBe(before + 1);
    expect(await used('dossiers', 'dossiers', month)).toBe(limit);
  });
});

describe('documents sent per month, one per recipient agency', () => {
  const ca = createCa('Test Root CA hạn mức');
  const leaderCertificate = issueCertificate(ca, 'Lê Văn Lãnh Đạo', { organization: 'UBND tỉnh Thanh Hóa' });
  const clerk = () => signIn(T, `vanthu@thanhhoa.gov.vn`);
  const leader = () => signIn(T, `lanhdao@thanhhoa.gov.vn`);
  const pdf = (token: string, text: string, signed = false) => {
    const bytes = minimalPdf(text);
    return uploadFile(T, token, `${text}.pdf`, 'application/pdf', signed ? signPdf(bytes, leaderCertificate, { signingTime: new Date() }) : bytes);
  };

  /** A document of the People's Committee drafted by the office and approved: ready to issue to `recipients`. */
  async function approved(recipients: string[]): Promise<{ id: string; version: number }> {
    const c = await clerk();
    const created = await api('POST', `/v1/${T}/documents`, {
      token: c,
      body: {
        type: 'ke-hoach', subject: `Kế hoạch thử hạn mức ${unique()}`, draftingUnit: OFFICE, urgency: 'thuong',
        signer: { name: 'Lê Văn Lãnh Đạo', position: 'Chủ tịch', authority: 'TM.', onBehalfOf: 'ỦY BAN NHÂN DÂN' },
        recipients: recipients.map((agency) => ({ agency })), mainUploadId: await pdf(c, 'du-thao'),
      },
    });
    expect(created.status).toBe(201);
    const l = await leader();
    const ok = await api('POST', `/v1/${T}/documents/${created.body.id}/approve`, { token: l, body: { version: created.body.version, signedUploadId: await pdf(l, 'ban-ky', true) } });
    expect(ok.status).toBe(200);
    return { id: ok.body.id, version: ok.body.version };
  }
  const issue = async (doc: { id: string; version: number }) => api('POST', `/v1/${T}/documents/${doc.id}/issue`, { token: await clerk(), body: { version: doc.version } });

  it('counts each recipient, refuses a document whose recipients do not all fit, and admits it with overage', async () => {
    const month = thisMonth();
    const three = await approved(DEPARTMENTS);
    const two = await approved(DEPARTMENTS.slice(0, 2));
    const start = await used('documents', 'documentsSent', month);
    await setQuotas({ documentsSent: start + 2 }, false);

    const refused = await issue(three);
    expectRefused(refused, 'documentsSent', start + 2, month);
    const unchanged = await api('GET', `/v1/${T}/documents/${three.id}`, { token: await clerk() });
    expect(unchanged.body).toMatchObject({ status: 'approved', version: three.version });
    expect(unchanged.body.number).toBeUndefined();
    expect(await used('documents', 'documentsSent', month)).toBe(start);

    const issued = await issue(two);
    expect([issued.status, issued.body.status]).toEqual([200, 'issued']);
    expect(await used('documents', 'documentsSent', month)).toBe(start + 2);

    await setQuotas({ documentsSent: start + 2 }, true);
    const over = await issue(three);
    expect([over.status, over.body.status]).toEqual([200, 'issued']);
    expect(await used('documents', 'documentsSent', month)).toBe(start + 5);
  });
});

describe('meeting hours per month, hours × connection points', () => {
  const clerk = () => signIn(T, 'vanthu@thanhhoa.gov.vn');
  const admin = () => signIn(T, 'admin@thanhhoa.gov.vn');
  /** Meetings of this file take place in March of next year: their counter is that month's, untouched by anything else. */
  const year = new Date().getUTCFullYear() + 1;
  const month = `${year}-03`;
  const at = (day: number, hour: number) => `${year}-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+07:00`;

  async function newPoint(): Promise<string> {
    const id = `quota-${unique()}`;
    const res = await api('POST', `/v1/${T}/points`, { token: await admin(), body: { id, unit: ROOT, name: `Phòng họp ${id}`, capacity: 20, equipment: ['camera'] } });
    expect(res.status).toBe(201);
    return id;
  }
  const book = async (points: string[], start: string, end: string) => api('POST', `/v1/${T}/meetings`, {
    token: await clerk(),
    body: { title: 'Giao ban thử hạn mức', chairUnit: ROOT, chairPerson: 'Chủ tịch UBND tỉnh', hostPoint: points[0], points: points.slice(1), start, end },
  });
  const occupied = async (point: string) => (await api('GET', `/v1/${T}/meetings?point=${point}&from=${encodeURIComponent(at(1, 0))}&to=${encodeURIComponent(at(31, 23))}`, { token: await clerk() })).body.items.length as number;

  it('admits a 2-hour meeting of 3 points as the last 6 hours, refuses one hour more and books nothing of it', async () => {
    const points = [await newPoint(), await newPoint(), await newPoint()];
    const extra = await newPoint();
    const start = await used('meetings', 'meetingHours', month);
    expect(start % 60).toBe(0); // every meeting of this file lasts whole hours
    const limit = start / 60 + 6;
    await setQuotas({ meetingHours: limit }, false);

    const last = await book(points, at(2, 8), at(2, 10));
    expect(last.status).toBe(201);
    expect(await used('meetings', 'meetingHours', month)).toBe(start + 2 * 3 * 60);

    const refused = await book([extra], at(3, 8), at(3, 9));
    expectRefused(refused, 'meetingHours', limit, month);
    expect(await occupied(extra)).toBe(0);
    expect(await used('meetings', 'meetingHours', month)).toBe(start + 360);

    // Cancelling the 6 hours gives them back: the hour now fits.
    const cancelled = await api('POST', `/v1/${T}/meetings/${last.body.id}/cancel`, { token: await clerk(), body: { version: last.body.version, reason: 'Thử hạn mức' } });
    expect(cancelled.status).toBe(200);
    expect(await used('meetings', 'meetingHours', month)).toBe(start);
    expect((await book([extra], at(3, 8), at(3, 9))).status).toBe(201);
    expect(await used('meetings', 'meetingHours', month)).toBe(start + 60);
  });

  it('admits meeting hours beyond the quota with overage on', async () => {
    const point = await newPoint();
    const start = await used('meetings', 'meetingHours', month);
    await setQuotas({ meetingHours: start / 60 }, true);
    const res = await book([point, await newPoint()], at(4, 8), at(4, 11));
    expect(res.status).toBe(201);
    expect(await used('meetings', 'meetingHours', month)).toBe(start + 3 * 2 * 60);
  });

  it('admits exactly one of two bookings racing for the last hour', async () => {
    const [p, q] = [await newPoint(), await newPoint()];
    const start = await used('meetings', 'meetingHours', month);
    const limit = start / 60 + 1;
    await setQuotas({ meetingHours: limit }, false);
    const results = await Promise.all([book([p], at(5, 8), at(5, 9)), book([q], at(5, 8), at(5, 9))]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 429]);
    expectRefused(results.find((r) => r.status === 429)!, 'meetingHours', limit, month);
    expect((await occupied(p)) + (await occupied(q))).toBe(1);
    expect(await used('meetings', 'meetingHours', month)).toBe(start + 60);
  });
});

describe('mailboxes (a gauge): officials and shared mailboxes', () => {
  const admin = () => signIn(T, 'admin@thanhhoa.gov.vn');
  /** The gauge counter in the directory's table (written out here: pk `{tenant}#QUOTA`, sk `mailboxes`). */
  const mailboxes = async () => Number((await db.send(new GetCommand({ TableName: `${T}-directory`, Key: { pk: `${T}#QUOTA`, sk: 'mailboxes' }, ConsistentRead: true }))).Item?.used ?? 0);
  const count = async (table: string, pk: string) => (await db.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, Select: 'COUNT' }))).Count ?? 0;
  const emailClaimed = async (email: string) => !!(await db.send(new GetCommand({ TableName: `${T}-directory`, Key: { pk: `${T}#EMAIL`, sk: email }, ConsistentRead: true }))).Item;
  const newEmail = () => `canbo.hanmuc.${unique()}@thanhhoa.gov.vn`;
  const createOfficial = async (email: string) =>
    api('POST', `/v1/${T}/users`, { token: await admin(), body: { email, name: 'Cán Bộ Hạn Mức', unit: OFFICE, roles: ['officer'] } });
  function expectRefused(res: { status: number; body: any }, limit: number) { // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(res.status).toBe(429);
    expect(res.body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { quota: 'mailboxes', limit } });
    expect(res.body.error.details.month).toBeUndefined();
    expect(res.body.error.messageEn).toContain('mailboxes');
    expect(res.body.error.message).toMatch(/hạn mức số hộp thư/);
  }

  it('starts equal to the officials of the directory plus the shared mailboxes and lists', async () => {
    expect(await mailboxes()).toBe((await count(`${T}-directory`, `${T}#USER`)) + (await count(`${T}-mail`, `${T}#MAILBOX`)));
    expect(await mailboxes()).toBeGreaterThanOrEqual(4); // the demo officials
  });

  it('admits the last mailbox, refuses the next official and shared mailbox with nothing written, and a deletion frees one', async () => {
    const start = await mailboxes();
    const limit = start + 1;
    await setQuotas({ mailboxes: limit }, false);

    const last = await createOfficial(newEmail());
    expect(last.status).toBe(201);
    expect(await mailboxes()).toBe(limit);

    const refusedEmail = newEmail();
    expectRefused(await createOfficial(refusedEmail), limit);
    expect(await emailClaimed(refusedEmail)).toBe(false);
    expect(await poolHasUser(T, refusedEmail)).toBe(false);
    const localPart = `hopthu.${unique()}`;
    const box = await api('POST', `/v1/${T}/mail/mailboxes`, { token: await admin(), body: { localPart, kind: 'list', name: 'Nhóm thư hạn mức' } });
    expectRefused(box, limit);
    expect((await db.send(new GetCommand({ TableName: `${T}-mail`, Key: { pk: `${T}#MAILBOX`, sk: `${localPart}@thanhhoa.gov.vn` } }))).Item).toBeUndefined();
    expect(await mailboxes()).toBe(limit);

    // Disabling keeps the mailbox (its mail is kept and billed); deleting the official frees it.
    const disabled = await api('PATCH', `/v1/${T}/users/${last.body.id}`, { token: await admin(), body: { version: last.body.version, enabled: false } });
    expect(disabled.status).toBe(200);
    expect(await mailboxes()).toBe(limit);
    expect((await api('DELETE', `/v1/${T}/users/${last.body.id}?version=${last.body.version}`, { token: await admin() })).status).toBe(409);
    const deleted = await api('DELETE', `/v1/${T}/users/${last.body.id}?version=${disabled.body.version}`, { token: await admin() });
    expect([deleted.status, deleted.body]).toEqual([200, { deleted: true }]);
    expect(await mailboxes()).toBe(start);
    expect(await poolHasUser(T, last.body.email)).toBe(false);
    expect((await api('GET', `/v1/${T}/users/${last.body.id}`, { token: await admin() })).status).toBe(404);

    const shared = await api('POST', `/v1/${T}/mail/mailboxes`, { token: await admin(), body: { localPart, kind: 'list', name: 'Nhóm thư hạn mức' } });
    expect(shared.status).toBe(201);
    expect(await mailboxes()).toBe(limit);
  });

  it('admits a mailbox beyond the quota with overage on', async () => {
    const start = await mailboxes();
    await setQuotas({ mailboxes: start }, true);
    expect((await createOfficial(newEmail())).status).toBe(201);
    expect(await mailboxes()).toBe(start + 1);
  });

  it('admits exactly one of two officials racing for the last mailbox, and leaves no sign-in for the other', async () => {
    const start = await mailboxes();
    await setQuotas({ mailboxes: start + 1 }, false);
    const emails = [newEmail(), newEmail()];
    const results = await Promise.all(emails.map(createOfficial));
    expect(results.map((r) => r.status).sort()).toEqual([201, 429]);
    const lost = results.findIndex((r) => r.status === 429);
    expectRefused(results[lost]!, start + 1);
    expect(await emailClaimed(emails[lost]!)).toBe(false);
    expect(await poolHasUser(T, emails[lost]!)).toBe(false);
    expect(await poolHasUser(T, emails[1 - lost]!)).toBe(true);
    expect(await mailboxes()).toBe(start + 1);
  });
  it('counts, without limiting, the officials of a plan without mail (Quảng Ngãi, basic: 0 mailboxes, no overage price)', async () => {
    const Q = 'quangngai';
    const counter = async () => Number((await db.send(new GetCommand({ TableName: `${Q}-directory`, Key: { pk: `${Q}#QUOTA`, sk: 'mailboxes' }, ConsistentRead: true }))).Item?.used ?? 0);
    const start = await counter();
    expect(start).toBeGreaterThanOrEqual(4); // the demo officials, already over a quota of 0
    const res = await api('POST', `/v1/${Q}/users`, {
      token: await signIn(Q, 'admin@quangngai.gov.vn'), body: { email: `canbo.${unique()}@quangngai.gov.vn`, name: 'Cán Bộ Gói Cơ Bản', unit: '000.01.00.H55', roles: ['officer'] },
    });
    expect(res.status).toBe(201);
    expect(await counter()).toBe(start + 1);
  });
});

describe('storage (a gauge): the stored bytes metering keeps', () => {
  const officer = () => signIn(T, 'canbo@thanhhoa.gov.vn');
  const storedBytes = async () => {
    const res = await api('GET', `/platform/v1/tenants/${T}/usage`, { token: await operatorToken() });
    expect(res.status).toBe(200);
    return res.body.storageBytes as number;
  };
  const slots = async () => (await db.send(new QueryCommand({
    TableName: `${T}-uploads`, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `${T}#UPLOAD` }, Select: 'COUNT', ConsistentRead: true,
  }))).Count ?? 0;
  const request = async (size: number) => api('POST', `/v1/${T}/uploads`, { token: await officer(), body: { fileName: 'luu-tru.pdf', contentType: 'application/pdf', size } });

  it('refuses an upload when the quota is under what is stored, and admits it with overage', async () => {
    // Something stored, seen by metering (the streams lag by a moment).
    const before = await storedBytes();
    const bytes = pdfBytes(`luu tru ${unique()}`);
    await setQuotas({ storageGb: 1 }, false);
    await uploadFile(T, await officer(), 'luu-tru.pdf', 'application/pdf', bytes); // within 1 GiB: admitted
    const stored = await eventually(async () => {
      const now = await storedBytes();
      return now >= before + bytes.length ? now : undefined;
    });

    await setQuotas({ storageGb: 0 }, false);
    const slotsBefore = await slots();
    const refused = await request(1_000);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      code: 'QUOTA_EXCEEDED', details: { quota: 'storageGb', limit: 0, usedBytes: stored, requestedBytes: 1_000, limitBytes: 0 },
    });
    expect(refused.body.error.messageEn).toContain('storageGb');
    expect(await slots()).toBe(slotsBefore);

    await setQuotas({ storageGb: 0 }, true);
    const admitted = await request(1_000);
    expect(admitted.status).toBe(201);
    expect(await slots()).toBe(slotsBefore + 1);
  });
});
