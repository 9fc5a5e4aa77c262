// Statistics for leaders: dossiers submitted (and one decided) through the API show up, once the statistics stream
// consumer has counted them, in the leader's chart and table with the API's numbers, and in the CSV they download.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { api, eventually, pdfBytes, signIn, uploadFile } from '../integration/support';
import { accounts, journey, launch, signInAs } from './browser';

const TENANT = 'quangtri';
const BIRTH = '1.001193.000.00.00.H50';
const birthForm = {
  hoTenTre: 'Lê Văn Thống', ngaySinh: '2026-11-20', gioiTinh: 'Nam', noiSinh: 'Bệnh viện Đa khoa tỉnh Quảng Trị',
  hoTenMe: 'Lê Thị Kê', cccdMe: '045190001234', quanHe: 'Mẹ', soDienThoai: '0912345678',
};
const applicant = { fullName: 'Lê Thị Kê', idNumber: '045190001234', phone: '0912 345 678', address: 'Số 1 Hùng Vương, Đông Hà, Quảng Trị' };

interface Row { received: number; finishedOnTime: number; finished: number; inProgress: number; onTimeRate: number | null }

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

async function submitBirth(token: string): Promise<{ code: string; submittedAt: string }> {
  const documents = [
    { requirementId: 'to-khai', uploadId: await uploadFile(TENANT, token, 'tờ khai.pdf', 'application/pdf', pdfBytes('to khai')) },
    { requirementId: 'giay-chung-sinh', uploadId: await uploadFile(TENANT, token, 'giấy chứng sinh.pdf', 'application/pdf', pdfBytes('chung sinh')) },
  ];
  const res = await api('POST', `/v1/${TENANT}/dossiers`, { token, body: { procedureCode: BIRTH, applicant, form: birthForm, documents } });
  if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('statistics for leaders', () => {
  it('shows a period\'s figures by procedure as a chart and a table, and exports them as CSV', async () => {
    const who = accounts(TENANT);
    const [citizen, clerk, officer, leader] = await Promise.all([signIn(TENANT, who.citizen), signIn(TENANT, who.clerk), signIn(TENANT, who.officer), signIn(TENANT, who.leader)]);
    const byProcedure = async (day: string): Promise<Row | undefined> => {
      const res = await api('GET', `/v1/${TENANT}/stats/dossiers?from=${day}&to=${day}&groupBy=procedure`, { token: leader });
      return res.body.groups.find((g: { key: string }) => g.key === BIRTH);
    };

    // Two birth registrations today; one is accepted, handled and decided well before its due date.
    const first = await submitBirth(citizen);
    const day = first.submittedAt.slice(0, 10); // the Vietnamese day (+07:00) the consumer counts it on
    const before = (await byProcedure(day))?.received ?? 0;
    await submitBirth(citizen);
    const act = async (token: string, body: Record<string, unknown>) => {
      const current = await api('GET', `/v1/${TENANT}/dossiers/${first.code}`, { token: leader });
      const res = await api('POST', `/v1/${TENANT}/dossiers/${first.code}/actions`, { token, body: { ...body, version: current.body.version } });
      if (res.status !== 200) throw new Error(`${String(body.action)}: ${res.status} ${JSON.stringify(res.body)}`);
    };
    await act(clerk, { action: 'accept' });
    await act(officer, { action: 'start' });
    const result = await uploadFile(TENANT, officer, 'giấy khai sinh.pdf', 'application/pdf', pdfBytes('ket qua'));
    await act(officer, { action: 'decide', resultUploadId: result, summary: 'Đã cấp giấy khai sinh' });

    // The statistics are counted by a stream consumer, asynchronously: wait until the API has counted the second submission and the decision.
    const expected = await eventually(async () => {
      const row = await byProcedure(day);
      return row && row.received >= before + 1 && row.finishedOnTime >= 1 ? row : undefined;
    }, 30_000);

    const { page, shot, context } = await journey(browser, 'stats-leader');
    await signInAs(page, TENANT, who.leader);
    await page.getByRole('navigation').getByRole('link', { name: 'Thống kê' }).click();
    await page.getByRole('heading', { name: 'Thống kê hồ sơ' }).waitFor();
    await shot('default-period');

    const shown = day.split('-').reverse().join('/');
    await page.getByLabel('Từ ngày').fill(shown);
    await page.getByLabel('Đến ngày').fill(shown);
    await page.getByLabel('Thống kê theo').selectOption({ label: 'Thủ tục' });
    await page.getByRole('button', { name: 'Xem thống kê' }).click();
    await page.getByText(`Kỳ báo cáo: ${shown} – ${shown}`).waitFor();

    // The chart: an image whose name sums the period up; the table beside it is its text.
    const chart = page.getByRole('img', { name: /Biểu đồ \d+ nhóm: tổng tiếp nhận \d+ hồ sơ/ });
    await chart.waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Đăng ký khai sinh/ }) });
    await row.waitFor();
    const headers = await page.getByRole('columnheader').allInnerTexts();
    const cells = await row.getByRole('cell').allInnerTexts();
    const value = (name: string) => cells[headers.indexOf(name) - 1];
    // Other journeys may add birth registrations in quangtri meanwhile: the page is at least what the API had.
    expect(Number(value('Tiếp nhận'))).toBeGreaterThanOrEqual(expected.received);
    expect(Number(value('Giải quyết đúng hạn'))).toBeGreaterThanOrEqual(expected.finishedOnTime);
    const now = (await byProcedure(day))!;
    expect(Number(value('Tiếp nhận'))).toBeLessThanOrEqual(now.received);
    await shot('chart-and-table');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải xuống CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`thong-ke-ho-so_procedure_${day}_${day}.csv`);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel reads the Vietnamese right
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Thủ tục,Mã,Tiếp nhận,Đã giải quyết,Giải quyết đúng hạn,Giải quyết quá hạn,Đang giải quyết,Đang giải quyết quá hạn,Rút hồ sơ,Tỷ lệ đúng hạn (%),Chỉ số hài lòng');
    const line = lines.find((l) => l.startsWith(`Đăng ký khai sinh,${BIRTH},`))!.split(',');
    expect(line[2]).toBe(value('Tiếp nhận'));
    expect(line[4]).toBe(value('Giải quyết đúng hạn'));
    expect(lines.at(-1)).toMatch(/^Tổng cộng,,\d+,/);
    await shot('csv-downloaded');

    // The daily report is frozen the night after: today's is not there yet, and the page says so.
    await page.getByRole('navigation', { name: 'Các loại báo cáo' }).getByRole('link', { name: 'Báo cáo ngày' }).click();
    await page.getByRole('heading', { name: 'Báo cáo ngày', level: 1 }).waitFor();
    await page.getByLabel('Ngày báo cáo').fill(shown);
    await page.getByRole('button', { name: 'Xem thống kê' }).click();
    await page.getByRole('status').filter({ hasText: 'Chưa có báo cáo của ngày này.' }).waitFor();
    await shot('daily-not-frozen');
    await context.close();
  });
});
