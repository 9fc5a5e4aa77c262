// The citizens' portal on a phone: finding a procedure as people type it (without diacritics), reading what it
// needs, applying with files and getting the code, being told in Vietnamese what is missing without losing what
// was typed, looking a dossier up by code and phone, and registering up to the confirmation code.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { applicant, BIRTH, birthDocuments, birthForm } from '../integration/fixtures';
import { api, DEMO_PASSWORD, officerOf, pdfBytes, signIn, tenantOf, unique } from '../integration/support';
import { accounts, journey, launch, PHONE, signInAs } from './browser';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const DOSSIER_CODE = /^000\.00\.31\.H41-\d{6}-\d{4}$/;

/** A labelled control by its exact label, whether or not it is marked required (" (bắt buộc)" for screen readers). */
export const field = (page: Page, label: string) =>
  page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?( \\(bắt buộc\\))?$`));

/** Step 1 of the birth registration (Đăng ký khai sinh), every field but those in `skip`. */
export async function fillBirthDetails(page: Page, skip: string[] = []) {
  const values: [string, string][] = [
    ['Họ và tên', applicant.fullName], ['Số CCCD', applicant.idNumber], ['Số điện thoại', applicant.phone], ['Địa chỉ', applicant.address],
    ['Họ, chữ đệm và tên của trẻ', birthForm.hoTenTre], ['Ngày sinh', birthForm.ngaySinh], ['Nơi sinh', birthForm.noiSinh],
    ['Họ và tên mẹ', birthForm.hoTenMe], ['Số CCCD của mẹ', birthForm.cccdMe], ['Số điện thoại liên hệ', birthForm.soDienThoai],
  ];
  for (const [label, value] of values) if (!skip.includes(label)) await field(page, label).fill(value);
  if (!skip.includes('Giới tính')) await field(page, 'Giới tính').selectOption(birthForm.gioiTinh);
  if (!skip.includes('Quan hệ của người đi đăng ký với trẻ')) await field(page, 'Quan hệ của người đi đăng ký với trẻ').selectOption(birthForm.quanHe);
}

/** From a signed-in citizen's page: applies for a birth registration with two PDFs; returns the dossier code. */
export async function applyForBirth(page: Page, shot: (name: string) => Promise<void>, options: { loseConnection?: () => Promise<void>; regain?: () => Promise<void> } = {}): Promise<string> {
  await page.goto(`/#/nghean/procedures/${BIRTH}`);
  await page.getByRole('link', { name: 'Nộp hồ sơ' }).click();
  await page.getByRole('heading', { name: 'Bước 1/3: Thông tin' }).waitFor();
  await field(page, 'Họ và tên').fill('');
  await fillBirthDetails(page);
  await shot('submit-details');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { name: 'Bước 2/3: Giấy tờ' }).waitFor();
  await field(page, 'Tờ khai đăng ký khai sinh (theo mẫu)').setInputFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdfBytes('to khai')) });
  await field(page, 'Giấy chứng sinh hoặc giấy tờ thay thế giấy chứng sinh').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdfBytes('chung sinh')) });
  await page.getByText('✓ Đã tải lên').nth(1).waitFor();
  await shot('submit-files');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { name: 'Bước 3/3: Kiểm tra và nộp' }).waitFor();
  await page.getByText('giay-chung-sinh.pdf').waitFor();
  await shot('submit-review');
  if (options.loseConnection && options.regain) {
    // Sending without a network: the page says so and keeps everything; sent again, it goes through once.
    await options.loseConnection();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.getByRole('alert').filter({ hasText: 'Mất kết nối mạng.' }).waitFor();
    await page.getByText('giay-chung-sinh.pdf').waitFor();
    await shot('submit-offline');
    await options.regain();
  }
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await page.getByRole('heading', { name: 'Đã nộp hồ sơ' }).waitFor();
  const code = (await page.getByTestId('dossier-code').textContent())!.trim();
  expect(code).toMatch(DOSSIER_CODE);
  await shot('receipt');
  return code;
}

describe('the citizens\' portal', () => {
  it('finds a procedure typed without diacritics and shows what it needs, what it costs and how long it takes', async () => {
    const { page, shot, context } = await journey(browser, 'citizen-procedures', PHONE);
    await page.goto('/#/nghean');
    await page.getByRole('heading', { name: 'Dịch vụ công trực tuyến' }).waitFor();
    await page.getByLabel('Tìm thủ tục').fill('giay phep xuat ban');
    await page.getByRole('link', { name: /Cấp giấy phép xuất bản tài liệu không kinh doanh/ }).waitFor();
    await shot('search-giay-phep');

    await page.getByLabel('Tìm thủ tục').fill('thanh lap ho kinh doanh');
    await page.getByRole('link', { name: /Đăng ký thành lập hộ kinh doanh/ }).click();
    await page.getByRole('heading', { name: 'Đăng ký thành lập hộ kinh doanh', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Thành phần hồ sơ' }).waitFor();
    expect(await page.getByRole('list', { name: 'Thành phần hồ sơ' }).getByRole('listitem').count()).toBeGreaterThan(0);
    await page.getByText('100.000 ₫').waitFor();
    await page.getByText('3 ngày làm việc').waitFor();
    await page.getByText('Toàn trình (trực tuyến toàn trình)').waitFor();
    await page.getByRole('link', { name: 'Nộp hồ sơ' }).waitFor();
    await shot('procedure');
    await context.close();
  });

  it('lets a citizen apply with files, gives the code and the receipt, and lists the dossier with its history', async () => {
    const { page, shot, context } = await journey(browser, 'citizen-submit', PHONE);
    await signInAs(page, 'nghean', accounts('nghean').citizen);
    const code = await applyForBirth(page, shot, { loseConnection: () => context.setOffline(true), regain: () => context.setOffline(false) });
    await page.getByText('Mới đăng ký').waitFor();
    // The receipt PDF (form 01) exists once the office accepts the dossier: until then the API says so.
    await page.getByRole('button', { name: 'Tải biên nhận (PDF)' }).click();
    await page.getByRole('status').filter({ hasText: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả chỉ có khi hồ sơ đã được tiếp nhận.' }).waitFor();
    await shot('receipt-not-yet');

    await page.getByRole('link', { name: 'Theo dõi hồ sơ' }).click();
    await page.getByRole('list', { name: 'Quá trình xử lý' }).getByText('Nộp hồ sơ').waitFor();
    await shot('dossier');
    await page.getByRole('navigation').getByRole('link', { name: 'Hồ sơ của tôi' }).click();
    await page.getByRole('link', { name: new RegExp(code.replace(/\./g, '\\.')) }).waitFor();
    await shot('my-dossiers');
    await context.close();
  }, 90_000);

  it('says in Vietnamese which required field is missing, keeps the rest, and keeps it across a reload', async () => {
    const { page, shot, context } = await journey(browser, 'citizen-missing-field', PHONE);
    await page.goto(`/#/nghean/submit/${BIRTH}`);
    await page.waitForURL(/sign-in\?next=/);
    await page.getByLabel('Email').fill(accounts('nghean').citizen);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Bước 1/3: Thông tin' }).waitFor();
    await fillBirthDetails(page, ['Nơi sinh']);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    const birthplace = field(page, 'Nơi sinh');
    await expect(birthplace.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.locator('.field-invalid').getByText('Vui lòng nhập thông tin này.').waitFor();
    expect(await page.locator('.field-invalid').count()).toBe(1);
    expect(await field(page, 'Họ, chữ đệm và tên của trẻ').inputValue()).toBe(birthForm.hoTenTre);
    expect(await field(page, 'Số CCCD của mẹ').inputValue()).toBe(birthForm.cccdMe);
    await shot('missing-birthplace');

    await page.reload();
    await page.getByRole('heading', { name: 'Bước 1/3: Thông tin' }).waitFor();
    expect(await field(page, 'Họ, chữ đệm và tên của trẻ').inputValue()).toBe(birthForm.hoTenTre);
    await field(page, 'Nơi sinh').fill(birthForm.noiSinh);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByRole('heading', { name: 'Bước 2/3: Giấy tờ' }).waitFor();
    await shot('next-step');
    await context.close();
  }, 60_000);

  it('looks a dossier up by code and phone without signing in, and answers a wrong phone with "not found"', async () => {
    const token = await signIn('nghean', accounts('nghean').citizen);
    const submitted = await api('POST', '/v1/nghean/dossiers', { token, body: { procedureCode: BIRTH, applicant, form: birthForm, documents: await birthDocuments(token) } });
    expect(submitted.status).toBe(201);
    const code = submitted.body.code as string;

    const { page, shot, context } = await journey(browser, 'citizen-lookup', PHONE);
    await page.goto('/#/nghean/lookup');
    await page.getByLabel(/^Mã hồ sơ/).fill(code);
    await page.getByLabel(/^Số điện thoại/).fill('0987 654 321');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('alert').filter({ hasText: 'Không tìm thấy hồ sơ.' }).waitFor();
    await shot('wrong-phone');
    await page.getByLabel(/^Số điện thoại/).fill(applicant.phone);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByRole('heading', { name: code }).waitFor();
    await page.getByText('Mới đăng ký').waitFor();
    await page.getByText('Đăng ký khai sinh').waitFor();
    await shot('found');
    await context.close();
  });

  it('asks the citizen for the documents the office requested, and takes them from the dossier page', async () => {
    const token = await signIn('nghean', accounts('nghean').citizen);
    const submitted = await api('POST', '/v1/nghean/dossiers', { token, body: { procedureCode: BIRTH, applicant, form: birthForm, documents: await birthDocuments(token) } });
    const code = submitted.body.code as string;
    const clerk = await signIn('nghean', accounts('nghean').clerk);
    const officer = await officerOf('nghean');
    const steps: [string, Record<string, unknown>][] = [
      [clerk, { action: 'accept', version: 1 }], [officer, { action: 'start', version: 2 }],
      [officer, { action: 'request-supplement', version: 3, missing: ['Giấy chứng sinh bản rõ nét'] }],
    ];
    for (const [who, body] of steps) expect((await api('POST', `/v1/nghean/dossiers/${code}/actions`, { token: who, body })).status).toBe(200);

    const { page, shot, context } = await journey(browser, 'citizen-supplement', PHONE);
    await signInAs(page, 'nghean', accounts('nghean').citizen);
    await page.goto(`/#/nghean/my/${code}`);
    await page.getByRole('heading', { name: 'Bổ sung giấy tờ', exact: true }).waitFor();
    await page.getByText('Giấy chứng sinh bản rõ nét').first().waitFor();
    await shot('asked');
    await page.getByRole('button', { name: 'Gửi giấy tờ bổ sung' }).click();
    await page.getByText('Hãy tải lên giấy tờ này.').waitFor();
    await field(page, 'Giấy chứng sinh hoặc giấy tờ thay thế giấy chứng sinh').setInputFiles({ name: 'giay-chung-sinh-ro.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdfBytes('ro net')) });
    await page.getByText('✓ Đã tải lên').waitFor();
    await page.getByRole('button', { name: 'Gửi giấy tờ bổ sung' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã gửi giấy tờ bổ sung.' }).waitFor();
    await page.getByText('Đang xử lý').first().waitFor();
    await page.getByRole('list', { name: 'Quá trình xử lý' }).getByText('Bổ sung giấy tờ', { exact: true }).waitFor();
    expect(await page.getByRole('heading', { name: 'Bổ sung giấy tờ', exact: true }).count()).toBe(0);
    await shot('supplied');
    await context.close();
  }, 60_000);

  it('registers a citizen up to the confirmation code, confirms it and signs in', async () => {
    const email = `dangky.${unique()}@example.vn`;
    const { page, shot, context } = await journey(browser, 'citizen-register', PHONE);
    await page.goto('/#/nghean/register');
    await field(page, 'Họ và tên').fill('Trần Văn Bình');
    await field(page, 'Email').fill(email);
    await field(page, 'Mật khẩu').fill('short');
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await page.getByText('Mật khẩu cần ít nhất 8 ký tự', { exact: false }).waitFor();
    await shot('weak-password');
    await field(page, 'Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await page.getByRole('heading', { name: 'Nhập mã xác nhận' }).waitFor();
    await page.getByText(email).waitFor();
    await shot('code-step');

    await field(page, 'Mã xác nhận').fill(confirmationCode(email));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText('Tài khoản đã được xác nhận.', { exact: false }).waitFor();
    await shot('confirmed');
    await page.getByRole('link', { name: 'Tiếp tục' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Thủ tục hành chính' }).waitFor();
    // The new account is a citizen's: the menu offers "my dossiers".
    await page.getByRole('navigation').getByRole('link', { name: 'Hồ sơ của tôi' }).waitFor();
    await shot('signed-in');
    await context.close();
  }, 60_000);
});

/**
 * The code cognito-local "sent": it keeps it with the user in its pool file, under the suite's data folder
 * (beside the suite file). A real pool e-mails it; the page is the same.
 */
function confirmationCode(email: string): string {
  const file = join(dirname(process.env.SUITE_FILE!), 'cognito', '.cognito', 'db', `${tenantOf('nghean').auth.userPoolId}.json`);
  const pool = JSON.parse(readFileSync(file, 'utf8')) as { Users: Record<string, { ConfirmationCode?: string; Attributes?: { Name: string; Value: string }[] }> };
  const user = Object.values(pool.Users).find((u) => u.Attributes?.some((a) => a.Name === 'email' && a.Value === email));
  if (!user?.ConfirmationCode) throw new Error(`no confirmation code for ${email} in ${file}`);
  return user.ConfirmationCode;
}
