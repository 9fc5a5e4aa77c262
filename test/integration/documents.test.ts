// Official documents on the running local suite: draft, approve with a signed PDF, issue with the register's next
// number, delivery to every commune of the province at once and to another province through the platform's hub,
// statuses traced back to the sender, registers, search, edXML export/import, tasks, and refusals of bad input.
import { api, eventually, signIn, tenantOf, uploadFile } from './support';
import { createCa, issueCertificate, minimalPdf, signPdf } from '../support/pki';

const NA = 'nghean';
const QT = 'quangtri';
const clerkOf = (t: string) => signIn(t, `vanthu@${tenantOf(t).domain}`);
const leaderOf = (t: string) => signIn(t, `lanhdao@${tenantOf(t).domain}`);
const adminOf = (t: string) => signIn(t, `admin@${tenantOf(t).domain}`);
const officerOf = (t: string) => signIn(t, `canbo@${tenantOf(t).domain}`);

const NA_ROOT = '000.00.00.H41';
const NA_OFFICE = '000.01.00.H41'; // Văn phòng UBND tỉnh: the demo clerk's unit
const NA_COMMUNES = [31, 32, 33, 34, 35, 36].map((n) => `000.00.${n}.H41`);
const QT_ROOT = '000.00.00.H50';

const ca = createCa('Test Root CA Tỉnh Số');
const signer = issueCertificate(ca, 'Lê Văn Lãnh Đạo', { organization: 'UBND tỉnh Nghệ An' });

async function pdfUpload(tenant: string, token: string, text: string, signed = false): Promise<string> {
  const pdf = minimalPdf(text);
  return uploadFile(tenant, token, `${text}.pdf`, 'application/pdf', signed ? signPdf(pdf, signer, { signingTime: new Date() }) : pdf);
}

async function approvedDocument(recipients: { agency: string; copy?: 'main' | 'info' }[], subject = 'Về việc triển khai chuyển đổi số năm 2026', type = 'quyet-dinh') {
  const clerk = await clerkOf(NA);
  const leader = await leaderOf(NA);
  const created = await api('POST', `/v1/${NA}/documents`, {
    token: clerk,
    body: {
      type, subject, draftingUnit: NA_OFFICE, urgency: 'khan',
      signer: { name: 'Lê Văn Lãnh Đạo', position: 'Chủ tịch', authority: 'TM.', onBehalfOf: 'ỦY BAN NHÂN DÂN' },
      recipients, mainUploadId: await pdfUpload(NA, clerk, 'du-thao'),
    },
  });
  expect(created.status).toBe(201);
  const approved = await api('POST', `/v1/${NA}/documents/${created.body.id}/approve`, {
    token: leader, body: { version: created.body.version, signedUploadId: await pdfUpload(NA, leader, 'ban-ky', true) },
  });
  expect(approved.status).toBe(200);
  return { doc: approved.body, clerk, leader };
}

describe('an outgoing document from the People\'s Committee of Nghệ An', () => {
  let issued: { id: string; numberSymbol: string; version: number };
  let clerk: string;

  beforeAll(async () => {
    const { doc, clerk: c } = await approvedDocument([
      ...NA_COMMUNES.map((agency) => ({ agency })), { agency: QT_ROOT }, { agency: NA_ROOT, copy: 'info' as const },
      { agency: '000.00.99.H41' }, // no such unit in Nghệ An
      { agency: '000.00.00.H99' }, // no province with this code in the suite
    ]);
    clerk = c;
    const response = await api('POST', `/v1/${NA}/documents/${doc.id}/issue`, { token: clerk, body: { version: doc.version } });
    expect(response.status).toBe(200);
    issued = response.body;
  });

  it('is numbered in the issuing body\'s register with the decision symbol', () => {
    expect(issued.numberSymbol).toMatch(/^\d{2,}\/QĐ-UBND$/);
  });

  it('arrives at once in every commune\'s incoming box, and the sender sees 01 for each', async () => {
    const admin = await adminOf(NA);
    for (const commune of NA_COMMUNES) {
      const box = await api('GET', `/v1/${NA}/incoming?unit=${commune}&limit=100`, { token: admin });
      expect(box.status).toBe(200);
      expect(box.body.items.map((i: { subject: string; numberSymbol: string }) => i.numberSymbol)).toContain(issued.numberSymbol);
    }
    const trace = await api('GET', `/v1/${NA}/documents/${issued.id}/trace`, { token: clerk });
    const state = Object.fromEntries(trace.body.recipients.map((r: { agency: string; state: string }) => [r.agency, r.state]));
    for (const commune of NA_COMMUNES) expect(state[commune]).toBe('01');
    expect(state['000.00.99.H41']).toBe('failed');
  });

  it('reaches Quảng Trị through the hub; its registration (03) comes back to the sender with unit and staff', async () => {
    const qtClerk = await clerkOf(QT);
    const row = await eventually(async () => {
      const box = await api('GET', `/v1/${QT}/incoming?unit=${QT_ROOT}&limit=100`, { token: qtClerk });
      return box.body.items.find((i: { numberSymbol: string }) => i.numberSymbol === issued.numberSymbol);
    });
    const arrived = await api('GET', `/v1/${QT}/incoming/${row.id}`, { token: qtClerk });
    expect(arrived.body.from.agency).toBe(NA_ROOT);
    expect(arrived.body.files[0].signatures.signed).toBe(true);
    const registered = await api('POST', `/v1/${QT}/incoming/${row.id}/actions`, { token: qtClerk, body: { action: 'register', version: arrived.body.version } });
    expect(registered.status).toBe(200);
    expect(registered.body.arrivalNumber).toBeGreaterThan(0);

    const line = await eventually(async () => {
      const trace = await api('GET', `/v1/${NA}/documents/${issued.id}/trace`, { token: clerk });
      const qt = trace.body.recipients.find((r: { agency: string }) => r.agency === QT_ROOT);
      return qt?.state === '03' ? qt : undefined;
    });
    expect(line.history.map((h: { code: string }) => h.code)).toEqual(['01', '03']);
    expect(line.history[1].staff).toBe('Nguyễn Thị Văn Thư');
  });

  it('tells the sender that an agency of an unknown province could not be reached, with the reason', async () => {
    const line = await eventually(async () => {
      const trace = await api('GET', `/v1/${NA}/documents/${issued.id}/trace`, { token: clerk });
      const r = trace.body.recipients.find((x: { agency: string }) => x.agency === '000.00.00.H99');
      return r?.state === 'failed' ? r : undefined;
    });
    expect(line.history.at(-1).description).toMatch(/000\.00\.00\.H99|Không có cơ quan/);
  });

  it('is found by number/symbol and by subject words without diacritics', async () => {
    const byNumber = await api('GET', `/v1/${NA}/documents/search?numberSymbol=${encodeURIComponent(issued.numberSymbol.toLowerCase().replace('đ', 'd'))}`, { token: clerk });
    expect(byNumber.body.items.map((i: { id: string }) => i.id)).toContain(issued.id);
    const byWords = await api('GET', `/v1/${NA}/documents/search?q=${encodeURIComponent('CHUYEN DOI so')}&type=quyet-dinh`, { token: clerk });
    expect(byWords.body.items.map((i: { id: string }) => i.id)).toContain(issued.id);
  });

  it('is in the outgoing register as CSV and as a printable page', async () => {
    const year = new Date().getFullYear();
    const csv = await api('GET', `/v1/${NA}/registers/${NA_ROOT}/outgoing/${year}?format=csv`, { token: clerk });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.body).toContain(issued.numberSymbol);
    expect(csv.body).toContain('Số, ký hiệu văn bản');
    const html = await api('GET', `/v1/${NA}/registers/${NA_ROOT}/outgoing/${year}?format=html`, { token: clerk });
    expect(html.body).toContain('SỔ ĐĂNG KÝ VĂN BẢN ĐI');
  });

  it('exports a signed edXML envelope that another province can import once, and a changed byte is refused', async () => {
    const edxml = await api('GET', `/v1/${NA}/documents/${issued.id}/edxml`, { token: clerk });
    expect(edxml.status).toBe(200);
    expect(edxml.body).toContain(`<edXML:DocumentId>${NA_ROOT},`);
    // Addressed to Quảng Trị too, but that copy already arrived through the hub: the import is a duplicate there.
    const qtClerk = await clerkOf(QT);
    const dup = await api('POST', `/v1/${QT}/documents/import`, { token: qtClerk, rawBody: edxml.body, headers: { 'content-type': 'application/xml' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('DUPLICATE_DOCUMENT');
    const tampered = (edxml.body as string).replace('chuyển đổi số', 'chuyển đổi sổ');
    const refused = await api('POST', `/v1/${QT}/documents/import`, { token: qtClerk, rawBody: tampered, headers: { 'content-type': 'application/xml' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('EDXML_BAD_SIGNATURE');
  });
});

describe('numbering', () => {
  it('gives two clerks issuing at once two distinct consecutive numbers', async () => {
    const a = await approvedDocument([{ agency: NA_COMMUNES[0]! }], 'Báo cáo tình hình A', 'bao-cao');
    const b = await approvedDocument([{ agency: NA_COMMUNES[1]! }], 'Báo cáo tình hình B', 'bao-cao');
    const other = await signIn(NA, `vanthu@${tenantOf(NA).domain}`, { fresh: true });
    const [ra, rb] = await Promise.all([
      api('POST', `/v1/${NA}/documents/${a.doc.id}/issue`, { token: a.clerk, body: { version: a.doc.version } }),
      api('POST', `/v1/${NA}/documents/${b.doc.id}/issue`, { token: other, body: { version: b.doc.version } }),
    ]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    expect(Math.abs(ra.body.number - rb.body.number)).toBe(1);
    expect(ra.body.symbol).toBe('BC-UBND');
  });
});

describe('incoming work and refusals', () => {
  it('lets the assigned unit start and complete, refuses others, and keeps the sender informed', async () => {
    const { doc, clerk } = await approvedDocument([{ agency: NA_ROOT }], 'Kế hoạch kiểm tra công vụ', 'ke-hoach');
    const sent = await api('POST', `/v1/${NA}/documents/${doc.id}/issue`, { token: clerk, body: { version: doc.version } });
    const box = await api('GET', `/v1/${NA}/incoming?unit=${NA_ROOT}&limit=100`, { token: clerk });
    const row = box.body.items.find((i: { numberSymbol: string }) => i.numberSymbol === sent.body.numberSymbol);
    let current = (await api('GET', `/v1/${NA}/incoming/${row.id}`, { token: clerk })).body;
    const officer = await officerOf(NA); // Sở Tư pháp

    const early = await api('POST', `/v1/${NA}/incoming/${row.id}/actions`, { token: clerk, body: { action: 'start', version: current.version } });
    expect(early.status).toBe(403);
    current = (await api('POST', `/v1/${NA}/incoming/${row.id}/actions`, { token: clerk, body: { action: 'register', version: current.version } })).body;
    const refuseWithoutReason = await api('POST', `/v1/${NA}/incoming/${row.id}/actions`, { token: clerk, body: { action: 'refuse', version: current.version } });
    expect(refuseWithoutReason.status).toBe(400);
    const deadline = '2020-01-10'; // already past: the task is overdue
    current = (await api('POST', `/v1/${NA}/incoming/${row.id}/actions`, { token: clerk, body: { action: 'assign', version: current.version, unit: '000.02.00.H41', deadline } })).body;
    expect(current.status).toBe('04');

    const tasks = await api('GET', `/v1/${NA}/tasks?scope=unit&unit=000.02.00.H41`, { token: officer });
    expect(tasks.body.overdue.map((t: { id: string }) => t.id)).toContain(row.id);

    const notAllowed = await api('POST', `/v1/${NA}/incoming/${row.id}/actions`, { token: await adminOf(QT), body: { action: 'start', version: current.version } });
    expect(notAllowed.status).toBe(403);
    const started = await api('POST', `/v1/${NA}/incoming/${row.id}/actions`, { token: officer, body: { action: 'start', version: current.version } });
    expect(started.status).toBe(200);
    const done = await api('POST', `/v1/${NA}/incoming/${row.id}/actions`, { token: officer, body: { action: 'complete', version: started.body.version } });
    expect(done.body.status).toBe('06');
    const again = await api('POST', `/v1/${NA}/incoming/${row.id}/actions`, { token: officer, body: { action: 'complete', version: done.body.version } });
    expect(again.status).toBe(409);

    const trace = await api('GET', `/v1/${NA}/documents/${doc.id}/trace`, { token: clerk });
    expect(trace.body.recipients[0].history.map((h: { code: string }) => h.code)).toEqual(['01', '03', '04', '05', '06']);
  });

  it('refuses an unknown type, a main file that is not a PDF, and another tenant\'s token', async () => {
    const clerk = await clerkOf(NA);
    const base = { subject: 'Thử', draftingUnit: NA_OFFICE, signer: { name: 'A', position: 'B' }, recipients: [{ agency: NA_ROOT }] };
    const badType = await api('POST', `/v1/${NA}/documents`, { token: clerk, body: { ...base, type: 'thu-tin', mainUploadId: await pdfUpload(NA, clerk, 'x') } });
    expect(badType.status).toBe(400);
    const png = await uploadFile(NA, clerk, 'anh.png', 'image/png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    const notPdf = await api('POST', `/v1/${NA}/documents`, { token: clerk, body: { ...base, type: 'cong-van', mainUploadId: png } });
    expect(notPdf.status).toBe(400);
    expect(notPdf.body.error.code).toBe('UPLOAD_TYPE_NOT_ACCEPTED');
    expect(badType.body.error.code).toBe('VALIDATION_FAILED');
    const foreign = await api('GET', `/v1/${NA}/incoming`, { token: await clerkOf(QT) });
    expect(foreign.status).toBe(403);
  });
});

describe('recall', () => {
  it('asks each recipient (13) and records their agreement (14)', async () => {
    const { doc, clerk } = await approvedDocument([{ agency: NA_COMMUNES[2]! }], 'Thông báo lịch họp', 'thong-bao');
    const sent = (await api('POST', `/v1/${NA}/documents/${doc.id}/issue`, { token: clerk, body: { version: doc.version } })).body;
    const recalled = await api('POST', `/v1/${NA}/documents/${doc.id}/revisions`, { token: clerk, body: { business: 'recall', version: sent.version, reason: 'Sai ngày họp' } });
    expect(recalled.status).toBe(200);
    const admin = await adminOf(NA);
    const box = await api('GET', `/v1/${NA}/incoming?unit=${NA_COMMUNES[2]}&limit=100`, { token: admin });
    const row = box.body.items.find((i: { numberSymbol: string }) => i.numberSymbol === sent.numberSymbol);
    const incoming = (await api('GET', `/v1/${NA}/incoming/${row.id}`, { token: admin })).body;
    expect(incoming.pendingRevision.business).toBe('recall');
    const answered = await api('POST', `/v1/${NA}/incoming/${row.id}/revision-answer`, { token: admin, body: { version: incoming.version, agree: true } });
    expect(answered.body.recalled).toBe(true);
    const trace = await api('GET', `/v1/${NA}/documents/${doc.id}/trace`, { token: clerk });
    expect(trace.body.recipients[0].history.map((h: { code: string }) => h.code)).toEqual(['01', '13', '14']);
  });
});

