// The applicant hears of their dossier by email: the request is saved with the change, the mail service's outbox
// consumer sends it once, and locally it lands as a standard .eml file any mail client opens.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { simpleParser } from 'mailparser';
import { applicant, BIRTH, birthDocuments, birthForm } from './fixtures';
import { adminOf, api, eventually, signIn } from './support';

it('tells the applicant by email that the dossier was accepted, once, in Vietnamese', async () => {
  // Prepare: a citizen who gave an email
  const token = await signIn('nghean', 'congdan@example.vn');
  const documents = await birthDocuments(token);
  const body = { procedureCode: BIRTH, applicant: { ...applicant, email: 'hoa.nguyen@example.vn' }, form: birthForm, documents };
  const { code } = (await api('POST', '/v1/nghean/dossiers', { token, body })).body;
  // Act
  const accepted = await api('POST', `/v1/nghean/dossiers/${code}/actions`, { token: await signIn('nghean', 'vanthu@nghean.gov.vn'), body: { action: 'accept', version: 1 } });
  expect(accepted.status).toBe(200);
  // Assess: the outbox request, sent
  const id = `dossiers.${code}.v2.accept`;
  const admin = await adminOf('nghean');
  const sent = await eventually(async () => {
    const res = await api('GET', `/v1/nghean/mail/outbox/${id}`, { token: admin });
    return res.body?.status === 'sent' ? res.body : undefined;
  });
  expect(sent).toMatchObject({ to: [{ address: 'hoa.nguyen@example.vn' }], subject: `Hồ sơ ${code} đã được tiếp nhận`, origin: { service: 'dossiers', reference: code } });
  // ... as a standard message in the local outbox folder
  const folder = join(dirname(process.env.SUITE_FILE!), 'outbox', 'nghean');
  const file = join(folder, `${sent.messageId.replace(/[^\w.@-]/g, '_')}.eml`);
  expect(existsSync(file)).toBe(true);
  const mail = await simpleParser(readFileSync(file));
  expect(mail.subject).toBe(`Hồ sơ ${code} đã được tiếp nhận`);
  expect(mail.from?.value[0]).toEqual({ address: 'motcua@nghean.gov.vn', name: 'Một cửa điện tử Nghệ An' });
  expect(mail.text).toContain('Kính gửi Ông/Bà Nguyễn Thị Hoa');
  expect(mail.text).toContain(`Mã hồ sơ: ${code}`);
  expect(readdirSync(folder).filter((f) => f.includes(code))).toHaveLength(1);
});

it('answers 404 for a message that was never requested, and keeps the outbox to the tenant-admin', async () => {
  expect((await api('GET', '/v1/nghean/mail/outbox/dossiers.none.v1.accept', { token: await adminOf('nghean') })).status).toBe(404);
  expect((await api('GET', '/v1/nghean/mail/outbox/dossiers.none.v1.accept', { token: await signIn('nghean', 'canbo@nghean.gov.vn') })).status).toBe(403);
});
