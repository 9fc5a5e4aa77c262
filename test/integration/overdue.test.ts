// The daily overdue report: a dossier past its due date is reported to its unit's leaders by email, once; a unit
// without a leader account reports to its parent unit's (the People's Committee here).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { simpleParser } from 'mailparser';
import { applicant, BIRTH, BIRTH_UNIT, birthDocuments, birthForm } from './fixtures';
import { TSX_CLI } from './process';
import { adminOf, api, eventually, mailboxMessage, signIn } from './support';

const runJob = (time: string) => spawnSync(process.execPath, [TSX_CLI, join(import.meta.dirname, '..', '..', 'local', 'schedules.ts'), 'nghean', 'dossiers-overdue', time], {
  env: { ...process.env, DATA_DIR: dirname(process.env.SUITE_FILE!), LOG_LEVEL: 'ERROR', POWERTOOLS_LOG_LEVEL: 'ERROR' }, encoding: 'utf8', timeout: 60_000,
});

it('tells the leaders which dossiers of their unit became overdue, once per run', async () => {
  // Prepare: an accepted dossier of the first commune, due in a working day
  const token = await signIn('nghean', 'congdan@example.vn');
  const { code } = (await api('POST', '/v1/nghean/dossiers', { token, body: { procedureCode: BIRTH, applicant, form: birthForm, documents: await birthDocuments(token) } })).body;
  const accepted = (await api('POST', `/v1/nghean/dossiers/${code}/actions`, { token: await signIn('nghean', 'vanthu@nghean.gov.vn'), body: { action: 'accept', version: 1 } })).body;
  const runAt = new Date(Date.parse(accepted.dueAt) + 60_000).toISOString();
  // Act: the job as EventBridge would run it a minute after the due time, twice
  const first = runJob(runAt);
  const second = runJob(runAt);
  // Assess
  expect(first.status).toBe(0);
  expect(JSON.parse(first.stdout)[0]).toMatchObject({ tenant: 'nghean' });
  expect(JSON.parse(first.stdout)[0].dossiers).toBeGreaterThanOrEqual(1);
  expect(JSON.parse(second.stdout)[0]).toMatchObject({ units: 0, dossiers: 0 });
  const runId = new Date(Date.parse(runAt) + 7 * 3_600_000).toISOString().replace(/[^\d]/g, '').slice(0, 12);
  const id = `dossiers-overdue.${BIRTH_UNIT}.${runId}`;
  const sent = await eventually(async () => {
    const res = await api('GET', `/v1/nghean/mail/outbox/${id}`, { token: await adminOf('nghean') });
    return res.body?.status === 'sent' ? res.body : undefined;
  });
  expect(sent.to).toEqual([{ address: 'lanhdao@nghean.gov.vn', name: 'Lê Văn Lãnh Đạo' }]);
  // The leader, an official of the province, finds it in their mailbox
  const mail = await simpleParser(await mailboxMessage('nghean', 'lanhdao@nghean.gov.vn', sent.messageId));
  expect(mail.subject).toMatch(new RegExp(`hồ sơ của đơn vị ${BIRTH_UNIT.replace(/\./g, '\\.')} đã quá hạn giải quyết$`));
  expect(mail.text).toContain(`${code}: Đăng ký khai sinh`);
});
