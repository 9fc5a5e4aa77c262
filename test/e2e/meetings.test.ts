// Video conferences in the officials' console: an official books a meeting and finds it on the week calendar; a
// second booking of the same connection point at an overlapping time is flagged on the spot, naming the meeting that
// holds the point, and refused by the API with that meeting named again; the meeting page lists the invitations sent
// and to whom (and the invitation really reached the point unit's officer); the weekly work schedule prints it.
import type { Browser } from 'playwright-core';
import { adminOf, api, eventually, mailboxMessages, unique } from '../integration/support';
import { accounts, journey, launch, PHONE, signInAs } from './browser';

const TENANT = 'hue';
/** Sở Tư pháp of Huế: the room the journey books belongs to it, and its officer canbo@ reads its invitations. */
const STP = '000.02.00.H57';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

/** Tomorrow in Vietnam as YYYY-MM-DD and as the form's dd/MM/yyyy. */
function tomorrow(): { iso: string; typed: string } {
  const d = new Date(Date.now() + 7 * 3_600_000 + 86_400_000);
  const iso = d.toISOString().slice(0, 10);
  return { iso, typed: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` };
}

describe('meetings', () => {
  it('books a meeting, flags a double booking of its point on the spot, lists the invitations and prints the week', async () => {
    // Prepare: a room of its own for this run (the tenant's seeded rooms are shared with other runs)
    const id = unique();
    const pointId = `e2e-${id}`;
    const pointName = `Phòng họp E2E ${id}`;
    const created = await api('POST', `/v1/${TENANT}/points`, { token: await adminOf(TENANT), body: { id: pointId, unit: STP, name: pointName, capacity: 20, equipment: ['camera'] } });
    expect(created.status).toBe(201);
    const day = tomorrow();
    const first = `Giao ban chuyển đổi số ${id}`;
    const second = `Họp chuyên đề ${id}`;
    const { page, shot, context } = await journey(browser, 'meetings-booking');
    await signInAs(page, TENANT, accounts(TENANT).clerk);

    // Act 1: book the first meeting
    await page.goto(`/#/${TENANT}/console/meetings/new`);
    await fillBooking(page, { title: first, date: day.typed, start: '08:00', end: '09:30', host: pointName });
    await page.getByText('Các điểm cầu đã chọn đều trống vào thời gian này.').waitFor();
    await shot('booking-form-free');
    await page.getByRole('button', { name: 'Đặt lịch và gửi giấy mời' }).click();

    // Assess 1: the week calendar shows it with its point
    await page.getByText(`Đã đặt lịch họp “${first}”.`, { exact: false }).waitFor();
    const link = page.getByRole('link', { name: first });
    await link.waitFor();
    const dayCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(day.typed) }) });
    await dayCard.getByRole('link', { name: first }).waitFor();
    await dayCard.getByText(pointName).first().waitFor();
    await shot('week-calendar');

    // Act 2: a second meeting on the same point at an overlapping time
    await page.getByRole('link', { name: 'Đặt lịch họp' }).click();
    await fillBooking(page, { title: second, date: day.typed, start: '09:00', end: '10:00', host: pointName });
    // Assess 2: the conflict is named before submitting...
    const warning = page.getByRole('status').filter({ hasText: 'Trùng lịch:' });
    await warning.getByText(`Điểm cầu “${pointName}” đã có cuộc họp “${first}”`, { exact: false }).waitFor();
    await shot('conflict-on-the-spot');
    // ...and the API refuses the booking, naming the same meeting
    await page.getByRole('button', { name: 'Đặt lịch và gửi giấy mời' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Không đặt được lịch:' });
    await refusal.getByText('Điểm cầu đã có cuộc họp khác trùng thời gian.', { exact: false }).waitFor();
    await refusal.getByText(`đã có cuộc họp “${first}”`, { exact: false }).waitFor();
    expect(await page.getByLabel('Tên cuộc họp').inputValue()).toBe(second);
    await shot('conflict-refused');

    // Act 3: the first meeting's page
    await page.goto(`/#/${TENANT}/console/meetings?week=${day.iso}`);
    await page.getByRole('link', { name: first }).click();
    await page.getByRole('heading', { level: 1, name: first }).waitFor();
    const meetingId = decodeURIComponent(page.url().split('/').pop()!);
    // Assess 3: the invitations went to the chairing unit and to the point's unit, whose officer is named
    const invitations = page.getByRole('region', { name: 'Giấy mời đã gửi' });
    await invitations.getByRole('cell', { name: 'Văn phòng Ủy ban nhân dân tỉnh' }).waitFor();
    await invitations.getByRole('cell', { name: 'Sở Tư pháp', exact: true }).waitFor();
    await invitations.getByText(accounts(TENANT).officer).waitFor();
    await page.getByRole('cell', { name: pointName }).waitFor();
    await shot('meeting-page');
    const mails = await eventually(async () => {
      const found = await mailboxMessages(TENANT, accounts(TENANT).officer, `meetings.${meetingId}`);
      return found.length ? found : undefined;
    });
    expect(mails[0]!.raw).toContain('invite.ics');

    // Act 4: the printable weekly work schedule
    await page.goto(`/#/${TENANT}/console/meetings/schedule?week=${day.iso}`);
    // Assess 4
    await page.getByRole('heading', { name: 'LỊCH CÔNG TÁC TUẦN' }).waitFor();
    await page.getByRole('cell', { name: first }).waitFor();
    await page.getByRole('button', { name: 'In lịch' }).waitFor();
    await shot('weekly-schedule');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'In lịch' }).isVisible()).toBe(false);
    expect(await page.getByRole('banner').isVisible()).toBe(false);
    await page.getByRole('cell', { name: first }).waitFor();
    await shot('weekly-schedule-print');
    await context.close();

    // The same week on a phone: a list per day, readable without zooming
    const phone = await journey(browser, 'meetings-phone', PHONE);
    await signInAs(phone.page, TENANT, accounts(TENANT).clerk);
    await phone.page.goto(`/#/${TENANT}/console/meetings?week=${day.iso}`);
    await phone.page.getByRole('link', { name: first }).waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await phone.shot('week-calendar-phone');
    await phone.context.close();
  }, 90_000);
});

async function fillBooking(page: import('playwright-core').Page, m: { title: string; date: string; start: string; end: string; host: string }) {
  await page.getByLabel('Tên cuộc họp').fill(m.title);
  await page.getByLabel('Người chủ trì').fill('Phó Chủ tịch UBND tỉnh');
  await page.getByLabel('Ngày họp').fill(m.date);
  await page.getByLabel('Giờ bắt đầu').fill(m.start);
  await page.getByLabel('Giờ kết thúc').fill(m.end);
  await page.getByLabel('Điểm cầu chính').selectOption({ label: `${m.host} (Sở Tư pháp)` });
}
