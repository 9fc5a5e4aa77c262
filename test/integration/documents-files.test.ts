// The files of official documents, downloaded through short-lived links: the sender's staff get the draft, the
// signed PDF and the annexes of an outgoing document; the receiving province's clerk gets the copy that came through
// the hub, byte for byte; an official of a third province learns nothing; an id that is not one of the document's
// files is refused.
import { createHash } from 'node:crypto';
import { api, eventually, pdfBytes, unique, uploadFile } from './support';
import { demoUser, NA, NA_OFFICE, pdfUpload, QT, QT_ROOT } from './documents-support';

const DN = 'danang';
const ANNEX_NAME = 'Phụ lục: danh sách đơn vị "trọng điểm".pdf';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function bytesAt(url: string): Promise<{ status: number; body: Buffer; disposition: string | null }> {
  const res = await fetch(url);
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), disposition: res.headers.get('content-disposition') };
}

interface StoredFile { uploadId?: string; fileName: string; sha256: string }
/** A file's id in the download route: its upload, or, for a file received through the hub, its SHA-256. */
const fileId = (f: StoredFile) => f.uploadId ?? f.sha256;

describe('downloading an official document\'s files', () => {
  const annex = pdfBytes(`phu luc ${unique()}`);
  let copyId: string;
  let doc: { id: string; numberSymbol: string; mainFile: StoredFile; signedFile: StoredFile; annexes: StoredFile[] };

  beforeAll(async () => {
    // Prepare: a plan of Nghệ An's People's Committee with an annex, issued to Quảng Trị's People's Committee
    const clerk = await demoUser(NA, 'vanthu');
    const leader = await demoUser(NA, 'lanhdao');
    const created = await api('POST', `/v1/${NA}/documents`, {
      token: clerk,
      body: {
        type: 'ke-hoach', subject: `Kế hoạch phối hợp liên tỉnh ${unique()}`, draftingUnit: NA_OFFICE,
        signer: { name: 'Lê Văn Lãnh Đạo', position: 'Chủ tịch', authority: 'TM.', onBehalfOf: 'ỦY BAN NHÂN DÂN' },
        recipients: [{ agency: QT_ROOT }], mainUploadId: await pdfUpload(NA, clerk, 'du-thao'),
        annexUploadIds: [await uploadFile(NA, clerk, ANNEX_NAME, 'application/pdf', annex)],
      },
    });
    expect(created.status).toBe(201);
    const approved = await api('POST', `/v1/${NA}/documents/${created.body.id}/approve`, {
      token: leader, body: { version: created.body.version, signedUploadId: await pdfUpload(NA, leader, 'ban-ky', true) },
    });
    expect(approved.status).toBe(200);
    const issued = await api('POST', `/v1/${NA}/documents/${created.body.id}/issue`, { token: clerk, body: { version: approved.body.version } });
    expect(issued.status).toBe(200);
    doc = issued.body;
  }, 60_000);

  it('gives the sender\'s staff the draft, the signed PDF and the annex, byte for byte, under their names', async () => {
    const leader = await demoUser(NA, 'lanhdao');
    const clerk = await demoUser(NA, 'vanthu');

    // Act: the annex, whose Vietnamese name has characters a header cannot carry as they are
    const link = await api('GET', `/v1/${NA}/documents/${doc.id}/files/${fileId(doc.annexes[0]!)}`, { token: clerk });

    // Assess
    expect(link.status).toBe(200);
    expect(link.body).toMatchObject({ fileName: ANNEX_NAME, sha256: sha256(annex) });
    expect(link.body.expiresAt).toMatch(/\+07:00$/);
    const downloaded = await bytesAt(link.body.url);
    expect(downloaded.status).toBe(200);
    expect(downloaded.body.equals(Buffer.from(annex))).toBe(true);
    expect(downloaded.disposition).toContain('attachment; filename="Phu luc: danh sach don vi _trong diem_.pdf"');
    expect(downloaded.disposition).toContain(`filename*=UTF-8''${encodeURIComponent(ANNEX_NAME)}`);

    // The draft and the signed PDF: what was verified when they were attached
    for (const file of [doc.mainFile, doc.signedFile]) {
      const got = await api('GET', `/v1/${NA}/documents/${doc.id}/files/${fileId(file)}`, { token: leader });
      expect(got.status).toBe(200);
      expect(got.body.sha256).toBe(file.sha256);
      expect(sha256((await bytesAt(got.body.url)).body)).toBe(file.sha256);
    }
  });

  it('gives Quảng Trị\'s clerk the files of the copy that came through the hub', async () => {
    const qtClerk = await demoUser(QT, 'vanthu');
    const copy = await eventually(async () => {
      const box = await api('GET', `/v1/${QT}/incoming?unit=${QT_ROOT}&limit=100`, { token: qtClerk });
      const row = box.body.items.find((i: { numberSymbol: string }) => i.numberSymbol === doc.numberSymbol);
      return row && (await api('GET', `/v1/${QT}/incoming/${row.id}`, { token: qtClerk })).body;
    });
    copyId = copy.id;
    const received: StoredFile | undefined = copy.files.find((f: StoredFile) => f.fileName === ANNEX_NAME);
    expect(received).toBeDefined();

    const link = await api('GET', `/v1/${QT}/incoming/${copy.id}/files/${fileId(received!)}`, { token: qtClerk });

    expect(link.status).toBe(200);
    expect(link.body).toMatchObject({ fileName: ANNEX_NAME, sha256: sha256(annex) });
    const downloaded = await bytesAt(link.body.url);
    expect(downloaded.status).toBe(200);
    expect(downloaded.body.equals(Buffer.from(annex))).toBe(true);
    // The signed PDF too, as the sender signed it
    const signed = await api('GET', `/v1/${QT}/incoming/${copy.id}/files/${fileId(copy.files[0])}`, { token: qtClerk });
    expect(signed.body.sha256).toBe(doc.signedFile.sha256);
    expect(sha256((await bytesAt(signed.body.url)).body)).toBe(doc.signedFile.sha256);
  });

  it('tells whoever may not read the document nothing, and refuses ids that are not the document\'s files', async () => {
    const clerk = await demoUser(NA, 'vanthu');
    const path = (file: string) => `/v1/${NA}/documents/${doc.id}/files/${file}`;
    const annexId = fileId(doc.annexes[0]!);

    // Đà Nẵng, a third province: in its own province neither the document nor the copy exists (404, as for reading
    // them); asking Nghệ An or Quảng Trị is refused as reading them is
    const dnClerk = await demoUser(DN, 'vanthu');
    for (const [own, theirs] of [[`/v1/${DN}/documents/${doc.id}`, `/v1/${NA}/documents/${doc.id}`], [`/v1/${DN}/incoming/${copyId}`, `/v1/${QT}/incoming/${copyId}`]] as const) {
      const missing = await api('GET', `${own}/files/${annexId}`, { token: dnClerk });
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe('DOCUMENT_NOT_FOUND');
      const refused = await api('GET', `${theirs}/files/${annexId}`, { token: dnClerk });
      const reading = await api('GET', theirs, { token: dnClerk });
      expect([refused.status, refused.body.error.code]).toEqual([reading.status, reading.body.error.code]);
      expect([403, 404]).toContain(refused.status);
      expect(JSON.stringify(refused.body)).not.toContain(ANNEX_NAME);
    }

    // An official of Nghệ An outside the drafting and issuing units: the same 404 as for reading the document
    const outsider = await api('GET', path(annexId), { token: await demoUser(NA, 'canbo') });
    expect(outsider.status).toBe(404);
    expect(outsider.body.error.code).toBe('DOCUMENT_NOT_FOUND');
    expect((await api('GET', `/v1/${NA}/documents/${doc.id}`, { token: await demoUser(NA, 'canbo') })).status).toBe(404);

    const unknown = await api('GET', path('6f1c2a52-3f7b-4c1e-9a55-2d1f4d5e6a7b'), { token: clerk });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'FILE_NOT_FOUND', message: 'Văn bản không có tệp này.', messageEn: 'The document has no such file.' });

    const malformed = await api('GET', path('not-a-file-id'), { token: clerk });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');

    const unknownDocument = await api('GET', `/v1/${NA}/documents/6f1c2a52-3f7b-4c1e-9a55-2d1f4d5e6a7b/files/${fileId(doc.annexes[0]!)}`, { token: clerk });
    expect(unknownDocument.status).toBe(404);
    expect(unknownDocument.body.error.code).toBe('DOCUMENT_NOT_FOUND');
  });
});
