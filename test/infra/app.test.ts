// The app's shape: which stacks it builds, from which tenant files, and how it refuses bad input.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { buildApp, UnknownTenantError } from '#infra/app';
import { loadTenants, TENANTS_DIR, TenantFileError } from '#infra/tenants';
import { TenantStack } from '#infra/stacks/tenant-stack';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tinhso-app-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hue = (): Record<string, unknown> => JSON.parse(readFileSync(join(TENANTS_DIR, 'hue.json'), 'utf8')) as Record<string, unknown>;

/** A tenants directory holding one file. */
function tenantsDirWith(fileName: string, content: Record<string, unknown>): string {
  const tenantsDir = mkdtempSync(join(dir, 'tenants-'));
  writeFileSync(join(tenantsDir, fileName), JSON.stringify(content));
  return tenantsDir;
}

const stacksOf = (app: { node: { children: readonly unknown[] } }): Stack[] => app.node.children.filter((c): c is Stack => Stack.isStack(c));

describe('invalid tenant files stop the app, naming the file and the field', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['a province code that does not exist', 'hue.json', { ...hue(), provinceCode: '99' }, 'provinceCode'],
    ['a malformed root agency code', 'hue.json', { ...hue(), rootAgency: 'not-an-agency' }, 'rootAgency'],
    ['an id that differs from the file name', 'hue2.json', { ...hue(), id: 'hue' }, 'id'],
  ];

  it.each(cases)('%s', (_what, fileName, content, field) => {
    // Prepare
    const tenantsDir = tenantsDirWith(fileName, content);
    const file = join(tenantsDir, fileName);
    // Act
    const load = () => loadTenants(tenantsDir);
    const build = () => buildApp({ tenantsDir, outdir: join(dir, 'never') });
    // Assess
    for (const attempt of [load, build]) {
      expect(attempt).toThrow(TenantFileError);
      expect(attempt).toThrow(`${file}: field "${field}"`);
    }
  });
});

describe('stacks', () => {
  it('all tenants: the platform stack and one tenant stack per tenant file, each in its region', () => {
    // Prepare
    const tenants = loadTenants();
    // Act
    const { app, platform } = buildApp({ outdir: join(dir, 'all') });
    // Assess
    const stacks = stacksOf(app);
    expect(stacks.map((s) => s.stackName).sort()).toEqual(['TinhSo-Platform', ...tenants.map((t) => `TinhSo-Tenant-${t.id}`)].sort());
    expect(platform?.stackName).toBe('TinhSo-Platform');
    for (const tenant of tenants) {
      const stack = stacks.find((s) => s.stackName === `TinhSo-Tenant-${tenant.id}`) as TenantStack;
      expect(stack).toBeInstanceOf(TenantStack);
      expect(stack.region).toBe(tenant.region);
      expect(stack.tenant).toEqual(tenant);
      // Deployed after the platform, whose hub it names (an ordering, not a reference).
      expect(stack.dependencies).toEqual([platform]);
    }
  });

  it('-c tenant=hue: only that tenant\'s stack', () => {
    // Act
    const { app, platform, tenants } = buildApp({ context: { tenant: 'hue' }, outdir: join(dir, 'hue') });
    // Assess
    expect(stacksOf(app).map((s) => s.stackName)).toEqual(['TinhSo-Tenant-hue']);
    expect(platform).toBeUndefined();
    expect(tenants.map((t) => t.tenant.id)).toEqual(['hue']);
  });

  it('-c tenant=<unknown>: one clear error listing the known tenants', () => {
    // Prepare
    const known = loadTenants().map((t) => t.id).join(', ');
    // Act
    const build = () => buildApp({ context: { tenant: 'hanoi' }, outdir: join(dir, 'unknown') });
    // Assess
    expect(build).toThrow(UnknownTenantError);
    expect(build).toThrow(`Unknown tenant "hanoi" (-c tenant=...); known tenants: ${known}`);
  });
});

describe('the app as the CDK CLI runs it', () => {
  it('prints one line, no stack trace, and exits 1 for an unknown tenant', () => {
    // Prepare
    const outdir = join(dir, 'cli');
    mkdirSync(outdir);
    // Act
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'infra/app.ts'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ tenant: 'hanoi' }), CDK_OUTDIR: outdir },
    });
    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Unknown tenant "hanoi" \(-c tenant=\.\.\.\); known tenants: .*hue/)]);
  });
});
