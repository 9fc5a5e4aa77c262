// The dossier forms through the real gateway, DynamoDB Local and s3rver: a citizen's accepted dossier gets its
// receipt (form 01) as a PDF whose text is read back with PDF.js; an extended one gets its apology (form 04).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { applicant, BIRTH, birthDocuments, birthForm } from './fixtures';
import { api, newCitizen, officerOf, signIn } from './support';

const ROOT = join(import.meta.dirname, '..', '..');
const citizen = () => signIn('nghean', 'congdan@example.vn');
const clerk = () => signIn('nghean', 'vanthu@nghean.gov.vn');
const leader = () => signIn('nghean', 'lanhdao@nghean.gov.vn');

async function submitted(): Promise<{ code: string }> {
  const token = await citizen();
  const documents = await birthDocuments(token);
  const res = await api('POST', '/v1/nghean/dossiers', { token, body: { procedureCode: BIRTH, applicant, form: birthForm, documents } });
  expect(res.status).toBe(201);
  return res.body;
}

async function accepted(): Promise<{ code: string; dueAt: string; version: number }> {
  const { code } = await submitted();
  const res = await api('POST', `/v1/nghean/dossiers/${code}/actions`, { token: await clerk(), body: { action: 'accept', version: 1 } });
  expect(res.status).toBe(200);
  return res.body;
}

const formOf = async (code: string, kind: 'receipt' | 'apology', token?: string) => api('GET', `/v1/nghean/dossiers/${code}/forms/${kind}`, { token: token ?? await citizen() });

async function download(url: string): Promise<Buffer> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  return Buffer.from(await res.arrayBuffer());
}

/** The text of a PDF as PDF.js (unpdf) extracts it, whitespace folded. unpdf is ESM only: it runs in a child. */
function pdfText(pdf: Uint8Array): string {
  const script = [
    "import { extractText, getDocumentProxy } from 'unpdf';",
    'const chunks = []; for await (const c of process.stdin) chunks.push(c);',
    'const doc = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));',
    'process.stdout.write((await extractText(doc, { mergePages: true })).text);',
  ].join('\n');
  const text = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, input: pdf, encoding: 'utf8' });
  return text.replace(/\s+/g, ' ');
}

/** "14 giờ 30 phút, ngày 25/11/2026", computed here independently of the service (Intl, Asia/Ho_Chi_Minh). */
function appointmentPhrase(iso: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.hour} giờ ${parts.minute} phút, ngày ${parts.day}/${parts.month}/${parts.year}`;
}

describe('the receipt and appointment slip (form 01)', () => {
  it('is a PDF of the accepted dossier, in Vietnamese, for its applicant', async () => {
    // Prepare
    const dossier = await accepted();
    // Act
    const res = await formOf(dossier.code, 'receipt');
    // Assess: the link
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ url: expect.any(String), expiresAt: expect.stringMatching(/\+07:00$/), fileName: `giay-tiep-nhan-hen-tra-ket-qua-${dossier.code}.pdf`, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const minutes = (Date.parse(res.body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(4);
    expect(minutes).toBeLessThanOrEqual(5);
    // Assess: the file and its text
    const pdf = await download(res.body.url);
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(res.body.sha256);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    const text = pdfText(pdf);
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      `Mã hồ sơ: ${dossier.code}`, 'Tiếp nhận hồ sơ của: Nguyễn Thị Hoa', 'Nội dung yêu cầu giải quyết: Đăng ký khai sinh',
      'Ủy ban nhân dân tỉnh Nghệ An', 'Tờ khai đăng ký khai sinh (theo mẫu)', 'giấy chứng sinh.pdf', 'Số lượng hồ sơ: 01 bộ, gồm 02 giấy tờ',
      `Thời gian trả kết quả giải quyết hồ sơ: ${appointmentPhrase(dossier.dueAt)}`,
    ]) expect(text).toContain(expected);
    expect(text).toMatch(/Nghệ An, ngày \d\d tháng \d{1,2} năm \d{4}/);
  });

  it('is made once per version of its content: a second request, and one after a later step, give the same file', async () => {
    const dossier = await accepted();
    const first = await formOf(dossier.code, 'receipt');
    const again = await formOf(dossier.code, 'receipt', await officerOf('nghean'));
    expect(again.status).toBe(200);
    expect(again.body.sha256).toBe(first.body.sha256);
    await api('POST', `/v1/nghean/dossiers/${dossier.code}/actions`, { token: await officerOf('nghean'), body: { action: 'start', version: 2 } });
    const later = await formOf(dossier.code, 'receipt');
    expect(later.body.sha256).toBe(first.body.sha256);
    expect((await download(later.body.url)).equals(await download(first.body.url))).toBe(true);
  });

  it('does not exist before the dossier is accepted (409 FORM_NOT_AVAILABLE)', async () => {
    const { code } = await submitted();
    const res = await formOf(code, 'receipt');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'FORM_NOT_AVAILABLE', details: { form: 'receipt', status: { code: 1 } } });
  });

  it('is the dossier\'s applicant\'s and the officials\', nobody else\'s', async () => {
    const { code } = await accepted();
    expect((await formOf(code, 'receipt', await officerOf('nghean'))).status).toBe(200);
    const stranger = await formOf(code, 'receipt', await newCitizen('nghean'));
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('DOSSIER_NOT_FOUND');
    const otherProvince = await formOf(code, 'receipt', await signIn('hue', 'congdan@example.vn'));
    expect(otherProvince.status).toBe(403);
    expect(otherProvince.body.error.code).toBe('TENANT_MISMATCH');
    const noSuch = await formOf(code.replace(/\d{4}$/, '9999'), 'receipt', await officerOf('nghean'));
    expect(noSuch.status).toBe(404);
  });
});

describe('the apology letter with a new date (form 04)', () => {
  it('exists only once the due date is extended, and gives the original date, the new one and the reason', async () => {
    // Prepare
    const dossier = await accepted();
    expect((await formOf(dossier.code, 'apology')).body.error.code).toBe('FORM_NOT_AVAILABLE');
    const receipt = await formOf(dossier.code, 'receipt');
    const newDueAt = new Date(Date.parse(dossier.dueAt) + 3 * 86_400_000).toISOString();
    const extended = await api('POST', `/v1/nghean/dossiers/${dossier.code}/actions`, {
      token: await leader(), body: { action: 'extend', version: 2, newDueAt, reason: 'Cần xác minh thêm nơi sinh với Bệnh viện Sản Nhi Nghệ An' },
    });
    expect(extended.status).toBe(200);
    // Act
    const res = await formOf(dossier.code, 'apology');
    // Assess
    expect(res.status).toBe(200);
    expect(res.body.fileName).toBe(`van-ban-xin-loi-hen-lai-ngay-tra-${dossier.code}.pdf`);
    const text = pdfText(await download(res.body.url));
    for (const expected of [
      'VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', 'Kính gửi: Ông/Bà Nguyễn Thị Hoa', 'Đăng ký khai sinh', dossier.code,
      `hẹn trả kết quả là ${appointmentPhrase(dossier.dueAt)}`, 'Lý do: Cần xác minh thêm nơi sinh với Bệnh viện Sản Nhi Nghệ An',
      `xin hẹn lại thời gian trả kết quả giải quyết hồ sơ vào ${appointmentPhrase(newDueAt)}`,
    ]) expect(text).toContain(expected);
    // The receipt still shows the appointment it gave: the same file as before the extension.
    expect((await formOf(dossier.code, 'receipt')).body.sha256).toBe(receipt.body.sha256);
  });
});
