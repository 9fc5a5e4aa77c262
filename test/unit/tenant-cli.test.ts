// `npm run tenant -- add …` as an operator runs it: a child process, a temporary tenants folder (TENANTS_DIR), no local
// suite (DATA_DIR without suite.json) and no AWS credentials, so that no registry is reachable.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

function tenantCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, TENANTS_DIR: tenantsDir, DATA_DIR: join(dir, 'data') };
  for (const name of Object.keys(env)) if (name.startsWith('AWS_')) delete env[name];
  const out = spawnSync(TSX, [join(ROOT, 'infra', 'tenant-cli.ts'), ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

const CA_MAU = ['add', '--id', 'camau', '--province', '96', '--name', 'Cà Mau', '--domain', 'camau.gov.vn', '--plan', 'basic', '--root-agency', '000.00.00.H12'];

/** CA_MAU with one option's value replaced. */
const with_ = (option: string, value: string): string[] => {
  const args = [...CA_MAU];
  args[args.indexOf(option) + 1] = value;
  return args;
};

it('writes tenants/<id>.json (valid, the plan\'s services), reports the registration pending and prints the next step', () => {
  // Act
  const out = tenantCli(...CA_MAU);
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

it('takes the services, tier and region given', () => {
  // Act
  const out = tenantCli(...CA_MAU, '--services', 'directory,dossiers', '--tier', 'shared', '--region', 'ap-southeast-2');
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
])('refuses %s with exit code 1, naming the field, and writes nothing', (_case, args, field) => {
  // Prepare
  const before = readdirSync(tenantsDir).sort();
  const hue = readFileSync(join(tenantsDir, 'hue.json'), 'utf8');
  // Act
  const out = tenantCli(...args);
  // Assess
  expect(out.status).toBe(1);
  expect(out.stderr).toContain('Refused, nothing written');
  expect(out.stderr).toContain(field);
  expect(out.stdout).toBe('');
  expect(readdirSync(tenantsDir).sort()).toEqual(before);
  expect(readFileSync(join(tenantsDir, 'hue.json'), 'utf8')).toBe(hue);
});

it('refuses an unknown command or option with the usage', () => {
  // Act
  const unknownCommand = tenantCli('remove', '--id', 'hue');
  const unknownOption = tenantCli(...CA_MAU, '--colour', 'blue');
  // Assess
  for (const out of [unknownCommand, unknownOption]) {
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('Usage: npm run tenant -- add');
  }
  expect(readdirSync(tenantsDir)).toEqual(['hue.json']);
});
