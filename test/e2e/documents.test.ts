// Official documents in the console: a document is composed in the browser with its files, approved by the
// leader with the signed PDF, numbered and issued by the clerk, reaches another province through the exchange hub,
// is registered there, and the sender's trace shows the recipient's status. Its files download, byte for byte, on both
// sides.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { api, eventually, signIn, unique, uploadFile } from '../integration/support';
import { createCa, issueCertificate, minimalPdf, signPdf } from '../support/pki';
import { accounts, journey, launch, signInAs } from './browser';

const SENDER = 'danang';
const RECIPIENT = 'quangngai';
const RECIPIENT_ROOT = '000.00.00.H55'; // Ủy ban nhân dân tỉnh Quảng Ngãi
const SENDER_ROOT = '000.00.00.H17'; // Ủy ban nhân dân thành phố Đà Nẵng
const SENDER_OFFICE = '000.01.00.H17'; // its office, the demo clerk's unit

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const pdf = (name: string, bytes: Uint8Array) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(bytes) });
const ANNEX = 'phụ lục danh sách đơn vị.txt';
const ANNEX_BYTES = Buffer.from('Phụ lục: danh sách đơn vị phối hợp');

/**
 * Downloads the annex with its "Tải xuống: <tên tệp>" button: the API gives a 5-minute link that the bucket serves as
 * an attachment, so the browser saves it under its Vietnamese name, and the bytes are those uploaded.
 */
async function downloadsAnnex(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: `Tải xuống: ${ANNEX}` });
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe(ANNEX);
  expect(Buffer.from(await readFile(await download.path())).equals(ANNEX_BYTES)).toBe(true);
}

/**
 * Waits until `locator` shows, clicking the page's refresh button meanwhile: the hub delivers, and statuses come
 * back, asynchronously. In a box, older open documents come first: the next page is asked for while there is one.
 */
async function refreshUntilVisible(page: Page, locator: ReturnType<Page['locator']>): Promise<void> {
  const more = page.getByRole('button', { name: 'Xem thêm' });
  await eventually(async () => {
    if (await locator.isVisible()) return true;
    await ((await more.isVisible()) ? more : page.getByRole('button', { name: 'Làm mới' })).click();
    return undefined;
  }, 60_000);
}

describe('official documents', () => {
  it('sends a document to another province and its trace shows the recipient registered it', async () => {
    const { page, shot, context } = await journey(browser, 'documents-send-trace');
    const subject = `Kế hoạch chuyển đổi số liên tỉnh ${unique()}`;
    const ca = createCa('CA thử nghiệm e2e');
    const leaderCert = issueCertificate(ca, 'Lê Văn Lãnh Đạo', { organization: 'UBND thành phố Đà Nẵng' });

    // The clerk of the People's Committee's office composes the draft with its PDF and an annex.
    await signInAs(page, SENDER, accounts(SENDER).clerk);
    await page.goto(`/#/${SENDER}/console/documents/new`);
    await page.getByRole('heading', { name: 'Soạn dự thảo văn bản đi' }).waitFor();
    await page.getByLabel('Loại văn bản').selectOption({ label: 'Kế hoạch' });
    await page.getByLabel('Trích yếu').fill(subject);
    await page.getByLabel(/^Người ký/).fill('Lê Văn Lãnh Đạo');
    await page.getByLabel('Chức vụ người ký').fill('Chủ tịch');
    await page.getByLabel('Thẩm quyền ký').selectOption('TM.');
    await page.getByLabel('Thay mặt cho (sau TM.)').fill('ỦY BAN NHÂN DÂN');
    await page.getByLabel('Phường Hải Châu').check();
    await page.getByLabel('Mã định danh cơ quan nhận khác').fill(RECIPIENT_ROOT);
    await page.getByLabel('Tệp dự thảo (PDF)').setInputFiles(pdf('du-thao.pdf', minimalPdf('Du thao ke hoach')));
    await page.getByLabel('Phụ lục, tài liệu kèm theo').setInputFiles({ name: ANNEX, mimeType: 'text/plain', buffer: ANNEX_BYTES });
    await page.getByText('Đã tải lên').nth(1).waitFor();
    await shot('compose');
    await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await page.getByRole('heading', { name: 'Kế hoạch (Dự thảo)' }).waitFor();
    const documentUrl = page.url();
    await page.getByRole('cell', { name: ANNEX }).waitFor();
    await shot('draft');
    await downloadsAnnex(page);

    // The leader finds it in the People's Committee's outgoing box and approves it with the signed PDF.
    await signInAs(page, SENDER, accounts(SENDER).leader);
    await page.goto(`/#/${SENDER}/console/documents`);
    await page.getByRole('link', { name: subject }).click();
    await page.getByRole('button', { name: 'Duyệt và ký' }).click();
    const dialog = page.getByRole('dialog', { name: 'Duyệt văn bản' });
    await dialog.getByLabel('Bản PDF đã ký số').setInputFiles(pdf('ban-ky.pdf', signPdf(minimalPdf('Ke hoach da ky'), leaderCert, { signingTime: new Date() })));
    await dialog.getByText('Đã tải lên').waitFor();
    await dialog.getByRole('button', { name: 'Duyệt và ký' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã duyệt văn bản.' }).waitFor();
    // The signature is checked by the API: a CA the province has not listed as trusted is said so, in Vietnamese.
    await page.getByRole('row', { name: /Bản đã ký số/ }).getByText('Chứng thư không thuộc CA tin cậy').waitFor();
    await shot('approved');

    // The clerk numbers and issues it: the number of the People's Committee's register is shown.
    await signInAs(page, SENDER, accounts(SENDER).clerk);
    await page.goto(documentUrl);
    await page.getByRole('button', { name: 'Cấp số và phát hành' }).click();
    await page.getByRole('dialog', { name: 'Cấp số và phát hành' }).getByRole('button', { name: 'Xác nhận' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Đã phát hành văn bản số' });
    await notice.waitFor();
    const numberSymbol = /\S+$/.exec((await notice.textContent())?.trim() ?? '')?.[0] ?? '';
    expect(numberSymbol).toMatch(/^\d{2,}\/KH-UBND$/);
    await page.getByRole('heading', { name: `Kế hoạch ${numberSymbol}` }).waitFor();
    expect((await page.getByTestId('number-symbol').textContent())?.trim()).toBe(numberSymbol);
    // The commune of the same province has it at once; the other province's copy goes through the hub.
    await page.getByRole('row', { name: /Phường Hải Châu/ }).getByText('Đã đến').first().waitFor();
    await shot('issued');

    // The clerk of Quảng Ngãi's People's Committee office finds it in the incoming box and registers it.
    // Each province is its own site (its own domain in AWS): the browser loads it afresh.
    await page.goto('about:blank');
    await signInAs(page, RECIPIENT, accounts(RECIPIENT).clerk);
    await page.goto(`/#/${RECIPIENT}/console/documents/incoming`);
    await page.getByRole('heading', { name: 'Văn bản đến' }).waitFor();
    const arrived = page.getByRole('link', { name: subject });
    await refreshUntilVisible(page, arrived);
    await shot('incoming-box');
    await arrived.click();
    await page.getByRole('heading', { name: `Kế hoạch ${numberSymbol}` }).waitFor();
    await page.getByText('Ủy ban nhân dân thành phố Đà Nẵng').first().waitFor();
    await page.getByRole('row', { name: /ban-ky\.pdf/ }).getByText('Chứng thư không thuộc CA tin cậy').waitFor();
    await page.getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã vào sổ văn bản đến, số đến' }).waitFor();
    await page.getByTestId('arrival-number').waitFor();
    await shot('registered');
    // The copy that came through the hub is Quảng Ngãi's own: its clerk downloads its annex too.
    await downloadsAnnex(page);

    // Back in Đà Nẵng, the trace shows Quảng Ngãi registered it, with who and when.
    await page.goto('about:blank');
    await page.goto(documentUrl);
    await page.getByRole('heading', { name: `Kế hoạch ${numberSymbol}` }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(RECIPIENT_ROOT.replace(/\./g, '\\.')) });
    const registered = row.getByText('Đã tiếp nhận').first();
    await refreshUntilVisible(page, registered);
    await row.getByText('Trục liên thông').waitFor();
    await row.getByText('Nguyễn Thị Văn Thư', { exact: false }).waitFor();
    await shot('trace');
    await context.close();
  }, 180_000);

  it('assigns a registered document with a deadline, and the assigned unit sees the task overdue in red', async () => {
    // A document of Đà Nẵng's People's Committee to itself, issued through the API: the journey is the desk's.
    const clerkToken = await signIn(SENDER, accounts(SENDER).clerk);
    const leaderToken = await signIn(SENDER, accounts(SENDER).leader);
    const subject = `Công văn giao nhiệm vụ ${unique()}`;
    const ca = createCa('CA thử nghiệm e2e nhiệm vụ');
    const signed = signPdf(minimalPdf('Cong van da ky'), issueCertificate(ca, 'Lê Văn Lãnh Đạo'), { signingTime: new Date() });
    const created = await api('POST', `/v1/${SENDER}/documents`, {
      token: clerkToken,
      body: {
        type: 'cong-van', subject, draftingUnit: SENDER_OFFICE, signer: { name: 'Lê Văn Lãnh Đạo', position: 'Chủ tịch' },
        recipients: [{ agency: SENDER_ROOT }], mainUploadId: await uploadFile(SENDER, clerkToken, 'du-thao.pdf', 'application/pdf', minimalPdf('Du thao')),
      },
    });
    expect(created.status).toBe(201);
    const approved = await api('POST', `/v1/${SENDER}/documents/${created.body.id}/approve`, {
      token: leaderToken, body: { version: created.body.version, signedUploadId: await uploadFile(SENDER, leaderToken, 'ban-ky.pdf', 'application/pdf', signed) },
    });
    expect(approved.status).toBe(200);
    const issued = await api('POST', `/v1/${SENDER}/documents/${created.body.id}/issue`, { token: clerkToken, body: { version: approved.body.version } });
    expect(issued.status).toBe(200);

    const { page, shot, context } = await journey(browser, 'documents-assign-tasks');
    await signInAs(page, SENDER, accounts(SENDER).clerk);
    await page.goto(`/#/${SENDER}/console/documents/incoming`);
    await page.getByRole('heading', { name: 'Văn bản đến' }).waitFor();
    await refreshUntilVisible(page, page.getByRole('link', { name: subject }));
    await page.getByRole('link', { name: subject }).click();
    await page.getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã vào sổ văn bản đến, số đến' }).waitFor();
    await page.getByRole('button', { name: 'Phân công xử lý' }).click();
    const dialog = page.getByRole('dialog', { name: 'Phân công xử lý' });
    await dialog.getByLabel('Giao cho đơn vị').selectOption({ label: 'Sở Tư pháp' });
    await dialog.getByLabel('Hạn xử lý').fill('2020-01-10'); // long past: the task is overdue whatever today is
    await dialog.getByLabel('Ghi chú').fill('Đề nghị Sở Tư pháp chủ trì');
    await shot('assign');
    await dialog.getByRole('button', { name: 'Phân công xử lý' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã phân công xử lý.' }).waitFor();
    await page.getByText('Hạn xử lý: 10/01/2020').waitFor();
    await shot('assigned');

    // The officer of Sở Tư pháp sees it among the unit's tasks, overdue, and may start it.
    await signInAs(page, SENDER, accounts(SENDER).officer);
    await page.goto(`/#/${SENDER}/console/documents/tasks`);
    const row = page.getByRole('row', { name: new RegExp(subject) });
    await row.getByText('Quá hạn').waitFor();
    expect(await row.getAttribute('class')).toContain('overdue');
    await row.getByText('10/01/2020').waitFor();
    await shot('tasks-overdue');
    await row.getByRole('link', { name: subject }).click();
    await page.getByRole('button', { name: 'Bắt đầu xử lý' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã chuyển sang đang xử lý.' }).waitFor();
    await shot('started');
    await context.close();
  }, 120_000);
});
