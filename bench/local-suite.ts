// The local suite a bench runs against: started in a fresh ephemeral data folder, stopped and removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalSuite } from '../test/integration/process';
import { suiteInfo, type SuiteInfo } from '../test/integration/support';

export async function onLocalSuite(work: (info: SuiteInfo) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tinhso-bench-'));
  const suite = await startLocalSuite({ DATA_DIR: dataDir, TINHSO_EPHEMERAL: '1' });
  // The test helpers (api, signIn) find the suite through this file.
  process.env.SUITE_FILE = suite.suiteFile;
  try {
    await work(suiteInfo());
  } finally {
    await suite.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
