// Administration: the province's tenant-admin adds a unit and an official in it with a role, edits a procedure and
// publishes the new version, and adds a holiday to next year's calendar; an official who is not an administrator is
// told the page is for administrators. Each change is checked through the API as well as on the page.
import type { Browser } from 'playwright-core';
import { api, signIn, unique } from '../integration/support';
import { accounts, journey, launch, signInAs } from './browser';

const TENANT = 'quangtri';
const ROOT = '000.00.00.H50';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const pad = (n: number) => String(Math.floor(n) % 100).padStart(2, '0');

describe('tenant administration', () => {
  it('lets the tenant-admin manage units, officials, procedures and the calendar', async () => {
    const who = accounts(TENANT);
    const admin = await signIn(TENANT, who.admin);
    const id = unique();
    const n = Date.now();
    const unitCode = `9${pad(n)}.${pad(n / 100)}.${pad(n / 10_000)}.H50`;
    const unitName = `Phường Thử Nghiệm ${id}`;
    const email = `chuyenvien.${id}@quangtri.gov.vn`;

    // A procedure of its own, published as version 1, so the edit does not change what other journeys submit to.
    const procCode = `9.${String(n % 1_000_000).padStart(6, '0')}.000.00.00.H50`;
    const procName = `Thủ tục quản trị thử ${id}`;
    const created = await api('POST', `/v1/${TENANT}/procedures`, {
      token: admin,
      body: {
        code: procCode, name: procName, field: 'Thử nghiệm', unit: '000.00.31.H50', level: 4, processingDays: 3, fee: 0,
        documents: [{ id: 'to-khai', name: 'Tờ khai', required: true, contentTypes: ['application/pdf'] }],
        form: [], steps: [{ name: 'Giải quyết', unit: '000.00.31.H50', role: 'officer', share: 100 }],
      },
    });
    expect(created.status).toBe(201);
    expect((await api('POST', `/v1/${TENANT}/procedures/${procCode}/publish`, { token: admin, body: { version: 1 } })).status).toBe(200);

    const { page, shot, context } = await journey(browser, 'admin-tenant');
    await signInAs(page, TENANT, who.admin);
    await page.getByRole('navigation').getByRole('link', { name: 'Quản trị' }).click();
    await page.getByRole('heading', { name: 'Đơn vị', level: 1 }).waitFor();
    await shot('units');

    // A new commune under the People's Committee.
    await page.getByLabel('Mã đơn vị').fill(unitCode);
    await page.getByLabel('Tên đơn vị').fill(unitName);
    await page.getByLabel(/^Cấp/).selectOption({ label: 'Cấp xã' });
    await page.getByLabel('Đơn vị cấp trên').selectOption(ROOT);
    await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
    await page.getByRole('status').filter({ hasText: `Đã thêm. ${unitName} (${unitCode})` }).waitFor();
    await page.getByRole('row').filter({ hasText: unitCode }).waitFor();
    await shot('unit-created');
    // Its address, edited on its own page.
    await page.getByRole('link', { name: `Sửa ${unitName}` }).click();
    await page.getByLabel('Địa chỉ').fill('Số 2 Hùng Vương, Đông Hà');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu thay đổi.' }).waitFor();
    const unit = await api('GET', `/v1/${TENANT}/units/${unitCode}`, { token: admin });
    expect(unit.body).toMatchObject({ name: unitName, level: 'commune', parentCode: ROOT, address: 'Số 2 Hùng Vương, Đông Hà' });
    await shot('unit-edited');

    // An officer in that unit.
    const sections = page.getByRole('navigation', { name: 'Các mục quản trị' });
    await sections.getByRole('link', { name: 'Cán bộ' }).click();
    await page.getByRole('heading', { name: 'Cán bộ', level: 1 }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Họ và tên').fill('Hoàng Văn Thử');
    await page.getByLabel(/^Đơn vị/).selectOption(unitCode);
    await page.getByRole('checkbox', { name: 'Chuyên viên' }).check();
    await page.getByRole('button', { name: 'Thêm cán bộ' }).click();
    await page.getByRole('status').filter({ hasText: `Đã thêm cán bộ ${email}.` }).waitFor();
    await page.getByLabel('Lọc theo đơn vị').selectOption(unitCode);
    const row = page.getByRole('row').filter({ hasText: email });
    await row.getByRole('cell', { name: 'Chuyên viên' }).waitFor();
    await row.getByRole('cell', { name: unitName }).waitFor();
    const users = await api('GET', `/v1/${TENANT}/users?unit=${unitCode}`, { token: admin });
    expect(users.body.items).toEqual([expect.objectContaining({ email, unit: unitCode, roles: ['officer'], enabled: true })]);
    await shot('official-created');

    // The procedure: a new fee note saved as draft version 2, then published.
    await sections.getByRole('link', { name: 'Thủ tục' }).click();
    await page.getByLabel('Tìm thủ tục').fill(id);
    await page.getByRole('link', { name: procName }).click();
    await page.getByRole('heading', { name: 'Sửa thủ tục', level: 1 }).waitFor();
    await page.getByLabel('Ghi chú lệ phí').fill('Miễn lệ phí cho người có công');
    await page.getByLabel('Lệ phí (đồng)').fill('50000');
    await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu dự thảo.' }).waitFor();
    await page.getByText('Phiên bản 2', { exact: false }).first().waitFor();
    await shot('procedure-draft');
    await page.getByRole('button', { name: 'Công bố phiên bản 2' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã công bố phiên bản 2.' }).waitFor();
    const versions = page.getByRole('region', { name: 'Các phiên bản' }).getByRole('row');
    expect(await versions.count()).toBe(3); // the header and versions 2 and 1
    const published = await api('GET', `/v1/${TENANT}/procedures/${procCode}`);
    expect(published.body).toMatchObject({ version: 2, status: 'published', fee: 50000, feeNote: 'Miễn lệ phí cho người có công' });
    await shot('procedure-published');

    // Next year's calendar: a provincial holiday on a day that is not in it yet, saved; then removed again.
    const nextYear = Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4)) + 1;
    const before = (await api('GET', `/v1/${TENANT}/calendar/${nextYear}`)).body;
    const taken = new Set([...before.holidays, ...before.workingDays].map((d: { date: string }) => d.date));
    let day = new Date(Date.UTC(nextYear, 2, 2));
    while (taken.has(day.toISOString().slice(0, 10)) || day.getUTCDay() % 6 === 0) day = new Date(day.getTime() + 86_400_000);
    const iso = day.toISOString().slice(0, 10);
    const shown = iso.split('-').reverse().join('/');
    await sections.getByRole('link', { name: 'Lịch làm việc' }).click();
    await page.getByLabel('Năm').selectOption(String(nextYear));
    await page.getByRole('heading', { name: `Lịch làm việc ${nextYear}`, level: 1 }).waitFor();
    await page.getByLabel('Loại ngày').selectOption({ label: 'Ngày nghỉ lễ' });
    await page.getByRole('textbox', { name: /^Ngày/ }).fill(shown);
    await page.getByLabel('Tên ngày / lý do').fill(`Ngày lễ của tỉnh ${id}`);
    await page.getByRole('button', { name: 'Thêm ngày' }).click();
    const holidays = page.getByRole('region', { name: 'Ngày nghỉ lễ' });
    await holidays.getByRole('row').filter({ hasText: shown }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Có thay đổi chưa lưu.' }).waitFor();
    await shot('holiday-added');
    await page.getByRole('button', { name: 'Lưu lịch' }).click();
    await page.getByRole('status').filter({ hasText: `Đã lưu lịch làm việc năm ${nextYear}.` }).waitFor();
    const after = (await api('GET', `/v1/${TENANT}/calendar/${nextYear}`)).body;
    expect(after.holidays).toContainEqual({ date: iso, name: `Ngày lễ của tỉnh ${id}` });
    expect(after.version).toBe(before.version + 1);
    await shot('calendar-saved');
    await holidays.getByRole('button', { name: `Xóa ${shown}` }).click();
    await page.getByRole('button', { name: 'Lưu lịch' }).click();
    await page.getByRole('status').filter({ hasText: `Đã lưu lịch làm việc năm ${nextYear}.` }).waitFor();
    await holidays.getByRole('row').filter({ hasText: shown }).waitFor({ state: 'detached' });
    expect((await api('GET', `/v1/${TENANT}/calendar/${nextYear}`)).body.holidays.map((d: { date: string }) => d.date)).not.toContain(iso);
    await context.close();
  });

  it('tells an official who is not an administrator that the page is for administrators', async () => {
    const { page, shot, context } = await journey(browser, 'admin-refused');
    await signInAs(page, TENANT, accounts(TENANT).officer);
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Quản trị' }).count()).resolves.toBe(0);
    await page.goto(`/#/${TENANT}/console/admin/users`);
    await page.getByText('Trang này dành cho quản trị viên của tỉnh.', { exact: false }).waitFor();
    expect(await page.getByLabel('Email').count()).toBe(0);
    await shot('refused');
    await context.close();
  });
});
