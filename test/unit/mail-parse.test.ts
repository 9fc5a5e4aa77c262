// Reading mail as the mailbox stores it: what we build and what other servers send (Outlook-style HTML with an
// inline image, groups, repeated headers, hostile file names) comes out in one plain shape; what is not a mail
// message at all is refused; replies find their thread.
import { buildMessage, type MimeMessage } from '#functions/mail/mime';
import { parseMessage, snippet, threadCandidates, threadKey } from '#functions/mail/parse';

const crlf = (lines: string[]) => lines.join('\r\n');

describe('a message built here, parsed', () => {
  const pdf = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) % 256);
  const message: MimeMessage = {
    messageId: 'reply.42@nghean.gov.vn',
    date: new Date('2026-11-24T10:05:00Z'),
    from: { address: 'lanhdao@nghean.gov.vn', name: 'Trần Thị Lan' },
    to: [{ address: 'canbo@nghean.gov.vn', name: 'Nguyễn Văn Bình' }],
    cc: [{ address: 'vanthu@hue.gov.vn' }],
    replyTo: [{ address: 'vanthu@nghean.gov.vn', name: 'Văn thư' }],
    inReplyTo: 'parent.41@nghean.gov.vn',
    references: ['root.40@hue.gov.vn', 'parent.41@nghean.gov.vn'],
    subject: 'Re: Kế hoạch cải cách hành chính năm 2027',
    text: 'Đồng ý.\n\nTrần Thị Lan\n',
    html: '<p>Đồng ý.</p>',
    headers: { 'X-TinhSo-Reference': 'documents:05' },
    attachments: [{ fileName: 'Kế hoạch (bản sửa).pdf', contentType: 'application/pdf', content: pdf }],
  };

  it('has every field in the plain shape, ids without brackets and attachments byte for byte', async () => {
    // Prepare
    const raw = buildMessage(message);
    // Act
    const parsed = await parseMessage(new TextEncoder().encode(raw));
    // Assess
    expect(parsed).toMatchObject({
      messageId: 'reply.42@nghean.gov.vn', inReplyTo: 'parent.41@nghean.gov.vn', references: ['root.40@hue.gov.vn', 'parent.41@nghean.gov.vn'],
      subject: message.subject,
      from: { address: 'lanhdao@nghean.gov.vn', name: 'Trần Thị Lan' },
      to: [{ address: 'canbo@nghean.gov.vn', name: 'Nguyễn Văn Bình' }],
      cc: [{ address: 'vanthu@hue.gov.vn' }],
      replyTo: [{ address: 'vanthu@nghean.gov.vn', name: 'Văn thư' }],
      text: message.text, html: expect.stringContaining('<p>Đồng ý.</p>'), size: Buffer.byteLength(raw),
    });
    expect(parsed.cc[0]).not.toHaveProperty('name');
    expect(parsed.date?.toISOString()).toBe('2026-11-24T10:05:00.000Z');
    expect(parsed.headers).toMatchObject({ 'message-id': '<reply.42@nghean.gov.vn>', 'x-tinhso-reference': 'documents:05', 'mime-version': '1.0' });
    expect(parsed.attachments).toHaveLength(1);
    const [attachment] = parsed.attachments;
    expect(attachment).toMatchObject({ fileName: 'Kế hoạch (bản sửa).pdf', contentType: 'application/pdf', size: 1000, inline: false });
    expect(attachment).not.toHaveProperty('contentId');
    expect(Uint8Array.from(attachment!.content)).toEqual(pdf);
  });

  it('reads a string the same as its bytes', async () => {
    const raw = buildMessage(message);
    expect(await parseMessage(raw)).toEqual(await parseMessage(Buffer.from(raw)));
  });
});

describe('a message from another mail server', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
  const raw = crlf([
    'Received: from mx2.example.vn by mx.nghean.gov.vn; Tue, 24 Nov 2026 10:05:02 +0700',
    'Received: from outlook by mx2.example.vn; Tue, 24 Nov 2026 10:05:01 +0700',
    'Message-ID: <CAF=abc+123@mail.example.vn>',
    'In-Reply-To: <parent.41@nghean.gov.vn> (sent by Bình)',
    'References: <root.40@hue.gov.vn>',
    '\t<parent.41@nghean.gov.vn>',
    'Date: Tue, 24 Nov 2026 10:05:00 +0700',
    'From: =?UTF-8?Q?C=C3=B4ng_ty_Ho=C3=A0_B=C3=ACnh?= <LienHe@Example.VN>',
    'To: Ban tiep nhan: canbo@NGHEAN.gov.vn, "Le, Van C" <c@nghean.gov.vn>;',
    'Subject: =?UTF-8?B?xJDGoW4gxJHhu4Egbmdo4buL?=',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/related; boundary="rel"',
    '',
    '--rel',
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    '<p>Kính gửi quý cơ quan <img src="cid:logo@example.vn" alt="logo"></p>',
    '--rel',
    'Content-Type: image/png',
    'Content-ID: <logo@example.vn>',
    'Content-Disposition: inline; filename="logo.png"',
    'Content-Transfer-Encoding: base64',
    '',
    png.toString('base64'),
    '--rel--',
    '--outer',
    'Content-Type: application/octet-stream; name="../../etc/passwd"',
    'Content-Disposition: attachment; filename="../../etc/passwd"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('root:x:0:0').toString('base64'),
    '--outer',
    'Content-Type: application/octet-stream',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('no name').toString('base64'),
    '--outer--',
    '',
  ]);

  it('is normalised: decoded names, groups flattened, lower-case domains, thread ids without comments', async () => {
    // Act
    const parsed = await parseMessage(raw);
    // Assess
    expect(parsed.messageId).toBe('CAF=abc+123@mail.example.vn');
    expect(parsed.inReplyTo).toBe('parent.41@nghean.gov.vn');
    expect(parsed.references).toEqual(['root.40@hue.gov.vn', 'parent.41@nghean.gov.vn']);
    expect(parsed.subject).toBe('Đơn đề nghị');
    expect(parsed.from).toEqual({ address: 'LienHe@example.vn', name: 'Công ty Hoà Bình' });
    expect(parsed.to).toEqual([{ address: 'canbo@nghean.gov.vn' }, { address: 'c@nghean.gov.vn', name: 'Le, Van C' }]);
    expect(parsed.cc).toEqual([]);
    expect(parsed).not.toHaveProperty('replyTo');
    expect(parsed.date?.toISOString()).toBe('2026-11-24T03:05:00.000Z');
  });

  it('keeps the inline image as a cid: link with its part, and makes hostile or missing file names safe', async () => {
    // Act
    const parsed = await parseMessage(raw);
    // Assess
    expect(parsed.html).toContain('src="cid:logo@example.vn"');
    expect(parsed.text).toBe('Kính gửi quý cơ quan'); // made from the HTML, which is all the body has
    expect(parsed.attachments.map((a) => ({ fileName: a.fileName, contentId: a.contentId, inline: a.inline }))).toEqual([
      { fileName: 'logo.png', contentId: 'logo@example.vn', inline: true },
      { fileName: 'passwd', contentId: undefined, inline: false },
      { fileName: 'attachment-3', contentId: undefined, inline: false },
    ]);
    expect(parsed.attachments[0]!.content.equals(png)).toBe(true);
    expect(parsed.attachments[0]!.size).toBe(png.length);
  });

  it('gives each header once, lower-case, unfolded, the first occurrence', async () => {
    // Act
    const { headers } = await parseMessage(raw);
    // Assess
    expect(headers.received).toBe('from mx2.example.vn by mx.nghean.gov.vn; Tue, 24 Nov 2026 10:05:02 +0700');
    expect(headers.references).toBe('<root.40@hue.gov.vn>\t<parent.41@nghean.gov.vn>');
    expect(headers.subject).toBe('=?UTF-8?B?xJDGoW4gxJHhu4Egbmdo4buL?=');
    expect(Object.keys(headers).every((k) => k === k.toLowerCase())).toBe(true);
  });

  it('takes a message with only a From as a message (no date, no id)', async () => {
    // Act
    const parsed = await parseMessage('From: a@example.vn\r\n\r\nXin chào\r\n');
    // Assess
    expect(parsed).toMatchObject({ from: { address: 'a@example.vn' }, text: 'Xin chào\n', references: [], to: [], subject: '' });
    expect(parsed.messageId).toBeUndefined();
    expect(parsed.date).toBeUndefined();
  });
});

describe('a malformed message', () => {
  it.each([
    ['empty', ''],
    ['text without headers', 'Xin chào, đây không phải là một bức thư.\r\n\r\nNội dung'],
    ['binary garbage', Uint8Array.from([0, 1, 2, 255, 254, 13, 10, 13, 10, 7])],
    ['headers without From, Date or Message-ID', 'X-Mailer: spam\r\nSubject: hi\r\n\r\nbody\r\n'],
    ['an unreadable Date and nothing else', 'Date: yesterday-ish\r\nSubject: hi\r\n\r\nbody\r\n'],
    ['a From without an address', 'From: nobody\r\nSubject: hi\r\n\r\nbody\r\n'],
  ])('%s is refused (400 MESSAGE_MALFORMED)', async (_, raw) => {
    // Act
    const parsing = parseMessage(raw);
    // Assess
    await expect(parsing).rejects.toMatchObject({ status: 400, code: 'MESSAGE_MALFORMED', messageEn: expect.stringContaining('RFC 5322') });
  });
});

describe('threads', () => {
  const known = new Map([['root@hue.gov.vn', 'T-root'], ['middle@nghean.gov.vn', 'T-middle'], ['parent@nghean.gov.vn', 'T-parent']]);

  it('a reply joins the thread of its newest known reference', () => {
    // Act
    const thread = threadKey({ messageId: 'new@x.vn', inReplyTo: 'parent@nghean.gov.vn', references: ['root@hue.gov.vn', 'middle@nghean.gov.vn', 'parent@nghean.gov.vn'] }, known);
    // Assess
    expect(thread).toBe('T-parent');
  });

  it('a reply whose parent the mailbox never had joins through an older message of the thread', () => {
    // Act
    const thread = threadKey({ messageId: 'new@x.vn', inReplyTo: 'gone@x.vn', references: ['root@hue.gov.vn', 'middle@nghean.gov.vn', 'gone@x.vn'] }, known);
    // Assess
    expect(thread).toBe('T-middle');
  });

  it('In-Reply-To counts when References says nothing known (clients that write only In-Reply-To)', () => {
    expect(threadKey({ messageId: 'new@x.vn', inReplyTo: 'root@hue.gov.vn', references: ['unknown@x.vn'] }, known)).toBe('T-root');
    expect(threadKey({ messageId: 'new@x.vn', inReplyTo: 'root@hue.gov.vn' }, { 'root@hue.gov.vn': 'T-from-record' })).toBe('T-from-record');
  });

  it('a message that refers to nothing known starts its own thread, named by its Message-ID', () => {
    expect(threadKey({ messageId: 'new@x.vn', inReplyTo: 'a@x.vn', references: ['b@x.vn'] }, known)).toBe('new@x.vn');
    expect(threadKey({ messageId: 'first@x.vn', references: [] }, known)).toBe('first@x.vn');
    // A record's inherited properties are not known messages.
    expect(threadKey({ messageId: 'first@x.vn', inReplyTo: 'constructor' }, {})).toBe('first@x.vn');
  });

  it('a message that names itself is not its own parent', () => {
    expect(threadKey({ messageId: 'parent@nghean.gov.vn', references: ['parent@nghean.gov.vn'] }, known)).toBe('parent@nghean.gov.vn');
  });

  it('lists what to look up in the order it is tried, each id once', () => {
    expect(threadCandidates({ messageId: 'n@x', inReplyTo: 'c@x', references: ['a@x', 'b@x', 'c@x', 'n@x'] })).toEqual(['c@x', 'b@x', 'a@x']);
  });
});

describe('the snippet', () => {
  it('collapses whitespace and keeps short text whole', () => {
    expect(snippet('  Kính gửi\r\n\r\n\tSở   Nội vụ,\n ')).toBe('Kính gửi Sở Nội vụ,');
  });

  it('is at most 160 characters, cut at a word, with an ellipsis', () => {
    // Prepare
    const text = 'Đề nghị các cơ quan, đơn vị rà soát thủ tục hành chính '.repeat(10);
    // Act
    const result = snippet(text, 160);
    // Assess
    expect([...result].length).toBeLessThanOrEqual(160);
    expect(result.endsWith('…')).toBe(true);
    expect(text.replace(/\s+/g, ' ').startsWith(result.slice(0, -1))).toBe(true);
    expect(result.at(-2)).not.toBe(' ');
    expect(text.replace(/\s+/g, ' ')[result.length - 1]).toBe(' '); // the cut is at a word's end
  });

  it('never separates a letter from its tone mark (decomposed text is composed first)', () => {
    // Prepare: "ệ" written as e + circumflex + dot below, as some Mac mail clients send it.
    const decomposed = 'Nghệ An '.normalize('NFD').repeat(40);
    // Act
    const result = snippet(decomposed, 18);
    // Assess
    expect(result).toBe('Nghệ An Nghệ An…'.normalize('NFC'));
  });
});
