// `npm run bench:dossiers`: what dossiers cost and how they hold up, on the real local suite.
// 1. DynamoDB capacity per operation (ReturnConsumedCapacity on every call, summed per operation).
// 2. N concurrent submissions to one unit through the local gateway: distinct gap-free codes, no error,
//    throughput and latency. Writes bench/results/dossiers.{json,md}. Reports; never asserts timings.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dossierDeps } from '#functions/dossiers/deps';
import * as dossiers from '#functions/dossiers/service';
import type { Caller } from '#shared/auth';
import { systemClock } from '#shared/clock';
import { quantile } from '../cold-start';
import { machine, writeBenchResults } from '../results-file';
import { onLocalSuite } from '../local-suite';
import { applicant, BIRTH, birthDocuments, birthForm } from '../../test/integration/fixtures';
import { api, signIn, type SuiteInfo } from '../../test/integration/support';

const CONCURRENT = Number(process.env.BENCH_SUBMISSIONS ?? 200);
interface Usage { calls: Record<string, number>; read: number; write: number }
const newUsage = (): Usage => ({ calls: {}, read: 0, write: 0 });
let current: Usage = newUsage();

/** A client that asks DynamoDB for the consumed capacity of every call and adds it to the current operation. */
function meteredClient(endpoint: string): DynamoDBDocumentClient {
  const base = new DynamoDBClient({ endpoint, region: 'ap-southeast-1', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  base.middlewareStack.add((next, context) => async (args) => {
    (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
    const out = await next(args);
    const command = context.commandName ?? 'unknown';
    current.calls[command] = (current.calls[command] ?? 0) + 1;
    const consumed = (out.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
    for (const c of (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number }[]) {
      const isWrite = /Put|Update|Delete|TransactWrite|BatchWrite/.test(command);
      const units = c.CapacityUnits ?? ((c.ReadCapacityUnits ?? 0) + (c.WriteCapacityUnits ?? 0));
      if (isWrite) current.write += c.WriteCapacityUnits ?? units;
      else current.read += c.ReadCapacityUnits ?? units;
    }
    return out;
  }, { step: 'initialize', name: 'benchConsumedCapacity' });
  return DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
}

async function measure<T>(name: string, results: Record<string, Usage>, run: () => Promise<T>): Promise<T> {
  current = newUsage();
  const value = await run();
  results[name] = current;
  return value;
}

async function main(info: SuiteInfo): Promise<void> {
  // The service reads the tenants it serves from TENANTS, as in Lambda.
  process.env.TENANTS = JSON.stringify(info.tenants);
  const token = await signIn('nghean', 'congdan@example.vn');
  const citizenId = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;
  const caller: Caller = { id: citizenId, email: 'congdan@example.vn', tenant: 'nghean', roles: ['citizen'] };
  const clerkToken = await signIn('nghean', 'vanthu@nghean.gov.vn');
  const clerkId = JSON.parse(Buffer.from(clerkToken.split('.')[1]!, 'base64url').toString()).sub as string;
  const clerk: Caller = { id: clerkId, email: 'vanthu@nghean.gov.vn', tenant: 'nghean', roles: ['clerk'], unit: '000.01.00.H41' };

  // 1. Capacity per operation, through the service with a metered client (the same ports the handler wires).
  const { deps } = dossierDeps({
    db: meteredClient(info.endpoints.dynamodb),
    s3: new S3Client({ endpoint: info.endpoints.s3, region: 'ap-southeast-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }),
    table: 'nghean-dossiers', uploadsTable: 'nghean-uploads', outboxTable: 'nghean-mail-outbox', bucket: 'tinhso-nghean', clock: systemClock,
  });
  const capacity: Record<string, Usage> = {};
  const documents = () => birthDocuments(token);
  const docs = await documents();
  const submitted = await measure('submit (2 documents)', capacity, () => dossiers.submit(deps, 'nghean', caller, { procedureCode: BIRTH, applicant, form: birthForm, documents: docs }));
  await measure('public lookup', capacity, () => dossiers.publicLookup(deps, 'nghean', submitted.code, applicant.phone));
  await measure('get (officials, applicant)', capacity, () => dossiers.view(deps, 'nghean', clerk, submitted.code));
  await measure('accept (due date from the calendar)', capacity, () => dossiers.act(deps, 'nghean', clerk, submitted.code, { action: 'accept', version: 1 }));
  await measure('start', capacity, () => dossiers.act(deps, 'nghean', clerk, submitted.code, { action: 'start', version: 2 }));
  await measure('inbox page (50)', capacity, () => dossiers.inbox(deps, 'nghean', { ...clerk, unit: '000.00.31.H41' }, { limit: 50 }));

  // 2. Concurrent submissions through the gateway: uploads first (not timed), then all POSTs at once.
  const prepared = [];
  for (let i = 0; i < CONCURRENT; i++) prepared.push(await documents());
  const started = performance.now();
  const answers = await Promise.all(prepared.map(async (documents) => {
    const t0 = performance.now();
    const res = await api('POST', '/v1/nghean/dossiers', { token, body: { procedureCode: BIRTH, applicant, form: birthForm, documents } });
    return { status: res.status, code: res.body?.code as string | undefined, ms: performance.now() - t0 };
  }));
  const wallMs = performance.now() - started;
  const codes = answers.map((a) => a.code).filter((c): c is string => !!c);
  const numbers = codes.map((c) => Number(c.split('-').at(-1))).sort((a, b) => a - b);
  const gapFree = numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1);
  const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
  const load = {
    submissions: CONCURRENT, errors: answers.filter((a) => a.status !== 201).length, distinctCodes: new Set(codes).size, gapFree,
    first: codes.length ? Math.min(...numbers) : undefined, last: codes.length ? Math.max(...numbers) : undefined,
    wallMs: Math.round(wallMs), throughputPerSecond: Math.round((CONCURRENT / wallMs) * 1000 * 10) / 10,
    p50Ms: Math.round(quantile(latencies, 0.5)), p99Ms: Math.round(quantile(latencies, 0.99)), maxMs: Math.round(latencies.at(-1)!),
  };

  const results = { ...machine(), capacity, load };
  const md = [
    '# Dossiers: capacity and concurrent submissions',
    '',
    `Generated by \`npm run bench:dossiers\` on ${results.date}: node ${results.node}, ${results.cpu}, the local suite (DynamoDB Local, s3rver, cognito-local). See bench/README.md.`,
    '',
    '## DynamoDB capacity per operation (ReturnConsumedCapacity, on-demand units)',
    '',
    '| operation | read units | write units | calls |',
    '| --- | ---: | ---: | --- |',
    ...Object.entries(capacity).map(([name, u]) => `| ${name} | ${u.read} | ${u.write} | ${Object.entries(u.calls).map(([c, n]) => `${c.replace('Command', '')} ×${n}`).join(', ')} |`),
    '',
    `## ${CONCURRENT} concurrent submissions to one unit through the local gateway`,
    '',
    '| submissions | errors | distinct codes | gap-free | wall | throughput | p50 | p99 | max |',
    '| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    `| ${load.submissions} | ${load.errors} | ${load.distinctCodes} | ${load.gapFree ? 'yes' : '**no**'} (${load.first}–${load.last}) | ${load.wallMs} ms | ${load.throughputPerSecond}/s | ${load.p50Ms} ms | ${load.p99Ms} ms | ${load.maxMs} ms |`,
    '',
  ].join('\n');
  writeBenchResults('dossiers', results, md);
  if (load.errors || load.distinctCodes !== CONCURRENT || !load.gapFree) process.exitCode = 1;
}

await onLocalSuite(main);
