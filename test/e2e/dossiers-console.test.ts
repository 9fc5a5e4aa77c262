// The officials' dossier pages: an officer of the Department of Justice (canbo@, unit 000.02.00.H41, which handles
// the judicial record certificate) finds the unit's dossiers soonest due first with the overdue one marked, opens a
// new one, sees only what the state machine allows them, accepts it, asks for more documents with a reason, and reads
// each step in the history; an action that lost a race with a colleague says so and shows the latest state; and
// downloads what the applicant submitted, byte for byte.
import { readFile } from 'node:fs/promises';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Browser, Page } from 'playwright-core';
import type { Caller } from '#shared/auth';
import { mailOutboxTable } from '#shared/outbox';
import { uploadsTable } from '#shared/uploads';
import { dossierDeps } from '#functions/dossiers/deps';
import * as service from '#functions/dossiers/service';
import { applicant } from '../integration/fixtures';
import { api, officerOf, pdfBytes, signIn, suiteInfo, unique, uploadFile } from '../integration/support';
import { accounts, journey, launch, PHONE, signInAs } from './browser';

const TENANT = 'nghean';
/** Cấp Phiếu lý lịch tư pháp: handled by Sở Tư pháp (000.02.00.H41), the demo officer's unit; 10 working days. */
const LLTP = '3.000333.000.00.00.H41';
const OFFICER_UNIT = '000.02.00.H41';
const DAY = 86_400_000;
const TO_KHAI = 'tờ khai lý lịch tư pháp.pdf';
/** What the citizen uploads as the form of every dossier here: the download must give back exactly these bytes. */
const TO_KHAI_BYTES = pdfBytes('to khai lltp');

const citizen = () => signIn(TENANT, accounts(TENANT).citizen);
const leader = () => signIn(TENANT, accounts(TENANT).leader);

async function submit(name: string): Promise<string> {
  const token = await citizen();
  const toKhai = await uploadFile(TENANT, token, TO_KHAI, 'application/pdf', TO_KHAI_BYTES);
  const res = await api('POST', `/v1/${TENANT}/dossiers`, {
    token,
    body: {
      procedureCode: LLTP, applicant: { ...applicant, fullName: name },
      form: { hoTen: name, cccd: '040190001234', ngaySinh: '1990-01-15', gioiTinh: 'Nữ', loaiPhieu: 'Phiếu số 1', soLuongPhieu: 1, mucDich: 'Bổ sung hồ sơ xin việc', soDienThoai: '0912345678' },
      documents: [{ requirementId: 'to-khai', uploadId: toKhai }],
    },
  });
  if (res.status !== 201) throw new Error(`submit failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.code;
}

const act = async (token: string, code: string, body: Record<string, unknown>) => {
  const res = await api('POST', `/v1/${TENANT}/dossiers/${code}/actions`, { token, body });
  if (res.status !== 200) throw new Error(`${String(body.action)} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/**
 * Accepts a dossier as the officer did 30 days ago: the dossiers service itself, in this process, with its clock set
 * back, writing to the suite's tables. The API has no way to make time pass, and an overdue dossier is what the
 * inbox must show apart.
 */
async function acceptLongAgo(code: string): Promise<void> {
  const info = suiteInfo();
  // The service finds the tenant's name in TENANTS (for its notification mail), as in its function.
  process.env.TENANTS ??= JSON.stringify(info.tenants);
  const local = { region: 'ap-southeast-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } };
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: info.endpoints.dynamodb, ...local }), { marshallOptions: { removeUndefinedValues: true } });
  const { deps } = dossierDeps({
    db, s3: new S3Client({ endpoint: info.endpoints.s3, forcePathStyle: true, ...local }), table: `${TENANT}-dossiers`,
    uploadsTable: `${TENANT}-${uploadsTable.name}`, outboxTable: `${TENANT}-${mailOutboxTable.name}`, bucket: `tinhso-${TENANT}`,
    clock: () => new Date(Date.now() - 30 * DAY),
  });
  const claims = JSON.parse(Buffer.from((await officerOf(TENANT)).split('.')[1]!, 'base64url').toString('utf8')) as { sub: string; name?: string };
  const officer: Caller = { id: claims.sub, name: claims.name, email: accounts(TENANT).officer, tenant: TENANT, unit: OFFICER_UNIT, roles: ['officer'] };
  await service.act(deps, TENANT, officer, code, { action: 'accept', version: 1 });
  db.destroy();
}

/** The inbox row of a dossier, loading further pages ("Xem thêm") until it is there. */
async function rowOf(page: Page, code: string) {
  const row = page.locator(`tr[data-code="${code}"]`);
  await page.locator('tbody tr').first().waitFor();
  for (;;) {
    if (await row.count()) return row;
    const shown = await page.locator('tbody tr').count();
    await page.getByRole('button', { name: 'Xem thêm' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('tbody tr').length > n, shown);
  }
}

const actionButtons = (page: Page) => page.getByRole('group', { name: 'Xử lý hồ sơ' }).getByRole('button');

let browser: Browser;
const run = unique();
const names = { fresh: `Nguyễn Thị Mới ${run}`, accepted: `Trần Văn Tiếp ${run}`, overdue: `Lê Thị Quá Hạn ${run}` };
const codes = { fresh: '', accepted: '', overdue: '' };

beforeAll(async () => {
  browser = await launch();
  codes.overdue = await submit(names.overdue);
  await acceptLongAgo(codes.overdue);
  codes.accepted = await submit(names.accepted);
  await act(await officerOf(TENANT), codes.accepted, { action: 'accept', version: 1 });
  codes.fresh = await submit(names.fresh);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  // The unit's inbox is shared by every run: this run's dossiers leave it (the leader stops an accepted one, the
  // officer refuses one never accepted).
  const reason = 'Kết thúc kiểm thử tự động';
  for (const code of Object.values(codes).filter(Boolean)) {
    const current = (await api('GET', `/v1/${TENANT}/dossiers/${code}`, { token: await leader() })).body;
    if (current?.allowedActions?.includes('stop')) await act(await leader(), code, { action: 'stop', version: current.version, reason });
    else if (current?.status?.code === 1) await act(await officerOf(TENANT), code, { action: 'refuse', version: current.version, reason });
  }
}, 60_000);

describe('the officials\' dossier pages', () => {
  it('list the unit\'s dossiers soonest due first, the overdue one in words as well as red', async () => {
    const { page, shot, context } = await journey(browser, 'dossiers-inbox');
    await signInAs(page, TENANT, accounts(TENANT).officer);
    await page.goto(`/#/${TENANT}/console/dossiers`);
    await page.getByRole('heading', { name: 'Hồ sơ cần xử lý' }).waitFor();
    const overdue = await rowOf(page, codes.overdue);
    const accepted = await rowOf(page, codes.accepted);
    const fresh = await rowOf(page, codes.fresh);

    // The overdue one: class and badge; the others carry neither.
    expect(await overdue.getAttribute('class')).toContain('overdue');
    await overdue.getByText('Quá hạn', { exact: true }).waitFor();
    expect(await accepted.getAttribute('class')).toBeNull();
    expect(await fresh.getByText('Quá hạn', { exact: true }).count()).toBe(0);
    await fresh.getByText('Chưa có hạn').waitFor();
    await overdue.getByText(names.overdue).waitFor();
    await overdue.getByText('Được tiếp nhận').waitFor();

    // Soonest due first: overdue, then due in ten working days, then not yet accepted (no due date).
    const order = await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
    expect(order.indexOf(codes.overdue)).toBeLessThan(order.indexOf(codes.accepted));
    expect(order.indexOf(codes.accepted)).toBeLessThan(order.indexOf(codes.fresh));
    const dues = await page.locator('tbody tr td:nth-child(5)').evaluateAll((cells) => cells.map((c) => /(\d\d)\/(\d\d)\/(\d{4})/.exec(c.textContent ?? '')).map((m) => (m ? `${m[3]}${m[2]}${m[1]}` : '99999999')));
    expect(dues).toEqual([...dues].sort());
    await shot('inbox');

    // Filtering by status: only the new ones.
    await page.getByLabel('Trạng thái').selectOption({ label: 'Mới đăng ký' });
    await (await rowOf(page, codes.fresh)).waitFor();
    expect(await page.locator(`tr[data-code="${codes.accepted}"]`).count()).toBe(0);
    await shot('filtered');
    await context.close();
  });

  it('let an officer accept a new dossier, then ask for more documents with a reason, each step in the history', async () => {
    const { page, shot, context } = await journey(browser, 'dossiers-act');
    await signInAs(page, TENANT, accounts(TENANT).officer);
    await page.goto(`/#/${TENANT}/console/dossiers`);
    await (await rowOf(page, codes.fresh)).getByRole('link', { name: codes.fresh }).click();
    await page.getByRole('heading', { name: `Hồ sơ ${codes.fresh}` }).waitFor();
    await page.getByText('Cấp Phiếu lý lịch tư pháp', { exact: false }).first().waitFor();
    await page.getByText('tờ khai lý lịch tư pháp.pdf').waitFor();
    await page.getByText('Bổ sung hồ sơ xin việc').waitFor();
    // A new dossier: the officer may accept or refuse it, nothing else.
    expect(await actionButtons(page).allTextContents()).toEqual(['Tiếp nhận', 'Từ chối tiếp nhận']);
    await shot('new-dossier');

    await actionButtons(page).getByText('Tiếp nhận', { exact: true }).click();
    await page.getByText(`Bạn sắp thực hiện: Tiếp nhận đối với hồ sơ ${codes.fresh}.`, { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thực hiện: Tiếp nhận. Trạng thái hồ sơ: Được tiếp nhận.' }).waitFor();
    await page.getByRole('button', { name: 'Bắt đầu xử lý' }).waitFor();
    expect(await actionButtons(page).allTextContents()).toEqual(['Bắt đầu xử lý', 'Yêu cầu bổ sung', 'Chuyển đơn vị', 'Gia hạn']);
    // Once accepted the receipt and appointment slip exists.
    await page.getByRole('button', { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' }).click();
    await page.getByRole('link', { name: /^Mở tệp PDF: / }).waitFor();
    await shot('accepted');

    await actionButtons(page).getByText('Yêu cầu bổ sung', { exact: true }).click();
    await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await page.getByText('Vui lòng nhập thông tin này.').waitFor();
    await page.getByLabel('Giấy tờ cần bổ sung').fill('Bản chụp CCCD rõ nét\nVăn bản ủy quyền');
    await page.getByLabel('Ghi chú').fill('Ảnh CCCD bị mờ, không đọc được số');
    await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Trạng thái hồ sơ: Yêu cầu bổ sung giấy tờ.' }).waitFor();
    await page.getByRole('button', { name: 'Gia hạn' }).waitFor();
    expect(await actionButtons(page).allTextContents()).toEqual(['Gia hạn']);

    const steps = page.locator('ol.timeline > li');
    expect(await steps.count()).toBe(3);
    expect(await steps.nth(0).textContent()).toContain('Nộp hồ sơ');
    expect(await steps.nth(1).textContent()).toContain('Tiếp nhận hồ sơ');
    expect(await steps.nth(2).textContent()).toContain('Yêu cầu bổ sung giấy tờ');
    expect(await steps.nth(2).textContent()).toContain('Bản chụp CCCD rõ nét; Văn bản ủy quyền');
    expect(await steps.nth(2).textContent()).toContain('Ảnh CCCD bị mờ, không đọc được số');
    await shot('supplement-requested');
    await context.close();
  }, 60_000);

  it('say when a colleague acted first, and show the dossier as it now is', async () => {
    const { page, shot, context } = await journey(browser, 'dossiers-conflict');
    await signInAs(page, TENANT, accounts(TENANT).officer);
    await page.goto(`/#/${TENANT}/console/dossiers/${codes.accepted}`);
    await actionButtons(page).getByText('Yêu cầu bổ sung', { exact: true }).click();
    await page.getByLabel('Giấy tờ cần bổ sung').fill('Tờ khai có chữ ký');
    // Meanwhile a colleague starts processing it.
    await act(await officerOf(TENANT), codes.accepted, { action: 'start', version: 2 });
    await page.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Hồ sơ vừa được người khác xử lý' }).waitFor();
    await page.getByRole('button', { name: 'Ra kết quả' }).waitFor();
    await page.getByTestId('dossier-status').filter({ hasText: 'Đang xử lý' }).waitFor();
    expect(await page.locator('ol.timeline > li').count()).toBe(3);
    await shot('conflict');
    await context.close();
  }, 60_000);

  it('let a leader choose the unit, and offer them the leader\'s actions on the same dossier', async () => {
    const { page, shot, context } = await journey(browser, 'dossiers-leader');
    await signInAs(page, TENANT, accounts(TENANT).leader);
    await page.goto(`/#/${TENANT}/console/dossiers`);
    await page.getByLabel('Đơn vị').selectOption({ value: OFFICER_UNIT });
    await (await rowOf(page, codes.overdue)).getByRole('link', { name: codes.overdue }).click();
    await page.getByRole('heading', { name: `Hồ sơ ${codes.overdue}` }).waitFor();
    // Accepted, overdue: a leader may start, hand over, stop or extend it, but not accept or ask for documents.
    await page.getByRole('button', { name: 'Dừng xử lý' }).waitFor();
    expect(await actionButtons(page).allTextContents()).toEqual(['Bắt đầu xử lý', 'Chuyển đơn vị', 'Dừng xử lý', 'Gia hạn']);
    await page.getByText('Mục đích sử dụng').waitFor(); // the form's labels, from the procedure
    await shot('leader-actions');
    await context.close();
  }, 60_000);

  it('let an official download what the applicant submitted, byte for byte, and stay on the dossier', async () => {
    const { page, shot, context } = await journey(browser, 'dossiers-download');
    await signInAs(page, TENANT, accounts(TENANT).officer);
    await page.goto(`/#/${TENANT}/console/dossiers/${codes.overdue}`);
    await page.getByRole('heading', { name: `Hồ sơ ${codes.overdue}` }).waitFor();
    const files = page.getByRole('region', { name: 'Giấy tờ kèm theo' });
    const button = files.getByRole('button', { name: `Tải xuống: ${TO_KHAI}` });
    await button.waitFor();
    await shot('files');
    // The button asks the API for a 5-minute link and goes there: the bucket serves it as an attachment, so the
    // browser saves it under its Vietnamese name.
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe(TO_KHAI);
    const path = await download.path();
    expect(new Uint8Array(await readFile(path))).toEqual(TO_KHAI_BYTES);
    // Saving the file did not take the official away from the dossier.
    await page.getByRole('heading', { name: `Hồ sơ ${codes.overdue}` }).waitFor();
    expect(page.url()).toContain(`/console/dossiers/${codes.overdue}`);
    await shot('downloaded');
    await context.close();
  }, 60_000);

  it('work on a phone', async () => {
    const { page, shot, context } = await journey(browser, 'dossiers-phone', PHONE);
    await signInAs(page, TENANT, accounts(TENANT).officer);
    await page.goto(`/#/${TENANT}/console/dossiers`);
    await (await rowOf(page, codes.overdue)).getByText('Quá hạn', { exact: true }).waitFor();
    await shot('inbox');
    await (await rowOf(page, codes.overdue)).getByRole('link', { name: codes.overdue }).click();
    await page.getByRole('heading', { name: `Hồ sơ ${codes.overdue}` }).waitFor();
    await page.getByText('Quá hạn', { exact: true }).waitFor();
    await shot('dossier');
    await context.close();
  }, 60_000);
});


