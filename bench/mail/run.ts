// `npm run bench:mail`: what delivering one message to a list of 500 officials costs, on the real local suite's
// DynamoDB Local and s3rver. The mail domain runs in-process, wired as the Lambda handler wires it (`mailWiring`),
// through a DynamoDB client that asks for ReturnConsumedCapacity on every call and prices each call by DynamoDB's
// rules (bench/capacity.ts), and an S3 client that counts requests per command. 500 officials are written into the
// directory table as the directory service writes them (its store's `insertUser`, not Cognito) and a list mailbox
// holds them all; then the demo clerk sends to the list (a ~20 KB text, without and with a 200 KB attachment) and, for
// comparison, to one official. Each send is a distinct message. Writes bench/results/mail.{json,md}. Reports; never
// asserts timings.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDirectoryStore } from '#functions/directory/store';
import type { MailDeps } from '#functions/mail/deps';
import { SendMessage } from '#functions/mail/schemas';
import { sendMessage } from '#functions/mail/send';
import { keys as mailKeys, type MailStore } from '#functions/mail/store';
import { mailTable } from '#functions/mail/tables';
import { folderTransport } from '#functions/mail/transport';
import { mailWiring } from '#functions/mail/wiring';
import type { Caller } from '#shared/auth';
import { systemClock, toVietnamIso } from '#shared/clock';
import { directoryKeys, directoryTable } from '#shared/directory';
import { physicalTableName } from '#shared/table';
import { PENDING_UPLOAD_TTL_SECONDS, uploadItem, uploadObjectKey, uploadsTable } from '#shared/uploads';
import { capacityMeter, itemSize, LOCAL, pool, s3Meter, settleUpdates, type S3Usage, type TableDefs, type Usage } from '../capacity';
import { quantile } from '../cold-start';
import { onLocalSuite } from '../local-suite';
import { machine, writeBenchResults } from '../results-file';
import type { SuiteInfo } from '../../test/integration/support';

const TENANT = 'nghean';
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 500);
const REPS = Number(process.env.BENCH_REPS ?? 5);
const CLERK = 'vanthu@nghean.gov.vn';
const LIST_LOCAL_PART = 'toan-the-can-bo';
const BODY_BYTES = 20 * 1024;
const ATTACHMENT_BYTES = 200 * 1024;
const BUCKET = `tinhso-${TENANT}`;
const TABLE_NAMES = {
  mail: physicalTableName(TENANT, mailTable), uploads: physicalTableName(TENANT, uploadsTable), directory: physicalTableName(TENANT, directoryTable),
};
/** What the meter needs to price index copies: the mail table's two indexes project ALL. */
const TABLES: TableDefs = { [TABLE_NAMES.mail]: mailTable, [TABLE_NAMES.uploads]: uploadsTable, [TABLE_NAMES.directory]: directoryTable };

// ---- the message

/** A plain-text body of about `bytes` bytes of UTF-8 Vietnamese. */
function body(bytes: number): string {
  const paragraph = (n: number) => `${n}. Thực hiện Kế hoạch chuyển đổi số của tỉnh, Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành và Ủy ban `
    + 'nhân dân các xã, phường rà soát danh mục thủ tục hành chính, cập nhật hồ sơ công việc trên hệ thống quản lý văn bản '
    + 'và báo cáo kết quả trước ngày 25 hằng tháng; đồng thời cử cán bộ đầu mối tham dự giao ban trực tuyến theo lịch.\n\n';
  let text = 'Kính gửi: Các cơ quan, đơn vị thuộc Ủy ban nhân dân tỉnh.\n\n';
  for (let n = 1; Buffer.byteLength(text) < bytes; n++) text += paragraph(n);
  return text;
}

/** A PDF-looking file (its magic number, then random bytes: base64 cannot shrink it) of `bytes` bytes. */
const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(bytes - 9)]);

// ---- a timeline of the mail ports' calls, to say where a send's time goes

interface Span { port: string; start: number; end: number; items?: number }

/** The same deps, with every call of the store, the directory, uploads and the transport recorded in `spans`. */
function traced(deps: MailDeps, spans: Span[]): MailDeps {
  const wrap = (port: string, fn: (...args: unknown[]) => Promise<unknown>) => async (...args: unknown[]) => {
    const span: Span = { port, start: performance.now(), end: Number.NaN, ...(port === 'store.transact' ? { items: (args[0] as unknown[]).length } : {}) };
    spans.push(span);
    try {
      return await fn(...args);
    } finally {
      span.end = performance.now();
    }
  };
  const store = Object.fromEntries(Object.entries(deps.store).map(([k, v]) => [k, typeof v === 'function' ? wrap(`store.${k}`, v as never) : v])) as MailStore;
  return {
    ...deps, store,
    directory: { officialByEmail: wrap('directory.officialByEmail', deps.directory.officialByEmail as never) as MailDeps['directory']['officialByEmail'] },
    uploads: { claim: wrap('uploads.claim', deps.uploads.claim as never) as MailDeps['uploads']['claim'] },
    transport: { send: wrap('transport.send', deps.transport.send as never) as MailDeps['transport']['send'] },
  };
}

const PHASES = [
  'check recipients, claim attachments, build and parse the message',
  'store the raw message (and attachments) in S3',
  'file in the sender\'s Sent',
  'resolve the recipients (a list: each member)',
  'file into each recipient\'s INBOX',
  'record the recipients not reached on the Sent item (only when there are any)',
] as const;

/** Splits a send's wall time by its port calls: each phase from its first call to the next phase's. */
function phasesOf(spans: Span[], t0: number, t1: number): Record<string, number> {
  const at = (port: string, nth = 0) => spans.filter((s) => s.port === port)[nth];
  const transacts = spans.filter((s) => s.port === 'store.transact');
  const storeStart = at('store.exists')!.start;
  // Filing starts with the Sent transaction (a reply first looks up the Message-IDs it refers to).
  const sentStart = Math.min(transacts[0]!.start, at('store.byMessageId')?.start ?? Infinity);
  const sentEnd = transacts[0]!.end;
  const inboxStart = transacts[1]?.start ?? sentEnd;
  const inboxEnd = Math.max(sentEnd, ...transacts.slice(1).map((s) => s.end));
  const delivery = at('store.setUndelivered') ?? { start: inboxEnd, end: inboxEnd };
  const bounds = [t0, storeStart, sentStart, sentEnd, inboxStart, inboxEnd, delivery.start];
  const out: Record<string, number> = {};
  PHASES.forEach((phase, i) => (out[phase] = i === PHASES.length - 1 ? delivery.end - delivery.start : bounds[i + 1]! - bounds[i]!));
  out.other = t1 - t0 - Object.values(out).reduce((s, x) => s + x, 0);
  return out;
}

/** Calls and summed time per port (summed over parallel calls, so more than the wall time when they overlap). */
function portsOf(spans: Span[]): Record<string, { calls: number; ms: number }> {
  const out: Record<string, { calls: number; ms: number }> = {};
  for (const s of spans) {
    const p = (out[s.port] ??= { calls: 0, ms: 0 });
    p.calls += 1;
    p.ms += s.end - s.start;
  }
  return out;
}

// ---- measurements

interface Scenario { name: string; to: 'list' | 'one'; attachment: boolean }
const SCENARIOS: Scenario[] = [
  { name: 'one official, text', to: 'one', attachment: false },
  { name: 'one official, text + 200 KB attachment', to: 'one', attachment: true },
  { name: `list of ${MEMBERS}, text`, to: 'list', attachment: false },
  { name: `list of ${MEMBERS}, text + 200 KB attachment`, to: 'list', attachment: true },
];

interface Run {
  ms: number; rawBytes: number; recipients: number; usage: Usage; s3: S3Usage;
  phases: Record<string, number>; ports: Record<string, { calls: number; ms: number }>; transactItems: number[];
}

async function main(info: SuiteInfo): Promise<void> {
  const loadBefore = loadavg()[0]!;
  process.env.TENANTS = JSON.stringify(info.tenants);
  const domain = info.tenants.find((t) => t.id === TENANT)!.domain;
  const meter = capacityMeter(info.endpoints.dynamodb, { tables: TABLES, sizeUpdates: true });
  const s3m = s3Meter(info.endpoints.s3);
  const plain = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: info.endpoints.dynamodb, ...LOCAL }), { marshallOptions: { removeUndefinedValues: true } });
  const plainS3 = new S3Client({ endpoint: info.endpoints.s3, forcePathStyle: true, ...LOCAL });
  const outbox = mkdtempSync(join(tmpdir(), 'tinhso-bench-mail-'));
  const wiring = (db: DynamoDBDocumentClient, s3: S3Client) => mailWiring({ db, s3, clock: systemClock, transport: folderTransport(outbox), tables: TABLE_NAMES, bucket: BUCKET });
  const spans: Span[] = [];
  const deps = traced(wiring(meter.client, s3m.client), spans);
  const admin = wiring(plain, plainS3); // seeding and checking: not metered
  const checks: string[] = [];

  try {
    // 1. The clerk who sends, from the seeded directory.
    const clerkId = (await plain.send(new GetCommand({ TableName: TABLE_NAMES.directory, Key: { pk: directoryKeys.email(TENANT), sk: CLERK } }))).Item?.userId as string;
    const clerkItem = (await plain.send(new GetCommand({ TableName: TABLE_NAMES.directory, Key: { pk: directoryKeys.user(TENANT), sk: clerkId } }))).Item!;
    const clerk: Caller = { id: clerkId, email: CLERK, name: String(clerkItem.name), tenant: TENANT, unit: String(clerkItem.unit), roles: ['clerk'] };

    // 2. MEMBERS officials, written as the directory service writes them, spread over the tenant's units; a list of all.
    const units = ((await plain.send(new QueryCommand({ TableName: TABLE_NAMES.directory, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': directoryKeys.unit(TENANT) } }))).Items ?? [])
      .map((u) => String(u.code));
    const directory = dynamoDirectoryStore(plain, TABLE_NAMES.directory);
    const seedStart = performance.now();
    const at = toVietnamIso(new Date());
    const members = Array.from({ length: MEMBERS }, (_, i) => `thanhvien${String(i + 1).padStart(3, '0')}@${domain}`);
    await pool(members, 16, async (email) => {
      const n = members.indexOf(email);
      const user = { id: randomUUID(), email, name: `Cán bộ thử tải ${n + 1}`, unit: units[n % units.length]!, roles: ['officer' as const], enabled: true, version: 1, createdAt: at, updatedAt: at };
      if (!(await directory.insertUser(TENANT, user))) throw new Error(`${email} exists`);
    });
    const list = `${LIST_LOCAL_PART}@${domain}`;
    if (!(await admin.store.putShared(TENANT, { address: list, kind: 'list', name: 'Toàn thể cán bộ (thử tải)', members, version: 1, createdAt: at, updatedAt: at }))) throw new Error(`${list} exists`);
    const listItem = (await plain.send(new GetCommand({ TableName: TABLE_NAMES.mail, Key: mailKeys.shared(TENANT, list) }))).Item!;
    const seedMs = Math.round(performance.now() - seedStart);
    console.log(`seeded ${MEMBERS} officials and the list ${list} in ${seedMs} ms`);

    // 3. Sends: one warm-up round of the single-recipient sends (discarded), then REPS rounds over every scenario.
    const text = body(BODY_BYTES);
    const rawObjects = async () => (await plainS3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${TENANT}/mail/raw/` }))).KeyCount ?? 0;
    const rawBefore = await rawObjects();
    let sends = 0;
    const runs = new Map<string, Run[]>();
    const sizes: Record<string, number> = { listItem: itemSize(listItem) };
    const rounds = [...SCENARIOS.filter((s) => s.to === 'one').map((s) => ({ s, rep: -1 })), ...Array.from({ length: REPS }, (_, rep) => SCENARIOS.map((s) => ({ s, rep }))).flat()];
    for (const { s, rep } of rounds) {
      const recipient = s.to === 'list' ? list : members[(sends * 7) % MEMBERS]!;
      const attachments: string[] = [];
      if (s.attachment) attachments.push(await upload(plain, plainS3, clerk, pdf(ATTACHMENT_BYTES)));
      const input = SendMessage.parse({ to: [recipient], subject: `Thông báo số ${String(sends + 1).padStart(3, '0')}/TB-UBND về lịch giao ban trực tuyến tháng 12 năm 2026`, text, attachments });
      const usage = meter.reset();
      const s3 = s3m.reset();
      spans.length = 0;
      const t0 = performance.now();
      const sent = await sendMessage(deps, TENANT, clerk, input);
      const t1 = performance.now();
      sends += 1;
      await settleUpdates(usage, plain, TABLES);
      const run: Run = {
        ms: t1 - t0, rawBytes: 0, recipients: s.to === 'list' ? MEMBERS : 1, usage, s3,
        phases: phasesOf(spans, t0, t1), ports: portsOf(spans), transactItems: spans.filter((x) => x.port === 'store.transact').map((x) => x.items!),
      };
      // What was delivered, and that every mailbox points at the one raw message.
      const outcomes = Object.entries(sent.delivery ?? {});
      const delivered = outcomes.filter(([, o]) => o === 'delivered').length;
      if (delivered !== outcomes.length || delivered !== (s.to === 'list' ? MEMBERS + 1 : 1)) throw new Error(`${s.name}: ${delivered} of ${outcomes.length} delivered`);
      const sentItem = (await plain.send(new GetCommand({ TableName: TABLE_NAMES.mail, Key: mailKeys.message(TENANT, CLERK, sent.id), ConsistentRead: true }))).Item!;
      run.rawBytes = Number(sentItem.size);
      const sample = s.to === 'list' ? [members[0]!, members[MEMBERS - 1]!] : [recipient];
      for (const m of sample) {
        const filed = await admin.store.byMessageId(TENANT, m, sent.messageId);
        const item = filed && (await plain.send(new GetCommand({ TableName: TABLE_NAMES.mail, Key: mailKeys.message(TENANT, m, filed.id), ConsistentRead: true }))).Item;
        if (item?.rawKey !== sentItem.rawKey) throw new Error(`${s.name}: ${m} does not hold the sender's raw message`);
        if (rep === 0) sizes[`inboxItem, ${s.name}`] = itemSize(item!);
      }
      if (rep === 0) sizes[`sentItem with its delivery map, ${s.name}`] = itemSize(sentItem);
      if (rep >= 0) runs.set(s.name, [...(runs.get(s.name) ?? []), run]);
      console.log(`${s.name}${rep < 0 ? ' (warm-up)' : ''}: ${Math.round(run.ms)} ms, ${run.rawBytes} bytes, WCU local ${usage.write} / rules ${usage.estWrite}, S3 ${JSON.stringify(s3.requests)}`);
    }
    const rawAfter = await rawObjects();
    checks.push(`${sends} sends stored ${rawAfter - rawBefore} raw messages under ${TENANT}/mail/raw/ (one each, whatever the number of recipients)`);
    checks.push(`every send: each recipient's outcome 'delivered' (a list: the list and each of its ${MEMBERS} members); the first and last member's INBOX item, and the single recipient's, point at the sender's rawKey`);
    checks.push(`${readdirSync(outbox).length} messages went to the outgoing transport (all recipients are the province's own)`);

    writeResults({ load: [r2(loadBefore), r2(loadavg()[0]!)], seedMs, list, sizes, runs, checks, returnedBy: Object.fromEntries(meter.returnedBy), bodyBytes: Buffer.byteLength(text) });
  } finally {
    rmSync(outbox, { recursive: true, force: true });
  }
}

/** An upload as functions/uploads leaves it once the browser has put the file: the pending item and the object. */
async function upload(db: DynamoDBDocumentClient, s3: S3Client, caller: Caller, bytes: Buffer): Promise<string> {
  const uploadId = randomUUID();
  const key = uploadObjectKey(TENANT, uploadId);
  const now = new Date();
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: bytes, ContentType: 'application/pdf' }));
  await db.send(new PutCommand({
    TableName: TABLE_NAMES.uploads,
    Item: uploadItem(TENANT, {
      uploadId, owner: caller.id, status: 'pending', fileName: 'Kế hoạch chuyển đổi số năm 2026.pdf', contentType: 'application/pdf',
      size: bytes.length, key, createdAt: toVietnamIso(now), expiresAt: Math.floor(now.getTime() / 1000) + PENDING_UPLOAD_TTL_SECONDS,
    }),
  }));
  return uploadId;
}

// ---- results

const r2 = (x: number) => Math.round(x * 100) / 100;
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
const median = (xs: number[]) => quantile(xs, 0.5);

function summarize(name: string, runs: Run[]) {
  const recipients = runs[0]!.recipients;
  const med = (pick: (r: Run) => number) => r2(median(runs.map(pick)));
  const range = (pick: (r: Run) => number) => [r2(Math.min(...runs.map(pick))), r2(Math.max(...runs.map(pick)))] as [number, number];
  const commands = [...new Set(runs.flatMap((r) => Object.keys(r.s3.requests)))].sort();
  const s3 = Object.fromEntries(commands.map((c) => [c, med((r) => r.s3.requests[c] ?? 0)]));
  const first = runs[0]!;
  const u = {
    localRead: med((r) => r.usage.read), localWrite: med((r) => r.usage.write), rulesRead: med((r) => r.usage.estRead), rulesWrite: med((r) => r.usage.estWrite),
  };
  return {
    scenario: name, recipients, runs: runs.length,
    rawBytes: med((r) => r.rawBytes),
    ms: { median: med((r) => r.ms), range: range((r) => r.ms), perRecipient: r2(median(runs.map((r) => r.ms)) / recipients), all: runs.map((r) => r2(r.ms)) },
    capacity: {
      ...u,
      ranges: { localRead: range((r) => r.usage.read), localWrite: range((r) => r.usage.write), rulesRead: range((r) => r.usage.estRead), rulesWrite: range((r) => r.usage.estWrite) },
      perRecipient: Object.fromEntries(Object.entries(u).map(([k, v]) => [k, r4(v / recipients)])),
      calls: Object.fromEntries(Object.entries(first.usage.calls).map(([c, k]) => [c, { calls: k, localUnits: r2(first.usage.units[c] ?? 0), rulesUnits: r2(first.usage.estUnits[c] ?? 0) }])),
      noConsumedCapacity: [...new Set(runs.flatMap((r) => r.usage.noCapacity))],
    },
    s3: { requests: s3, total: med((r) => Object.values(r.s3.requests).reduce((a, b) => a + b, 0)), perRecipient: Object.fromEntries(commands.map((c) => [c, r4(s3[c]! / recipients)])), bytesPut: med((r) => r.s3.bytesPut) },
    transactItems: first.transactItems.length ? { transactions: first.transactItems.length, sent: first.transactItems[0]!, inbox: first.transactItems[1] ?? 0 } : undefined,
    phases: Object.fromEntries([...PHASES, 'other'].map((p) => [p, med((r) => r.phases[p] ?? 0)])),
    ports: Object.fromEntries(Object.keys(first.ports).map((p) => [p, { calls: med((r) => r.ports[p]?.calls ?? 0), ms: med((r) => r.ports[p]?.ms ?? 0) }])),
  };
}
type Summary = ReturnType<typeof summarize>;

function writeResults(o: { load: [number, number]; seedMs: number; list: string; sizes: Record<string, number>; runs: Map<string, Run[]>; checks: string[]; returnedBy: Record<string, boolean>; bodyBytes: number }): void {
  const summary = SCENARIOS.map((s) => summarize(s.name, o.runs.get(s.name)!));
  const byName = (name: string) => summary.find((x) => x.scenario === name)!;
  // What each further recipient adds: (list of N − one official) / (N − 1), same message kind.
  const marginal = [false, true].map((attachment) => {
    const one = byName(SCENARIOS.find((s) => s.to === 'one' && s.attachment === attachment)!.name);
    const many = byName(SCENARIOS.find((s) => s.to === 'list' && s.attachment === attachment)!.name);
    const per = (a: number, b: number) => r4((a - b) / (MEMBERS - 1));
    return {
      message: attachment ? 'text + 200 KB attachment' : 'text',
      ms: per(many.ms.median, one.ms.median),
      localRead: per(many.capacity.localRead, one.capacity.localRead), localWrite: per(many.capacity.localWrite, one.capacity.localWrite),
      rulesRead: per(many.capacity.rulesRead, one.capacity.rulesRead), rulesWrite: per(many.capacity.rulesWrite, one.capacity.rulesWrite),
      s3Requests: per(many.s3.total, one.s3.total),
    };
  });
  const results = {
    ...machine(),
    loadAverage: { start: o.load[0], end: o.load[1], note: '1-minute load average of the machine when the bench started and ended: the times are only as steady as it' },
    scenario: `tenant ${TENANT}; ${MEMBERS} officials seeded in ${TABLE_NAMES.directory} (directory store's insertUser) and a list ${o.list} holding them all; ${CLERK} (clerk) sends a ${o.bodyBytes}-byte plain-text body to the list or to one official, without and with one ${ATTACHMENT_BYTES / 1024} KB PDF attachment; each send a distinct message`,
    reps: REPS, warmup: 'one round of the single-recipient sends, discarded',
    seeding: { officials: MEMBERS, list: o.list, ms: o.seedMs },
    sizes: o.sizes,
    capacity: {
      method: 'A middleware on the DynamoDB client (initialize step) sets ReturnConsumedCapacity TOTAL on every command and sums what DynamoDB Local returns ("local"). Next to it, the same calls priced by DynamoDB\'s published rules ("rules", an estimate, bench/capacity.ts): a put 1 write unit per started KB of the item, ×2 inside a transaction, plus 1 unit per started KB for each copy in a global secondary index (the mail table\'s gsi1 and gsi2 project ALL; index copies counted once, not doubled, in a transaction); an update priced after the send by the size of its item read back (unmetered), ×2 in a transaction, plus its index copies; a GetItem or Query 1 read unit per started 4 KB, half when eventually consistent, a missing item still 0.5 or 1.',
      returnedBy: o.returnedBy,
    },
    s3: { method: 'A middleware on the S3 client (initialize step) counts every command sent (SDK retries are not counted again), and the bytes of PutObject bodies. PutObject is a PUT-class request; HeadObject and GetObject GET-class.' },
    checks: o.checks,
    summary,
    marginal,
  };
  writeBenchResults('mail', results, markdown(results));
}

function markdown(r: {
  date: string; node: string; cpu: string; loadAverage: { start: number; end: number }; scenario: string; reps: number; warmup: string; seeding: { officials: number; ms: number };
  sizes: Record<string, number>; capacity: { method: string; returnedBy: Record<string, boolean> }; s3: { method: string }; checks: string[];
  summary: Summary[]; marginal: { message: string; ms: number; localRead: number; localWrite: number; rulesRead: number; rulesWrite: number; s3Requests: number }[];
}): string {
  const rg = ([lo, hi]: [number, number]) => (lo === hi ? '' : ` (${lo}–${hi})`);
  const s3 = (x: Record<string, number>) => Object.entries(x).map(([c, k]) => `${c} ${k}`).join(', ');
  const lists = r.summary.filter((s) => s.recipients > 1);
  const missing = Object.entries(r.capacity.returnedBy).filter(([, ok]) => !ok).map(([c]) => c);
  return [
    `# Mail: one message to a list of ${MEMBERS} officials`,
    '',
    `Generated by \`npm run bench:mail\` on ${r.date}: node ${r.node}, ${r.cpu}, DynamoDB Local and s3rver of the local suite; 1-minute load average ${r.loadAverage.start} at the start, ${r.loadAverage.end} at the end. See bench/README.md.`,
    '',
    `${r.scenario}. ${r.reps} runs per row (${r.warmup}), round-robin over the rows. Median over the runs, with the range when runs differed.`,
    '',
    'Capacity units: "local" is the ConsumedCapacity DynamoDB Local returned; "rules" is the same calls priced by DynamoDB\'s published rules, with the index copies DynamoDB Local does not count (an estimate; see How).',
    '',
    '| send | recipients | raw message | time | per recipient | read units local / rules | write units local / rules | S3 requests |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...r.summary.map((s) => `| ${s.scenario} | ${s.recipients} | ${(s.rawBytes / 1024).toFixed(1)} KB | ${s.ms.median} ms${rg(s.ms.range)} | ${s.ms.perRecipient} ms | ${s.capacity.localRead} / ${s.capacity.rulesRead} | ${s.capacity.localWrite} / ${s.capacity.rulesWrite}${rg(s.capacity.ranges.rulesWrite)} | ${s3(s.s3.requests)} |`),
    '',
    'Per recipient (the totals above divided by the recipients):',
    '',
    '| send | read units local / rules | write units local / rules | S3 requests |',
    '| --- | ---: | ---: | --- |',
    ...r.summary.map((s) => `| ${s.scenario} | ${s.capacity.perRecipient.localRead} / ${s.capacity.perRecipient.rulesRead} | ${s.capacity.perRecipient.localWrite} / ${s.capacity.perRecipient.rulesWrite} | ${s3(s.s3.perRecipient)} |`),
    '',
    `What each further recipient adds, (list of ${MEMBERS} − one official) / ${MEMBERS - 1}:`,
    '',
    '| message | time | read units local / rules | write units local / rules | S3 requests |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...r.marginal.map((m) => `| ${m.message} | ${m.ms} ms | ${m.localRead} / ${m.rulesRead} | ${m.localWrite} / ${m.rulesWrite} | ${m.s3Requests} |`),
    '',
    '## Where the time goes',
    '',
    'Each phase from its first call of the mail ports (store, directory, uploads, transport) to the next phase\'s; median over the runs.',
    '',
    `| phase | ${r.summary.map((s) => s.scenario).join(' | ')} |`,
    `| --- |${r.summary.map(() => ' ---: |').join('')}`,
    ...[...PHASES, 'other'].map((p) => `| ${p} | ${r.summary.map((s) => `${Math.round(s.phases[p]!)} ms`).join(' | ')} |`),
    '',
    'Port calls of a send to the list (calls; time summed over calls, more than the wall time where they run in parallel):',
    '',
    `| port | ${lists.map((s) => s.scenario).join(' | ')} |`,
    `| --- |${lists.map(() => ' ---: |').join('')}`,
    ...Object.keys(lists[lists.length - 1]!.ports).map((p) => `| ${p} | ${lists.map((s) => (s.ports[p] ? `${s.ports[p].calls} (${Math.round(s.ports[p].ms)} ms)` : '—')).join(' | ')} |`),
    '',
    '## Where the capacity goes',
    '',
    'DynamoDB calls of the first run of each row (units local / rules):',
    '',
    ...r.summary.map((s) => `- ${s.scenario}: ${Object.entries(s.capacity.calls).map(([c, k]) => `${c} ×${k.calls} (${k.localUnits} / ${k.rulesUnits})`).join(', ')}${s.transactItems ? `; the Sent transaction has ${s.transactItems.sent} items, each INBOX one ${s.transactItems.inbox}` : ''}.`),
    '',
    `Item sizes (DynamoDB's measure, bytes): ${Object.entries(r.sizes).map(([k, v]) => `${k}: ${v}`).join('; ')}.`,
    '',
    '## How',
    '',
    `- Capacity: ${r.capacity.method}`,
    `- DynamoDB Local returned ConsumedCapacity for ${Object.entries(r.capacity.returnedBy).filter(([, ok]) => ok).map(([c]) => c).join(', ')}${missing.length ? `; not for ${missing.join(', ')} (0 in the "local" columns)` : ''}. Per command, ${lists[0]!.scenario} (local / rules): ${Object.entries(lists[0]!.capacity.calls).map(([c, k]) => `${c} ${k.localUnits} / ${k.rulesUnits}`).join(', ')}. Reads and the single UpdateItem agree (index copies included); the filing transactions do not: for each further recipient (one INBOX transaction of ${lists[0]!.transactItems?.inbox ?? '?'} items) Local reports ${r.marginal[0]!.localWrite} write units where the rules give ${r.marginal[0]!.rulesWrite} (Local under-counts multi-item transactions, bench/results/meetings.md, and here leaves out their index copies). Read the "rules" columns for what AWS would bill.`,
    `- S3: ${r.s3.method}`,
    `- Seeding (not measured): ${r.seeding.officials} officials through the directory store's insertUser (the user item and its email item, in one transaction, as the directory service writes them; not in Cognito) and the list through the mail store's putShared, in ${r.seeding.ms} ms. Each attachment is a fresh upload written as functions/uploads leaves it (pending item and object), not measured.`,
    `- Checks: ${r.checks.join('; ')}.`,
    '- The time is `sendMessage` as the route calls it after validation, in-process against DynamoDB Local and s3rver on this machine through localhost HTTP: compare the rows, not the absolute values with AWS.',
    '',
  ].join('\n');
}

await onLocalSuite(main);
