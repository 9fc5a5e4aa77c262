// Receiving mail, locally and as in AWS: a real SMTP client (nodemailer) delivers to the suite's SMTP port, and an
// SESEvent (as an SES receipt rule's Lambda action sends it) reaches the same function through the Lambda Invoke
// API, after the raw message was put where SES's S3 action puts it. Both land in the officials' INBOX, read through
// the API; every refusal has its SMTP code.
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SESEvent } from 'aws-lambda';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { incomingPrefix } from '#functions/mail/incoming';
import { MAX_MESSAGE_BYTES } from '#functions/mail/quota';
import { keys } from '#functions/mail/store';
import { mailTable } from '#functions/mail/tables';
import { physicalTableName } from '#shared/table';
import { adminOf, api, officerOf, suiteInfo, unique } from './support';

const info = suiteInfo();
const smtpUrl = new URL(info.endpoints.smtp);
const local = { region: 'ap-southeast-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } };
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: info.endpoints.dynamodb, ...local }));
const s3 = new S3Client({ endpoint: info.endpoints.s3, forcePathStyle: true, ...local });
const lambda = new LambdaClient({ endpoint: info.url, ...local });

const transport = nodemailer.createTransport({ host: smtpUrl.hostname, port: Number(smtpUrl.port), secure: false, ignoreTLS: true });
afterAll(() => transport.close());

interface Summary { id: string; subject: string; from?: { address: string }; verdicts?: Record<string, string>; messageId: string }

/** The officer's INBOX items with this subject (newest first; the first page is enough for a fresh subject). */
async function inbox(tenant: string, subject: string, token?: string): Promise<Summary[]> {
  const res = await api('GET', `/v1/${tenant}/mail/folders/INBOX/messages?limit=100`, { token: token ?? await officerOf(tenant) });
  expect(res.status).toBe(200);
  return (res.body.items as Summary[]).filter((m) => m.subject === subject);
}

/** What the SMTP server answered when the whole message was refused (nodemailer throws with the reply). */
async function refusal(mail: SendMailOptions): Promise<{ code?: number; response?: string }> {
  try {
    const sent = await transport.sendMail(mail);
    return { response: `accepted: ${sent.response}` };
  } catch (err) {
    const e = err as { responseCode?: number; response?: string };
    return { code: e.responseCode, response: e.response };
  }
}

/**
 * A raw SMTP dialogue, for what nodemailer does not show or will not send (a SIZE it knows is over the advertised
 * limit). Each reply whole: the greeting first, then one per command.
 */
async function dialogue(commands: string[]): Promise<string[]> {
  const socket = connect(Number(smtpUrl.port), smtpUrl.hostname);
  const replies: string[] = [];
  let buffer = '';
  const next = () => new Promise<string>((resolve, reject) => {
    const onData = () => {
      // A reply ends with a line `<code> ` (a space, not the `-` of a continued multi-line reply).
      const end = /^\d{3} .*\r\n/m.exec(buffer);
      if (!end) return;
      const upTo = end.index + end[0].length;
      const reply = buffer.slice(0, upTo);
      buffer = buffer.slice(upTo);
      socket.off('data', onChunk);
      resolve(reply.trim());
    };
    const onChunk = (chunk: Buffer) => { buffer += chunk.toString('utf8'); onData(); };
    socket.on('data', onChunk);
    socket.once('error', reject);
    onData();
  });
  try {
    replies.push(await next()); // greeting
    for (const command of commands) {
      socket.write(`${command}\r\n`);
      replies.push(await next());
    }
  } finally {
    socket.end('QUIT\r\n');
  }
  return replies;
}

/** A new official of Nghệ An (a mailbox no other test writes to), with their token. */
async function newOfficial(): Promise<string> {
  const email = `hopthu.${unique()}@nghean.gov.vn`;
  const res = await api('POST', '/v1/nghean/users', {
    token: await adminOf('nghean'), body: { email, name: 'Lê Văn Đầy', unit: '000.02.00.H41', roles: ['officer'] },
  });
  expect(res.status).toBe(201);
  return email;
}

describe('the local SMTP server', () => {
  it('delivers to an official\'s INBOX with the Vietnamese subject intact', async () => {
    const subject = `Giấy mời họp giao ban tháng ${unique()} — Sở Nội vụ`;
    const sent = await transport.sendMail({
      from: '"Nguyễn Thị Hương" <huong@example.org>', to: 'canbo@nghean.gov.vn', subject,
      text: 'Kính gửi đồng chí,\nTrân trọng kính mời dự họp giao ban.',
    });
    expect(sent.response).toMatch(/^250 /);
    expect(sent.rejected).toEqual([]);
    const [message] = await inbox('nghean', subject);
    expect(message).toMatchObject({ subject, from: { address: 'huong@example.org' } });
    const read = await api('GET', `/v1/nghean/mail/messages/${message!.id}`, { token: await officerOf('nghean') });
    expect(read.status).toBe(200);
    expect(read.body.text).toContain('Trân trọng kính mời dự họp giao ban.');
  });

  it('delivers one message to several tenants\' domains, each into its own INBOX', async () => {
    const subject = `Thông báo liên tỉnh ${unique()}`;
    const sent = await transport.sendMail({ from: 'vanphong@example.org', to: ['canbo@nghean.gov.vn', 'canbo@hue.gov.vn'], subject, text: 'Nội dung.' });
    expect(sent.accepted).toEqual(['canbo@nghean.gov.vn', 'canbo@hue.gov.vn']);
    expect(await inbox('nghean', subject)).toHaveLength(1);
    expect(await inbox('hue', subject)).toHaveLength(1);
  });

  it('answers 550 5.1.1 for an unknown recipient, and delivers to the others of the message', async () => {
    const unknown = `khongco.${unique()}@nghean.gov.vn`;
    expect(await refusal({ from: 'a@example.org', to: unknown, subject: 'x', text: 'x' })).toEqual({ code: 550, response: `550 5.1.1 <${unknown}>: no such mailbox here` });

    const subject = `Một người nhận không tồn tại ${unique()}`;
    const sent = await transport.sendMail({ from: 'a@example.org', to: [unknown, 'canbo@nghean.gov.vn'], subject, text: 'x' });
    expect(sent.rejected).toEqual([unknown]);
    expect(sent.accepted).toEqual(['canbo@nghean.gov.vn']);
    expect(await inbox('nghean', subject)).toHaveLength(1);
  });

  it('refuses to relay to another domain (550 5.7.1)', async () => {
    expect(await refusal({ from: 'canbo@nghean.gov.vn', to: 'someone@example.com', subject: 'x', text: 'x' }))
      .toEqual({ code: 550, response: '550 5.7.1 Relaying denied: example.com is not a domain of this suite' });
  });

  it('answers 552 5.3.4 for a message over the limit, and 552 at MAIL FROM for a declared SIZE over it', async () => {
    // The real limit: 25 MB over loopback takes about a second.
    const over = await refusal({ from: 'a@example.org', to: 'canbo@nghean.gov.vn', subject: 'Quá lớn', text: 'x'.repeat(MAX_MESSAGE_BYTES + 1) });
    expect(over).toEqual({ code: 552, response: `552 5.3.4 Message too big: the limit is ${MAX_MESSAGE_BYTES} bytes` });

    const replies = await dialogue(['EHLO client.example.org', `MAIL FROM:<a@example.org> SIZE=${MAX_MESSAGE_BYTES + 1}`]);
    expect(replies[1]).toMatch(/^250[- ]/);
    expect(replies[2]).toMatch(/^552 .*exceeds fixed maximum message size/);
  }, 60_000);

  it('advertises SIZE and neither AUTH nor STARTTLS (local only, on 127.0.0.1)', async () => {
    const [, ehlo] = await dialogue(['EHLO client.example.org']);
    expect(ehlo).toMatch(new RegExp(`^250[- ]SIZE ${MAX_MESSAGE_BYTES}$`, 'm'));
    expect(ehlo).not.toMatch(/AUTH|STARTTLS/);
  });

  it('answers 452 4.2.2 for a full mailbox, at RCPT TO', async () => {
    const email = await newOfficial();
    // Prepare: the mailbox's usage far above any plan's quota (functions/mail/store.ts keys.usage).
    await db.send(new PutCommand({ TableName: physicalTableName('nghean', mailTable), Item: { ...keys.usage('nghean', email), usedBytes: 2 ** 50 } }));
    expect(await refusal({ from: 'a@example.org', to: email, subject: 'x', text: 'x' })).toEqual({ code: 452, response: `452 4.2.2 <${email}>: mailbox full, try again later` });
  });

  it('answers 550 5.6.0 for a malformed message, and keeps nothing of it', async () => {
    const incoming = async () => (await s3.send(new ListObjectsV2Command({ Bucket: 'tinhso-nghean', Prefix: incomingPrefix('nghean') }))).Contents?.map((o) => o.Key) ?? [];
    const before = await incoming();
    const result = await refusal({ envelope: { from: 'a@example.org', to: ['canbo@nghean.gov.vn'] }, raw: 'this is not a mail message\r\nnor is this\r\n' });
    expect(result).toEqual({ code: 550, response: '550 5.6.0 Not a well-formed Internet message (RFC 5322)' });
    // The transit copy the server put into the bucket is gone too.
    expect(await incoming()).toEqual(before);
  });

  it('files a message delivered twice (same Message-ID) once', async () => {
    const subject = `Gửi lại hai lần ${unique()}`;
    const mail = { from: 'a@example.org', to: 'canbo@nghean.gov.vn', subject, text: 'Một bản thôi.', messageId: `<${randomUUID()}@example.org>` };
    const first = await transport.sendMail(mail);
    const second = await transport.sendMail(mail);
    expect(first.response).toMatch(/^250 /);
    expect(second.response).toMatch(/^250 /);
    expect(await inbox('nghean', subject)).toHaveLength(1);
  });
});

/** The SESEvent a receipt rule's Lambda action sends, for a message SES stored at `<tenant>/mail/incoming/<messageId>`. */
function sesEvent(messageId: string, recipients: string[], verdicts: { spf: string; dkim: string; dmarc: string; virus?: string }): SESEvent {
  const status = (s: string) => ({ status: s as 'PASS' });
  return {
    Records: [{
      eventSource: 'aws:ses', eventVersion: '1.0',
      ses: {
        mail: {
          timestamp: new Date().toISOString(), source: 'sender@example.org', messageId, destination: recipients,
          headersTruncated: false, headers: [], commonHeaders: { returnPath: 'sender@example.org', from: ['sender@example.org'], date: new Date().toUTCString(), to: recipients, messageId: `<${messageId}@example.org>`, subject: 'x' },
        },
        receipt: {
          timestamp: new Date().toISOString(), processingTimeMillis: 120, recipients,
          spamVerdict: status('PASS'), virusVerdict: status(verdicts.virus ?? 'PASS'),
          spfVerdict: status(verdicts.spf), dkimVerdict: status(verdicts.dkim), dmarcVerdict: status(verdicts.dmarc), dmarcPolicy: 'none',
          action: { type: 'Lambda', functionArn: 'arn:aws:lambda:ap-southeast-1:000000000000:function:tinhso-nghean-mail-receive', invocationType: 'Event' },
        },
      },
    }],
  };
}

/** As SES does: the S3 action stores the raw message, then the Lambda action invokes the tenant's mail-receive. */
async function receiveThroughSes(raw: string, recipients: string[], verdicts: { spf: string; dkim: string; dmarc: string; virus?: string }) {
  const messageId = `ses${randomUUID().replace(/-/g, '')}`;
  await s3.send(new PutObjectCommand({ Bucket: 'tinhso-nghean', Key: `${incomingPrefix('nghean')}${messageId}`, Body: raw }));
  const out = await lambda.send(new InvokeCommand({ FunctionName: 'tinhso-nghean-mail-receive', Payload: JSON.stringify(sesEvent(messageId, recipients, verdicts)) }));
  expect(out.FunctionError).toBeUndefined();
  return JSON.parse(Buffer.from(out.Payload!).toString('utf8')) as { messages: { result: { outcomes?: Record<string, string>; refused?: string } }[] };
}

const rawMessage = (subject: string) => [
  'From: =?UTF-8?B?VHLhuqduIFbEg24gQg==?= <sender@example.org>',
  'To: canbo@nghean.gov.vn',
  `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
  `Message-ID: <${randomUUID()}@example.org>`,
  `Date: ${new Date().toUTCString()}`,
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  'Nội dung thư nhận qua SES.',
  '',
].join('\r\n');

describe('mail received by SES (the receipt rule\'s S3 and Lambda actions)', () => {
  it('files the stored message with SPF, DKIM and DMARC verdicts, once however often SES invokes', async () => {
    const subject = `Thư qua SES ${unique()}`;
    const raw = rawMessage(subject);
    const first = await receiveThroughSes(raw, ['canbo@nghean.gov.vn', 'nobody@example.com'], { spf: 'PASS', dkim: 'PASS', dmarc: 'GRAY' });
    expect(first.messages[0]!.result.outcomes).toEqual({ 'canbo@nghean.gov.vn': 'delivered' });
    const again = await receiveThroughSes(raw, ['canbo@nghean.gov.vn'], { spf: 'PASS', dkim: 'PASS', dmarc: 'GRAY' });
    expect(again.messages[0]!.result.outcomes).toEqual({ 'canbo@nghean.gov.vn': 'duplicate' });
    const found = await inbox('nghean', subject);
    expect(found).toHaveLength(1);
    expect(found[0]!.verdicts).toEqual({ spf: 'PASS', dkim: 'PASS', dmarc: 'GRAY' });
  });

  it('files nothing that SES found a virus in', async () => {
    const subject = `Thư có virus ${unique()}`;
    const out = await receiveThroughSes(rawMessage(subject), ['canbo@nghean.gov.vn'], { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', virus: 'FAIL' });
    expect(out.messages[0]!.result).toEqual({ refused: 'VIRUS' });
    expect(await inbox('nghean', subject)).toEqual([]);
  });

  it('reports a malformed message by its code instead of failing the invocation', async () => {
    const out = await receiveThroughSes('not a mail message\r\n', ['canbo@nghean.gov.vn'], { spf: 'NONE', dkim: 'NONE', dmarc: 'NONE' });
    expect(out.messages[0]!.result).toEqual({ error: 'MESSAGE_MALFORMED' });
  });
});
