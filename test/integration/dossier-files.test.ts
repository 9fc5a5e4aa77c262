// The files of a dossier, downloaded through short-lived links: the applicant gets their own documents and, once
// returned, the result; officials get every file; nobody else learns the dossier exists.
import { applicant, BIRTH, birthDocuments, birthForm } from './fixtures';
import { api, newCitizen, officerOf, pdfBytes, signIn, uploadFile } from './support';

const citizen = () => signIn('nghean', 'congdan@example.vn');
const clerk = () => signIn('nghean', 'vanthu@nghean.gov.vn');
const leader = () => signIn('nghean', 'lanhdao@nghean.gov.vn');

const act = (token: string, code: string, body: Record<string, unknown>) => api('POST', `/v1/nghean/dossiers/${code}/actions`, { token, body });
const fileLink = (token: string, code: string, uploadId: string) => api('GET', `/v1/nghean/dossiers/${code}/files/${uploadId}`, { token });

async function bytesAt(url: string): Promise<{ status: number; body: Buffer; disposition: string | null }> {
  const res = await fetch(url);
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), disposition: res.headers.get('content-disposition') };
}

describe('downloading a dossier\'s files', () => {
  it('gives the applicant their documents, and the result only once it is returned', async () => {
    // Prepare: a citizen's dossier taken to a decision
    const token = await citizen();
    const submitted = await api('POST', '/v1/nghean/dossiers', { token, body: { procedureCode: BIRTH, applicant, form: birthForm, documents: await birthDocuments(token) } });
    expect(submitted.status).toBe(201);
    const { code } = submitted.body;
    const declaration = submitted.body.documents.find((d: { requirementId: string }) => d.requirementId === 'to-khai');
    await act(await clerk(), code, { action: 'accept', version: 1 });
    await act(await officerOf('nghean'), code, { action: 'start', version: 2 });
    const resultId = await uploadFile('nghean', await leader(), 'giấy khai sinh.pdf', 'application/pdf', pdfBytes('ket qua khai sinh'));
    expect((await act(await leader(), code, { action: 'decide', version: 3, resultUploadId: resultId })).status).toBe(200);

    // Act and assess: the applicant's own document, byte for byte, under its Vietnamese name
    const own = await fileLink(token, code, declaration.uploadId);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ fileName: 'tờ khai khai sinh.pdf', sha256: declaration.sha256 });
    const downloaded = await bytesAt(own.body.url);
    expect(downloaded.status).toBe(200);
    expect(downloaded.body.equals(pdfBytes('to khai'))).toBe(true);
    expect(downloaded.disposition).toContain(`filename*=UTF-8''${encodeURIComponent('tờ khai khai sinh.pdf')}`);

    // The result is the office's until it is returned; an official reads it at once
    expect((await fileLink(token, code, resultId)).body.error.code).toBe('FILE_NOT_FOUND');
    const forOfficial = await fileLink(await officerOf('nghean'), code, resultId);
    expect(forOfficial.status).toBe(200);
    expect((await bytesAt(forOfficial.body.url)).body.equals(pdfBytes('ket qua khai sinh'))).toBe(true);

    expect((await act(await clerk(), code, { action: 'return', version: 4 })).status).toBe(200);
    const result = await fileLink(token, code, resultId);
    expect(result.status).toBe(200);
    expect((await bytesAt(result.body.url)).body.equals(pdfBytes('ket qua khai sinh'))).toBe(true);
  });

  it('tells another citizen nothing, and refuses an id that is not one of the dossier\'s files', async () => {
    const token = await citizen();
    const submitted = await api('POST', '/v1/nghean/dossiers', { token, body: { procedureCode: BIRTH, applicant, form: birthForm, documents: await birthDocuments(token) } });
    const { code } = submitted.body;
    const uploadId = submitted.body.documents[0].uploadId;

    const stranger = await newCitizen('nghean');
    const theirs = await fileLink(stranger, code, uploadId);
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('DOSSIER_NOT_FOUND');

    const unrelated = await fileLink(token, code, '6f1c2a52-3f7b-4c1e-9a55-2d1f4d5e6a7b');
    expect(unrelated.status).toBe(404);
    expect(unrelated.body.error.code).toBe('FILE_NOT_FOUND');

    const malformed = await fileLink(token, code, 'not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
  });
});
