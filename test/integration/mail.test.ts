// Official mail through the API of the local suite: a mailbox for every official, shared mailboxes and lists,
// sending with attachments and replies, reading (sanitized HTML, raw .eml), folders, flags, search, quotas, and
// isolation between tenants and between the mailboxes of one tenant.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { simpleParser } from 'mailparser';
import { mailRoutes } from '#functions/mail/routes';
import { AdminSetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { adminOf, api, cognitoClient, DEMO_PASSWORD, eventually, officerOf, signIn, suiteInfo, tenantOf, unique, uploadFile } from './support';

const T = 'nghean';
const CANBO = 'canbo@nghean.gov.vn';
const VANTHU = 'vanthu@nghean.gov.vn';
const LANHDAO = 'lanhdao@nghean.gov.vn';
const clerk = () => signIn(T, VANTHU);
const leader = () => signIn(T, LANHDAO);
const db = DynamoDBDocumentClient.from(new DynamoDBClient({
  endpoint: suiteInfo().endpoints.dynamodb, region: 'ap-southeast-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
}));
afterAll(() => db.destroy());

async function send(token: string, body: Record<string, unknown>) {
  return api('POST', `/v1/${T}/mail/messages`, { token, body: { subject: 'Thử', text: 'Nội dung', ...body } });
}

async function inbox(token: string, mailbox?: string) {
  const res = await api('GET', `/v1/${T}/mail/folders/INBOX/messages?limit=100${mailbox ? `&mailbox=${mailbox}` : ''}`, { token });
  expect(res.status).toBe(200);
  return res.body.items as { id: string; subject: string; from: { address: string }; threadId: string; seen: boolean; attachments: { fileName: string }[] }[];
}

describe('sending and reading', () => {
  it('delivers a Vietnamese message with an attachment into the recipient\'s INBOX and the sender\'s Sent, as a standard .eml', async () => {
    // Prepare
    const subject = `Về việc triển khai chuyển đổi số năm ${unique()}`;
    const token = await clerk();
    const uploadId = await uploadFile(T, token, 'Kế hoạch số 12.pdf', 'application/pdf', new TextEncoder().encode('%PDF-1.4\n% ke hoach\n%%EOF\n'));
    // Act
    const sent = await send(token, { to: [CANBO], cc: [LANHDAO], subject, text: 'Kính gửi anh,\nĐề nghị anh xem kế hoạch đính kèm.', html: '<p>Kính gửi <b>anh</b></p><script>alert(1)</script><img src="http://tracker.example/p.gif" alt="logo">', attachments: [uploadId] });
    // Assess
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ folder: 'Sent', subject, delivery: { [CANBO]: 'delivered', [LANHDAO]: 'delivered' } });
    const received = (await inbox(await officerOf(T))).find((m) => m.subject === subject)!;
    expect(received).toMatchObject({ from: { address: VANTHU }, seen: false, attachments: [{ fileName: 'Kế hoạch số 12.pdf' }] });
    const read = await api('GET', `/v1/${T}/mail/messages/${received.id}`, { token: await officerOf(T) });
    expect(read.status).toBe(200);
    expect(read.body.text).toContain('Đề nghị anh xem kế hoạch đính kèm.');
    expect(read.body.html).toContain('<b>anh</b>');
    expect(read.body.html).not.toMatch(/script|tracker\.example/);
    const download = await fetch(read.body.downloads['0']);
    expect(new TextDecoder().decode(await download.arrayBuffer())).toContain('ke hoach');
    const raw = await api('GET', `/v1/${T}/mail/messages/${received.id}/raw`, { token: await officerOf(T) });
    const parsed = await simpleParser(raw.body as string);
    expect(parsed.subject).toBe(subject);
    expect(parsed.attachments[0]!.filename).toBe('Kế hoạch số 12.pdf');
    // Reading marked it seen
    expect((await inbox(await officerOf(T))).find((m) => m.id === received.id)!.seen).toBe(true);
  });

  it('keeps a draft in Drafts, sent to nobody, until it is sent (Bcc kept for then)', async () => {
    const subject = `Dự thảo công văn ${unique()}`;
    const token = await clerk();
    const draft = await send(token, { to: [CANBO], bcc: [LANHDAO], subject, draft: true });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ folder: 'Drafts', bcc: [LANHDAO] });
    expect((await inbox(await officerOf(T))).some((m) => m.subject === subject)).toBe(false);
    // Act
    const sent = await api('POST', `/v1/${T}/mail/messages/${draft.body.id}/send`, { token });
    const again = await api('POST', `/v1/${T}/mail/messages/${draft.body.id}/send`, { token });
    // Assess
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ folder: 'Sent', delivery: { [CANBO]: 'delivered', [LANHDAO]: 'delivered' } });
    expect(again.status).toBe(404);
    expect((await inbox(await officerOf(T))).filter((m) => m.subject === subject)).toHaveLength(1);
    const bcc = (await inbox(await leader())).find((m) => m.subject === subject)!;
    const raw = await api('GET', `/v1/${T}/mail/messages/${bcc.id}/raw`, { token: await leader() });
    expect(raw.body as string).not.toMatch(/^Bcc:/im);
  });

  it('threads a reply under its original in both mailboxes', async () => {
    const subject = `Xin ý kiến ${unique()}`;
    await send(await clerk(), { to: [CANBO], subject });
    const officer = await officerOf(T);
    const original = (await inbox(officer)).find((m) => m.subject === subject)!;
    const reply = await send(officer, { to: [VANTHU], subject: `Re: ${subject}`, text: 'Đồng ý.', inReplyTo: original.id });
    expect(reply.status).toBe(201);
    const back = (await inbox(await clerk())).find((m) => m.subject === `Re: ${subject}`)!;
    const thread = await api('GET', `/v1/${T}/mail/messages/${back.id}/thread`, { token: await clerk() });
    expect(thread.body.items.map((m: { subject: string }) => m.subject)).toEqual([subject, `Re: ${subject}`]);
    expect(reply.body.threadId).toBe(original.threadId);
  });

  it('moves to a folder of one\'s own, to Trash, and purges from Trash', async () => {
    const subject = `Lưu trữ ${unique()}`;
    await send(await clerk(), { to: [CANBO], subject });
    const officer = await officerOf(T);
    const m = (await inbox(officer)).find((x) => x.subject === subject)!;
    const folder = `Dự án ${unique()}`;
    expect((await api('POST', `/v1/${T}/mail/folders`, { token: officer, body: { name: folder } })).status).toBe(201);
    const moved = await api('PATCH', `/v1/${T}/mail/messages/${m.id}`, { token: officer, body: { folder, flagged: true } });
    expect(moved.body).toMatchObject({ folder, flagged: true });
    const inFolder = await api('GET', `/v1/${T}/mail/folders/${encodeURIComponent(folder)}/messages`, { token: officer });
    expect(inFolder.body.items.map((x: { id: string }) => x.id)).toEqual([m.id]);
    expect((await api('DELETE', `/v1/${T}/mail/messages/${m.id}`, { token: officer })).status).toBe(409);
    await api('PATCH', `/v1/${T}/mail/messages/${m.id}`, { token: officer, body: { folder: 'Trash' } });
    expect((await api('DELETE', `/v1/${T}/mail/messages/${m.id}`, { token: officer })).status).toBe(200);
    expect((await api('GET', `/v1/${T}/mail/messages/${m.id}`, { token: officer })).status).toBe(404);
    expect((await api('PATCH', `/v1/${T}/mail/messages/${m.id}`, { token: officer, body: { folder: 'Khong co' } })).status).toBe(404);
    // Purging left none of its search entries behind (they are keyed by the same sort key the filing wrote)
    const entries = await db.send(new QueryCommand({
      TableName: `${T}-mail`, KeyConditionExpression: 'pk = :pk', FilterExpression: 'id = :id',
      ExpressionAttributeValues: { ':pk': `${T}#MBX#${CANBO}#FIND#ALL`, ':id': m.id },
    }));
    expect(entries.Items).toEqual([]);
  });

  it('finds mail by sender and by subject words without diacritics', async () => {
    const word = `baocao${unique()}`;
    await send(await clerk(), { to: [CANBO], subject: `Báo cáo tổng kết ${word}` });
    await send(await leader(), { to: [CANBO], subject: `Báo cáo khác ${word}` });
    const officer = await officerOf(T);
    const byWord = await api('GET', `/v1/${T}/mail/search?q=${encodeURIComponent(`BAO CAO TONG KET ${word}`)}`, { token: officer });
    const bySender = await api('GET', `/v1/${T}/mail/search?from=${LANHDAO}&q=${word}`, { token: officer });
    expect(byWord.body.items.map((m: { subject: string }) => m.subject)).toEqual([`Báo cáo tổng kết ${word}`]);
    expect(bySender.body.items.map((m: { subject: string }) => m.subject)).toEqual([`Báo cáo khác ${word}`]);
  });
});

describe('between provinces', () => {
  it('delivers to another province\'s official through the platform\'s exchange hub, once', async () => {
    // Prepare
    const subject = `Trao đổi giữa hai tỉnh ${unique()}`;
    // Act: Nghệ An's clerk writes to Quảng Trị's officer and to Nghệ An's officer
    const sent = await send(await clerk(), { to: ['canbo@quangtri.gov.vn', CANBO], subject, text: 'Kính gửi Sở Tư pháp tỉnh Quảng Trị.' });
    // Assess
    expect(sent.status).toBe(201);
    expect(sent.body.delivery).toMatchObject({ 'canbo@quangtri.gov.vn': 'sent', [CANBO]: 'delivered' });
    const quangtri = await officerOf('quangtri');
    const arrived = await eventually(async () => {
      const res = await api('GET', '/v1/quangtri/mail/folders/INBOX/messages?limit=100', { token: quangtri });
      const found = (res.body.items as { subject: string; from: { address: string } }[]).filter((m) => m.subject === subject);
      return found.length ? found : undefined;
    });
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.from.address).toBe(VANTHU);
  });
});

describe('shared mailboxes and lists', () => {
  it('lets the members of a shared mailbox read and send from it, and nobody else', async () => {
    // Prepare: the tenant-admin creates a shared mailbox for the clerk and the leader
    const localPart = `vanphong${unique()}`;
    const created = await api('POST', `/v1/${T}/mail/mailboxes`, { token: await adminOf(T), body: { localPart, kind: 'shared', name: 'Văn phòng UBND tỉnh', members: [VANTHU, LANHDAO] } });
    expect(created.status).toBe(201);
    const shared = created.body.address as string;
    // Act
    await send(await officerOf(T), { to: [shared], subject: 'Gửi văn phòng' });
    const asMember = await inbox(await clerk(), shared);
    const asOutsider = await api('GET', `/v1/${T}/mail/folders/INBOX/messages?mailbox=${shared}`, { token: await officerOf(T) });
    const sentAsShared = await send(await leader(), { from: shared, to: [CANBO], subject: 'Văn phòng trả lời' });
    const forged = await send(await officerOf(T), { from: shared, to: [CANBO], subject: 'Giả danh' });
    // Assess
    expect(asMember.map((m) => m.subject)).toContain('Gửi văn phòng');
    expect(asOutsider.status).toBe(403);
    expect(sentAsShared.status).toBe(201);
    expect((await inbox(await officerOf(T))).find((m) => m.subject === 'Văn phòng trả lời')!.from.address).toBe(shared);
    expect(forged.status).toBe(403);
  });

  it('delivers a message to a list of 50 members once to each', async () => {
    // Prepare: 50 officials of a unit of their own (other tests' notifications go to the demo units' staff) and a list
    const admin = await adminOf(T);
    const tag = unique();
    const n = Date.now();
    const unit = `8${String(n % 100).padStart(2, '0')}.${String(Math.floor(n / 100) % 100).padStart(2, '0')}.${String(Math.floor(n / 10_000) % 100).padStart(2, '0')}.H41`;
    expect((await api('POST', `/v1/${T}/units`, { token: admin, body: { code: unit, name: `Tổ thử nghiệm thư ${tag}`, level: 'department', parentCode: '000.00.00.H41' } })).status).toBe(201);
    const members = Array.from({ length: 50 }, (_, i) => `thanhvien${i}.${tag}@nghean.gov.vn`);
    for (let i = 0; i < members.length; i += 10) {
      const created = await Promise.all(members.slice(i, i + 10).map((email, j) => api('POST', `/v1/${T}/users`, {
        token: admin, body: { email, name: `Thành viên ${i + j}`, unit, roles: ['officer'], temporaryPassword: 'TinhSo@2026' },
      })));
      expect(created.map((r) => r.status)).toEqual(created.map(() => 201));
    }
    const list = await api('POST', `/v1/${T}/mail/mailboxes`, { token: admin, body: { localPart: `toanthe${tag}`, kind: 'list', name: 'Toàn thể', members } });
    // Act
    const sent = await send(await clerk(), { to: [list.body.address], subject: `Thông báo chung ${tag}` });
    // Assess
    expect(sent.status).toBe(201);
    expect(Object.entries(sent.body.delivery).filter(([, v]) => v === 'delivered')).toHaveLength(51);
    // One member signs in (a first sign-in would ask for a new password: set it as the member would)
    await cognitoClient().send(new AdminSetUserPasswordCommand({ UserPoolId: tenantOf(T).auth.userPoolId, Username: members[37]!, Password: DEMO_PASSWORD, Permanent: true }));
    const someone = await signIn(T, members[37]!);
    expect((await inbox(someone)).filter((m) => m.subject === `Thông báo chung ${tag}`)).toHaveLength(1);
  });
});

describe('bad input stores nothing', () => {
  it.each([
    ['an invalid address', { to: ['khong phai dia chi'] }, 'VALIDATION_FAILED'],
    ['an unknown address of the province', { to: ['khongco.ai@nghean.gov.vn'] }, 'RECIPIENT_UNKNOWN'],
    ['more than 500 recipients', { to: Array.from({ length: 501 }, (_, i) => `x${i}@example.vn`) }, 'VALIDATION_FAILED'],
    ['a line break in the subject', { to: [CANBO], subject: 'Thử\r\nBcc: ai@example.vn' }, 'HEADER_INJECTION'],
    ['a reply to a message that is not in the mailbox', { to: [CANBO], inReplyTo: '0000000000000000' }, 'MESSAGE_NOT_FOUND'],
  ])('%s', async (_name, body, code) => {
    const token = await clerk();
    const before = (await api('GET', `/v1/${T}/mail/folders/Sent/messages?limit=100`, { token })).body.items.length;
    const res = await send(token, { subject: `Lỗi ${unique()}`, ...body });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error.code).toBe(code);
    expect((await api('GET', `/v1/${T}/mail/folders/Sent/messages?limit=100`, { token })).body.items.length).toBe(before);
  });
});

describe('isolation', () => {
  it('never shows an official a colleague\'s message, even by id', async () => {
    const subject = `Riêng tư ${unique()}`;
    await send(await clerk(), { to: [CANBO], subject });
    const m = (await inbox(await officerOf(T))).find((x) => x.subject === subject)!;
    const res = await api('GET', `/v1/${T}/mail/messages/${m.id}`, { token: await leader() });
    const other = await api('GET', `/v1/${T}/mail/messages/${m.id}?mailbox=${CANBO}`, { token: await leader() });
    expect(res.status).toBe(404);
    expect(other.status).toBe(403);
  });

  it.each(Object.entries(mailRoutes))('closes %s of Nghệ An to a Quảng Trị token', async (_name, route) => {
    const path = route.path.replace('{tenant}', T).replace('{id}', '0000000000000000').replace('{folder}', 'INBOX')
      .replace('{address}', VANTHU).replace('{id}', 'x');
    const res = await api(route.method, path, { token: await adminOf('quangtri'), ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: {} }) });
    expect(res.status).toBe(403);
  });
});
