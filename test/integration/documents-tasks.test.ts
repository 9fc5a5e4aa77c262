// The daily task reminder (schedule `documents-task-reminders`, functions/documents/reminders.ts), run as EventBridge
// would at chosen times: an incoming document assigned with a deadline is not reminded on its deadline day, and the
// day after its assignee (the official, or the officials of the unit) and its assigner get one Vietnamese mail each
// morning, through the outbox, however often the job runs that day.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { simpleParser } from 'mailparser';
import { toVietnamIso } from '#shared/clock';
import { waitForStreams } from '#local/streams';
import { demoUser, incomingCopy, issuedDocument, NA, NA_ROOT, type IssuedDocument } from './documents-support';
import { TSX_CLI } from './process';
import { AdminSetUserPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { api, cognitoClient, DEMO_PASSWORD, eventually, mailboxMessage, mailboxMessages, tenantOf, unique } from './support';

const dataDir = () => dirname(process.env.SUITE_FILE!);

/** The job once, in its own process, for Nghệ An at `time` (the ScheduledEvent's time): what its handler returned. */
function runJob(time: string): { sent: number } {
  const run = spawnSync(process.execPath, [TSX_CLI, join(import.meta.dirname, '..', '..', 'local', 'schedules.ts'), NA, 'documents-task-reminders', time], {
    env: { ...process.env, DATA_DIR: dataDir(), LOG_LEVEL: 'ERROR', POWERTOOLS_LOG_LEVEL: 'ERROR' }, encoding: 'utf8', timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`the job failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as { sent: number };
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const reminderId = (taskId: string, day: string) => `documents.task.${taskId}.overdue.${day}`;
/** 07:00 in Vietnam on `day`, when EventBridge runs the job (cron(0 0 * * ? *), UTC). */
const morningOf = (day: string) => `${day}T00:00:00Z`;

/**
 * A department of its own with one official who can sign in, so that the test knows every member the reminder goes
 * to (other test files add officials to the demo units meanwhile).
 */
async function unitWithOfficial(): Promise<{ code: string; email: string }> {
  const admin = await demoUser(NA, 'admin');
  const twoDigits = () => String(Math.floor(Math.random() * 100)).padStart(2, '0');
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = `7${twoDigits()}.${twoDigits()}.${twoDigits()}.H41`;
    const unit = await api('POST', `/v1/${NA}/units`, { token: admin, body: { code, name: 'Phòng Thử nghiệm nhắc việc', level: 'department', parentCode: NA_ROOT } });
    if (unit.status === 409) continue; // the code is taken: draw another
    expect(unit.status).toBe(201);
    const email = `nhacviec.${unique()}@nghean.gov.vn`;
    const user = await api('POST', `/v1/${NA}/users`, { token: admin, body: { email, name: 'Phạm Thị Nhắc Việc', unit: code, roles: ['officer'] } });
    expect(user.status).toBe(201);
    await cognitoClient().send(new AdminSetUserPasswordCommand({ UserPoolId: tenantOf(NA).auth.userPoolId, Username: email, Password: DEMO_PASSWORD, Permanent: true }));
    return { code, email };
  }
  throw new Error('no free unit code after 5 draws');
}

/** An incoming copy at Nghệ An's People's Committee, registered and assigned by the office's clerk with a deadline. */
async function assignedTask(subject: string, to: { unit: string } | { userId: string }, deadline: string): Promise<{ id: string; doc: IssuedDocument }> {
  const clerk = await demoUser(NA, 'vanthu');
  const doc = await issuedDocument([{ agency: NA_ROOT }], subject);
  const copy = await incomingCopy(NA, NA_ROOT, doc.numberSymbol, clerk);
  const registered = await api('POST', `/v1/${NA}/incoming/${copy.id}/actions`, { token: clerk, body: { action: 'register', version: copy.version } });
  const assigned = await api('POST', `/v1/${NA}/incoming/${copy.id}/actions`, { token: clerk, body: { action: 'assign', version: registered.body.version, ...to, deadline } });
  expect(assigned.status).toBe(200);
  return { id: copy.id, doc };
}

describe('overdue task reminders', () => {
  // A deadline ten days ahead: not overdue in real time, so only the runs below at chosen times can remind it.
  const deadline = addDays(toVietnamIso(new Date()).slice(0, 10), 10);
  const dayAfter = addDays(deadline, 1);
  let unit: { code: string; email: string };
  let toUnit: { id: string; doc: IssuedDocument };
  let toOfficial: { id: string; doc: IssuedDocument };
  let first: { sent: number };
  let second: { sent: number };

  beforeAll(async () => {
    // Prepare: one task for a unit (its one official), one for the leader by name, both assigned by the clerk
    const leaderId = (await api('GET', `/v1/${NA}/me`, { token: await demoUser(NA, 'lanhdao') })).body.id;
    unit = await unitWithOfficial();
    toUnit = await assignedTask('Kế hoạch rà soát văn bản quy phạm pháp luật năm 2027', { unit: unit.code }, deadline);
    toOfficial = await assignedTask('Kế hoạch kiểm tra công tác cải cách hành chính', { userId: leaderId }, deadline);
    // Act: on the deadline day, then the morning after, twice
    runJob(morningOf(deadline));
    first = runJob(morningOf(dayAfter));
    second = runJob(morningOf(dayAfter));
  }, 120_000);

  const sentMessage = async (taskId: string) => eventually(async () => {
    const res = await api('GET', `/v1/${NA}/mail/outbox/${reminderId(taskId, dayAfter)}`, { token: await demoUser(NA, 'admin') });
    return res.body?.status === 'sent' ? res.body : undefined;
  });

  it('reminds nobody on the deadline day itself', async () => {
    const admin = await demoUser(NA, 'admin');
    for (const task of [toUnit, toOfficial]) {
      expect((await api('GET', `/v1/${NA}/mail/outbox/${reminderId(task.id, deadline)}`, { token: admin })).status).toBe(404);
    }
    expect(first.sent).toBeGreaterThanOrEqual(2);
  });

  it('mails the officials of the assigned unit and the assigner, in Vietnamese, naming the document', async () => {
    const sent = await sentMessage(toUnit.id);
    // Officials of the province receive it in their mailbox
    const mail = await simpleParser(await mailboxMessage(NA, unit.email, sent.messageId));
    const [yyyy, mm, dd] = deadline.split('-');
    expect(mail.subject).toBe(`Nhiệm vụ quá hạn: văn bản ${toUnit.doc.numberSymbol} (hạn ${dd}/${mm}/${yyyy})`);
    const to = Array.isArray(mail.to) ? mail.to.flatMap((a) => a.value) : mail.to?.value ?? [];
    expect(to.map((a) => a.address).sort()).toEqual([unit.email, 'vanthu@nghean.gov.vn'].sort());
    expect(mail.from?.value[0]?.address).toBe('vanthu@nghean.gov.vn');
    expect(mail.text).toContain(`"${toUnit.doc.subject}" đã quá hạn ${dd}/${mm}/${yyyy}`);
    expect(mail.text).toContain('Người giao: Nguyễn Thị Văn Thư');
  });

  it('mails the official it was given to by name, and the assigner', async () => {
    const sent = await sentMessage(toOfficial.id);
    const mail = await simpleParser(await mailboxMessage(NA, 'lanhdao@nghean.gov.vn', sent.messageId));
    expect(mail.subject).toContain(`văn bản ${toOfficial.doc.numberSymbol}`);
    const to = Array.isArray(mail.to) ? mail.to.flatMap((a) => a.value) : mail.to?.value ?? [];
    expect(to.map((a) => a.address).sort()).toEqual(['lanhdao@nghean.gov.vn', 'vanthu@nghean.gov.vn']);
  });

  it('sends each reminder once however often the job runs that day', async () => {
    // The second run found every reminder of the day already requested…
    expect(second.sent).toBeLessThan(first.sent);
    // …and once the mail service has handled everything requested until now, each task has exactly one message.
    await Promise.all([sentMessage(toUnit.id), sentMessage(toOfficial.id)]);
    await waitForStreams(dataDir(), { tenant: NA, consumers: ['mail-outbox'], since: new Date() });
    for (const task of [toUnit, toOfficial]) {
      // The assigner receives every reminder of both tasks: one message per task
      expect(await mailboxMessages(NA, 'vanthu@nghean.gov.vn', `documents.task.${task.id}.`)).toHaveLength(1);
    }
  });
});
