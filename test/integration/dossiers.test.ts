// A citizen's dossier from submission to the returned result, through the real gateway, DynamoDB Local and s3rver.
import { applicant, BIRTH, BIRTH_UNIT, birthDocuments, birthForm } from './fixtures';
import { adminOf, api, newCitizen, officerOf, pdfBytes, signIn, unique, uploadFile } from './support';

const COMMUNE = BIRTH_UNIT;
const CODE = /^000\.00\.31\.H41-\d{6}-\d{4}$/;

const citizen = () => signIn('nghean', 'congdan@example.vn');
const clerk = () => signIn('nghean', 'vanthu@nghean.gov.vn');
const leader = () => signIn('nghean', 'lanhdao@nghean.gov.vn');

async function submit(token?: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const t = token ?? await citizen();
  return api('POST', '/v1/nghean/dossiers', { token: t, body: { procedureCode: BIRTH, applicant, form: birthForm, documents: await birthDocuments(t), ...extra }, headers });
}

async function act(token: string, code: string, body: Record<string, unknown>) {
  return api('POST', `/v1/nghean/dossiers/${code}/actions`, { token, body });
}

describe('submitting a dossier', () => {
  it('gives the citizen a code of the receiving unit and the day, status 1, and files with their SHA-256', async () => {
    // Act
    const res = await submit();
    // Assess
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(CODE);
    expect(res.body).toMatchObject({
      status: { code: 1, label: 'Mới đăng ký' }, channel: 2, receivingUnit: COMMUNE,
      procedure: { code: BIRTH, name: 'Đăng ký khai sinh', version: 1 },
    });
    expect(res.body.documents).toHaveLength(2);
    res.body.documents.forEach((d: { sha256: string }) => expect(d.sha256).toMatch(/^[0-9a-f]{64}$/));
    expect(res.body.submittedAt).toMatch(/\+07:00$/);
    expect(res.body.dueAt).toBeUndefined();
  });

  it('answers a retried submission with the same dossier and creates nothing more', async () => {
    const token = await citizen();
    const documents = await birthDocuments(token);
    const headers = { 'idempotency-key': `dossier-${unique()}` };
    const body = { procedureCode: BIRTH, applicant, form: birthForm, documents };
    const first = await api('POST', '/v1/nghean/dossiers', { token, body, headers });
    const retry = await api('POST', '/v1/nghean/dossiers', { token, body, headers });
    expect(retry.body.code).toBe(first.body.code);
    const mine = await api('GET', '/v1/nghean/me/dossiers?limit=100', { token });
    expect(mine.body.items.filter((d: { code: string }) => d.code === first.body.code)).toHaveLength(1);
  });

  it('numbers concurrent submissions to one unit without a duplicate', async () => {
    const token = await citizen();
    const results = await Promise.all(Array.from({ length: 8 }, () => submit(token)));
    const codes = results.map((r) => r.body.code);
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(new Set(codes).size).toBe(8);
  });

  it.each([
    ['an unknown procedure', { procedureCode: '1.999999.000.00.00.H41' }, 400, 'PROCEDURE_NOT_FOUND'],
    ['an information-only procedure', { procedureCode: '2.002441.000.00.00.H41' }, 400, 'PROCEDURE_NOT_ONLINE'],
    ['a malformed CCCD in the form', { form: { ...birthForm, cccdMe: '123' } }, 400, 'VALIDATION_FAILED'],
    ['a phone that is not Vietnamese', { applicant: { ...applicant, phone: '+1 415 555 0100' } }, 400, 'VALIDATION_FAILED'],
    ['the in-person channel from a citizen', { channel: 1 }, 400, 'INVALID_CHANNEL'],
  ])('refuses %s', async (_, change, status, code) => {
    const res = await submit(undefined, change);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });

  it('refuses a dossier without a required document, and names it', async () => {
    const token = await citizen();
    const [toKhai] = await birthDocuments(token);
    const res = await api('POST', '/v1/nghean/dossiers', { token, body: { procedureCode: BIRTH, applicant, form: birthForm, documents: [toKhai] } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'MISSING_DOCUMENTS', details: [{ requirementId: 'giay-chung-sinh' }] });
  });

  it('refuses an upload of another citizen, and a file used by another dossier, writing nothing', async () => {
    const other = await signIn('nghean', 'canbo@nghean.gov.vn');
    const foreign = await uploadFile('nghean', other, 'x.pdf', 'application/pdf', pdfBytes());
    const token = await citizen();
    const documents = await birthDocuments(token);
    const stolen = await api('POST', '/v1/nghean/dossiers', { token, body: { procedureCode: BIRTH, applicant, form: birthForm, documents: [documents[0], { requirementId: 'giay-chung-sinh', uploadId: foreign }] } });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.code).toBe('UPLOAD_NOT_FOUND');
    const first = await api('POST', '/v1/nghean/dossiers', { token, body: { procedureCode: BIRTH, applicant, form: birthForm, documents } });
    expect(first.status).toBe(201);
    const reused = await api('POST', '/v1/nghean/dossiers', { token, body: { procedureCode: BIRTH, applicant, form: birthForm, documents } });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('UPLOAD_ALREADY_USED');
  });

  it('lets a clerk receive a dossier at the desk for an applicant without an account', async () => {
    const res = await submit(await clerk(), { channel: 1 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ channel: 1 });
    expect(res.body.applicantUserId).toBeUndefined();
  });
});

describe('processing a dossier', () => {
  it('goes from submission to the returned result, with due date, pause, hand-over, decision and history', async () => {
    // Prepare
    const submitted = (await submit()).body;
    const code = submitted.code;
    // Act and assess, step by step as the one-stop desk works
    const accepted = await act(await clerk(), code, { action: 'accept', version: 1 });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status.code).toBe(2);
    expect(accepted.body.dueAt).toMatch(/T(0[7-9]|1[0-7]):\d\d:\d\d\+07:00$/);

    const started = await act(await officerOf('nghean'), code, { action: 'start', version: 2 });
    expect(started.body.status.code).toBe(4);

    const asked = await act(await officerOf('nghean'), code, { action: 'request-supplement', version: 3, missing: ['Giấy chứng sinh bản rõ nét'] });
    expect(asked.body).toMatchObject({ status: { code: 5 }, supplementRequests: 1, missing: ['Giấy chứng sinh bản rõ nét'] });

    const token = await citizen();
    const clearer = await uploadFile('nghean', token, 'giấy chứng sinh rõ.pdf', 'application/pdf', pdfBytes('ro net'));
    const supplemented = await act(token, code, { action: 'supplement', version: 4, documents: [{ requirementId: 'giay-chung-sinh', uploadId: clearer }] });
    expect(supplemented.status).toBe(200);
    expect(supplemented.body.status.code).toBe(4);
    expect(supplemented.body.pauses).toHaveLength(1);
    expect(supplemented.body.pauses[0].to).toBeDefined();
    expect(Date.parse(supplemented.body.dueAt)).toBeGreaterThanOrEqual(Date.parse(accepted.body.dueAt));
    expect(supplemented.body.documents.find((d: { requirementId: string }) => d.requirementId === 'giay-chung-sinh').uploadId).toBe(clearer);

    const forwarded = await act(await officerOf('nghean'), code, { action: 'forward', version: 5, toUnit: '000.02.00.H41', note: 'Chuyển Sở Tư pháp cho ý kiến' });
    expect(forwarded.body.currentUnit).toBe('000.02.00.H41');

    const result = await uploadFile('nghean', await leader(), 'giấy khai sinh.pdf', 'application/pdf', pdfBytes('ket qua'));
    const decided = await act(await leader(), code, { action: 'decide', version: 6, resultUploadId: result });
    expect(decided.body).toMatchObject({ status: { code: 9, label: 'Đã xử lý xong' }, result: { uploadId: result } });
    expect(decided.body.finishedAt).toBeDefined();

    const returned = await act(await clerk(), code, { action: 'return', version: 7 });
    expect(returned.body.status.code).toBe(10);

    const read = await api('GET', `/v1/nghean/dossiers/${code}`, { token });
    expect(read.body.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'accept', 'start', 'request-supplement', 'supplement', 'forward', 'decide', 'return']);
    expect(read.body.history[5]).toMatchObject({ details: { fromUnit: COMMUNE, toUnit: '000.02.00.H41' }, note: 'Chuyển Sở Tư pháp cho ý kiến' });
    expect(read.body.allowedActions).toEqual([]);

    const rated = await api('POST', `/v1/nghean/dossiers/${code}/rating`, { token, body: { score: 'very-satisfied', comment: 'Nhanh, gọn' } });
    expect(rated.status).toBe(201);
    const again = await api('POST', `/v1/nghean/dossiers/${code}/rating`, { token, body: { score: 'unsatisfied' } });
    expect(again.status).toBe(409);
  });

  it('refuses an action the status or the role does not allow, naming both and what is allowed', async () => {
    const { code } = (await submit()).body;
    const tooEarly = await act(await leader(), code, { action: 'decide', version: 1, resultUploadId: '6f1c2a52-3f7b-4c1e-9a55-2d1f4d5e6a7b' });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { status: { code: 1 }, action: 'decide', allowed: [] } });
    const notTheirs = await act(await citizen(), code, { action: 'accept', version: 1 });
    expect(notTheirs.status).toBe(409);
    expect(notTheirs.body.error.details.allowed).toEqual(['withdraw']);
  });

  it('lets one of two officials acting at once win, the other gets 409 VERSION_CONFLICT', async () => {
    const { code } = (await submit()).body;
    const [a, b] = await Promise.all([act(await clerk(), code, { action: 'accept', version: 1 }), act(await officerOf('nghean'), code, { action: 'refuse', version: 1, reason: 'Sai thẩm quyền' })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe('VERSION_CONFLICT');
    const read = await api('GET', `/v1/nghean/dossiers/${code}`, { token: await clerk() });
    expect(read.body.history).toHaveLength(2);
  });

  it('extends the due date once, with a reason, to a later date only', async () => {
    const { code } = (await submit()).body;
    const accepted = (await act(await clerk(), code, { action: 'accept', version: 1 })).body;
    const earlier = await act(await leader(), code, { action: 'extend', version: 2, newDueAt: '2020-01-01T08:00:00+07:00', reason: 'Cần xác minh' });
    expect(earlier.body.error.code).toBe('INVALID_DUE_DATE');
    const later = new Date(Date.parse(accepted.dueAt) + 3 * 86_400_000).toISOString();
    const extended = await act(await leader(), code, { action: 'extend', version: 2, newDueAt: later, reason: 'Cần xác minh thêm' });
    expect(extended.body).toMatchObject({ originalDueAt: accepted.dueAt, extension: { reason: 'Cần xác minh thêm' } });
    const twice = await act(await leader(), code, { action: 'extend', version: 3, newDueAt: later, reason: 'Lần hai' });
    expect(twice.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('lets the applicant withdraw, and nobody act after', async () => {
    const { code } = (await submit()).body;
    const withdrawn = await act(await citizen(), code, { action: 'withdraw', version: 1, reason: 'Nộp nhầm' });
    expect(withdrawn.body.status.code).toBe(7);
    expect((await act(await clerk(), code, { action: 'accept', version: 2 })).body.error.code).toBe('INVALID_TRANSITION');
  });
});

describe('reading dossiers', () => {
  it('shows a dossier to its applicant and the officials, and to nobody else', async () => {
    const { code } = (await submit()).body;
    expect((await api('GET', `/v1/nghean/dossiers/${code}`, { token: await officerOf('nghean') })).status).toBe(200);
    expect((await api('GET', `/v1/nghean/dossiers/${code}`, { token: await adminOf('nghean') })).status).toBe(200);
    const stranger = await api('GET', `/v1/nghean/dossiers/${code}`, { token: await newCitizen('nghean') });
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('DOSSIER_NOT_FOUND');
    const otherProvince = await api('GET', `/v1/nghean/dossiers/${code}`, { token: await signIn('hue', 'congdan@example.vn') });
    expect(otherProvince.status).toBe(403);
  });

  it('answers the public lookup with status and dates only, and only with the applicant\'s phone', async () => {
    const { code } = (await submit()).body;
    const found = await api('GET', `/v1/nghean/public/dossiers/${code}?phone=%2B84912345678`);
    expect(found.status).toBe(200);
    expect(Object.keys(found.body).sort()).toEqual(['code', 'procedure', 'status', 'submittedAt']);
    expect(JSON.stringify(found.body)).not.toMatch(/Hoa|040190001234|0912/);
    const wrongPhone = await api('GET', `/v1/nghean/public/dossiers/${code}?phone=0987654321`);
    expect(wrongPhone.status).toBe(404);
    const noSuch = await api('GET', `/v1/nghean/public/dossiers/${code.replace(/\d{4}$/, '9999')}?phone=0912345678`);
    expect(noSuch.status).toBe(404);
    expect(noSuch.body).toEqual(wrongPhone.body);
  });

  it('lists the unit\'s open dossiers soonest due first, and drops closed ones', async () => {
    const { code } = (await submit()).body;
    await act(await clerk(), code, { action: 'accept', version: 1 });
    const inbox = await api('GET', `/v1/nghean/dossiers?unit=${COMMUNE}&limit=100`, { token: await leader() });
    expect(inbox.status).toBe(200);
    const dues = inbox.body.items.filter((d: { dueAt?: string }) => d.dueAt).map((d: { dueAt: string }) => Date.parse(d.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(inbox.body.items.map((d: { code: string }) => d.code)).toContain(code);
    await act(await citizen(), code, { action: 'withdraw', version: 2 });
    const after = await api('GET', `/v1/nghean/dossiers?unit=${COMMUNE}&limit=100`, { token: await leader() });
    expect(after.body.items.map((d: { code: string }) => d.code)).not.toContain(code);
  });

  it('keeps officers and clerks to their own unit\'s inbox', async () => {
    const res = await api('GET', `/v1/nghean/dossiers?unit=${COMMUNE}`, { token: await officerOf('nghean') });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('OTHER_UNIT');
  });
});
