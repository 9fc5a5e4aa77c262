// Trusted CAs end to end: a PDF signed under a CA the province does not trust reads "untrusted"; only the province's
// tenant-admin may add that CA (PUT /documents/trusted-cas), and then the same document and its recipient's copy read
// "valid", with a trusted chain.
import { api, uploadFile } from './support';
import { demoUser, incomingCopy, NA, NA_OFFICE, pdfUpload, QT } from './documents-support';
import { createCa, issueCertificate, minimalPdf, signPdf } from '../support/pki';

const NA_COMMUNE = '000.00.34.H41';
const foreignCa = createCa('CA chưa được tỉnh tin cậy', { organization: 'Nhà cung cấp dịch vụ chứng thực thử nghiệm' });
const signer = issueCertificate(foreignCa, 'Lê Văn Lãnh Đạo', { organization: 'UBND tỉnh Nghệ An' });

type Verdict = { verdict: string; chainTrusted: boolean; reasons: string[]; issuer?: string };
const verdictsOf = (file: { signatures?: { signatures: Verdict[] } }) => file.signatures?.signatures ?? [];

describe('a PDF signed under a CA the province does not trust', () => {
  let docId: string;
  let numberSymbol: string;
  let listBefore: string[];

  beforeAll(async () => {
    const [clerk, leader, admin] = [await demoUser(NA, 'vanthu'), await demoUser(NA, 'lanhdao'), await demoUser(NA, 'admin')];
    listBefore = (await api('GET', `/v1/${NA}/documents/trusted-cas`, { token: admin })).body.items.map((c: { pem: string }) => c.pem);
    const draft = await api('POST', `/v1/${NA}/documents`, {
      token: clerk,
      body: {
        type: 'thong-bao', subject: 'Thông báo lịch tiếp công dân tháng 12', draftingUnit: NA_OFFICE, urgency: 'thuong',
        signer: { name: 'Lê Văn Lãnh Đạo', position: 'Chủ tịch' }, recipients: [{ agency: NA_COMMUNE }],
        mainUploadId: await pdfUpload(NA, clerk, 'du-thao-thong-bao'),
      },
    });
    const signed = signPdf(minimalPdf('thong bao ban ky'), signer, { signingTime: new Date() });
    const approved = await api('POST', `/v1/${NA}/documents/${draft.body.id}/approve`, {
      token: leader, body: { version: draft.body.version, signedUploadId: await uploadFile(NA, leader, 'ban-ky.pdf', 'application/pdf', signed) },
    });
    const issued = await api('POST', `/v1/${NA}/documents/${draft.body.id}/issue`, { token: clerk, body: { version: approved.body.version } });
    expect(issued.status).toBe(200);
    ({ id: docId, numberSymbol } = issued.body);
  });

  afterAll(async () => {
    // The province's list as it was, for the other tests of the run.
    await api('PUT', `/v1/${NA}/documents/trusted-cas`, { token: await demoUser(NA, 'admin'), body: { pems: listBefore } });
  });

  it('is untrusted, then trusted once the tenant-admin adds its CA, for the document and its recipient\'s copy', async () => {
    const clerk = await demoUser(NA, 'vanthu');
    const admin = await demoUser(NA, 'admin');
    // Prepare: the verdict under today's list
    const before = (await api('GET', `/v1/${NA}/documents/${docId}`, { token: clerk })).body;
    expect(verdictsOf(before.signedFile)).toEqual([expect.objectContaining({ verdict: 'untrusted', chainTrusted: false, reasons: ['NO_TRUSTED_CHAIN'] })]);
    expect(verdictsOf((await incomingCopy(NA, NA_COMMUNE, numberSymbol, admin)).files[0])[0]).toMatchObject({ verdict: 'untrusted' });
    // Act
    const put = await api('PUT', `/v1/${NA}/documents/trusted-cas`, { token: admin, body: { pems: [...listBefore, foreignCa.certPem] } });
    // Assess
    expect(put.status).toBe(200);
    expect(put.body.items.map((c: { subject: string }) => c.subject)).toContain('CN=CA chưa được tỉnh tin cậy\nO=Nhà cung cấp dịch vụ chứng thực thử nghiệm');
    const after = (await api('GET', `/v1/${NA}/documents/${docId}`, { token: clerk })).body;
    expect(verdictsOf(after.signedFile)).toEqual([expect.objectContaining({ verdict: 'valid', chainTrusted: true, reasons: [] })]);
    expect(after.version).toBe(before.version); // nobody changed the document: only its verdict is newer
    expect(verdictsOf((await incomingCopy(NA, NA_COMMUNE, numberSymbol, admin)).files[0])[0]).toMatchObject({ verdict: 'valid', chainTrusted: true });
  });

  it.each([
    ['an officer of the province', () => demoUser(NA, 'canbo')],
    ['a leader of the province', () => demoUser(NA, 'lanhdao')],
    ['another province\'s tenant-admin', () => demoUser(QT, 'admin')],
  ])('cannot have its CA trusted by %s (403), and the list stays as it was', async (_, token) => {
    const admin = await demoUser(NA, 'admin');
    const listed = async () => (await api('GET', `/v1/${NA}/documents/trusted-cas`, { token: admin })).body.items.map((c: { fingerprint: string }) => c.fingerprint).sort();
    const before = await listed();
    const other = createCa('CA do người không có quyền thêm');
    const res = await api('PUT', `/v1/${NA}/documents/trusted-cas`, { token: await token(), body: { pems: [other.certPem] } });
    expect(res.status).toBe(403);
    expect(await listed()).toEqual(before);
  });
});
