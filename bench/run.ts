// `npm run bench`: builds every Lambda bundle as CDK does, measures its size and its cold start on this machine
// against a bare hello-world handler, and writes bench/results/bundles.{json,md}. Budgets are reported, never
// asserted: it exits 0 when over budget, 1 only when something could not be built or measured, or a
// function answered other than expected (then the results are still written, and marked).
import { version as esbuildVersion } from 'esbuild';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SERVICES, USER_POOL_TRIGGERS } from '#functions/index';
import { routeKey } from '#shared/http/route';
import { buildBundle, outfileFor, type BuiltBundle } from './build';
import { coldStart, quantile, writeChildScript, type Sample } from './cold-start';
import { physicalTableName } from '#shared/table';
import { FILES_BUCKET_ENV } from '#shared/s3';
import { EXCHANGE_BUCKET_ENV, EXCHANGE_KEY_ID_ENV, EXCHANGE_TENANTS_ENV, exchangeTable, exchangeTenantsOf } from '#shared/exchange';
import { usageTable } from '#shared/metering';
import { VIDEO_ENV } from '#functions/meetings/video-config';
import { defaultProbe, httpEvent, PROBES, type Probe } from './events';
import { BUDGET, markdown, markdownTable, type BundleResult, type Results } from './report';

const ROOT = resolve(import.meta.dirname, '..');
const BUILD_DIR = join(ROOT, '.bench-build');
const RESULTS_DIR = join(ROOT, 'bench', 'results');
const WARMUP_RUNS = 1;

interface Target {
  name: string;
  entry: string;
  kind: BundleResult['kind'];
  /** undefined: measure the require only. */
  probe?: Probe;
}

const TENANTS = [{
  id: 'nghean', name: 'Nghệ An', provinceCode: '40', domain: 'nghean.gov.vn', rootAgency: '000.00.00.H41', services: ['directory'],
  auth: { region: 'ap-southeast-1', userPoolId: 'ap-southeast-1_x', clientId: 'x' },
}];

function runsFromEnv(): number {
  const raw = process.env.BENCH_RUNS;
  if (raw === undefined || raw === '') return 15;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a positive integer, not ${JSON.stringify(raw)}`);
  return runs;
}

function targets(): Target[] {
  const baselineEntry = join(BUILD_DIR, 'baseline-handler.ts');
  mkdirSync(BUILD_DIR, { recursive: true });
  writeFileSync(baselineEntry, "export const handler = async () => ({ statusCode: 200, body: 'ok' });\n");
  const services = SERVICES.map((s): Target => {
    const probe = PROBES[s.name] ?? defaultProbe(s.routes);
    if (probe && !Object.values(s.routes).some((r) => routeKey(r) === probe.routeKey)) {
      throw new Error(`bench/events.ts: service ${s.name} has no route ${probe.routeKey}`);
    }
    if (!probe) console.warn(`bench: no probe request for service ${s.name} in bench/events.ts; measuring its load only`);
    return { name: s.name, entry: s.entry, kind: 'http', ...(probe ? { probe } : {}) };
  });
  const postConfirmation = USER_POOL_TRIGGERS.postConfirmation;
  return [
    { name: 'baseline', entry: '.bench-build/baseline-handler.ts', kind: 'baseline', probe: { routeKey: 'GET /', rawPath: '/', expectedStatus: 200 } },
    ...services,
    { name: postConfirmation.name, entry: postConfirmation.entry, kind: 'trigger' },
  ];
}

/** Only what a Lambda function would see, dummy credentials, and nothing of this shell (no NODE_OPTIONS, no ~/.aws). */
function childEnv(sandbox: string, name: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: sandbox,
    TZ: 'UTC',
    TENANTS: JSON.stringify(TENANTS),
    // The variables CDK sets: every table of the catalog, the files bucket.
    ...Object.fromEntries(SERVICES.flatMap((s) => [...s.tables, ...(s.reads ?? [])]).map((t) => [t.envVar, physicalTableName('nghean', t)])),
    [FILES_BUCKET_ENV]: 'tinhso-nghean-files',
    // What CDK adds for the catalog's flags: the platform's exchange hub (`exchange`) and the video provider (`video`).
    // Nothing reads them at load; the Jitsi secret is fetched at the first join.
    [exchangeTable.envVar]: physicalTableName('platform', exchangeTable),
    // The platform's usage table, which every tenant function writes its consumption to (and uploads reads, for the
    // storage quota).
    [usageTable.envVar]: physicalTableName('platform', usageTable),
    [EXCHANGE_BUCKET_ENV]: 'tinhso-platform-exchange',
    [EXCHANGE_TENANTS_ENV]: JSON.stringify(exchangeTenantsOf(TENANTS)),
    [EXCHANGE_KEY_ID_ENV]: 'arn:aws:kms:ap-southeast-1:000000000000:key/00000000-0000-0000-0000-000000000000',
    // Mail's transport, as CDK sets it (SES); the SES client is made at load but calls nothing.
    MAIL_TRANSPORT: 'ses',
    [VIDEO_ENV.provider]: 'jitsi',
    [VIDEO_ENV.jitsiDomain]: 'meet.nghean.gov.vn',
    [VIDEO_ENV.jitsiAppId]: 'tinhso-nghean',
    [VIDEO_ENV.jitsiSecretArn]: 'arn:aws:secretsmanager:ap-southeast-1:000000000000:secret:tinhso/nghean/jitsi-app-secret',
    AWS_REGION: 'ap-southeast-1',
    AWS_DEFAULT_REGION: 'ap-southeast-1',
    AWS_ACCESS_KEY_ID: 'AKIDBENCHDUMMY000000',
    AWS_SECRET_ACCESS_KEY: 'bench-dummy-secret-access-key-0000000000',
    AWS_SESSION_TOKEN: 'bench-dummy-session-token',
    AWS_CONFIG_FILE: join(sandbox, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(sandbox, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    // No AWS_EXECUTION_ENV: Powertools Tracer stays disabled, so X-Ray sends nothing (it would go to a UDP daemon).
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  };
}

function summarize(target: Target, built: BuiltBundle, samples: Sample[], baseline: Sample[] | undefined): BundleResult {
  const measured = target.probe ? 'request' : 'load';
  const at = (s: Sample) => (measured === 'request' ? s.respondedAtMs : s.loadedAtMs);
  const median = quantile(samples.map(at), 0.5);
  // The baseline is always invoked; a load-only bundle is compared with the baseline's load.
  const baselineMedian = baseline ? quantile(baseline.map(at), 0.5) : median;
  const statuses = [...new Set(samples.map((s) => s.status))];
  const status = statuses.length === 1 ? statuses[0]! : statuses.join(',');
  const expectedStatus = target.probe?.expectedStatus ?? 'loaded';
  const overheadMs = median - baselineMedian;
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    name: target.name,
    entry: target.entry,
    kind: target.kind,
    measured,
    ...(target.probe ? { request: target.probe.routeKey } : {}),
    bytes: built.bytes,
    gzipBytes: built.gzipBytes,
    mapBytes: built.mapBytes,
    coldStartMedianMs: round(median),
    coldStartP90Ms: round(quantile(samples.map(at), 0.9)),
    overheadMs: round(overheadMs),
    status,
    expectedStatus,
    statusOk: status === expectedStatus,
    bootMedianMs: round(quantile(samples.map((s) => s.bootMs), 0.5)),
    loadMedianMs: round(quantile(samples.map((s) => s.loadMs), 0.5)),
    invokeMedianMs: round(quantile(samples.map((s) => s.invokeMs), 0.5)),
    withinSizeBudget: built.bytes <= BUDGET.bytes,
    withinColdStartBudget: overheadMs <= BUDGET.overheadMs,
    topInputs: built.topInputs,
    topPackages: built.topPackages,
    network: [...new Set(samples.flatMap((s) => s.network))],
  };
}

async function main(): Promise<number> {
  const runs = runsFromEnv();
  const list = targets();

  const built = new Map<string, BuiltBundle>();
  for (const t of list) {
    const bundle = await buildBundle(ROOT, t.entry, outfileFor(BUILD_DIR, t.name));
    built.set(t.name, bundle);
    console.log(`built ${t.name.padEnd(10)} ${(bundle.bytes / 1024).toFixed(1).padStart(8)} KB  (${t.entry})`);
  }

  // The children run copies outside the repository, so a bundle cannot quietly require from ./node_modules.
  const sandbox = mkdtempSync(join(tmpdir(), 'tinhso-bench-'));
  try {
    const script = join(sandbox, 'cold-start.cjs');
    writeChildScript(script);
    const jobs = list.map((t) => {
      mkdirSync(join(sandbox, t.name));
      const bundle = join(sandbox, t.name, 'index.cjs');
      copyFileSync(built.get(t.name)!.outfile, bundle);
      copyFileSync(`${built.get(t.name)!.outfile}.map`, `${bundle}.map`);
      return { target: t, samples: [] as Sample[], job: { script, bundle, name: t.name, cwd: sandbox, env: childEnv(sandbox, t.name) } };
    });

    // Round-robin, so that drift on the machine (other load, thermal) spreads over every bundle alike.
    for (let run = -WARMUP_RUNS; run < runs; run++) {
      for (const j of jobs) {
        const event = j.target.probe ? httpEvent(j.target.probe, `bench-${j.target.name}-${run}`) : undefined;
        const sample = coldStart({ ...j.job, event });
        if (run >= 0) j.samples.push(sample);
      }
      if (run >= 0 && process.stdout.isTTY) process.stdout.write(`\rcold starts: ${run + 1}/${runs}`);
    }
    console.log(`${process.stdout.isTTY ? '\r' : ''}cold starts: ${runs} runs of ${jobs.length} bundles (after ${WARMUP_RUNS} warm-up)`);

    const baseline = jobs.find((j) => j.target.kind === 'baseline')!.samples;
    const results: Results = {
      date: new Date().toISOString(),
      node: process.version,
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      cpuCount: cpus().length,
      platform: `${process.platform}-${process.arch}`,
      esbuild: esbuildVersion,
      runs,
      warmupRuns: WARMUP_RUNS,
      budgets: BUDGET,
      bundles: jobs.map((j) => summarize(j.target, built.get(j.target.name)!, j.samples, j.target.kind === 'baseline' ? undefined : baseline)),
    };

    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'bundles.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(RESULTS_DIR, 'bundles.md'), `${markdown(results)}\n`);
    console.log(`\n${markdownTable(results)}\n`);
    const wrong = results.bundles.filter((b) => !b.statusOk || b.network.length > 0);
    for (const b of wrong) console.warn(`bench: ${b.name} answered ${b.status} (expected ${b.expectedStatus})${b.network.length ? `, network handles: ${b.network.join(', ')}` : ''}`);
    console.log('Written: bench/results/bundles.json, bench/results/bundles.md');
    // A wrong answer means the run measured something else (an error path): the numbers are not to be trusted.
    return wrong.length > 0 ? 1 : 0;
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
