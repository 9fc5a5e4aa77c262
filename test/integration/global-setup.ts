// Starts the local suite once per test run, exactly as `npm start` does (in-memory DynamoDB, free ports,
// a temporary data folder), and tells the tests where it is through SUITE_FILE.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalSuite } from './process';

export default async function globalSetup(): Promise<void> {
  // A suite already running (`npm start`, e.g. with WEB_DEV=1 while working on the web app): SUITE_FILE=<its
  // data folder>/suite.json runs the tests against it instead of starting one. Its data is not reset.
  if (process.env.SUITE_FILE && existsSync(process.env.SUITE_FILE)) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'tinhso-test-'));
  const suite = await startLocalSuite({ DATA_DIR: dataDir, TINHSO_EPHEMERAL: '1' });
  (globalThis as { tinhsoSuite?: typeof suite }).tinhsoSuite = suite;
  process.env.SUITE_FILE = suite.suiteFile;
}
