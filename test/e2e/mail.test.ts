// Official mail in the console: an officer writes to a leader with a file, the leader sees it unread, reads it,
// opens the file and replies; the officer sees the reply and finds the exchange by a word of its subject. A mail
// whose HTML carries a script is shown without running it. Quảng Ngãi's plan (basic) has no mail: the console says
// so rather than showing an empty mailbox; the journeys run in Huế, whose plan has it.
import type { Browser, Page } from 'playwright-core';
import { api, pdfBytes, signIn, unique, uploadFile } from '../integration/support';
import { accounts, journey, launch, PHONE, signInAs } from './browser';

const T = 'hue';
const { officer: CANBO, leader: LANHDAO, clerk: CLERK } = accounts(T);

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

/** A message in the list shown (a table row at a desk, a card on a phone). */
const row = (page: Page, subject: string) => page.locator('[data-message-id]').filter({ has: page.getByRole('link', { name: subject, exact: true }) });

describe('official mail', () => {
  it('a mail is sent and read', async () => {
    const tag = unique();
    const subject = `Báo cáo tiến độ chuyển đổi số ${tag}`;
    const body = `Kính gửi đồng chí Lãnh đạo,\nXin gửi báo cáo tiến độ quý IV (mã ${tag}).`;
    const fileName = `Bao cao quy IV ${tag}.pdf`;
    const answer = `Đã nhận báo cáo ${tag}, đề nghị trình ký trước thứ Sáu.`;

    // The officer writes, attaches a file, and what they typed survives a reload before sending
    const canbo = await journey(browser, 'mail-sent-and-read-officer');
    await signInAs(canbo.page, T, CANBO);
    await canbo.page.goto(`/#/${T}/console/mail`);
    await canbo.page.getByRole('heading', { name: 'Thư công vụ: Hộp thư đến' }).waitFor();
    await canbo.page.getByRole('link', { name: 'Soạn thư' }).click();
    await canbo.page.getByLabel('Người nhận').fill(LANHDAO);
    await canbo.page.getByLabel('Tiêu đề').fill(subject);
    await canbo.page.getByLabel('Nội dung').fill(body);
    await canbo.page.getByLabel('Tệp đính kèm').setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: Buffer.from(pdfBytes(`bao cao ${tag}`)) });
    await canbo.page.getByText('Đã tải lên').waitFor();
    await canbo.page.reload();
    expect(await canbo.page.getByLabel('Tiêu đề').inputValue()).toBe(subject);
    await canbo.page.getByText(fileName).waitFor();
    await canbo.shot('compose');
    // A lost connection at the moment of sending says so and keeps the message; sending again sends it once
    await canbo.context.setOffline(true);
    await canbo.page.getByRole('button', { name: 'Gửi thư' }).click();
    await canbo.page.getByRole('alert').filter({ hasText: 'Mất kết nối mạng.' }).waitFor();
    expect(await canbo.page.getByLabel('Nội dung').inputValue()).toBe(body);
    await canbo.shot('offline');
    await canbo.context.setOffline(false);
    await canbo.page.getByRole('button', { name: 'Gửi thư' }).click();
    await canbo.page.getByRole('status').filter({ hasText: 'Đã gửi thư.' }).waitFor();
    await canbo.page.getByText(`${LANHDAO}: đã chuyển vào hộp thư`).waitFor();
    await canbo.shot('sent');

    // The leader sees it unread in the inbox, opens it, reads it and opens the file
    // A leader reads mail on the phone as often as at the desk
    const lanhdao = await journey(browser, 'mail-sent-and-read-leader', PHONE);
    await signInAs(lanhdao.page, T, LANHDAO);
    await lanhdao.page.goto(`/#/${T}/console/mail`);
    const unread = row(lanhdao.page, subject);
    await unread.waitFor();
    expect(await unread.count()).toBe(1);
    expect(await unread.getAttribute('data-unread')).toBe('true');
    await unread.getByText('Chưa đọc:').waitFor({ state: 'attached' });
    await lanhdao.shot('inbox-unread');
    await unread.getByRole('link', { name: subject }).click();
    await lanhdao.page.getByRole('heading', { name: subject }).waitFor();
    await lanhdao.page.locator('pre').getByText(`Xin gửi báo cáo tiến độ quý IV (mã ${tag}).`).waitFor();
    const attachment = lanhdao.page.getByRole('link', { name: fileName });
    const link = await attachment.getAttribute('href');
    const downloaded = await fetch(link!);
    expect(downloaded.status).toBe(200);
    expect(Buffer.from(await downloaded.arrayBuffer()).toString('latin1')).toContain(`bao cao ${tag}`);
    await lanhdao.shot('read');
    // Opening it marked it read
    await lanhdao.page.getByRole('link', { name: 'Về hộp thư' }).click();
    await row(lanhdao.page, subject).waitFor();
    expect(await row(lanhdao.page, subject).getAttribute('data-unread')).toBeNull();

    // The leader replies: the officer is the recipient, the original is quoted
    await row(lanhdao.page, subject).getByRole('link', { name: subject }).click();
    await lanhdao.page.getByRole('link', { name: 'Trả lời', exact: true }).click();
    await lanhdao.page.getByRole('heading', { name: 'Trả lời thư' }).waitFor();
    expect(await lanhdao.page.getByLabel('Người nhận').inputValue()).toBe(CANBO);
    expect(await lanhdao.page.getByLabel('Tiêu đề').inputValue()).toBe(`Re: ${subject}`);
    const quoted = await lanhdao.page.getByLabel('Nội dung').inputValue();
    expect(quoted).toContain(`> Xin gửi báo cáo tiến độ quý IV (mã ${tag}).`);
    await lanhdao.page.getByLabel('Nội dung').fill(`${answer}${quoted}`);
    await lanhdao.shot('reply');
    await lanhdao.page.getByRole('button', { name: 'Gửi thư' }).click();
    await lanhdao.page.getByRole('status').filter({ hasText: 'Đã gửi thư.' }).waitFor();
    await lanhdao.shot('reply-sent');

    // The officer sees the reply, unread, and reads it
    await canbo.page.goto(`/#/${T}/console/mail`);
    const reply = row(canbo.page, `Re: ${subject}`);
    await reply.waitFor();
    expect(await reply.getAttribute('data-unread')).toBe('true');
    await canbo.shot('inbox-reply');
    await reply.getByRole('link', { name: `Re: ${subject}` }).click();
    await canbo.page.getByRole('heading', { name: `Re: ${subject}` }).waitFor();
    await canbo.page.locator('pre').getByText(answer).waitFor();
    await canbo.shot('reply-read');

    // Search by a word of the subject finds the message sent and the reply received
    await canbo.page.getByRole('link', { name: 'Về hộp thư' }).click();
    await canbo.page.getByLabel('Tìm thư theo từ trong tiêu đề').fill(tag);
    await canbo.page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await canbo.page.getByRole('heading', { name: 'Kết quả tìm kiếm' }).waitFor();
    await row(canbo.page, subject).waitFor();
    await row(canbo.page, `Re: ${subject}`).waitFor();
    await canbo.shot('search');

    await canbo.context.close();
    await lanhdao.context.close();
  });

  it('shows a mail whose HTML holds a script without running it', async () => {
    const subject = `Thư có mã độc ${unique()}`;
    const token = await signIn(T, CANBO);
    const sent = await api('POST', `/v1/${T}/mail/messages`, {
      token,
      body: {
        to: [LANHDAO], subject, text: 'Kính gửi lãnh đạo.',
        html: '<p>Kính gửi <b>lãnh đạo</b>.</p><script>window.top.mailScriptRan = true; window.mailScriptRan = true;</script>'
          + '<img src="x" onerror="window.top.mailScriptRan = true"><a href="javascript:window.top.mailScriptRan=true">xem</a>',
      },
    });
    expect(sent.status).toBe(201);
    const { page, shot, context } = await journey(browser, 'mail-script');
    await signInAs(page, T, LANHDAO);
    await page.goto(`/#/${T}/console/mail`);
    await row(page, subject).getByRole('link', { name: subject }).click();
    await page.getByRole('heading', { name: subject }).waitFor();
    const frame = page.frameLocator('iframe[title="Nội dung thư"]');
    await frame.getByText('lãnh đạo').waitFor();
    expect(await page.locator('iframe[title="Nội dung thư"]').getAttribute('sandbox')).toBe('');
    expect(await page.locator('iframe[title="Nội dung thư"]').getAttribute('srcdoc')).not.toMatch(/<script|onerror|javascript:/i);
    await frame.getByText('xem').click();
    expect(await page.evaluate(() => (window as unknown as { mailScriptRan?: boolean }).mailScriptRan)).toBeUndefined();
    await shot('script-not-run');
    await context.close();
  });

  it('checks addresses, keeps a draft until it is sent, files a message, forwards it with its file, and deletes it', async () => {
    const tag = unique();
    const subject = `Kế hoạch năm 2027 ${tag}`;
    const fileName = `Ke hoach 2027 ${tag}.pdf`;
    const folder = `Kế hoạch ${tag}`;
    const leader = await signIn(T, LANHDAO);
    const upload = await uploadFile(T, leader, fileName, 'application/pdf', pdfBytes(`ke hoach ${tag}`));
    expect((await api('POST', `/v1/${T}/mail/messages`, { token: leader, body: { to: [CANBO], subject, text: 'Đề nghị nghiên cứu kế hoạch đính kèm.', attachments: [upload] } })).status).toBe(201);
    const { page, shot, context } = await journey(browser, 'mail-drafts-folders-forward');
    await signInAs(page, T, CANBO);

    // Addresses are checked before sending, and the province's mail says which recipients it does not know
    await page.goto(`/#/${T}/console/mail/compose`);
    await page.getByLabel('Người nhận').fill('khong-phai-dia-chi');
    await page.getByLabel('Tiêu đề').fill(`Dự thảo ${tag}`);
    await page.getByRole('button', { name: 'Gửi thư' }).click();
    await page.getByText('Địa chỉ không hợp lệ: khong-phai-dia-chi').waitFor();
    await shot('invalid-address');
    await page.getByLabel('Người nhận').fill(`khongco.${tag}@hue.gov.vn`);
    await page.getByRole('button', { name: 'Gửi thư' }).click();
    await page.getByText(`Không có trong hệ thống thư của tỉnh: khongco.${tag}@hue.gov.vn`).waitFor();
    expect(await page.getByLabel('Tiêu đề').inputValue()).toBe(`Dự thảo ${tag}`);
    await shot('unknown-recipient');

    // A draft goes to Drafts, to nobody, until it is sent from there
    await page.getByLabel('Người nhận').fill(CLERK);
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu thư nháp vào mục Thư nháp.' }).waitFor();
    await page.getByRole('link', { name: `Dự thảo ${tag}` }).click();
    await page.getByText('Đây là thư nháp, chưa gửi cho ai.').waitFor();
    await shot('draft');
    await page.getByRole('button', { name: 'Gửi thư nháp này' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã gửi thư.' }).waitFor();
    await page.locator('dd').getByText('Thư đã gửi').waitFor();

    // A folder of one's own, and the leader's message moved into it
    await page.getByRole('link', { name: 'Về hộp thư' }).click();
    await page.getByText('Thêm thư mục').click();
    await page.getByLabel('Tên thư mục mới').fill(folder);
    await page.getByRole('button', { name: 'Tạo thư mục' }).click();
    await page.getByRole('heading', { name: `Thư công vụ: ${folder}` }).waitFor();
    await page.getByRole('navigation', { name: 'Thư mục' }).getByRole('link', { name: 'Hộp thư đến' }).click();
    await row(page, subject).getByRole('link', { name: subject }).click();
    await page.getByLabel('Chuyển đến thư mục').selectOption({ label: folder });
    await page.getByRole('button', { name: 'Chuyển', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã chuyển thư.' }).waitFor();
    await page.getByRole('link', { name: 'Về hộp thư' }).click();
    await page.getByRole('heading', { name: `Thư công vụ: ${folder}` }).waitFor();
    await row(page, subject).waitFor();
    await shot('folder');

    // Forwarded with the original's file, which the clerk receives
    await row(page, subject).getByRole('link', { name: subject }).click();
    await page.getByRole('link', { name: 'Chuyển tiếp' }).click();
    await page.getByRole('heading', { name: 'Chuyển tiếp thư' }).waitFor();
    expect(await page.getByLabel('Tiêu đề').inputValue()).toBe(`Fwd: ${subject}`);
    await page.getByLabel('Người nhận').fill(CLERK);
    await page.getByRole('button', { name: 'Đính kèm lại các tệp của thư gốc' }).click();
    await page.getByText('Đã tải lên').waitFor();
    await shot('forward');
    await page.getByRole('button', { name: 'Gửi thư' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã gửi thư.' }).waitFor();
    const clerkInbox = await api('GET', `/v1/${T}/mail/folders/INBOX/messages?limit=100`, { token: await signIn(T, CLERK) });
    const forwarded = (clerkInbox.body.items as { subject: string; attachments: { fileName: string }[] }[]).find((m) => m.subject === `Fwd: ${subject}`);
    expect(forwarded?.attachments.map((a) => a.fileName)).toEqual([fileName]);

    // Deleted: first to Trash, then for good
    await page.goto(`/#/${T}/console/mail?folder=${encodeURIComponent(folder)}`);
    await row(page, subject).getByRole('link', { name: subject }).click();
    await page.getByRole('button', { name: 'Xóa', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Đã chuyển thư vào Thùng rác.' }).waitFor();
    await page.getByRole('button', { name: 'Xóa hẳn' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Xóa hẳn' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã xóa hẳn thư.' }).waitFor();
    await shot('purged');
    await context.close();
  });

  it('lets a member read a shared mailbox and answer from it', async () => {
    const tag = unique();
    const created = await api('POST', `/v1/${T}/mail/mailboxes`, { token: await signIn(T, accounts(T).admin), body: { localPart: `vanphong${tag}`, kind: 'shared', name: `Văn phòng ${tag}`, members: [CANBO] } });
    expect(created.status).toBe(201);
    const shared = created.body.address as string;
    const subject = `Gửi văn phòng ${tag}`;
    const leader = await signIn(T, LANHDAO);
    expect((await api('POST', `/v1/${T}/mail/messages`, { token: leader, body: { to: [shared], subject, text: 'Đề nghị văn phòng bố trí phòng họp.' } })).status).toBe(201);
    const { page, shot, context } = await journey(browser, 'mail-shared');
    await signInAs(page, T, CANBO);
    await page.goto(`/#/${T}/console/mail`);
    await page.getByLabel('Hộp thư', { exact: true }).selectOption(shared);
    await row(page, subject).getByRole('link', { name: subject }).click();
    await page.getByRole('heading', { name: subject }).waitFor();
    await shot('shared-read');
    await page.getByRole('link', { name: 'Trả lời', exact: true }).click();
    expect(await page.getByLabel('Gửi từ hộp thư').inputValue()).toBe(shared);
    expect(await page.getByLabel('Người nhận').inputValue()).toBe(LANHDAO);
    await page.getByRole('button', { name: 'Gửi thư' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã gửi thư.' }).waitFor();
    await shot('shared-replied');
    const inbox = await api('GET', `/v1/${T}/mail/folders/INBOX/messages?limit=100`, { token: leader });
    const reply = (inbox.body.items as { subject: string; from: { address: string }; threadId: string }[]).find((m) => m.subject === `Re: ${subject}`);
    expect(reply?.from.address).toBe(shared);
    await context.close();
  });

  it('tells Quảng Ngãi\'s officials that their plan has no mail', async () => {
    const { page, shot, context } = await journey(browser, 'mail-not-in-plan');
    await signInAs(page, 'quangngai', accounts('quangngai').officer);
    await page.goto('/#/quangngai/console/mail');
    await page.getByRole('alert').filter({ hasText: 'Gói dịch vụ của tỉnh không bao gồm chức năng này.' }).first().waitFor();
    await shot('not-in-plan');
    await context.close();
  });
});
