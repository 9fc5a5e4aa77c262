// Official mail as it is built: a real parser (mailparser, what mail clients rely on) reads back exactly what was
// meant — Vietnamese subject, names, body and file names, binary attachments byte for byte, the thread headers —
// and a value that would write a header of its own (CR/LF) is refused with a code a client can act on.
import { simpleParser, type AddressObject } from 'mailparser';
import { buildMessage, envelopeRecipients, MAX_REFERENCES, newMessageId, type MimeMessage } from '#functions/mail/mime';
import { MAX_RECIPIENTS } from '#functions/mail/addresses';

const message: MimeMessage = {
  messageId: '5f0c2a9e41d7b3a8c6e1f2d4.mf4c1z2k@nghean.gov.vn',
  date: new Date('2026-11-24T10:05:00Z'),
  from: { address: 'canbo@nghean.gov.vn', name: 'Nguyễn Văn Bình' },
  to: [{ address: 'vanthu@hue.gov.vn', name: 'Văn thư Sở Nội vụ Huế' }, { address: 'lanhdao@nghean.gov.vn' }],
  cc: [{ address: 'stp@nghean.gov.vn', name: 'Sở Tư pháp tỉnh Nghệ An' }],
  bcc: [{ address: 'luutru@nghean.gov.vn', name: 'Lưu trữ' }],
  subject: 'Về việc góp ý dự thảo Quyết định ban hành Quy chế quản lý, sử dụng hệ thống thư công vụ của tỉnh',
  text: 'Kính gửi Sở Nội vụ,\n\nĐề nghị quý Sở góp ý dự thảo đính kèm trước ngày 30/11/2026.\n\nTrân trọng.\n',
  html: '<p>Kính gửi <b>Sở Nội vụ</b>,</p><p>Đề nghị quý Sở góp ý dự thảo đính kèm.</p>',
};

/** Every byte value, so that base64 and the parser are tested on what a PDF or an image really holds. */
const pdfBytes = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256);
const attachments: MimeMessage['attachments'] = [
  { fileName: 'Dự thảo Quyết định số 05-QĐ-UBND (lần 2) về thư công vụ tỉnh Nghệ An năm 2026.pdf', contentType: 'application/pdf', content: pdfBytes },
  { fileName: 'Góp ý của Sở.txt', contentType: 'text/plain', content: 'Ý kiến: đồng ý với dự thảo.\n' },
  { fileName: 'plain-ascii.csv', contentType: 'text/csv', content: new TextEncoder().encode('a;b\r\n1;2\r\n') },
];

const addresses = (value: AddressObject | AddressObject[] | undefined) => [value ?? []].flat().flatMap((v) => v.value);

describe('a message with Cc, Bcc, HTML and binary attachments', () => {
  it('reads back with its Vietnamese subject, names, body and attachments, and without Bcc', async () => {
    // Prepare
    const input = { ...message, attachments };
    // Act
    const raw = buildMessage(input);
    const parsed = await simpleParser(raw);
    // Assess
    expect(parsed.subject).toBe(message.subject);
    expect(addresses(parsed.from)).toEqual([{ address: 'canbo@nghean.gov.vn', name: 'Nguyễn Văn Bình' }]);
    expect(addresses(parsed.to)).toEqual([
      { address: 'vanthu@hue.gov.vn', name: 'Văn thư Sở Nội vụ Huế' }, { address: 'lanhdao@nghean.gov.vn', name: '' },
    ]);
    expect(addresses(parsed.cc)).toEqual([{ address: 'stp@nghean.gov.vn', name: 'Sở Tư pháp tỉnh Nghệ An' }]);
    expect(parsed.text).toBe(message.text);
    expect(parsed.html).toContain('<b>Sở Nội vụ</b>');
    expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual(attachments!.map((a) => [a.fileName, a.contentType]));
    expect(Uint8Array.from(parsed.attachments[0]!.content)).toEqual(pdfBytes);
    expect(parsed.attachments[1]!.content.toString('utf8')).toBe('Ý kiến: đồng ý với dự thảo.\n');
    expect(parsed.attachments[2]!.content.toString('utf8')).toBe('a;b\r\n1;2\r\n');
    // Bcc recipients get the message through the envelope only: no header names them.
    expect(parsed.bcc).toBeUndefined();
    expect(raw).not.toMatch(/^bcc:/im);
    expect(raw).not.toContain('luutru@');
  });

  it('keeps every line within 78 characters, long Vietnamese file names included', () => {
    // Act
    const raw = buildMessage({ ...message, attachments });
    // Assess
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(raw).toMatch(/filename\*1\*=/); // the long name is in RFC 2231 continuations
  });

  it('sends Bcc recipients in the envelope, each address once', () => {
    // Act
    const envelope = envelopeRecipients({ ...message, bcc: [...message.bcc!, { address: 'STP@NgheAn.gov.vn' }] });
    // Assess
    expect(envelope).toEqual(['vanthu@hue.gov.vn', 'lanhdao@nghean.gov.vn', 'stp@nghean.gov.vn', 'luutru@nghean.gov.vn']);
  });

  it('says undisclosed recipients in To when the message goes to Bcc only', async () => {
    // Act
    const parsed = await simpleParser(buildMessage({ ...message, to: [], cc: [] }));
    // Assess
    expect(parsed.headers.get('to')).toMatchObject({ value: [{ name: 'undisclosed-recipients', group: [] }] });
    expect(parsed.bcc).toBeUndefined();
  });

  it('writes Reply-To and extra headers', async () => {
    // Act
    const parsed = await simpleParser(buildMessage({
      ...message, replyTo: { address: 'vanthu@nghean.gov.vn', name: 'Văn thư' }, headers: { 'X-TinhSo-Reference': 'documents:05/QD-UBND' },
    }));
    // Assess
    expect(addresses(parsed.replyTo)).toEqual([{ address: 'vanthu@nghean.gov.vn', name: 'Văn thư' }]);
    expect(parsed.headers.get('x-tinhso-reference')).toBe('documents:05/QD-UBND');
  });

  it('is the same message byte for byte when built again (a retried send stores one message)', () => {
    expect(buildMessage({ ...message, attachments })).toBe(buildMessage({ ...message, attachments }));
  });
});

describe('a reply', () => {
  it('carries In-Reply-To and References as Message-IDs that read back in order', async () => {
    // Prepare
    const references = ['root.1@hue.gov.vn', '<second.2@nghean.gov.vn>', 'parent.3@hue.gov.vn'];
    // Act
    const raw = buildMessage({ ...message, subject: 'Re: ' + message.subject, inReplyTo: '<parent.3@hue.gov.vn>', references });
    const parsed = await simpleParser(raw);
    // Assess
    expect(parsed.inReplyTo).toBe('<parent.3@hue.gov.vn>');
    expect(parsed.references).toEqual(['<root.1@hue.gov.vn>', '<second.2@nghean.gov.vn>', '<parent.3@hue.gov.vn>']);
    expect(raw).toContain('References: <root.1@hue.gov.vn>\r\n <second.2@nghean.gov.vn>\r\n <parent.3@hue.gov.vn>\r\n');
  });

  it('keeps the thread\'s root and its latest references when the thread is long', async () => {
    // Prepare
    const references = Array.from({ length: 50 }, (_, i) => `m${i}@nghean.gov.vn`);
    // Act
    const parsed = await simpleParser(buildMessage({ ...message, inReplyTo: 'm49@nghean.gov.vn', references }));
    // Assess
    expect(parsed.references).toHaveLength(MAX_REFERENCES);
    expect(parsed.references![0]).toBe('<m0@nghean.gov.vn>');
    expect(parsed.references!.at(-1)).toBe('<m49@nghean.gov.vn>');
    expect(parsed.references![1]).toBe(`<m${50 - MAX_REFERENCES + 1}@nghean.gov.vn>`);
  });

  it('refuses a Message-ID that is not one', () => {
    expect(() => buildMessage({ ...message, inReplyTo: 'two words@x.vn' })).toThrow(expect.objectContaining({ code: 'MESSAGE_ID_INVALID' }));
    expect(() => buildMessage({ ...message, references: ['<a@b><c@d>'] })).toThrow(expect.objectContaining({ code: 'MESSAGE_ID_INVALID' }));
  });
});

describe('header injection', () => {
  const injected = 'Xin chào\r\nBcc: everyone@example.com';
  const cases: [string, Partial<MimeMessage>, string][] = [
    ['the subject', { subject: injected }, 'subject'],
    ['a display name', { to: [{ address: 'vanthu@hue.gov.vn', name: injected }] }, 'to[0].name'],
    ['an address', { cc: [{ address: 'stp@nghean.gov.vn\nBcc: x@example.com' }] }, 'cc[0].address'],
    ['a Bcc address', { bcc: [{ address: 'x@example.com\r\nSubject: x' }] }, 'bcc[0].address'],
    ['a file name', { attachments: [{ fileName: 'báo cáo.pdf\r\nContent-Type: text/html', contentType: 'application/pdf', content: pdfBytes }] }, 'attachments[0].fileName'],
    ['a content type', { attachments: [{ fileName: 'a.pdf', contentType: 'application/pdf\r\nX: y', content: pdfBytes }] }, 'attachments[0].contentType'],
    ['In-Reply-To', { inReplyTo: 'a@b.vn\r\nBcc: x@example.com' }, 'inReplyTo'],
    ['a reference', { references: ['a@b.vn', 'c@d.vn\nBcc: x@example.com'] }, 'references[1]'],
    ['an extra header', { headers: { 'X-TinhSo-Reference': 'a\r\nBcc: x@example.com' } }, 'headers.X-TinhSo-Reference'],
    ['a NUL', { subject: 'Xin chào\0' }, 'subject'],
  ];

  it.each(cases)('through %s is refused (400 HEADER_INJECTION)', (_, change, field) => {
    // Act
    const build = () => buildMessage({ ...message, ...change });
    // Assess
    expect(build).toThrow(expect.objectContaining({ status: 400, code: 'HEADER_INJECTION', details: { field } }));
  });

  it('says so in Vietnamese first and English second', () => {
    // Act
    let error: unknown;
    try {
      buildMessage({ ...message, subject: injected });
    } catch (err) {
      error = err;
    }
    // Assess
    expect(error).toMatchObject({ message: expect.stringContaining('xuống dòng'), messageEn: expect.stringContaining('line break') });
  });
});

describe('other bad input', () => {
  it('refuses an invalid address in any field (400 ADDRESS_INVALID)', () => {
    for (const change of [
      { from: { address: 'canbo@' } }, { to: [{ address: 'không-dấu@nghean.gov.vn' }] }, { cc: [{ address: 'a@@b.vn' }] },
      { bcc: [{ address: 'a@localhost' }] }, { replyTo: { address: '<a@b.vn>' } },
    ]) {
      expect(() => buildMessage({ ...message, ...change })).toThrow(expect.objectContaining({ status: 400, code: 'ADDRESS_INVALID' }));
    }
  });

  it(`refuses more than ${MAX_RECIPIENTS} recipients in To, Cc and Bcc together (400 TOO_MANY_RECIPIENTS)`, () => {
    // Prepare
    const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ address: `${prefix}${i}@nghean.gov.vn` }));
    // Act / Assess
    expect(() => buildMessage({ ...message, to: many('to', 200), cc: many('cc', 200), bcc: many('bcc', 101) }))
      .toThrow(expect.objectContaining({ code: 'TOO_MANY_RECIPIENTS' }));
    expect(() => buildMessage({ ...message, to: many('to', 200), cc: many('cc', 200), bcc: many('bcc', 100) })).not.toThrow();
  });

  it('refuses a message with no recipient, an extra header that replaces one of its own, a bad content type', () => {
    expect(() => buildMessage({ ...message, to: [], cc: [], bcc: [] })).toThrow(expect.objectContaining({ code: 'MESSAGE_INVALID' }));
    expect(() => buildMessage({ ...message, headers: { bcc: 'x@example.com' } })).toThrow(expect.objectContaining({ code: 'HEADER_INVALID' }));
    expect(() => buildMessage({ ...message, headers: { 'X Bad': 'x' } })).toThrow(expect.objectContaining({ code: 'HEADER_INVALID' }));
    expect(() => buildMessage({ ...message, attachments: [{ fileName: 'a.pdf', contentType: 'pdf', content: pdfBytes }] }))
      .toThrow(expect.objectContaining({ code: 'ATTACHMENT_INVALID' }));
    expect(() => buildMessage({ ...message, attachments: [{ fileName: '  ', contentType: 'application/pdf', content: pdfBytes }] }))
      .toThrow(expect.objectContaining({ code: 'ATTACHMENT_INVALID' }));
  });
});

describe('a new Message-ID', () => {
  it('is random, at the tenant\'s domain, and is written inside <…> as given', async () => {
    // Act
    const ids = Array.from({ length: 100 }, () => newMessageId('NgheAn.gov.vn', new Date('2026-11-24T10:05:00Z')));
    const parsed = await simpleParser(buildMessage({ ...message, messageId: ids[0]! }));
    // Assess
    expect(new Set(ids).size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}\.[0-9a-z]+@nghean\.gov\.vn$/);
    expect(parsed.messageId).toBe(`<${ids[0]}>`);
  });

  it('refuses a domain that is not one', () => {
    expect(() => newMessageId('nghean')).toThrow(expect.objectContaining({ code: 'ADDRESS_INVALID' }));
    expect(() => newMessageId('nghean.gov.vn\r\nX: y')).toThrow(expect.objectContaining({ code: 'HEADER_INJECTION' }));
  });
});
