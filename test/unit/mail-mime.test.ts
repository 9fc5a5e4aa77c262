// Messages the suite sends are standard Internet mail: a real parser (mailparser, what mail clients use) reads
// back exactly what was meant, Vietnamese included.
import { simpleParser } from 'mailparser';
import { buildMessage, encodeWord, formatDate } from '#functions/mail/mime';
import { notificationFor } from '#functions/dossiers/notifications';
import type { Dossier } from '#functions/dossiers/schemas';

const message = {
  messageId: 'dossiers.000.00.31.H41-261124-0001.v2.accept@nghean.gov.vn',
  date: new Date('2026-11-24T10:05:00Z'),
  from: { address: 'motcua@nghean.gov.vn', name: 'Một cửa điện tử Nghệ An' },
  to: [{ address: 'hoa@example.vn', name: 'Nguyễn Thị Hoa' }],
  subject: 'Hồ sơ 000.00.31.H41-261124-0001 đã được tiếp nhận — thời hạn giải quyết được tính từ hôm nay',
  text: 'Kính gửi Ông/Bà Nguyễn Thị Hoa,\n\nHồ sơ "Đăng ký khai sinh" của Ông/Bà đã được tiếp nhận.\n',
};

describe('a built message', () => {
  it('reads back with its Vietnamese subject, names, body, date and id', async () => {
    // Act
    const parsed = await simpleParser(buildMessage(message));
    // Assess
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.from?.value).toEqual([{ address: 'motcua@nghean.gov.vn', name: 'Một cửa điện tử Nghệ An' }]);
    expect((parsed.to as { value: unknown[] }).value).toEqual([{ address: 'hoa@example.vn', name: 'Nguyễn Thị Hoa' }]);
    expect(parsed.text).toBe(message.text);
    expect(parsed.messageId).toBe(`<${message.messageId}>`);
    expect(parsed.date?.toISOString()).toBe('2026-11-24T10:05:00.000Z');
  });

  it('carries an HTML alternative when given one', async () => {
    const parsed = await simpleParser(buildMessage({ ...message, html: '<p>Hồ sơ <b>đã được tiếp nhận</b></p>' }));
    expect(parsed.html).toContain('<b>đã được tiếp nhận</b>');
    expect(parsed.text).toBe(message.text);
  });

  it('keeps every line within 78 characters and ends lines with CRLF', () => {
    const raw = buildMessage({ ...message, text: 'Nội dung rất dài '.repeat(200) });
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('refuses a header value with a line break (no header injection)', () => {
    expect(() => buildMessage({ ...message, subject: 'Xin chào\r\nBcc: everyone@example.com' })).toThrow(/line break/);
    expect(() => buildMessage({ ...message, to: [{ address: 'a@example.vn\nBcc: x@example.com' }] })).toThrow(/line break/);
  });

  it('writes the date in Vietnam\'s offset and leaves ASCII headers unencoded', () => {
    expect(formatDate(new Date('2026-12-31T17:30:00Z'))).toBe('Fri, 01 Jan 2027 00:30:00 +0700');
    expect(encodeWord('Plain subject')).toBe('Plain subject');
  });
});

describe('what the applicant is told', () => {
  const dossier = {
    code: '000.00.31.H41-261124-0001', version: 2, applicant: { fullName: 'Nguyễn Thị Hoa', email: 'hoa@example.vn' },
    procedure: { name: 'Đăng ký khai sinh' }, acceptedAt: '2026-11-24T09:00:00+07:00', dueAt: '2026-11-25T09:00:00+07:00',
    missing: ['Giấy chứng sinh bản rõ nét'],
  } as unknown as Dossier;
  const tenant = { id: 'nghean', name: 'Nghệ An' };

  it('on acceptance: the due date as a Vietnamese reader writes it, from the province\'s one-stop desk', () => {
    const mail = notificationFor(tenant, 'accept', dossier, '2026-11-24T09:00:00+07:00')!;
    expect(mail).toMatchObject({ id: 'dossiers.000.00.31.H41-261124-0001.v2.accept', from: { local: 'motcua' }, to: [{ address: 'hoa@example.vn' }] });
    expect(mail.subject).toBe('Hồ sơ 000.00.31.H41-261124-0001 đã được tiếp nhận');
    expect(mail.text).toContain('Thời gian hẹn trả kết quả: 09:00 25/11/2026.');
  });

  it('on a request for more documents: what is missing, and that the clock stops', () => {
    const mail = notificationFor(tenant, 'request-supplement', dossier, '2026-11-24T10:00:00+07:00')!;
    expect(mail.text).toContain('- Giấy chứng sinh bản rõ nét');
    expect(mail.text).toContain('không tính vào thời hạn giải quyết');
  });

  it('says nothing for internal steps, or to an applicant without an email', () => {
    expect(notificationFor(tenant, 'start', dossier, '2026-11-24T10:00:00+07:00')).toBeUndefined();
    expect(notificationFor(tenant, 'forward', dossier, '2026-11-24T10:00:00+07:00')).toBeUndefined();
    const noEmail = { ...dossier, applicant: { fullName: 'Lê Văn B' } } as unknown as Dossier;
    expect(notificationFor(tenant, 'accept', noEmail, '2026-11-24T10:00:00+07:00')).toBeUndefined();
  });
});

describe('a message with a text attachment', () => {
  it('keeps the body readable and carries the attachment with its Vietnamese name and calendar method', async () => {
    // Arrange
    const ics = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:Giao ban tuần\r\nEND:VCALENDAR\r\n';
    // Act
    const parsed = await simpleParser(buildMessage({
      ...message, html: '<p>Kính gửi</p>',
      attachments: [{ fileName: 'Giấy mời họp.ics', contentType: 'text/calendar; method=REQUEST', text: ics }],
    }));
    // Assess
    expect(parsed.text).toBe(message.text);
    expect(parsed.html).toContain('Kính gửi');
    expect(parsed.attachments).toHaveLength(1);
    const [attachment] = parsed.attachments;
    expect(attachment!.filename).toBe('Giấy mời họp.ics');
    expect(attachment!.contentType).toBe('text/calendar');
    expect(attachment!.content.toString('utf8')).toBe(ics);
  });
});
