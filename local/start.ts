// `npm start`: the whole suite locally. Ends with one clear line for the problems a newcomer meets.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LOCAL_OPERATOR_EMAIL } from '#infra/identity';
import { TenantFileError } from '#infra/tenants';
import { ConfigError } from '#shared/config';
import { demoAccounts } from './seed';
import { PortTakenError } from './net';
import { checkJava, JavaMissingError } from './standins/dynamodb';
import { startSuite, type RunningSuite } from './suite';

// Node 20 works locally; the SDK's notice that later SDK versions need Node 22 is in the README, not on every start.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const env = (name: string, fallback: string) => process.env[name] || fallback;
const port = (name: string, fallback: number) => {
  const value = Number(env(name, String(fallback)));
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new ConfigError(`${name} must be a port number (0–65535)`);
  return value;
};

const dataDir = resolve(env('DATA_DIR', join(import.meta.dirname, '..', '.data')));
const lockFile = join(dataDir, 'suite.lock');

function fail(message: string): never {
  console.error(`Tỉnh Số: ${message}`);
  process.exit(1);
}

/** One suite per data folder: a second `npm start` says where the first one runs. */
function takeLock(): void {
  mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      closeSync(openSync(lockFile, 'wx'));
      writeFileSync(lockFile, String(process.pid));
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(lockFile, 'utf8'));
      const alive = pid > 0 && (() => { try { process.kill(pid, 0); return true; } catch { return false; } })();
      if (alive) fail(`already running (process ${pid}) with data in ${dataDir}: use that one, or stop it with Ctrl-C first.`);
      rmSync(lockFile, { force: true }); // left by a suite that was killed
    }
  }
  fail(`could not take the lock ${lockFile}`);
}

async function main(): Promise<void> {
  let suite: RunningSuite | undefined;
  try {
    const options = {
      dataDir,
      ephemeral: env('TINHSO_EPHEMERAL', '') === '1',
      ports: { gateway: port('PORT', 3000), dynamodb: port('DYNAMODB_PORT', 8000), s3: port('S3_PORT', 4569), cognito: port('COGNITO_PORT', 9229), smtp: port('SMTP_PORT', 2525) },
      demoPassword: env('DEMO_PASSWORD', 'TinhSo@2026'),
      tenantsDir: process.env.TENANTS_DIR || undefined,
      // SEED=off: no demo data, e.g. for a deployment an archive is imported into (docs/archive.md).
      seed: env('SEED', 'on') !== 'off',
      log: (line: string) => console.log(line),
    };
    checkJava();
    takeLock();
    let stopping = false;
    const shutdown = async () => {
      if (stopping) return;
      stopping = true;
      console.log('\nStopping Tỉnh Số…');
      await suite?.stop();
      rmSync(lockFile, { force: true });
      process.exit(0);
    };
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);

    suite = await startSuite(options);
    const smtp = `smtp://${suite.smtp.host}:${suite.smtp.port}`;
    writeFileSync(join(dataDir, 'suite.json'), JSON.stringify({ pid: process.pid, url: suite.url, endpoints: { ...suite.endpoints, smtp }, tenants: suite.tenants, operator: suite.operator }, null, 2));
    console.log(`\nTỉnh Số is running at ${suite.url}  (API: ${suite.url}/v1/health, ${suite.url}/v1/openapi.json)`);
    console.log(`Tenants: ${suite.tenants.map((t) => `${t.id} (${t.name})`).join(', ')}`);
    console.log(`Mail to the tenants' domains (e.g. canbo@${suite.tenants[0]?.domain ?? 'nghean.gov.vn'}): SMTP at ${smtp}, no sign-in`);
    console.log(`Demo accounts, password ${options.demoPassword === 'TinhSo@2026' ? 'TinhSo@2026' : '(from DEMO_PASSWORD)'}:`);
    for (const account of demoAccounts({ domain: '<tenant>.gov.vn' })) console.log(`  ${account.email.padEnd(26)} ${account.role}`);
    console.log(`  ${LOCAL_OPERATOR_EMAIL.padEnd(26)} operator (${suite.url}/platform/v1/tenants)`);
    console.log(`  e.g. ${suite.url}/v1/nghean/config ; stop with Ctrl-C\n`);
  } catch (err) {
    await suite?.stop();
    if (existsLockOwned()) rmSync(lockFile, { force: true });
    if (err instanceof PortTakenError || err instanceof JavaMissingError || err instanceof TenantFileError || err instanceof ConfigError) {
      fail(err.message);
    }
    fail(`${(err as Error).message} (logs of the stand-ins are in ${join(dataDir, 'logs')})`);
  }
}

function existsLockOwned(): boolean {
  try {
    return Number(readFileSync(lockFile, 'utf8')) === process.pid;
  } catch {
    return false;
  }
}

await main();
