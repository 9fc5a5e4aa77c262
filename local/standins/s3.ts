// S3: s3rver, its files under .data/s3.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Children } from '../children';
import { waitForPort } from '../net';

export async function startS3(children: Children, port: number, dataDir: string): Promise<void> {
  const bin = join(dirname(createRequire(import.meta.url).resolve('s3rver/package.json')), 'bin', 's3rver.js');
  const child = children.start('s3rver', process.execPath, [bin, '-d', dataDir, '-a', '127.0.0.1', '-p', String(port), '--silent']);
  await waitForPort(port, 's3rver', 30_000, () => (child.exitCode !== null ? `exit code ${child.exitCode}` : undefined));
}
