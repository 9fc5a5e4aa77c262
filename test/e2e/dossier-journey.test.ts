// The main journey, in the browser from end to end: a citizen applies on a phone for a judicial record
// certificate (Cấp Phiếu lý lịch tư pháp) with a file; an officer of the Department of Justice (canbo@, the unit
// that handles it) accepts it at a desk, processes it, decides with the result file and returns it; the citizen
// downloads the receipt once accepted, then sees the result, every step with its date, and rates the service once.
import type { Browser, Page } from 'playwright-core';
import { applicant } from '../integration/fixtures';
import { pdfBytes, unique } from '../integration/support';
import { accounts, DESKTOP, journey, launch, PHONE, signInAs } from './browser';

const TENANT = 'nghean';
const LLTP = '3.000333.000.00.00.H41';
const CODE = /^000\.02\.00\.H41-\d{6}-\d{4}$/;

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const pdf = (name: string, text: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(pdfBytes(text)) });
const within = (page: Page, group: string) => page.getByRole('group', { name: group });
/** A labelled control by its exact label, whether or not it is marked required. */
const field = (scope: Page | ReturnType<Page['getByRole']>, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?( \\(bắt buộc\\))?$`));

/** The officer takes one action from the dossier's page and waits for the page to say it was done. */
async function officerActs(page: Page, action: string, status: string, fill?: () => Promise<void>) {
  await page.getByRole('group', { name: 'Xử lý hồ sơ' }).getByRole('button', { name: action, exact: true }).click();
  if (fill) await fill();
  await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
  await page.getByRole('status').filter({ hasText: `Đã thực hiện: ${action}. Trạng thái hồ sơ: ${status}.` }).waitFor();
}

describe('a dossier from the citizen\'s phone to the official\'s desk and back', () => {
  it('is submitted with a file, accepted, decided and returned, and the citizen sees the result and rates it', async () => {
    const purpose = `Bổ sung hồ sơ xin việc ${unique()}`;

    // The citizen applies on a phone.
    const citizen = await journey(browser, 'journey-citizen', PHONE);
    let page = citizen.page;
    await signInAs(page, TENANT, accounts(TENANT).citizen);
    await page.goto(`/#/${TENANT}/procedures`);
    await page.getByLabel('Tìm thủ tục').fill('ly lich tu phap');
    await page.getByRole('link', { name: /Cấp Phiếu lý lịch tư pháp/ }).click();
    await page.getByText('200.000 ₫').waitFor();
    expect(page.url()).toContain(`/procedures/${LLTP}`);
    await citizen.shot('procedure');
    await page.getByRole('link', { name: 'Nộp hồ sơ' }).click();
    const who = within(page, 'Người nộp hồ sơ');
    await field(who, 'Họ và tên').fill(applicant.fullName);
    await field(who, 'Số CCCD').fill(applicant.idNumber);
    await field(who, 'Số điện thoại').fill(applicant.phone);
    await field(who, 'Địa chỉ').fill(applicant.address);
    const form = within(page, 'Nội dung tờ khai');
    await field(form, 'Họ và tên').fill(applicant.fullName);
    await field(form, 'Số CCCD').fill(applicant.idNumber);
    await field(form, 'Ngày sinh').fill('1990-01-15');
    await field(form, 'Giới tính').selectOption('Nữ');
    await field(form, 'Loại Phiếu').selectOption('Phiếu số 1');
    await field(form, 'Số lượng Phiếu').fill('1');
    await field(form, 'Mục đích sử dụng').fill(purpose);
    await field(form, 'Số điện thoại liên hệ').fill('0912345678');
    await citizen.shot('details');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await field(page, 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (theo mẫu) (bắt buộc)').setInputFiles(pdf('to-khai-lltp.pdf', 'to khai lltp'));
    await page.getByText('✓ Đã tải lên').waitFor();
    await citizen.shot('files');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.getByText(purpose).waitFor();
    await citizen.shot('review');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.getByRole('heading', { name: 'Đã nộp hồ sơ' }).waitFor();
    const code = (await page.getByTestId('dossier-code').textContent())!.trim();
    expect(code).toMatch(CODE);
    await citizen.shot('receipt');

    // The officer finds it in the unit's inbox and accepts it.
    const official = await journey(browser, 'journey-official', DESKTOP);
    const desk = official.page;
    await signInAs(desk, TENANT, accounts(TENANT).officer);
    await desk.goto(`/#/${TENANT}/console/dossiers`);
    await desk.getByRole('heading', { name: 'Hồ sơ cần xử lý' }).waitFor();
    await desk.getByLabel('Trạng thái').selectOption({ label: 'Mới đăng ký' });
    await desk.getByRole('link', { name: code }).click();
    await desk.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
    await desk.getByText(purpose).waitFor();
    await desk.getByText('to-khai-lltp.pdf').waitFor();
    await official.shot('new-dossier');
    await officerActs(desk, 'Tiếp nhận', 'Được tiếp nhận');
    await official.shot('accepted');

    // Accepted: the citizen's page now has a due date and the receipt PDF (form 01).
    await page.goto(`/#/${TENANT}/my/${code}`);
    await page.getByText('Được tiếp nhận').first().waitFor();
    await page.getByRole('list', { name: 'Quá trình xử lý' }).getByText('Tiếp nhận hồ sơ').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải biên nhận (PDF)' }).click()]);
    expect(download.suggestedFilename()).toBe(`giay-tiep-nhan-hen-tra-ket-qua-${code}.pdf`);
    await citizen.shot('accepted-with-receipt');

    // The officer processes it, decides with the result file, and returns it.
    await officerActs(desk, 'Bắt đầu xử lý', 'Đang xử lý');
    await officerActs(desk, 'Ra kết quả', 'Đã xử lý xong', async () => {
      await desk.getByLabel(/^Tệp kết quả/).setInputFiles(pdf('phieu-lltp.pdf', 'phieu ly lich tu phap'));
      await desk.getByText('✓ Đã tải lên').waitFor();
      await desk.getByLabel(/^Tóm tắt kết quả/).fill('Cấp 01 Phiếu lý lịch tư pháp số 1');
    });
    await official.shot('decided');
    await officerActs(desk, 'Trả kết quả', 'Đã trả kết quả');
    await official.shot('returned');
    await official.context.close();

    // The citizen sees the result with every step dated, and rates the service, once.
    page = citizen.page;
    await page.goto(`/#/${TENANT}/my`);
    await page.getByRole('link', { name: new RegExp(code.replace(/\./g, '\\.')) }).getByText('Đã trả kết quả').waitFor();
    await citizen.shot('my-dossiers');
    await page.getByRole('link', { name: new RegExp(code.replace(/\./g, '\\.')) }).click();
    await page.getByRole('heading', { name: 'Kết quả giải quyết' }).waitFor();
    await page.getByText('phieu-lltp.pdf').waitFor();
    await page.getByText('Cấp 01 Phiếu lý lịch tư pháp số 1').waitFor();
    const [result] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải kết quả' }).click()]);
    expect(result.suggestedFilename()).toBe('phieu-lltp.pdf');
    const steps = page.getByRole('list', { name: 'Quá trình xử lý' }).getByRole('listitem');
    expect(await steps.count()).toBe(5);
    expect(await steps.allTextContents()).toEqual([
      expect.stringContaining('Trả kết quả'), expect.stringContaining('Có kết quả giải quyết'), expect.stringContaining('Bắt đầu xử lý'),
      expect.stringContaining('Tiếp nhận hồ sơ'), expect.stringContaining('Nộp hồ sơ'),
    ]);
    for (const text of await steps.allTextContents()) expect(text).toMatch(/\d\d:\d\d \d\d\/\d\d\/\d{4}/);
    await citizen.shot('result');

    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByText('Hãy chọn mức độ hài lòng.').waitFor();
    await page.getByLabel('Rất hài lòng').check();
    await page.getByLabel('Góp ý (không bắt buộc)').fill('Nhanh, đúng hẹn');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByRole('status').filter({ hasText: 'Cảm ơn bạn đã đánh giá.' }).waitFor();
    await page.getByText('Bạn đã đánh giá:').waitFor();
    expect(await page.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);
    await citizen.shot('rated');
    await citizen.context.close();
  }, 120_000);
});
