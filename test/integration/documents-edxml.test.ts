// The edXML DocumentId (QCVN 102:2016: `OrganId,yyyy/MM/dd,Số/KýHiệu`) names the agency that issued the document, the
// same agency as the envelope's From: a department issuing in its own name (Sở Tư pháp, 000.02.00.H41) is not the
// People's Committee (000.00.00.H41). Every recipient, in the province and through the hub, files it under that id.
import { api, eventually, signIn, tenantOf, uploadFile } from './support';
import { createCa, issueCertificate, minimalPdf, signPdf } from '../support/pki';

const NA = 'nghean';
const QT = 'quangtri';
const STP = '000.02.00.H41'; // Sở Tư pháp: the demo officer's unit
const NA_COMMUNE = '000.00.33.H41';
const QT_ROOT = '000.00.00.H50';

const user = (tenant: string, name: string) => signIn(tenant, `${name}@${tenantOf(tenant).domain}`);
const tag = (xml: string, path: string) => new RegExp(`<edXML:${path.split('/').join('>\\s*<edXML:')}>([^<]*)<`).exec(xml)?.[1];

describe('a document Sở Tư pháp issues in its own name', () => {
  let issued: { id: string; documentId: string; numberSymbol: string };
  let officer: string;

  beforeAll(async () => {
    officer = await user(NA, 'canbo');
    const admin = await user(NA, 'admin'); // approves and issues for every unit (the demo leader is the Committee's)
    const draft = await api('POST', `/v1/${NA}/documents`, {
      token: officer,
      body: {
        type: 'quyet-dinh', subject: 'Về việc kiện toàn Hội đồng phối hợp phổ biến, giáo dục pháp luật', draftingUnit: STP, issuingUnit: STP,
        urgency: 'thuong', signer: { name: 'Trần Văn Giám Đốc', position: 'Giám đốc' },
        recipients: [{ agency: NA_COMMUNE }, { agency: QT_ROOT }],
        mainUploadId: await uploadFile(NA, officer, 'du-thao.pdf', 'application/pdf', minimalPdf('du-thao STP')),
      },
    });
    expect(draft.status).toBe(201);
    expect(draft.body.issuingUnit.code).toBe(STP);
    const ca = createCa('Test CA edXML');
    const signed = signPdf(minimalPdf('ban-ky STP'), issueCertificate(ca, 'Trần Văn Giám Đốc'), { signingTime: new Date() });
    const approved = await api('POST', `/v1/${NA}/documents/${draft.body.id}/approve`, {
      token: admin, body: { version: draft.body.version, signedUploadId: await uploadFile(NA, admin, 'ban-ky.pdf', 'application/pdf', signed) },
    });
    expect(approved.status).toBe(200);
    const done = await api('POST', `/v1/${NA}/documents/${draft.body.id}/issue`, { token: admin, body: { version: approved.body.version } });
    expect(done.status).toBe(200);
    issued = done.body;
  });

  it('carries the issuing department, not the People\'s Committee, in its DocumentId and in the envelope\'s From', async () => {
    // Act
    const edxml = await api('GET', `/v1/${NA}/documents/${issued.id}/edxml`, { token: officer });
    // Assess
    expect(edxml.status).toBe(200);
    expect(issued.numberSymbol).toMatch(/^\d{2,}\/QĐ-STP$/);
    expect(issued.documentId).toMatch(new RegExp(`^${STP.replaceAll('.', '\\.')},\\d{4}/\\d{2}/\\d{2},${issued.numberSymbol}$`));
    expect(tag(edxml.body, 'DocumentId')).toBe(issued.documentId);
    expect(tag(edxml.body, 'From/OrganId')).toBe(STP);
  });

  it('is filed under that DocumentId by a recipient in the province and by one in another province', async () => {
    const admin = await user(NA, 'admin');
    const local = await api('GET', `/v1/${NA}/incoming?unit=${NA_COMMUNE}&limit=100`, { token: admin });
    const localRow = local.body.items.find((i: { numberSymbol: string }) => i.numberSymbol === issued.numberSymbol);
    const localCopy = await api('GET', `/v1/${NA}/incoming/${localRow.id}`, { token: admin });
    expect(localCopy.body).toMatchObject({ documentId: issued.documentId, from: { agency: STP } });
    expect(localCopy.body.documentId.startsWith(`${STP},`)).toBe(true);

    const qtClerk = await user(QT, 'vanthu');
    const row = await eventually(async () => {
      const box = await api('GET', `/v1/${QT}/incoming?unit=${QT_ROOT}&limit=100`, { token: qtClerk });
      return box.body.items.find((i: { numberSymbol: string }) => i.numberSymbol === issued.numberSymbol);
    });
    const copy = await api('GET', `/v1/${QT}/incoming/${row.id}`, { token: qtClerk });
    expect(copy.body).toMatchObject({ documentId: issued.documentId, from: { agency: STP } });
    expect(copy.body.documentId.startsWith(`${STP},`)).toBe(true);
  });

  it('is a duplicate when imported where it was already delivered: the recipient keeps one copy per DocumentId', async () => {
    // Prepare: the signed envelope, as an outside system would hand it back to Nghệ An
    const admin = await user(NA, 'admin');
    const edxml = await api('GET', `/v1/${NA}/documents/${issued.id}/edxml`, { token: officer });
    // Act
    const imported = await api('POST', `/v1/${NA}/documents/import`, { token: admin, rawBody: edxml.body, headers: { 'content-type': 'application/xml' } });
    // Assess
    expect(imported.status).toBe(409);
    expect(imported.body.error.code).toBe('DUPLICATE_DOCUMENT');
    const box = await api('GET', `/v1/${NA}/incoming?unit=${NA_COMMUNE}&limit=100`, { token: admin });
    expect(box.body.items.filter((i: { numberSymbol: string }) => i.numberSymbol === issued.numberSymbol)).toHaveLength(1);
  });
});
