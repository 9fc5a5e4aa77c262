// Mail to other domains through an SMTP relay (MAIL_TRANSPORT=smtp, SMTP_RELAY_URL): a real SMTP server stands in for
// the province's relay and receives the raw message unchanged, with the envelope's recipients (Bcc included).
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { buildMessage } from '#functions/mail/mime';
import { smtpTransport } from '#functions/mail/transport';

interface Received { from: string; to: string[]; raw: string }

let server: SMTPServer;
let port: number;
const received: Received[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('hands the relay the raw message unchanged, to every envelope recipient', async () => {
  // Prepare
  const raw = buildMessage({
    messageId: `relay-${Date.now()}@nghean.gov.vn`, date: new Date('2026-11-24T03:00:00Z'),
    from: { address: 'vanthu@nghean.gov.vn', name: 'Văn thư' }, to: [{ address: 'doitac@example.vn' }],
    bcc: [{ address: 'luutru@example.vn' }], subject: 'Gửi đối tác ngoài tỉnh', text: 'Kính gửi Quý đơn vị.',
  });
  // Act
  await smtpTransport(`smtp://127.0.0.1:${port}`).send(raw, { from: 'vanthu@nghean.gov.vn', to: ['doitac@example.vn', 'luutru@example.vn'] }, 'relay');
  // Assess
  expect(received).toHaveLength(1);
  expect(received[0]!.from).toBe('vanthu@nghean.gov.vn');
  expect(received[0]!.to).toEqual(['doitac@example.vn', 'luutru@example.vn']);
  expect(received[0]!.raw.replace(/\r\n$/, '')).toBe(raw.replace(/\r\n$/, ''));
  expect(received[0]!.raw).not.toMatch(/^Bcc:/im);
});

it('fails loudly when the relay refuses, so the outbox retries', async () => {
  // Nothing listens on port 1: the connection is refused, and send() rejects with that.
  await expect(smtpTransport('smtp://127.0.0.1:1').send('Subject: x\r\n\r\nx\r\n', { from: 'a@nghean.gov.vn', to: ['b@example.vn'] }, 'x'))
    .rejects.toMatchObject({ code: 'ESOCKET' });
});
