// Runs `local/start.ts` as a child process, the way a developer runs `npm start`, and waits until it is ready.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
export const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
export const START = join(ROOT, 'local', 'start.ts');

export interface LocalSuiteProcess {
  child: ChildProcess;
  suiteFile: string;
  output: () => string;
  /** SIGTERM, as Ctrl-C would, and wait for it to exit; `keepData` leaves the data folder for a restart. */
  stop(keepData?: boolean): Promise<number | null>;
}

const FREE_PORTS = { PORT: '0', DYNAMODB_PORT: '0', S3_PORT: '0', COGNITO_PORT: '0', SMTP_PORT: '0' };

export async function startLocalSuite(env: Record<string, string> & { DATA_DIR: string }, timeoutMs = 120_000): Promise<LocalSuiteProcess> {
  const suiteFile = join(env.DATA_DIR, 'suite.json');
  rmSync(suiteFile, { force: true });
  // Node itself with tsx's loader, not tsx's CLI: the CLI relays SIGTERM to a child process and, when the child's
  // acknowledgement takes over 30 ms (a busy CI machine), kills it with SIGKILL and exits 143 — no clean shutdown.
  const child = spawn(process.execPath, ['--import', 'tsx', START], {
    env: { ...process.env, ...FREE_PORTS, ...env, LOG_LEVEL: 'ERROR' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + timeoutMs;
  while (!(existsSync(suiteFile) && output.includes('running at'))) {
    if (child.exitCode !== null) throw new Error(`The local suite exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The local suite was not ready within ${timeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    suiteFile,
    output: () => output,
    async stop(keepData = false) {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      if (!keepData) rmSync(env.DATA_DIR, { recursive: true, force: true });
      return code;
    },
  };
}
