// `npm start` for a newcomer: one clear line for each problem they meet, and data that survives a restart.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { START, TSX_CLI, startLocalSuite } from './process';
import { suiteInfo } from './support';

const ROOT = join(import.meta.dirname, '..', '..');

/** Runs `npm start`'s script to its end and returns what it printed. */
function runStart(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [TSX_CLI, START], {
    env: { ...process.env, PORT: '0', DYNAMODB_PORT: '0', S3_PORT: '0', COGNITO_PORT: '0', SMTP_PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr.trim(), lines: result.stderr.trim().split('\n') };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'tinhso-start-'));

describe('npm start, when something is in the way', () => {
  it('a second start on the same data says where the first one runs', () => {
    const running = dirname(process.env.SUITE_FILE!);
    const out = runStart({ DATA_DIR: running });
    expect(out.status).toBe(1);
    expect(out.lines).toEqual([expect.stringMatching(/^Tỉnh Số: already running \(process \d+\).*Ctrl-C/)]);
  });

  it('a taken port names the port and the variable that moves it', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const dir = tempDir();
    try {
      const out = runStart({ DATA_DIR: dir, PORT: String(port) });
      expect(out.status).toBe(1);
      expect(out.lines).toEqual([`Tỉnh Số: Port ${port} (the API gateway) is already in use: stop what uses it or choose another port with PORT=<port>.`]);
    } finally {
      blocker.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a machine without Java is told to install one', () => {
    const dir = tempDir();
    // PATH without java; node itself is called by its full path.
    const out = runStart({ DATA_DIR: dir, PATH: '/nonexistent' });
    rmSync(dir, { recursive: true, force: true });
    expect(out.status).toBe(1);
    expect(out.lines).toEqual([expect.stringMatching(/^Tỉnh Số: No Java runtime found: .*Java 17 or newer.*apt-get install/)]);
  });

  it('an invalid tenant file stops it, naming the file and the field', () => {
    // Prepare: the real tenants plus one with a province code that does not exist
    const dir = tempDir();
    const tenants = join(dir, 'tenants');
    mkdirSync(tenants);
    cpSync(join(ROOT, 'tenants', 'hue.json'), join(tenants, 'hue.json'));
    writeFileSync(join(tenants, 'bad.json'), JSON.stringify({
      id: 'bad', name: 'Nowhere', provinceCode: '99', domain: 'bad.gov.vn', rootAgency: '000.00.00.H99', tier: 'dedicated', plan: 'basic', services: ['directory'],
    }));
    // Act
    const out = runStart({ DATA_DIR: join(dir, 'data'), TENANTS_DIR: tenants });
    rmSync(dir, { recursive: true, force: true });
    // Assess
    expect(out.status).toBe(1);
    expect(out.stderr).toContain(`${join(tenants, 'bad.json')}: field "provinceCode"`);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('npm start, twice on the same data', () => {
  it('keeps what was written and seeds nothing twice', async () => {
    // Prepare: a suite with data on disk, one tenant to keep it quick
    const dir = tempDir();
    const tenants = join(dir, 'tenants');
    mkdirSync(tenants);
    cpSync(join(ROOT, 'tenants', 'quangtri.json'), join(tenants, 'quangtri.json'));
    const env = { DATA_DIR: join(dir, 'data'), TENANTS_DIR: tenants };
    const call = async (suiteFile: string, path: string, init: RequestInit = {}) => (await fetch(`${suiteInfo(suiteFile).url}${path}`, init)).json();
    const adminToken = async (suiteFile: string) => {
      const { auth } = suiteInfo(suiteFile).tenants[0]!;
      const res = await fetch(auth.endpoint!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
        body: JSON.stringify({ ClientId: auth.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'admin@quangtri.gov.vn', PASSWORD: 'TinhSo@2026' } }),
      });
      return ((await res.json()) as { AuthenticationResult: { IdToken: string } }).AuthenticationResult.IdToken;
    };
    try {
      const first = await startLocalSuite(env);
      let token = await adminToken(first.suiteFile);
      const created = await call(first.suiteFile, '/v1/quangtri/units', {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ code: '000.09.00.H50', name: 'Sở Khoa học và Công nghệ', level: 'department', parentCode: '000.00.00.H50' }),
      });
      const before = await call(first.suiteFile, '/v1/quangtri/users?limit=100', { headers: { authorization: `Bearer ${token}` } });
      // Act: Ctrl-C, then start again
      expect(await first.stop(true)).toBe(0);
      const second = await startLocalSuite(env);
      token = await adminToken(second.suiteFile);
      const unit = await call(second.suiteFile, '/v1/quangtri/units/000.09.00.H50', { headers: { authorization: `Bearer ${token}` } });
      const after = await call(second.suiteFile, '/v1/quangtri/users?limit=100', { headers: { authorization: `Bearer ${token}` } });
      await second.stop();
      // Assess
      expect(unit).toEqual(created);
      expect(after).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
