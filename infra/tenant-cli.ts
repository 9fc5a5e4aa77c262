// `npm run tenant -- add --id <id> --province <code> --name "<name>" --domain <domain> --plan <plan> …`: onboards a
// province (docs/operations.md, Onboarding). It validates the tenant file as synth does (TenantFile), refuses an id or a
// domain that a file in tenants/ already has, registers the tenant in the platform's registry where one answers, writes
// tenants/<id>.json, and prints the next step. Nothing is written when anything is refused.
//
// Where it registers: `--aws` → the `platform-tenants` table in AWS with the operator's credentials; otherwise a running
// local suite (DATA_DIR/suite.json, its DynamoDB Local answering); otherwise AWS when credentials are configured in the
// environment (AWS_PROFILE or AWS_ACCESS_KEY_ID); otherwise nowhere yet: `npm start` registers every tenant file, and
// `npm run tenant -- register --id <id> --aws` registers an existing file in AWS later.
import { existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoRegistryStore, type CreateOutcome } from '#functions/platform/store';
import { recordOf } from '#functions/platform/tenants';
import { systemClock } from '#shared/clock';
import { PLANS_DATA } from '#shared/plans';
import { TenantFile, type Tenant } from '#shared/tenant';
import { PLATFORM_REGION, TENANT_REGISTRY_TABLE_NAME } from './platform';
import { parseTenantFile, TenantFileError, TENANTS_DIR } from './tenants';

/** Each field of a tenant file and the option that sets it, so that an error names what the operator typed. */
const OPTION_OF: Record<string, string> = {
  id: '--id', provinceCode: '--province', name: '--name', domain: '--domain', plan: '--plan', rootAgency: '--root-agency',
  services: '--services', tier: '--tier', region: '--region', note: '--note',
};

const USAGE = `Usage: npm run tenant -- add --id <id> --province <code> --name "<official name>" --domain <domain> --plan <basic|standard|premium>
         --root-agency <agency code, e.g. 000.00.00.H41> [--services directory,dossiers,…] [--tier dedicated|shared]
         [--region ap-southeast-1] [--note "<text>"] [--aws]
       npm run tenant -- register --id <id> [--aws]     (registers the tenant of an existing tenants/<id>.json)`;

export class CliError extends Error {}

export interface AddOptions {
  id?: string;
  province?: string;
  name?: string;
  domain?: string;
  plan?: string;
  rootAgency?: string;
  services?: string;
  tier?: string;
  region?: string;
  note?: string;
}

const REQUIRED = ['id', 'provinceCode', 'name', 'domain', 'plan', 'rootAgency'] as const;
type RequiredField = (typeof REQUIRED)[number];

const fieldError = (field: string, message: string) => `${OPTION_OF[field] ?? field} (field "${field}"): ${message}`;

/** The tenant file the options describe, validated; every problem named by its option and field. */
export function tenantFromOptions(options: AddOptions): Tenant {
  const plan = options.plan ?? '';
  // The plan's services unless said; with an unknown plan, the plan's own error is the one to read.
  const planServices = (PLANS_DATA as Record<string, { services: readonly string[] } | undefined>)[plan]?.services ?? ['directory'];
  const candidate = {
    id: options.id,
    name: options.name,
    provinceCode: options.province,
    domain: options.domain?.toLowerCase(),
    rootAgency: options.rootAgency,
    tier: options.tier ?? 'dedicated',
    plan: options.plan,
    services: options.services === undefined ? [...planServices] : options.services.split(',').map((s) => s.trim()).filter(Boolean),
    region: options.region ?? PLATFORM_REGION,
    ...(options.note === undefined ? {} : { note: options.note }),
  };
  const missing = new Set(REQUIRED.filter((field) => candidate[field] === undefined));
  const result = TenantFile.safeParse(candidate);
  if (!result.success || missing.size) {
    const issues = (result.error?.issues ?? []).map((i) => String(i.path[0] ?? '(root)'));
    const lines = [...missing].map((field) => fieldError(field, 'required'));
    for (const [index, issue] of (result.error?.issues ?? []).entries()) {
      if (!missing.has(issues[index] as RequiredField)) lines.push(fieldError(issues[index]!, issue.message));
    }
    throw new CliError(lines.join('\n'));
  }
  return result.data;
}

/** Refuses an id or a domain that a tenant file of `dir` already has. */
export function assertUnused(dir: string, tenant: Tenant): void {
  const problems: string[] = [];
  const file = join(dir, `${tenant.id}.json`);
  if (existsSync(file)) problems.push(fieldError('id', `the tenant "${tenant.id}" exists already (${file})`));
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== `${tenant.id}.json`)) {
    let domain: unknown;
    try {
      domain = (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { domain?: unknown }).domain;
    } catch {
      continue; // an unreadable file is synth's to report, not a domain taken
    }
    if (typeof domain === 'string' && domain.toLowerCase() === tenant.domain) {
      problems.push(fieldError('domain', `${tenant.domain} belongs to the tenant of ${join(dir, name)}`));
    }
  }
  if (problems.length) throw new CliError(problems.join('\n'));
}

/** The file as the others in tenants/ look: two-space JSON, the services on one line. */
export function tenantFileText(tenant: Tenant): string {
  const ordered = {
    id: tenant.id, name: tenant.name, provinceCode: tenant.provinceCode, domain: tenant.domain, rootAgency: tenant.rootAgency,
    tier: tenant.tier, plan: tenant.plan, services: tenant.services, region: tenant.region,
    ...(tenant.video ? { video: tenant.video } : {}),
    ...(tenant.note ? { note: tenant.note } : {}),
  };
  return `${JSON.stringify(ordered, null, 2).replace(/"services": \[[^\]]*\]/, `"services": ${JSON.stringify(tenant.services).replace(/,/g, ', ')}`)}\n`;
}

interface RegistryTarget {
  where: string;
  client: DynamoDBClient;
}

/** DynamoDB Local of the running suite, when DATA_DIR/suite.json names one and it answers for the registry table. */
async function localRegistry(): Promise<RegistryTarget | undefined> {
  const dataDir = resolve(process.env.DATA_DIR || join(import.meta.dirname, '..', '.data'));
  const suiteFile = join(dataDir, 'suite.json');
  if (!existsSync(suiteFile)) return undefined;
  let endpoint: string | undefined;
  try {
    endpoint = (JSON.parse(readFileSync(suiteFile, 'utf8')) as { endpoints?: { dynamodb?: string } }).endpoints?.dynamodb;
  } catch {
    return undefined;
  }
  if (!endpoint) return undefined;
  // DynamoDB Local runs with -sharedDb: any credentials and region see the same tables.
  const client = new DynamoDBClient({ endpoint, region: PLATFORM_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  try {
    await client.send(new DescribeTableCommand({ TableName: TENANT_REGISTRY_TABLE_NAME }), { abortSignal: AbortSignal.timeout(2000) });
    return { where: `the local suite's registry (${endpoint})`, client };
  } catch {
    client.destroy(); // a suite.json left by a suite that has stopped
    return undefined;
  }
}

function awsRegistry(): RegistryTarget {
  return { where: `the platform's registry in AWS (${TENANT_REGISTRY_TABLE_NAME}, ${PLATFORM_REGION})`, client: new DynamoDBClient({ region: PLATFORM_REGION }) };
}

const awsCredentialsConfigured = (): boolean => Boolean(process.env.AWS_PROFILE || process.env.AWS_ACCESS_KEY_ID);

async function register(target: RegistryTarget, tenant: Tenant): Promise<CreateOutcome> {
  const db = DynamoDBDocumentClient.from(target.client, { marshallOptions: { removeUndefinedValues: true } });
  try {
    return await dynamoRegistryStore(db, TENANT_REGISTRY_TABLE_NAME).create(recordOf(tenant, systemClock()));
  } finally {
    target.client.destroy();
  }
}

/**
 * Registers `tenant` where a registry answers (see the top of this file): the line to print, or undefined when no
 * registry was reachable (`required`: a CliError instead). An id or a domain the registry has already is refused.
 */
async function registerWhereReachable(tenant: Tenant, aws: boolean, required: boolean): Promise<string | undefined> {
  const target = aws ? awsRegistry() : (await localRegistry()) ?? (awsCredentialsConfigured() ? awsRegistry() : undefined);
  if (!target) {
    if (required) throw new CliError('Registry: no local suite answers and --aws was not given; nothing was registered.');
    return undefined;
  }
  let outcome: CreateOutcome;
  try {
    outcome = await register(target, tenant);
  } catch (err) {
    const why = `${(err as Error).name}: ${(err as Error).message}`;
    // Asked for (--aws, or `register`): its failure is the answer. Chosen because credentials happened to be set: pending.
    if (aws || required) throw new CliError(`Registry: could not register in ${target.where}: ${why}. Nothing was written.`);
    return `Registry: pending. ${target.where} did not take it (${why}).`;
  }
  if (outcome === 'id-taken') throw new CliError(fieldError('id', `the tenant "${tenant.id}" is registered already in ${target.where}`));
  if (outcome === 'domain-taken') throw new CliError(fieldError('domain', `${tenant.domain} belongs to another tenant of ${target.where}`));
  return `Registry: registered (active, plan ${tenant.plan}) in ${target.where}.`;
}

const PENDING_HINT = '`npm start` registers every tenant file at its next start; in AWS: `npm run tenant -- register --id <id> --aws` once the platform is deployed.';

/** `add`: returns the lines to print; throws CliError for anything refused (nothing written then). */
export async function add(options: AddOptions & { aws?: boolean }, dir: string): Promise<string[]> {
  const tenant = tenantFromOptions(options);
  assertUnused(dir, tenant);
  const registered = (await registerWhereReachable(tenant, options.aws ?? false, false))
    ?? 'Registry: pending. No local suite answers and no AWS credentials were given (--aws).';

  const file = join(dir, `${tenant.id}.json`);
  writeFileSync(file, tenantFileText(tenant), { flag: 'wx' });
  return [
    `Wrote ${relative(process.cwd(), file) || file}: ${tenant.name} (${tenant.provinceCode}), ${tenant.domain}, plan ${tenant.plan}, services ${tenant.services.join(', ')}.`,
    registered.startsWith('Registry: pending') ? `${registered} ${PENDING_HINT.replace('<id>', tenant.id)}` : registered,
    `Next: npx cdk deploy -c tenant=${tenant.id}   (then DNS and SES DKIM, the first administrator: docs/operations.md)`,
  ];
}

/** `register`: registers the tenant of an existing file (one added while no registry answered). */
export async function registerFile(id: string | undefined, aws: boolean, dir: string): Promise<string[]> {
  if (!id) throw new CliError(fieldError('id', 'required'));
  const file = join(dir, `${id}.json`);
  if (!existsSync(file)) throw new CliError(fieldError('id', `no tenant file ${file}`));
  let tenant: Tenant;
  try {
    tenant = parseTenantFile(file, readFileSync(file, 'utf8'));
  } catch (err) {
    if (err instanceof TenantFileError) throw new CliError(err.message);
    throw err;
  }
  return [(await registerWhereReachable(tenant, aws, true))!];
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'add' && command !== 'register') {
    process.stderr.write(`${command === undefined ? 'No command.' : `Unknown command "${command}".`}\n${USAGE}\n`);
    return 1;
  }
  let values: AddOptions & { aws?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        id: { type: 'string' }, province: { type: 'string' }, name: { type: 'string' }, domain: { type: 'string' }, plan: { type: 'string' },
        'root-agency': { type: 'string' }, services: { type: 'string' }, tier: { type: 'string' }, region: { type: 'string' },
        note: { type: 'string' }, aws: { type: 'boolean' },
      },
    }) as unknown as { values: AddOptions & { aws?: boolean } & { 'root-agency'?: string } });
    values.rootAgency = (values as { 'root-agency'?: string })['root-agency'];
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 1;
  }
  try {
    const dir = resolve(process.env.TENANTS_DIR || TENANTS_DIR);
    const lines = command === 'add' ? await add(values, dir) : await registerFile(values.id, values.aws ?? false, dir);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    process.stderr.write(`Refused${command === 'add' ? ', nothing written' : ''}:\n${err.message}\n`);
    return 1;
  }
}

/** True when this file is the program (`tsx infra/tenant-cli.ts`), false when imported. */
function invokedDirectly(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  });
}
