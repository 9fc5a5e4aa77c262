// `npm run tenant -- add …` as an operator runs it: a child process, a temporary tenants folder (TENANTS_DIR), no local
// suite (DATA_DIR without suite.json) and no AWS credentials, so that no registry is reachable.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Children } from '#local/children';
import { tableInput } from '#local/provision';
import { startDynamoDb } from '#local/standins/dynamodb';
import { registryTable } from '#shared/registry';
import { PLATFORM_DEPLOYMENT } from '#shared/exchange';
import { PLANS_DATA } from '#shared/plans';
import { parseTenantFile, TENANTS_DIR } from '#infra/tenants';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

let dir: string;
let tenantsDir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tinhso-tenant-cli-'));
  tenantsDir = join(dir, 'tenants');
  mkdirSync(tenantsDir);
  // One tenant already there: Huế (id hue, domain hue.gov.vn).
  copyFileSync(join(TENANTS_DIR, 'hue.json'), join(tenantsDir, 'hue.json'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI (asynchronously: a DynamoDB Local of this process may have to answer it). */
function tenantCli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TENANTS_DIR: tenantsDir, DATA_DIR: join(dir, 'data') };
  for (const name of Object.keys(env)) if (name.startsWith('AWS_')) delete env[name];
  const child = spawn(TSX, [join(ROOT, 'infra', 'tenant-cli.ts'), ...args], { cwd: ROOT, env, timeout: 60_000 });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  return new Promise((done) => child.on('close', (status) => done({ status, stdout, stderr })));
}

const CA_MAU = ['add', '--id', 'camau', '--province', '96', '--name', 'Cà Mau', '--domain', 'camau.gov.vn', '--plan', 'basic', '--root-agency', '000.00.00.H12'];

/** CA_MAU with one option's value replaced. */
const with_ = (option: string, value: string): string[] => {
  const args = [...CA_MAU];
  args[args.indexOf(option) + 1] = value;
  return args;
};

it('writes tenants/<id>.json (valid, the plan\'s services), reports the registration pending and prints the next step', async () => {
  // Act
  const out = await tenantCli(...CA_MAU);
  // Assess
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  const file = join(tenantsDir, 'camau.json');
  const tenant = parseTenantFile(file, readFileSync(file, 'utf8'));
  expect(tenant).toEqual({
    id: 'camau', name: 'Cà Mau', provinceCode: '96', domain: 'camau.gov.vn', rootAgency: '000.00.00.H12',
    tier: 'dedicated', plan: 'basic', services: [...PLANS_DATA.basic.services], region: 'ap-southeast-1',
  });
  expect(out.stdout).toMatch(/Registry: pending\..*npm start/);
  expect(out.stdout).toContain('npx cdk deploy -c tenant=camau');
});

it('takes the services, tier and region given', async () => {
  // Act
  const out = await tenantCli(...CA_MAU, '--services', 'directory,dossiers', '--tier', 'shared', '--region', 'ap-southeast-2');
  // Assess
  expect(out.status).toBe(0);
  const file = join(tenantsDir, 'camau.json');
  expect(parseTenantFile(file, readFileSync(file, 'utf8'))).toMatchObject({ services: ['directory', 'dossiers'], tier: 'shared', region: 'ap-southeast-2' });
});

it.each([
  ['an unknown province code', with_('--province', '99'), '--province (field "provinceCode")'],
  ['an id already taken', with_('--id', 'hue'), '--id (field "id")'],
  ['a domain already taken', with_('--domain', 'HUE.gov.vn'), '--domain (field "domain")'],
  ['an unknown plan', with_('--plan', 'gold'), '--plan (field "plan")'],
  ['a name that is not the province\'s official name', with_('--name', 'Ca Mau'), '--name (field "name")'],
  ['a service outside the plan', [...CA_MAU, '--services', 'directory,meetings'], '--services (field "services")'],
  ['no root agency', CA_MAU.slice(0, -2), '--root-agency (field "rootAgency"): required'],
])('refuses %s with exit code 1, naming the field, and writes nothing', async (_case, args, field) => {
  // Prepare
  const before = readdirSync(tenantsDir).sort();
  const hue = readFileSync(join(tenantsDir, 'hue.json'), 'utf8');
  // Act
  const out = await tenantCli(...args);
  // Assess
  expect(out.status).toBe(1);
  expect(out.stderr).toContain('Refused, nothing written');
  expect(out.stderr).toContain(field);
  expect(out.stdout).toBe('');
  expect(readdirSync(tenantsDir).sort()).toEqual(before);
  expect(readFileSync(join(tenantsDir, 'hue.json'), 'utf8')).toBe(hue);
});

it('refuses an unknown command or option with the usage', async () => {
  // Act
  const unknownCommand = await tenantCli('remove', '--id', 'hue');
  const unknownOption = await tenantCli(...CA_MAU, '--colour', 'blue');
  // Assess
  for (const out of [unknownCommand, unknownOption]) {
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('Usage: npm run tenant -- add');
  }
  expect(readdirSync(tenantsDir)).toEqual(['hue.json']);
});

it('register: refuses when no registry answers (the file stays as it was)', async () => {
  // Prepare
  const hue = readFileSync(join(tenantsDir, 'hue.json'), 'utf8');
  // Act
  const out = await tenantCli('register', '--id', 'hue');
  const missing = await tenantCli('register', '--id', 'camau');
  // Assess
  expect(out.status).toBe(1);
  expect(out.stderr).toContain('no local suite answers');
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain('--id (field "id"): no tenant file');
  expect(readFileSync(join(tenantsDir, 'hue.json'), 'utf8')).toBe(hue);
});

describe('with a local suite running', () => {
  let children: Children;
  let stateDir: string;
  let endpoint: string;
  const registryName = `${PLATFORM_DEPLOYMENT}-${registryTable.name}`;
  const client = () => new DynamoDBClient({ endpoint, region: 'ap-southeast-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

  beforeAll(async () => {
    // Prepare: DynamoDB Local in memory with the registry table, as `npm start` creates it.
    stateDir = mkdtempSync(join(tmpdir(), 'tinhso-tenant-cli-ddb-'));
    children = new Children(join(stateDir, 'logs'));
    const port = await new Promise<number>((done) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = server.address() as { port: number };
        server.close(() => done(free));
      });
    });
    await startDynamoDb(children, port, stateDir, true);
    endpoint = `http://127.0.0.1:${port}`;
    await client().send(new CreateTableCommand(tableInput(PLATFORM_DEPLOYMENT, registryTable)));
  }, 90_000);

  afterAll(async () => {
    await children.stopAll();
    rmSync(stateDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    // The suite's state file, as local/start.ts writes it.
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'suite.json'), JSON.stringify({ pid: process.pid, endpoints: { dynamodb: endpoint } }));
  });

  it('registers the tenant in its registry (active, on its plan) and writes the file', async () => {
    // Act
    const out = await tenantCli(...CA_MAU);
    // Assess
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('Registry: registered (active, plan basic) in the local suite\'s registry');
    const item = await DynamoDBDocumentClient.from(client()).send(new GetCommand({ TableName: registryName, Key: { pk: 'TENANT#camau', sk: 'PROFILE' } }));
    expect(item.Item).toMatchObject({ id: 'camau', status: 'active', plan: 'basic', domain: 'camau.gov.vn' });
    expect(readdirSync(tenantsDir).sort()).toEqual(['camau.json', 'hue.json']);
  });

  it('refuses an id the registry has already (a tenant whose file is gone), writing nothing', async () => {
    // Prepare: camau is registered by the test above; its file is not in this folder.
    expect(readdirSync(tenantsDir)).toEqual(['hue.json']);
    // Act
    const out = await tenantCli(...with_('--domain', 'camau2.gov.vn'));
    // Assess
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('--id (field "id"): the tenant "camau" is registered already');
    expect(readdirSync(tenantsDir)).toEqual(['hue.json']);
  });

  it('refuses a domain the registry gives another tenant, writing nothing', async () => {
    // Act
    const out = await tenantCli(...with_('--id', 'camaumoi'));
    // Assess
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('--domain (field "domain"): camau.gov.vn belongs to another tenant');
    expect(readdirSync(tenantsDir)).toEqual(['hue.json']);
  });

  it('register: registers the tenant of an existing file, once', async () => {
    // Act
    const first = await tenantCli('register', '--id', 'hue');
    const again = await tenantCli('register', '--id', 'hue');
    // Assess
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('Registry: registered (active, plan standard) in the local suite\'s registry');
    const item = await DynamoDBDocumentClient.from(client()).send(new GetCommand({ TableName: registryName, Key: { pk: 'TENANT#hue', sk: 'PROFILE' } }));
    expect(item.Item).toMatchObject({ id: 'hue', status: 'active', domain: 'hue.gov.vn' });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('--id (field "id"): the tenant "hue" is registered already');
  });

  it('reports the registration pending when suite.json names a suite that has stopped', async () => {
    // Prepare
    unlinkSync(join(dir, 'data', 'suite.json'));
    writeFileSync(join(dir, 'data', 'suite.json'), JSON.stringify({ endpoints: { dynamodb: 'http://127.0.0.1:9' } }));
    // Act
    const out = await tenantCli(...with_('--id', 'camaumoi'));
    // Assess
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/Registry: pending/);
  });
});
