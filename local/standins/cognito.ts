// Cognito: cognito-local, its state under .data/cognito. Its Lambda triggers call the local gateway's
// Lambda Invoke endpoint, so the sign-up trigger runs the very handler Cognito runs in AWS.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Children } from '../children';
import { waitForPort } from '../net';
import { USER_POOL_TRIGGERS } from '#functions/index';

export async function startCognito(children: Children, port: number, dataDir: string, gatewayUrl: string): Promise<void> {
  mkdirSync(join(dataDir, '.cognito'), { recursive: true });
  writeFileSync(join(dataDir, '.cognito', 'config.json'), JSON.stringify({
    LambdaClient: { endpoint: gatewayUrl, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
    TriggerFunctions: { PostConfirmation: USER_POOL_TRIGGERS.postConfirmation.name },
  }, null, 2));
  const bin = join(dirname(createRequire(import.meta.url).resolve('cognito-local/package.json')), 'lib', 'bin', 'start.js');
  const child = children.start('cognito-local', process.execPath, [bin], {
    cwd: dataDir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
  });
  await waitForPort(port, 'cognito-local', 30_000, () => (child.exitCode !== null ? `exit code ${child.exitCode}` : undefined));
}
