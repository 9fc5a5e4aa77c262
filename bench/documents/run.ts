// `npm run bench:documents`: one official document to 100 recipients across two tenants, on the real local suite.
// 50 extra communes in Nghệ An and 50 in Quảng Trị (directory API, as each tenant's admin), then Nghệ An's clerk
// drafts, its leader approves with a signed PDF, the clerk issues to all 100. Measures how long until every trace
// line reads '01' (arrived), then how long until every line reads '03' once both admins register their copies.
// Also counts the DynamoDB items the run leaves and estimates their write units from their sizes (DynamoDB Local's
// ConsumedCapacity is not visible from here: the writes happen in the suite's process). Reports; never asserts timings.
import { type AttributeValue, DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { quantile } from '../cold-start';
import { machine, writeBenchResults } from '../results-file';
import { onLocalSuite } from '../local-suite';
import { api, signIn, type SuiteInfo, tenantOf, uploadFile } from '../../test/integration/support';
import { createCa, issueCertificate, minimalPdf, signPdf } from '../../test/support/pki';

const NA = 'nghean';
const QT = 'quangtri';
const NUMBERS = Array.from({ length: 50 }, (_, i) => 40 + i);
const NA_UNITS = NUMBERS.map((n) => `000.00.${n}.H41`);
const QT_UNITS = NUMBERS.map((n) => `000.00.${n}.H50`);
const POLL_MS = 100;
const TIMEOUT_MS = 120_000;
const TABLES = ['nghean-documents', 'quangtri-documents', 'platform-exchange'];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const user = (tenant: string, name: string) => signIn(tenant, `${name}@${tenantOf(tenant).domain}`);

/** Runs `work` over `items`, at most `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  }));
  return out;
}

/** DynamoDB's item size rules, approximately: attribute names plus values (numbers ~1 byte per 2 digits + 1). */
function valueSize(v: AttributeValue): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S);
  if (v.N !== undefined) return Math.ceil(v.N.replace(/[-.]/g, '').replace(/^0+/, '').length / 2) + 1;
  if (v.B !== undefined) return v.B.length;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS) return v.SS.reduce((s, x) => s + Buffer.byteLength(x), 0);
  if (v.NS) return v.NS.reduce((s, x) => s + Math.ceil(x.length / 2) + 1, 0);
  if (v.BS) return v.BS.reduce((s, x) => s + x.length, 0);
  if (v.L) return 3 + v.L.reduce((s, x) => s + 1 + valueSize(x), 0);
  if (v.M) return 3 + Object.entries(v.M).reduce((s, [k, x]) => s + 1 + Buffer.byteLength(k) + valueSize(x), 0);
  return 0;
}
const itemSize = (item: Record<string, AttributeValue>) => Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k) + valueSize(v), 0);

/** Every item of a table, keyed by pk|sk, with its size and a kind (pk's type segment, sk's first segment). */
async function snapshot(db: DynamoDBClient, table: string): Promise<Map<string, { size: number; kind: string }>> {
  const items = new Map<string, { size: number; kind: string }>();
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const pk = item.pk?.S ?? '';
      const sk = item.sk?.S ?? '';
      const kind = `${pk.split('#')[1] ?? pk.split('#')[0]}/${sk.split('#')[0]!.replace(/\d/g, '9')}`; // digits folded: one kind per shape
      items.set(`${pk}|${sk}`, { size: itemSize(item), kind });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

interface TableDelta { itemsBefore: number; itemsAfter: number; newItems: number; changedItems: number; newBytes: number; newItemWcu: number; byKind: Record<string, { items: number; bytes: number; wcu: number }> }

function delta(before: Map<string, { size: number; kind: string }>, after: Map<string, { size: number; kind: string }>): TableDelta {
  const d: TableDelta = { itemsBefore: before.size, itemsAfter: after.size, newItems: 0, changedItems: 0, newBytes: 0, newItemWcu: 0, byKind: {} };
  for (const [key, { size, kind }] of after) {
    const old = before.get(key);
    if (old) {
      if (old.size !== size) d.changedItems++;
      continue;
    }
    const wcu = Math.max(1, Math.ceil(size / 1024));
    d.newItems++;
    d.newBytes += size;
    d.newItemWcu += wcu;
    const k = (d.byKind[kind] ??= { items: 0, bytes: 0, wcu: 0 });
    k.items++;
    k.bytes += size;
    k.wcu += wcu;
  }
  return d;
}

interface TraceLine { agency: string; state: string }

async function main(info: SuiteInfo): Promise<void> {
  const db = new DynamoDBClient({ endpoint: info.endpoints.dynamodb, region: 'ap-southeast-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });

  // 1. 50 extra communes per tenant, through the directory API as the tenant's admin (not timed).
  const unitsStarted = performance.now();
  for (const [tenant, codes, root] of [[NA, NA_UNITS, '000.00.00.H41'], [QT, QT_UNITS, '000.00.00.H50']] as const) {
    const admin = await user(tenant, 'admin');
    await pool(codes, 10, async (code) => {
      const res = await api('POST', `/v1/${tenant}/units`, { token: admin, body: { code, name: `Xã thử nghiệm ${code}`, level: 'commune', parentCode: root } });
      if (res.status !== 201) throw new Error(`create unit ${code}: ${res.status} ${JSON.stringify(res.body)}`);
    });
  }
  const unitsMs = performance.now() - unitsStarted;

  // 2. Draft and approve with a signed PDF (not timed).
  const clerk = await user(NA, 'vanthu');
  const leader = await user(NA, 'lanhdao');
  const ca = createCa('Bench Root CA Tỉnh Số');
  const signer = issueCertificate(ca, 'Lê Văn Lãnh Đạo', { organization: 'UBND tỉnh Nghệ An' });
  const before = Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await snapshot(db, t)] as const)));
  const draftUpload = await uploadFile(NA, clerk, 'du-thao.pdf', 'application/pdf', minimalPdf('du-thao'));
  const recipients = [...NA_UNITS, ...QT_UNITS].map((agency) => ({ agency }));
  const created = await api('POST', `/v1/${NA}/documents`, {
    token: clerk,
    body: {
      type: 'cong-van', subject: 'Về việc thử tải gửi một văn bản đến 100 cơ quan', draftingUnit: '000.01.00.H41', urgency: 'thuong',
      signer: { name: 'Lê Văn Lãnh Đạo', position: 'Chủ tịch', authority: 'TM.', onBehalfOf: 'ỦY BAN NHÂN DÂN' },
      recipients, mainUploadId: draftUpload,
    },
  });
  if (created.status !== 201) throw new Error(`draft: ${created.status} ${JSON.stringify(created.body)}`);
  const signedUpload = await uploadFile(NA, leader, 'ban-ky.pdf', 'application/pdf', signPdf(minimalPdf('ban-ky'), signer, { signingTime: new Date() }));
  const approved = await api('POST', `/v1/${NA}/documents/${created.body.id}/approve`, { token: leader, body: { version: created.body.version, signedUploadId: signedUpload } });
  if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
  const id = approved.body.id as string;

  const trace = async (): Promise<TraceLine[]> => {
    const res = await api('GET', `/v1/${NA}/documents/${id}/trace`, { token: clerk });
    if (res.status !== 200) throw new Error(`trace: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.recipients as TraceLine[];
  };
  /** Polls the trace every POLL_MS until `done` holds for all 100 lines; ms since `t0`, polls, and the last lines. */
  const until = async (t0: number, done: (state: string) => boolean) => {
    let polls = 0;
    for (;;) {
      const lines = await trace();
      polls++;
      if (lines.length === 100 && lines.every((l) => done(l.state))) return { ms: Math.round(performance.now() - t0), polls };
      if (performance.now() - t0 > TIMEOUT_MS) {
        const states: Record<string, number> = {};
        for (const l of lines) states[l.state] = (states[l.state] ?? 0) + 1;
        throw new Error(`timed out after ${TIMEOUT_MS} ms: ${lines.length} lines, states ${JSON.stringify(states)}`);
      }
      await sleep(POLL_MS);
    }
  };

  // 3. Issue, then poll the trace until every line has arrived ('01' or later).
  const issueStarted = performance.now();
  const issued = await api('POST', `/v1/${NA}/documents/${id}/issue`, { token: clerk, body: { version: approved.body.version } });
  const issueResponseMs = Math.round(performance.now() - issueStarted);
  if (issued.status !== 200) throw new Error(`issue: ${issued.status} ${JSON.stringify(issued.body)}`);
  const numberSymbol = issued.body.numberSymbol as string;
  const arrived = await until(issueStarted, (s) => /^\d\d$/.test(s) && s >= '01');
  const statesAfterArrival: Record<string, number> = {};
  for (const l of await trace()) statesAfterArrival[l.state] = (statesAfterArrival[l.state] ?? 0) + 1;

  // 4. Both admins find their 100 copies and register them; poll until every line reads '03'.
  const registerStarted = performance.now();
  const registerLatencies: number[] = [];
  let registerErrors = 0;
  await Promise.all(([[NA, NA_UNITS], [QT, QT_UNITS]] as const).map(async ([tenant, codes]) => {
    const admin = await user(tenant, 'admin');
    await pool(codes, 10, async (unit) => {
      const box = await api('GET', `/v1/${tenant}/incoming?unit=${unit}&limit=100`, { token: admin });
      const row = (box.body?.items ?? []).find((i: { numberSymbol?: string }) => i.numberSymbol === numberSymbol);
      if (!row) throw new Error(`no incoming copy in ${tenant} ${unit}: ${box.status}`);
      const copy = await api('GET', `/v1/${tenant}/incoming/${row.id}`, { token: admin });
      const t0 = performance.now();
      const res = await api('POST', `/v1/${tenant}/incoming/${row.id}/actions`, { token: admin, body: { action: 'register', version: copy.body.version } });
      registerLatencies.push(performance.now() - t0);
      if (res.status !== 200) registerErrors++;
    });
  }));
  const registerRequestsMs = Math.round(performance.now() - registerStarted);
  const registered = await until(registerStarted, (s) => s === '03');

  // 5. What the run left in DynamoDB (from the draft on; the units are in the directory table, not counted).
  const tables = Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, delta(before[t]!, await snapshot(db, t))] as const)));
  const totalWcu = Object.values(tables).reduce((s, t) => s + t.newItemWcu, 0);
  const totalItems = Object.values(tables).reduce((s, t) => s + t.newItems, 0);
  registerLatencies.sort((a, b) => a - b);

  const results = {
    ...machine(),
    scenario: 'one document from nghean (000.01.00.H41) to 100 recipients: 50 communes in nghean (000.00.40-89.H41), 50 in quangtri through the hub (000.00.40-89.H50)',
    numberSymbol, pollMs: POLL_MS,
    setup: { unitsCreated: 100, unitsMs: Math.round(unitsMs) },
    issue: { responseMs: issueResponseMs, allArrivedMs: arrived.ms, polls: arrived.polls, statesAfterArrival },
    register: {
      registrations: 100, errors: registerErrors, requestsMs: registerRequestsMs, allRegisteredMs: registered.ms, polls: registered.polls,
      registerP50Ms: Math.round(quantile(registerLatencies, 0.5)), registerMaxMs: Math.round(registerLatencies.at(-1) ?? 0),
    },
    dynamodb: {
      method: 'Scan of each table before the draft and after every line read 03; new items = keys absent before. Size per item estimated from attribute names and values (DynamoDB size rules, approximately); WCU = ceil(size / 1 KB) per item, i.e. what writing each final item once costs. Not counted: earlier versions of items written more than once (the document, each trace line at 01 then 03, each incoming copy), GSI writes, transaction doubling, deleted items (e.g. consumed stream/outbox entries), and the directory, uploads and idempotency tables. A lower bound on real write units, not ConsumedCapacity.',
      tables, totalNewItems: totalItems, totalNewItemWcu: totalWcu, newItemWcuPerRecipient: Math.round((totalWcu / 100) * 100) / 100,
    },
  };
  const md = [
    '# Documents: one document to 100 recipients across two tenants',
    '',
    `Generated by \`npm run bench:documents\` on ${results.date}: node ${results.node}, ${results.cpu}, the local suite (DynamoDB Local, s3rver, cognito-local). See bench/README.md.`,
    '',
    `${results.scenario}. Trace polled every ${POLL_MS} ms.`,
    '',
    '| step | result |',
    '| --- | ---: |',
    `| issue request answered | ${issueResponseMs} ms |`,
    `| issue → all 100 trace lines at 01 or later | ${arrived.ms} ms (${arrived.polls} polls) |`,
    `| 100 registrations (list, get, register; 10 at a time per tenant) | ${registerRequestsMs} ms, ${registerErrors} errors, p50 ${results.register.registerP50Ms} ms, max ${results.register.registerMaxMs} ms per register |`,
    `| registrations start → all 100 trace lines at 03 | ${registered.ms} ms (${registered.polls} polls) |`,
    '',
    '## DynamoDB items the run left (estimate, not ConsumedCapacity)',
    '',
    '| table | new items | changed items | bytes | WCU (ceil 1 KB per item, once) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...Object.entries(tables).map(([t, d]) => `| ${t} | ${d.newItems} | ${d.changedItems} | ${d.newBytes} | ${d.newItemWcu} |`),
    `| **total** | ${totalItems} | | | ${totalWcu} (${results.dynamodb.newItemWcuPerRecipient} per recipient) |`,
    '',
    'New items by kind (pk type / sk prefix):',
    '',
    ...Object.entries(tables).flatMap(([t, d]) => Object.entries(d.byKind).map(([k, v]) => `- ${t} \`${k}\`: ${v.items} items, ${v.bytes} bytes, ${v.wcu} WCU`)),
    '',
    `How: ${results.dynamodb.method}`,
    '',
  ].join('\n');
  writeBenchResults('documents', results, md);
  if (registerErrors) process.exitCode = 1;
}

await onLocalSuite(main);
