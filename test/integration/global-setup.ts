// Starts the local suite once per test run, exactly as `npm start` does (in-memory DynamoDB, free ports,
// a temporary data folder), and tells the tests where it is through SUITE_FILE.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalSuite } from './process';

export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tinhso-test-'));
  const suite = await startLocalSuite({ DATA_DIR: dataDir, TINHSO_EPHEMERAL: '1' });
  (globalThis as { tinhsoSuite?: typeof suite }).tinhsoSuite = suite;
  process.env.SUITE_FILE = suite.suiteFile;
}
